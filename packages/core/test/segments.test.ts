import { describe, expect, it } from 'vitest';
import { chooseSegment } from '../src/index';
import { acme } from './helpers';

describe('segment choice', () => {
  const flow = acme();
  it('gives admins the admin path, with the rule that matched', () => {
    const c = chooseSegment(flow, { id: 'a', role: 'owner' });
    expect([c.segment.id, c.segment.path, c.basis]).toEqual(['team-admin', 'admin-setup', 'role=owner']);
  });
  it('gives SSO users the jit segment', () => {
    const c = chooseSegment(flow, { id: 's', role: 'member', traits: { provisioning: 'jit' } });
    expect([c.segment.id, c.segment.provisioning, c.basis]).toEqual(['sso-member', 'jit', 'provisioning=jit']);
  });
  it('gives everyone else the default segment', () => {
    const c = chooseSegment(flow, { id: 'm', role: 'member' });
    expect([c.segment.id, c.basis]).toEqual(['self-serve', 'default']);
  });
  it('reads account traits with account.X and needs every key', () => {
    const f = structuredClone(flow);
    f.segments.unshift({ id: 'pro-admin', match: { role: 'admin', 'account.plan': ['pro', 'enterprise'] }, provisioning: 'admin', path: 'admin-setup' });
    expect(chooseSegment(f, { id: 'a', role: 'admin' }, { id: 'acc', traits: { plan: 'pro' } }).basis).toBe('role=admin,account.plan=pro');
    expect(chooseSegment(f, { id: 'a', role: 'admin' }, { id: 'acc', traits: { plan: 'free' } }).segment.id).toBe('team-admin');
  });
});
