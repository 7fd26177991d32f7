import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { matchUrl, parseFlow } from '@guidepost/core';
import type { Flow } from '@guidepost/core';
import { lintCommand } from '../src/commands/lint';
import { checkSelector, selectorProblem } from '../src/lint/checkSelector';
import { lintFlow } from '../src/lint/lintFlow';
import { urlNeverMatches } from '../src/lint/urlNeverMatches';

const SAMPLE = 'examples/acme/public/onboarding.json';
const sample = () => JSON.parse(readFileSync(SAMPLE, 'utf8')) as Record<string, any>;
const valid = (json: unknown): Flow => {
  const r = parseFlow(json);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.flow;
};
const dir = mkdtempSync(join(tmpdir(), 'gp-lint-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
async function lint(flow: unknown, ...flags: string[]) {
  const f = join(dir, `flow-${n++}.json`);
  writeFileSync(f, typeof flow === 'string' ? flow : JSON.stringify(flow));
  const out: string[] = [];
  const code = await lintCommand([f, ...flags], { out: (t) => void out.push(t), err: (t) => void out.push(t) });
  return { code, out: out.join(''), file: f };
}

/** The sample flow with one of each problem lint knows. */
function troubled(): Record<string, any> {
  const flow = sample();
  const admin = flow.paths['admin-setup'];
  const member = flow.paths['member-first-report'];
  flow.paths.orphan = { quickStart: { title: 'x', tasks: [{ id: 't', title: 't', complete: { event: 'e' } }] }, activation: 't' };
  flow.segments.splice(1, 0, { id: 'owners', match: { role: 'owner' }, provisioning: 'admin', path: 'admin-setup' });
  admin.tour.steps.push(...[3, 4, 5, 6].map((i) => ({ id: `s${i}`, target: `#s${i}`, title: `Step ${i}` })));
  admin.tour.steps[5] = { id: 's6', title: { de: 'Mitte' } };
  member.welcome.cta = { en: 'Show me how', de: 'Zeig es mir' };
  admin.quickStart.tasks[2].complete = undefined;
  admin.quickStart.tasks[0].stall = { after: '3m', handoffAfter: '30s' };
  member.quickStart.tasks[0].stall = { after: '5m', retryAfter: '1m', handoffAfter: '2m' };
  admin.tour.steps[0].target = '[data-tour=nav-sources';
  admin.tour.steps[0].complete = { any: [{ click: '[data-x="y' }, { url: '/dashboards/my reports' }] };
  member.quickStart.tasks[1].complete = { url: '/share?' };
  member.welcome.title = 'Hi {{user.name}} from {{account.company}} on {{traits.plan}}';
  member.welcome.body = 'Your role: {{user.role}}, via {{traits.provisioning}}';
  member.tour.steps[1].complete = { all: [{ event: ' ' }, { url: '/reports/*' }] };
  admin.welcome.cta = { en: 'Start', de: '' };
  admin.tour.steps[1].body = ''; // an empty body is fine: it is optional
  flow.labels.skip = '  ';
  return flow;
}

describe('lint', () => {
  it('finds nothing to say about the sample flow', async () => {
    expect(lintFlow(valid(sample()))).toEqual([]);
    expect(await lint(sample(), '--strict')).toEqual({ code: 0, out: `✓ ${join(dir, 'flow-0.json')}: no lint warnings\n`, file: join(dir, 'flow-0.json') });
  });

  it('reports each rule at the JSON path of the problem', () => {
    const found = lintFlow(valid(troubled())).map((w) => [w.rule, w.path, w.severity]);
    const A = 'flow.paths.admin-setup';
    const M = 'flow.paths.member-first-report';
    expect(found).toEqual([
      ['unused-path', 'flow.paths.orphan', 'warning'],
      ['shadowed-segment', 'flow.segments[1]', 'warning'],
      ['tour-too-long', `${A}.tour.steps`, 'warning'],
      ['step-without-target', `${A}.tour.steps[5]`, 'warning'],
      ['task-without-complete', `${A}.quickStart.tasks[2]`, 'warning'],
      ['stall-escalates-early', `${A}.quickStart.tasks[0].stall.handoffAfter`, 'warning'],
      ['stall-escalates-early', `${M}.quickStart.tasks[0].stall.handoffAfter`, 'warning'],
      ['selector-syntax', `${A}.tour.steps[0].target`, 'warning'],
      ['selector-syntax', `${A}.tour.steps[0].complete.any[0].click`, 'warning'],
      ['url-never-matches', `${A}.tour.steps[0].complete.any[1].url`, 'warning'],
      ['empty-event', `${M}.tour.steps[1].complete.all[0].event`, 'warning'],
      ['url-never-matches', `${M}.quickStart.tasks[1].complete.url`, 'warning'],
      ['locale-missing', `${A}.tour.steps[5].title`, 'warning'],
      ['empty-text', 'flow.labels.skip', 'warning'],
      ['empty-text', `${A}.welcome.cta.de`, 'warning'],
      ['placeholder-source', `${M}.welcome.title`, 'hint'],
      ['placeholder-source', `${M}.welcome.title`, 'hint'],
    ]);
  });

  it('explains what is wrong and what to do', () => {
    const byRule = Object.fromEntries(lintFlow(valid(troubled())).map((w) => [`${w.rule}@${w.path.split('.').pop()}`, w.message]));
    expect(byRule).toMatchObject({
      'shadowed-segment@segments[1]': "segment 'owners' is never chosen: every user it matches also matches 'team-admin', which comes first (first match wins); move it above 'team-admin' or narrow 'team-admin'",
      'task-without-complete@tasks[2]': 'task \'invite-teammate\' has no "complete" trigger, so nothing can complete it. Add "complete" with the product signal that proves it is done (an event, click, url or element)',
      'stall-escalates-early@handoffAfter': expect.stringContaining('"handoffAfter" ('),
      'url-never-matches@url': '"/share?" can never match: location.search is "" when the query is empty, never "?"; drop the "?"',
      'locale-missing@title': 'has no "en" text, while other texts in this flow do (and "en" is the flow\'s locale); users with that locale see another language here. Add "en"',
      'empty-event@event': "is only spaces: no app tracks an event by that name (track() refuses an empty one), so this trigger never fires; name the product event that proves 'new-report' done",
      'empty-text@skip': 'is empty: users see a blank there, and the dialog, region or button it names has no name a screen reader can announce; write the text',
      'selector-syntax@target': '"[data-tour=nav-sources" is not closed (\'[\' is never closed); browsers close it at the end of the selector, so it works, but close it so it reads as meant',
    });
    const hints = lintFlow(valid(troubled())).filter((w) => w.rule === 'placeholder-source').map((w) => w.message);
    expect(hints).toEqual([
      "{{account.company}}: no segment matches on 'account.company', so nothing in this flow says the app sends account.traits.company; when it is missing the text shows an empty string there",
      "{{traits.plan}}: no segment matches on 'plan', so nothing in this flow says the app sends user.traits.plan; when it is missing the text shows an empty string there",
    ]);
  });

  it('judges stall ladders: skipped levels, zero waits, a hand-off sooner than the prompt', () => {
    const flow = sample();
    flow.defaults.stall = { after: '2m', handoffAfter: '10m' };
    flow.paths['admin-setup'].quickStart.tasks[1].stall = { after: '0s', retryAfter: '1m' };
    flow.paths['admin-setup'].quickStart.tasks[0].stall = { retryAfter: '5m' };
    // tasks[0] sets the missing retryAfter itself, so its ladder is whole: nothing to say there
    const found = lintFlow(valid(flow)).map((w) => [w.rule, w.path, w.message]);
    expect(found).toEqual([
      ['stall-level-ignored', 'flow.defaults.stall.handoffAfter', '"handoffAfter" is ignored: there is no "retryAfter", and the ladder stops at the first level without a duration; set "retryAfter" or remove "handoffAfter"'],
      ['stall-escalates-early', 'flow.paths.admin-setup.quickStart.tasks[1].stall.after', '"after" is 0: this level fires the moment the step starts, before the user could try; give the user time'],
    ]);
  });

  it('fails under --strict only for warnings, never for hints; --json carries severity', async () => {
    const hinted = sample();
    hinted.paths['admin-setup'].welcome.body = 'Plan: {{traits.plan}}';
    const warned = sample();
    warned.paths['admin-setup'].tour.steps[0].target = '[data-tour=nav';
    const runs = [await lint(hinted, '--strict'), await lint(warned), await lint(warned, '--strict')];
    expect(runs.map((r) => r.code)).toEqual([0, 0, 1]);
    expect(runs[2].out).toBe(`${runs[2].file}: 1 warning, 0 hints\n  warn  flow.paths.admin-setup.tour.steps[0].target: "[data-tour=nav" is not closed ('[' is never closed); browsers close it at the end of the selector, so it works, but close it so it reads as meant [selector-syntax]\n`);
    const json = JSON.parse((await lint(hinted, '--json')).out);
    expect(json).toEqual({ ok: true, errors: [], warnings: [{ path: 'flow.paths.admin-setup.welcome.body', rule: 'placeholder-source', severity: 'hint', message: expect.any(String) }] });
  });

  it('reports an invalid flow as validate does, with exit 1', async () => {
    const r = await lint('{ "id": "x" ');
    expect(r).toEqual({ code: 1, file: r.file, out: `✗ ${r.file} is not a valid flow (1 error)\n  ${r.file}:1:13: the flow is not valid JSON (',' or '}' was expected, got the end of the file)\n` });
  });
});

describe('checkSelector', () => {
  it('accepts the selectors flows use', () => {
    const ok = ['#a', '[data-tour=nav-sources]', '[data-tour="nav sources"]', 'a > b + c ~ d e', '.a.b#c:hover::before', 'ul li:nth-child(2n+1)',
      ':not(.a, .b)', 'a:has(> img)', '[href^="https://"] i', 'input[type="text" i]', '*', 'svg|rect', '#\\31 23', 'nav [data-x] , main'];
    expect(ok.map((s) => [s, checkSelector(s)])).toEqual(ok.map((s) => [s, null]));
  });

  it('rejects what querySelector would reject, saying why', () => {
    const bad = {
      '': 'the selector is empty',
      '#a,': 'a part of the selector is empty',
      'a,,b': 'a part of the selector is empty',
      'a >': "the combinator '>' has nothing after it",
      '> a': "the combinator '>' has nothing before it",
      '[data-tour=nav': "'[' is never closed",
      '#1a': "'#' must be followed by a name",
      'a..b': "'.' must be followed by a name",
      'a)': "')' has no matching opener",
      ':not()': "':not()' has nothing inside the parentheses",
      '[a="b]': 'a double quote is never closed',
      '[data-id=12]': "'[data-id=12]' is not an attribute selector like [name] or [name=\"value\"]",
      'div!': "unexpected '!'",
      ':is(a, > b)': "inside ':is()': the combinator '>' has nothing before it",
    };
    expect(Object.fromEntries(Object.keys(bad).map((s) => [s, checkSelector(s)]))).toEqual(bad);
  });
});

describe('selectorProblem (what validate rejects)', () => {
  it('closes what a selector leaves open at its end, as browsers do, and rejects what still does not parse', () => {
    const cases = { '[data-tour=nav': null, '[a="b': null, "[a='b": null, ':is(.a': null, ':not([a="b': null, '[a .b': expect.stringContaining('is not an attribute selector'), 'a >': "the combinator '>' has nothing after it", '#': "'#' must be followed by a name" };
    expect(Object.fromEntries(Object.keys(cases).map((s) => [s, selectorProblem(s)]))).toEqual(cases);
  });
});

describe('urlNeverMatches', () => {
  const literal = (pattern: string) => new URL(`https://app.example${pattern}`);

  it('says never only where the browser cannot produce the text (checked with WHATWG URL)', () => {
    const never = ['/dashboards/my reports', '/über', '/a#b', '/a/../b', '/a/./b', '/x?', '/x?q=a b', '/x?q="a"', '#', '#/my page', '/a\\b', '/{id}'];
    const got = never.map((p) => {
      const u = literal(p);
      // the literal URL, as the browser would hold it, does not match its own pattern
      return [p, urlNeverMatches(p) !== null, matchUrl(p, { pathname: u.pathname, search: u.search, hash: u.hash })];
    });
    expect(got).toEqual(never.map((p) => [p, true, false]));
  });

  it('lets through patterns a real location can match', () => {
    const fine = ['/dashboards/x', '/reports/new?tab=share', '#/done', '/a-b_c.d~e', "/it's", '/x?q=%20'];
    const got = fine.map((p) => {
      const u = literal(p);
      return [p, urlNeverMatches(p), matchUrl(p, { pathname: u.pathname, search: u.search, hash: u.hash })];
    });
    expect(got).toEqual(fine.map((p) => [p, null, true]));
    expect(urlNeverMatches('/dashboards/*')).toBeNull();
  });
});
