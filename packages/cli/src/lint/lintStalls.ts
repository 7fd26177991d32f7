import { parseDuration } from '@guidepost/core';
import type { Flow, StallSettings } from '@guidepost/core';
import { allSteps } from './walkFlow';
import type { LintRule, Report } from './types';

type Level = 'after' | 'retryAfter' | 'handoffAfter';
interface Issue { rule: LintRule; field: Level; involves: Level[]; message: string }

/**
 * The ladder of one step's merged settings. Each level counts from the previous one, so the
 * order is always prompt → retry → hand-off; what can still go wrong:
 * - a level without the one before it is ignored (the ladder stops at the first missing level);
 * - a level of 0 fires the moment the step (or the previous level) starts;
 * - a hand-off sooner after the retry than the first prompt came (handoffAfter < after) calls a
 *   person before the user had even the step's own patience to follow the guided retry.
 */
function ladderIssues(s: StallSettings): Issue[] {
  const out: Issue[] = [];
  const ms = { after: parseDuration(s.after), retryAfter: parseDuration(s.retryAfter), handoffAfter: parseDuration(s.handoffAfter) };
  const levels: Level[] = ['after', 'retryAfter', 'handoffAfter'];
  const missing = levels.findIndex((l) => ms[l] === undefined);
  if (missing >= 0) {
    for (const l of levels.slice(missing + 1)) {
      if (ms[l] !== undefined) out.push({ rule: 'stall-level-ignored', field: l, involves: [l, levels[missing]], message: `"${l}" is ignored: there is no "${levels[missing]}", and the ladder stops at the first level without a duration; set "${levels[missing]}" or remove "${l}"` });
    }
  }
  for (const l of levels) {
    if (ms[l] === 0) out.push({ rule: 'stall-escalates-early', field: l, involves: [l], message: `"${l}" is 0: this level fires the moment ${l === 'after' ? 'the step starts, before the user could try' : 'the previous one does'}; give the user time` });
  }
  if (missing < 0 && (ms.handoffAfter as number) > 0 && (ms.handoffAfter as number) < (ms.after as number)) {
    out.push({ rule: 'stall-escalates-early', field: 'handoffAfter', involves: ['handoffAfter', 'after'],
      message: `"handoffAfter" (${s.handoffAfter}) is shorter than "after" (${s.after}): a person is called sooner after the guided retry than the first prompt came; make "handoffAfter" at least "after"` });
  }
  return out;
}

/** Stall ladders that skip a level or escalate too early: once for defaults, then per step. */
export function lintStalls(flow: Flow, report: Report): void {
  const defaults = flow.defaults?.stall;
  if (defaults) for (const i of ladderIssues(defaults)) report(`flow.defaults.stall.${i.field}`, i.rule, i.message);
  for (const { step, at } of allSteps(flow)) {
    const own = step.stall;
    if (!own) continue;
    const merged = { ...defaults, ...own };
    for (const i of ladderIssues(merged)) {
      // issues that defaults alone cause were reported once, above
      if (!i.involves.some((l) => own[l] !== undefined)) continue;
      const inherited = i.involves.filter((l) => own[l] === undefined && merged[l] !== undefined);
      const note = inherited.length ? ` (${inherited.map((l) => `"${l}"`).join(', ')} from defaults.stall)` : '';
      report(`${at}.stall.${own[i.field] !== undefined ? i.field : i.involves.find((l) => own[l] !== undefined)}`, i.rule, `${i.message}${note}`);
    }
  }
}
