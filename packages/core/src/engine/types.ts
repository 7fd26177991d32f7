import type { ReadableAtom } from 'nanostores';
import type { ExceptionKey, Flow } from '../flow/types';
import type { Text } from '../text/resolveText';
import type { Account, TraitValue, User } from '../match/chooseSegment';
import type { UrlLocation } from '../match/matchUrl';
import type { Watch } from './activeTriggers';
import type { Signal } from './triggers';

/** The exception states of flow-format.md, "Exceptions", in the order each key records them. */
export type ExceptionState =
  | 'invite_failure_detected' | 'invite_retry_sent' | 'human_followup_needed' | 'invite_accepted'
  | 'role_mismatch_detected' | 'permissions_review_open' | 'role_corrected_confirmed'
  | 'workspace_blocked_detected' | 'access_validation_open' | 'workspace_access_restored';

/** The fixed trail event types of sdk-api.md, "Trail events". */
export type TrailEventType =
  | 'flow_started' | 'segment_assigned' | 'flow_dismissed' | 'flow_invalid' | 'sdk_error'
  | 'welcome_viewed' | 'first_action_started' | 'guided_path_completed' | 'tour_skipped' | 'core_task_completed' | 'first_value_created'
  | 'step_viewed' | 'step_completed' | 'step_skipped' | 'target_missing'
  | 'stall_detected' | 'recovery_prompt_shown' | 'guided_retry_started' | 'handoff_requested'
  | ExceptionState | 'engagement_gap';

/** The host's evidence and resolutions for `signal(kind, detail)` (flow-format.md, "Exceptions"). */
export type SignalKind =
  | 'invite_failed' | 'invite_resent' | 'invite_accepted'
  | 'permission_denied' | 'role_mismatch' | 'role_corrected'
  | 'workspace_blocked' | 'workspace_access_restored';

/**
 * A name from the list `T`, offered by editors, or any other string (`string & {}` keeps the
 * suggestions that a plain `| string` would swallow).
 */
export type Named<T extends string> = T | (string & {});

/**
 * Records a trail event (trailRecorder.ts): its type, the step it is about, the transition
 * `from` → `to` and its basis, who made it (`actor`, 'system' when undefined) and its data.
 * Positional, as every caller gives the same fields; an undefined one is left out of the event.
 */
export type Emit = (type: TrailEventType, step?: string, from?: string, to?: string, basis?: string, actor?: string,
  data?: Record<string, unknown>) => TrailEvent;

/** One entry of the auditable trail (sdk-api.md, "Trail events"). */
export interface TrailEvent {
  id: string;
  seq: number;
  at: number;
  type: Named<TrailEventType>;
  flow: string;
  flowVersion: number;
  user: string;
  account?: string;
  segment: string;
  path: string;
  step?: string;
  actor: string;
  from?: string;
  to?: string;
  basis?: string;
  data?: Record<string, unknown>;
}

export type HandoffLabel = 'hesitation' | 'permissions' | 'invite' | 'workspace' | 'target_missing';

/** The evidence package a person receives (onHandoff, and handoff_requested's data): every key, null when there is none. */
export interface Handoff {
  user: string;
  account: string | null;
  segment: string;
  path: string;
  /** null: no step was current (an exception at the welcome, a jit user without a role) */
  step: string | null;
  label: HandoffLabel;
  owner: string;
  nextAction: string;
  lastEvent: { type: string; at: number } | null;
  since: number;
  evidence: TrailEvent[];
}

/**
 * Asks for a person (the stall ladder, an exception): records handoff_requested with its evidence
 * package. `start`: when the stall or exception began and the seq its evidence starts at; `owner`
 * and `nextAction`: the most specific settings that give them (the flow's own defaults otherwise).
 */
export type RequestHandoff = (label: HandoffLabel, step: string | undefined, start: { since?: number; seq?: number },
  evidence: ReadonlySet<string>, from: string, basis: string, actor: string, owner?: string, nextAction?: Text) => void;

/** Where the user is. "blocked": an access/invite/workspace exception is open. */
export type Status = 'welcome' | 'tour' | 'tasks' | 'done' | 'dismissed' | 'blocked';

/** The stall ladder: 0 watching, 1 prompted, 2 retrying, 3 handed off. */
export interface StallClock {
  step: string;
  /** visible ms on the step without progress, as of the last checkpoint */
  elapsed: number;
  level: 0 | 1 | 2 | 3;
  /** when stall_detected was recorded */
  since?: number;
  label?: HandoffLabel;
  /** seq of stall_detected: the evidence starts there */
  seq?: number;
}

export interface OpenException {
  key: ExceptionKey;
  state: string;
  since: number;
  /** seq of the first event of this exception */
  seq: number;
  /** where the user was when the first open exception opened, to route them back to exactly there */
  back: { status: Status; step?: string; entered: boolean };
}

/** Everything needed to resume a user's progress: plain JSON. */
export interface Progress {
  v: 1;
  flowVersion: number;
  seq: number;
  segment: string;
  path: string;
  status: Status;
  /** the current tour step (status "tour") */
  step?: string;
  completed: string[];
  /** leaves fired so far, per step, for "all" triggers */
  fired: Record<string, string[]>;
  /** milestones recorded in this run (each at most once) */
  milestones: string[];
  activatedAt?: number;
  /** the user's first flow_started (kept across reset(): the time to value counts from there) */
  startedAt: number;
  lastProgressAt: number;
  gapReportedAt?: number;
  dismissedFrom?: Status;
  stall?: StallClock;
  /** the current exception (the one shown; status "blocked" while any is open) */
  exception?: OpenException;
  /** open exceptions of other kinds under the current one, oldest first (absent in records saved before) */
  held?: OpenException[];
  /** tour steps whose target was missing */
  missing: string[];
}

/** The public state (sdk-api.md: gp.state()). */
export interface PublicState {
  segment: string | null;
  path: string | null;
  status: Status | 'loading' | 'invalid' | 'destroyed';
  step: string | null;
  completed: string[];
  stall: { step: string; state: 'watching' | 'prompted' | 'retrying' | 'handed_off'; since: number | null; label: HandoffLabel } | null;
  exception: { kind: ExceptionKey; state: string; since: number; step: string | null } | null;
  activatedAt: number | null;
  timeToValueMs: number | null;
}

/** What the engine needs from its host platform: a clock and one-shot timers. Nothing else. */
export interface EnginePlatform {
  now(): number;
  /** a one-shot timer; returns its cancel function */
  setTimer(fn: () => void, ms: number): () => void;
  /** a unique id for a trail event (default: time + random) */
  newId?(): string;
  /**
   * Where the user is now, read at each action (default: the last `location()` given). A route
   * watcher runs only while a url trigger waits; without this, a trigger that starts waiting later
   * would be matched against the route the watcher saw last.
   */
  location?(): UrlLocation;
}

export interface EngineOptions {
  flow: Flow;
  user: User;
  account?: Account;
  platform: EnginePlatform;
  /** saved progress and trail of this user and flow, to resume */
  progress?: Progress | null;
  trail?: TrailEvent[];
  locale?: string;
  /** user traits the host allows in the trail (recorded with segment_assigned) */
  traits?: Record<string, TraitValue>;
  location?: UrlLocation;
  visible?: boolean;
}

export interface Engine {
  readonly $state: ReadableAtom<PublicState>;
  readonly $watch: ReadableAtom<Watch>;
  /** begin (or resume) this user's onboarding */
  start(): void;
  /** a product signal: host event, click on a watched selector, element present, route */
  signal(s: Signal): void;
  location(loc: UrlLocation): void;
  visible(v: boolean): void;
  /** access / invite / workspace evidence and resolutions; false when the kind is unknown */
  hostSignal(kind: string, detail?: unknown): boolean;
  cta(): void;
  next(): void;
  back(): void;
  skip(basis?: string): void;
  dismiss(): void;
  resume(): void;
  /** recovery prompt's buttons */
  retry(): void;
  help(): void;
  /** the platform could not find a step's target in time */
  targetMissing(step: string, selector: string): void;
  reset(): void;
  /** record an SDK event (e.g. sdk_error) in this trail */
  record(type: TrailEventType, data?: Record<string, unknown>): void;
  /**
   * progress and trail written by another tab of the same user: taken when they extend this tab's;
   * when both forked from the same event, the branch that loses takes the other and replays its
   * moves since the fork. `saved`: the last seq this tab saved, when tabs save under one lock
   * (then a saved record wins over a branch not saved yet); without it, the lower id at the fork wins.
   */
  adopt(progress: Readonly<Progress>, trail: TrailEvent[], saved?: number): void;
  /** the live progress, checkpointed: serialise it (JSON), do not change it */
  progress(): Readonly<Progress>;
  trail(): TrailEvent[];
  listen(fn: (e: TrailEvent) => void): () => void;
  stop(): void;
}
