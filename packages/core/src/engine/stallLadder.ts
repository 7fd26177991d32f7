import type { Flow, TourStep, Task } from '../flow/types';
import { STALL_STATES } from './publicState';
import { stallThresholds } from './stallThresholds';
import type { Emit, Progress, RequestHandoff, StallClock } from './types';

const EVIDENCE = new Set(['step_viewed', 'target_missing', 'stall_detected', 'recovery_prompt_shown', 'guided_retry_started']);

/** What the ladder needs from the engine around it. */
export interface StallHost {
  flow: Flow;
  /** the live progress (replaced on reset and adoption, so always read through this) */
  progress(): Progress;
  now(): number;
  setTimer(fn: () => void, ms: number): () => void;
  /** the step the user is on, when guidance is showing (tour or Quick Start) */
  watched(): string | undefined;
  find(id: string): TourStep | Task | undefined;
  emit: Emit;
  handoff: RequestHandoff;
  /** runs a timer callback as an engine action (state settles, listeners hear of it) */
  act(fn: () => void): () => void;
}

/**
 * The stall clock and the recovery ladder of one user: visible time without progress on the
 * current step, persisted in progress.stall; one timer at a time, for the next level only.
 * prompt (`after`) → guided retry (`retryAfter` later) → hand-off (`handoffAfter` later again).
 */
export function createStallLadder(h: StallHost, visible: boolean) {
  let runningSince: number | undefined;
  let cancelTimer: (() => void) | undefined;
  const clock = () => h.progress().stall;
  const thresholds = (c: StallClock) => stallThresholds(h.flow, h.find(c.step)?.stall);

  /** A new clock for the step (or none), stopped until the next sync. */
  function restart(step: string | undefined): void {
    h.progress().stall = step ? { step, elapsed: 0, level: 0 } : undefined;
    runningSince = undefined;
  }

  /**
   * Adds the visible time since the last checkpoint to the clock, up to the next level: a level is
   * reached only by its timer, so each counts from the previous one however far the clock jumped
   * meanwhile (a laptop asleep with the page visible, a changed system time): one level at a time.
   */
  function checkpoint(): void {
    const c = clock();
    if (runningSince !== undefined && c) {
      const t = h.now();
      c.elapsed = Math.min(c.elapsed + t - runningSince, thresholds(c)[c.level] ?? Infinity);
      runningSince = t;
    }
  }

  /** After every change: follow the current step, and arm the one timer the next level needs. */
  function sync(): void {
    cancelTimer?.();
    cancelTimer = undefined;
    const p = h.progress();
    const id = h.watched();
    if (p.stall?.step !== id) restart(id);
    const c = p.stall;
    checkpoint();
    const due = c && thresholds(c)[c.level];
    if (!c || !visible || due === undefined) {
      runningSince = undefined;
      return;
    }
    runningSince ??= h.now();
    cancelTimer = h.setTimer(climb, Math.max(0, due - c.elapsed));
  }

  const climb = h.act(() => {
    checkpoint();
    const c = clock();
    if (!c) return;
    if (c.level === 0) {
      const p = h.progress();
      c.level = 1;
      c.seq = p.seq + 1;
      c.label = p.missing.includes(c.step) ? 'target_missing' : 'hesitation';
      c.since = h.emit('stall_detected', c.step, 'active', 'stalled', `no progress for ${c.elapsed < 1000 ? `${c.elapsed}ms` : `${Math.round(c.elapsed / 1000)}s`}`, undefined,
        { elapsedMs: c.elapsed }).at;
      h.emit('recovery_prompt_shown', c.step, 'stalled', 'prompted', 'stall.after');
    } else if (c.level === 1) retry('stall.retryAfter', 'system');
    else if (c.level === 2) handoff('stall.handoffAfter', 'system');
  });

  /** Level 2: the step is guided again. The hand-off counts from here, when the timer or the user started it. */
  function retry(basis: string, actor: string): void {
    checkpoint();
    const c = clock();
    if (c?.level !== 1) return;
    c.level = 2;
    c.elapsed = thresholds(c)[1] ?? 0;
    h.emit('guided_retry_started', c.step, 'prompted', 'retrying', basis, actor);
  }

  /** Level 3: a person takes over, once per stall. */
  function handoff(basis: string, actor: string): void {
    const c = clock();
    if (!c || c.level < 1 || c.level > 2) return;
    const s = h.find(c.step);
    const d = h.flow.defaults?.stall;
    const from = STALL_STATES[c.level];
    c.level = 3;
    h.handoff(c.label ?? 'hesitation', c.step, c, EVIDENCE, from, basis, actor,
      s?.stall?.owner ?? s?.owner ?? d?.owner, s?.stall?.nextAction ?? s?.nextAction ?? d?.nextAction);
  }

  return {
    sync,
    checkpoint,
    retry,
    handoff,
    /** progress on the step (part of an `all` trigger): the stall ends, the clock starts over */
    reset(step: string): void {
      if (clock()?.step === step) restart(step);
    },
    /** the clock is gone (access evidence, a new run, another tab's progress) */
    forget(): void {
      runningSince = undefined;
    },
    visible(v: boolean): void {
      checkpoint();
      visible = v;
    },
    stop(): void {
      checkpoint();
      cancelTimer?.();
      cancelTimer = undefined;
    },
  };
}
