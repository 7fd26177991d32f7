/**
 * Types of the `guidepost report` aggregation.
 *
 * Input: trail events as the SDK emits them (see spec/sdk-api.md, "Trail events"). Only the fields
 * the report reads are typed; anything else on an event is ignored.
 * Output: `Report`, a stable JSON document (`version: 1`). Times are epoch milliseconds,
 * durations milliseconds, shares numbers in 0..1.
 */

/** Why a user is stuck: the hand-off `label` of spec/sdk-api.md. */
export type HandoffLabel = 'hesitation' | 'permissions' | 'invite' | 'workspace' | 'target_missing';

/** The exception kinds of spec/flow-format.md (a subset of the labels). */
export type ExceptionKind = 'permissions' | 'invite' | 'workspace';

/** The funnel milestones, in funnel order. */
export type MilestoneType =
  | 'flow_started'
  | 'welcome_viewed'
  | 'first_action_started'
  | 'guided_path_completed'
  | 'core_task_completed'
  | 'first_value_created';

/** One trail event as read from NDJSON (validated by `add`; other fields are ignored). */
export interface TrailEvent {
  id: string;
  seq?: number;
  at: number;
  type: string;
  flow: string;
  flowVersion?: number;
  user: string;
  account?: string;
  segment?: string;
  path?: string;
  step?: string;
  actor?: string;
  from?: string;
  to?: string;
  basis?: string;
  data?: Record<string, unknown>;
}

export interface MilestoneRow {
  type: MilestoneType;
  /** Users of the segment with at least one event of this type. */
  users: number;
  /**
   * Of the users who reached the previous milestone, the share who also reached this one (0..1).
   * "Previous" is the nearest earlier milestone that some user of the segment reached, never
   * `guided_path_completed` (the tour may be skipped or absent); for `flow_started` it is "every
   * user of the segment". 0 when nobody reached the previous milestone.
   */
  conversion: number;
}

/** A histogram bin of time to value: users with `previous bin's maxMs < TTV ≤ maxMs`. */
export interface TtvBucket {
  /** Upper bound in ms, inclusive; `null` for the last, open-ended bin. */
  maxMs: number | null;
  users: number;
}

export interface TimeToValue {
  /** Nearest-rank percentiles (ms) over the sorted TTVs of activated users; null when none. */
  median: number | null;
  p75: number | null;
  /** Share (0..1) of activated users (with a TTV) whose TTV is ≤ 15 minutes; null when none. */
  within15m: number | null;
  /** Activated users with a known TTV. */
  count: number;
  buckets: TtvBucket[];
}

export interface SegmentReport {
  segment: string;
  /** `data.provisioning` of the segment's `segment_assigned` events, when given. */
  provisioning: string | null;
  /** Distinct (flow, user) pairs whose segment this is. */
  users: number;
  milestones: MilestoneRow[];
  /** Users with `first_value_created` / users of the segment (0..1; 0 for no users). */
  activationRate: number;
  timeToValue: TimeToValue;
  /** Users with `tour_skipped` (they are not in `guided_path_completed`). */
  tourSkipped: number;
  /** Users with `flow_dismissed`. */
  dismissed: number;
}

/** Where users stall: one row per (path, step). */
export interface StallRow {
  path: string;
  /** null when the blocker came before any step (e.g. a JIT user without a role). */
  step: string | null;
  /** Episodes started here: a stall, an exception, or a hand-off outside either. */
  stalls: number;
  /** Episodes by final label (the hand-off's label when one was requested). Sums to `stalls`. */
  labels: Record<HandoffLabel, number>;
  /** `handoff_requested` events at this step. */
  handoffs: number;
}

/** A user whose latest stall, exception or hand-off is still open: who acts next. */
export interface StalledUser {
  user: string;
  flow: string;
  account: string | null;
  segment: string;
  path: string;
  step: string | null;
  label: HandoffLabel;
  owner: string | null;
  nextAction: string | null;
  /** When the stall or exception began (epoch ms). */
  since: number;
  /** The user's latest event (epoch ms). */
  lastEventAt: number;
  /** Always 'open' unless the report was created with `includeResolved`. */
  state: 'open' | 'resolved';
}

export interface EngagementGap {
  user: string;
  flow: string;
  segment: string;
  gapMs: number;
  at: number;
}

export interface Report {
  version: 1;
  /** `result(now)`'s `now`, epoch ms. */
  generatedAt: number;
  /** Distinct valid events counted. */
  events: number;
  /** Events dropped because their `id` was already counted. */
  duplicates: number;
  /** Blank, non-JSON or invalid lines (and invalid events given to `add`). */
  skippedLines: number;
  /** Flow ids, sorted. */
  flows: string[];
  /** Sorted by segment id. */
  segments: SegmentReport[];
  /** Sorted by stalls desc, then hand-offs desc, then path and step. */
  stalls: StallRow[];
  /** Sorted by since asc (oldest first), then flow, then user. */
  stalled: StalledUser[];
  /** Every `engagement_gap` event, sorted by at asc, then flow, then user. */
  gaps: EngagementGap[];
}

export interface ReportOptions {
  /** Also list users whose latest stall/exception was resolved (`state: 'resolved'`). */
  includeResolved?: boolean;
}

export interface ReportBuilder {
  /** Count one event; invalid ones count as skipped, repeated ids as duplicates. */
  add(event: unknown): void;
  /** Count input that could not be read as an event (a blank or malformed line). */
  skip(count?: number): void;
  /** The report so far; `now` (epoch ms, default `Date.now()`) becomes `generatedAt`. */
  result(now?: number): Report;
}
