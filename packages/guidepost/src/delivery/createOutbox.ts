import type { TrailEvent } from '@guidepost/core';
import type { SinkOption } from './sinks';
import { toJson } from '../platform/toJson';
import { listen } from '../platform/listen';
import { requestLock } from '../platform/requestLock';

const BATCH = 100;
/** a request unanswered this long (real time) is aborted, and its batch sent again later */
const TIMEOUT_MS = 10_000;
/** browsers refuse keepalive requests and beacons over 64 KB */
const KEEPALIVE_BYTES = 60_000;
const bytes = (s: string) => new Blob([s]).size;
/**
 * Real time, which a test's fake clock (Playwright's page.clock, sinon) does not move: the page's
 * animation timeline, while the page is visible (a hidden page draws no frames). NaN where there
 * is none: then timers alone measure.
 */
const real = (w: Window) => (w.document?.visibilityState === 'visible' ? Number(w.document.timeline?.currentTime) : NaN);

export interface OutboxDeps {
  w: Window;
  sinks: SinkOption[];
  /** lock name shared by the tabs of this user and flow */
  key: string;
  trail(): TrailEvent[];
  acked(i: number): number;
  /** a sink acknowledged the events up to seq, the last of them `id` (awaited: saved before the lock goes to another tab) */
  ack(i: number, seq: number, id: string): unknown;
  /** read the cursors other tabs saved (called holding the lock, before sending; awaited) */
  sync?(): unknown;
  onError(e: unknown): void;
}

/**
 * At-least-once delivery: events wait in storage until a sink acknowledges them (a 2xx, or a
 * function sink returning). In order, in batches of at most 100, one tab at a time (Web Locks),
 * retried with exponential backoff and jitter (longer if the collector's Retry-After says so, at
 * once when the browser comes back online); each sink independently, so one that is down does not
 * hold back the others. Any answer but a 2xx leaves the batch waiting (a 401 or 404 is usually a
 * collector being set up or fixed), reported once per outage; a 413 halves the batch, and only
 * one event too large for the collector on its own (over 60 KB, more than a beacon carries) is
 * reported and skipped: a small one refused with 413 waits like any other failure.
 * A request unanswered after 10 s of real time (a fake clock run ahead does not count) is
 * aborted, and its batch sent again after the backoff (a function sink is called again).
 * On page hide the rest goes out with sendBeacon (not counted as acknowledged: the next page view
 * sends again, and the collector deduplicates by id).
 */
export function createOutbox(d: OutboxDeps) {
  const { w } = d;
  let timer = 0;
  /** removes the retry's `online` listener */
  let offline = () => {};
  let attempt = 0;
  let sending = false;
  let again = false;
  /** the retry timer fired: the next send tries the sinks that are down too (kept until one does) */
  let due = false;
  let stopped = false;
  const size: number[] = [];
  /** sinks whose last attempt failed: they wait for the backoff timer, the others go on */
  const down: boolean[] = [];
  /**
   * per sink, the last seq the browser carries on its own: a keepalive request under way, or a
   * beacon sent (they outlive the page): the beacon when leaving does not send those events again
   */
  const flying: number[] = [];
  const handed: number[] = [];
  /** the longest a collector asked to be left alone this round (Retry-After, in ms) */
  let wait = 0;
  /** the browser refused Web Locks (an opaque origin, a sandboxed frame): each tab sends on its own */
  let noLocks = false;
  const pending = (i: number) => {
    const a = d.acked(i);
    return d.trail().filter((e) => e.seq > a);
  };

  /**
   * Sends one batch: resolves to the error of a collector answering that it is too large (413),
   * after which a smaller batch may go through; throws on any other failure.
   */
  async function deliver(i: number, events: TrailEvent[], signal: AbortSignal): Promise<Error | void> {
    const sink = d.sinks[i];
    if (typeof sink === 'function') return void (await sink(events));
    const body = toJson({ events });
    const keepalive = bytes(body) <= KEEPALIVE_BYTES;
    if (keepalive) flying[i] = events.at(-1)!.seq;
    let r: Response;
    try {
      r = await w.fetch(sink.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body, keepalive, credentials: 'same-origin', signal });
    } finally {
      flying[i] = 0;
    }
    if (r.ok) return;
    // Retry-After in seconds (an HTTP date is not read; no header: Number(null) is 0), at most 10 minutes
    wait = Math.max(wait, Math.min(600, Number(r.headers.get('retry-after')) || 0) * 1000);
    const e = Error(`sink ${sink.url} answered ${r.status}`);
    if (r.status === 413) return e;
    throw e;
  }

  /** deliver(), or after TIMEOUT_MS of real time without an answer, the request aborted and a throw */
  async function send(i: number, batch: TrailEvent[]): Promise<Error | void> {
    const abort = new AbortController();
    const t0 = real(w);
    let t = 0;
    let n = 0;
    try {
      return await Promise.race([deliver(i, batch, abort.signal), new Promise<never>((_, no) => {
        // a page clock run ahead while the request is in flight (a test's runFor) re-arms the
        // timer, up to 60 times, rather than time the request out
        const arm = () => (t = w.setTimeout(() => {
          if (real(w) - t0 < TIMEOUT_MS / 2 && n++ < 60) return arm();
          abort.abort();
          no(Error(`no answer in ${TIMEOUT_MS / 1000} s`));
        }, TIMEOUT_MS));
        arm();
      })]);
    } finally {
      w.clearTimeout(t);
    }
  }

  async function drain(i: number): Promise<void> {
    while (!stopped) {
      const batch = pending(i).slice(0, size[i] ?? BATCH);
      if (!batch.length) return;
      const tooLarge = await send(i, batch);
      if (tooLarge && batch.length > 1) {
        size[i] = batch.length >> 1;
        continue;
      }
      if (tooLarge) {
        // one event that a beacon could carry is not too large for any collector: one refusing it
        // refuses everything (misconfigured, a proxy in front), so it waits, as for any failure
        if (bytes(toJson({ events: batch })) <= KEEPALIVE_BYTES) throw tooLarge;
        d.onError(Error(`${tooLarge.message}; event seq ${batch[0].seq} skipped: too large for the collector on its own`));
      }
      const last = batch.at(-1)!;
      await d.ack(i, last.seq, last.id);
    }
  }

  async function sendAll(all: boolean): Promise<void> {
    let failure: { e: unknown } | undefined;
    for (let i = 0; i < d.sinks.length; i++) {
      if (down[i] && !all) continue;
      try {
        await drain(i);
        down[i] = false;
      } catch (e) {
        down[i] = true;
        failure ??= { e }; // this sink waits for the retry; the sinks after it go on
      }
    }
    if (failure) throw failure.e;
  }

  /** the retry: when its timer fires, or at once when the browser comes back online */
  function retry(ms: number): void {
    if (timer || stopped) return;
    const go = () => {
      w.clearTimeout(timer);
      offline();
      timer = 0;
      due = true;
      flush();
    };
    timer = w.setTimeout(go, ms);
    offline = listen(w, 'online', go);
  }

  async function run(): Promise<void> {
    const all = due;
    due = false;
    wait = 0;
    try {
      await d.sync?.();
      await sendAll(all);
      if (!down.includes(true)) return void (attempt = 0);
    } catch (e) {
      if (attempt++ === 0) d.onError(e);
    }
    // a sink still down always has its retry timer pending: new events skip it, so without the
    // timer nothing would try it again
    retry(Math.max(wait, Math.min(60_000, 1000 * 2 ** attempt) * (0.5 + Math.random() / 2)));
  }

  /**
   * Sends what is pending to every sink that is up; a sink that failed waits for its backoff
   * (`due`, from the retry timer), so new events cause no extra requests to a collector that is down.
   */
  async function flush(): Promise<void> {
    if (stopped || !d.sinks.length) return;
    if (sending) return void (again = true);
    sending = true;
    try {
      const locks = noLocks ? undefined : w.navigator.locks;
      if (!locks) await run();
      else await requestLock(locks, `guidepost:${d.key}`, { ifAvailable: true }, (lock) => (lock ? run() : retry(3000))).catch(() => {
        noLocks = true; // run() throws nothing: this is the Locks API refusing
        return run();
      });
    } catch (e) {
      d.onError(e);
    } finally {
      sending = false;
      if (again) {
        again = false;
        flush();
      }
    }
  }

  /** Page hidden or leaving: hand what is left to the browser (the oldest events that fit). */
  function beacon(): void {
    d.sinks.forEach((sink, i) => {
      const from = Math.max(handed[i] ?? 0, flying[i] ?? 0);
      let batch = pending(i).filter((e) => e.seq > from);
      if (typeof sink === 'function' || !batch.length) return;
      let body = toJson({ events: batch });
      while (batch.length > 1 && bytes(body) > KEEPALIVE_BYTES) body = toJson({ events: (batch = batch.slice(0, batch.length >> 1)) });
      let queued = false;
      try {
        // same origin: the same application/json body; another origin: the body as text/plain, which
        // needs no CORS preflight (a beacon carries credentials, so a wildcard CORS answer fails it)
        const same = new URL(sink.url, w.document?.baseURI ?? w.location.href).origin === w.location.origin;
        queued = w.navigator.sendBeacon(sink.url, same ? new Blob([body], { type: 'application/json' }) : body);
      } catch {
        // sendBeacon refused (e.g. a policy): queued stays false, and fetch with keepalive below does the same job
      }
      if (!queued) w.fetch(sink.url, { method: 'POST', headers: { 'content-type': 'text/plain' }, body, keepalive: true }).catch(() => retry(1000));
      handed[i] = batch.at(-1)!.seq;
    });
  }

  return {
    flush,
    beacon,
    stop() {
      stopped = true;
      w.clearTimeout(timer);
      offline();
    },
  };
}
