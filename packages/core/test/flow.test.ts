import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { parseFlow, parseDuration, parseMarkdown, fillPlaceholders, matchUrl, resolveText } from '../src/index';
import { acmeJson } from './helpers';

const sharedFlows = new URL('../../../../shared/flows/', import.meta.url);

describe('flow format', () => {
  it("builds its schemas jitless but leaves zod's global config as the app set it (an npm app shares one zod)", async () => {
    vi.resetModules();
    const z = await import('zod/mini');
    const fresh = await import('../src/flow/flowSchema');
    z.config({ jitless: false });
    try {
      expect(fresh.flowSchema().safeParse(acmeJson()).success).toBe(true);
      expect(z.config().jitless).toBe(false);
    } finally {
      z.config({ jitless: undefined });
    }
  });

  it('accepts every sample flow', () => {
    const dir = existsSync(sharedFlows) ? sharedFlows : new URL('../../../examples/acme/public/', import.meta.url);
    const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) {
      const r = parseFlow(JSON.parse(readFileSync(new URL(f, dir), 'utf8')));
      expect(r.errors, f).toEqual([]);
    }
  });

  it('ships the shared sample flow unchanged in the demo', () => {
    if (!existsSync(sharedFlows)) return;
    expect(acmeJson()).toEqual(JSON.parse(readFileSync(new URL('acme-analytics.json', sharedFlows), 'utf8')));
  });

  const bad: Array<[string, (f: any) => void, string, RegExp]> = [
    ['unknown field with a suggestion', (f) => (f.paths['admin-setup'].welcome.titel = 'x'), 'flow.paths.admin-setup.welcome.titel', /unknown field 'titel'; did you mean 'title'/],
    ['activation naming no task', (f) => (f.paths['admin-setup'].activation = 'first-dashbord'), 'flow.paths.admin-setup.activation', /no task 'first-dashbord'.*did you mean 'first-dashboard'/],
    ['coreTask naming no task', (f) => (f.paths['member-first-report'].coreTask = 'nope'), 'flow.paths.member-first-report.coreTask', /no task 'nope'/],
    ['missing activation', (f) => delete f.paths['admin-setup'].activation, 'flow.paths.admin-setup.activation', /is required/],
    ['segment path unknown', (f) => (f.segments[0].path = 'admin-setp'), 'flow.segments[0].path', /no path 'admin-setp'; did you mean 'admin-setup'/],
    ['default segment not last', (f) => f.segments.unshift({ id: 'all', provisioning: 'self-service', path: 'admin-setup' }), 'flow.segments[0]', /must be the last/],
    ['no default segment', (f) => (f.segments[2].match = { role: 'x' }), 'flow.segments', /no default segment/],
    ['duplicate segment id', (f) => (f.segments[1].id = 'team-admin'), 'flow.segments[1].id', /duplicate segment id 'team-admin'/],
    ['duplicate step id across tour and tasks', (f) => (f.paths['admin-setup'].tour.steps[1].id = 'import-data'), 'flow.paths.admin-setup.quickStart.tasks[0].id', /duplicate step id 'import-data'/],
    ['bad duration', (f) => (f.defaults.stall.after = '2 minutes'), 'flow.defaults.stall.after', /is not a duration/],
    ['bad provisioning', (f) => (f.segments[0].provisioning = 'sso'), 'flow.segments[0].provisioning', /use one of "self-service", "admin", "jit"/],
    ['missing provisioning', (f) => delete f.segments[0].provisioning, 'flow.segments[0].provisioning', /^is required; add "provisioning", one of "self-service", "admin", "jit"$/],
    ['bad placement', (f) => (f.paths['admin-setup'].tour.steps[0].placement = 'middle'), 'flow.paths.admin-setup.tour.steps[0].placement', /"middle" is not allowed/],
    ['bad flow id', (f) => (f.id = 'Acme Analytics'), 'flow.id', /not a valid flow id/],
    ['version not an integer', (f) => (f.version = '1'), 'flow.version', /expected a (whole )?number, got "1"/],
    ['text of the wrong type', (f) => (f.paths['admin-setup'].welcome.title = 42), 'flow.paths.admin-setup.welcome.title', /expected text/],
    ['unknown placeholder', (f) => (f.paths['admin-setup'].welcome.title = 'Hi {{user.name}} {{session.token}}'), 'flow.paths.admin-setup.welcome.title', /\{\{session.token\}\} is not a placeholder/],
    ['unclosed placeholder', (f) => (f.paths['admin-setup'].welcome.title = 'Hi {{user.name}}, welcome to {{account.name'), 'flow.paths.admin-setup.welcome.title', /\{\{account.name is not a placeholder/],
    ['javascript: link', (f) => (f.paths['admin-setup'].welcome.body = 'see [docs](javascript:alert(1))'), 'flow.paths.admin-setup.welcome.body', /is not allowed; use an http\(s\) or relative URL/],
    ['javascript: link in bold', (f) => (f.paths['admin-setup'].welcome.body = '**see [docs](javascript:alert(1))**'), 'flow.paths.admin-setup.welcome.body', /link "javascript:alert\(1" is not allowed/],
    ['trigger with two kinds', (f) => (f.paths['admin-setup'].tour.steps[0].complete = { click: '#a', event: 'b' }), 'flow.paths.admin-setup.tour.steps[0].complete', /exactly one of/],
    ['trigger typo', (f) => (f.paths['admin-setup'].tour.steps[0].complete = { clik: '#a' }), 'flow.paths.admin-setup.tour.steps[0].complete.clik', /did you mean 'click'/],
    ['url not a path or hash', (f) => (f.paths['admin-setup'].quickStart.tasks[1].complete = { url: 'dashboards/*' }), 'flow.paths.admin-setup.quickStart.tasks[1].complete.url', /must start with "\/"/],
    ['empty any', (f) => (f.paths['admin-setup'].quickStart.tasks[1].complete = { any: [] }), 'flow.paths.admin-setup.quickStart.tasks[1].complete.any', /at least one trigger/],
    ['nested trigger typo', (f) => (f.paths['admin-setup'].quickStart.tasks[1].complete = { all: [{ event: 'a' }, { urll: '/x' }] }), 'flow.paths.admin-setup.quickStart.tasks[1].complete.all[1].urll', /did you mean 'url'/],
    ['no segments', (f) => (f.segments = []), 'flow.segments', /at least one segment/],
    ['unknown top-level field', (f) => (f.segmants = []), 'flow.segmants', /did you mean 'segments'/],
    ['missing title', (f) => delete f.paths['admin-setup'].welcome.title, 'flow.paths.admin-setup.welcome.title', /^is required; add "title": text: a string or a locale map/],
    ['missing paths', (f) => delete f.paths, 'flow.paths', /^is required; add "paths": an object$/],
    ['match naming no trait', (f) => (f.segments[0].match = {}), 'flow.segments[0].match', /^names no trait; add one, or remove "match" to make this the default segment$/],
    ['match list accepting nothing', (f) => (f.segments[0].match = { role: [] }), 'flow.segments[0].match.role', /a list of at least one of them, got \[\]/],
    ['three braces round a placeholder', (f) => (f.paths['admin-setup'].welcome.title = 'Hi {{{user.name}}}'), 'flow.paths.admin-setup.welcome.title', /^\{\{\{user.name\}\}\} is not a placeholder/],
    ['trigger nested past any use', (f) => {
      let t: any = { event: 'x' };
      for (let i = 0; i < 60; i++) t = { any: [t] };
      f.paths['admin-setup'].quickStart.tasks[1].complete = t;
    }, `flow.paths.admin-setup.quickStart.tasks[1].complete${'.any[0]'.repeat(47)}.any`, /^is nested too deeply \(over 100 levels\)$/],
  ];
  it.each(bad)('rejects %s with its JSON path', (_, mutate, path, message) => {
    const f = acmeJson();
    mutate(f);
    const r = parseFlow(f);
    expect(r.ok).toBe(false);
    const e = r.errors.find((x) => x.path === path);
    expect(e, JSON.stringify(r.errors)).toBeDefined();
    expect(e!.message).toMatch(message);
  });

  it('reports a misspelt field before the required field it was meant to be, and a default segment not last once', () => {
    const f = acmeJson();
    delete f.paths['admin-setup'].tour.steps[0].title;
    f.paths['admin-setup'].tour.steps[0].tittle = 'Sources';
    expect(parseFlow(f).errors.map((e) => e.path)).toEqual(['flow.paths.admin-setup.tour.steps[0].tittle', 'flow.paths.admin-setup.tour.steps[0].title']);
    const g = acmeJson();
    g.segments.unshift(g.segments.pop());
    expect(parseFlow(g).errors).toEqual([{ path: 'flow.segments[0]', message: expect.stringMatching(/must be the last one/) }]);
  });

  it('checks every selector with the check it is given, and none without one', () => {
    const f = acmeJson();
    const p = f.paths['admin-setup'];
    p.tour.steps[0].target = 'div >';
    p.quickStart.tasks[0].stall = { prompt: { title: 'x', target: '#ok' } };
    p.quickStart.tasks[1].complete = { any: [{ click: '[a' }, { element: '.ok' }] };
    f.exceptions.permissions.prompt = { title: 'x', target: '##' };
    const seen: string[] = [];
    const errors = parseFlow(f, { selector: (s) => (seen.push(s), ['div >', '[a', '##'].includes(s) ? 'because' : null) }).errors;
    expect(errors).toEqual([
      { path: 'flow.paths.admin-setup.tour.steps[0].target', message: '"div >" is not a valid CSS selector (because); fix it, like "#nav" or "[data-tour=x]"' },
      { path: 'flow.paths.admin-setup.quickStart.tasks[1].complete.any[0].click', message: expect.stringContaining('"[a" is not a valid CSS selector') },
      { path: 'flow.exceptions.permissions.prompt.target', message: expect.stringContaining('"##" is not') },
    ]);
    expect(seen).toEqual(expect.arrayContaining(['#ok', '.ok']));
    expect(parseFlow(f).ok).toBe(true);
  });

  it('rejects an empty tour or task list, saying how to fix it', () => {
    const f = acmeJson();
    f.paths['admin-setup'].tour.steps = [];
    f.paths['member-first-report'].quickStart.tasks = [];
    expect(parseFlow(f).errors).toEqual([
      { path: 'flow.paths.admin-setup.tour.steps', message: 'needs at least one step: add one, or remove "tour"' },
      { path: 'flow.paths.member-first-report.quickStart.tasks', message: 'needs at least one task: add the one "activation" names' },
    ]);
  });

  it("reads only a flow's own fields: what a page put on Object.prototype is neither a field nor an unknown one", () => {
    const proto = Object.prototype as Record<string, unknown>;
    const added = { extend: () => {}, body: 5, colour: 'red' }; // Prototype.js-style extensions, enumerable
    Object.assign(proto, added);
    try {
      expect(parseFlow(acmeJson()).errors).toEqual([]);
    } finally {
      for (const k of Object.keys(added)) delete proto[k];
    }
  });

  it("suggests a field of the object the unknown one is in, and none when it belongs to another kind of object", () => {
    const f = acmeJson();
    f.paths['admin-setup'].welcome.target = '#nav';
    f.paths['admin-setup'].welcome.bdy = 'x';
    f.segments[0].pth = 'admin-setup';
    expect(parseFlow(f).errors.map((e) => e.message)).toEqual([
      "unknown field 'pth'; did you mean 'path'? (remove it or fix the spelling)",
      "unknown field 'target' (remove it or fix the spelling)",
      "unknown field 'bdy'; did you mean 'body'? (remove it or fix the spelling)",
    ]);
  });

  it('rejects what is not an object', () => {
    for (const v of [null, 1, 'x', [], undefined]) expect(parseFlow(v).errors).toEqual([{ path: 'flow', message: 'a flow must be a JSON object' }]);
  });
});

describe('texts and triggers', () => {
  it('parses durations', () => {
    expect(['500ms', '90s', '2m', '72h', '1.5s', '2 m', 'm', ''].map(parseDuration)).toEqual([500, 90_000, 120_000, 259_200_000, 1500, undefined, undefined, undefined]);
  });

  it("fills placeholders from own values only: Object's members and values that are not text render empty", () => {
    const ctx = { user: { id: 'u', traits: { plan: 'pro', limits: { a: 1 } } }, account: { id: 'a' } };
    const text = '[{{user.constructor}}|{{account.toString}}|{{traits.hasOwnProperty}}|{{user.__proto__}}|{{traits.limits}}|{{user.plan}}]';
    expect(fillPlaceholders(text, ctx)).toBe('[|||||pro]');
  });

  it('fills placeholders as plain text, missing ones empty', () => {
    const ctx = { user: { id: 'u', name: '<b>Ada</b>', traits: { plan: 'pro' } }, account: { id: 'a', name: 'Acme' } };
    expect(fillPlaceholders('Hi {{user.name}} of {{account.name}} on {{traits.plan}} {{user.role}}!', ctx)).toBe('Hi <b>Ada</b> of Acme on pro !');
  });

  it('picks the locale of a text map', () => {
    const ctx = { user: { id: 'u' } };
    expect(resolveText({ en: 'Hi', de: 'Hallo' }, ctx, 'de-AT', 'en')).toBe('Hallo');
    expect(resolveText({ en: 'Hi', de: 'Hallo' }, ctx, 'fr', 'en')).toBe('Hi');
    // tags compare case-insensitively; another region of the language beats the default locale
    const pt = { en: 'Hi', 'pt-BR': 'Oi', 'DE-de': 'Hallo' };
    expect([['PT-br'], ['pt-PT'], ['pt'], ['de'], ['DE'], ['toString'], [undefined, 'PT']].map(([l, f]) => resolveText(pt, ctx, l, f ?? 'en')))
      .toEqual(['Oi', 'Oi', 'Oi', 'Hallo', 'Hallo', 'Hi', 'Oi']);
  });

  it('parses the markdown subset into a tree, dropping unsafe links', () => {
    expect(parseMarkdown('Pick **Sample CSV** or [read](https://x.io/a) [bad](javascript:void) <img src=x>')).toEqual([
      'Pick ', { b: ['Sample CSV'] }, ' or ', { a: 'read', href: 'https://x.io/a' }, ' ', 'bad', ' <img src=x>',
    ]);
    expect(parseMarkdown('[rel](/docs/start)')).toEqual([{ a: 'rel', href: '/docs/start' }]);
  });

  it('matches URL globs as the spec says', () => {
    const at = (pathname: string, search = '', hash = '') => ({ pathname, search, hash });
    expect([
      matchUrl('/dashboards/*', at('/dashboards/q3')),
      matchUrl('/dashboards/*', at('/dashboards/q3/edit')),
      matchUrl('/dashboards/**', at('/dashboards/q3/edit')),
      matchUrl('/reports/*', at('/reports/1', '?tab=x')),
      matchUrl('/reports?tab=x', at('/reports', '?tab=x')),
      matchUrl('/reports?tab=x', at('/reports', '?tab=y')),
      matchUrl('#/completed', at('/', '', '#/completed')),
      matchUrl('/Reports', at('/reports')),
      matchUrl('/a.b', at('/aXb')),
    ]).toEqual([true, false, true, true, true, false, true, false, false]);
  });
});
