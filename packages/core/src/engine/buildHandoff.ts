import type { Handoff, HandoffLabel, TrailEvent } from './types';

const PROGRESS = new Set(['flow_started', 'segment_assigned', 'welcome_viewed', 'first_action_started', 'step_viewed',
  'step_completed', 'guided_path_completed', 'tour_skipped', 'core_task_completed', 'first_value_created']);

export interface HandoffInput {
  trail: readonly TrailEvent[];
  /** seq of the first event of this stall or exception */
  fromSeq: number;
  /** event types that justify this hand-off */
  evidence: ReadonlySet<string>;
  label: HandoffLabel;
  owner: string;
  nextAction: string;
  since: number;
  base: Pick<Handoff, 'user' | 'account' | 'segment' | 'path' | 'step'>;
}

/** The evidence package: who, where, why, who acts, and the trail entries that justify it. */
export function buildHandoff(i: HandoffInput): Handoff {
  let last: TrailEvent | undefined;
  for (const e of i.trail) if (e.seq < i.fromSeq && PROGRESS.has(e.type)) last = e;
  return {
    ...i.base,
    label: i.label,
    owner: i.owner,
    nextAction: i.nextAction,
    lastEvent: last ? { type: last.type, at: last.at } : null,
    since: i.since,
    evidence: i.trail.filter((e) => e.seq >= i.fromSeq && i.evidence.has(e.type) && (!i.base.step || !e.step || e.step === i.base.step)),
  };
}
