import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseFlow } from '@guidepost/core';
import type { Flow } from '@guidepost/core';
import { simulateCommand, whoFromFlags } from '../src/commands/simulate';
import { simulateFlow } from '../src/commands/simulateFlow';

const SAMPLE = 'examples/acme/public/onboarding.json';
const json = () => JSON.parse(readFileSync(SAMPLE, 'utf8')) as Record<string, any>;
const valid = (j: unknown): Flow => {
  const r = parseFlow(j);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.flow;
};
const MIN = 60_000;

async function simulate(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await simulateCommand(args, { out: (t) => void out.push(t), err: (t) => void err.push(t) });
  return { code, out: out.join(''), err: err.join('') };
}

describe('simulateFlow', () => {
  it('gives an admin the admin path, saying which keys matched, with every step in order', () => {
    const sim = simulateFlow(valid(json()), { id: 'u1', role: 'admin', name: 'Ada' });
    expect(sim.segment).toEqual({ id: 'team-admin', index: 0, provisioning: 'admin', owner: 'customer-success', basis: 'role=admin', matched: { role: 'admin' } });
    expect(sim.path).toBe('admin-setup');
    expect(sim.exception).toBeNull();
    expect(sim.steps.map((s) => [s.kind, s.id, s.title, s.target, s.completes, s.milestones, s.coreTask, s.activation])).toEqual([
      ['welcome', null, 'Welcome, Ada', null, 'its button "Import my data"', ['welcome_viewed', 'first_action_started'], false, false],
      ['tour step', 'find-sources', 'Your data lives here', '[data-tour=nav-sources]', 'its "Next" button, or click on [data-tour=nav-sources]', [], false, false],
      ['tour step', 'add-source', 'Add a source', '[data-tour=add-source]', 'its "Done" button', ['guided_path_completed'], false, false],
      ['task', 'import-data', 'Import your data', '[data-tour=add-source]', 'event "source_connected"', ['core_task_completed'], true, false],
      ['task', 'first-dashboard', 'Open your first dashboard', '[data-tour=nav-dashboards]', 'URL matches /dashboards/*', ['first_value_created'], false, true],
      ['task', 'invite-teammate', 'Invite one teammate', '[data-tour=invite]', 'event "invite_accepted"', [], false, false],
    ]);
  });

  it('shows each step\'s stall ladder as cumulative times, with the owner the engine would use', () => {
    const sim = simulateFlow(valid(json()), { id: 'u1', role: 'admin' });
    expect(sim.steps.map((s) => s.stall)).toEqual([
      null,
      { promptAtMs: 2 * MIN, retryAtMs: 4 * MIN, handoffAtMs: 14 * MIN, owner: 'customer-success', nextAction: null },
      { promptAtMs: 2 * MIN, retryAtMs: 4 * MIN, handoffAtMs: 14 * MIN, owner: 'customer-success', nextAction: null },
      { promptAtMs: 3 * MIN, retryAtMs: 5 * MIN, handoffAtMs: 15 * MIN, owner: 'support', nextAction: 'Check the import log for a failed connection' },
      { promptAtMs: 2 * MIN, retryAtMs: 4 * MIN, handoffAtMs: 14 * MIN, owner: 'customer-success', nextAction: null },
      { promptAtMs: 2 * MIN, retryAtMs: 4 * MIN, handoffAtMs: 14 * MIN, owner: 'customer-success', nextAction: null },
    ]);
  });

  it('routes a jit user without a role to the permissions exception first; with a role, straight in', () => {
    const flow = valid(json());
    const noRole = simulateFlow(flow, { id: 'u', traits: { provisioning: 'jit' } });
    const withRole = simulateFlow(flow, { id: 'u', role: 'member', traits: { provisioning: 'jit' } });
    expect([noRole.segment.id, noRole.segment.basis, noRole.exception, withRole.segment.id, withRole.exception]).toEqual([
      'sso-member', 'provisioning=jit',
      { key: 'permissions', basis: 'jit user without role', states: ['role_mismatch_detected', 'permissions_review_open'], owner: 'support', resolvedBy: 'role_corrected' },
      'sso-member', null,
    ]);
  });

  it('falls back to the default segment, and reads account traits for account.X keys', () => {
    const j = json();
    j.segments.splice(0, 0, { id: 'pro', match: { 'account.plan': 'pro', role: 'member' }, provisioning: 'self-service', path: 'member-first-report' });
    const flow = valid(j);
    const pro = simulateFlow(flow, { id: 'u', role: 'member' }, { id: 'a', traits: { plan: 'pro' } });
    const free = simulateFlow(flow, { id: 'u', role: 'member' }, { id: 'a', traits: { plan: 'free' } });
    expect([pro.segment.id, pro.segment.basis, pro.segment.matched, free.segment.id, free.segment.basis, free.segment.owner]).toEqual([
      'pro', 'account.plan=pro,role=member', { 'account.plan': 'pro', role: 'member' }, 'self-serve', 'default', 'product',
    ]);
  });

  it('marks the first step as first_action_started when there is no welcome, and flags tasks that never complete', () => {
    const j = json();
    delete j.paths['admin-setup'].welcome;
    delete j.paths['admin-setup'].quickStart.tasks[2].complete;
    j.paths['admin-setup'].tour.steps[0].title = { en: 'Data', de: 'Daten' };
    const sim = simulateFlow(valid(j), { id: 'u', role: 'owner' }, undefined, 'de-AT');
    expect([sim.steps[0].milestones, sim.steps[0].title, sim.steps[4].completes]).toEqual([
      ['first_action_started'], 'Daten', 'nothing: this task has no "complete" trigger',
    ]);
  });
});

describe('simulate command', () => {
  it('prints segment, reason, owner, path and numbered steps', async () => {
    const r = await simulate(SAMPLE, '--user', 'role=admin', '--user=name=Ada', '--account', 'plan=pro');
    expect(r.code).toBe(0);
    expect(r.out.split('\n').slice(0, 9)).toEqual([
      'Flow acme-analytics v1 · user simulated-user, role admin, account simulated-account, account.plan=pro',
      'Segment  team-admin (segments[0]): it matched role=admin',
      '         provisioning admin · owner customer-success',
      'Path     admin-setup',
      '',
      ' 1. Welcome "Welcome, Ada"',
      '      completes on its button "Import my data"',
      '      records welcome_viewed, first_action_started',
      ' 2. Tour step find-sources "Your data lives here"',
    ]);
    expect(r.out).toContain(' 4. Task import-data "Import your data" [core task]\n      target [data-tour=add-source] · completes on event "source_connected"\n      records core_task_completed\n      stall: prompt at 3 min, retry at 5 min, hand-off at 15 min of visible time without progress → support: "Check the import log for a failed connection"\n');
  });

  it('prints the jit exception before the path, and --json gives the same simulation', async () => {
    const text = await simulate(SAMPLE, '--trait', 'provisioning=jit');
    expect(text.out).toContain('Exception first: jit user without role. The user does not enter the path; the permissions exception opens\n  (role_mismatch_detected → permissions_review_open, hand-off to support). After role_corrected, the user enters the path below.\n');
    const j = await simulate(SAMPLE, '--trait', 'provisioning=jit', '--json');
    expect(JSON.parse(j.out)).toEqual(JSON.parse(JSON.stringify(simulateFlow(valid(json()), { id: 'simulated-user', traits: { provisioning: 'jit' } }))));
  });

  it('reads true, false and numbers in trait values as an app sends them, the rest as text', () => {
    expect(whoFromFlags({ trait: ['seats=5', 'beta=true', 'off=false', 'ratio=-0.5', 'plan=007', 'code=1e3', 'name=Ada'], account: ['tier=2'] })).toEqual({
      user: { id: 'simulated-user', traits: { seats: 5, beta: true, off: false, ratio: -0.5, plan: '007', code: '1e3', name: 'Ada' } },
      account: { id: 'simulated-account', traits: { tier: 2 } },
    });
  });

  it('rejects bad who-flags with exit 2 and an invalid flow with exit 1', async () => {
    expect(whoFromFlags({ user: ['plan=pro'] })).toEqual({ error: "--user knows id, role, name; for 'plan' use --trait plan=…" });
    expect(whoFromFlags({ trait: ['novalue'] })).toEqual({ error: "--trait takes key=value, got 'novalue'" });
    const bad = await simulate(SAMPLE, '--user', 'plan=pro');
    const invalid = await simulate('packages/cli/test/no-such-flow.json');
    expect([bad.code, bad.err.split('\n')[0], invalid.code, invalid.out.split('\n')[0]]).toEqual([
      2, "guidepost simulate: --user knows id, role, name; for 'plan' use --trait plan=…", 1, '✗ packages/cli/test/no-such-flow.json is not a valid flow (1 error)',
    ]);
  });
});
