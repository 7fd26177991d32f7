import { afterEach, describe, expect, it, vi } from 'vitest';
import sample from '../../../../examples/acme/public/onboarding.json';
import { createGuidepost as init } from '../../src/createGuidepost';
import Guidepost, * as npm from '../../src/index';
import type { TrailEvent } from '../../src/index';

const flow = () => structuredClone(sample) as any;
const user = { id: 'u1', role: 'member', name: 'Max' };

afterEach(() => {
  document.body.innerHTML = '';
  localStorage.clear();
  vi.restoreAllMocks();
});

describe('the public API', () => {
  it('reports an invalid flow once, as flow_invalid, and resolves ready false', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const events: TrailEvent[] = [];
    const f = flow();
    f.paths['admin-setup'].activation = 'first-dashbord';
    const gp = init({ flow: f, user, onEvent: (e) => events.push(e) });
    expect(await gp.ready).toBe(false);
    expect(events.map((e) => [e.type, e.data?.path, e.data?.reason])).toEqual([
      ['flow_invalid', 'flow.paths.admin-setup.activation', "no task 'first-dashbord' in this path's quickStart; did you mean 'first-dashboard'?"],
    ]);
    expect(gp.trail()).toEqual(events);
    expect(error.mock.calls).toEqual([["[guidepost] flow.paths.admin-setup.activation: no task 'first-dashbord' in this path's quickStart; did you mean 'first-dashboard'?"]]);
    expect(gp.state().status).toBe('invalid');
  });

  it('records flow_invalid even for a flow whose id cannot be read (a getter that throws)', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const events: TrailEvent[] = [];
    const f = flow();
    Object.defineProperty(f, 'id', { enumerable: true, get: () => { throw new Error('no id for you'); } });
    const gp = init({ flow: f, user, onEvent: (e) => events.push(e) });
    expect(await gp.ready).toBe(false);
    expect(events.map((e) => [e.type, e.flow, e.data?.path])).toEqual([['flow_invalid', '', 'flow']]);
  });

  it('never throws into the host, whatever it is given', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const gp = init({ flow: flow(), user });
    await gp.ready;
    const calls = [
      () => gp.track(null as unknown as string), () => gp.signal('nope'), () => gp.on(5 as unknown as string, null as never),
      () => init({} as never), () => init(null as never), () => gp.signal('invite_accepted', Symbol('x')),
    ];
    for (const c of calls) expect(c).not.toThrow();
    expect(gp.trail().filter((e) => e.type === 'sdk_error').map((e) => e.data?.where)).toEqual(['track', 'signal', 'on']);
    expect(error).toHaveBeenCalled();
    gp.destroy();
  });

  it('queues calls made before the flow is ready, in order', async () => {
    const gp = init({ flow: flow(), user, storage: 'memory' });
    gp.track('report_created');
    gp.track('report_shared');
    await gp.ready;
    expect(gp.trail().map((e) => e.type).slice(-4)).toEqual(['step_completed', 'core_task_completed', 'step_completed', 'first_value_created']);
    gp.destroy();
  });

  it('reports each bad call, and a bad call made before the flow is ready spoils nothing queued after it', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const gp = init({ flow: flow(), user, storage: 'memory' });
    gp.signal('bogus_kind');
    gp.track('report_created');
    expect(await gp.ready).toBe(true);
    gp.track('');
    gp.track('');
    expect(gp.trail().map((e) => (e.type === 'sdk_error' ? `${e.type}:${e.data?.where}` : e.type)).slice(-5))
      .toEqual(['sdk_error:signal', 'step_completed', 'core_task_completed', 'sdk_error:track', 'sdk_error:track']);
    expect(error).toHaveBeenCalledTimes(3);
    gp.destroy();
  });

  it('reports traits that are not an object and an unknown storage, and goes on without them', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const gp = init({ flow: flow(), user: { ...user, traits: '{plan:pro}' as never }, storage: 'session' as never });
    expect(await gp.ready).toBe(true);
    expect(gp.trail().filter((e) => e.type === 'sdk_error').map((e) => e.data?.reason)).toEqual([
      'user.traits must be an object like { "plan": "pro" }, got "{plan:pro}"; going on without traits',
      "storage \"session\" is not 'local', 'memory' or { load, save }; using 'local'",
    ]);
    expect(error).toHaveBeenCalledTimes(2);
    gp.destroy();
  });

  it("gives the host's callbacks and trail() copies: changing them changes neither the trail nor what is stored", async () => {
    const gp = init({ flow: flow(), user, storage: 'memory', onEvent: (e) => { (e as { type: string }).type = `x:${e.type}`; delete (e as { id?: string }).id; } });
    gp.on('*', (e) => { (e as { seq: number }).seq = -1; });
    await gp.ready;
    gp.trail()[0].type = 'changed';
    const t = gp.trail();
    expect([t[0].type, t.every((e) => typeof e.id === 'string' && e.seq > 0)]).toEqual(['flow_started', true]);
    gp.destroy();
  });

  it('a throwing listener does not stop the others and is reported', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const seen: string[] = [];
    const gp = init({ flow: flow(), user, storage: 'memory', onEvent: () => { throw new Error('host bug'); } });
    gp.on('*', (e) => seen.push(e.type));
    await gp.ready;
    expect(seen).toEqual(['flow_started', 'segment_assigned', 'welcome_viewed', 'sdk_error']);
    expect(gp.trail().filter((e) => e.type === 'sdk_error').map((e) => [e.data?.where, e.data?.reason])).toEqual([['onEvent', 'host bug']]);
    gp.destroy();
  });

  it('falls back to memory when storage throws, with one sdk_error', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const broken = { load: () => { throw new Error('denied'); }, save: () => { throw new Error('full'); } };
    const gp = init({ flow: flow(), user, storage: broken });
    expect(await gp.ready).toBe(true);
    gp.track('report_created');
    expect(gp.trail().filter((e) => e.type === 'sdk_error').map((e) => e.data?.reason)).toEqual(['denied']);
    expect(gp.state().completed).toEqual(['create-report']);
    gp.destroy();
  });

  it('starts fresh from saved progress that is not a Guidepost record, reporting it once as sdk_error', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const unreadable = ['{not json', '"progress"', '[]', '{"v":2,"trail":[]}', '{"v":1,"trail":"[]"}', '{"v":1,"trail":[null]}', '{"v":1,"trail":[{}]}'];
    const outcomes = [];
    for (const text of unreadable) {
      const gp = init({ flow: flow(), user, storage: { load: () => text, save: () => {} } });
      outcomes.push([text, await gp.ready, gp.state().status, gp.trail().filter((e) => e?.type === 'sdk_error').map((e) => e.data?.where)]);
      gp.destroy();
    }
    expect(outcomes).toEqual(unreadable.map((text) => [text, true, 'welcome', ['storage (starting fresh)']]));
    // the same from local storage (the default), and nothing to report when nothing was saved
    localStorage.setItem(`guidepost:${sample.id}:${user.id}`, '{not json');
    const local = init({ flow: flow(), user });
    const fresh = init({ flow: flow(), user: { ...user, id: 'u2' } });
    const reasons = async (gp: typeof local) => (await gp.ready, gp.trail().filter((e) => e.type === 'sdk_error').map((e) => e.data?.reason));
    expect([await reasons(local), await reasons(fresh)]).toEqual([['saved progress is unreadable'], []]);
    local.destroy();
    fresh.destroy();
  });

  it('goes on with memory storage when load() does not answer within 3 s, with one sdk_error, and ignores a late answer', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    vi.useFakeTimers();
    try {
      // what an earlier page view saved: the flow dismissed
      const saved = new Map<string, string>();
      const earlier = init({ flow: flow(), user, storage: { load: (k) => saved.get(k), save: (k, v) => void saved.set(k, v) } });
      await vi.advanceTimersByTimeAsync(0);
      earlier.dismiss();
      earlier.destroy();
      const record = [...saved.values()][0];
      expect(JSON.parse(record).progress.status).toBe('dismissed');

      let answer = (_v: string) => {};
      const save = vi.fn();
      const gp = init({ flow: flow(), user, storage: { load: () => new Promise<string>((ok) => (answer = ok)), save } });
      let ready: boolean | undefined;
      void gp.ready.then((r) => (ready = r));
      await vi.advanceTimersByTimeAsync(2999);
      expect(ready).toBeUndefined();
      await vi.advanceTimersByTimeAsync(1);
      expect([ready, gp.state().status]).toEqual([true, 'welcome']);
      gp.track('report_created');
      answer(record); // too late: progress made since stays, and nothing is written to that storage
      await vi.advanceTimersByTimeAsync(1000);
      expect([gp.state().status, gp.state().completed, save.mock.calls.length]).toEqual(['welcome', ['create-report'], 0]);
      expect(gp.trail().filter((e) => e.type === 'sdk_error').map((e) => [e.data?.where, e.data?.reason]))
        .toEqual([['storage (falling back to memory)', 'load() gave no answer within 3 s']]);
      gp.destroy();
    } finally {
      vi.useRealTimers();
    }
  });

  it('resumes from an async storage adapter without a second welcome', async () => {
    const saved = new Map<string, string>();
    const storage = { load: async (k: string) => saved.get(k), save: async (k: string, v: string) => void saved.set(k, v) };
    const a = init({ flow: flow(), user, storage });
    await a.ready;
    a.track('report_created');
    await new Promise((r) => setTimeout(r, 0));
    a.destroy();
    const b = init({ flow: flow(), user, storage });
    await b.ready;
    expect(b.state()).toMatchObject({ status: 'welcome', completed: ['create-report'] });
    expect(b.trail().filter((e) => e.type === 'welcome_viewed')).toHaveLength(1);
    b.destroy();
  });
});

describe('the npm module', () => {
  it('has the global API: init replaces the instance before it, and the shortcuts act on the current one', async () => {
    const seen: string[] = [];
    npm.track('report_created'); // before init: waits for it
    const off = npm.on('step_completed', (e) => seen.push(e.step!));
    const first = npm.init({ flow: flow(), user, storage: 'memory' });
    expect(await Guidepost.ready).toBe(true);
    const second = npm.init({ flow: flow(), user, storage: 'memory' });
    expect([first.state().status, document.querySelectorAll('guidepost-root').length]).toEqual(['destroyed', 0]);
    expect(await Guidepost.ready).toBe(true);
    expect(document.querySelectorAll('guidepost-root')).toHaveLength(1);
    npm.track('report_created');
    off();
    npm.track('report_shared');
    expect([seen, npm.state().completed, Guidepost.trail().length === second.trail().length]).toEqual([['create-report', 'create-report'], ['create-report', 'share-report'], true]);
    Guidepost.destroy();
    expect(npm.state().status).toBe('destroyed');
  });
});
