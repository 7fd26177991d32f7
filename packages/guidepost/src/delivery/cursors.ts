import type { SinkOption } from './sinks';

/**
 * How far each sink has acknowledged the trail (the last `seq`), kept by the sink's identity: its
 * URL, or a function sink's place among the function sinks. Adding, removing or reordering sinks
 * between page loads then neither skips events for a sink nor hands one sink another's cursor.
 */
export type Cursors = Record<string, number>;

/** One key per sink, in order; a sink listed twice gets its own key each time. */
export function sinkKeys(sinks: SinkOption[]): string[] {
  const seen: Record<string, number> = {};
  return sinks.map((s) => {
    const base = typeof s === 'function' ? 'fn' : `url:${s.url}`;
    const n = (seen[base] = (seen[base] ?? -1) + 1);
    return n ? `${base}#${n}` : base;
  });
}

/**
 * Moves each current sink's cursor forward to the one in `saved` (what this or another tab
 * stored), never back; only to a seq `valid` accepts (one that acknowledges this tab's events, not
 * another tab's branch of the trail). Records saved before cursors were keyed hold a list by position.
 */
export function mergeCursors(into: Cursors, saved: unknown, keys: string[], valid = (_seq: number) => true): void {
  const byKey = (Array.isArray(saved) ? Object.fromEntries(keys.map((k, i) => [k, saved[i]])) : saved) as Record<string, unknown> | null;
  if (!byKey || typeof byKey !== 'object') return;
  for (const k of keys) {
    const seq = byKey[k];
    if (typeof seq === 'number' && seq > (into[k] ?? 0) && valid(seq)) into[k] = seq;
  }
}
