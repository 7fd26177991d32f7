import type { EpisodeRecord } from './episodes';
import type { TrailEvent } from './types';

/**
 * Everything the report keeps about one (flow, user): a few numbers, milestone times, and the
 * handful of events that make up stall/exception episodes (see episodes.ts). Its size depends on
 * the flow (steps, exceptions) and what happened to the user, not on how many events they sent.
 */
export interface UserState {
  flow: string;
  user: string;
  account: string | null;
  segment: string;
  /** Order key of the event `segment` came from; -Infinity before any. */
  segmentKey: number;
  segmentAssigned: boolean;
  provisioning: string | null;
  /** Bits: milestone indexes (see MILESTONES), TOUR_SKIPPED_BIT, DISMISSED_BIT. */
  mask: number;
  /** Earliest `at` per milestone index; NaN when not reached. */
  milestoneAt: number[];
  /** Order key and `data.timeToValueMs` (NaN when absent) of the first `first_value_created`. */
  valueKey: number;
  valueTtv: number;
  lastAt: number;
  records: EpisodeRecord[] | null;
  gaps: Array<{ at: number; gapMs: number }> | null;
}

export const NO_SEGMENT = '(none)';

export function createUserState(event: TrailEvent): UserState {
  return {
    flow: event.flow,
    user: event.user,
    account: null,
    segment: NO_SEGMENT,
    segmentKey: -Infinity,
    segmentAssigned: false,
    provisioning: null,
    mask: 0,
    milestoneAt: [NaN, NaN, NaN, NaN, NaN, NaN],
    valueKey: Infinity,
    valueTtv: NaN,
    lastAt: -Infinity,
    records: null,
    gaps: null,
  };
}

/**
 * Where an event sits in its user's history: `seq` (gapless per user and flow), or `at` when an
 * event has no numeric seq. "Later" always means a larger key, so input order does not matter.
 */
export function orderKey(event: TrailEvent): number {
  return typeof event.seq === 'number' && Number.isFinite(event.seq) ? event.seq : event.at;
}
