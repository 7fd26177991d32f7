import type { Flow } from '../flow/types';
import type { Progress } from './types';

/**
 * Saved progress, made to fit the flow as it is now. A new flow version keeps the completed steps
 * that still exist and moves a user whose step is gone to the next one. Progress that cannot be
 * used (another path that no longer exists, an unknown shape) gives undefined: start over.
 */
export function migrateProgress(saved: Readonly<Progress> | null | undefined, flow: Flow): Progress | undefined {
  if (!saved || saved.v !== 1 || !Array.isArray(saved.completed) || typeof saved.seq !== 'number') return undefined;
  const path = Object.hasOwn(flow.paths, saved.path) ? flow.paths[saved.path] : undefined;
  if (!path || !flow.segments.some((s) => s.id === saved.segment)) return undefined;
  const p: Progress = structuredClone(saved);
  p.milestones ??= [];
  p.missing ??= [];
  p.fired ??= {};
  if (p.flowVersion === flow.version) return p;
  const steps = path.tour?.steps ?? [];
  const ids = new Set([...steps.map((s) => s.id), ...(path.quickStart?.tasks ?? []).map((t) => t.id)]);
  p.flowVersion = flow.version;
  p.completed = p.completed.filter((id) => ids.has(id));
  p.missing = p.missing.filter((id) => ids.has(id));
  for (const id of Object.keys(p.fired)) if (!ids.has(id)) delete p.fired[id];
  if (p.stall && !ids.has(p.stall.step)) p.stall = undefined;
  if (p.status === 'tour' && !steps.some((s) => s.id === p.step)) {
    const next = steps.find((s) => !p.completed.includes(s.id));
    if (next) p.step = next.id;
    else {
      p.status = 'tasks';
      p.step = undefined;
    }
  }
  return p;
}
