// The trail reaches the host's analytics without loss: the REAL reference collector on its own
// origin, behind a switch (down / 500s / hanging / healthy), against the built bundle in Chromium.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createServer, type ServerResponse } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { createCollector } from '../../../../examples/acme/collector.mjs';
import { acmeFlow, hostPage, launch, open, serve } from './harness';

interface Post { at: number; ids: string[]; type: string; status?: number | 'aborted'; closedAt?: number }
type Mode = 'up' | 'error' | 'hang';

/** The reference collector in a node server we control; every POST is logged with its ids. */
async function faultyCollector() {
  const dir = mkdtempSync(join(tmpdir(), 'gp-delivery-'));
  const collector = createCollector({ dir });
  const posts: Post[] = [];
  /** hung requests: the collector has stored their events; its answer waits for release() */
  const held: Array<{ res: ServerResponse; answer?: () => void }> = [];
  const s = { mode: 'up' as Mode, failures: 0, status: 500 };
  const server = createServer((req, res) => {
    if (req.method !== 'POST') return void (collector.handle(req, res) || res.writeHead(404).end());
    const post: Post = { at: Date.now(), ids: [], type: String(req.headers['content-type']) };
    posts.push(post);
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => void (post.ids = (JSON.parse(body) as { events: Array<{ id: string }> }).events.map((e) => e.id)));
    res.on('finish', () => (post.status = res.statusCode));
    res.on('close', () => {
      post.closedAt = Date.now();
      if (!res.writableFinished) post.status = 'aborted';
    });
    const mode = s.mode === 'error' && s.failures-- <= 0 ? (s.mode = 'up') : s.mode;
    if (mode === 'up') collector.handle(req, res);
    else if (mode === 'error') req.on('end', () => res.writeHead(s.status, { 'access-control-allow-origin': '*' }).end('{"error":"down for maintenance"}'));
    else {
      // the collector stores the events now; the answer it writes is kept until release()
      const h: (typeof held)[number] = { res };
      const fake = { writeHead: (...a: unknown[]) => ((h.answer = () => void (res.writeHead as (...x: unknown[]) => void)(...a)), fake), end: (b?: string) => {
        const head = h.answer;
        h.answer = () => (head?.(), res.end(b));
      } };
      held.push(h);
      collector.handle(req, fake as unknown as ServerResponse);
    }
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/collect`,
    posts,
    events: () => collector.events(),
    set: (mode: Mode, failures = 0, status = 500) => Object.assign(s, { mode, failures, status }),
    down: () => new Promise<void>((ok) => {
      server.close(() => ok());
      server.closeAllConnections();
    }),
    up: () => new Promise<void>((ok) => server.listen(port, '127.0.0.1', ok)),
    /** answers the hung requests as the collector would have, or with a 500 */
    release: (how: 'answer' | 'fail') => held.splice(0).forEach((h) => (how === 'answer' ? h.answer?.() : h.res.writeHead(500, { 'access-control-allow-origin': '*' }).end())),
    close() {
      held.forEach((h) => h.res.destroy());
      server.closeAllConnections();
      server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
type Faulty = Awaited<ReturnType<typeof faultyCollector>>;

const nav = '<nav><button data-tour="nav-reports">Reports</button> <button data-tour="new-report">New report</button></nav>';
const init = (collect: string) =>
  `Guidepost.init({ flow: '/onboarding.json', user: { id: 'u_1', role: 'member', name: 'Max' }, sink: { url: ${JSON.stringify(collect)} } });`;
const trail = (page: Page) => page.evaluate(() => window.Guidepost.trail());
const ids = (page: Page) => trail(page).then((t) => t.map((e) => e.id).sort());
const stored = (c: Faulty) => c.events().map((e) => e.id).sort();
/** Trail ids the collector lacks, and stored ids the trail lacks: both empty once all is delivered. */
const gap = async (page: Page) => {
  const [t, s] = [await ids(page), stored(c)];
  return { missing: t.filter((id) => !s.includes(id)), extra: s.filter((id) => !t.includes(id)) };
};
const none = { missing: [], extra: [] };
const dialog = (page: Page, name: string) => page.getByRole('dialog', { name });
/** What a page logs when its collector is unreachable or refuses: expected here, nothing else is. */
const unexpected = (errors: string[]) =>
  errors.filter((e) => !/ERR_CONNECTION_REFUSED|status of (500|401)|^\[guidepost\] sink \(will retry\): (Failed to fetch|sink \S+ answered (500|401))$/.test(e));

let browser: Browser;
let host: Awaited<ReturnType<typeof serve>>;
let c: Faulty;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => browser?.close());
beforeEach(async () => {
  c = await faultyCollector();
  host = await serve(hostPage(nav, init(c.url), {
    '/onboarding.json': { body: JSON.stringify(acmeFlow()) },
    '/favicon.ico': { body: '', status: 204 },
    '/away': { body: '<!doctype html><title>Away</title><p>elsewhere</p>' },
  }));
});
afterEach(async () => {
  c.close();
  await host.close();
});

describe('delivery to the reference collector', () => {
  it('delivers every event once, in seq order, after the collector was down across two reloads', async () => {
    await c.down();
    const { page, errors } = await open(browser, host.url);
    await dialog(page, "Hi Max, let's build your first report").getByRole('button', { name: 'Show me how' }).click();
    await dialog(page, 'Reports').waitFor();
    await page.reload();
    await page.locator('[data-tour=nav-reports]').click();
    await dialog(page, 'Start a report').waitFor();
    await page.reload();
    await dialog(page, 'Start a report').waitFor();
    await page.evaluate(() => window.Guidepost.track('report_created'));
    await c.up();
    await expect.poll(() => gap(page), { timeout: 15_000 }).toEqual(none);
    const t = await trail(page);
    expect(c.events().map((e) => [e.seq, e.type])).toEqual(t.map((e) => [e.seq, e.type]));
    expect(t.map((e) => e.seq)).toEqual(t.map((_, i) => i + 1));
    expect(t.filter((e) => e.type === 'sdk_error').length).toBe(3); // one "sink (will retry)" per page view
    expect(unexpected(errors)).toEqual([]);
  });

  it('retries 500s with growing, jittered backoff, then delivers', async () => {
    c.set('error', 3);
    const { page, errors } = await open(browser, host.url);
    await expect.poll(() => c.posts.map((p) => p.status), { timeout: 25_000 }).toEqual([500, 500, 500, 200]);
    expect(stored(c)).toEqual(await ids(page));
    const gaps = c.posts.slice(1).map((p, i) => p.at - c.posts[i].at);
    // min(60 s, 1 s × 2^n) × [0.5, 1) with n the failures so far: 1–2 s, 2–4 s, 4–8 s. New events
    // meanwhile (the sdk_error the first failure records) wait for the backoff: no extra requests.
    expect([gaps[0] >= 1000 && gaps[0] < 2500, gaps[1] >= 2000 && gaps[1] < 4500, gaps[2] >= 4000 && gaps[2] < 8500]).toEqual([true, true, true]);
    expect(unexpected(errors)).toEqual([]);
  });

  it('keeps events a collector refuses (401) waiting: one request per backoff step, one report, all delivered once it accepts', async () => {
    c.set('error', 2, 401);
    const { page, errors } = await open(browser, host.url);
    await expect.poll(() => c.posts.map((p) => p.status), { timeout: 15_000 }).toEqual([401, 401, 200]);
    await page.waitForTimeout(500); // nothing more: no request per refused batch, no report per request
    expect({ posts: c.posts.length, gap: await gap(page), reports: (await trail(page)).filter((e) => e.type === 'sdk_error').length, unexpected: unexpected(errors) })
      .toEqual({ posts: 3, gap: none, reports: 1, unexpected: [] });
  });

  it('neither times out nor sends again a request in flight while a test runs the page clock ahead (Playwright page.clock)', async () => {
    // runFor(2 min), as a stall test does, while a request is open: the network saw none of those
    // 2 minutes. The request is not timed out (no sdk_error, no console line) nor sent twice.
    c.set('hang');
    const { page, errors } = await open(browser);
    await page.clock.install();
    await page.goto(host.url);
    await dialog(page, "Hi Max, let's build your first report").waitFor();
    await expect.poll(() => c.posts.length).toBe(1);
    await page.clock.runFor(120_000);
    await page.waitForTimeout(300);
    expect(c.posts.length).toBe(1);
    c.set('up');
    c.release('answer');
    await expect.poll(() => gap(page)).toEqual(none);
    const sent = c.posts.flatMap((p) => p.ids);
    expect([c.posts[0].status, sent.length === new Set(sent).size, (await trail(page)).filter((e) => e.type === 'sdk_error').length, errors.filter((e) => e.includes('[guidepost]'))])
      .toEqual([200, true, 0, []]);
  });

  it('sends a batch again when a request held while the page clock ran ahead then fails (Playwright page.clock)', async () => {
    c.set('hang');
    const { page, errors } = await open(browser);
    await page.clock.install();
    await page.goto(host.url);
    await dialog(page, "Hi Max, let's build your first report").waitFor();
    await expect.poll(() => c.posts.length).toBe(1);
    await page.clock.runFor(20_000);
    c.set('up');
    c.release('fail');
    await page.waitForTimeout(300); // the failure reaches the page
    await page.clock.runFor(30_000); // the retry
    await expect.poll(() => gap(page)).toEqual(none);
    const [hung, retried] = c.posts;
    expect([c.posts.length, hung.status, retried.status, retried.ids.slice(0, hung.ids.length)]).toEqual([2, 500, 200, hung.ids]);
    expect(unexpected(errors)).toEqual([]);
  });

  it('times out a request the collector really leaves open (10 s of real time) and sends it again, later events included', async () => {
    c.set('hang');
    const { page, errors } = await open(browser);
    await page.clock.install(); // time flows with real time, and runFor() could jump ahead
    await page.goto(host.url);
    await dialog(page, "Hi Max, let's build your first report").waitFor();
    await expect.poll(() => c.posts.length).toBe(1);
    c.set('up'); // the first request stays open; the next ones are answered
    await expect.poll(() => errors.filter((e) => e.startsWith('[guidepost]')), { timeout: 13_000, interval: 500 }).toEqual(['[guidepost] sink (will retry): no answer in 10 s']);
    await expect.poll(() => c.posts.length, { timeout: 5_000 }).toBe(2);
    await dialog(page, "Hi Max, let's build your first report").getByRole('button', { name: 'Show me how' }).click();
    await dialog(page, 'Reports').waitFor();
    await expect.poll(() => gap(page)).toEqual(none);
    expect(c.posts[1].ids.slice(0, c.posts[0].ids.length)).toEqual(c.posts[0].ids);
    expect(unexpected(errors)).toEqual(['[guidepost] sink (will retry): no answer in 10 s']);
  });

  it('keeps guiding and delivering when storage throws, reporting it as sdk_error', async () => {
    const { page, errors } = await open(browser);
    await page.addInitScript(() => {
      Storage.prototype.setItem = () => {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      };
    });
    await page.goto(host.url);
    await dialog(page, "Hi Max, let's build your first report").getByRole('button', { name: 'Show me how' }).click();
    await dialog(page, 'Reports').waitFor();
    await expect.poll(() => gap(page)).toEqual(none);
    expect((await trail(page)).filter((e) => e.type === 'sdk_error').map((e) => e.data?.where)).toEqual(['storage (falling back to memory)']);
    expect(errors).toEqual(['[guidepost] storage (falling back to memory): The quota has been exceeded.']);
  });

  it('sends each event once while two tabs of the same user are open', async () => {
    const ctx = await browser.newContext();
    const a = await open(ctx, host.url);
    await dialog(a.page, "Hi Max, let's build your first report").waitFor();
    await expect.poll(() => gap(a.page)).toEqual(none);
    const b = await open(ctx, host.url);
    await dialog(b.page, "Hi Max, let's build your first report").getByRole('button', { name: 'Show me how' }).click();
    await dialog(a.page, 'Reports').waitFor();
    await a.page.locator('[data-tour=nav-reports]').click();
    await dialog(b.page, 'Start a report').waitFor();
    await b.page.evaluate(() => window.Guidepost.track('report_created'));
    await expect.poll(() => ids(a.page)).toEqual(await ids(b.page));
    await expect.poll(() => gap(a.page)).toEqual(none);
    await new Promise((r) => setTimeout(r, 3500)); // past the 3 s retry of a tab that found the lock taken
    // Web Locks let one tab send at a time, and a tab holding the lock first reads the cursor the
    // other tab saved (its storage event may not have arrived yet): no id is sent twice.
    const posted = c.posts.flatMap((p) => p.ids);
    expect(posted.filter((id, i) => posted.indexOf(id) !== i)).toEqual([]);
    expect((await trail(a.page)).map((e) => e.seq)).toEqual(posted.map((_, i) => i + 1));
    expect([...a.errors, ...b.errors]).toEqual([]);
    await ctx.close();
  });

  it('delivers from the tab still open what a closed tab recorded and could not deliver', async () => {
    // audit N p07: the open tab had the closed tab's events (its storage events) but sent only
    // what it had saved itself
    const ctx = await browser.newContext();
    const a = await open(ctx, host.url);
    await dialog(a.page, "Hi Max, let's build your first report").waitFor();
    await expect.poll(() => gap(a.page)).toEqual(none);
    const b = await open(ctx, host.url);
    await dialog(b.page, "Hi Max, let's build your first report").waitFor();
    c.set('error', 1000);
    await dialog(a.page, "Hi Max, let's build your first report").getByRole('button', { name: 'Show me how' }).click();
    await dialog(a.page, 'Reports').waitFor();
    await a.page.locator('[data-tour=nav-reports]').click();
    await dialog(a.page, 'Start a report').waitFor();
    const recorded = await ids(a.page);
    await expect.poll(async () => {
      const inB = await ids(b.page);
      return recorded.filter((id) => !inB.includes(id));
    }).toEqual([]);
    await a.page.close(); // its beacon fails too
    c.set('up');
    await expect.poll(async () => recorded.filter((id) => !stored(c).includes(id)), { timeout: 15_000 }).toEqual([]);
    expect(unexpected([...a.errors, ...b.errors])).toEqual([]);
    await ctx.close();
  }, 30_000);

  it('hands the pending events to the browser on page hide, even while a request hangs', async () => {
    c.set('hang');
    const { page, errors } = await open(browser, host.url);
    await dialog(page, "Hi Max, let's build your first report").getByRole('button', { name: 'Show me how' }).click();
    await dialog(page, 'Reports').waitFor();
    const pending = await ids(page);
    await expect.poll(() => c.posts.length).toBe(1); // the first batch hangs; later events wait behind it
    c.set('up');
    await page.goto(`${host.url}/away`);
    // everything pending reached the collector (hiding the page may add events of its own)
    await expect.poll(() => pending.filter((id) => !stored(c).includes(id)), { timeout: 5_000 }).toEqual([]);
    // and the request the browser cancelled as the page went is not reported as the sink failing
    expect(errors.filter((e) => e.startsWith('[guidepost]'))).toEqual([]);
    // each once: not in a beacon on hidden and again on pagehide, nor beside the request still under way
    await page.waitForTimeout(300);
    const sent = c.posts.flatMap((p) => p.ids).filter((id) => pending.includes(id));
    expect(sent.length).toBe(new Set(sent).size);
  });

  it('delivers from a sandboxed frame, whose origin gets neither storage nor Web Locks', async () => {
    host.routes['/framed.html'] = { body: `<!doctype html><title>Framed</title>${nav}<script src="${host.url}/guidepost.js"></script>
      <script>Guidepost.init({ flow: ${JSON.stringify(acmeFlow())}, user: { id: 'u_1', role: 'member', name: 'Max' }, sink: { url: ${JSON.stringify(c.url)} } });</script>` };
    host.routes['/sandbox.html'] = { body: '<!doctype html><title>Sandbox</title><iframe sandbox="allow-scripts" src="/framed.html" width="900" height="600"></iframe>' };
    const { page, errors } = await open(browser, `${host.url}/sandbox.html`);
    await expect.poll(() => page.frames().length).toBe(2);
    const frame = page.frames()[1];
    await frame.getByRole('dialog', { name: "Hi Max, let's build your first report" }).getByRole('button', { name: 'Show me how' }).click();
    await frame.getByRole('dialog', { name: 'Reports' }).waitFor();
    const sent = () => frame.evaluate(() => window.Guidepost.trail().map((e) => e.id).sort());
    await expect.poll(async () => (await sent()).filter((id) => !stored(c).includes(id)), { timeout: 5_000 }).toEqual([]);
    expect(errors.filter((e) => e.startsWith('[guidepost]') && !e.startsWith('[guidepost] storage (falling back to memory)'))).toEqual([]);
    await page.context().close();
  });

  it('delivers flow_invalid to the sinks when the flow cannot run', async () => {
    host.routes['/broken.html'] = { body: `<!doctype html><title>Broken</title><script src="/guidepost.js"></script>
      <script>window.heard = []; Guidepost.init({ flow: '/no-such-flow.json', user: { id: 'u_1' }, sink: [{ url: ${JSON.stringify(c.url)} }, function (b) { window.heard.push.apply(window.heard, b.map(function (e) { return e.type; })); }] });</script>` };
    const { page } = await open(browser, `${host.url}/broken.html`);
    await expect.poll(() => c.events().map((e) => e.type)).toEqual(['flow_invalid']);
    const t = await trail(page);
    expect([c.events().map((e) => e.id), await page.evaluate(() => (window as unknown as { heard: string[] }).heard)]).toEqual([t.map((e) => e.id), ['flow_invalid']]);
    await page.context().close(); // its sockets, so that the host's server can close
  });

  it('delivers a backlog whose first 100 events exceed 64 KB (the keepalive body limit)', async () => {
    const { page, errors } = await open(browser, host.url);
    await dialog(page, "Hi Max, let's build your first report").waitFor();
    await page.evaluate(() => {
      for (let i = 0; i < 80; i++) window.Guidepost.signal('invite_accepted', { note: 'x'.repeat(1000) });
    });
    await expect.poll(() => gap(page), { timeout: 8_000 }).toEqual(none);
    expect(unexpected(errors)).toEqual([]);
  });
});
