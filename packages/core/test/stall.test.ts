import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { acme, fakeClock, run, T0 } from './helpers';

beforeEach(fakeClock);
afterEach(() => vi.useRealTimers());

/** A member at the Quick Start's first task (stall: after 90s, then defaults 2m / 10m). */
function atCreateReport(opts = {}) {
  const r = run({ flow: acme(), ...opts });
  r.engine.start();
  r.engine.cta();
  r.engine.skip();
  r.events.length = 0;
  return r;
}

describe('the recovery ladder', () => {
  it('records what one level does at one instant, on a clock that moves at every read', () => {
    let reads = 0;
    const r = run({ flow: acme(), platform: { now: () => Date.now() + reads++, setTimer: (fn, ms) => {
      const h = setTimeout(fn, ms);
      return () => clearTimeout(h);
    } } });
    r.engine.start();
    r.engine.cta();
    r.engine.skip();
    vi.advanceTimersByTime(3 * 60e3);
    const at = (type: string) => r.events.find((e) => e.type === type)!.at;
    expect([at('recovery_prompt_shown') - at('stall_detected'), r.engine.progress().stall!.since! - at('stall_detected')]).toEqual([0, 0]);
  });

  it('says in its basis how long there was no progress, in the unit that shows it (ms below a second)', () => {
    const bases = ['700ms', '90s'].map((after) => {
      const f = acme();
      f.paths['member-first-report'].quickStart!.tasks[0].stall = { after };
      const { engine, events } = run({ flow: f });
      engine.start();
      engine.cta();
      engine.skip();
      vi.advanceTimersByTime(100_000);
      return events.find((e) => e.type === 'stall_detected')?.basis;
    });
    expect(bases).toEqual(['no progress for 700ms', 'no progress for 90s']);
  });

  it('prompts, retries, then hands off, each level counting from the previous one', () => {
    const { engine, events, types } = atCreateReport();
    vi.advanceTimersByTime(89_999);
    expect(types()).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(types()).toEqual(['stall_detected:create-report', 'recovery_prompt_shown:create-report']);
    expect(engine.$state.get().stall).toEqual({ step: 'create-report', state: 'prompted', since: T0 + 90_000, label: 'hesitation' });
    vi.advanceTimersByTime(120_000);
    expect(types().at(-1)).toBe('guided_retry_started:create-report');
    vi.advanceTimersByTime(599_999);
    expect(events.length).toBe(3);
    vi.advanceTimersByTime(1);
    const h = events.at(-1)!;
    expect(events.map((e) => [e.type, e.from, e.to, e.basis])).toEqual([
      ['stall_detected', 'active', 'stalled', 'no progress for 90s'],
      ['recovery_prompt_shown', 'stalled', 'prompted', 'stall.after'],
      ['guided_retry_started', 'prompted', 'retrying', 'stall.retryAfter'],
      ['handoff_requested', 'retrying', 'handed_off', 'stall.handoffAfter'],
    ]);
    expect(h.data).toEqual({
      user: 'u1', account: null, segment: 'self-serve', path: 'member-first-report', step: 'create-report', label: 'hesitation',
      owner: 'product', nextAction: 'Reach out and help the user finish "Create a report"',
      lastEvent: { type: 'step_viewed', at: T0 }, since: T0 + 90_000, evidence: events.slice(0, 3),
    });
    vi.advanceTimersByTime(3600e3);
    expect(events.length).toBe(4);
  });

  it('does not count time while the page is hidden', () => {
    const { engine, types } = atCreateReport();
    vi.advanceTimersByTime(60_000);
    engine.visible(false);
    vi.advanceTimersByTime(3600e3);
    expect(types()).toEqual([]);
    engine.visible(true);
    vi.advanceTimersByTime(29_999);
    expect(types()).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(types()).toEqual(['stall_detected:create-report', 'recovery_prompt_shown:create-report']);
  });

  it('keeps the clock across a reload', () => {
    const a = atCreateReport();
    vi.advanceTimersByTime(80_000);
    const progress = JSON.parse(JSON.stringify(a.engine.progress()));
    a.engine.stop();
    vi.advanceTimersByTime(5_000);
    const b = run({ flow: acme(), progress, trail: a.engine.trail() });
    b.engine.start();
    vi.advanceTimersByTime(9_999);
    expect(b.types()).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(b.types()).toEqual(['stall_detected:create-report', 'recovery_prompt_shown:create-report']);
  });

  it('climbs one level at most when the clock jumps with the page visible (a laptop asleep), the next counting from it', () => {
    const { events, types } = atCreateReport();
    vi.advanceTimersByTime(10_000);
    vi.setSystemTime(Date.now() + 3600e3); // asleep an hour: the date jumps, the prompt's timer still has 80s to go
    vi.advanceTimersByTime(80_000);
    expect(events.map((e) => [e.type, e.basis, e.data])).toEqual([
      ['stall_detected', 'no progress for 90s', { elapsedMs: 90_000 }],
      ['recovery_prompt_shown', 'stall.after', undefined],
    ]);
    vi.advanceTimersByTime(119_999);
    expect(types()).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(types().at(-1)).toBe('guided_retry_started:create-report');
  });

  it('climbs one level at most on a reload after the clock jumped, the retry and hand-off keeping their durations', () => {
    const a = atCreateReport();
    vi.advanceTimersByTime(10_000);
    vi.setSystemTime(Date.now() + 30 * 60e3); // the date jumps half an hour, then the page is reloaded (saved on pagehide)
    const progress = JSON.parse(JSON.stringify(a.engine.progress()));
    a.engine.stop();
    const b = run({ flow: acme(), progress, trail: a.engine.trail() });
    b.engine.start();
    vi.advanceTimersByTime(0);
    expect(b.types()).toEqual(['stall_detected:create-report', 'recovery_prompt_shown:create-report']);
    vi.advanceTimersByTime(119_999);
    expect(b.types()).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(b.types()).toHaveLength(3);
    vi.advanceTimersByTime(599_999);
    expect(b.types().at(-1)).toBe('guided_retry_started:create-report');
    vi.advanceTimersByTime(1);
    expect(b.types().at(-1)).toBe('handoff_requested:create-report');
  });

  it('starts the stall clock afresh for a user back after an engagement gap, whatever the ladder reached before', () => {
    const a = atCreateReport();
    vi.advanceTimersByTime(100_000); // prompted, 10s into the retry's wait
    vi.setSystemTime(Date.now() + 73 * 3600e3); // 73 hours later, with the page still open, a reload
    const progress = JSON.parse(JSON.stringify(a.engine.progress()));
    a.engine.stop();
    const b = run({ flow: acme(), progress, trail: a.engine.trail() });
    b.engine.start();
    expect(b.engine.$state.get().stall).toBe(null);
    vi.advanceTimersByTime(89_999);
    expect(b.types()).toEqual(['engagement_gap:create-report']);
    vi.advanceTimersByTime(1);
    expect(b.types()).toEqual(['engagement_gap:create-report', 'stall_detected:create-report', 'recovery_prompt_shown:create-report']);
    vi.advanceTimersByTime(119_999);
    expect(b.types()).toHaveLength(3);
  });

  it('ends the stall on progress and starts a fresh clock on the next step', () => {
    const { engine, types } = atCreateReport();
    vi.advanceTimersByTime(90_000);
    engine.signal({ kind: 'event', name: 'report_created' });
    expect(engine.$state.get().stall).toBe(null);
    vi.advanceTimersByTime(119_999);
    expect(types().slice(2)).toEqual(['step_completed:create-report', 'core_task_completed:create-report', 'step_viewed:share-report']);
    vi.advanceTimersByTime(1);
    expect(types().slice(5)).toEqual(['stall_detected:share-report', 'recovery_prompt_shown:share-report']);
  });

  it('retries and hands off early from the prompt buttons, with the step owner', () => {
    const r = run({ flow: acme(), user: { id: 'a1', role: 'admin', name: 'Ada' } });
    r.engine.start();
    r.engine.cta();
    r.engine.skip();
    vi.advanceTimersByTime(180_000);
    r.engine.retry();
    vi.advanceTimersByTime(1000);
    r.engine.help();
    const types = r.events.map((e) => `${e.type}:${e.actor}:${e.basis}`);
    expect(types.slice(-3)).toEqual(['recovery_prompt_shown:system:stall.after', 'guided_retry_started:a1:user:retry', 'handoff_requested:a1:user:help']);
    expect(r.events.at(-1)!.data).toMatchObject({ owner: 'support', nextAction: 'Check the import log for a failed connection', label: 'hesitation' });
    vi.advanceTimersByTime(3600e3);
    expect(r.events.at(-1)!.type).toBe('handoff_requested');
  });

  it('counts the hand-off from an early retry', () => {
    const { engine, types } = atCreateReport();
    vi.advanceTimersByTime(90_000);
    vi.advanceTimersByTime(10_000);
    engine.retry();
    vi.advanceTimersByTime(599_999);
    expect(types().at(-1)).toBe('guided_retry_started:create-report');
    vi.advanceTimersByTime(1);
    expect(types().at(-1)).toBe('handoff_requested:create-report');
  });

  it('labels the hand-off target_missing when the stalled step had no target', () => {
    const { engine, events } = atCreateReport();
    engine.targetMissing('create-report', '[data-tour=new-report]');
    vi.advanceTimersByTime(90_000 + 120_000 + 600_000);
    expect(events.at(-1)!.data).toMatchObject({ label: 'target_missing' });
  });
});

describe('exceptions', () => {
  it('permission_denied hands off at once and role_corrected routes back to the blocked step', () => {
    const { engine, events, types } = atCreateReport();
    vi.advanceTimersByTime(30_000);
    engine.hostSignal('permission_denied', { status: 403, endpoint: '/api/reports' });
    expect(engine.$state.get()).toMatchObject({ status: 'blocked', step: 'create-report', stall: null,
      exception: { kind: 'permissions', state: 'permissions_review_open', since: T0 + 30_000, step: 'create-report' } });
    vi.advanceTimersByTime(3600e3);
    engine.hostSignal('role_corrected', { actor: 'admin_7' });
    expect(events.map((e) => [e.type, e.step, e.from, e.to, e.basis, e.actor])).toEqual([
      ['role_mismatch_detected', 'create-report', 'active', 'role_mismatch_detected', 'signal:permission_denied', 'system'],
      ['permissions_review_open', 'create-report', 'role_mismatch_detected', 'permissions_review_open', 'signal:permission_denied', 'system'],
      ['handoff_requested', 'create-report', 'permissions_review_open', 'handed_off', 'signal:permission_denied', 'system'],
      ['role_corrected_confirmed', 'create-report', 'permissions_review_open', 'role_corrected_confirmed', 'signal:role_corrected', 'admin_7'],
      ['step_viewed', 'create-report', 'blocked', 'viewed', 'signal:role_corrected', 'admin_7'],
    ]);
    expect(events[2].data).toMatchObject({ label: 'permissions', owner: 'support', since: T0 + 30_000, step: 'create-report',
      nextAction: "Check the user's role and permissions, then confirm with role_corrected" });
    expect((events[2].data as any).evidence.map((e: any) => e.type)).toEqual(['role_mismatch_detected', 'permissions_review_open']);
    expect(events[0].data).toEqual({ status: 403, endpoint: '/api/reports' });
    expect(engine.$state.get()).toMatchObject({ status: 'tasks', step: 'create-report', exception: null });
    expect(types()).not.toContain('stall_detected:create-report');
  });

  it('routes back to the exact tour step', () => {
    const r = run({ flow: acme() });
    r.engine.start();
    r.engine.cta();
    r.engine.next();
    r.engine.hostSignal('workspace_blocked');
    r.engine.hostSignal('workspace_access_restored');
    expect(r.types().slice(-5)).toEqual(['workspace_blocked_detected:new-report', 'access_validation_open:new-report',
      'handoff_requested:new-report', 'workspace_access_restored:new-report', 'step_viewed:new-report']);
    expect(r.engine.$state.get()).toMatchObject({ status: 'tour', step: 'new-report' });
  });

  it('runs the invite sequence: prompt, resend, follow-up, accepted', () => {
    const { engine, events } = atCreateReport();
    engine.hostSignal('invite_failed');
    engine.hostSignal('invite_failed');
    engine.hostSignal('invite_resent', { actor: 'admin_7' });
    engine.hostSignal('invite_failed');
    engine.hostSignal('invite_accepted', 'valid invite token');
    expect(events.map((e) => [e.type, e.from, e.to, e.basis])).toEqual([
      ['invite_failure_detected', 'active', 'invite_failure_detected', 'signal:invite_failed'],
      ['invite_retry_sent', 'invite_failure_detected', 'invite_retry_sent', 'signal:invite_resent'],
      ['human_followup_needed', 'invite_retry_sent', 'human_followup_needed', 'signal:invite_failed'],
      ['handoff_requested', 'human_followup_needed', 'handed_off', 'signal:invite_failed'],
      ['invite_accepted', 'pending_invite', 'active_user', 'valid invite token'],
      ['step_viewed', 'blocked', 'viewed', 'valid invite token'],
    ]);
    expect(events[3].data).toMatchObject({ label: 'invite', owner: 'customer-success' });
  });

  it('sends a jit user without a role to the permissions exception, then into the path', () => {
    const r = run({ flow: acme(), user: { id: 's1', name: 'Nia', traits: { provisioning: 'jit' } } });
    r.engine.start();
    expect(r.engine.$state.get()).toMatchObject({ segment: 'sso-member', status: 'blocked', exception: { kind: 'permissions' } });
    expect(r.events.slice(1, 4).map((e) => [e.type, e.basis])).toEqual([
      ['segment_assigned', 'provisioning=jit'],
      ['role_mismatch_detected', 'jit user without role'],
      ['permissions_review_open', 'jit user without role'],
    ]);
    expect(r.events[4].data).toMatchObject({ label: 'permissions', owner: 'support' });
    r.engine.hostSignal('role_corrected');
    expect(r.types().slice(-2)).toEqual(['role_corrected_confirmed', 'welcome_viewed']);
  });

  it('closes onboarding, without a welcome, for a jit user who finished every task while blocked', () => {
    const r = run({ flow: acme(), user: { id: 's1', name: 'Nia', traits: { provisioning: 'jit' } } });
    r.engine.start();
    r.engine.signal({ kind: 'event', name: 'report_created' });
    r.engine.signal({ kind: 'event', name: 'report_shared' });
    expect(r.engine.$state.get()).toMatchObject({ status: 'blocked', completed: ['create-report', 'share-report'] });
    r.engine.hostSignal('role_corrected');
    expect(r.types().at(-1)).toBe('role_corrected_confirmed');
    expect(r.engine.$state.get()).toMatchObject({ status: 'done', exception: null });
  });

  it('gives every key of the hand-off, null where there is no account or no step', () => {
    const keys = (data: unknown) => Object.entries(data as object).filter(([k]) => k === 'account' || k === 'step');
    const jit = run({ flow: acme(), user: { id: 's1', name: 'Nia', traits: { provisioning: 'jit' } } });
    jit.engine.start();
    const atWelcome = run({ flow: acme(), account: { id: 'acme' } });
    atWelcome.engine.start();
    atWelcome.engine.hostSignal('workspace_blocked');
    const [a, b] = [jit, atWelcome].map((r) => r.events.find((e) => e.type === 'handoff_requested')!);
    expect([keys(a.data), keys(b.data), Object.keys(a.data!)]).toEqual([
      [['account', null], ['step', null]],
      [['account', 'acme'], ['step', null]],
      ['user', 'account', 'segment', 'path', 'step', 'label', 'owner', 'nextAction', 'lastEvent', 'since', 'evidence'],
    ]);
  });

  it('reports an unknown signal kind', () => {
    const { engine, events } = atCreateReport();
    expect(engine.hostSignal('permision_denied')).toBe(false);
    expect(events).toEqual([]);
  });
});
