import type { Flow } from '@guidepost/core';
import { checkSelector } from './checkSelector';
import { urlNeverMatches } from './urlNeverMatches';
import { allSteps, triggerLeaves } from './walkFlow';
import type { Report } from './types';

/**
 * Selectors that work only because the browser closes what they leave open at their end
 * (validate rejects the ones that do not parse at all), and url and event triggers that can never fire.
 */
export function lintTargets(flow: Flow, report: Report): void {
  const selector = (value: string | undefined, at: string) => {
    if (value === undefined) return;
    const why = checkSelector(value);
    if (why) report(at, 'selector-syntax', `"${value}" is not closed (${why}); browsers close it at the end of the selector, so it works, but close it so it reads as meant`);
  };
  for (const { step, at } of allSteps(flow)) {
    selector(step.target, `${at}.target`);
    selector(step.stall?.prompt?.target, `${at}.stall.prompt.target`);
    if (!step.complete) continue;
    for (const { leaf, at: where } of triggerLeaves(step.complete, `${at}.complete`)) {
      selector(leaf.click, `${where}.click`);
      selector(leaf.element, `${where}.element`);
      if (leaf.event?.trim() === '') report(`${where}.event`, 'empty-event', `is ${leaf.event ? 'only spaces' : 'empty'}: no app tracks an event by that name (track() refuses an empty one), so this trigger never fires; name the product event that proves '${step.id}' done`);
      const never = leaf.url === undefined ? null : urlNeverMatches(leaf.url);
      if (never) report(`${where}.url`, 'url-never-matches', `"${leaf.url}" can never match: ${never}`);
    }
  }
  selector(flow.defaults?.stall?.prompt?.target, 'flow.defaults.stall.prompt.target');
  for (const [key, x] of Object.entries(flow.exceptions ?? {})) selector(x?.prompt?.target, `flow.exceptions.${key}.prompt.target`);
}
