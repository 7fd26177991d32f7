import type { ExceptionKey } from '../flow/types';

/** The fixed state sequences of flow-format.md, "Exceptions". */
export interface ExceptionRule {
  /** states recorded when the evidence arrives */
  open: string[];
  /** the state recorded when resolved */
  resolved: string;
}

export const EXCEPTIONS: Record<ExceptionKey, ExceptionRule> = {
  permissions: { open: ['role_mismatch_detected', 'permissions_review_open'], resolved: 'role_corrected_confirmed' },
  workspace: { open: ['workspace_blocked_detected', 'access_validation_open'], resolved: 'workspace_access_restored' },
  invite: { open: ['invite_failure_detected'], resolved: 'invite_accepted' },
};

/** Which exception a signal opens. */
export const OPENED_BY: Record<string, ExceptionKey> = {
  permission_denied: 'permissions',
  role_mismatch: 'permissions',
  workspace_blocked: 'workspace',
  invite_failed: 'invite',
};

/** Which exception a signal resolves (invite_accepted, whose basis is in its detail, is handled on its own). */
export const RESOLVED_BY: Record<string, ExceptionKey> = {
  role_corrected: 'permissions',
  workspace_access_restored: 'workspace',
};

/** Words a person reads in a hand-off when the flow gives none. */
export const DEFAULT_NEXT_ACTION: Record<string, string> = {
  permissions: "Check the user's role and permissions, then confirm with role_corrected",
  workspace: "Restore the user's access to the workspace",
  invite: 'Resend the invite or add the user by hand',
  hesitation: 'Reach out and help the user finish "{step}"',
  target_missing: 'The step "{step}" points at something the page did not show; check the flow\'s target',
};
