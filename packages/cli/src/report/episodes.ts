import { EXCEPTION_OPEN_STATES, EXCEPTION_RESOLVE_STATES, isHandoffLabel } from './milestones';
import type { ExceptionKind, HandoffLabel, TrailEvent } from './types';

/**
 * Stall/exception episodes. A user keeps only the events that open, continue or end one (a few
 * per user: stalls, exception states, hand-offs, step completions) as `EpisodeRecord`s; episodes
 * are replayed from them in `seq` order when the report is read, so the arrival order of files,
 * batches and duplicates never changes the result.
 */
export type EpisodeRecord = BlockerRecord | EndRecord;

/** Where a user is blocked, why, and who acts: shared by a record and the episode it builds. */
interface Blocker {
  path: string;
  step: string | null;
  label: HandoffLabel;
  exception: ExceptionKind | null;
  owner: string | null;
  nextAction: string | null;
  since: number;
}

/** A stall, exception state or hand-off. */
export interface BlockerRecord extends Blocker {
  end: false;
  key: number;
  handoff: boolean;
}

/** Something that ends an episode: its step completed (or first value on it), or its exception resolved. */
export interface EndRecord {
  end: true;
  key: number;
  step: string | null;
  resolves: ExceptionKind | null;
}

/** One blocker of one user, from its first event until something ends it. */
export interface Episode extends Blocker {
  handoffs: number;
  open: boolean;
}

const STALL_LADDER = new Set(['stall_detected', 'recovery_prompt_shown', 'guided_retry_started']);

/** The record an event contributes to episodes, or null when it plays no part in them. */
export function toRecord(event: TrailEvent, key: number): EpisodeRecord | null {
  const { type } = event;
  if (type === 'step_completed' || type === 'first_value_created') {
    return event.step === undefined ? null : { end: true, key, step: event.step, resolves: null };
  }
  if (Object.hasOwn(EXCEPTION_RESOLVE_STATES, type)) {
    return { end: true, key, step: null, resolves: EXCEPTION_RESOLVE_STATES[type] };
  }
  const exception = Object.hasOwn(EXCEPTION_OPEN_STATES, type) ? EXCEPTION_OPEN_STATES[type] : null;
  const handoff = type === 'handoff_requested';
  if (exception === null && !handoff && !STALL_LADDER.has(type)) return null;
  const data = event.data ?? {};
  const stated = handoff && isHandoffLabel(data.label) ? data.label : null;
  return {
    end: false, key, handoff,
    path: (handoff ? text(data.path) : null) ?? event.path ?? '',
    step: (handoff ? text(data.step) : null) ?? event.step ?? null,
    label: stated ?? exception ?? 'hesitation',
    exception: exception ?? (stated === 'permissions' || stated === 'invite' || stated === 'workspace' ? stated : null),
    owner: text(data.owner),
    nextAction: text(data.nextAction),
    since: handoff && typeof data.since === 'number' && Number.isFinite(data.since) ? data.since : event.at,
  };
}

/**
 * Replays a user's records in order. A blocker at the path and step of the open episode continues
 * it (a hand-off sets label, owner and next action; an exception turns hesitation into its kind);
 * any other blocker, or an exception of another kind than the episode's (the SDK keeps both open),
 * starts a new episode. An episode ends when its step completes, or its exception (or hand-off
 * label's exception) is resolved, whether or not a later episode began meanwhile.
 */
export function replayEpisodes(records: readonly EpisodeRecord[]): Episode[] {
  const sorted = [...records].sort((a, b) => a.key - b.key);
  const episodes: Episode[] = [];
  let current: Episode | null = null;
  for (const r of sorted) {
    if (r.end) {
      for (const e of episodes) if (e.open && ends(r, e)) e.open = false;
      continue;
    }
    const kind = current?.exception ?? null;
    if (current !== null && current.open && current.path === r.path && current.step === r.step && (kind === null || r.exception === null || kind === r.exception)) {
      merge(current, r);
      continue;
    }
    current = {
      path: r.path, step: r.step, label: r.label, exception: r.exception, owner: r.owner,
      nextAction: r.nextAction, since: r.since, handoffs: r.handoff ? 1 : 0, open: true,
    };
    episodes.push(current);
  }
  return episodes;
}

function merge(e: Episode, r: BlockerRecord): void {
  e.since = Math.min(e.since, r.since);
  if (r.exception !== null) e.exception = r.exception;
  if (r.handoff) {
    e.handoffs++;
    e.label = r.label;
    e.owner = r.owner ?? e.owner;
    e.nextAction = r.nextAction ?? e.nextAction;
    return;
  }
  if (r.exception !== null && e.handoffs === 0) e.label = r.exception;
  e.owner ??= r.owner;
  e.nextAction ??= r.nextAction;
}

function ends(r: EndRecord, e: Episode): boolean {
  if (r.resolves !== null) return r.resolves === (e.exception ?? exceptionOf(e.label));
  return r.step !== null && r.step === e.step;
}

function exceptionOf(label: HandoffLabel): ExceptionKind | null {
  return label === 'permissions' || label === 'invite' || label === 'workspace' ? label : null;
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value.length > 0 ? value : null;
}
