// Loading and lifecycle (sdk-api.md, "Loading" and "API"): ready, bad flows, destroy, the async
// snippet, the script tag's data attributes, and a host page that never sees an exception.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { dist, guidedPage, hostPage, launch, NO_FAVICON, open, serve, testFlow, variant, windowListeners } from './harness';

const flow = testFlow({
  welcome: { title: 'Welcome, {{user.name}}', cta: 'Start' },
  tour: { steps: [{ id: 'one', target: '#t', title: 'Press it', complete: { click: '#t' } }] },
  quickStart: { title: 'Get going', tasks: [
    { id: 't1', title: 'Task one', complete: { url: '/done/*' } },
    { id: 't2', title: 'Task two', complete: { any: [{ element: '.made' }, { event: 't2' }] } },
  ] },
  activation: 't2',
}, { segments: [{ id: 'admins', match: { role: 'admin' }, provisioning: 'admin', path: 'p' }, { id: 'everyone', provisioning: 'self-service', path: 'p' }] });
const tasksOnly = testFlow({ quickStart: { title: 'Get going', tasks: [
  { id: 't1', title: 'Task one', complete: { event: 't1' } },
  { id: 't2', title: 'Task two', complete: { event: 't2' } },
] }, activation: 't2' });
const invalid = { ...flow, paths: { p: { ...flow.paths.p, activation: 'nope' } } };
// a selector the browser cannot read (it would find nothing, on any page): rejected at load, with its version
const badSelector = { ...flow, version: 3, paths: { p: { ...flow.paths.p, tour: { steps: [{ id: 'one', target: 'div >', title: 'Press it' }] } } } };
const html = (body: string) => ({ body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Host</title></head><body>${body}</body></html>` });
const withFile = (name: string, body: string) => ({ [`/${name}.js`]: { body, type: 'text/javascript' } });

// the async snippet's page: calls made while the bundle is still loading (it is held back 300 ms)
// (a bad call among them spoils nothing after it; an unsubscribe works before the bundle is there)
const SNIPPET_CALLS = `window.seen = []; window.wasStub = Array.isArray(Guidepost.q); window.stubState = Guidepost.state();
Guidepost.on('*', function (e) { window.seen.push(e.type); });
var off = Guidepost.on('*', function () { window.unsubscribedHeard = true; });
off();
var gp = Guidepost.init({ flow: ${JSON.stringify(tasksOnly)}, user: { id: 'u1' }, storage: 'memory' });
gp.ready.then(function (r) { window.readyWas = r; });
gp.signal('bogus_kind');
gp.track('t1');
Guidepost.signal('permission_denied');
Guidepost.signal('role_corrected');
window.kept = gp;`;

let browser: Browser;
let server: Awaited<ReturnType<typeof serve>>;
beforeAll(async () => {
  const bundle = readFileSync(`${dist}guidepost.js`);
  [browser, server] = await Promise.all([launch(), serve({
    ...guidedPage('<button id="t">T</button>', flow, "{ storage: 'memory' }"),
    ...variant('invalid', guidedPage('', invalid)),
    ...variant('selector', guidedPage('', badSelector)),
    ...variant('missing', guidedPage('', '/nope.json')),
    ...variant('notjson', guidedPage('', '/bad.json')),
    ...variant('blank', hostPage('<button id="t">T</button>', 'window.hostErrors = []; window.onerror = function (m) { window.hostErrors.push(String(m)); };'
      + ' window.addEventListener("unhandledrejection", function (e) { window.hostErrors.push("rejection: " + e.reason); });')),
    // a host with its own zod 4 (whose config lives on globalThis), and the window's names before guidepost.js
    ...variant('zodhost', hostPage('<button id="t">T</button><script>window.__zod_globalConfig = { jitless: false }; window.namesBefore = Object.getOwnPropertyNames(window);</script>', '')),
    '/bad.json': { body: '<html>not json</html>', type: 'application/json' },
    '/flow.json': { body: JSON.stringify(flow), type: 'application/json' },
    '/snippet.html': html('<script src="/snippet-loader.js"></script><script src="/calls.js"></script>'),
    '/snippet-loader.js': { body: readFileSync(`${dist}snippet.js`), type: 'text/javascript' },
    // the snippet pointed at a bundle that is not there
    '/snippet-404.html': html('<script src="/snippet-404.js"></script><script src="/calls-404.js"></script>'),
    '/snippet-404.js': { body: readFileSync(`${dist}snippet.js`, 'utf8').replace('/guidepost.js', '/no-such-bundle.js'), type: 'text/javascript' },
    ...withFile('calls-404', `Guidepost.init({ flow: ${JSON.stringify(tasksOnly)}, user: { id: 'u1' } }).ready.then(function (r) { window.readyWas = r; });`),
    ...withFile('calls', SNIPPET_CALLS),
    '/tag.html': html('<script src="/guidepost.js" data-flow="/flow.json" data-user-id="u_42" data-user-role="admin" data-user-name="Ada"></script>'),
    // loaded twice: two tags, and the snippet with a tag of its own
    '/two-tags.html': html('<script src="/guidepost.js" data-flow="/flow.json" data-user-id="u_42" data-user-role="admin" data-user-name="Ada"></script>'
      + '<script src="/guidepost.js?again" data-flow="/flow.json" data-user-id="u_42" data-user-role="admin" data-user-name="Ada"></script>'),
    '/snippet-and-tag.html': html('<script src="/snippet-loader.js"></script><script>Guidepost.init({ flow: "/flow.json", user: { id: "u1", name: "Ada" }, storage: "memory" });</script>'
      + '<script src="/guidepost.js?tag" defer></script>'),
    ...NO_FAVICON,
  }, {
    handler: (req, res) => { // the bundle arrives late on the snippet page, so the stub must queue
      if (req.url !== '/guidepost.js' || !req.headers.referer?.includes('snippet')) return false;
      setTimeout(() => res.writeHead(200, { 'content-type': 'text/javascript' }).end(bundle), 300);
      return true;
    },
  })]);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const ready = (page: Page) => page.evaluate(() => window.gp.ready);
const invalidEvents = (page: Page) => page.evaluate(() => [window.events, window.Guidepost.trail()]
  .map((list) => list.filter((e) => e.type === 'flow_invalid').map((e) => ({ path: e.data?.path, reason: typeof e.data?.reason }))));

describe('ready and bad flows', () => {
  it('resolves ready to true once the flow runs', async () => {
    const { page, errors } = await open(browser, server.url);
    expect(await ready(page)).toBe(true);
    expect(await page.getByRole('dialog', { name: 'Welcome, Ada' }).isVisible()).toBe(true);
    expect(errors).toEqual([]);
  });

  for (const [name, path, browserLog] of [
    ['an invalid flow', 'flow.paths.p.activation', []],
    ['a selector that does not parse', 'flow.paths.p.tour.steps[0].target', []],
    ['a flow URL that answers 404', 'flow', ['Failed to load resource: the server responded with a status of 404 (Not Found)']],
    ['a flow URL that is not JSON', 'flow', []],
  ] as const) {
    it(`reports ${name} as flow_invalid, one [guidepost] line, ready false`, async () => {
      const page = name.includes('404') ? 'missing' : name.includes('JSON') ? 'notjson' : name.includes('selector') ? 'selector' : 'invalid';
      const w = await open(browser, `${server.url}/${page}.html`);
      expect(await ready(w.page)).toBe(false);
      const event = { path, reason: 'string' };
      expect(await invalidEvents(w.page)).toEqual([[event], [event]]);
      if (page === 'selector') expect(await w.page.evaluate(() => window.events[0].flowVersion)).toBe(3); // the document's, not 0
      expect(w.errors.filter((e) => !e.startsWith('[guidepost] '))).toEqual(browserLog);
      expect(w.errors.filter((e) => e.startsWith('[guidepost] '))).toHaveLength(1);
      expect(await w.page.evaluate(() => !!document.querySelector('guidepost-root'))).toBe(false); // never half-rendered
    });
  }
});

/** init as window.gp, then welcome → the tour step (where `during` runs) → the Quick Start */
async function fullRun(page: Page, during: () => Promise<unknown> = async () => {}): Promise<void> {
  await page.evaluate(async (f) => {
    window.gp = window.Guidepost.init({ flow: f, user: { id: 'u1' }, storage: 'memory' });
    await window.gp.ready;
  }, flow);
  await page.getByRole('button', { name: 'Start' }).click();
  await page.getByRole('dialog', { name: 'Press it' }).waitFor();
  await during();
  await page.locator('#t').click();
  await page.getByRole('region', { name: 'Get going' }).waitFor();
}

describe('destroy', () => {
  it('leaves no node and no window/document listener behind after a full run', async () => {
    const { page, errors } = await open(browser, `${server.url}/blank.html`);
    const listeners = () => windowListeners(page);
    const before = await listeners();
    let during: string[] = [];
    await fullRun(page, async () => (during = await listeners()));
    await page.evaluate(() => window.gp.destroy());
    const after = await listeners();
    expect(during.length).toBeGreaterThan(before.length); // the control: the listeners are seen
    expect(during).not.toContain('window:storage:false'); // memory storage has no other tab to hear (hostile-conditions.test.ts: two tabs with local storage do)
    expect(after).toEqual(before);
    expect(await page.evaluate(() => [document.querySelectorAll('guidepost-root').length, window.gp.state().status])).toEqual([0, 'destroyed']);
    expect(errors).toEqual([]);
  });
});

describe('globals', () => {
  it("adds window.Guidepost and nothing else to the page, and leaves a host's zod config alone", async () => {
    const { page, errors } = await open(browser, `${server.url}/zodhost.html`);
    await fullRun(page);
    const got = await page.evaluate(() => {
      const before = (window as unknown as { namesBefore: string[] }).namesBefore;
      return { added: Object.getOwnPropertyNames(window).filter((k) => !before.includes(k) && k !== 'gp' && k !== 'namesBefore'), zod: (window as unknown as { __zod_globalConfig: unknown }).__zod_globalConfig };
    });
    expect(got).toEqual({ added: ['Guidepost'], zod: { jitless: false } });
    expect(errors).toEqual([]);
  });
});

describe('loading', () => {
  it('queues calls made through the async snippet and replays them in order', async () => {
    const { page, errors } = await open(browser, `${server.url}/snippet.html`);
    await page.waitForFunction(() => !Array.isArray(window.Guidepost.q) && window.Guidepost.state().status !== 'loading');
    await page.waitForFunction(() => 'readyWas' in window);
    const got = await page.evaluate(() => {
      const w = window as unknown as { wasStub: boolean; stubState: unknown; seen: string[]; readyWas: boolean; unsubscribedHeard?: boolean; kept: typeof window.Guidepost };
      return { wasStub: w.wasStub, stubState: w.stubState, seen: w.seen, ready: w.readyWas, unsubscribedHeard: w.unsubscribedHeard ?? false,
        trail: window.Guidepost.trail().map((e) => e.type), state: window.Guidepost.state(), keptForwards: w.kept.state().step };
    });
    const types = ['flow_started', 'segment_assigned', 'first_action_started', 'step_viewed', 'sdk_error', 'step_completed', 'core_task_completed', 'step_viewed',
      'role_mismatch_detected', 'permissions_review_open', 'handoff_requested', 'role_corrected_confirmed', 'step_viewed'];
    expect(got).toMatchObject({ wasStub: true, seen: types,
      // before the bundle arrives, state() has every key of the contract's state, empty
      stubState: { segment: null, path: null, status: 'loading', step: null, completed: [], stall: null, exception: null, activatedAt: null, timeToValueMs: null }, trail: types, ready: true, unsubscribedHeard: false, keptForwards: 't2',
      state: { status: 'tasks', step: 't2', completed: ['t1'], exception: null } });
    expect(errors).toEqual([expect.stringMatching(/^\[guidepost\] signal: unknown signal 'bogus_kind'/)]);
  });

  it("resolves the snippet's ready false, never rejecting, when the bundle cannot be loaded", async () => {
    const { page, errors } = await open(browser, `${server.url}/snippet-404.html`);
    await page.waitForFunction(() => 'readyWas' in window, null, { timeout: 5000 });
    expect({ ready: await page.evaluate(() => (window as unknown as { readyWas: boolean }).readyWas), errors })
      .toEqual({ ready: false, errors: [expect.stringMatching(/Failed to load resource.*404/)] });
  });

  it('initialises itself from the script tag data attributes', async () => {
    const { page, errors } = await open(browser, `${server.url}/tag.html`);
    await page.getByRole('dialog', { name: 'Welcome, Ada' }).waitFor();
    const first = await page.evaluate(() => window.Guidepost.trail()[0]);
    expect({ user: first.user, segment: await page.evaluate(() => window.Guidepost.state().segment) }).toEqual({ user: 'u_42', segment: 'admins' });
    expect(errors).toEqual([]);
  });

  for (const name of ['two-tags', 'snippet-and-tag']) {
    it(`keeps one instance, one UI and a working global when the bundle is loaded twice (${name})`, async () => {
      const { page, errors, logs } = await open(browser, `${server.url}/${name}.html`);
      await page.getByRole('dialog', { name: 'Welcome, Ada' }).waitFor();
      await page.waitForFunction(() => window.Guidepost.state().status === 'welcome');
      await page.waitForTimeout(400); // the slow copy (the snippet's bundle is held back 300 ms) has run too
      const got = await page.evaluate(async () => ({
        roots: document.querySelectorAll('guidepost-root').length, ready: await window.Guidepost.ready,
        started: window.Guidepost.trail().filter((e) => e.type === 'flow_started').length,
      }));
      await page.evaluate(() => window.Guidepost.dismiss());
      await page.getByRole('dialog', { name: 'Welcome, Ada' }).waitFor({ state: 'detached' });
      expect({ ...got, status: await page.evaluate(() => window.Guidepost.state().status), errors, logs: logs.filter((l) => l.includes('[guidepost]')) })
        .toEqual({ roots: 1, ready: true, started: 1, status: 'dismissed', errors: [], logs: ['warning: [guidepost] guidepost.js was loaded twice; the second copy does nothing'] });
    });
  }

  it('never throws into the host page, whatever it is called with', async () => {
    const { page, errors } = await open(browser, `${server.url}/blank.html`);
    const thrown = await page.evaluate(async (f) => {
      const G = window.Guidepost as unknown as Record<string, (...a: unknown[]) => unknown>;
      const out: string[] = [];
      const attempt = (label: string, fn: () => unknown) => {
        try {
          fn();
        } catch (e) {
          out.push(`${label}: ${String(e)}`);
        }
      };
      const gp = G.init({ flow: f, user: { id: 'u1' }, storage: 'memory' }) as typeof window.gp;
      await gp.ready;
      attempt('track(null)', () => G.track(null));
      attempt('signal(nope)', () => G.signal('nope'));
      attempt('on(5)', () => G.on(5));
      attempt('track(circular)', () => { const o: Record<string, unknown> = {}; o.o = o; G.track('x', o); });
      const types = gp.trail().filter((e) => e.type === 'sdk_error').map((e) => String(e.data?.where));
      for (const bad of [{}, undefined, null, 42, { flow: 'x', user: 7 }]) attempt(`init(${JSON.stringify(bad)})`, () => G.init(bad));
      const readies = await Promise.all([{}, undefined, null].map((bad) =>
        Promise.resolve((G.init(bad) as typeof window.gp | undefined)?.ready).then((v) => v, (e) => `rejected: ${String(e)}`)));
      await new Promise((r) => setTimeout(r, 50));
      return { out, types, readies, hostErrors: (window as unknown as { hostErrors: string[] }).hostErrors };
    }, flow);
    // "bad input is reported with one console.error line ... and an sdk_error event": on(5) is bad input too
    expect(thrown).toEqual({ out: [], types: ['track', 'signal', 'on'], readies: [false, false, false], hostErrors: [] });
    expect(errors.every((e) => e.startsWith('[guidepost] '))).toBe(true);
  });
});
