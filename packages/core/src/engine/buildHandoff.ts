import type { Handoff, TrailEvent } from './types';

const PROGRESS = new Set(['flow_started', 'segment_assigned', 'welcome_viewed', 'first_action_started', 'step_viewed',
  'step_completed', 'guided_path_completed', 'tour_skipped', 'core_task_completed', 'first_value_created']);

/**
 * The evidence package: who, where, why and who acts (`head`), the last progress before the
 * stall or exception began (seq `fromSeq`), and the trail entries since then that justify it.
 */
export function buildHandoff(trail: readonly TrailEvent[], fromSeq: number, evidence: ReadonlySet<string>,
  head: Omit<Handoff, 'lastEvent' | 'since' | 'evidence'>, since: number): Handoff {
  let last: TrailEvent | undefined;
  for (const e of trail) if (e.seq < fromSeq && PROGRESS.has(e.type)) last = e;
  return {
    ...head,
    lastEvent: last ? { type: last.type, at: last.at } : null,
    since,
    evidence: trail.filter((e) => e.seq >= fromSeq && evidence.has(e.type) && (!head.step || !e.step || e.step === head.step)),
  };
}
