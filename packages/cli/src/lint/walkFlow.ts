import type { AnyStep, Flow, Text, Trigger } from '@guidepost/core';

export interface StepVisit {
  pathId: string;
  kind: 'tour step' | 'task';
  step: AnyStep;
  /** "flow.paths.x.tour.steps[0]" */
  at: string;
}

/** Every tour step and Quick Start task, in path order. */
export function allSteps(flow: Flow): StepVisit[] {
  const out: StepVisit[] = [];
  for (const [pathId, p] of Object.entries(flow.paths)) {
    p.tour?.steps.forEach((step, i) => out.push({ pathId, kind: 'tour step', step: step as AnyStep, at: `flow.paths.${pathId}.tour.steps[${i}]` }));
    p.quickStart?.tasks.forEach((step, i) => out.push({ pathId, kind: 'task', step: step as AnyStep, at: `flow.paths.${pathId}.quickStart.tasks[${i}]` }));
  }
  return out;
}

/** The leaves of a trigger (any/all unfolded), each with its JSON path. */
export function triggerLeaves(t: Trigger, at: string): Array<{ leaf: Trigger; at: string }> {
  const list = t.any ?? t.all;
  if (!list) return [{ leaf: t, at }];
  const key = t.any ? 'any' : 'all';
  return list.flatMap((c, i) => triggerLeaves(c, `${at}.${key}[${i}]`));
}

const TEXT_KEYS = new Set(['title', 'body', 'cta', 'nextAction']);
const NOT_TEXT_PARENTS = new Set(['paths', 'match', 'where']);

/** Every user-facing text (a string or a locale map) with its JSON path. */
export function allTexts(flow: Flow): Array<{ text: Text; at: string }> {
  const out: Array<{ text: Text; at: string }> = [];
  const walk = (v: unknown, at: string, key: string, parent: string): void => {
    const isText = (TEXT_KEYS.has(key) || parent === 'labels') && !NOT_TEXT_PARENTS.has(parent);
    if (isText && (typeof v === 'string' || (v && typeof v === 'object' && !Array.isArray(v)))) out.push({ text: v as Text, at });
    else if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${at}[${i}]`, key, parent));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, `${at}.${k}`, k, key);
  };
  walk(flow, 'flow', '', '');
  return out;
}
