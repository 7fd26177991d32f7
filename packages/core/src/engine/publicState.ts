import type { Progress, PublicState } from './types';

/** The ladder's state at each level */
export const STALL_STATES = ['watching', 'prompted', 'retrying', 'handed_off'] as const;

/** The public state (gp.state()) of this progress, with the step the user is on. */
export function publicState(p: Progress, step: string | undefined): PublicState {
  const c = p.stall;
  const x = p.exception;
  return {
    segment: p.segment, path: p.path, status: p.status, step: step ?? null, completed: [...p.completed],
    stall: c && c.level ? { step: c.step, state: STALL_STATES[c.level], since: c.since ?? null, label: c.label ?? 'hesitation' } : null,
    exception: x ? { kind: x.key, state: x.state, since: x.since, step: x.back.step ?? null } : null,
    activatedAt: p.activatedAt ?? null,
    timeToValueMs: p.activatedAt === undefined ? null : p.activatedAt - p.startedAt,
  };
}

/** The public state before the engine runs, or after it stopped. */
export function emptyState(status: PublicState['status'] = 'loading'): PublicState {
  return { segment: null, path: null, status, step: null, completed: [], stall: null, exception: null, activatedAt: null, timeToValueMs: null };
}
