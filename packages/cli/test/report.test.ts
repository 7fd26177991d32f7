import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { createReport, readTrail } from '../src/report/index';
import type { HandoffLabel, MilestoneType, Report, StallRow, StalledUser } from '../src/report/index';

// A trail whose true funnel is known: every number of the report is checked against truth
// computed from the generator's plans (what each user was made to do), not from the events.

type Stage = 'welcome_viewed' | 'first_action_started' | 'tour' | 'core_task_completed' | 'first_value_created';
interface SegmentDef { id: string; provisioning: string; path: string; stages: Stage[] }
const SEGMENTS: SegmentDef[] = [
  { id: 'team-admin', provisioning: 'admin', path: 'admin-setup', stages: ['welcome_viewed', 'first_action_started', 'core_task_completed', 'first_value_created'] },
  { id: 'sso-member', provisioning: 'jit', path: 'sso-member', stages: ['first_action_started', 'tour', 'core_task_completed', 'first_value_created'] },
  { id: 'everyone', provisioning: 'self-service', path: 'self-serve', stages: ['welcome_viewed', 'first_action_started', 'tour', 'core_task_completed', 'first_value_created'] },
];
type IssueKind = 'stall' | 'stall-handoff' | 'restalled' | 'escalated' | 'permissions' | 'invite' | 'invite-followup' | 'workspace' | 'target' | 'value-resolved';
const ISSUE_KINDS: IssueKind[] = ['stall', 'stall-handoff', 'restalled', 'escalated', 'permissions', 'invite', 'invite-followup', 'workspace', 'target'];
const ISSUE_LABEL: Record<IssueKind, HandoffLabel> = {
  stall: 'hesitation', 'stall-handoff': 'hesitation', restalled: 'hesitation', escalated: 'permissions', permissions: 'permissions', invite: 'invite',
  'invite-followup': 'invite', workspace: 'workspace', target: 'target_missing', 'value-resolved': 'hesitation',
};
const HANDED_OFF = new Set<IssueKind>(['stall-handoff', 'restalled', 'permissions', 'invite-followup', 'workspace', 'target']);
const OWNER: Record<HandoffLabel, [string, string]> = {
  hesitation: ['customer-success', 'Call them and walk through the step'],
  permissions: ['support', "Check the user's role mapping"],
  invite: ['customer-success', 'Resend the invite'],
  workspace: ['support', 'Restore workspace access'],
  target_missing: ['product', 'Fix the missing element'],
};
const BASE = Date.UTC(2025, 0, 6, 9);
const NOW = BASE + 30 * 86_400_000;

interface Plan {
  flow: string; user: string; account: string; seg: SegmentDef; reached: Set<MilestoneType | 'tour_skipped'>;
  ttv: number | null; dismissed: boolean;
  issue: { kind: IssueKind; step: string; resolved: boolean; since: number } | null;
  gap: { gapMs: number; at: number } | null; lastAt: number; events: Record<string, unknown>[];
}

function mulberry32(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function planUser(rng: () => number, flow: string, index: number, seg: SegmentDef): Plan {
  const user = `u${index}`;
  const plan: Plan = {
    flow, user, account: `acct-${index % 17}`, seg, reached: new Set(['flow_started']), ttv: null,
    dismissed: false, issue: null, gap: null, lastAt: 0, events: [],
  };
  let seq = 0;
  let at = BASE + index * 60_000;
  const t0 = at + 1000;
  const reassigned = rng() < 0.15;
  let segment = reassigned ? SEGMENTS[(SEGMENTS.indexOf(seg) + 1) % SEGMENTS.length] : seg;
  const emit = (type: string, step?: string, data?: Record<string, unknown>, when?: number): number => {
    at = Math.max(at + 1000, when ?? 0);
    plan.events.push({
      id: `${flow}/${user}/${++seq}`, seq, at, type, flow, flowVersion: 3, user, account: plan.account,
      segment: segment.id, path: segment.path, ...(step === undefined ? {} : { step }), actor: user, ...(data === undefined ? {} : { data }),
    });
    return at;
  };
  emit('flow_started');
  emit('segment_assigned', undefined, { provisioning: segment.provisioning });
  if (reassigned) {
    segment = seg;
    emit('segment_assigned', undefined, { provisioning: seg.provisioning });
  }
  const reach = Math.floor(rng() * (seg.stages.length + 1));
  const stages = seg.stages.slice(0, reach);
  const hasCore = stages.includes('core_task_completed');
  const activates = stages.includes('first_value_created');
  const step = hasCore ? 'first-report' : 'connect-source';
  let kind: IssueKind | null = null;
  if (activates) kind = rng() < 0.3 ? 'value-resolved' : null;
  else if (rng() < 0.6) kind = ISSUE_KINDS[Math.floor(rng() * ISSUE_KINDS.length)];
  const resolved = kind === 'value-resolved' || rng() < 0.4;
  const issue = (): void => {
    if (kind === null) return;
    const label = ISSUE_LABEL[kind];
    let since = at + 1000;
    const handoff = (): void => {
      emit('handoff_requested', step, {
        user, account: plan.account, segment: seg.id, path: seg.path, step, label, owner: OWNER[label][0],
        nextAction: OWNER[label][1], lastEvent: { type: 'x', at }, since, evidence: [],
      });
    };
    // two episodes on one step: a stall ended by completing the step, then a new stall there
    const restall = (): void => {
      ['stall_detected', 'recovery_prompt_shown', 'step_completed'].forEach((t) => emit(t, step));
      since = at + 1000;
      emit('stall_detected', step);
      handoff();
    };
    const steps: Record<IssueKind, () => void> = {
      stall: () => ['stall_detected', 'recovery_prompt_shown', 'guided_retry_started'].forEach((t) => emit(t, step)),
      'stall-handoff': () => (steps.stall(), handoff()),
      restalled: restall,
      // a hesitation stall that turns out to be an access problem: one episode, labelled permissions
      escalated: () => ['stall_detected', 'recovery_prompt_shown', 'role_mismatch_detected', 'permissions_review_open'].forEach((t) => emit(t, step)),
      'value-resolved': () => ['stall_detected', 'recovery_prompt_shown'].forEach((t) => emit(t, step)),
      permissions: () => (emit('role_mismatch_detected', step), emit('permissions_review_open', step), handoff()),
      invite: () => emit('invite_failure_detected', step),
      'invite-followup': () => (['invite_failure_detected', 'invite_retry_sent', 'human_followup_needed'].forEach((t) => emit(t, step)), handoff()),
      workspace: () => (emit('workspace_blocked_detected', step), emit('access_validation_open', step), handoff()),
      target: () => (emit('target_missing', step), handoff()),
    };
    steps[kind]();
    plan.issue = { kind, step, resolved, since };
    if (!resolved || kind === 'value-resolved') return;
    const resolver: Partial<Record<IssueKind, string>> = {
      permissions: 'role_corrected_confirmed', escalated: 'role_corrected_confirmed', invite: 'invite_accepted', 'invite-followup': 'invite_accepted', workspace: 'workspace_access_restored',
    };
    emit(resolver[kind] ?? 'step_completed', step);
  };
  for (const stage of stages) {
    if (stage === 'tour') {
      const done = rng() < 0.6;
      emit('step_viewed', 'tour-1');
      if (done) ['step_completed', 'step_viewed', 'step_completed'].forEach((t, i) => emit(t, i === 0 ? 'tour-1' : 'tour-2'));
      emit(done ? 'guided_path_completed' : 'tour_skipped');
      plan.reached.add(done ? 'guided_path_completed' : 'tour_skipped');
      continue;
    }
    if (stage === 'core_task_completed') emit('step_completed', 'connect-source');
    if (stage === 'first_value_created') {
      issue();
      const ttv = 20_000 + Math.floor(rng() ** 2 * 7_200_000);
      plan.ttv = ttv;
      emit('first_value_created', 'first-report', { timeToValueMs: ttv }, t0 + ttv);
    } else {
      emit(stage, stage === 'core_task_completed' ? 'connect-source' : undefined);
    }
    plan.reached.add(stage);
  }
  if (!activates) issue();
  if (rng() < 0.1) {
    plan.dismissed = true;
    emit('flow_dismissed');
  }
  if (rng() < 0.15) {
    const gapMs = 72 * 3_600_000 + Math.floor(rng() * 86_400_000);
    plan.gap = { gapMs, at: emit('engagement_gap', undefined, { gapMs }, at + gapMs) };
  }
  plan.lastAt = at;
  return plan;
}

const MALFORMED = ['', '   ', '{"id":', 'not json', '[1,2]', 'null', '{"type":"flow_started","user":"x"}',
  '{"id":"bad-at","type":"flow_started","flow":"f","user":"u","at":"yesterday"}'];

interface Trail { plans: Plan[]; files: string[]; duplicates: number; skipped: number }

function generateTrail(dir: string, perSegment: number, seed: number): Trail {
  const rng = mulberry32(seed);
  const plans: Plan[] = [];
  for (let i = 0; i < perSegment * SEGMENTS.length; i++) plans.push(planUser(rng, 'acme-reports', i, SEGMENTS[i % SEGMENTS.length]));
  for (let i = 0; i < 6; i++) plans.push(planUser(rng, 'acme-billing', i, SEGMENTS[2]));
  // File A: even users, interleaved by time. File B (gzipped): odd users, each in reverse order.
  const a = plans.filter((_, i) => i % 2 === 0).flatMap((p) => p.events).sort((x, y) => (x.at as number) - (y.at as number));
  const b = plans.filter((_, i) => i % 2 === 1).flatMap((p) => [...p.events].reverse());
  const linesA = a.map((e) => JSON.stringify(e));
  const linesB = b.map((e) => JSON.stringify(e));
  const insert = (lines: string[], line: string): void => {
    lines.splice(1 + Math.floor(rng() * (lines.length - 1)), 0, line);
  };
  let duplicates = 0;
  for (const line of [...linesA, ...linesB]) {
    if (rng() < 0.03) {
      insert(rng() < 0.5 ? linesA : linesB, line);
      duplicates++;
    }
  }
  for (let k = 0; k < 3; k++) for (const bad of MALFORMED) insert(linesA, bad);
  const files = [join(dir, 'a.ndjson'), join(dir, 'b.ndjson.gz')];
  writeFileSync(files[0], `${linesA.join('\n')}\n`);
  writeFileSync(files[1], gzipSync(`${linesB.join('\r\n')}\r\n`));
  return { plans, files, duplicates, skipped: 3 * MALFORMED.length };
}

const MILESTONES: MilestoneType[] = ['flow_started', 'welcome_viewed', 'first_action_started', 'guided_path_completed', 'core_task_completed', 'first_value_created'];

/** The report the plans imply, following the documented definitions. */
function truth(trail: Trail, includeResolved = false): Report {
  const { plans } = trail;
  const segments = [...new Set(plans.map((p) => p.seg.id))].sort().map((id) => {
    const users = plans.filter((p) => p.seg.id === id);
    const had = (m: string) => users.filter((p) => p.reached.has(m as MilestoneType));
    const milestones = MILESTONES.map((type, i) => {
      const prev = MILESTONES.slice(0, i).filter((m) => m !== 'guided_path_completed' && had(m).length > 0).pop();
      const base = prev === undefined ? users : had(prev);
      const both = base.filter((p) => p.reached.has(type)).length;
      return { type, users: had(type).length, conversion: base.length === 0 ? 0 : both / base.length };
    });
    const ttvs = users.flatMap((p) => (p.ttv === null ? [] : [p.ttv])).sort((x, y) => x - y);
    const bounds = [60e3, 300e3, 900e3, 1800e3, 3600e3, 14400e3, 86400e3];
    const rank = (q: number) => (ttvs.length === 0 ? null : ttvs[Math.ceil(q * ttvs.length) - 1]);
    return {
      segment: id, provisioning: users[0].seg.provisioning, users: users.length, milestones,
      activationRate: had('first_value_created').length / users.length,
      timeToValue: {
        median: rank(0.5), p75: rank(0.75), count: ttvs.length,
        within15m: ttvs.length === 0 ? null : ttvs.filter((t) => t <= 900_000).length / ttvs.length,
        buckets: [...bounds, null].map((maxMs, i) => ({
          maxMs, users: ttvs.filter((t) => (i === 0 || t > bounds[i - 1]) && (maxMs === null || t <= maxMs)).length,
        })),
      },
      tourSkipped: had('tour_skipped').length,
      dismissed: users.filter((p) => p.dismissed).length,
    };
  });
  const rows = new Map<string, StallRow>();
  const stalled: StalledUser[] = [];
  for (const p of plans) {
    if (p.issue === null) continue;
    const label = ISSUE_LABEL[p.issue.kind];
    const key = `${p.seg.path} ${p.issue.step}`;
    const row = rows.get(key) ?? { path: p.seg.path, step: p.issue.step, stalls: 0, handoffs: 0,
      labels: { hesitation: 0, permissions: 0, invite: 0, workspace: 0, target_missing: 0 } };
    rows.set(key, row);
    const episodes = p.issue.kind === 'restalled' ? 2 : 1;
    row.stalls += episodes;
    row.labels[label] += episodes;
    const handedOff = HANDED_OFF.has(p.issue.kind);
    if (handedOff) row.handoffs++;
    if (p.issue.resolved && !includeResolved) continue;
    stalled.push({
      user: p.user, flow: p.flow, account: p.account, segment: p.seg.id, path: p.seg.path, step: p.issue.step, label,
      owner: handedOff ? OWNER[label][0] : null, nextAction: handedOff ? OWNER[label][1] : null,
      since: p.issue.since, lastEventAt: p.lastAt, state: p.issue.resolved ? 'resolved' : 'open',
    });
  }
  const cmp = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  return {
    version: 1, generatedAt: NOW,
    events: plans.reduce((n, p) => n + p.events.length, 0), duplicates: trail.duplicates, skippedLines: trail.skipped,
    flows: ['acme-billing', 'acme-reports'], segments,
    stalls: [...rows.values()].sort((x, y) => y.stalls - x.stalls || y.handoffs - x.handoffs || cmp(x.path, y.path) || cmp(x.step ?? '', y.step ?? '')),
    stalled: stalled.sort((x, y) => x.since - y.since || cmp(x.flow, y.flow) || cmp(x.user, y.user)),
    gaps: plans.flatMap((p) => (p.gap === null ? [] : [{ user: p.user, flow: p.flow, segment: p.seg.id, gapMs: p.gap.gapMs, at: p.gap.at }]))
      .sort((x, y) => x.at - y.at || cmp(x.flow, y.flow) || cmp(x.user, y.user)),
  };
}

const dir = mkdtempSync(join(tmpdir(), 'guidepost-report-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('report', () => {
  const trail = generateTrail(dir, 60, 20250106);

  it('reports every number of a known trail: funnel, TTV, stalls, stalled users, gaps, counts', async () => {
    const report = (await readTrail(trail.files)).result(NOW);
    const expected = truth(trail);
    expect(report).toEqual(expected);
    // The scenario exercises what it claims to.
    expect(expected.duplicates).toBeGreaterThan(10);
    expect(expected.stalled.length).toBeGreaterThan(10);
    expect(trail.plans.filter((p) => p.issue?.resolved).length).toBeGreaterThan(10);
    expect(expected.gaps.length).toBeGreaterThan(5);
    expect(expected.stalls.flatMap((r) => Object.values(r.labels)).every((n) => n >= 0)).toBe(true);
    expect(new Set(expected.stalled.map((s) => s.label))).toEqual(new Set(['hesitation', 'permissions', 'invite', 'workspace', 'target_missing']));
  });

  it('lists resolved users with state "resolved" when asked', async () => {
    const report = (await readTrail(trail.files, createReport({ includeResolved: true }))).result(NOW);
    expect(report.stalled).toEqual(truth(trail, true).stalled);
  });

  it('gives the same report whatever the order of the files', async () => {
    const forward = (await readTrail(trail.files)).result(NOW);
    const backward = (await readTrail([...trail.files].reverse())).result(NOW);
    expect(backward).toEqual(forward);
  });

  it('reads stdin for "-" and counts an event delivered twice once', async () => {
    const event = { id: 'e1', seq: 1, at: BASE, type: 'flow_started', flow: 'f', user: 'u', segment: 's', path: 'p', actor: 'u' };
    const stdin = Readable.from([`${JSON.stringify(event)}\n`, `${JSON.stringify(event)}\n`, '\n', '{oops\n']);
    const report = (await readTrail(['-'], createReport(), { stdin })).result(NOW);
    expect([report.events, report.duplicates, report.skippedLines, report.segments[0].users]).toEqual([1, 1, 2, 1]);
  });

  it('rejects with the name of a file it cannot read', async () => {
    await expect(readTrail([join(dir, 'missing.ndjson')])).rejects.toThrow(/missing\.ndjson/);
  });
});
