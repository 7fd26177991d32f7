import type { ExceptionKind, HandoffLabel, MilestoneType } from './types';

/** Funnel order; a milestone's index is its bit in a user's milestone mask. */
export const MILESTONES: readonly MilestoneType[] = [
  'flow_started',
  'welcome_viewed',
  'first_action_started',
  'guided_path_completed',
  'core_task_completed',
  'first_value_created',
];

export const MILESTONE_TITLES: Readonly<Record<MilestoneType, string>> = {
  flow_started: 'Flow started',
  welcome_viewed: 'Welcome viewed',
  first_action_started: 'First action started',
  guided_path_completed: 'Tour completed',
  core_task_completed: 'Core task completed',
  first_value_created: 'First value (activated)',
};

/** Index of `guided_path_completed`: an optional branch, never the "previous" milestone. */
export const TOUR_INDEX = 3;
export const TOUR_SKIPPED_BIT = 1 << 6;
export const DISMISSED_BIT = 1 << 7;
export const MILESTONE_BITS = (1 << MILESTONES.length) - 1;

export const HANDOFF_LABELS: readonly HandoffLabel[] = [
  'hesitation',
  'permissions',
  'invite',
  'workspace',
  'target_missing',
];

export const EXCEPTION_KINDS: readonly ExceptionKind[] = ['permissions', 'invite', 'workspace'];

/** Exception states that open or continue an exception (spec/flow-format.md, "Exceptions"). */
export const EXCEPTION_OPEN_STATES: Readonly<Record<string, ExceptionKind>> = {
  role_mismatch_detected: 'permissions',
  permissions_review_open: 'permissions',
  invite_failure_detected: 'invite',
  invite_retry_sent: 'invite',
  human_followup_needed: 'invite',
  workspace_blocked_detected: 'workspace',
  access_validation_open: 'workspace',
};

/** Exception states that resolve one. */
export const EXCEPTION_RESOLVE_STATES: Readonly<Record<string, ExceptionKind>> = {
  role_corrected_confirmed: 'permissions',
  invite_accepted: 'invite',
  workspace_access_restored: 'workspace',
};

/** Time-to-value histogram bins (inclusive upper bounds, ms); a last open-ended bin follows. */
export const TTV_BUCKETS_MS: readonly number[] = [60e3, 5 * 60e3, 15 * 60e3, 30 * 60e3, 60 * 60e3, 4 * 3600e3, 24 * 3600e3];

export const FIFTEEN_MINUTES_MS = 15 * 60e3;

export function isHandoffLabel(value: unknown): value is HandoffLabel {
  return typeof value === 'string' && (HANDOFF_LABELS as readonly string[]).includes(value);
}

export function isExceptionKind(value: string): value is ExceptionKind {
  return (EXCEPTION_KINDS as readonly string[]).includes(value);
}

export function emptyLabelCounts(): Record<HandoffLabel, number> {
  return { hesitation: 0, permissions: 0, invite: 0, workspace: 0, target_missing: 0 };
}
