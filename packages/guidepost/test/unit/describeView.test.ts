import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createEngine, parseFlow, emptyState, type Flow, type PublicState } from '@guidepost/core';
import { describeView, type Actions } from '../../src/ui/describeView';

const noop = () => {};
const actions: Actions = { cta: noop, dismiss: noop, next: noop, back: noop, skip: noop, retry: noop, help: noop, close: noop, again: noop };
function flowWith(stall: object): Flow {
  const r = parseFlow({
    id: 'f', version: 1, defaults: { stall },
    segments: [{ id: 'all', provisioning: 'self-service', path: 'p' }],
    paths: { p: { quickStart: { title: 'Start', tasks: [{ id: 't', title: 'Task', target: '#t', complete: { event: 'e' } }] }, activation: 't' } },
  });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.flow;
}
const prompted: PublicState = { ...emptyState('tasks'), segment: 'all', path: 'p', step: 't', stall: { step: 't', state: 'prompted', since: 1, label: 'hesitation' } };
const buttons = (flow: Flow, canHandoff: boolean) =>
  describeView(flow, prompted, { expanded: null, closed: null }, actions, { fill: (s) => s, canHandoff }).card?.buttons.map((b) => b.label);

describe('the recovery prompt', () => {
  it('offers help when a hand-off is configured: by the host, or by the flow ladder', () => {
    expect([
      buttons(flowWith({ after: '1m', retryAfter: '1m' }), false),
      buttons(flowWith({ after: '1m', retryAfter: '1m' }), true),
      buttons(flowWith({ after: '1m', retryAfter: '1m', handoffAfter: '5m' }), false),
    ]).toEqual([
      ['Show me again', 'Close'],
      ['Show me again', 'Ask for help', 'Close'],
      ['Show me again', 'Ask for help', 'Close'],
    ]);
  });
});

describe('the prompt after the hand-off', () => {
  it('still offers to guide the step again: the prompt gives way to the guided step, with its target highlighted', () => {
    const flow = flowWith({ after: '1m', retryAfter: '1m', handoffAfter: '1m' });
    const handedOff: PublicState = { ...prompted, stall: { ...prompted.stall!, state: 'handed_off' } };
    let again = '';
    const view = (ui: { again?: string }) => describeView(flow, handedOff, { expanded: null, closed: null, ...ui }, { ...actions, again: (k) => (again = k) }, { fill: (s) => s, canHandoff: false }).card;
    const prompt = view({})!;
    prompt.buttons[0].on();
    expect([prompt.kind, prompt.buttons.map((b) => b.label), again, view({ again })?.kind, view({ again })?.target]).toEqual(['prompt', ['Show me again', 'Close'], prompt.key, 'retry', '#t']);
  });
});

describe('the polite announcement of a prompt', () => {
  const announce = (title: string, body?: string) =>
    describeView(flowWith({ after: '1m', prompt: { title, body } }), prompted, { expanded: null, closed: null }, actions,
      { fill: (s) => s.replace('{{user.name}}', 'Ada'), canHandoff: false }).announce;

  it('says the words of the title and body: no markdown symbols, no doubled punctuation, placeholders filled', () => {
    expect([
      announce('Stuck on the report?', 'Pick the **Sample sales** dataset, {{user.name}}. See [the guide](https://example.com/g).'),
      announce('Need a hand', 'Press **Create**.'),
      announce('Almost there!'),
      announce('هل تحتاج إلى مساعدة؟', 'اضغط **إنشاء**.'),
      announce('レポートでお困りですか？', '「作成」を押してください。'),
    ]).toEqual([
      'Stuck on the report? Pick the Sample sales dataset, Ada. See the guide.',
      'Need a hand. Press Create.',
      'Almost there!',
      'هل تحتاج إلى مساعدة؟ اضغط إنشاء.', // the Arabic question mark ends a sentence too
      'レポートでお困りですか？ 「作成」を押してください。',
    ]);
  });
});

describe('the Quick Start', () => {
  it("says a finished task is done in the flow's words (labels.completed), in the user's locale", () => {
    const r = parseFlow({
      id: 'f', version: 1, labels: { completed: { en: 'done', de: 'erledigt' } },
      segments: [{ id: 'all', provisioning: 'self-service', path: 'p' }],
      paths: { p: { quickStart: { title: 'Start', tasks: [{ id: 't', title: 'Task' }] }, activation: 't' } },
    });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const state: PublicState = { ...emptyState('tasks'), segment: 'all', path: 'p', completed: ['t'] };
    const done = (locale?: string) => describeView(r.flow, state, { expanded: null, closed: null }, actions, { fill: (s) => s, canHandoff: false, locale }).quick?.done;
    expect([done('de-AT'), done()]).toEqual(['erledigt', 'done']);
  });
});

describe('the confirmation that a person was asked to help', () => {
  beforeEach(() => void vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] }));
  afterEach(() => void vi.useRealTimers());
  const parsed = (labels?: object) => {
    const r = parseFlow({
      id: 'f', version: 1, labels,
      defaults: { stall: { after: '1m', retryAfter: '1m', handoffAfter: '1m', prompt: { title: 'Stuck?', body: 'Press **Create**' } } },
      segments: [{ id: 'all', provisioning: 'self-service', path: 'p' }],
      paths: { p: { quickStart: { title: 'Start', tasks: [{ id: 't', title: 'Task', target: '#t', complete: { event: 'e' } }] }, activation: 't' } },
      exceptions: { permissions: { prompt: { title: 'No access', body: 'Ask your admin' } }, invite: { prompt: { title: 'Invite failed' } } },
    });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    return r.flow;
  };
  /** A user at the task, and what describeView makes of the engine's state (its help button presses the engine's) */
  function atTask(f = parsed({ helpRequested: { en: 'Someone will help, {{user.name}}.', de: 'Jemand hilft dir, {{user.name}}.' } })) {
    const engine = createEngine({ flow: f, user: { id: 'u' }, platform: { now: () => Date.now(), setTimer: (fn, ms) => {
      const h = setTimeout(fn, ms);
      return () => clearTimeout(h);
    } } });
    engine.start();
    const view = (locale?: string) => describeView(f, engine.$state.get(), { expanded: null, closed: null }, { ...actions, help: engine.help },
      { fill: (t) => t.replace('{{user.name}}', 'Ada'), canHandoff: false, locale });
    const see = (locale?: string) => {
      const c = view(locale);
      return { kind: c.card?.kind, status: c.card?.status, announce: c.announce };
    };
    return { engine, view, see };
  }

  it("shows on the recovery prompt once the ladder handed off (handoffAfter), filled and in the user's locale, and is announced", () => {
    const { see } = atTask();
    const seen = [];
    for (let i = 0; i < 3; i++) {
      vi.advanceTimersByTime(60_000);
      seen.push(see());
    }
    seen.push(see('de-CH'));
    expect(seen).toEqual([
      { kind: 'prompt', status: undefined, announce: 'Stuck? Press Create' },
      { kind: 'retry', status: undefined, announce: '' },
      { kind: 'prompt', status: 'Someone will help, Ada.', announce: 'Stuck? Press Create. Someone will help, Ada.' },
      { kind: 'prompt', status: 'Jemand hilft dir, Ada.', announce: 'Stuck? Press Create. Jemand hilft dir, Ada.' },
    ]);
  });

  it('shows on the recovery prompt as soon as the user pressed "Ask for help"', () => {
    const { engine, view, see } = atTask();
    vi.advanceTimersByTime(60_000);
    const before = see();
    view().card!.buttons.find((b) => b.label === 'Ask for help')!.on();
    expect([before, see(), engine.trail().at(-1)?.type]).toEqual([
      { kind: 'prompt', status: undefined, announce: 'Stuck? Press Create' },
      { kind: 'prompt', status: 'Someone will help, Ada.', announce: 'Stuck? Press Create. Someone will help, Ada.' },
      'handoff_requested',
    ]);
  });

  it('shows on an exception prompt once the exception handed off: access evidence at once, an invite at human_followup_needed', () => {
    const access = atTask();
    access.engine.hostSignal('permission_denied');
    const invite = atTask();
    const seen = [access.see()];
    for (const signal of ['invite_failed', 'invite_resent', 'invite_failed']) {
      invite.engine.hostSignal(signal);
      seen.push(invite.see());
    }
    expect(seen).toEqual([
      { kind: 'exception', status: 'Someone will help, Ada.', announce: 'No access. Ask your admin. Someone will help, Ada.' },
      { kind: 'exception', status: undefined, announce: 'Invite failed' },
      { kind: 'exception', status: undefined, announce: 'Invite failed' },
      { kind: 'exception', status: 'Someone will help, Ada.', announce: 'Invite failed. Someone will help, Ada.' },
    ]);
    expect([access, invite].map((u) => u.engine.trail().filter((e) => e.type === 'handoff_requested').length)).toEqual([1, 1]);
  });

  it('says "We\'ve asked someone to help you with this step." when the flow has no words for it', () => {
    const { engine, see } = atTask(parsed());
    engine.hostSignal('permission_denied');
    expect(see().status).toBe("We've asked someone to help you with this step.");
  });
});
