import type { Flow } from '@guidepost/core';
import { lintSegments } from './lintSegments';
import { lintStalls } from './lintStalls';
import { lintSteps } from './lintSteps';
import { lintTargets } from './lintTargets';
import { lintEmptyTexts, lintLocales, lintPlaceholders } from './lintTexts';
import type { LintWarning, Report } from './types';

/**
 * Warnings that matter for activation, on a flow that already passed parseFlow. Pure: the same
 * flow gives the same list, in a stable order (by rule group, then document order).
 */
export function lintFlow(flow: Flow): LintWarning[] {
  const out: LintWarning[] = [];
  const report: Report = (path, rule, message, severity = 'warning') => void out.push({ path, rule, message, severity });
  lintSegments(flow, report);
  lintSteps(flow, report);
  lintStalls(flow, report);
  lintTargets(flow, report);
  lintLocales(flow, report);
  lintEmptyTexts(flow, report);
  lintPlaceholders(flow, report);
  return out;
}
