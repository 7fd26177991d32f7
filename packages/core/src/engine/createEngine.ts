import { atom } from 'nanostores';
import type { UrlLocation } from '../match/matchUrl';
import { resolveText } from '../text/resolveText';
import type { Signal } from './triggers';
import { fireSignal, watchOf, type Watch } from './activeTriggers';
import { createExceptions } from './exceptions';
import { createProgression } from './progression';
import { createStallLadder } from './stallLadder';
import { createTrailRecorder } from './trailRecorder';
import { buildHandoff } from './buildHandoff';
import { DEFAULT_NEXT_ACTION } from './exceptionRules';
import { emptyState, publicState } from './publicState';
import type { Engine, EngineOptions, Progress, PublicState, RequestHandoff, TrailEvent, TrailEventType } from './types';

/**
 * The onboarding engine: a pure state machine fed by signals and a clock.
 * welcome → tour → Quick Start → activation, with stall clocks, the recovery ladder,
 * access exceptions and an auditable trail. No DOM, no storage, no real timers inside.
 * This is their composition: progression.ts (where the user is, how they move on),
 * activeTriggers.ts (what a signal completes), trailRecorder.ts, stallLadder.ts, exceptions.ts
 * and publicState.ts, each receiving what it needs from here; every entry point is one action.
 */
export function createEngine(o: EngineOptions): Engine {
  const { flow, user, account, platform } = o;
  const uid = user.id;
  let depth = 0;
  let stopped = false;
  /** the time of the action under way: all it records happened at that instant (one clock read, not one per event) */
  let instant: number | undefined;
  const now = () => instant ?? platform.now();
  const text = (t: Parameters<typeof resolveText>[0]) => resolveText(t, { user, account }, o.locale, flow.locale);
  const progress = () => prog.progress();

  // the options (flow, user, account, platform, saved trail) with the live progress in place of the saved one
  const trail = createTrailRecorder({ ...o, progress, now });
  const { emit } = trail;
  const prog = createProgression({ ...o, now, emit, block: (...a) => exceptions.open(...a), act });
  const { focus, find } = prog;
  const $state = atom<PublicState>(emptyState());
  const $watch = atom<Watch>({ clicks: [], elements: [], url: false });
  let loc = o.location;
  const signal = (s: Signal) => fireSignal(prog, s, uid, stall.reset);

  // a hand-off's owner and next action: the given ones, then the segment's, path's or flow's owner, and the default words
  const handoff: RequestHandoff = (label, step, start, evidence, from, basis, actor, own, next) => {
    const p = progress();
    const owner = own ?? flow.segments.find((s) => s.id === p.segment)?.owner ?? flow.paths[p.path]?.owner ?? flow.defaults?.owner ?? 'product';
    const nextAction = text(next) || DEFAULT_NEXT_ACTION[label].replace('{step}', text(find(step)?.title) || step || '');
    // every key of the package, null when there is none (no account, no current step)
    const head = { user: uid, account: account?.id ?? null, segment: p.segment, path: p.path, step: step ?? null, label, owner, nextAction };
    const data = buildHandoff(trail.events(), start.seq ?? p.seq, evidence, head, start.since ?? now());
    emit('handoff_requested', step, from, 'handed_off', basis, actor, data as unknown as Record<string, unknown>);
  };
  // what the stall ladder and the exception machine share
  const host = { flow, now, emit, handoff, progress, find, focus };
  const stall = createStallLadder({
    ...host, act,
    setTimer: (fn, ms) => platform.setTimer(fn, ms),
    watched: () => (progress().status === 'tour' || progress().status === 'tasks' ? focus() : undefined),
  }, o.visible ?? true);
  const exceptions = createExceptions({
    ...host,
    clearStall: () => {
      progress().stall = undefined;
      stall.forget();
    },
    routeBack: prog.routeBack,
  });

  /**
   * Wraps an entry point: state and listeners settle once, after the whole action. `move`: one of
   * this tab's moves, kept to replay (see `moves`); 2: relative to where the user is.
   */
  function act<A extends unknown[]>(fn: (...a: A) => void, move?: 1 | 2): (...a: A) => void {
    const run = (...a: A) => {
      if (stopped || (!progress() && fn !== startImpl)) return;
      if (depth++ === 0) {
        const t = (instant = platform.now());
        if (move) {
          while (moves.length && (moves.length >= 50 || t - moves[0].at > 10_000)) moves.shift();
          moves.push({ seq: progress().seq, at: t, where: move > 1 ? where() : undefined, run: () => run(...a) });
        }
      }
      try {
        fn(...a);
        // the current route completes what it can, step after step
        if (depth === 1) {
          loc = platform.location?.() ?? loc;
          for (let guard = 0; loc && guard < 50 && signal({ kind: 'url', location: loc }); guard++);
        }
      } finally {
        if (--depth === 0) {
          instant = undefined; // the next timer counts from now
          settle();
        }
      }
    };
    return run;
  }
  function settle(): void {
    const p = progress();
    if (p) {
      if (!stopped) stall.sync();
      $state.set(publicState(p, focus()));
      const w = watchOf(prog);
      if (JSON.stringify(w) !== JSON.stringify($watch.get())) $watch.set(w);
    }
    trail.flush();
  }
  const startImpl = () => prog.start(o.progress, trail.events());

  /**
   * This tab's moves of the last 10 s (at most 50), each with the seq it was made at. When another
   * tab's progress forks from this one's (the two acted in the same instant), the tab whose branch
   * loses takes the other's and replays its moves made since the fork. A move relative to where
   * the user was (next, back, skip, a button) is replayed only if the user is still there; a
   * product signal, always.
   */
  const moves: Array<{ seq: number; at: number; where?: string; run: () => void }> = [];
  const where = () => `${progress().status}:${focus() ?? ''}`;

  return {
    $state,
    $watch,
    start: act(startImpl),
    // what the user does, the page shown again: the user is here (an engagement_gap first, after a long absence)
    signal: act((s: Signal) => {
      if (s.kind !== 'element') prog.returned();
      signal(s);
    }, 1),
    location: act((l: UrlLocation) => {
      prog.returned();
      loc = l;
    }, 1),
    visible: act((v: boolean) => {
      stall.visible(v);
      if (v) prog.returned();
    }),
    hostSignal: (kind, detail) => {
      let known = true;
      act(() => void (known = exceptions.signal(kind, detail)), 1)();
      return known;
    },
    ...prog.actions,
    retry: act(() => stall.retry('user:retry', uid), 2),
    help: act(() => stall.handoff('user:help', uid), 2),
    reset: act(() => {
      stall.forget();
      prog.reset();
    }, 1),
    record: act((type: TrailEventType, data?: Record<string, unknown>) => void emit(type, undefined, undefined, undefined, undefined, undefined, data), 1),
    adopt: act((p: Readonly<Progress>, t: TrailEvent[], saved?: number) => {
      const mine = trail.events();
      const theirs = new Map(t.map((e) => [e.seq, e.id]));
      const fork = mine.find((e) => theirs.has(e.seq) && theirs.get(e.seq) !== e.id);
      // a fork: this branch loses when it is not saved yet and theirs is (`saved`: tabs save under
      // one lock, so a saved record is the truth), else when its event at the fork has the higher
      // id (no lock: both tabs decide alike)
      if (fork && !((saved ?? Infinity) < fork.seq || theirs.get(fork.seq)! < fork.id)) return;
      if (!prog.adopt(p, !!fork)) return;
      trail.adopt(t);
      stall.forget();
      if (fork) trail.replay(mine.filter((e) => e.seq >= fork.seq), () => {
        for (const m of moves.splice(0)) {
          if (m.seq < fork.seq - 1 || (m.where && m.where !== where())) continue;
          m.seq = progress().seq;
          moves.push(m);
          m.run();
        }
      });
    }),
    progress: () => {
      stall.checkpoint();
      return progress();
    },
    trail: () => trail.events().slice(),
    listen: trail.listen,
    stop: () => {
      if (progress()) stall.stop();
      stopped = true;
      trail.stop();
    },
  };
}

export { emptyState };
export type { Engine, EngineOptions, EnginePlatform, Status } from './types';
export type { Watch };
