// The outbox on its own: a trail, a cursor per sink, a fake network and fake timers.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TrailEvent } from '../../src/index';
import { createOutbox } from '../../src/delivery/createOutbox';
import type { SinkOption } from '../../src/delivery/sinks';

const event = (seq: number) => ({ id: `e${seq}`, seq, at: seq, type: 'step_viewed', flow: 'f', flowVersion: 1, user: 'u1', segment: 's', path: 'p', actor: 'system' }) as TrailEvent;
const trailOf = (n: number) => Array.from({ length: n }, (_, i) => event(i + 1));
const ok = () => new Response('{}', { status: 200 });
const status = (s: number) => () => new Response('{}', { status: s });

/** An outbox over `trail` whose network is `fetch`; what it acked, reported and beaconed is collected. */
function setup(sinks: SinkOption[], trail: TrailEvent[], fetch: (url: string, init: RequestInit) => Response | Promise<Response>) {
  const acked: number[] = [];
  const log = { acks: [] as Array<[number, number]>, errors: [] as string[], posts: [] as Array<{ url: string; seqs: number[]; keepalive?: boolean }> };
  const w = Object.assign(new EventTarget(), {
    setTimeout: (fn: () => void, ms: number) => setTimeout(fn, ms),
    clearTimeout: (h: number) => clearTimeout(h),
    location: { href: 'http://app.test/', origin: 'http://app.test' },
    navigator: { locks: undefined, sendBeacon: vi.fn((_url: string, _body: Blob | string) => true) },
    fetch: vi.fn(async (url: string, init: RequestInit) => {
      log.posts.push({ url, seqs: (JSON.parse(String(init.body)) as { events: TrailEvent[] }).events.map((e) => e.seq), keepalive: init.keepalive });
      return fetch(url, init);
    }),
  });
  const outbox = createOutbox({
    w: w as unknown as Window, sinks, key: 'f:u1', trail: () => trail, acked: (i) => acked[i] ?? 0,
    ack: (i, seq) => {
      acked[i] = seq;
      log.acks.push([i, seq]);
    },
    onError: (e) => log.errors.push((e as Error).message),
  });
  return { outbox, log, w, acked };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('the outbox', () => {
  it('sends batches of at most 100 events in seq order, advancing the cursor after each', async () => {
    const { outbox, log } = setup([{ url: '/collect' }], trailOf(250), ok);
    await outbox.flush();
    expect(log.posts.map((p) => [p.seqs.length, p.seqs[0], p.seqs.at(-1), p.seqs.every((s, i) => i === 0 || s === p.seqs[i - 1] + 1)])).toEqual([
      [100, 1, 100, true], [100, 101, 200, true], [50, 201, 250, true],
    ]);
    expect(log.acks).toEqual([[0, 100], [0, 200], [0, 250]]);
  });

  it('moves the cursor only on a 2xx, and reports the first failure once', async () => {
    const answers = [500, 503, 429, 204];
    const { outbox, log } = setup([{ url: '/collect' }], trailOf(3), () => new Response(null, { status: answers.shift() }));
    await outbox.flush();
    for (let i = 0; i < 3; i++) await vi.advanceTimersToNextTimerAsync();
    expect([log.posts.length, log.acks, log.errors]).toEqual([4, [[0, 3]], ['sink /collect answered 500']]);
  });

  it('keeps batches a collector refuses (401, 404) waiting: retried with backoff, reported once, all delivered once it accepts', async () => {
    const answers = [401, 404, 404, 204, 204];
    const trail = trailOf(3);
    const { outbox, log } = setup([{ url: '/collect' }], trail, () => new Response(null, { status: answers.shift() }));
    await outbox.flush();
    trail.push(...trailOf(5).slice(3)); // events while it refuses: no extra request, they wait their turn
    await outbox.flush();
    await outbox.flush();
    expect(log.posts).toHaveLength(1);
    for (let i = 0; i < 3; i++) await vi.advanceTimersToNextTimerAsync();
    expect([log.posts.map((p) => p.seqs), log.acks, log.errors]).toEqual([[[1, 2, 3], [1, 2, 3, 4, 5], [1, 2, 3, 4, 5], [1, 2, 3, 4, 5]], [[0, 5]],
      ['sink /collect answered 401']]);
  });

  it('skips only a single event too large for the collector (413 on its own, over 60 KB), with a report', async () => {
    const trail = trailOf(2);
    trail[0] = { ...trail[0], data: { evidence: 'x'.repeat(70_000) } };
    const { outbox, log } = setup([{ url: '/collect' }], trail, (_url, init) => new Response(null, { status: (JSON.parse(String(init.body)) as { events: Array<{ seq: number }> }).events.some((e) => e.seq === 1) ? 413 : 204 }));
    await outbox.flush();
    expect([log.posts.map((p) => p.seqs), log.acks, log.errors]).toEqual([[[1, 2], [1], [2]], [[0, 1], [0, 2]],
      ['sink /collect answered 413; event seq 1 skipped: too large for the collector on its own']]);
  });

  it('skips nothing when a collector refuses even one small event with 413: it waits, reported once, like any failure', async () => {
    const answers = [413, 413, 413, 413, 204];
    const { outbox, log } = setup([{ url: '/collect' }], trailOf(2), () => new Response(null, { status: answers.shift() }));
    await outbox.flush();
    for (let i = 0; i < 3; i++) await vi.advanceTimersToNextTimerAsync();
    // halved to one event, refused three times more (backoff), then accepted: both delivered
    expect([log.posts.map((p) => p.seqs), log.acks, log.errors]).toEqual([[[1, 2], [1], [1], [1], [1], [2]], [[0, 1], [0, 2]], ['sink /collect answered 413']]);
  });

  it('halves the batch when the collector answers 413', async () => {
    const { outbox, log } = setup([{ url: '/collect' }], trailOf(4), (_url, init) => new Response(null, { status: (JSON.parse(String(init.body)) as { events: unknown[] }).events.length > 2 ? 413 : 204 }));
    await outbox.flush();
    expect([log.posts.map((p) => p.seqs.length), log.acks]).toEqual([[4, 2, 2], [[0, 2], [0, 4]]]);
  });

  it('sends nothing already acknowledged, and nothing while nothing is pending', async () => {
    const trail = trailOf(5);
    const { outbox, log, acked } = setup([{ url: '/collect' }], trail, ok);
    acked[0] = 3;
    await outbox.flush();
    await outbox.flush();
    expect(log.posts.map((p) => p.seqs)).toEqual([[4, 5]]);
  });

  it('acks a function sink when it resolves and retries it when it throws', async () => {
    const got: number[][] = [];
    let fail = 2;
    const sink = async (events: TrailEvent[]) => {
      got.push(events.map((e) => e.seq));
      if (fail-- > 0) throw new Error('analytics not ready');
    };
    const { outbox, log } = setup([sink], trailOf(2), ok);
    await outbox.flush();
    expect(log.acks).toEqual([]);
    for (let i = 0; i < 2; i++) await vi.advanceTimersToNextTimerAsync();
    expect([got, log.acks, log.errors]).toEqual([[[1, 2], [1, 2], [1, 2]], [[0, 2]], ['analytics not ready']]);
  });

  it('backs off exponentially with jitter in [0.5, 1), capped at 60 s', async () => {
    const delays = async (random: number) => {
      vi.spyOn(Math, 'random').mockReturnValue(random);
      const times: number[] = [];
      const { outbox } = setup([{ url: '/collect' }], trailOf(1), () => {
        times.push(Date.now());
        return new Response(null, { status: 503 });
      });
      await outbox.flush();
      for (let i = 0; i < 7; i++) await vi.advanceTimersToNextTimerAsync();
      outbox.stop();
      return times.slice(1).map((t, i) => t - times[i]);
    };
    expect(await delays(0)).toEqual([1000, 2000, 4000, 8000, 16_000, 30_000, 30_000]);
    expect(await delays(0.5)).toEqual([1500, 3000, 6000, 12_000, 24_000, 45_000, 45_000]);
    expect((await delays(0.999_999)).map((d, i) => d < Math.min(60_000, 2000 * 2 ** i))).toEqual(Array(7).fill(true));
  });

  it('starts over from the shortest delay once a send succeeds', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0);
    const answers = [500, 500, 200, 500];
    const trail = trailOf(1);
    const { outbox, log } = setup([{ url: '/collect' }], trail, () => new Response(null, { status: answers.shift() ?? 200 }));
    await outbox.flush();
    await vi.advanceTimersToNextTimerAsync();
    await vi.advanceTimersToNextTimerAsync();
    trail.push(event(2));
    await outbox.flush();
    const before = Date.now();
    await vi.advanceTimersToNextTimerAsync();
    expect([Date.now() - before, log.acks]).toEqual([1000, [[0, 1], [0, 2]]]);
  });

  it('retries a failed sink when its retry timer fires while another send is under way', async () => {
    // Under Playwright's page.clock the backoff timer fired while the flush for the sdk_error that
    // the failure recorded still waited for its Web Lock; here, while a slow function sink sends.
    // That retry was lost, and the sink was never tried again (new events skip a sink that is down).
    vi.spyOn(Math, 'random').mockReturnValue(0);
    const answers = [503];
    const trail = trailOf(1);
    let finish = () => {};
    const slow = () => new Promise<void>((ok) => (finish = ok));
    const { outbox, log, acked } = setup([{ url: '/collect' }, slow], trail, () => new Response(null, { status: answers.shift() ?? 204 }));
    const first = outbox.flush(); // /collect answers 503; the function sink takes the event
    await vi.advanceTimersByTimeAsync(0);
    finish();
    await first; // /collect is down, its retry due in 1 s
    trail.push(event(2));
    void outbox.flush(); // /collect skipped (it waits for its retry); the function sink is sending
    await vi.advanceTimersByTimeAsync(1000); // the retry timer fires during that send
    finish();
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect([log.posts.map((p) => p.seqs), acked]).toEqual([[[1], [1, 2]], [2, 2]]);
  });

  it('hands what is pending to sendBeacon on page hide, without acknowledging it', async () => {
    const { outbox, log, w, acked } = setup([{ url: '/collect' }, () => {}], trailOf(3), ok);
    acked[0] = 1;
    outbox.beacon();
    const [url, body] = w.navigator.sendBeacon.mock.calls[0];
    const text = typeof body === 'string' ? body : await body.text();
    expect([w.navigator.sendBeacon.mock.calls.length, url, JSON.parse(text).events.map((e: TrailEvent) => e.seq), log.acks])
      .toEqual([1, '/collect', [2, 3], []]);
  });

  it('beacons JSON to its own origin, and text/plain (no preflight) to another', () => {
    const { outbox, w } = setup([{ url: '/collect' }, { url: 'https://collector.example/e' }], trailOf(1), ok);
    outbox.beacon();
    const kinds = w.navigator.sendBeacon.mock.calls.map(([url, body]) => [url, typeof body === 'string' ? 'string' : (body as Blob).type]);
    expect(kinds).toEqual([['/collect', 'application/json'], ['https://collector.example/e', 'string']]);
  });

  it('resolves a relative sink URL against the page base URL, as the beacon itself does', () => {
    const { outbox, w } = setup([{ url: 'collect' }], trailOf(1), ok);
    Object.assign(w, { document: { baseURI: 'https://cdn.example/app/' } });
    outbox.beacon();
    expect(w.navigator.sendBeacon.mock.calls.map(([, body]) => typeof body)).toEqual(['string']);
  });

  it('falls back to a keepalive fetch when sendBeacon refuses the body', async () => {
    const { outbox, log, w } = setup([{ url: '/collect' }], trailOf(2), ok);
    w.navigator.sendBeacon.mockReturnValue(false);
    outbox.beacon();
    expect(log.posts).toEqual([{ url: '/collect', seqs: [1, 2], keepalive: true }]);
  });

  it("times a request out by the page's real time: a fake clock run ahead while it is in flight re-arms the timer", async () => {
    let answer!: (r: Response) => void;
    const answers = [new Promise<Response>((ok) => (answer = ok))];
    const trail = trailOf(2);
    const { outbox, log, w } = setup([{ url: '/collect' }], trail, () => answers.shift() ?? ok());
    const timeline = { currentTime: 1000 };
    Object.assign(w, { document: { visibilityState: 'visible', timeline } });
    void outbox.flush();
    await vi.advanceTimersByTimeAsync(120_000); // a test's runFor(2 min): the network saw 0 ms of it
    expect([log.posts.length, log.errors]).toEqual([1, []]);
    answer(ok());
    await vi.advanceTimersByTimeAsync(0);
    expect([log.acks, log.errors]).toEqual([[[0, 2]], []]);
    // a request that really hangs: 10 s on the timeline too
    answers.push(new Promise<Response>(() => {}));
    trail.push(event(3));
    void outbox.flush();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(log.errors).toEqual([]);
    timeline.currentTime += 10_000;
    await vi.advanceTimersByTimeAsync(10_000);
    expect(log.errors).toEqual(['no answer in 10 s']);
  });

  it('aborts a request unanswered after 10 s and sends its batch again after the backoff', async () => {
    const signals: AbortSignal[] = [];
    const hang = (init: RequestInit) => new Promise<Response>((_, no) => init.signal?.addEventListener('abort', () => no(new DOMException('aborted', 'AbortError'))));
    const answers = [hang];
    const { outbox, log } = setup([{ url: '/collect' }], trailOf(2), (_url, init) => {
      signals.push(init.signal!);
      return answers.shift()?.(init) ?? ok();
    });
    void outbox.flush();
    await vi.advanceTimersByTimeAsync(9_999);
    expect([log.posts.length, signals[0].aborted]).toEqual([1, false]);
    await vi.advanceTimersByTimeAsync(1);
    expect([signals[0].aborted, log.errors]).toEqual([true, ['no answer in 10 s']]);
    await vi.advanceTimersByTimeAsync(2000);
    expect([log.posts.map((p) => p.seqs), log.acks]).toEqual([[[1, 2], [1, 2]], [[0, 2]]]);
  });

  it('gives a function sink the same 10 s, then calls it again', async () => {
    const calls: number[][] = [];
    const sink = vi.fn((events: TrailEvent[]) => {
      calls.push(events.map((e) => e.seq));
      return calls.length === 1 ? new Promise<void>(() => {}) : undefined;
    });
    const { outbox, log } = setup([sink], trailOf(2), ok);
    void outbox.flush();
    await vi.advanceTimersByTimeAsync(12_000);
    expect([calls, log.acks, log.errors]).toEqual([[[1, 2], [1, 2]], [[0, 2]], ['no answer in 10 s']]);
  });

  it('sends without the Web Lock where the browser refuses it (an opaque origin, a sandboxed frame)', async () => {
    const { outbox, log, w } = setup([{ url: '/collect' }], trailOf(2), ok);
    const request = vi.fn((): Promise<void> => {
      throw new DOMException('Access to the Locks API is denied in this context.', 'SecurityError'); // thrown at once, or rejected as Chromium does: the same
    });
    Object.assign(w.navigator, { locks: { request } });
    await outbox.flush();
    await outbox.flush();
    expect([log.posts.map((p) => p.seqs), log.acks, log.errors, request.mock.calls.length]).toEqual([[[1, 2]], [[0, 2]], [], 1]);
  });

  it('beacons each event once per page life, leaving out a keepalive request under way', async () => {
    let answer!: (r: Response) => void;
    const trail = trailOf(2);
    const { outbox, log, w } = setup([{ url: 'https://collector.example/e' }], trail, () => new Promise((ok) => (answer = ok)));
    void outbox.flush(); // 1–2 under way, with keepalive: it outlives the page
    await vi.advanceTimersByTimeAsync(0);
    trail.push(event(3));
    outbox.beacon(); // hidden
    outbox.beacon(); // then pagehide
    trail.push(event(4));
    outbox.beacon();
    const beaconed = w.navigator.sendBeacon.mock.calls.map(([, body]) => (JSON.parse(typeof body === 'string' ? body : '') as { events: TrailEvent[] }).events.map((e) => e.seq));
    answer(ok());
    expect([log.posts.map((p) => [p.seqs, p.keepalive]), beaconed]).toEqual([[[[1, 2], true]], [[3], [4]]]);
  });

  it("waits as long as a collector's Retry-After asks (seconds, at most 10 minutes) when that is longer than the backoff", async () => {
    const answers = [new Response(null, { status: 429, headers: { 'retry-after': '30' } }), new Response(null, { status: 503, headers: { 'retry-after': 'Wed, 21 Oct 2015 07:28:00 GMT' } })];
    const { outbox, log } = setup([{ url: '/collect' }], trailOf(1), () => answers.shift() ?? ok());
    await outbox.flush();
    await vi.advanceTimersByTimeAsync(29_900);
    expect(log.posts.length).toBe(1);
    await vi.advanceTimersByTimeAsync(100); // 503 with a date: the backoff alone, 2–4 s
    await vi.advanceTimersByTimeAsync(1900);
    expect(log.posts.length).toBe(2);
    await vi.advanceTimersByTimeAsync(2100);
    expect([log.posts.length, log.acks]).toEqual([3, [[0, 1]]]);
  });

  it('tries again at once when the browser comes back online, then listens no more', async () => {
    let up = false;
    const { outbox, log, w } = setup([{ url: '/collect' }], trailOf(1), () => (up ? ok() : Promise.reject(new TypeError('Failed to fetch'))));
    await outbox.flush();
    up = true;
    w.dispatchEvent(new Event('online'));
    await vi.advanceTimersByTimeAsync(0);
    expect(log.posts.length).toBe(2); // not waiting out its 1–2 s
    w.dispatchEvent(new Event('online'));
    await vi.advanceTimersByTimeAsync(60_000);
    expect([log.posts.length, log.acks]).toEqual([2, [[0, 1]]]);
  });

  it('stops: no more sends or retries after stop()', async () => {
    const { outbox, log } = setup([{ url: '/collect' }], trailOf(1), status(500));
    await outbox.flush();
    outbox.stop();
    await vi.advanceTimersByTimeAsync(120_000);
    await outbox.flush();
    expect(log.posts.length).toBe(1);
  });
});
