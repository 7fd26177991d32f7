// Shared harness for tests a browser must judge: Debian's Chromium through playwright-core,
// a static server on 127.0.0.1 serving the BUILT bundle (run `pnpm build` first), and pages that
// fail the test on any unexpected console error.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { readFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

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
  return { url, routes: all, close: () => new Promise<void>((ok) => server.close(() => ok())) };
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
