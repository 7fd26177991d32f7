import { atom, type ReadableAtom } from 'nanostores';
import type { Flow, Trigger } from '../flow/types';
import type { UrlLocation } from '../match/matchUrl';
import { chooseSegment, type User, type Account, type TraitValue } from '../match/chooseSegment';
import { resolveText } from '../text/resolveText';
import { leafFires, leafKey, leaves, satisfied, type Signal } from './triggers';
import { buildHandoff } from './buildHandoff';
import { createExceptions } from './exceptions';
import { createStallLadder } from './stallLadder';
import { migrateProgress } from './migrateProgress';
import type { Handoff, HandoffLabel, Progress, PublicState, Status, TrailEvent } from './types';

/** What the engine needs from its host platform: a clock and one-shot timers. Nothing else. */
export interface EnginePlatform {
  now(): number;
  /** a one-shot timer; returns its cancel function */
  setTimer(fn: () => void, ms: number): () => void;
  /** a unique id for a trail event (default: time + random) */
  newId?(): string;
}

export interface EngineOptions {
  flow: Flow;
  user: User;
  account?: Account;
  platform: EnginePlatform;
  /** saved progress and trail of this user and flow, to resume */
  progress?: Progress | null;
  trail?: TrailEvent[];
  locale?: string;
  /** user traits the host allows in the trail (recorded with segment_assigned) */
  traits?: Record<string, TraitValue>;
  location?: UrlLocation;
  visible?: boolean;
}

/** Selectors and routes the platform must report, derived from what is waiting now. */
export interface Watch { clicks: string[]; elements: string[]; url: boolean }

export interface Engine {
  readonly $state: ReadableAtom<PublicState>;
  readonly $watch: ReadableAtom<Watch>;
  /** begin (or resume) this user's onboarding */
  start(): void;
  /** a product signal: host event, click on a watched selector, element present, route */
  signal(s: Signal): void;
  location(loc: UrlLocation): void;
  visible(v: boolean): void;
  /** access / invite / workspace evidence and resolutions; false when the kind is unknown */
  hostSignal(kind: string, detail?: unknown): boolean;
  cta(): void;
  next(): void;
  back(): void;
  skip(basis?: string): void;
  dismiss(): void;
  resume(): void;
  /** recovery prompt's buttons */
  retry(): void;
  help(): void;
  /** the platform could not find a step's target in time */
  targetMissing(step: string, selector: string): void;
  reset(): void;
  /** record an SDK event (e.g. sdk_error) in this trail */
  record(type: string, data?: Record<string, unknown>): void;
  /** adopt progress written by another tab of the same user */
  adopt(progress: Readonly<Progress>, trail: TrailEvent[]): void;
  /** the live progress, checkpointed: serialise it (JSON), do not change it */
  progress(): Readonly<Progress>;
  trail(): TrailEvent[];
  listen(fn: (e: TrailEvent) => void): () => void;
  stop(): void;
}

const GAP_MS = 72 * 36e5;
const STALL_STATES = ['watching', 'prompted', 'retrying', 'handed_off'] as const;

/**
 * The onboarding engine: a pure state machine fed by signals and a clock.
 * welcome → tour → Quick Start → activation, with stall clocks, the recovery ladder,
 * access exceptions and an auditable trail. No DOM, no storage, no real timers inside.
 */
export function createEngine(o: EngineOptions): Engine {
  const { flow, user, account, platform } = o;
  const uid = user.id;
  const choice = chooseSegment(flow, user, account);
  const $state = atom<PublicState>(emptyState());
  const $watch = atom<Watch>({ clicks: [], elements: [], url: false });
  const listeners = new Set<(e: TrailEvent) => void>();
  let trail: TrailEvent[] = o.trail?.slice() ?? [];
  let p: Progress = undefined as unknown as Progress;
  let loc = o.location;
  let pending: TrailEvent[] = [];
  let depth = 0;
  let flushing = false;
  let stopped = false;
  let rand = 0;
  const now = () => platform.now();
  const newId = platform.newId ?? (() => `${now().toString(36)}-${(rand++).toString(36)}-${Math.random().toString(36).slice(2, 10)}`);
  const text = (t: Parameters<typeof resolveText>[0]) => resolveText(t, { user, account }, o.locale, flow.locale);

  const path = () => flow.paths[p.path];
  const steps = () => path().tour?.steps ?? [];
  const tasks = () => path().quickStart?.tasks ?? [];
  const find = (id: string | undefined) => steps().find((s) => s.id === id) ?? tasks().find((t) => t.id === id);
  const done = (id: string) => p.completed.includes(id);
  const has = (milestone: string) => p.milestones.includes(milestone);
  const currentTask = () => tasks().find((t) => !done(t.id));
  const focus = (): string | undefined =>
    p.status === 'tour' ? p.step : p.status === 'tasks' ? currentTask()?.id : p.status === 'blocked' ? p.exception?.back.step : undefined;
  const segment = () => flow.segments.find((s) => s.id === p.segment);
  const ownerOf = (own?: string) => own ?? segment()?.owner ?? path()?.owner ?? flow.defaults?.owner ?? 'product';

  // ---- trail -------------------------------------------------------------------------------
  function emit(type: string, f: Partial<TrailEvent> = {}): TrailEvent {
    const e: TrailEvent = {
      id: newId(), seq: ++p.seq, at: now(), type, flow: flow.id, flowVersion: flow.version, user: uid,
      ...(account ? { account: account.id } : {}), segment: p.segment, path: p.path, actor: 'system',
    };
    for (const [k, v] of Object.entries(f)) if (v !== undefined) (e as unknown as Record<string, unknown>)[k] = v;
    trail.push(e);
    pending.push(e);
    return e;
  }
  function milestone(type: string, f: Partial<TrailEvent>): void {
    if (has(type)) return;
    p.milestones.push(type);
    p.lastProgressAt = now();
    emit(type, f);
  }

  /** Wraps an entry point: state and listeners settle once, after the whole action. */
  function act<A extends unknown[]>(fn: (...a: A) => void): (...a: A) => void {
    return (...a: A) => {
      if (stopped || (!p && fn !== startImpl)) return;
      depth++;
      try {
        fn(...a);
        if (depth === 1) checkUrl();
      } finally {
        if (--depth === 0) settle();
      }
    };
  }
  function settle(): void {
    if (p && !stopped) stall.sync();
    publish();
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

  // ---- progression ---------------------------------------------------------------------------
  function begin(seq: number): void {
    const t = now();
    p = { v: 1, flowVersion: flow.version, seq, segment: choice.segment.id, path: choice.segment.path, status: 'welcome',
      completed: [], fired: {}, milestones: [], startedAt: t, lastProgressAt: t, missing: [] };
    emit('flow_started', { from: 'new', to: 'started', basis: 'init' });
    emit('segment_assigned', { from: 'unassigned', to: p.segment, basis: choice.basis,
      data: { provisioning: choice.segment.provisioning, matched: choice.matched, ...(o.traits && Object.keys(o.traits).length ? { traits: o.traits } : {}) } });
    if (choice.segment.provisioning === 'jit' && !user.role) {
      exceptions.open('permissions', 'jit user without role', 'system', undefined, { status: 'welcome', entered: false });
    } else enterPath();
  }
  function enterPath(): void {
    if (path().welcome) {
      p.status = 'welcome';
      milestone('welcome_viewed', { from: 'started', to: 'welcome', basis: `segment:${p.segment}` });
    } else beginGuidance('auto', 'system');
  }
  function beginGuidance(basis: string, actor: string): void {
    const tour = steps().length > 0 && !tourEnded();
    milestone('first_action_started', { from: p.status === 'welcome' ? 'welcome' : 'started', to: tour ? 'tour' : 'tasks', basis, actor });
    if (tour) enterTour(steps().findIndex((s) => !done(s.id)), basis, actor);
    else enterTasks(basis, actor);
  }
  const tourEnded = () => has('guided_path_completed') || has('tour_skipped');
  /** `from`: where the user comes from ('pending' for a step not seen yet, 'blocked' after an exception) */
  function enterTour(i: number, basis: string, actor: string, from = 'pending'): void {
    const s = steps()[Math.max(0, i)];
    p.status = 'tour';
    p.step = s.id;
    emit('step_viewed', { step: s.id, from, to: 'viewed', basis, actor });
  }
  function enterTasks(basis: string, actor: string, from = 'pending'): void {
    p.status = 'tasks';
    p.step = undefined;
    const t = currentTask();
    if (t) emit('step_viewed', { step: t.id, from, to: 'viewed', basis, actor });
    else p.status = 'done';
  }
  function endTour(type: 'guided_path_completed' | 'tour_skipped', basis: string, actor: string): void {
    const step = p.step;
    milestone(type, { step, from: 'tour', to: 'tasks', basis, actor });
    enterTasks(type, actor);
  }
  function advanceTour(basis: string, actor: string): void {
    const i = steps().findIndex((s) => s.id === p.step);
    if (i + 1 < steps().length) enterTour(i + 1, basis, actor);
    else endTour('guided_path_completed', basis, actor);
  }
  function complete(id: string, basis: string, actor: string): void {
    if (done(id)) return;
    const wasFocus = focus() === id;
    p.completed.push(id);
    delete p.fired[id];
    p.lastProgressAt = now();
    emit('step_completed', { step: id, from: wasFocus ? 'viewed' : 'pending', to: 'completed', basis, actor });
    const pa = path();
    if (tasks().some((t) => t.id === id)) {
      if (id === (pa.coreTask ?? tasks()[0]?.id)) milestone('core_task_completed', { step: id, from: 'core_task_pending', to: 'core_task_completed', basis, actor });
      if (id === pa.activation && !has('first_value_created')) {
        p.activatedAt = now();
        milestone('first_value_created', { step: id, from: 'not_activated', to: 'activated', basis, actor,
          data: { timeToValueMs: p.activatedAt - p.startedAt } });
      }
    }
    if (p.status === 'tour' && p.step === id) advanceTour(basis, actor);
    else if (p.status === 'tasks' && wasFocus) enterTasks(basis, actor);
  }

  // ---- triggers ------------------------------------------------------------------------------
  function active(): Array<[string, Trigger]> {
    const out: Array<[string, Trigger]> = [];
    const s = p.status === 'tour' ? find(p.step) : undefined;
    if (s?.complete) out.push([s.id, s.complete]);
    for (const t of tasks()) if (t.complete && !done(t.id)) out.push([t.id, t.complete]);
    return out;
  }
  function onSignal(s: Signal): boolean {
    let progressed = false;
    for (const [id, t] of active()) {
      const hits = leaves(t).filter((l) => leafFires(l, s));
      if (!hits.length || done(id)) continue;
      const fired = new Set(p.fired[id]);
      const before = fired.size;
      for (const h of hits) fired.add(leafKey(h));
      if (satisfied(t, fired)) {
        complete(id, leafKey(hits[0]), s.kind === 'url' || s.kind === 'element' ? 'system' : uid);
        progressed = true;
      } else if (fired.size > before) {
        p.fired[id] = [...fired];
        stall.reset(id);
      }
    }
    return progressed;
  }
  function checkUrl(): void {
    for (let guard = 0; loc && guard < 50 && onSignal({ kind: 'url', location: loc }); guard++);
  }

  // ---- stalls (engine/stallLadder.ts) ---------------------------------------------------------
  const stall = createStallLadder({
    flow, now, emit, handoff, text, act, progress: () => p, owner: (own) => ownerOf(own),
    setTimer: (fn, ms) => platform.setTimer(fn, ms),
    watched: () => (p.status === 'tour' || p.status === 'tasks' ? focus() : undefined),
    find: (id) => find(id),
  }, o.visible ?? true);
  function handoff(label: HandoffLabel, step: string | undefined, since: number, fromSeq: number, evidence: Set<string>,
    basis: string, actor: string, from: string, owner: string, nextAction: string): void {
    const data: Handoff = buildHandoff({ trail, fromSeq, evidence, label, owner, nextAction, since,
      base: { user: uid, ...(account ? { account: account.id } : {}), segment: p.segment, path: p.path, step } });
    emit('handoff_requested', { step, from, to: 'handed_off', basis, actor, data: data as unknown as Record<string, unknown> });
  }

  // ---- exceptions (engine/exceptions.ts) -----------------------------------------------------
  const exceptions = createExceptions({
    flow, emit, now, focus, text, progress: () => p, owner: (own) => ownerOf(own), handoff,
    clearStall: () => {
      p.stall = undefined;
      stall.forget();
    },
    routeBack: (back, basis, actor) => {
      const i = steps().findIndex((s) => s.id === back.step);
      if (!back.entered) enterPath();
      else if (back.status === 'tour' && i >= 0 && !tourEnded()) enterTour(i, basis, actor, 'blocked');
      else if (back.status === 'tour' || back.status === 'tasks') enterTasks(basis, actor, 'blocked');
      else p.status = back.status;
    },
  });

  // ---- state ---------------------------------------------------------------------------------
  function publish(): void {
    if (!p) return;
    const c = p.stall;
    const x = p.exception;
    $state.set({
      segment: p.segment, path: p.path, status: p.status, step: focus() ?? null, completed: [...p.completed],
      stall: c && c.level ? { step: c.step, state: STALL_STATES[c.level], since: c.since ?? null, label: c.label ?? 'hesitation' } : null,
      exception: x ? { kind: x.key, state: x.state, since: x.since, step: x.back.step ?? null } : null,
      activatedAt: p.activatedAt ?? null,
      timeToValueMs: p.activatedAt === undefined ? null : p.activatedAt - p.startedAt,
    });
    const clicks = new Set<string>();
    const elements = new Set<string>();
    let url = false;
    for (const [, t] of active()) for (const l of leaves(t)) {
      if (l.click !== undefined) clicks.add(l.click);
      if (l.element !== undefined) elements.add(l.element);
      if (l.url !== undefined) url = true;
    }
    const w = { clicks: [...clicks], elements: [...elements], url };
    if (JSON.stringify(w) !== JSON.stringify($watch.get())) $watch.set(w);
  }

  const startImpl = (): void => {
    if (p) return;
    const saved = o.progress ? migrateProgress(o.progress, flow) : undefined;
    const lastSeq = trail.length ? trail[trail.length - 1].seq : 0;
    if (!saved) return begin(Math.max(lastSeq, o.progress?.seq ?? 0));
    p = saved;
    p.seq = Math.max(p.seq, lastSeq);
    const t = now();
    const since = Math.max(p.lastProgressAt, p.gapReportedAt ?? 0);
    if (p.status !== 'done' && t - since >= GAP_MS) {
      p.gapReportedAt = t;
      emit('engagement_gap', { step: focus(), from: 'inactive', to: 'returned', basis: 'no progress for 72h or more', data: { gapMs: t - p.lastProgressAt } });
    }
  };

  return {
    $state,
    $watch,
    start: act(startImpl),
    signal: act((s: Signal) => void onSignal(s)),
    location: act((l: UrlLocation) => {
      loc = l;
    }),
    visible: act((v: boolean) => stall.visible(v)),
    hostSignal: (kind, detail) => {
      let known = true;
      act(() => (known = exceptions.signal(kind, detail)))();
      return known;
    },
    cta: act(() => {
      if (p.status === 'welcome') beginGuidance('cta', uid);
    }),
    next: act(() => {
      if (p.status !== 'tour' || !p.step) return;
      if (done(p.step)) advanceTour('next', uid);
      else complete(p.step, 'next', uid);
    }),
    back: act(() => {
      const i = steps().findIndex((s) => s.id === p.step);
      if (p.status === 'tour' && i > 0) enterTour(i - 1, 'back', uid);
    }),
    skip: act((basis = 'skip') => {
      if (p.status === 'tour' && path().tour?.skippable !== false) endTour('tour_skipped', basis, uid);
    }),
    dismiss: act(() => {
      if (p.status !== 'welcome' && p.status !== 'tour' && p.status !== 'tasks') return;
      p.dismissedFrom = p.status;
      emit('flow_dismissed', { step: focus(), from: p.status, to: 'dismissed', basis: 'user', actor: uid });
      p.status = 'dismissed';
    }),
    resume: act(() => {
      if (p.status !== 'dismissed') return;
      p.status = p.dismissedFrom ?? 'tasks';
      p.dismissedFrom = undefined;
      if (p.status === 'tour' && p.step) emit('step_viewed', { step: p.step, from: 'dismissed', to: 'viewed', basis: 'resume', actor: uid });
      if (p.status === 'tasks') enterTasks('resume', uid);
    }),
    retry: act(() => stall.retry('user:retry', uid)),
    help: act(() => stall.handoff('user:help', uid)),
    targetMissing: act((step: string, selector: string) => {
      if (p.missing.includes(step) || focus() !== step) return;
      p.missing.push(step);
      emit('target_missing', { step, from: 'waiting', to: 'missing', basis: `target:${selector}` });
      if (p.stall?.step === step && p.stall.level > 0) p.stall.label = 'target_missing';
      const s = steps().find((x) => x.id === step);
      if (p.status === 'tour' && s && (s.onMissing ?? flow.defaults?.onMissing ?? 'skip') === 'skip') {
        emit('step_skipped', { step, from: 'viewed', to: 'skipped', basis: 'target_missing' });
        advanceTour('target_missing', 'system');
      }
    }),
    reset: act(() => {
      const seq = p.seq;
      stall.forget();
      begin(seq);
    }),
    record: act((type: string, data?: Record<string, unknown>) => void emit(type, { data })),
    adopt: act((progress: Readonly<Progress>, t: TrailEvent[]) => {
      if (progress.seq < p.seq) return;
      const m = migrateProgress(progress, flow);
      if (!m) return;
      p = m;
      trail = t.slice();
      stall.forget();
    }),
    progress: () => {
      stall.checkpoint();
      return p;
    },
    trail: () => trail.slice(),
    listen: (fn) => {
      listeners.add(fn);
      return () => void listeners.delete(fn);
    },
    stop: () => {
      if (p) stall.stop();
      stopped = true;
      listeners.clear();
    },
  };
}

export function emptyState(status: PublicState['status'] = 'loading'): PublicState {
  return { segment: null, path: null, status, step: null, completed: [], stall: null, exception: null, activatedAt: null, timeToValueMs: null };
}

export type { Status };
