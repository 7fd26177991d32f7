import type { ExceptionKey, Flow } from '../flow/types';
import { chooseSegment, type Account, type TraitValue, type User } from '../match/chooseSegment';
import { migrateProgress } from './migrateProgress';
import type { Emit, OpenException, Progress, Status, TrailEvent } from './types';

const GAP_MS = 72 * 36e5;

/** What progression needs from the engine around it. */
export interface ProgressionHost {
  flow: Flow;
  user: User;
  account?: Account;
  /** user traits the host allows in the trail (recorded with segment_assigned) */
  traits?: Record<string, TraitValue>;
  now(): number;
  emit: Emit;
  /** opens an access exception (a jit user without a role, before the path is entered) */
  block(key: ExceptionKey, basis: string, actor: string, data: undefined, back: OpenException['back']): void;
  /** runs a user's move as an engine action (state settles, listeners hear of it) */
  act<A extends unknown[]>(fn: (...a: A) => void, move?: 1 | 2): (...a: A) => void;
}

/**
 * Where one user is and how they move on: welcome → tour → Quick Start → activation, the user's
 * next / back / skip / dismiss / resume, task completion and the milestones it reaches.
 * Owns the live progress (replaced on start, reset and adoption).
 */
export function createProgression(h: ProgressionHost) {
  const { flow, now, emit, act } = h;
  const choice = chooseSegment(flow, h.user, h.account);
  const uid = h.user.id;
  let p: Progress = undefined as unknown as Progress;

  const path = () => flow.paths[p.path];
  const steps = () => path().tour?.steps ?? [];
  const tasks = () => path().quickStart?.tasks ?? [];
  const find = (id: string | undefined) => steps().find((s) => s.id === id) ?? tasks().find((t) => t.id === id);
  const done = (id: string) => p.completed.includes(id);
  const has = (milestone: string) => p.milestones.includes(milestone);
  const currentTask = () => tasks().find((t) => !done(t.id));
  const focus = (): string | undefined =>
    p.status === 'tour' ? p.step : p.status === 'tasks' ? currentTask()?.id : p.status === 'blocked' ? p.exception?.back.step : undefined;
  const tourEnded = () => has('guided_path_completed') || has('tour_skipped');
  /** where a user returns: the welcome only while a task is left to start (else onboarding is done) */
  const returnTo = (s: Status): Status => (s === 'welcome' && !currentTask() ? 'done' : s);

  /** records a milestone (emit's arguments), once per run */
  function milestone(...a: Parameters<Emit>): void {
    if (has(a[0])) return;
    p.milestones.push(a[0]);
    p.lastProgressAt = now();
    emit(...a);
  }
  /** first: when this user first started the flow, if they did before (the time to value counts from there) */
  function begin(seq: number, first?: number): void {
    const t = now();
    p = { v: 1, flowVersion: flow.version, seq, segment: choice.segment.id, path: choice.segment.path, status: 'welcome',
      completed: [], fired: {}, milestones: [], startedAt: first ?? t, lastProgressAt: t, missing: [] };
    emit('flow_started', undefined, 'new', 'started', 'init');
    emit('segment_assigned', undefined, 'unassigned', p.segment, choice.basis, undefined,
      { provisioning: choice.segment.provisioning, matched: choice.matched, ...(h.traits && Object.keys(h.traits).length ? { traits: h.traits } : {}) });
    if (choice.segment.provisioning === 'jit' && !h.user.role) {
      h.block('permissions', 'jit user without role', 'system', undefined, { status: 'welcome', entered: false });
    } else enterPath();
  }
  function enterPath(): void {
    // every task done already (a jit user blocked before the path, working meanwhile): nothing left to start
    if (!currentTask()) p.status = 'done';
    else if (path().welcome) {
      p.status = 'welcome';
      milestone('welcome_viewed', undefined, 'started', 'welcome', `segment:${p.segment}`);
    } else beginGuidance('started', 'auto', 'system');
  }
  /** from: the welcome when its CTA was taken, else the flow's start (a path without a welcome) */
  function beginGuidance(from: 'welcome' | 'started', basis: string, actor: string): void {
    const tour = steps().length > 0 && !tourEnded();
    milestone('first_action_started', undefined, from, tour ? 'tour' : 'tasks', basis, actor);
    if (tour) enterTour(steps().findIndex((s) => !done(s.id)), basis, actor);
    else enterTasks(basis, actor);
  }
  /** `from`: where the user comes from ('pending' for a step not seen yet, 'blocked' after an exception) */
  function enterTour(i: number, basis: string, actor: string, from = 'pending'): void {
    const s = steps()[Math.max(0, i)];
    p.status = 'tour';
    p.step = s.id;
    emit('step_viewed', s.id, from, 'viewed', basis, actor);
  }
  function enterTasks(basis: string, actor: string, from = 'pending'): void {
    p.status = 'tasks';
    p.step = undefined;
    const t = currentTask();
    if (t) emit('step_viewed', t.id, from, 'viewed', basis, actor);
    else p.status = 'done';
  }
  function endTour(type: 'guided_path_completed' | 'tour_skipped', basis: string, actor: string): void {
    const step = p.step;
    // the end of a tour taken again is no milestone: the first one is
    if (!tourEnded()) milestone(type, step, 'tour', 'tasks', basis, actor);
    enterTasks(type, actor);
  }
  function advanceTour(basis: string, actor: string): void {
    const i = steps().findIndex((s) => s.id === p.step);
    if (i + 1 < steps().length) enterTour(i + 1, basis, actor);
    else endTour('guided_path_completed', basis, actor);
  }
  function complete(id: string, basis: string, actor: string): void {
    delete p.fired[id];
    if (done(id)) {
      // a tour step the user went back to (completed once): its trigger moves them on, as Next does
      if (p.status === 'tour' && p.step === id) advanceTour(basis, actor);
      return;
    }
    const wasFocus = focus() === id;
    p.completed.push(id);
    p.lastProgressAt = now();
    emit('step_completed', id, wasFocus ? 'viewed' : 'pending', 'completed', basis, actor);
    // the core task and the activation are tasks (and a step id is unique in its path: checkFlow)
    const pa = path();
    if (id === (pa.coreTask ?? tasks()[0]?.id)) milestone('core_task_completed', id, 'core_task_pending', 'core_task_completed', basis, actor);
    if (id === pa.activation && !has('first_value_created')) {
      p.activatedAt = now();
      milestone('first_value_created', id, 'not_activated', 'activated', basis, actor, { timeToValueMs: p.activatedAt - p.startedAt });
    }
    if (p.status === 'tour' && p.step === id) advanceTour(basis, actor);
    else if (p.status === 'tasks' && wasFocus) enterTasks(basis, actor);
    // every task done while the welcome is open: nothing is left to start (a tour runs to its end)
    else p.status = returnTo(p.status);
  }

  /**
   * The user is here (the flow loaded, the page shown again, a move of theirs): after 72h or more
   * without progress, an engagement_gap, and the step's stall clock starts afresh. True when it was one.
   */
  function returned(): boolean {
    const t = now();
    if (p.status === 'done' || t - Math.max(p.lastProgressAt, p.gapReportedAt ?? 0) < GAP_MS) return false;
    p.gapReportedAt = t;
    p.stall = undefined;
    emit('engagement_gap', focus(), 'inactive', 'returned', 'no progress for 72h or more', undefined, { gapMs: t - p.lastProgressAt });
    return true;
  }

  /** a move of the user's: an engine action, after the engagement_gap it may end */
  const move = <A extends unknown[]>(fn: (...a: A) => void) => act((...a: A) => {
    returned();
    fn(...a);
  }, 2);

  return {
    /** the live progress (undefined until started) */
    progress: () => p,
    tasks,
    find,
    done,
    focus,
    complete,
    /** begin a new run, or resume saved progress (an engagement_gap after 72h without progress) */
    start(saved: Progress | null | undefined, trail: readonly TrailEvent[]): void {
      if (p) return;
      const m = migrateProgress(saved, flow);
      const lastSeq = trail.at(-1)?.seq ?? 0;
      const first = trail.find((e) => e.type === 'flow_started')?.at;
      if (!m) return begin(Math.max(lastSeq, saved?.seq ?? 0), first);
      p = m;
      p.seq = Math.max(p.seq, lastSeq);
      // progress saved while reset() still restarted startedAt has its run's start: the trail has the first
      p.startedAt = Math.min(p.startedAt, first ?? p.startedAt);
      p.status = returnTo(p.status);
      returned();
    },
    returned,
    /** a new run, continuing the seq (the time to value still counts from the first start) */
    reset: () => begin(p.seq, p.startedAt),
    /** take another tab's progress when it is not behind this one's (or, `force`, a branch this one loses to); false when it is not taken */
    adopt(progress: Readonly<Progress>, force?: boolean): boolean {
      const m = (force || progress.seq >= p.seq) && migrateProgress(progress, flow);
      if (m) p = m;
      return !!m;
    },
    /** take the user back to exactly where an exception found them */
    routeBack(back: OpenException['back'], basis: string, actor: string): void {
      const i = steps().findIndex((s) => s.id === back.step);
      if (!back.entered) enterPath();
      else if (back.status === 'tour' && i >= 0 && !tourEnded()) enterTour(i, basis, actor, 'blocked');
      else if (back.status === 'tour' || back.status === 'tasks') enterTasks(basis, actor, 'blocked');
      else p.status = returnTo(back.status);
    },
    /** the user's moves, as engine actions */
    actions: {
      cta: move(() => {
        if (p.status === 'welcome') beginGuidance('welcome', 'cta', uid);
      }),
      next: move(() => {
        if (p.status === 'tour' && p.step) complete(p.step, 'next', uid);
      }),
      back: move(() => {
        const i = steps().findIndex((s) => s.id === p.step);
        if (p.status === 'tour' && i > 0) enterTour(i - 1, 'back', uid);
      }),
      skip: move((basis: string = 'skip') => {
        if (p.status === 'tour' && path().tour?.skippable !== false) endTour('tour_skipped', basis, uid);
      }),
      dismiss: move(() => {
        if (p.status !== 'welcome' && p.status !== 'tour' && p.status !== 'tasks') return;
        p.dismissedFrom = p.status;
        emit('flow_dismissed', focus(), p.status, 'dismissed', 'user', uid);
        p.status = 'dismissed';
      }),
      resume: move(() => {
        // after the tour (skipped or finished), start() shows it again from its first step: "take the tour again"
        if ((p.status === 'tasks' || p.status === 'done') && tourEnded() && steps().length) return enterTour(0, 'start', uid, p.status);
        if (p.status !== 'dismissed') return;
        p.status = returnTo(p.dismissedFrom ?? 'tasks');
        p.dismissedFrom = undefined;
        if (p.status === 'tour' && p.step) emit('step_viewed', p.step, 'dismissed', 'viewed', 'resume', uid);
        if (p.status === 'tasks') enterTasks('resume', uid);
      }),
      /** the platform could not find the step's target: recorded once; a tour step is skipped unless the flow says 'center' */
      targetMissing: act((step: string, selector: string) => {
        if (p.missing.includes(step) || focus() !== step) return;
        p.missing.push(step);
        emit('target_missing', step, 'waiting', 'missing', `target:${selector}`);
        if (p.stall?.step === step && p.stall.level > 0) p.stall.label = 'target_missing';
        const s = steps().find((x) => x.id === step);
        if (p.status === 'tour' && s && (s.onMissing ?? flow.defaults?.onMissing ?? 'skip') === 'skip') {
          emit('step_skipped', step, 'viewed', 'skipped', 'target_missing');
          advanceTour('target_missing', 'system');
        }
      }, 2),
    },
  };
}

export type Progression = ReturnType<typeof createProgression>;
