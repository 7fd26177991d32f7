import type { TrailEvent } from '@guidepost/core';
import type { SinkOption } from './sinks';

const BATCH = 100;
const TIMEOUT_MS = 10_000;

export interface OutboxDeps {
  w: Window;
  sinks: SinkOption[];
  /** lock name shared by the tabs of this user and flow */
  key: string;
  trail(): TrailEvent[];
  acked(i: number): number;
  ack(i: number, seq: number): void;
  onError(e: unknown): void;
}

/**
 * At-least-once delivery: events wait in storage until a sink acknowledges them (a 2xx, or a
 * function sink returning). In order, in batches, one tab at a time (Web Locks), retried with
 * exponential backoff and jitter; on page hide the rest goes out with sendBeacon (not counted as
 * acknowledged: the next page view sends again, and the collector deduplicates by id).
 */
export function createOutbox(d: OutboxDeps) {
  const { w } = d;
  let timer = 0;
  let attempt = 0;
  let sending = false;
  let again = false;
  let stopped = false;
  const pending = (i: number) => {
    const a = d.acked(i);
    return d.trail().filter((e) => e.seq > a);
  };

  async function deliver(sink: SinkOption, events: TrailEvent[]): Promise<void> {
    if (typeof sink === 'function') return void (await sink(events));
    const r = await w.fetch(sink.url, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ events }),
      keepalive: true, credentials: 'same-origin', signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    if (!r.ok) throw new Error(`sink ${sink.url} answered ${r.status}`);
  }

  async function sendAll(): Promise<void> {
    for (let i = 0; i < d.sinks.length; i++) {
      for (let batch = pending(i).slice(0, BATCH); batch.length && !stopped; batch = pending(i).slice(0, BATCH)) {
        await deliver(d.sinks[i], batch);
        d.ack(i, batch[batch.length - 1].seq);
      }
    }
  }

  function retry(ms: number): void {
    if (!timer && !stopped) timer = w.setTimeout(() => {
      timer = 0;
      flush();
    }, ms);
  }

  async function run(): Promise<void> {
    try {
      await sendAll();
      attempt = 0;
    } catch (e) {
      if (attempt++ === 0) d.onError(e);
      retry(Math.min(60_000, 1000 * 2 ** attempt) * (0.5 + Math.random() / 2));
    }
  }

  async function flush(): Promise<void> {
    if (stopped || !d.sinks.length) return;
    if (sending) return void (again = true);
    sending = true;
    try {
      const locks = w.navigator.locks;
      if (locks) {
        await locks.request(`guidepost:${d.key}`, { ifAvailable: true }, (lock) => (lock ? run() : retry(3000)));
      } else await run();
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

  /** Page hidden or leaving: hand what is left to the browser. */
  function beacon(): void {
    d.sinks.forEach((sink, i) => {
      const events = pending(i);
      if (typeof sink === 'function' || !events.length) return;
      const body = JSON.stringify({ events });
      let queued = false;
      try {
        queued = w.navigator.sendBeacon(sink.url, new Blob([body], { type: 'application/json' }));
      } catch {
        queued = false; // some browsers refuse a JSON blob; fetch with keepalive does the same job
      }
      if (!queued) w.fetch(sink.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body, keepalive: true }).catch(() => retry(1000));
    });
  }

  return {
    flush,
    beacon,
    stop() {
      stopped = true;
      w.clearTimeout(timer);
    },
  };
}
