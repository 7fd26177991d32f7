// Shared harness for tests a browser must judge: Debian's Chromium through playwright-core,
// a static server on 127.0.0.1 serving the BUILT bundle (run `pnpm build` first), and pages that
// fail the test on any unexpected console error.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { readFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import type { Guidepost, GuidepostOptions, Handoff, TrailEvent } from '../../src/index';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';

export const repo = fileURLToPath(new URL('../../../../', import.meta.url));
export const dist = `${repo}packages/guidepost/dist/`;
export const acmeFlow = () => JSON.parse(readFileSync(`${repo}examples/acme/public/onboarding.json`, 'utf8'));
export const axeSource = () => readFileSync(`${repo}node_modules/axe-core/axe.min.js`, 'utf8');

export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export async function launch(): Promise<Browser> {
  if (!existsSync(`${dist}guidepost.js`)) throw new Error('packages/guidepost/dist/guidepost.js is missing: run `pnpm build` first');
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

export interface Route { body: string | Buffer; type?: string; status?: number; headers?: Record<string, string> }
export type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => boolean | void;

/**
 * A static server: `/guidepost.js` and `/snippet.js` from dist, plus the given routes (exact
 * path, query ignored). `csp: true` adds `Content-Security-Policy: default-src 'self'` to HTML.
 * Routes can be changed while it runs (server.routes[path] = …).
 */
export async function serve(routes: Record<string, Route> = {}, opts: { csp?: boolean; handler?: Handler } = {}) {
  const all: Record<string, Route> = { ...routes };
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      if (opts.handler?.(req, res, body)) return;
      const path = (req.url ?? '/').split('?')[0];
      const file = path === '/guidepost.js' ? 'guidepost.js' : path === '/snippet.js' ? 'snippet.js' : undefined;
      const r: Route | undefined = file ? { body: readFileSync(dist + file), type: 'text/javascript' } : all[path];
      if (!r) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
        return;
      }
      const type = r.type ?? (path.endsWith('.js') ? 'text/javascript' : path.endsWith('.json') ? 'application/json' : 'text/html');
      const headers: Record<string, string> = { 'content-type': `${type}; charset=utf-8`, 'cache-control': 'no-store', ...r.headers };
      if (opts.csp && type === 'text/html') headers['content-security-policy'] = "default-src 'self'";
      res.writeHead(r.status ?? 200, headers).end(r.body);
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // closed with every connection: a socket Chromium opened ahead (preconnect) and never used would
  // otherwise hold close() until the server's 60 s headers timeout (a test's teardown timed out so)
  const close = () => new Promise<void>((ok) => {
    server.close(() => ok());
    server.closeAllConnections();
  });
  return { url, routes: all, close };
}

/**
 * An HTML host page that loads the bundle then `init.js` (no inline script, so it runs under a
 * strict CSP). `init` is the body of init.js; `page(...)` returns the routes to serve.
 */
export function hostPage(html: string, init: string, extra: Record<string, Route> = {}): Record<string, Route> {
  return {
    '/': { body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Host</title></head><body>${html}<script src="/guidepost.js"></script><script src="/init.js"></script></body></html>` },
    '/init.js': { body: init, type: 'text/javascript' },
    ...extra,
  };
}

export interface Watched { page: Page; errors: string[]; logs: string[] }

/** A page whose console errors and uncaught exceptions are collected (assert with noErrors). */
export async function open(ctx: Browser | BrowserContext, url?: string, viewport = { width: 1280, height: 800 }): Promise<Watched> {
  const page = 'newContext' in ctx ? await (await ctx.newContext({ viewport })).newPage() : await ctx.newPage();
  const errors: string[] = [];
  const logs: string[] = [];
  page.on('console', (m) => {
    logs.push(`${m.type()}: ${m.text()}`);
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  if (url) await page.goto(url);
  return { page, errors, logs };
}

/** Shadow-root query from the page: the element (or null) matching `sel` inside guidepost-root. */
export const inShadow = (page: Page, sel: string) =>
  page.evaluate((s) => !!document.querySelector('guidepost-root')?.shadowRoot?.querySelector(s), sel);

// ---- added for the UI / demo suites ---------------------------------------------------------

export interface Box { x: number; y: number; width: number; height: number }

/** The bounding box of the first element matching `sel` inside guidepost-root's shadow root (viewport px). */
export const shadowBox = (page: Page, sel: string) =>
  page.evaluate((s) => {
    const el = document.querySelector('guidepost-root')?.shadowRoot?.querySelector(s);
    if (!el) return null;
    const r = el.getBoundingClientRect();
    return { x: r.x, y: r.y, width: r.width, height: r.height };
  }, sel) as Promise<Box | null>;

/** The bounding box of the first host element matching `sel` (viewport px). */
export const hostBox = (page: Page, sel: string) =>
  page.evaluate((s) => {
    const el = document.querySelector(s);
    if (!el) return null;
    const r = el.getBoundingClientRect();
    return { x: r.x, y: r.y, width: r.width, height: r.height };
  }, sel) as Promise<Box | null>;

/**
 * Where `card` sits relative to `target`: the side it is on (gap ≥ -1 px and ≤ `gap` px on that
 * side, and overlapping the target on the other axis), or 'none'.
 */
export function sideOf(card: Box, target: Box, gap = 20): 'top' | 'right' | 'bottom' | 'left' | 'none' {
  const near = (d: number) => d >= -1 && d <= gap;
  const overlapX = card.x < target.x + target.width && target.x < card.x + card.width;
  const overlapY = card.y < target.y + target.height && target.y < card.y + card.height;
  if (overlapY && near(card.x - (target.x + target.width))) return 'right';
  if (overlapY && near(target.x - (card.x + card.width))) return 'left';
  if (overlapX && near(card.y - (target.y + target.height))) return 'bottom';
  if (overlapX && near(target.y - (card.y + card.height))) return 'top';
  return 'none';
}

/** Is the box entirely inside a viewport of that size? */
export const inViewport = (b: Box, vp: { width: number; height: number }) =>
  b.x >= 0 && b.y >= 0 && b.x + b.width <= vp.width && b.y + b.height <= vp.height;

/** The trail's event types (optionally only those of some types), in order. */
/** The focused element, through shadow roots: its id, else its data-tour, else its text. */
export const focused = (page: Page) => page.evaluate(() => {
  let a = document.activeElement;
  while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
  return a ? a.id || a.getAttribute('data-tour') || a.textContent?.trim() : null;
});

/** The event listeners on window and document, as sorted `target:type:capture` strings (CDP). */
export async function windowListeners(page: Page): Promise<string[]> {
  const cdp = await page.context().newCDPSession(page);
  const out: string[] = [];
  for (const expression of ['window', 'document']) {
    const { result } = await cdp.send('Runtime.evaluate', { expression });
    const { listeners } = await cdp.send('DOMDebugger.getEventListeners', { objectId: result.objectId! });
    out.push(...listeners.map((x) => `${expression}:${x.type}:${x.useCapture}`));
  }
  await cdp.detach();
  return out.sort();
}

export const trailTypes = (page: Page, only?: string[]) =>
  page.evaluate((o) => (window as unknown as { Guidepost: { trail(): Array<{ type: string }> } }).Guidepost.trail()
    .map((e) => e.type).filter((t) => !o || o.includes(t)), only ?? null);

/** Waits until the trail holds an event of that type. */
export const waitForEvent = (page: Page, type: string, timeout = 10_000) =>
  page.waitForFunction((t) => (window as unknown as { Guidepost: { trail(): Array<{ type: string }> } }).Guidepost.trail()
    .some((e) => e.type === t), type, { timeout });

/** The Acme demo app on a free port with a throw-away collector directory. */
export async function startDemo(): Promise<{ url: string; close(): Promise<void> }> {
  const { mkdtempSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const { startServer } = await import('../../../../examples/acme/server.mjs');
  const dataDir = mkdtempSync(join(tmpdir(), 'gp-demo-'));
  const s = await startServer({ port: 0, root: repo, dataDir });
  return {
    url: `http://127.0.0.1:${s.port}`,
    close: async () => {
      await s.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Opens the demo as a persona (localStorage 'acme.persona', then reload), waiting for Guidepost. */
export async function openAs(ctx: Browser, url: string, persona: 'admin' | 'member' | 'sso' | 'sso_norole', path = '/'): Promise<Watched> {
  const context = await ctx.newContext({ viewport: { width: 1280, height: 800 } });
  await context.addInitScript((p) => localStorage.setItem('acme.persona', p), persona); // before app.js, on every load
  const w = await open(context, url + path);
  await w.page.waitForFunction(() => (window as unknown as { Guidepost?: { state(): { status: string } } }).Guidepost?.state().status !== 'loading');
  return w;
}

/** A one-segment flow around one path (id 'p'), with the sample's labels. */
export const testFlow = (path: object, extra: object = {}) => ({
  id: 'ui-test', version: 1, locale: 'en',
  labels: { next: 'Next', back: 'Back', skip: 'Skip tour', done: 'Done', dismiss: 'Not now' },
  segments: [{ id: 'everyone', provisioning: 'self-service', path: 'p' }],
  paths: { p: path },
  ...extra,
});

/**
 * Routes for a host page running `flow` for user u1 (Ada): trail events collect in
 * window.events, hand-offs in window.handoffs. `options` is a JS object literal merged into
 * init's options; `after` runs after init (both as code, in init.js: no inline script).
 */
export const guidedPage = (html: string, flow: object | string, options = '{}', after = '', extra: Record<string, Route> = {}) =>
  hostPage(html, `window.events = []; window.handoffs = [];
window.gp = Guidepost.init(Object.assign({ flow: ${JSON.stringify(flow)}, user: { id: 'u1', name: 'Ada' },
  onEvent: function (e) { window.events.push(e); }, onHandoff: function (h) { window.handoffs.push(h); } }, ${options}));
${after}`, { ...NO_FAVICON, ...extra });

/** Chromium asks every page for /favicon.ico; a 404 there would be logged as a console error. */
export const NO_FAVICON: Record<string, Route> = { '/favicon.ico': { body: '', type: 'image/x-icon' } };

declare global {
  // what page.evaluate callbacks see: the script-tag build's global, and guidedPage's collections
  interface Window {
    Guidepost: Guidepost & { init(o: GuidepostOptions): Guidepost; q?: unknown[] };
    gp: Guidepost;
    events: TrailEvent[];
    handoffs: Handoff[];
  }
}

/** A host page's routes moved to `/${name}.html` (its init script to `/${name}.js`), to serve several pages at once. */
export function variant(name: string, routes: Record<string, Route>): Record<string, Route> {
  const { '/': html, '/init.js': init, ...rest } = routes;
  return { ...rest, [`/${name}.html`]: { ...html, body: String(html.body).replace('/init.js', `/${name}.js`) }, [`/${name}.js`]: init };
}

/** One Chromium and one server for a test file, opened before its tests and closed after them. */
export function useBrowserAndServer(routes: Record<string, Route> = {}, opts: { csp?: boolean; handler?: Handler } = {}) {
  const env = {} as { browser: Browser; server: Awaited<ReturnType<typeof serve>> };
  beforeAll(async () => {
    [env.browser, env.server] = await Promise.all([launch(), serve(routes, opts)]);
  });
  afterAll(async () => {
    await env.browser?.close();
    await env.server?.close();
  });
  return env;
}
