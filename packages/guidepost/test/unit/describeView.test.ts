import { describe, expect, it } from 'vitest';
import { parseFlow, emptyState, type Flow, type PublicState } from '@guidepost/core';
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
    ]).toEqual([
      'Stuck on the report? Pick the Sample sales dataset, Ada. See the guide.',
      'Need a hand. Press Create.',
      'Almost there!',
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
