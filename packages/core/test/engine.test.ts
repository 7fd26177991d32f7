import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Trigger } from '../src/index';
import { acme, fakeClock, run, T0 } from './helpers';

beforeEach(fakeClock);
afterEach(() => vi.useRealTimers());

describe('a member walking the default path', () => {
  it('records the exact trail from welcome to activation', () => {
    const { engine, events, types } = run({ flow: acme() });
    engine.start();
    expect(engine.$state.get().status).toBe('welcome');
    engine.cta();
    engine.signal({ kind: 'click', selector: '[data-tour=nav-reports]' });
    vi.advanceTimersByTime(5000);
    engine.next();
    engine.signal({ kind: 'event', name: 'report_created' });
    vi.advanceTimersByTime(60_000);
    engine.signal({ kind: 'event', name: 'report_shared' });
    expect(types()).toEqual([
      'flow_started', 'segment_assigned', 'welcome_viewed', 'first_action_started',
      'step_viewed:open-reports', 'step_completed:open-reports', 'step_viewed:new-report', 'step_completed:new-report',
      'guided_path_completed:new-report', 'step_viewed:create-report', 'step_completed:create-report', 'core_task_completed:create-report',
      'step_viewed:share-report', 'step_completed:share-report', 'first_value_created:share-report',
    ]);
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
    expect(events.map((e) => [e.type, e.actor, e.from, e.to, e.basis])).toEqual([
      ['flow_started', 'system', 'new', 'started', 'init'],
      ['segment_assigned', 'system', 'unassigned', 'self-serve', 'default'],
      ['welcome_viewed', 'system', 'started', 'welcome', 'segment:self-serve'],
      ['first_action_started', 'u1', 'welcome', 'tour', 'cta'],
      ['step_viewed', 'u1', 'pending', 'viewed', 'cta'],
      ['step_completed', 'u1', 'viewed', 'completed', 'click:[data-tour=nav-reports]'],
      ['step_viewed', 'u1', 'pending', 'viewed', 'click:[data-tour=nav-reports]'],
      ['step_completed', 'u1', 'viewed', 'completed', 'next'],
      ['guided_path_completed', 'u1', 'tour', 'tasks', 'next'],
      ['step_viewed', 'u1', 'pending', 'viewed', 'guided_path_completed'],
      ['step_completed', 'u1', 'viewed', 'completed', 'event:report_created'],
      ['core_task_completed', 'u1', 'core_task_pending', 'core_task_completed', 'event:report_created'],
      ['step_viewed', 'u1', 'pending', 'viewed', 'event:report_created'],
      ['step_completed', 'u1', 'viewed', 'completed', 'event:report_shared'],
      ['first_value_created', 'u1', 'not_activated', 'activated', 'event:report_shared'],
    ]);
    const last = events.at(-1)!;
    expect(last.data).toEqual({ timeToValueMs: 65_000 });
    expect([last.flow, last.flowVersion, last.user, last.segment, last.path, last.at]).toEqual(['acme-analytics', 1, 'u1', 'self-serve', 'member-first-report', T0 + 65_000]);
    expect(engine.$state.get()).toEqual({
      segment: 'self-serve', path: 'member-first-report', status: 'done', step: null,
      completed: ['open-reports', 'new-report', 'create-report', 'share-report'],
      stall: null, exception: null, activatedAt: T0 + 65_000, timeToValueMs: 65_000,
    });
  });

  it('gives the time to value as exactly first_value_created.at − flow_started.at, on a clock that moves at every read', () => {
    let reads = 0;
    const { engine, events } = run({ flow: acme(), platform: { now: () => Date.now() + reads++, setTimer: () => () => {} } });
    engine.start();
    engine.dismiss();
    engine.signal({ kind: 'event', name: 'report_created' });
    engine.signal({ kind: 'event', name: 'report_shared' });
    const [started, value] = ['flow_started', 'first_value_created'].map((t) => events.find((e) => e.type === t)!);
    const { activatedAt, timeToValueMs } = engine.$state.get();
    expect([value.data, activatedAt, timeToValueMs]).toEqual([{ timeToValueMs: value.at - started.at }, value.at, value.at - started.at]);
  });

  it('skips the tour, goes back, and lets tasks complete in any order', () => {
    const { engine, types } = run({ flow: acme() });
    engine.start();
    engine.cta();
    engine.next();
    engine.back();
    engine.skip('escape');
    engine.signal({ kind: 'event', name: 'report_shared' });
    engine.signal({ kind: 'event', name: 'report_created' });
    expect(types().slice(3)).toEqual([
      'first_action_started', 'step_viewed:open-reports', 'step_completed:open-reports', 'step_viewed:new-report',
      'step_viewed:open-reports', 'tour_skipped:open-reports', 'step_viewed:create-report',
      'step_completed:share-report', 'first_value_created:share-report',
      'step_completed:create-report', 'core_task_completed:create-report',
    ]);
    expect(engine.$state.get().status).toBe('done');
  });

  it('dismisses to a collapsed Quick Start and resumes with start()', () => {
    const { engine, types } = run({ flow: acme() });
    engine.start();
    engine.dismiss();
    expect(engine.$state.get().status).toBe('dismissed');
    engine.signal({ kind: 'event', name: 'report_created' });
    engine.resume();
    expect(engine.$state.get().status).toBe('welcome');
    expect(types().slice(3)).toEqual(['flow_dismissed', 'step_completed:create-report', 'core_task_completed:create-report']);
  });

  it('shows the tour again from its first step on start() after it was skipped or finished, with no second milestone', () => {
    const { engine, types } = run({ flow: acme() });
    engine.start();
    engine.cta();
    engine.skip();
    engine.resume();
    expect(engine.$state.get()).toMatchObject({ status: 'tour', step: 'open-reports' });
    engine.next();
    engine.next();
    expect(engine.$state.get()).toMatchObject({ status: 'tasks', step: 'create-report' });
    engine.resume();
    engine.skip();
    const t = types();
    expect(t.slice(t.indexOf('tour_skipped:open-reports'))).toEqual(['tour_skipped:open-reports', 'step_viewed:create-report',
      'step_viewed:open-reports', 'step_completed:open-reports', 'step_viewed:new-report', 'step_completed:new-report', 'step_viewed:create-report',
      'step_viewed:open-reports', 'step_viewed:create-report']);
    expect(t.filter((x) => /^(guided_path_completed|tour_skipped|first_action_started)/.test(x))).toEqual(['first_action_started', 'tour_skipped:open-reports']);
  });

  it('completes on url, element, where-filtered events and all-triggers', () => {
    const flow = acme();
    const tasks = flow.paths['member-first-report'].quickStart!.tasks;
    tasks[0].complete = { all: [{ url: '/reports/*' }, { element: '.chart' }] };
    tasks[1].complete = { event: 'report_shared', where: { channel: 'slack' } };
    const { engine, types } = run({ flow, location: { pathname: '/' } });
    engine.start();
    engine.dismiss();
    engine.location({ pathname: '/reports/12' });
    expect(engine.$watch.get()).toEqual({ clicks: [], elements: ['.chart'], url: true });
    engine.signal({ kind: 'element', selector: '.chart' });
    engine.signal({ kind: 'event', name: 'report_shared', props: { channel: 'email' } });
    engine.signal({ kind: 'event', name: 'report_shared', props: { channel: 'slack' } });
    expect(types().slice(4)).toEqual(['step_completed:create-report', 'core_task_completed:create-report', 'step_completed:share-report', 'first_value_created:share-report']);
    expect(engine.$watch.get()).toEqual({ clicks: [], elements: [], url: false });
  });

  it('matches a url trigger that starts waiting against the route the platform reads now, not the last one watched', () => {
    // the host watches routes only while a url trigger waits: from /x/1 to /home it was not watching
    const flow = acme();
    const steps = flow.paths['member-first-report'].tour!.steps;
    steps[0].complete = { url: '/x/*' };
    steps.push({ ...steps[0], id: 'back-to-x' });
    let here = { pathname: '/' };
    const { engine, types } = run({ flow, platform: { now: () => Date.now(), setTimer: () => () => {}, location: () => here } });
    engine.start();
    engine.cta();
    engine.location((here = { pathname: '/x/1' }));
    expect(engine.$watch.get().url).toBe(false); // at new-report, completed by Next
    here = { pathname: '/home' };
    engine.next();
    expect([engine.$state.get().step, types().filter((t) => t.startsWith('step_completed'))]).toEqual(['back-to-x', ['step_completed:open-reports', 'step_completed:new-report']]);
    engine.location((here = { pathname: '/x/2' }));
    expect(types().filter((t) => t.endsWith(':back-to-x'))).toEqual(['step_viewed:back-to-x', 'step_completed:back-to-x', 'guided_path_completed:back-to-x']);
  });

  it('starts guidance at once on a path without a welcome', () => {
    const flow = acme();
    delete flow.paths['member-first-report'].welcome;
    const { engine, types, events } = run({ flow });
    engine.start();
    expect(types()).toEqual(['flow_started', 'segment_assigned', 'first_action_started', 'step_viewed:open-reports']);
    // no welcome was ever shown: the transition starts where the flow did
    expect(events.slice(0, 3).map((e) => [e.from, e.to])).toEqual([['new', 'started'], ['unassigned', 'self-serve'], ['started', 'tour']]);
  });

  it('moves on from a step the user went back to when its trigger fires, as Next does there (completed once)', () => {
    const { engine, events, types } = run({ flow: acme() });
    engine.start();
    engine.cta();
    engine.next();
    engine.back();
    engine.signal({ kind: 'click', selector: '[data-tour=nav-reports]' });
    expect(engine.$state.get()).toMatchObject({ status: 'tour', step: 'new-report', completed: ['open-reports'] });
    engine.back();
    engine.next();
    expect(types().slice(3)).toEqual([
      'first_action_started', 'step_viewed:open-reports', 'step_completed:open-reports', 'step_viewed:new-report',
      'step_viewed:open-reports', 'step_viewed:new-report', 'step_viewed:open-reports', 'step_viewed:new-report',
    ]);
    // the trigger's move is recorded as Next's is: the step it leads to, with the trigger as basis
    expect(events.slice(-4).map((e) => [e.step, e.actor, e.from, e.to, e.basis])).toEqual([
      ['open-reports', 'u1', 'pending', 'viewed', 'back'],
      ['new-report', 'u1', 'pending', 'viewed', 'click:[data-tour=nav-reports]'],
      ['open-reports', 'u1', 'pending', 'viewed', 'back'],
      ['new-report', 'u1', 'pending', 'viewed', 'next'],
    ]);
  });

  it('keeps a step the user went back to while its route or element is still there (no bounce forward)', () => {
    type E = ReturnType<typeof run>['engine'];
    const kinds: Array<[Trigger, (e: E) => void]> = [
      [{ url: '/reports/*' }, (e) => e.location({ pathname: '/reports/1' })],
      [{ element: '.chart' }, (e) => e.signal({ kind: 'element', selector: '.chart' })],
    ];
    for (const [complete, fire] of kinds) {
      const flow = acme();
      flow.paths['member-first-report'].tour!.steps[0].complete = complete;
      const { engine, types } = run({ flow, location: { pathname: '/' } });
      engine.start();
      engine.cta();
      fire(engine);
      expect(engine.$state.get()).toMatchObject({ status: 'tour', step: 'new-report' });
      engine.back();
      fire(engine);
      expect(engine.$state.get()).toMatchObject({ status: 'tour', step: 'open-reports' });
      engine.next();
      expect(types().slice(5)).toEqual(['step_completed:open-reports', 'step_viewed:new-report', 'step_viewed:open-reports', 'step_viewed:new-report']);
    }
  });

  it('is done when every task completes while the welcome is still open: the welcome closes', () => {
    const { engine, types } = run({ flow: acme() });
    engine.start();
    engine.signal({ kind: 'event', name: 'report_created' });
    // some tasks done: the welcome still leads to the tour and the rest
    expect(engine.$state.get()).toMatchObject({ status: 'welcome', step: null });
    engine.signal({ kind: 'event', name: 'report_shared' });
    expect(engine.$state.get()).toMatchObject({ status: 'done', step: null, completed: ['create-report', 'share-report'] });
    engine.cta();
    expect(engine.$state.get().status).toBe('done');
    expect(types().slice(3)).toEqual([
      'step_completed:create-report', 'core_task_completed:create-report', 'step_completed:share-report', 'first_value_created:share-report',
    ]);
  });

  it('takes the CTA to the tour and the remaining tasks when only some tasks completed at the welcome', () => {
    const { engine, types } = run({ flow: acme() });
    engine.start();
    engine.signal({ kind: 'event', name: 'report_shared' });
    engine.cta();
    engine.skip();
    expect(engine.$state.get()).toMatchObject({ status: 'tasks', step: 'create-report' });
    expect(types().slice(3)).toEqual([
      'step_completed:share-report', 'first_value_created:share-report', 'first_action_started', 'step_viewed:open-reports',
      'tour_skipped:open-reports', 'step_viewed:create-report',
    ]);
  });

  it('does not reopen the welcome for a user who finished every task after dismissing it', () => {
    const { engine } = run({ flow: acme() });
    engine.start();
    engine.dismiss();
    engine.signal({ kind: 'event', name: 'report_created' });
    engine.signal({ kind: 'event', name: 'report_shared' });
    expect(engine.$state.get().status).toBe('dismissed');
    engine.resume();
    expect(engine.$state.get().status).toBe('done');
  });

  it('ends an exception opened at the welcome in done when every task completed meanwhile', () => {
    const { engine } = run({ flow: acme() });
    engine.start();
    engine.hostSignal('workspace_blocked');
    engine.signal({ kind: 'event', name: 'report_created' });
    engine.signal({ kind: 'event', name: 'report_shared' });
    expect(engine.$state.get().status).toBe('blocked');
    engine.hostSignal('workspace_access_restored');
    expect(engine.$state.get()).toMatchObject({ status: 'done', exception: null });
  });

  it('keeps a tour the user is in when every task completes; its end is the end of onboarding', () => {
    const { engine, types } = run({ flow: acme() });
    engine.start();
    engine.cta();
    engine.signal({ kind: 'event', name: 'report_created' });
    engine.signal({ kind: 'event', name: 'report_shared' });
    expect(engine.$state.get()).toMatchObject({ status: 'tour', step: 'open-reports' });
    engine.next();
    engine.next();
    expect(engine.$state.get()).toMatchObject({ status: 'done', step: null });
    expect(types().slice(-2)).toEqual(['step_completed:new-report', 'guided_path_completed:new-report']);
  });

  it('records target_missing and moves on', () => {
    const { engine, types } = run({ flow: acme() });
    engine.start();
    engine.cta();
    engine.targetMissing('open-reports', '[data-tour=nav-reports]');
    expect(types().slice(5)).toEqual(['target_missing:open-reports', 'step_skipped:open-reports', 'step_viewed:new-report']);
  });
});

describe('time to value after reset()', () => {
  /** 10 minutes, reset(), 1 minute, a reload, 1 minute, then activation: 12 minutes from the first start */
  function activateAfterReset(edit: (progress: any) => void = () => {}) {
    const flow = acme();
    const a = run({ flow });
    a.engine.start();
    vi.advanceTimersByTime(10 * 60e3);
    a.engine.reset();
    vi.advanceTimersByTime(60e3);
    const progress = JSON.parse(JSON.stringify(a.engine.progress()));
    edit(progress);
    a.engine.stop();
    const b = run({ flow, progress, trail: a.engine.trail() });
    b.engine.start();
    vi.advanceTimersByTime(60e3);
    b.engine.signal({ kind: 'event', name: 'report_created' });
    b.engine.signal({ kind: 'event', name: 'report_shared' });
    const starts = b.engine.trail().filter((e) => e.type === 'flow_started').map((e) => e.at);
    return [starts, b.events.at(-1)!.data, b.engine.$state.get().timeToValueMs];
  }

  it("measures it from the user's first flow_started, which the trail keeps", () => {
    expect(activateAfterReset()).toEqual([[T0, T0 + 10 * 60e3], { timeToValueMs: 12 * 60e3 }, 12 * 60e3]);
  });

  it('takes the first flow_started from the trail for progress saved before the first start was kept across reset()', () => {
    expect(activateAfterReset((p) => (p.startedAt = T0 + 10 * 60e3))).toEqual([[T0, T0 + 10 * 60e3], { timeToValueMs: 12 * 60e3 }, 12 * 60e3]);
  });

  it('takes the first flow_started from the trail when saved progress cannot be used and the user starts over', () => {
    expect(activateAfterReset((p) => (p.path = 'gone'))).toEqual([[T0, T0 + 10 * 60e3, T0 + 11 * 60e3], { timeToValueMs: 12 * 60e3 }, 12 * 60e3]);
  });
});

describe('resume', () => {
  it('continues from a snapshot without repeating the welcome', () => {
    const flow = acme();
    const a = run({ flow });
    a.engine.start();
    a.engine.cta();
    a.engine.skip();
    a.engine.signal({ kind: 'event', name: 'report_created' });
    const progress = a.engine.progress();
    const trail = a.engine.trail();
    a.engine.stop();
    const b = run({ flow, progress: JSON.parse(JSON.stringify(progress)), trail });
    b.engine.start();
    expect(b.events).toEqual([]);
    expect(b.engine.$state.get().step).toBe('share-report');
    b.engine.signal({ kind: 'event', name: 'report_shared' });
    expect(b.types()).toEqual(['step_completed:share-report', 'first_value_created:share-report']);
    expect(b.events[0].seq).toBe(trail.length + 1);
  });

  it('keeps completed steps that still exist when the flow version changes', () => {
    const flow = acme();
    const a = run({ flow });
    a.engine.start();
    a.engine.cta();
    a.engine.next();
    const progress = a.engine.progress();
    const v2 = structuredClone(flow);
    v2.version = 2;
    v2.paths['member-first-report'].tour!.steps.splice(1, 1, { id: 'pick-dataset', title: 'Pick a dataset' });
    const b = run({ flow: v2, progress, trail: a.engine.trail() });
    b.engine.start();
    expect(b.engine.$state.get()).toMatchObject({ status: 'tour', step: 'pick-dataset', completed: ['open-reports'] });
  });

  it('closes a welcome saved open after every task completed (progress from a build that left it open)', () => {
    const flow = acme();
    const a = run({ flow });
    a.engine.start();
    const progress = { ...a.engine.progress(), status: 'welcome' as const, completed: ['create-report', 'share-report'] };
    const b = run({ flow, progress, trail: a.engine.trail() });
    b.engine.start();
    expect(b.engine.$state.get().status).toBe('done');
    expect(b.events).toEqual([]);
  });

  it('flags a return after 72 hours without progress', () => {
    const flow = acme();
    const a = run({ flow });
    a.engine.start();
    const progress = a.engine.progress();
    vi.advanceTimersByTime(73 * 3600e3);
    const b = run({ flow, progress, trail: a.engine.trail() });
    b.engine.start();
    expect(b.events.map((e) => [e.type, e.data])).toEqual([['engagement_gap', { gapMs: 73 * 3600e3 }]]);
    const c = run({ flow, progress: b.engine.progress(), trail: b.engine.trail() });
    c.engine.start();
    expect(c.events).toEqual([]);
  });

  it('flags a return after 72 hours in the same page: when it is shown again, or at the user\'s next move', () => {
    const hidden = run({ flow: acme() });
    hidden.engine.start();
    hidden.engine.cta();
    hidden.engine.visible(false);
    vi.advanceTimersByTime(73 * 3600e3);
    hidden.engine.visible(true);
    hidden.engine.visible(true);
    expect(hidden.types().slice(-2)).toEqual(['step_viewed:open-reports', 'engagement_gap:open-reports']);
    expect(hidden.events.at(-1)!.data).toEqual({ gapMs: 73 * 3600e3 });

    // visible all along (a laptop asleep, a tab left open): the ladder went one level, then the user clicks
    const open = run({ flow: acme() });
    open.engine.start();
    open.engine.cta();
    vi.advanceTimersByTime(73 * 3600e3);
    expect(open.engine.$state.get().stall).not.toBe(null);
    open.engine.signal({ kind: 'element', selector: '#anything' });
    expect(open.types().at(-1)).not.toBe('engagement_gap:open-reports');
    open.engine.next();
    expect(open.types().slice(-3)).toEqual(['engagement_gap:open-reports', 'step_completed:open-reports', 'step_viewed:new-report']);
    expect(open.engine.$state.get().stall).toBe(null);

    // a move before 72 hours: nothing
    const soon = run({ flow: acme() });
    soon.engine.start();
    soon.engine.cta();
    soon.engine.visible(false);
    vi.advanceTimersByTime(72 * 3600e3 - 1);
    soon.engine.visible(true);
    soon.engine.signal({ kind: 'event', name: 'nothing' });
    expect(soon.types().filter((t) => t.startsWith('engagement_gap'))).toEqual([]);
  });
});
