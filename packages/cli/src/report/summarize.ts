import { replayEpisodes } from './episodes';
import {
  DISMISSED_BIT, FIFTEEN_MINUTES_MS, MILESTONE_BITS, MILESTONES, TOUR_INDEX, TOUR_SKIPPED_BIT, TTV_BUCKETS_MS,
  emptyLabelCounts,
} from './milestones';
import { nearestRank } from './percentile';
import type {
  EngagementGap, MilestoneRow, Report, SegmentReport, StallRow, StalledUser, TimeToValue,
} from './types';
import type { UserState } from './userState';

export interface SummaryInput {
  users: Iterable<UserState>;
  events: number;
  duplicates: number;
  skippedLines: number;
  now: number;
  includeResolved: boolean;
}

interface SegmentTally {
  users: number;
  /** Users per milestone mask (6 bits): enough to count any milestone and any pair. */
  masks: Uint32Array;
  tourSkipped: number;
  dismissed: number;
  ttvs: number[];
  provisioning: string | null;
}

/** Builds the `Report` from the per-user states; reads them, never changes them. */
export function summarize(input: SummaryInput): Report {
  const flows = new Set<string>();
  const tallies = new Map<string, SegmentTally>();
  const stalled: StalledUser[] = [];
  const gaps: EngagementGap[] = [];
  const rows = new Map<string, StallRow>();
  for (const u of input.users) {
    flows.add(u.flow);
    let t = tallies.get(u.segment);
    if (t === undefined) {
      t = { users: 0, masks: new Uint32Array(MILESTONE_BITS + 1), tourSkipped: 0, dismissed: 0, ttvs: [], provisioning: null };
      tallies.set(u.segment, t);
    }
    t.users++;
    t.masks[u.mask & MILESTONE_BITS]++;
    if (u.mask & TOUR_SKIPPED_BIT) t.tourSkipped++;
    if (u.mask & DISMISSED_BIT) t.dismissed++;
    if (u.provisioning !== null) t.provisioning = u.provisioning;
    const ttv = timeToValueOf(u);
    if (ttv !== null) t.ttvs.push(ttv);
    const episodes = replayEpisodes(u.records ?? []);
    for (const e of episodes) {
      const row = rowFor(rows, e.path, e.step);
      row.stalls++;
      row.labels[e.label]++;
      row.handoffs += e.handoffs;
    }
    const e = episodes.length === 0 ? null : episodes[episodes.length - 1];
    if (e !== null && (e.open || input.includeResolved)) {
      stalled.push({
        user: u.user, flow: u.flow, account: u.account, segment: u.segment, path: e.path, step: e.step,
        label: e.label, owner: e.owner, nextAction: e.nextAction, since: e.since, lastEventAt: u.lastAt,
        state: e.open ? 'open' : 'resolved',
      });
    }
    for (const g of u.gaps ?? []) gaps.push({ user: u.user, flow: u.flow, segment: u.segment, gapMs: g.gapMs, at: g.at });
  }

  const segments: SegmentReport[] = [...tallies.entries()]
    .sort(([a], [b]) => compare(a, b))
    .map(([segment, t]) => segmentReport(segment, t));
  const stalls = [...rows.values()].sort((a, b) => b.stalls - a.stalls || b.handoffs - a.handoffs || compare(a.path, b.path) || compare(a.step ?? '', b.step ?? ''));
  stalled.sort((a, b) => a.since - b.since || compare(a.flow, b.flow) || compare(a.user, b.user));
  gaps.sort((a, b) => a.at - b.at || compare(a.flow, b.flow) || compare(a.user, b.user));

  return {
    version: 1, generatedAt: input.now, events: input.events, duplicates: input.duplicates,
    skippedLines: input.skippedLines, flows: [...flows].sort(compare), segments, stalls, stalled, gaps,
  };
}

function segmentReport(segment: string, t: SegmentTally): SegmentReport {
  const milestones = milestoneRows(t.masks, t.users);
  const activated = milestones[MILESTONES.length - 1].users;
  return {
    segment, provisioning: t.provisioning, users: t.users, milestones,
    activationRate: t.users === 0 ? 0 : activated / t.users,
    timeToValue: timeToValue(t.ttvs), tourSkipped: t.tourSkipped, dismissed: t.dismissed,
  };
}

/** Counts and conversions; see `MilestoneRow.conversion` for which milestone is "previous". */
function milestoneRows(masks: Uint32Array, users: number): MilestoneRow[] {
  const reached = (bits: number): number => {
    let n = 0;
    for (let m = 0; m < masks.length; m++) if ((m & bits) === bits) n += masks[m];
    return n;
  };
  const counts = MILESTONES.map((_, i) => reached(1 << i));
  return MILESTONES.map((type, i) => {
    let prev = -1;
    for (let j = i - 1; j >= 0 && prev < 0; j--) if (j !== TOUR_INDEX && counts[j] > 0) prev = j;
    const base = prev < 0 ? users : counts[prev];
    const both = prev < 0 ? counts[i] : reached((1 << i) | (1 << prev));
    return { type, users: counts[i], conversion: base === 0 ? 0 : both / base };
  });
}

/** `data.timeToValueMs` of the first `first_value_created`, else its `at` minus the first start. */
function timeToValueOf(u: UserState): number | null {
  if (u.valueKey === Infinity) return null;
  if (!Number.isNaN(u.valueTtv)) return u.valueTtv;
  const ttv = u.milestoneAt[MILESTONES.length - 1] - u.milestoneAt[0];
  return Number.isFinite(ttv) && ttv >= 0 ? ttv : null;
}

function timeToValue(values: number[]): TimeToValue {
  const sorted = Float64Array.from(values).sort();
  const list = Array.from(sorted);
  let within = 0;
  const buckets = [...TTV_BUCKETS_MS, null].map((maxMs) => ({ maxMs, users: 0 }));
  for (const v of list) {
    if (v <= FIFTEEN_MINUTES_MS) within++;
    let b = 0;
    while (b < TTV_BUCKETS_MS.length && v > TTV_BUCKETS_MS[b]) b++;
    buckets[b].users++;
  }
  return {
    median: nearestRank(list, 0.5),
    p75: nearestRank(list, 0.75),
    within15m: list.length === 0 ? null : within / list.length,
    count: list.length,
    buckets,
  };
}

function rowFor(rows: Map<string, StallRow>, path: string, step: string | null): StallRow {
  const id = `${path}\u0000${step ?? '\u0001'}`;
  let row = rows.get(id);
  if (row === undefined) {
    row = { path, step, stalls: 0, labels: emptyLabelCounts(), handoffs: 0 };
    rows.set(id, row);
  }
  return row;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
