// What reaches the host's analytics: the Segment / PostHog adapters, the list form, and privacy.
import { afterEach, describe, expect, it, vi } from 'vitest';
import sample from '../../../../examples/acme/public/onboarding.json';
import { init, posthogSink, segmentSink, type TrailEvent } from '../../src/index';

const flow = () => structuredClone(sample) as never;
const user = { id: 'u_42', role: 'member', name: 'Maxine Quartermain', traits: { plan: 'pro', email: 'maxine@example.test', company: 'Zyxcorp' } };
const event: TrailEvent = {
  id: 'ev-1', seq: 7, at: Date.UTC(2026, 0, 2, 3, 4, 5), type: 'step_completed', flow: 'acme', flowVersion: 3, user: 'u_42',
  segment: 'self-serve', path: 'member-first-report', step: 'open-reports', actor: 'u_42', from: 'viewed', to: 'completed',
  basis: 'click:[data-tour=nav-reports]',
};
const props = { flow: 'acme', flowVersion: 3, user: 'u_42', segment: 'self-serve', path: 'member-first-report', step: 'open-reports', actor: 'u_42',
  from: 'viewed', to: 'completed', basis: 'click:[data-tour=nav-reports]', id: 'ev-1', seq: 7, at: event.at, event_id: 'ev-1', source: 'guidepost' };

afterEach(() => {
  document.body.innerHTML = '';
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

/** Runs the sample flow for `o` until its first events are delivered; returns the trail and each sink's batches. */
async function run(o: Partial<Parameters<typeof init>[0]>) {
  const gp = init({ flow: flow(), user, storage: 'memory', ...o });
  await gp.ready;
  await vi.waitFor(() => expect(gp.trail().length).toBeGreaterThan(2));
  await new Promise((r) => setTimeout(r, 0));
  return gp;
}

describe('the analytics adapters', () => {
  it('segmentSink tracks each event by type, with messageId = id and the event time', () => {
    const calls: unknown[] = [];
    segmentSink({ track: (...a) => calls.push(a) })([event]);
    expect(calls).toEqual([['step_completed', props, { messageId: 'ev-1', timestamp: '2026-01-02T03:04:05.000Z' }]]);
  });

  it('posthogSink captures each event by type, with $insert_id = id and the event time', () => {
    const calls: unknown[] = [];
    posthogSink({ capture: (...a) => calls.push(a) })([event]);
    expect(calls).toEqual([['step_completed', { ...props, $insert_id: 'ev-1', timestamp: '2026-01-02T03:04:05.000Z' }]]);
  });

  it('use the page globals when no client is given, and throw (so the outbox retries) while there is none', () => {
    const calls: string[] = [];
    expect(() => segmentSink()([event])).toThrow('no analytics client on the page yet');
    expect(() => posthogSink()([event])).toThrow('no posthog client on the page yet');
    vi.stubGlobal('analytics', { track: (t: string) => calls.push(`segment:${t}`) });
    vi.stubGlobal('posthog', { capture: (t: string) => calls.push(`posthog:${t}`) });
    segmentSink()([event]);
    posthogSink()([event]);
    expect(calls).toEqual(['segment:step_completed', 'posthog:step_completed']);
  });
});

describe('sink lists', () => {
  it('deliver to every sink independently: a failing URL does not hold back a function sink', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const fetch = vi.fn(async () => new Response(null, { status: 503 }));
    vi.stubGlobal('fetch', fetch);
    const got: string[] = [];
    const gp = await run({ sink: [{ url: '/collect' }, (events) => void got.push(...events.map((e) => e.id))] });
    await vi.waitFor(() => expect(got).toEqual(gp.trail().map((e) => e.id)));
    expect(fetch).toHaveBeenCalled();
    gp.destroy();
  });

  it('deliver to every sink when all are healthy, each from its own cursor', async () => {
    const a: string[] = [];
    const b: string[] = [];
    const gp = await run({ sink: [(events) => void a.push(...events.map((e) => e.id)), async (events) => void b.push(...events.map((e) => e.id))] });
    await vi.waitFor(() => expect([a, b]).toEqual([gp.trail().map((e) => e.id), gp.trail().map((e) => e.id)]));
    gp.destroy();
  });
});

describe('privacy', () => {
  const secrets = ['Maxine', 'Quartermain', 'maxine@example.test', 'Zyxcorp'];
  const leaks = (text: string) => secrets.filter((s) => text.includes(s));

  it('carries only the allowed traits, in segment_assigned', async () => {
    const sent: TrailEvent[] = [];
    const gp = await run({ allowTraits: ['plan'], sink: (events) => void sent.push(...events) });
    gp.signal('permission_denied', { status: 403 }); // an exception and its hand-off carry data too
    await vi.waitFor(() => expect(sent.length).toBe(gp.trail().length));
    const text = JSON.stringify([gp.trail(), sent]);
    expect([gp.trail().find((e) => e.type === 'segment_assigned')?.data?.traits, leaks(text), new Set(sent.map((e) => e.user))])
      .toEqual([{ plan: 'pro' }, [], new Set(['u_42'])]);
    gp.destroy();
  });

  it('carries no traits at all unless the host allows some', async () => {
    const sent: TrailEvent[] = [];
    const gp = await run({ sink: (events) => void sent.push(...events) });
    await vi.waitFor(() => expect(sent.length).toBe(gp.trail().length));
    const text = JSON.stringify([gp.trail(), sent]);
    expect([text.includes('"traits"'), text.includes('"pro"'), leaks(text)]).toEqual([false, false, []]);
    gp.destroy();
  });
});
