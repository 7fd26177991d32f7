import type { Flow } from '../flow/types';
import type { Account, User } from '../match/chooseSegment';
import type { Emit, Progress, TrailEvent } from './types';

/** What the trail needs from the engine around it. */
export interface TrailHost {
  flow: Flow;
  user: User;
  account?: Account;
  /** the live progress: its seq, segment and path stamp every event */
  progress(): Progress;
  now(): number;
  /** newId: a unique id for an event (default: time + random) */
  platform: { newId?(): string };
  /** saved trail of this user and flow, to continue */
  trail?: TrailEvent[];
}

/**
 * The auditable trail of one user and flow: events with unique ids, a gapless seq, the actor and
 * the from → to transition with its basis. Events are recorded at once and heard by listeners on
 * `flush()`, after the action that caused them.
 */
export function createTrailRecorder(h: TrailHost) {
  const { flow, now } = h;
  const uid = h.user.id;
  const listeners = new Set<(e: TrailEvent) => void>();
  let trail = h.trail?.slice() ?? [];
  const pending: TrailEvent[] = [];
  let flushing = false;
  let rand = 0;
  const newId = h.platform.newId ?? (() => `${now().toString(36)}-${(rand++).toString(36)}-${Math.random().toString(36).slice(2, 10)}`);

  /** events of a branch that lost to another tab's: a replayed move recording the same event keeps its id */
  let reuse: TrailEvent[] = [];
  const emit: Emit = (type, step, from, to, basis, actor = 'system', data) => {
    const i = reuse.findIndex((x) => x.type === type && x.step === step);
    const p = h.progress();
    const e = { id: i < 0 ? newId() : reuse.splice(i, 1)[0].id, seq: ++p.seq, at: now(), type, flow: flow.id, flowVersion: flow.version } as TrailEvent;
    // the rest in this order, a field without a value left out
    const rest = { user: uid, account: h.account?.id, segment: p.segment, path: p.path, actor, step, from, to, basis, data };
    for (const [k, v] of Object.entries(rest)) if (v !== undefined) (e as unknown as Record<string, unknown>)[k] = v;
    trail.push(e);
    pending.push(e);
    return e;
  };

  /** Tells the listeners of the events recorded since the last flush, in order. */
  function flush(): void {
    if (flushing) return;
    flushing = true;
    try {
      while (pending.length) {
        const e = pending.shift() as TrailEvent;
        for (const l of [...listeners]) l(e);
      }
    } finally {
      flushing = false;
    }
  }

  return {
    emit,
    flush,
    /** the live trail: read it, do not change it */
    events: (): readonly TrailEvent[] => trail,
    /** another tab's trail replaces this one */
    adopt(t: TrailEvent[]): void {
      trail = t.slice();
    },
    /** runs fn, the replay of this tab's moves: an event it records as one in `lost` (same type and step) keeps that one's id */
    replay(lost: TrailEvent[], fn: () => void): void {
      reuse = lost;
      try {
        fn();
      } finally {
        reuse = [];
      }
    },
    listen(fn: (e: TrailEvent) => void): () => void {
      listeners.add(fn);
      return () => void listeners.delete(fn);
    },
    stop(): void {
      listeners.clear();
    },
  };
}
