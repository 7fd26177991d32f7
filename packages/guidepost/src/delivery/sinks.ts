import type { TrailEvent } from '@guidepost/core';

/** A function sink receives batches; returning (or resolving) acknowledges the batch. */
export type SinkFn = (events: TrailEvent[]) => void | Promise<unknown>;
export type SinkOption = { url: string } | SinkFn;

interface AnalyticsLike { track(event: string, properties?: Record<string, unknown>, options?: Record<string, unknown>): unknown }
interface PostHogLike { capture(event: string, properties?: Record<string, unknown>): unknown }

/** Trail event → analytics properties: every field but `type` (the event name), prefixed nowhere. */
function properties(e: TrailEvent): Record<string, unknown> {
  const { type: _type, ...rest } = e;
  return { ...rest, event_id: e.id, source: 'guidepost' };
}

/**
 * Forwards each event to a Segment-compatible client: analytics.track(type, properties,
 * { messageId: id }) — Segment deduplicates by messageId.
 */
export function segmentSink(client?: AnalyticsLike): SinkFn {
  return (events) => {
    const a = client ?? (globalThis as { analytics?: AnalyticsLike }).analytics;
    if (!a) throw Error('no analytics client on the page yet');
    for (const e of events) a.track(e.type, properties(e), { messageId: e.id, timestamp: new Date(e.at).toISOString() });
  };
}

/** Forwards each event to PostHog: posthog.capture(type, { ...properties, $insert_id: id }). */
export function posthogSink(client?: PostHogLike): SinkFn {
  return (events) => {
    const p = client ?? (globalThis as { posthog?: PostHogLike }).posthog;
    if (!p) throw Error('no posthog client on the page yet');
    for (const e of events) p.capture(e.type, { ...properties(e), $insert_id: e.id, timestamp: new Date(e.at).toISOString() });
  };
}
