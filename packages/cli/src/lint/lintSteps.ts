import type { Flow } from '@guidepost/core';
import { allSteps } from './walkFlow';
import type { Report } from './types';

const MAX_TOUR_STEPS = 5;

/** Tours that run long, steps that point at nothing, tasks nothing can complete. */
export function lintSteps(flow: Flow, report: Report): void {
  for (const [id, p] of Object.entries(flow.paths)) {
    const n = p.tour?.steps.length ?? 0;
    if (n > MAX_TOUR_STEPS) {
      report(`flow.paths.${id}.tour.steps`, 'tour-too-long', `the tour has ${n} steps; keep it to 3–5 steps for the controls the next action needs and move the rest into Quick Start tasks`);
    }
  }
  for (const { pathId, kind, step, at } of allSteps(flow)) {
    const p = flow.paths[pathId];
    if (kind === 'tour step' && !step.target && !step.complete) {
      report(at, 'step-without-target', `tour step '${step.id}' has neither "target" nor "complete": it shows centred and only the Next button moves on; anchor it to the control it explains with "target"`);
    }
    if (kind === 'task' && !step.complete) {
      const role = step.id === p.activation ? ' It is the activation task: this path can never record activation.'
        : step.id === (p.coreTask ?? p.quickStart?.tasks[0]?.id) ? ' It is the core task: core_task_completed can never be recorded.' : '';
      report(at, 'task-without-complete', `task '${step.id}' has no "complete" trigger, so nothing can complete it.${role} Add "complete" with the product signal that proves it is done (an event, click, url or element)`);
    }
  }
}
