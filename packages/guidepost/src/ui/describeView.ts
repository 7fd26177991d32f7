import { exceptionHandedOff, parseDuration, parseMarkdown, pickLocale, stallThresholds, type Flow, type MarkdownNode, type PublicState, type Text } from '@guidepost/core';

export type Placement = 'auto' | 'top' | 'right' | 'bottom' | 'left' | `${'top' | 'right' | 'bottom' | 'left'}-${'start' | 'end'}`;
export interface ButtonView { label: string; on: () => void; primary?: boolean; disabled?: boolean }
export interface CardView {
  /** identity: a new key is a new dialog (focus moves in, position is computed) */
  key: string;
  kind: 'step' | 'prompt' | 'retry' | 'exception';
  step?: string;
  title: string;
  body: string;
  target?: string;
  placement: Placement;
  spotlight: 'dim' | 'ring' | false;
  count?: string;
  waitFor: number;
  buttons: ButtonView[];
  /** a line of its own under the body: a person was asked to help (labels.helpRequested) */
  status?: string;
}
export interface View {
  welcome?: { title: string; body: string; buttons: ButtonView[] };
  card?: CardView;
  quick?: { title: string; count: string; expanded: boolean; done: string; tasks: Array<{ id: string; title: string; state: 'done' | 'current' | 'todo' }> };
  announce: string;
}
export interface Actions {
  cta(): void; dismiss(): void; next(): void; back(): void; skip(): void; retry(): void; help(): void;
  close(key: string): void;
  /** guide the step again after the hand-off: the prompt of that key gives way to the step */
  again(key: string): void;
}
export interface UiState {
  expanded: boolean | null;
  closed: string | null;
  /** the handed-off prompt whose step is being guided again */
  again?: string;
  /** onboarding was already finished when the page loaded: nothing to show */
  finished?: boolean;
}

const DEFAULT_LABELS: Record<string, string> = {
  next: 'Next', back: 'Back', skip: 'Skip tour', done: 'Done', dismiss: 'Not now', retry: 'Show me again',
  help: 'Ask for help', close: 'Close', of: 'of', completed: 'done',
  helpRequested: "We've asked someone to help you with this step.",
};

/**
 * What the user sees for a state: the welcome, at most one anchored card (tour step, recovery
 * prompt, guided retry or exception prompt), and the Quick Start. No DOM here.
 */
export function describeView(flow: Flow, s: PublicState, ui: UiState, a: Actions, o: { locale?: string; fill: (t: string) => string; canHandoff: boolean }): View {
  const raw = (t: Text | undefined) => pickLocale(t, o.locale, flow.locale);
  const txt = (t: Text | undefined) => o.fill(raw(t));
  const label = (k: string) => txt((flow.labels as Record<string, Text> | undefined)?.[k]) || DEFAULT_LABELS[k];
  const of = (n: number, m: number) => `${n} ${label('of')} ${m}`;
  const view: View = { announce: '' };
  /** the line a card carries once a person was asked to help */
  const helped = (yes: boolean) => (yes ? label('helpRequested') : undefined);
  /** What a screen reader hears of a body: its words, without the markdown around them */
  const words = (n: MarkdownNode[]): string => n.map((x) => (typeof x === 'string' ? o.fill(x) : 'b' in x ? words(x.b) : o.fill(x.a))).join('');
  /** A card's title, then its body and status line (when it has them), as sentences */
  const say = (c: CardView) => {
    let t = c.title;
    for (const x of [words(parseMarkdown(c.body)), c.status]) if (x) t += `${/[.!?:…؟。！？]$/.test(t) ? '' : '.'} ${x}`;
    view.announce = t;
  };
  const path = s.path ? flow.paths[s.path] : undefined;
  // no path: not loaded, invalid or destroyed (an engine's state always has a path; emptyState none)
  if (!path) return view;
  const steps = path.tour?.steps ?? [];
  const tasks = path.quickStart?.tasks ?? [];
  const defaultWait = parseDuration(flow.defaults?.waitFor) ?? 5000;

  if (s.status === 'welcome' && path.welcome) {
    const w = path.welcome;
    view.welcome = { title: txt(w.title), body: raw(w.body), buttons: [{ label: txt(w.cta), on: a.cta, primary: true }, { label: label('dismiss'), on: a.dismiss }] };
  }

  const stall = s.stall && s.stall.step === s.step ? s.stall : null;
  const i = steps.findIndex((x) => x.id === s.step);
  const step = s.status === 'tour' ? steps[i] : undefined;
  const task = s.status === 'tasks' ? tasks.find((t) => t.id === s.step) : undefined;
  const stalled = step ?? task;
  const promptKey = stall && `prompt:${stall.step}:${stall.since}`;

  // after the hand-off the prompt stays, with a button that guides the step again (no second ladder)
  const again = ui.again === promptKey; // never when there is no stall: ui.again is a key or undefined
  if (stall && stalled && (stall.state === 'prompted' || stall.state === 'handed_off') && ui.closed !== promptKey && !again) {
    const pr = stalled.stall?.prompt ?? flow.defaults?.stall?.prompt;
    const buttons: ButtonView[] = [{ label: label('retry'), on: stall.state === 'prompted' ? a.retry : () => a.again(promptKey as string), primary: true }];
    if (stall.state === 'prompted') {
      // a hand-off is configured: the host listens for it, or the flow's ladder ends in one
      if (o.canHandoff || stallThresholds(flow, stalled.stall).length > 2) buttons.push({ label: label('help'), on: a.help });
    }
    buttons.push({ label: label('close'), on: () => a.close(promptKey as string) });
    const card: CardView = view.card = { key: promptKey as string, kind: 'prompt', step: stalled.id, title: txt(pr?.title ?? stalled.title), body: raw(pr ? pr.body : stalled.body),
      target: pr?.target ?? stalled.target, placement: 'auto', spotlight: 'ring', waitFor: 0, buttons, status: helped(stall.state === 'handed_off') };
    say(card);
  } else if (step) {
    const last = i === steps.length - 1;
    const buttons: ButtonView[] = [];
    if (path.tour?.skippable !== false) buttons.push({ label: label('skip'), on: a.skip });
    buttons.push({ label: label('back'), on: a.back, disabled: i === 0 });
    buttons.push({ label: label(last ? 'done' : 'next'), on: a.next, primary: true });
    view.card = { key: `step:${step.id}`, kind: 'step', step: step.id, title: txt(step.title), body: raw(step.body), target: step.target,
      placement: (step.placement ?? 'auto') as Placement, spotlight: step.spotlight === false ? false : stall?.state === 'retrying' ? 'ring' : 'dim',
      count: steps.length > 1 ? of(i + 1, steps.length) : undefined, waitFor: parseDuration(step.waitFor) ?? defaultWait, buttons };
  } else if (task && (stall?.state === 'retrying' || again) && ui.closed !== `retry:${task.id}`) {
    const key = `retry:${task.id}`;
    view.card = { key, kind: 'retry', step: task.id, title: txt(task.title), body: raw(task.body ?? task.stall?.prompt?.body), target: task.target,
      placement: 'auto', spotlight: 'dim', waitFor: defaultWait, buttons: [{ label: label('close'), on: () => a.close(key), primary: true }] };
  } else if (s.status === 'blocked' && s.exception) {
    const x = s.exception;
    const pr = flow.exceptions?.[x.kind]?.prompt;
    const key = `exception:${x.kind}:${x.since}`;
    if (pr && ui.closed !== key) {
      // access evidence hands off as it opens; an invite once it needs a person's follow-up
      const card: CardView = view.card = { key, kind: 'exception', title: txt(pr.title), body: raw(pr.body), target: pr.target, placement: 'auto', spotlight: false,
        waitFor: 0, buttons: [{ label: label('close'), on: () => a.close(key), primary: true }], status: helped(exceptionHandedOff(x.kind, x.state)) };
      say(card);
    }
  }

  if (tasks.length && s.status !== 'welcome' && !(ui.finished && s.status === 'done')) {
    const done = tasks.filter((t) => s.completed.includes(t.id)).length;
    view.quick = {
      title: txt(path.quickStart?.title), count: of(done, tasks.length), done: label('completed'),
      expanded: ui.expanded ?? (s.status === 'tasks' || s.status === 'blocked'),
      tasks: tasks.map((t) => ({ id: t.id, title: txt(t.title), state: s.completed.includes(t.id) ? 'done' : t.id === s.step ? 'current' : 'todo' })),
    };
  }
  return view;
}
