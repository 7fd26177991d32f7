import { toRecord } from './episodes';
import { DISMISSED_BIT, MILESTONES, TOUR_SKIPPED_BIT } from './milestones';
import type { TrailEvent } from './types';
import type { UserState } from './userState';
import { orderKey } from './userState';

const MILESTONE_INDEX = new Map<string, number>(MILESTONES.map((type, index) => [type, index]));

/** Folds one new (deduplicated, valid) event into its user's state. Order-independent. */
export function applyEvent(state: UserState, event: TrailEvent): void {
  const key = orderKey(event);
  if (event.at > state.lastAt) state.lastAt = event.at;
  if (event.account !== undefined) state.account = event.account;
  trackSegment(state, event, key);

  const index = MILESTONE_INDEX.get(event.type);
  if (index !== undefined) {
    state.mask |= 1 << index;
    if (!(state.milestoneAt[index] <= event.at)) state.milestoneAt[index] = event.at;
  }
  if (event.type === 'tour_skipped') state.mask |= TOUR_SKIPPED_BIT;
  else if (event.type === 'flow_dismissed') state.mask |= DISMISSED_BIT;
  else if (event.type === 'first_value_created' && key < state.valueKey) {
    state.valueKey = key;
    const ttv = event.data?.timeToValueMs;
    state.valueTtv = typeof ttv === 'number' && Number.isFinite(ttv) && ttv >= 0 ? ttv : NaN;
  } else if (event.type === 'engagement_gap') {
    const gapMs = event.data?.gapMs;
    if (typeof gapMs === 'number' && Number.isFinite(gapMs)) (state.gaps ??= []).push({ at: event.at, gapMs });
  }
  const record = toRecord(event, key);
  if (record !== null) (state.records ??= []).push(record);
}

/** The latest `segment_assigned` decides; before one, the latest event's `segment` field. */
function trackSegment(state: UserState, event: TrailEvent, key: number): void {
  if (event.segment === undefined) return;
  if (event.type === 'segment_assigned') {
    if (state.segmentAssigned && key < state.segmentKey) return;
    state.segmentAssigned = true;
    const provisioning = event.data?.provisioning;
    state.provisioning = typeof provisioning === 'string' ? provisioning : null;
  } else if (state.segmentAssigned || key < state.segmentKey) {
    return;
  }
  state.segment = event.segment;
  state.segmentKey = key;
}
