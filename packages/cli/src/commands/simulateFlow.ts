import { chooseSegment, resolveText, stallThresholds } from '@guidepost/core';
import type { Account, AnyStep, Flow, Text, TraitValue, Trigger, User } from '@guidepost/core';

export interface SimulatedStall {
  /** Cumulative visible time without progress (ms): prompt, retry, hand-off; a level may be absent. */
  promptAtMs: number | null;
  retryAtMs: number | null;
  handoffAtMs: number | null;
  owner: string;
  /** The flow's words for the hand-off; null when the SDK's default words are used. */
  nextAction: string | null;
}

export interface SimulatedStep {
  kind: 'welcome' | 'tour step' | 'task';
  /** Step or task id; null for the welcome. */
  id: string | null;
  title: string;
  target: string | null;
  /** What moves the user on, in words. */
  completes: string;
  /** The trigger from the flow, when there is one. */
  trigger: Trigger | null;
  /** Milestones this step records. */
  milestones: string[];
  coreTask: boolean;
  activation: boolean;
  stall: SimulatedStall | null;
}

export interface Simulation {
  flow: { id: string; version: number };
  user: User;
  account: Account | null;
  segment: { id: string; index: number; provisioning: string; owner: string; basis: string; matched: Record<string, TraitValue> };
  path: string;
  /** Set when the user is routed to an exception before the path (a jit user without a role). */
  exception: { key: 'permissions'; basis: string; states: string[]; owner: string; resolvedBy: string } | null;
  steps: SimulatedStep[];
  /** Who owns each exception the app may signal. */
  exceptions: Array<{ key: string; owner: string }>;
}

/** "event \"report_created\" where { plan: pro }", "click on #a", "any of: …". */
export function describeTrigger(t: Trigger): string {
  if (t.event !== undefined) return `event "${t.event}"${t.where ? ` where ${Object.entries(t.where).map(([k, v]) => `${k}=${v}`).join(', ')}` : ''}`;
  if (t.click !== undefined) return `click on ${t.click}`;
  if (t.url !== undefined) return `URL matches ${t.url}`;
  if (t.element !== undefined) return `element ${t.element} present`;
  const list = t.any ?? t.all ?? [];
  return `${t.any ? 'any' : 'all'} of (${list.map(describeTrigger).join('; ')})`;
}

/**
 * What the engine would do for this user, without running it: the segment (core's chooseSegment),
 * the path, and every step in order with how it completes, the milestones it records and its stall
 * ladder. Owners follow the engine: the step's stall owner, the step's owner, then the segment's,
 * the path's, defaults.owner, and "product".
 */
export function simulateFlow(flow: Flow, user: User, account?: Account, locale?: string): Simulation {
  const choice = chooseSegment(flow, user, account);
  const seg = choice.segment;
  const p = flow.paths[seg.path];
  const ownerOf = (own?: string) => own ?? seg.owner ?? p.owner ?? flow.defaults?.owner ?? 'product';
  const text = (t: Text | undefined) => resolveText(t, { user, account }, locale, flow.locale);
  const steps: SimulatedStep[] = [];
  const base = { target: null, trigger: null, milestones: [], coreTask: false, activation: false, stall: null };
  const stallOf = (s: AnyStep): SimulatedStall | null => {
    const at = stallThresholds(flow, s.stall);
    if (!at.length) return null;
    const words = s.stall?.nextAction ?? s.nextAction ?? flow.defaults?.stall?.nextAction;
    return { promptAtMs: at[0] ?? null, retryAtMs: at[1] ?? null, handoffAtMs: at[2] ?? null, owner: ownerOf(s.stall?.owner ?? s.owner ?? flow.defaults?.stall?.owner), nextAction: words === undefined ? null : text(words) };
  };
  if (p.welcome) {
    steps.push({ ...base, kind: 'welcome', id: null, title: text(p.welcome.title), completes: `its button "${text(p.welcome.cta)}"`, milestones: ['welcome_viewed', 'first_action_started'] });
  }
  const tour = (p.tour?.steps ?? []) as AnyStep[];
  tour.forEach((s, i) => {
    const last = i === tour.length - 1;
    const button = text(flow.labels?.[last ? 'done' : 'next']) || (last ? 'Done' : 'Next');
    steps.push({
      ...base, kind: 'tour step', id: s.id, title: text(s.title), target: s.target ?? null, trigger: s.complete ?? null,
      completes: `its "${button}" button${s.complete ? `, or ${describeTrigger(s.complete)}` : ''}`,
      milestones: [...(i === 0 && !p.welcome ? ['first_action_started'] : []), ...(last ? ['guided_path_completed'] : [])],
      stall: stallOf(s),
    });
  });
  const tasks = (p.quickStart?.tasks ?? []) as AnyStep[];
  const core = p.coreTask ?? tasks[0]?.id;
  tasks.forEach((t, i) => {
    const isCore = t.id === core;
    const isActivation = t.id === p.activation;
    steps.push({
      ...base, kind: 'task', id: t.id, title: text(t.title), target: t.target ?? null, trigger: t.complete ?? null,
      completes: t.complete ? describeTrigger(t.complete) : 'nothing: this task has no "complete" trigger',
      milestones: [...(i === 0 && !p.welcome && !tour.length ? ['first_action_started'] : []), ...(isCore ? ['core_task_completed'] : []), ...(isActivation ? ['first_value_created'] : [])],
      coreTask: isCore, activation: isActivation, stall: stallOf(t),
    });
  });
  const jitWithoutRole = seg.provisioning === 'jit' && !user.role;
  return {
    flow: { id: flow.id, version: flow.version },
    user,
    account: account ?? null,
    segment: { id: seg.id, index: flow.segments.indexOf(seg), provisioning: seg.provisioning, owner: ownerOf(), basis: choice.basis, matched: choice.matched },
    path: seg.path,
    exception: jitWithoutRole
      ? { key: 'permissions', basis: 'jit user without role', states: ['role_mismatch_detected', 'permissions_review_open'], owner: ownerOf(flow.exceptions?.permissions?.owner), resolvedBy: 'role_corrected' }
      : null,
    steps,
    exceptions: (['permissions', 'invite', 'workspace'] as const).map((key) => ({ key, owner: ownerOf(flow.exceptions?.[key]?.owner) })),
  };
}
