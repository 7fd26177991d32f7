import type { ExceptionKey } from '../flow/types';
import type { ExceptionState, SignalKind } from './types';

/** The fixed state sequences of flow-format.md, "Exceptions", and the host signals that drive them. */
export interface ExceptionRule {
  /** the signals that open it */
  openedBy: SignalKind[];
  /** states recorded when the evidence arrives */
  open: ExceptionState[];
  /** the signal that resolves it */
  resolvedBy: SignalKind;
  /** the state recorded when resolved */
  resolved: ExceptionState;
}

export const EXCEPTIONS: Record<ExceptionKey, ExceptionRule> = {
  permissions: { openedBy: ['permission_denied', 'role_mismatch'], open: ['role_mismatch_detected', 'permissions_review_open'], resolvedBy: 'role_corrected', resolved: 'role_corrected_confirmed' },
  workspace: { openedBy: ['workspace_blocked'], open: ['workspace_blocked_detected', 'access_validation_open'], resolvedBy: 'workspace_access_restored', resolved: 'workspace_access_restored' },
  invite: { openedBy: ['invite_failed'], open: ['invite_failure_detected'], resolvedBy: 'invite_accepted', resolved: 'invite_accepted' },
};

/**
 * Whether a person has been asked to help with an open exception in this state: access evidence
 * hands off as it opens, an invite once a resend failed too.
 */
export const exceptionHandedOff = (kind: ExceptionKey, state: string): boolean => kind !== 'invite' || state === 'human_followup_needed';

/** Words a person reads in a hand-off when the flow gives none. */
export const DEFAULT_NEXT_ACTION: Record<string, string> = {
  permissions: "Check the user's role and permissions, then confirm with role_corrected",
  workspace: "Restore the user's access to the workspace",
  invite: 'Resend the invite or add the user by hand',
  hesitation: 'Reach out and help the user finish "{step}"',
  target_missing: 'The step "{step}" points at something the page did not show; check the flow\'s target',
};
