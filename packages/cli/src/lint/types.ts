/**
 * A lint finding. `warning`s fail `lint --strict`; `hint`s are things the flow alone cannot
 * decide (a trait the host may or may not send) and never fail a run.
 */
export interface LintWarning {
  /** JSON path, as in validation errors: "flow.paths.admin-setup.tour.steps[1]" */
  path: string;
  rule: LintRule;
  message: string;
  severity: 'warning' | 'hint';
}

export type LintRule =
  | 'unused-path'
  | 'shadowed-segment'
  | 'tour-too-long'
  | 'step-without-target'
  | 'task-without-complete'
  | 'stall-level-ignored'
  | 'stall-escalates-early'
  | 'placeholder-source'
  | 'locale-missing'
  | 'empty-text'
  | 'empty-event'
  | 'selector-syntax'
  | 'url-never-matches';

export type Report = (path: string, rule: LintRule, message: string, severity?: LintWarning['severity']) => void;
