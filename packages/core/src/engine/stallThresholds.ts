import type { Flow, StallSettings } from '../flow/types';
import { parseDuration } from '../text/parseDuration';

/**
 * Cumulative visible-time thresholds of the ladder for one step: [prompt, retry, hand-off].
 * Each level counts from the previous one; a level with no duration ends the ladder there.
 */
export function stallThresholds(flow: Flow, own: StallSettings | undefined): number[] {
  const s = { ...flow.defaults?.stall, ...own };
  const out: number[] = [];
  let total = 0;
  for (const d of [s.after, s.retryAfter, s.handoffAfter]) {
    const ms = parseDuration(d);
    if (ms === undefined) break;
    out.push((total += ms));
  }
  return out;
}
