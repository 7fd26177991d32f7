import type { Trigger } from '../flow/types';
import { leafFires, leafKey, leaves, satisfied, type Signal } from './triggers';
import type { Progression } from './progression';

/** Selectors and routes the platform must report, derived from what is waiting now. */
export interface Watch { clicks: string[]; elements: string[]; url: boolean }

type Position = Pick<Progression, 'progress' | 'find' | 'tasks' | 'done' | 'complete'>;

/** The completion triggers waiting now: the tour step shown, then every unfinished task. */
export function activeTriggers(x: Position): Array<[string, Trigger]> {
  const p = x.progress();
  const out: Array<[string, Trigger]> = [];
  const s = p.status === 'tour' ? x.find(p.step) : undefined;
  if (s?.complete) out.push([s.id, s.complete]);
  for (const t of x.tasks()) if (t.complete && !x.done(t.id)) out.push([t.id, t.complete]);
  return out;
}

/**
 * A product signal against what is waiting: a satisfied trigger completes its step or task
 * (basis: the first leaf that fired), a partly fired `all` trigger records its leaves and calls
 * `advanced`. True when something completed.
 */
export function fireSignal(x: Position, s: Signal, user: string, advanced: (id: string) => void): boolean {
  let progressed = false;
  const passive = s.kind === 'url' || s.kind === 'element';
  for (const [id, t] of activeTriggers(x)) {
    const hits = leaves(t).filter((l) => leafFires(l, s));
    // done and still waiting: a tour step the user went back to. A click or event moves them on
    // again; the route or element that completed it is usually still there and would send them
    // straight back where they came from
    if (!hits.length || (x.done(id) && passive)) continue;
    const p = x.progress();
    const fired = new Set(p.fired[id]);
    const before = fired.size;
    for (const h of hits) fired.add(leafKey(h));
    if (satisfied(t, fired)) {
      x.complete(id, leafKey(hits[0]), passive ? 'system' : user);
      progressed = true;
    } else if (fired.size > before) {
      p.fired[id] = [...fired];
      advanced(id);
    }
  }
  return progressed;
}

/** What the platform must observe for the triggers waiting now. */
export function watchOf(x: Position): Watch {
  const clicks = new Set<string>();
  const elements = new Set<string>();
  let url = false;
  for (const [, t] of activeTriggers(x)) for (const l of leaves(t)) {
    if (l.click !== undefined) clicks.add(l.click);
    if (l.element !== undefined) elements.add(l.element);
    if (l.url !== undefined) url = true;
  }
  return { clicks: [...clicks], elements: [...elements], url };
}
