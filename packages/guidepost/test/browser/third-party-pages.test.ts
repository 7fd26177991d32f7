// Guidepost on pages as third parties write them: Trusted Types, the bundle or the async snippet
// in <head>, an app shell that scrolls inside <main>, globals patched by old libraries and
// routers, global CSS aimed at dialogs and custom elements, zoom and RTL, an SPA that re-creates
// the SDK on every route, <base href>. Each page runs the same flow with the keyboard and must
// end as the plain page does: same trail, ready true, the card next to its target, no console error.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { dist, focused, inViewport, NO_FAVICON, open, sideOf, testFlow, trailTypes, useBrowserAndServer, windowListeners, type Box, type Route } from './harness';

const flow = testFlow({
  welcome: { title: 'Welcome, {{user.name}}', body: 'A short tour.', cta: 'Start' },
  tour: { steps: [{ id: 's1', target: '#t', title: 'First step', body: 'This is **it**.' }, { id: 's2', title: 'Last step' }] },
  quickStart: { title: 'Get going', tasks: [
    { id: 'k1', title: 'Open a report', complete: { url: '/reports/*' } },
    { id: 'k2', title: 'Press it', target: '#t', complete: { click: '#t' } },
  ] },
  activation: 'k2',
});
const FLOW = JSON.stringify(flow);

interface Host {
  body?: string;
  css?: string;
  /** runs before the bundle (a file, so it runs under a strict CSP) */
  pre?: string;
  /** init.js's options, merged over flow /flow.json, user Ada, memory storage */
  options?: string;
  /** runs in init.js after init */
  after?: string;
  head?: string;
  htmlAttrs?: string;
  csp?: string;
  /** false: the page loads the SDK itself (in head) */
  bundle?: boolean;
  /** false: no <!doctype html> (quirks mode) */
  doctype?: boolean;
}
const TARGET = '<main><p>Dashboard</p><button id="t">Target</button><a id="nav" href="/reports/1">Reports</a></main>';
// on every page: a router's link (pushState instead of a page load), and where the step card and
// its target are at the moment focus lands in the card
const ROUTER = `document.addEventListener('click', function (e) {
  var a = e.target.closest && e.target.closest('a#nav'); if (!a) return;
  e.preventDefault(); history.pushState({}, '', a.getAttribute('href'));
});
window.addEventListener('focusin', function (e) {
  var card = e.target.shadowRoot && e.target.shadowRoot.querySelector('.c');
  if (window.atFocus || !card) return;
  var box = function (r) { return { x: r.x, y: r.y, width: r.width, height: r.height }; };
  window.atFocus = { card: box(card.getBoundingClientRect()), target: box(document.querySelector('#t').getBoundingClientRect()) };
}, true);`; // (on window, capturing, before Guidepost: a card's focusin is shielded from the page after that, for pages' focus traps)
const INIT = (options = '{}', after = '') => `window.seen = [];
Guidepost.on('*', function (e) { window.seen.push(e.type); });
window.options = Object.assign({ flow: '/flow.json', user: { id: 'u1', name: 'Ada' }, storage: 'memory' }, ${options});
window.gp = Guidepost.init(window.options);
${after}`;

function host(name: string, h: Host): Record<string, Route> {
  const csp = h.csp ? { 'content-security-policy': h.csp } : undefined;
  const head = `${h.pre !== undefined ? `<script src="/${name}.pre.js"></script>` : ''}${h.css ? `<link rel="stylesheet" href="/${name}.css">` : ''}${h.head ?? ''}`;
  const tail = h.bundle === false ? '' : `<script src="/guidepost.js"></script><script src="/${name}.init.js"></script>`;
  return {
    [`/${name}.html`]: { body: `${h.doctype === false ? '' : '<!doctype html>'}<html lang="en"${h.htmlAttrs ?? ''}><head><meta charset="utf-8"><title>${name}</title>${head}</head><body>${h.body ?? TARGET}${tail}</body></html>`, headers: csp },
    [`/${name}.pre.js`]: { body: `${h.pre ?? ''}\n${ROUTER}`, type: 'text/javascript' },
    [`/${name}.init.js`]: { body: INIT(h.options, h.after), type: 'text/javascript' },
    [`/${name}.css`]: { body: h.css ?? '', type: 'text/css' },
  };
}

const EARLY = `window.violations = [];
document.addEventListener('securitypolicyviolation', function (e) { window.violations.push(e.violatedDirective + ' ' + e.blockedURI); });`;
const SNIPPET = readFileSync(`${dist}snippet.js`, 'utf8');
const posted: unknown[] = [];

const env = useBrowserAndServer({
  ...NO_FAVICON,
  '/flow.json': { body: FLOW },
  '/app/flow.json': { body: `\uFEFF${FLOW}`, type: 'application/json' },
  ...host('plain', { pre: '' }),
  ...host('tt', { pre: EARLY, csp: "default-src 'self'; require-trusted-types-for 'script'; trusted-types 'none'" }),
  // the snippet as a file (default-src 'self' allows no inline script) under Trusted Types
  '/snippet-file.js': { body: SNIPPET, type: 'text/javascript' },
  ...host('ttsnip', { bundle: false, pre: EARLY, head: '<script src="/snippet-file.js"></script><script src="/ttsnip.init.js"></script>',
    csp: "default-src 'self'; require-trusted-types-for 'script'; trusted-types guidepost" }),
  ...host('ttsnipdefault', { bundle: false, head: '<script src="/snippet-file.js"></script><script src="/ttsnipdefault.init.js"></script>',
    pre: `${EARLY}\ntrustedTypes.createPolicy('default', { createScriptURL: function (u) { return u; } });`,
    csp: "default-src 'self'; require-trusted-types-for 'script'; trusted-types default" }),
  ...host('ttsnipnone', { bundle: false, pre: EARLY, head: '<script src="/snippet-file.js"></script><script src="/ttsnipnone.init.js"></script>',
    csp: "default-src 'self'; require-trusted-types-for 'script'; trusted-types 'none'" }),
  ...host('headtag', { bundle: false, pre: '', head: '<script src="/guidepost.js" data-flow="/flow.json" data-user-id="u1" data-user-name="Ada" data-storage="memory"></script>' }),
  ...host('snippet', { bundle: false, pre: '', head: `<script>${SNIPPET}</script><script>${INIT()}</script>` }),
  ...host('shell', {
    pre: '',
    css: 'html,body{height:100%;overflow:hidden;margin:0} main{height:100%;overflow:auto} .tall{height:1500px}',
    body: '<main><div class="tall">Top</div><button id="t">Target</button><a id="nav" href="/reports/1">Reports</a><div class="tall">Bottom</div></main>',
  }),
  ...host('tojson', {
    pre: `Array.prototype.toJSON = function () { // Prototype.js 1.6: arrays serialise themselves to a string
  var own = Array.prototype.toJSON; delete Array.prototype.toJSON;
  try { return JSON.stringify(this); } finally { Array.prototype.toJSON = own; }
};
Array.prototype.each = function (fn) { for (var i = 0; i < this.length; i++) fn(this[i], i); }; // enumerable, as MooTools does`,
    options: "{ storage: 'local', sink: { url: '/collect' } }",
  }),
  ...host('objproto', { pre: 'Object.prototype.extend = function (o) { for (var k in o) this[k] = o[k]; return this; };' }),
  ...host('fetchwrap', { pre: `var nativeFetch = window.fetch; window.fetched = [];
window.fetch = function (input, init) { // an instrumentation wrapper written for strings and Requests
  var url = typeof input === 'string' ? input : input.url;
  window.fetched.push(url);
  return nativeFetch(url, init);
};` }),
  ...host('routers', {
    pre: `var p0 = history.pushState; history.pushState = function () { var r = p0.apply(this, arguments); dispatchEvent(new Event('route')); return r; };
var a0 = Element.prototype.attachShadow; Element.prototype.attachShadow = function (init) { window.shadows = (window.shadows || 0) + 1; return a0.call(this, init); };`,
    after: 'var p1 = history.pushState; history.pushState = function (s, t, u) { return p1.call(history, s, t, u); };',
  }),
  ...host('css', {
    pre: '',
    css: `html { font-size: 10px; } dialog { display: block !important; position: static !important; } :where(body) { visibility: hidden; }
guidepost-root, section, div { display: none; } main { visibility: visible; }`,
  }),
  ...host('zoom', { pre: '', css: 'html { zoom: 1.25; } #t { margin-left: 200px; }' }),
  ...host('rtl', { pre: '', htmlAttrs: ' dir="rtl"', body: `<main>${TARGET}<div style="width:3000px">wide</div></main>` }),
  ...host('quirks', { pre: '', doctype: false }),
  ...host('smooth', { pre: '', css: 'html { scroll-behavior: smooth; } .tall { height: 1500px; }', body: '<main><div class="tall">Top</div><button id="t">Target</button><a id="nav" href="/reports/1">Reports</a><div class="tall">Bottom</div></main>' }),
  ...host('turbo', { pre: `document.addEventListener('click', function (e) {
  if (e.target.id !== 'swap') return;
  var body = document.createElement('body');
  body.innerHTML = '<main><p>Page ' + Math.random() + '</p><button id="t">Target</button><button id="swap">Next page</button></main>';
  history.pushState({}, '', '/turbo.html?' + Math.random()); document.body.replaceWith(body); // Turbo: the URL first, then the new body
});`, body: '<main><button id="t">Target</button><button id="swap">Next page</button></main>' }),
  ...host('reinit', { pre: '', options: "{ storage: 'local' }" }),
  '/pages/base.html': { body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><base href="/app/"><title>base</title>
<script src="/base.pre.js"></script><script src="/guidepost.js" data-flow="flow.json" data-user-id="u1" data-user-name="Ada" data-storage="memory"></script></head><body>${TARGET}</body></html>` },
  '/base.pre.js': { body: ROUTER, type: 'text/javascript' },
}, {
  handler: (req, res, body) => {
    if (req.url !== '/collect') return false;
    posted.push(JSON.parse(body));
    res.writeHead(204).end();
    return true;
  },
});


/** Welcome → tour → Quick Start with the keyboard, then a route change and the activation click. */
async function walk(page: Page) {
  await page.getByRole('dialog', { name: 'Welcome, Ada' }).waitFor();
  await expect.poll(() => focused(page)).toBe('Start');
  await page.keyboard.press('Enter');
  await page.getByRole('dialog', { name: 'First step' }).waitFor();
  await expect.poll(() => focused(page)).toBe('Next');
  const { card, target } = await page.evaluate(() => (window as unknown as { atFocus: { card: Box; target: Box } }).atFocus);
  const vp = page.viewportSize()!;
  const placed = { side: sideOf(card, target) !== 'none', cardInView: inViewport(card, vp), targetInView: inViewport(target, vp) };
  await page.keyboard.press('Enter');
  await page.getByRole('dialog', { name: 'Last step' }).waitFor();
  await expect.poll(() => focused(page)).toBe('Done');
  await page.keyboard.press('Enter');
  const region = page.getByRole('region', { name: 'Get going' });
  await region.waitFor();
  await page.locator('#nav').click();
  await page.waitForFunction(() => window.Guidepost.state().completed.includes('k1'));
  await page.locator('#t').click();
  await page.waitForFunction(() => window.Guidepost.state().status === 'done');
  return { placed, ready: await page.evaluate(() => window.Guidepost.ready), trail: await trailTypes(page) };
}

/** A fresh page on `/<name>.html`, failing fast (5 s) on anything that does not show. */
async function visit(name: string) {
  const w = await open(env.browser);
  w.page.setDefaultTimeout(5000);
  await w.page.goto(`${env.server.url}/${name}.html`);
  return w;
}

const run = async (name: string) => {
  const w = await visit(name);
  try {
    return { ...w, result: await walk(w.page) };
  } catch (e) {
    const st = await w.page.evaluate(() => JSON.stringify({ st: window.Guidepost?.state(), tr: window.Guidepost?.trail().map((x) => [x.type, x.data]) }));
    throw new Error(`${(e as Error).message.split('\n')[0]}\n${st}\n${w.logs.join('\n')}`);
  }
};
const EXPECTED = {
  placed: { side: true, cardInView: true, targetInView: true },
  ready: true,
  trail: ['flow_started', 'segment_assigned', 'welcome_viewed', 'first_action_started', 'step_viewed', 'step_completed', 'step_viewed',
    'step_completed', 'guided_path_completed', 'step_viewed', 'step_completed', 'core_task_completed', 'step_viewed', 'step_completed', 'first_value_created'],
};

describe('the plain page (the control)', () => {
  it('runs the whole flow with the keyboard', async () => {
    const { page, result, errors } = await run('plain');
    expect({ result, errors }).toEqual({ result: EXPECTED, errors: [] });
    await page.context().close();
  });
});

describe.each(['tt', 'headtag', 'snippet', 'shell', 'objproto', 'fetchwrap', 'routers', 'css', 'zoom', 'rtl', 'quirks', 'smooth', 'pages/base'])('page %s', (name) => {
  it('runs the whole flow as the plain page does', async () => {
    const { page, result, errors } = await run(name);
    expect({ result, errors }).toEqual({ result: EXPECTED, errors: [] });
    if (name === 'tt') {
      const violations = () => page.evaluate(() => (window as unknown as { violations: string[] }).violations);
      expect(await violations()).toEqual([]);
      // the control: the policy is enforced and the listener hears it
      expect(await page.evaluate(() => { try { document.body.innerHTML = '<b>x</b>'; return 'allowed'; } catch { return 'refused'; } })).toBe('refused');
      await expect.poll(async () => (await violations()).length).toBe(1); // the event is queued as a task: not there at once
    }
    await page.context().close();
  });
});

describe('the async snippet under Trusted Types', () => {
  it.each(['ttsnip', 'ttsnipdefault'])('loads the bundle through the "guidepost" policy or the page\'s default one (%s): the whole flow, no violation', async (name) => {
    const { page, result, errors } = await run(name);
    expect({ result, errors, violations: await page.evaluate(() => (window as unknown as { violations: string[] }).violations) })
      .toEqual({ result: EXPECTED, errors: [], violations: [] });
    await page.context().close();
  });

  it('where the page allows neither, throws nothing into it: ready resolves false, with one console line', async () => {
    const { page, errors } = await visit('ttsnipnone');
    const ready = await page.evaluate(() => window.Guidepost.ready);
    // (the browser logs its own two refusals as console errors too: the policy, then the assignment)
    expect({ ready, thrown: errors.filter((e) => e.startsWith('pageerror')), ours: errors.filter((e) => e.startsWith('[guidepost]')).map((e) => e.replace(/: Failed to set.*? \(/, ': … (')) })
      .toEqual({ ready: false, thrown: [], ours: ["[guidepost] the bundle could not be loaded: … (add 'guidepost' to the page's trusted-types, or load it with a script tag)"] });
    await page.context().close();
  });
});

type Body = { events?: unknown };
describe('a page whose arrays serialise themselves to strings (Prototype.js 1.6 Array.prototype.toJSON)', () => {
  it('still resumes after a reload and still posts { events: [...] }', async () => {
    const { page, result, errors } = await run('tojson');
    const reinit = await page.evaluate(() => { // the second init takes the parsed flow from a cache
      window.Guidepost.destroy();
      return window.Guidepost.init((window as unknown as { options: Parameters<typeof window.Guidepost.init>[0] }).options).ready;
    });
    // ids with their types, so that a difference says which events it is about
    const before = await page.evaluate(() => window.Guidepost.trail().map((e) => `${e.id} ${e.type}`));
    await page.goto(`${env.server.url}/tojson.html`); // a reload of the first page (the router moved to /reports/1)
    await page.waitForFunction(() => window.Guidepost && window.Guidepost.state().status !== 'loading');
    const after = await page.evaluate(() => window.Guidepost.trail().map((e) => `${e.id} ${e.type}${e.type === 'sdk_error' ? ` ${JSON.stringify(e.data)}` : ''}`));
    // every batch is { events: [...] }, and every event of the trail reached the sink
    const bodies = () => (posted as Body[]).map((b) => (Array.isArray(b.events) ? 'array' : typeof b.events));
    const missing = () => after.map((x) => x.split(' ')[0]).filter((id) => !(posted as Body[]).some((b) => Array.isArray(b.events) && b.events.some((e: { id: string }) => e.id === id)));
    await expect.poll(missing).toEqual([]);
    expect({ result, reinit, errors, bodies: [...new Set(bodies())], status: await page.evaluate(() => window.Guidepost.state().status),
      welcome: await page.getByRole('dialog').count(), after }).toEqual({ result: EXPECTED, reinit: true, errors: [], bodies: ['array'], status: 'done', welcome: 0, after: before });
    await page.context().close();
  });
});

describe('a page whose navigation swaps <body> (Turbo Drive, htmx hx-boost)', () => {
  it('keeps the Quick Start and the current card on the page', async () => {
    const { page, errors } = await visit('turbo');
    await page.getByRole('dialog', { name: 'Welcome, Ada' }).waitFor();
    await page.keyboard.press('Enter');
    await page.getByRole('dialog', { name: 'First step' }).waitFor();
    await page.locator('#swap').click(); // a visit: new <body>, the target again
    await page.getByRole('dialog', { name: 'First step' }).waitFor();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await page.getByRole('region', { name: 'Get going' }).waitFor();
    await page.locator('#swap').click();
    const region = await page.getByRole('region', { name: 'Get going' }).isVisible({ timeout: 1000 }).catch(() => false);
    expect({ region, roots: await page.evaluate(() => document.querySelectorAll('guidepost-root').length), errors }).toEqual({ region: true, roots: 1, errors: [] });
    await page.context().close();
  });
});

describe('an SPA that destroys and re-creates Guidepost on every route', () => {
  it('resumes where the user was: no second welcome, no event or listener twice', async () => {
    const { page, errors } = await visit('reinit');
    const listeners = () => windowListeners(page);
    await page.getByRole('dialog', { name: 'Welcome, Ada' }).waitFor();
    await page.keyboard.press('Enter');
    await page.getByRole('dialog', { name: 'First step' }).waitFor();
    await page.keyboard.press('Enter');
    await page.getByRole('dialog', { name: 'Last step' }).waitFor();
    const first = await listeners();
    for (let i = 0; i < 2; i++) {
      await page.evaluate(async () => {
        const o = (window as unknown as { options: Parameters<typeof window.Guidepost.init>[0] }).options;
        window.Guidepost.destroy();
        history.pushState({}, '', `/route-${Math.random()}`);
        await window.Guidepost.init(o).ready;
      });
    }
    await page.getByRole('dialog', { name: 'Last step' }).waitFor();
    await expect.poll(() => focused(page)).toBe('Done');
    const again = await listeners();
    const now = await page.evaluate(() => ({ roots: document.querySelectorAll('guidepost-root').length, welcome: document.querySelector('guidepost-root')!.shadowRoot!.querySelectorAll('dialog[open]').length }));
    await page.keyboard.press('Enter');
    await page.getByRole('region', { name: 'Get going' }).waitFor();
    await page.locator('#nav').click();
    await page.locator('#t').click();
    await page.waitForFunction(() => window.Guidepost.state().status === 'done');
    const trail = await trailTypes(page);
    const seen = await page.evaluate(() => (window as unknown as { seen: string[] }).seen);
    expect({ again, now, seen, errors }).toEqual({ again: first, now: { roots: 1, welcome: 0 }, seen: trail, errors: [] });
    expect(trail).toEqual(EXPECTED.trail);
    await page.context().close();
  });
});
