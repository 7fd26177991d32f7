import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TrailEvent } from '../src/index';
import { acme, fakeClock, run, T0 } from './helpers';

beforeEach(fakeClock);
afterEach(() => vi.useRealTimers());

/** A member on the second tour step, "new-report"; what was recorded to get there is cleared. */
function onNewReport() {
  const r = run({ flow: acme() });
  r.engine.start();
  r.engine.cta();
  r.engine.next();
  r.events.length = 0;
  return r;
}

/** The same user on a new page: the stored record (as JSON) resumed by a new engine. */
function reload(r: ReturnType<typeof run>) {
  const saved = JSON.parse(JSON.stringify({ progress: r.engine.progress(), trail: r.engine.trail() }));
  r.engine.stop();
  const next = run({ flow: acme(), ...saved });
  next.engine.start();
  return next;
}

const audit = (events: TrailEvent[]) => events.map((e) => [e.type, e.step, e.from, e.to, e.basis]);

const PERMISSIONS_OPENED = [
  ['role_mismatch_detected', 'new-report', 'active', 'role_mismatch_detected', 'signal:permission_denied'],
  ['permissions_review_open', 'new-report', 'role_mismatch_detected', 'permissions_review_open', 'signal:permission_denied'],
  ['handoff_requested', 'new-report', 'permissions_review_open', 'handed_off', 'signal:permission_denied'],
];
const WORKSPACE_OPENED = [
  ['workspace_blocked_detected', 'new-report', 'active', 'workspace_blocked_detected', 'signal:workspace_blocked'],
  ['access_validation_open', 'new-report', 'workspace_blocked_detected', 'access_validation_open', 'signal:workspace_blocked'],
  ['handoff_requested', 'new-report', 'access_validation_open', 'handed_off', 'signal:workspace_blocked'],
];

describe('overlapping exceptions', () => {
  it('holds permissions under workspace: workspace restored first keeps the user blocked until role_corrected', () => {
    const a = onNewReport();
    vi.advanceTimersByTime(1000);
    a.engine.hostSignal('permission_denied');
    vi.advanceTimersByTime(1000);
    a.engine.hostSignal('workspace_blocked');
    expect(a.engine.$state.get()).toMatchObject({ status: 'blocked', step: 'new-report',
      exception: { kind: 'workspace', state: 'access_validation_open', since: T0 + 2000, step: 'new-report' } });
    // the same kind again while it is open (held) records nothing new
    a.engine.hostSignal('permission_denied');
    const b = reload(a);
    b.engine.hostSignal('workspace_access_restored');
    expect(b.engine.$state.get()).toMatchObject({ status: 'blocked', step: 'new-report',
      exception: { kind: 'permissions', state: 'permissions_review_open', since: T0 + 1000, step: 'new-report' } });
    b.engine.hostSignal('role_corrected');
    expect(audit([...a.events, ...b.events])).toEqual([
      ...PERMISSIONS_OPENED,
      ...WORKSPACE_OPENED,
      ['workspace_access_restored', 'new-report', 'access_validation_open', 'workspace_access_restored', 'signal:workspace_access_restored'],
      ['role_corrected_confirmed', 'new-report', 'permissions_review_open', 'role_corrected_confirmed', 'signal:role_corrected'],
      ['step_viewed', 'new-report', 'blocked', 'viewed', 'signal:role_corrected'],
    ]);
    expect(a.events[5].data).toMatchObject({ label: 'workspace', owner: 'support' });
    expect(b.engine.$state.get()).toMatchObject({ status: 'tour', step: 'new-report', exception: null });
  });

  it('resolves the held permissions exception first, then routes back when workspace is restored', () => {
    const a = onNewReport();
    a.engine.hostSignal('permission_denied');
    a.engine.hostSignal('workspace_blocked');
    a.engine.hostSignal('role_corrected', { actor: 'admin_7' });
    expect(a.engine.$state.get()).toMatchObject({ status: 'blocked', step: 'new-report', exception: { kind: 'workspace', state: 'access_validation_open' } });
    const b = reload(a);
    expect(b.engine.$state.get()).toMatchObject({ status: 'blocked', exception: { kind: 'workspace' } });
    // resolved already: a second role_corrected records nothing
    b.engine.hostSignal('role_corrected');
    b.engine.hostSignal('workspace_access_restored');
    expect(audit([...a.events, ...b.events])).toEqual([
      ...PERMISSIONS_OPENED,
      ...WORKSPACE_OPENED,
      ['role_corrected_confirmed', 'new-report', 'permissions_review_open', 'role_corrected_confirmed', 'signal:role_corrected'],
      ['workspace_access_restored', 'new-report', 'access_validation_open', 'workspace_access_restored', 'signal:workspace_access_restored'],
      ['step_viewed', 'new-report', 'blocked', 'viewed', 'signal:workspace_access_restored'],
    ]);
    expect(a.events[6].actor).toBe('admin_7');
    expect(b.engine.$state.get()).toMatchObject({ status: 'tour', step: 'new-report', exception: null });
  });

  it('runs a held invite exception (resend, follow-up, accepted) under an open permissions one', () => {
    const { engine, events } = onNewReport();
    engine.hostSignal('invite_failed');
    engine.hostSignal('permission_denied');
    engine.hostSignal('invite_resent');
    engine.hostSignal('invite_failed');
    expect(engine.$state.get()).toMatchObject({ status: 'blocked', exception: { kind: 'permissions', state: 'permissions_review_open' } });
    engine.hostSignal('invite_accepted', 'valid invite token');
    expect(engine.$state.get()).toMatchObject({ status: 'blocked', exception: { kind: 'permissions' } });
    engine.hostSignal('role_corrected');
    expect(audit(events)).toEqual([
      ['invite_failure_detected', 'new-report', 'active', 'invite_failure_detected', 'signal:invite_failed'],
      ...PERMISSIONS_OPENED,
      ['invite_retry_sent', 'new-report', 'invite_failure_detected', 'invite_retry_sent', 'signal:invite_resent'],
      ['human_followup_needed', 'new-report', 'invite_retry_sent', 'human_followup_needed', 'signal:invite_failed'],
      ['handoff_requested', 'new-report', 'human_followup_needed', 'handed_off', 'signal:invite_failed'],
      ['invite_accepted', 'new-report', 'pending_invite', 'active_user', 'valid invite token'],
      ['role_corrected_confirmed', 'new-report', 'permissions_review_open', 'role_corrected_confirmed', 'signal:role_corrected'],
      ['step_viewed', 'new-report', 'blocked', 'viewed', 'signal:role_corrected'],
    ]);
    expect(events[6].data).toMatchObject({ label: 'invite', owner: 'customer-success', since: T0 });
  });

  it('takes the held exceptions over from another tab', () => {
    const a = onNewReport();
    const b = reload(onNewReport());
    a.engine.hostSignal('permission_denied');
    a.engine.hostSignal('workspace_blocked');
    b.engine.adopt(a.engine.progress(), a.engine.trail());
    b.engine.hostSignal('workspace_access_restored');
    expect(b.engine.$state.get()).toMatchObject({ status: 'blocked', exception: { kind: 'permissions' } });
    b.engine.hostSignal('role_corrected');
    expect(audit(b.events)).toEqual([
      ['workspace_access_restored', 'new-report', 'access_validation_open', 'workspace_access_restored', 'signal:workspace_access_restored'],
      ['role_corrected_confirmed', 'new-report', 'permissions_review_open', 'role_corrected_confirmed', 'signal:role_corrected'],
      ['step_viewed', 'new-report', 'blocked', 'viewed', 'signal:role_corrected'],
    ]);
    expect(b.engine.$state.get()).toMatchObject({ status: 'tour', step: 'new-report' });
  });

  it('resumes a record saved before exceptions were held (one open exception) and holds it under a new one', () => {
    const a = onNewReport();
    a.engine.hostSignal('permission_denied');
    const saved = JSON.parse(JSON.stringify(a.engine.progress()));
    expect(Object.keys(saved)).not.toContain('held');
    const b = run({ flow: acme(), progress: saved, trail: a.engine.trail() });
    b.engine.start();
    b.engine.hostSignal('workspace_blocked');
    b.engine.hostSignal('workspace_access_restored');
    b.engine.hostSignal('role_corrected');
    expect(b.events.map((e) => e.type)).toEqual(['workspace_blocked_detected', 'access_validation_open', 'handoff_requested',
      'workspace_access_restored', 'role_corrected_confirmed', 'step_viewed']);
    expect(b.engine.$state.get()).toMatchObject({ status: 'tour', step: 'new-report', exception: null });
  });
});
