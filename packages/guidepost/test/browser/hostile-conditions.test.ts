// Hostile pages (quality.md, "Reliability"): late, moving and vanishing targets, nested scroll
// containers under transformed ancestors, SPA navigation, two tabs of one user, storage that throws,
// and host click handlers that throw. Real Chromium, built bundle.
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { open, useBrowserAndServer } from './harness';

const env = useBrowserAndServer({ '/favicon.ico': { body: '', type: 'image/x-icon' } });

type Step = Record<string, unknown>;
const flow = (steps: Step[], tasks: Step[] = [{ id: 'k1', title: 'Task', complete: { event: 'never' } }]) => ({
  id: 'hostile', version: 1, segments: [{ id: 'all', provisioning: 'self-service', path: 'p' }],
  // no steps: no tour (an empty one is invalid)
  paths: { p: { ...(steps.length && { tour: { steps } }), quickStart: { title: 'Quick Start', tasks }, activation: tasks[tasks.length - 1].id } },
});

/** Serves a host page under `/name/` with the bundle, an optional script before it, and Guidepost.init. */
function host(name: string, body: string, f: object, o: { pre?: string; storage?: string; init?: string } = {}): string {
  const base = `/${name}/`;
  env.server.routes[`${base}flow.json`] = { body: JSON.stringify(f), type: 'application/json' };
  env.server.routes[`${base}pre.js`] = { body: o.pre ?? '', type: 'text/javascript' };
  env.server.routes[`${base}init.js`] = { type: 'text/javascript',
    body: `window.gp = Guidepost.init({ flow: '${base}flow.json', user: { id: 'u1', name: 'Ada' }, storage: '${o.storage ?? 'memory'}'${o.init ?? ''} });` };
  env.server.routes[base] = { body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Host</title></head><body style="margin:0">${body}
    <script src="${base}pre.js"></script><script src="/guidepost.js"></script><script src="${base}init.js"></script></body></html>` };
  return env.server.url + base;
}
const trail = (page: Page) => page.evaluate(() => (window as any).gp.trail().map((e: any) => (e.step ? `${e.type}:${e.step}` : e.type)) as string[]);
const click = (page: Page, sel: string) => page.evaluate((s) => (document.querySelector('guidepost-root')!.shadowRoot!.querySelector(s) as HTMLElement).click(), sel);
/** Where the card is relative to a target: the gap between their boxes, once it settles (≤ 2 s). */
async function card(page: Page, target: string) {
  const measure = (sel: string) => {
    const c = document.querySelector('guidepost-root')?.shadowRoot?.querySelector<HTMLElement>('.c');
    const t = document.querySelector(sel);
    if (!c || !t) return { step: c?.dataset.step ?? null, gap: -1, visible: false };
    const a = c.getBoundingClientRect();
    const b = t.getBoundingClientRect();
    const gap = Math.max(0, a.left - b.right, b.left - a.right, a.top - b.bottom, b.top - a.bottom);
    return { step: c.dataset.step ?? null, gap: Math.round(gap), visible: getComputedStyle(c).visibility !== 'hidden' && a.bottom > 0 && a.top < innerHeight };
  };
  let r = await page.evaluate(measure, target);
  for (let i = 0; i < 20 && !(r.visible && r.gap >= 0 && r.gap <= 16); i++) {
    await page.waitForTimeout(100);
    r = await page.evaluate(measure, target);
  }
  return { step: r.step, adjacent: r.visible && r.gap >= 0 && r.gap <= 16 };
}

describe('targets that appear late, move and vanish', () => {
  it('waits for a late target, follows it when it moves, and never reports it missing', async () => {
    const { page, errors } = await open(env.browser, host('late', '<main style="padding:40px"><p>Host</p></main>',
      flow([{ id: 'late', target: '#late', title: 'Late', waitFor: '5s' }, { id: 'after', title: 'After' }])));
    await page.waitForTimeout(700);
    await page.evaluate(() => document.querySelector('main')!.insertAdjacentHTML('beforeend', '<button id="late" style="position:relative;left:0;top:0">Late</button>'));
    const seen = [await card(page, '#late')];
    await page.evaluate(() => ((document.querySelector('#late') as HTMLElement).style.transform = 'translate(400px, 250px)'));
    seen.push(await card(page, '#late'));
    await page.evaluate(() => Object.assign((document.querySelector('#late') as HTMLElement).style, { transform: '', left: '700px', top: '80px' }));
    seen.push(await card(page, '#late'));
    expect({ seen, trail: await trail(page), errors }).toEqual({
      seen: [{ step: 'late', adjacent: true }, { step: 'late', adjacent: true }, { step: 'late', adjacent: true }],
      trail: ['flow_started', 'segment_assigned', 'first_action_started', 'step_viewed:late'], errors: [],
    });
    await page.context().close();
  });

  it('waits again when the target vanishes: continues when it comes back, reports target_missing after waitFor', async () => {
    const { page, errors } = await open(env.browser, host('vanish', '<main style="padding:40px"><button id="v">V</button></main>',
      flow([{ id: 'v', target: '#v', title: 'Vanishing', waitFor: '800ms' }, { id: 'next', title: 'Next one' }])));
    const seen = [await card(page, '#v')];
    await page.evaluate(() => document.querySelector('#v')!.remove());
    await page.waitForTimeout(300);
    await page.evaluate(() => document.querySelector('main')!.insertAdjacentHTML('beforeend', '<p style="height:120px"></p><button id="v">Back again</button>'));
    seen.push(await card(page, '#v'));
    await page.waitForTimeout(900);
    const whileBack = await trail(page);
    await page.evaluate(() => document.querySelector('#v')!.remove());
    await page.waitForFunction(() => (window as any).gp.state().step === 'next', null, { timeout: 3000 }).catch(() => undefined);
    expect({ seen, whileBack: whileBack.slice(3), after: (await trail(page)).slice(3), errors }).toEqual({
      seen: [{ step: 'v', adjacent: true }, { step: 'v', adjacent: true }],
      whileBack: ['step_viewed:v'],
      after: ['step_viewed:v', 'target_missing:v', 'step_skipped:v', 'step_viewed:next'], errors: [],
    });
    await page.context().close();
  });

  it('treats a target hidden mid-step (visibility:hidden) as gone: waits for it, then target_missing', async () => {
    const { page, errors } = await open(env.browser, host('hidden', '<main style="padding:40px"><button id="h">H</button></main>',
      flow([{ id: 'h', target: '#h', title: 'Hiding', waitFor: '600ms' }, { id: 'next', title: 'Next one' }])));
    const seen = [await card(page, '#h')];
    await page.evaluate(() => ((document.querySelector('#h') as HTMLElement).style.visibility = 'hidden'));
    await page.getByRole('dialog', { name: 'Next one' }).waitFor();
    expect({ seen, after: (await trail(page)).slice(3), errors }).toEqual({
      seen: [{ step: 'h', adjacent: true }],
      after: ['step_viewed:h', 'target_missing:h', 'step_skipped:h', 'step_viewed:next'], errors: [],
    });
    await page.context().close();
  });

  it('stays next to a target in a nested scroll container under a transformed ancestor', async () => {
    const { page, errors } = await open(env.browser, host('nested', `<div style="height:300px"></div>
      <div style="transform:translate(40px,10px) scale(0.9);margin:20px"><div id="sc" style="height:260px;width:480px;overflow:auto;border:1px solid">
      <div style="height:500px"></div><button id="deep">Deep</button><div style="height:900px"></div></div></div><div style="height:2000px"></div>`,
    flow([{ id: 'deep', target: '#deep', title: 'Deep inside', placement: 'right' }])));
    const seen = [await card(page, '#deep')];
    await page.evaluate(() => (document.querySelector('#sc')!.scrollTop -= 60));
    seen.push(await card(page, '#deep'));
    await page.evaluate(() => window.scrollBy(0, 90));
    seen.push(await card(page, '#deep'));
    expect({ seen, errors }).toEqual({ seen: Array(3).fill({ step: 'deep', adjacent: true }), errors: [] });
    await page.context().close();
  });
});

describe('the page changing around the guidance', () => {
  it('matches a url step against the route the user is on when it opens, after unwatched SPA navigations (and after reset)', async () => {
    // audit M: from /x/1 to /home nothing waited on a route, so nothing watched; the later step
    // waiting on /x/* was matched against /x/1 and completed at once, on /home
    const { page, errors } = await open(env.browser, host('route', '<main><button id="t">T</button></main>',
      flow([{ id: 's1', target: '#t', title: 'Open an x', complete: { url: '/x/*' } }, { id: 's2', target: '#t', title: 'Then this' },
        { id: 's3', target: '#t', title: 'Back to an x', complete: { url: '/x/*' } }])));
    await card(page, '#t');
    await page.evaluate(() => history.pushState({}, '', '/x/1'));
    await expect.poll(() => page.evaluate(() => (window as any).gp.state().step)).toBe('s2');
    await page.evaluate(() => history.pushState({}, '', '/home'));
    await page.getByRole('dialog', { name: 'Then this' }).getByRole('button', { name: 'Next' }).click();
    await expect.poll(() => page.evaluate(() => (window as any).gp.state().step)).toBe('s3');
    await page.waitForTimeout(200);
    const at = await trail(page);
    await page.evaluate(() => history.pushState({}, '', '/x/2'));
    await expect.poll(() => trail(page)).toContain('guided_path_completed:s3');
    // reset() on a route that does not match: nothing completes by itself
    await page.evaluate(() => history.pushState({}, '', '/elsewhere'));
    await page.evaluate(() => (window as any).gp.reset());
    await page.waitForTimeout(200);
    const state = await page.evaluate(() => (window as any).gp.state());
    expect({ at: at.filter((t) => t.endsWith(':s3')), afterReset: [state.step, state.completed], errors })
      .toEqual({ at: ['step_viewed:s3'], afterReset: ['s1', []], errors: [] });
    await page.context().close();
  });

  it('follows an SPA navigation mid-tour (pushState and a content swap)', async () => {
    const { page, errors } = await open(env.browser, host('spa', '<main><button id="pa">Reports</button></main>',
      flow([{ id: 'a', target: '#pa', title: 'Open reports', complete: { click: '#pa' } }, { id: 'b', target: '#pb', title: 'New report' }],
        [{ id: 'k', title: 'Visit a report', complete: { url: '/spa/reports/*' } }]),
      { pre: `document.addEventListener('click', (e) => { if (e.target.id !== 'pa') return;
        history.pushState({}, '', '/spa/reports/1'); document.querySelector('main').innerHTML = '<h1>Reports</h1><button id="pb" style="margin-left:300px">New</button>'; });` }));
    await card(page, '#pa');
    await page.click('#pa');
    const seen = await card(page, '#pb');
    expect({ seen, trail: (await trail(page)).slice(2), errors }).toEqual({
      seen: { step: 'b', adjacent: true },
      trail: ['first_action_started', 'step_viewed:a', 'step_completed:a', 'step_viewed:b', 'step_completed:k', 'core_task_completed:k', 'first_value_created:k'],
      errors: [],
    });
    await page.context().close();
  });

  it('keeps two tabs of one user consistent, with each stall prompt recorded once', async () => {
    const url = host('tabs', '<main><button id="t">T</button></main>', flow([{ id: 's1', title: 'One' }, { id: 's2', title: 'Two' }],
      [{ id: 'k1', title: 'First', complete: { event: 'e1' }, stall: { after: '700ms', retryAfter: '1h', prompt: { title: 'Stuck?' } } }, { id: 'k2', title: 'Second', complete: { event: 'e2' } }]),
    { storage: 'local' });
    const ctx: BrowserContext = await env.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const a = await open(ctx, url);
    await a.page.waitForFunction(() => (window as any).gp.state().step === 's1');
    const b = await open(ctx, url);
    await b.page.waitForFunction(() => (window as any).gp.state().step === 's1');
    await a.page.bringToFront();
    await click(a.page, '.c button.p');
    await click(a.page, '.c button.p');
    await b.page.bringToFront();
    await b.page.waitForFunction(() => (window as any).gp.state().step === 'k1', null, { timeout: 3000 }).catch(() => undefined);
    const inB = await b.page.evaluate(() => (window as any).gp.state().step);
    await a.page.waitForTimeout(1500);
    const [ta, tb] = [await trail(a.page), await trail(b.page)];
    const seqs = await b.page.evaluate(() => (window as any).gp.trail().map((e: any) => e.seq));
    expect({ inB, stalls: ta.filter((t) => t.startsWith('stall_detected') || t.startsWith('recovery_prompt_shown')), same: ta.join() === tb.join(),
      gapless: seqs.every((s: number, i: number) => s === i + 1), errors: [...a.errors, ...b.errors] }).toEqual({
      inB: 'k1', stalls: ['stall_detected:k1', 'recovery_prompt_shown:k1'], same: true, gapless: true, errors: [] });
    await ctx.close();
  });

  it('starts one trail when two tabs of one user open at the same moment', async () => {
    // audit N: both read empty storage and started afresh: two flow_started, a forked trail
    const url = host('tabs3', '<main><button id="t">T</button></main>', flow([{ id: 's1', title: 'One' }]), { storage: 'local' });
    for (let round = 0; round < 3; round++) {
      const ctx: BrowserContext = await env.browser.newContext({ viewport: { width: 1280, height: 800 } });
      // every flow_started a tab ever saves: a fork shows here even if the tabs later agree
      await ctx.addInitScript(() => {
        const w = window as any;
        const setItem = Storage.prototype.setItem;
        w.startedIds = [];
        Storage.prototype.setItem = function (k: string, v: string) {
          try {
            for (const e of JSON.parse(v).trail ?? []) if (e.type === 'flow_started' && !w.startedIds.includes(e.id)) w.startedIds.push(e.id);
          } catch { /* not a Guidepost record */ }
          return setItem.call(this, k, v);
        };
      });
      const [a, b] = await Promise.all([open(ctx), open(ctx)]);
      await Promise.all([a.page.goto(url), b.page.goto(url)]);
      await Promise.all([a.page.evaluate(() => (window as any).gp.ready), b.page.evaluate(() => (window as any).gp.ready)]);
      const ids = (p: Page) => p.evaluate(() => (window as any).gp.trail().map((e: any) => `${e.seq}:${e.type}:${e.id}`).join(' '));
      // one tab started, the other resumed what it saved (whether the two then record their next
      // events in the same instant is the known limit in docs/delivery.md, not asserted here)
      await a.page.waitForTimeout(300);
      const [ta, tb] = [await ids(a.page), await ids(b.page)];
      const saved = new Set([...(await a.page.evaluate(() => (window as any).startedIds)), ...(await b.page.evaluate(() => (window as any).startedIds))]);
      expect({ round, started: [(ta.match(/:flow_started:/g) ?? []).length, (tb.match(/:flow_started:/g) ?? []).length], savedStarts: saved.size, errors: [...a.errors, ...b.errors] })
        .toEqual({ round, started: [1, 1], savedStarts: 1, errors: [] });
      await ctx.close();
    }
  });

  /**
   * Two tabs of one user with a function sink each; `lag` ms: tab B hears of A's writes that much
   * later (its storage events, and what its localStorage shows), as a loaded browser can deliver them
   * after the Web Lock that follows them. Both track() in the same instant, six times.
   */
  async function actTogether(name: string, lag: number) {
    const tasks = Array.from({ length: 13 }, (_, i) => ({ id: `k${i + 1}`, title: `Task ${i + 1}`, complete: { event: `e${i + 1}` } }));
    const url = host(name, '<main></main>', flow([], tasks), { storage: 'local',
      init: ', sink: (events) => { window.sent = (window.sent || []).concat(events.map((e) => e.seq + ":" + e.id)); }' });
    const ctx: BrowserContext = await env.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const a = await open(ctx, url);
    await a.page.evaluate(() => (window as any).gp.ready);
    const b = await open(ctx);
    if (lag) await b.page.addInitScript((ms) => {
      const view = new Map<string, string | null>();
      const { getItem, setItem } = Storage.prototype;
      Storage.prototype.getItem = function (k) { return view.has(k) ? view.get(k)! : getItem.call(this, k); };
      Storage.prototype.setItem = function (k, v) { view.set(k, v); return setItem.call(this, k, v); };
      const add = EventTarget.prototype.addEventListener;
      window.addEventListener = function (this: Window, type: string, fn: any, o?: any) {
        if (type !== 'storage') return add.call(this, type, fn, o);
        return add.call(this, type, (se: Event) => void setTimeout(() => {
          view.set((se as StorageEvent).key!, (se as StorageEvent).newValue);
          fn(se);
        }, ms), o);
      } as typeof window.addEventListener;
    }, lag);
    await b.page.goto(url);
    await b.page.evaluate(() => (window as any).gp.ready);
    const ids = (p: Page) => p.evaluate(() => (window as any).gp.trail().map((e: any) => `${e.seq}:${e.id}`).join(' '));
    await expect.poll(async () => (await ids(a.page)) === (await ids(b.page))).toBe(true);
    for (let i = 1; i < 13; i += 2) {
      await Promise.all([a.page.evaluate((n) => (window as any).gp.track(n), `e${i}`), b.page.evaluate((n) => (window as any).gp.track(n), `e${i + 1}`)]);
      await a.page.waitForTimeout(lag);
    }
    await expect.poll(async () => (await ids(a.page)) === (await ids(b.page)) && (await a.page.evaluate(() => (window as any).gp.state().completed.length)), { timeout: 5000 }).toBe(12);
    const t = await a.page.evaluate(() => (window as any).gp.trail().map((e: any) => ({ seq: e.seq, id: e.id, name: e.step ? `${e.type}:${e.step}` : e.type })));
    const done = t.filter((e: any) => e.name.startsWith('step_completed')).map((e: any) => e.name).sort();
    // every event of the trail reaches the sinks (either tab's): none is taken for acknowledged
    // because a sink acknowledged another event at its seq, in a branch that lost
    const sent = async () => [...(await a.page.evaluate(() => (window as any).sent ?? [])), ...(await b.page.evaluate(() => (window as any).sent ?? []))] as string[];
    await expect.poll(async () => {
      const got = await sent();
      return t.filter((e: any) => !got.includes(`${e.seq}:${e.id}`)).map((e: any) => `${e.seq}:${e.name}`);
    }, { timeout: 5000 }).toEqual([]);
    // and nothing else: no event of a branch that lost (another id at a seq, or an id at another
    // seq), as a branch is sent only once saved, and a saved record is the latest one
    const extra = (await sent()).filter((x) => !t.some((e: any) => x === `${e.seq}:${e.id}`));
    expect({ done, state: [await a.page.evaluate(() => (window as any).gp.state().step), await b.page.evaluate(() => (window as any).gp.state().step)],
      gapless: t.every((e: any, i: number) => e.seq === i + 1), unique: new Set(t.map((e: any) => e.id)).size === t.length, extra, errors: [...a.errors, ...b.errors] })
      .toEqual({ done: tasks.slice(0, 12).map((k) => `step_completed:${k.id}`).sort(), state: ['k13', 'k13'], gapless: true, unique: true, extra: [], errors: [] });
    await ctx.close();
  }

  it('keeps what each of two tabs did when both act in the same instant: one gapless trail, every event sent', async () => {
    // audit N: a product event pushed to every open tab, each calling track() at once: both recorded
    // an event at the same seq, and one tab's completion was lost from the shared progress
    await actTogether('tabs4', 0);
  });

  it('keeps them, and sends every event, when one tab hears of the other\'s writes late', async () => {
    // audit N p08: the tab whose branch won had its event at the fork never sent, as the other
    // tab's sink had acknowledged that seq (in the branch that lost)
    await actTogether('tabs5', 300);
  });

  it('starts when the Web Locks API throws at once (a page or extension that patched it)', async () => {
    const url = host('nolocks', '<main><button id="t">T</button></main>',
      flow([{ id: 's1', title: 'One', target: '#t', stall: { after: '500ms', retryAfter: '1h', prompt: { title: 'Stuck?' } } }]), { storage: 'local' });
    const ctx: BrowserContext = await env.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const { page, errors } = await open(ctx);
    await page.addInitScript(() => {
      LockManager.prototype.request = () => {
        throw new DOMException('The request was denied.', 'SecurityError');
      };
    });
    await page.goto(url);
    expect([await page.evaluate(() => (window as any).gp.ready), await page.evaluate(() => (window as any).gp.state().step)]).toEqual([true, 's1']);
    // and the stall clock runs without its lock
    await expect.poll(() => trail(page)).toContain('stall_detected:s1');
    expect(errors).toEqual([]);
    await ctx.close();
  });

  it('opens its cards in the page dialog on top when two are open', async () => {
    // B is opened first, then A (earlier in the page) over it: the card must go into A
    const { page, errors } = await open(env.browser, host('modal3', `<dialog id="a"><p>On top</p><button id="in-a">A</button></dialog>
      <dialog id="b"><p>Below</p><button id="in-b">B</button></dialog>`,
    flow([{ id: 'mid', title: 'No target' }, { id: 'inb', target: '#in-b', title: 'Points into B' }]),
    { pre: `document.addEventListener('DOMContentLoaded', () => { document.querySelector('#b').showModal(); document.querySelector('#a').showModal(); });` }));
    for (const title of ['No target', 'Points into B']) {
      await page.getByRole('dialog', { name: title }).getByRole('button', { name: /^(Next|Done)$/ }).click({ timeout: 3000 });
    }
    await page.waitForFunction(() => (window as any).gp.state().step === 'k1', null, { timeout: 2000 }).catch(() => undefined);
    expect({ step: await page.evaluate(() => (window as any).gp.state().step), errors }).toEqual({ step: 'k1', errors: [] });
    await page.context().close();
  });

  it('climbs the stall ladder once, with one hand-off, while two tabs of one user are both visible', async () => {
    const url = host('tabs2', '<main></main>', flow([], [{ id: 'k1', title: 'First', complete: { event: 'e1' },
      stall: { after: '600ms', retryAfter: '400ms', handoffAfter: '400ms', prompt: { title: 'Stuck?' } } }]), { storage: 'local' });
    const ctx: BrowserContext = await env.browser.newContext({ viewport: { width: 1280, height: 800 } });
    await ctx.addInitScript(() => { (window as any).handoffs = 0; });
    const tabs = [await open(ctx, url), await open(ctx, url)];
    for (const t of tabs) {
      await t.page.evaluate(() => (window as any).gp.on('handoff_requested', () => (window as any).handoffs++));
      expect(await t.page.evaluate(() => document.visibilityState)).toBe('visible');
    }
    await tabs[0].page.waitForFunction(() => (window as any).gp.state().stall?.state === 'handed_off', null, { timeout: 5000 });
    await tabs[0].page.waitForTimeout(800); // both tabs' clocks would have fired by now
    const ladder = ['stall_detected', 'recovery_prompt_shown', 'guided_retry_started', 'handoff_requested'];
    const seen = [];
    for (const t of tabs) seen.push({ ladder: (await trail(t.page)).filter((x) => ladder.some((l) => x.startsWith(l))), handoffs: await t.page.evaluate(() => (window as any).handoffs) });
    const ids = await Promise.all(tabs.map((t) => t.page.evaluate(() => (window as any).gp.trail().map((e: any) => e.id).join())));
    expect({ seen, sameIds: ids[0] === ids[1], errors: tabs.flatMap((t) => t.errors) }).toEqual({
      seen: [0, 1].map((i) => ({ ladder: ladder.map((l) => `${l}:k1`), handoffs: i === 0 ? 1 : 0 })), sameIds: true, errors: [] });
    await ctx.close();
  });

  it('falls back to memory when localStorage.setItem throws QuotaExceededError, and guidance goes on', async () => {
    const { page, errors } = await open(env.browser, host('quota', '<main></main>', flow([{ id: 's1', title: 'One' }, { id: 's2', title: 'Two' }]), {
      storage: 'local', pre: `Storage.prototype.setItem = function () { throw new DOMException('The quota has been exceeded.', 'QuotaExceededError'); };` }));
    await page.waitForFunction(() => (window as any).gp.state().step === 's1');
    await click(page, '.c button.p');
    await page.waitForFunction(() => (window as any).gp.state().step === 's2', null, { timeout: 2000 }).catch(() => undefined);
    const sdkErrors = await page.evaluate(() => (window as any).gp.trail().filter((e: any) => e.type === 'sdk_error').map((e: any) => e.data.reason));
    expect({ step: await page.evaluate(() => (window as any).gp.state().step), sdkErrors, errors }).toEqual({
      step: 's2', sdkErrors: ['The quota has been exceeded.'], errors: ['[guidepost] storage (falling back to memory): The quota has been exceeded.'] });
    await page.context().close();
  });

  it("guides inside the page's own modal dialog: the card is usable there, Escape leaves the dialog open, and the UI comes back out when it closes", async () => {
    const { page, errors } = await open(env.browser, host('modal', `<main><button id="open">New report</button></main>
      <dialog id="d"><p>Pick the sample data</p><button id="create">Create</button></dialog>`,
    flow([{ id: 'in', target: '#create', title: 'Press Create' }, { id: 'esc', target: '#create', title: 'Or press Escape' }]),
    { pre: `document.addEventListener('click', (e) => { if (e.target.id === 'open') document.querySelector('#d').showModal(); });` }));
    await page.click('#open');
    const inside = await card(page, '#create');
    // a real click: it fails on an inert card (Playwright waits for the button to receive pointer events)
    await page.getByRole('dialog', { name: 'Press Create' }).getByRole('button', { name: 'Next' }).click({ timeout: 3000 });
    await card(page, '#create');
    const focusIn = await page.evaluate(() => document.querySelector('guidepost-root')!.shadowRoot!.activeElement?.closest('[role=dialog]')?.getAttribute('data-step'));
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => (window as any).gp.state().step === 'k1', null, { timeout: 2000 }).catch(() => undefined);
    const dialogOpen = await page.evaluate(() => (document.querySelector('#d') as HTMLDialogElement).open);
    await page.evaluate(() => (document.querySelector('#d') as HTMLDialogElement).close());
    const region = page.getByRole('region', { name: 'Quick Start' });
    await region.waitFor({ state: 'visible', timeout: 2000 }).catch(() => undefined);
    expect({ inside, focusIn, dialogOpen, quickStart: await region.isVisible(), parent: await page.evaluate(() => document.querySelector('guidepost-root')!.parentElement!.tagName),
      trail: (await trail(page)).slice(3), errors }).toEqual({
      inside: { step: 'in', adjacent: true }, focusIn: 'esc', dialogOpen: true, quickStart: true, parent: 'HTML',
      trail: ['step_viewed:in', 'step_completed:in', 'step_viewed:esc', 'tour_skipped:esc', 'step_viewed:k1'], errors: [] });
    await page.context().close();
  });

  for (const hide of ['inert', 'aria-hidden']) {
    it(`follows a modal the page opens over the one holding the card (the first made ${hide}), and goes back when it closes`, async () => {
      // audit L: the card stayed in the first modal, which the nested one made inert (no pointer)
      // or aria-hidden (gone from the accessibility tree)
      const { page, errors } = await open(env.browser, host(`nested-${hide}`, `<main><button id="out">Out</button></main>
        <div id="a" role="dialog" aria-modal="true" aria-label="First" style="position:fixed;inset:80px 300px auto 80px;background:#eee;padding:20px">
          <button id="in-a">Act</button><button id="nest">More</button></div>`,
      flow([{ id: 'a', target: '#in-a', title: 'In the first modal' }, { id: 'b', title: 'After' }, { id: 'c', target: '#in-a', title: 'Back in the first' }]),
      { pre: `document.addEventListener('DOMContentLoaded', () => document.querySelector('#in-a').focus());
        document.addEventListener('click', (e) => {
          if (e.target.id === 'nest') {
            document.querySelector('#a').setAttribute('${hide}', '${hide === 'inert' ? '' : 'true'}');
            document.body.insertAdjacentHTML('beforeend', '<div id="b" role="dialog" aria-modal="true" aria-label="Second" style="position:fixed;inset:300px 80px auto 500px;background:#ddd;padding:20px"><button id="close-b">Close</button></div>');
            document.querySelector('#close-b').focus();
          }
          if (e.target.id === 'close-b') closeB();
        });
        // the nested modal's own Escape closes it (the focus, which was in it, falls to <body>)
        document.addEventListener('keydown', (e) => e.key === 'Escape' && document.querySelector('#b') && closeB(true));
        function closeB(escape) {
          document.querySelector('#b').remove();
          document.querySelector('#a').removeAttribute('${hide}');
          if (!escape) document.querySelector('#nest').focus();
        }` }));
      const parent = () => page.evaluate(() => document.querySelector('guidepost-root')!.parentElement!.id || document.querySelector('guidepost-root')!.parentElement!.tagName);
      await page.getByRole('dialog', { name: 'In the first modal' }).waitFor({ timeout: 3000 });
      const first = await parent();
      await page.click('#nest');
      // getByRole leaves out what is inert or aria-hidden; a real click fails on an inert card
      await page.getByRole('dialog', { name: 'In the first modal' }).getByRole('button', { name: 'Next' }).click({ timeout: 3000 });
      const nested = await parent();
      // Escape in the nested modal is the page's: it closes that modal, and the tour goes on
      await page.focus('#close-b');
      await page.keyboard.press('Escape');
      await page.waitForTimeout(200);
      const afterEscape = await page.evaluate(() => (window as any).gp.state().step);
      await page.getByRole('dialog', { name: 'After' }).getByRole('button', { name: 'Next' }).click({ timeout: 3000 });
      await page.getByRole('dialog', { name: 'Back in the first' }).waitFor({ timeout: 3000 });
      expect({ first, nested, afterEscape, back: await parent(), card: await card(page, '#in-a'), errors })
        .toEqual({ first: 'a', nested: 'b', afterEscape: 'b', back: 'a', card: { step: 'c', adjacent: true }, errors: [] });
      await page.context().close();
    });
  }

  it("keeps its cards usable while the page's own modal dialog is open, whatever they point at", async () => {
    const { page, errors } = await open(env.browser, host('modal2', `<main><button id="out">Reports</button></main>
      <dialog id="d2"><p>What's new this week</p><button id="ok">OK</button></dialog>`,
    flow([{ id: 'out', target: '#out', title: 'Reports live here' }, { id: 'mid', title: 'No target' }]),
    { pre: `document.addEventListener('DOMContentLoaded', () => document.querySelector('#d2').showModal());` }));
    for (const title of ['Reports live here', 'No target']) {
      // real clicks: they fail on an inert card
      await page.getByRole('dialog', { name: title }).getByRole('button', { name: /^(Next|Done)$/ }).click({ timeout: 3000 });
    }
    await page.waitForFunction(() => (window as any).gp.state().step === 'k1', null, { timeout: 2000 }).catch(() => undefined);
    expect({ step: await page.evaluate(() => (window as any).gp.state().step), pageDialogOpen: await page.evaluate(() => (document.querySelector('#d2') as HTMLDialogElement).open), errors })
      .toEqual({ step: 'k1', pageDialogOpen: true, errors: [] });
    await page.context().close();
  });

  it('advances when the host page throws in its own click handler, and stays out of its stack', async () => {
    const { page, errors } = await open(env.browser, host('throws', '<main><button id="t1">Go</button></main>',
      flow([{ id: 's1', target: '#t1', title: 'Click Go', complete: { click: '#t1' } }, { id: 's2', title: 'Done' }]),
      { pre: `document.addEventListener('DOMContentLoaded', () => document.querySelector('#t1').addEventListener('click', function hostHandler() { throw new Error('host handler failed'); }));` }));
    const stacks: string[] = [];
    page.on('pageerror', (e) => stacks.push(e.stack ?? ''));
    await card(page, '#t1');
    await page.click('#t1');
    await page.waitForFunction(() => (window as any).gp.state().step === 's2', null, { timeout: 2000 }).catch(() => undefined);
    expect({ step: await page.evaluate(() => (window as any).gp.state().step), errors, ours: stacks.filter((s) => s.includes('guidepost')),
      hosts: stacks.map((s) => s.includes('hostHandler')) }).toEqual({ step: 's2', errors: ['pageerror: host handler failed'], ours: [], hosts: [true] });
    await page.context().close();
  });

  // a page's div-modal (Bootstrap's, MUI's, Radix's): the focus in it, our target outside it
  const DIV_MODAL = `<div id="m" role="dialog" aria-modal="true" style="position:fixed;left:20px;top:20px"><button id="in">In the modal</button></div>
    <button id="out" style="position:absolute;left:600px;top:300px">Out</button><div style="height:2000px"></div>`;
  const hostParent = (page: Page) => page.evaluate(() => document.querySelector('guidepost-root')!.parentElement!.id || document.querySelector('guidepost-root')!.parentElement!.localName);

  it('keeps the card next to its target, following it, when the page modal it was put in goes away', async () => {
    const { page, errors } = await open(env.browser, host('divmodal', DIV_MODAL, flow([{ id: 's', target: '#out', title: 'Out there' }]),
      { pre: "document.addEventListener('DOMContentLoaded', () => document.getElementById('in').focus());" }));
    const before = await card(page, '#out');
    const inModal = await hostParent(page);
    await page.evaluate(() => document.getElementById('m')!.remove()); // as a framework unmounts it
    await expect.poll(() => hostParent(page)).toBe('html');
    const after = await card(page, '#out');
    await page.evaluate(() => scrollBy(0, 150));
    expect({ inModal, before, after, scrolled: await card(page, '#out'), errors }).toEqual({
      inModal: 'm', before: { step: 's', adjacent: true }, after: { step: 's', adjacent: true }, scrolled: { step: 's', adjacent: true }, errors: [] });
    await page.context().close();
  });

  it('leaves a page modal hidden with visibility:hidden (as an off-canvas menu closes), its aria-modal kept', async () => {
    const { page, errors } = await open(env.browser, host('divmodal3', DIV_MODAL, flow([{ id: 's', target: '#out', title: 'Out there' }]),
      { pre: "document.addEventListener('DOMContentLoaded', () => document.getElementById('in').focus());" }));
    await card(page, '#out');
    const inModal = await hostParent(page);
    await page.evaluate(() => (document.getElementById('m')!.style.visibility = 'hidden'));
    await expect.poll(() => hostParent(page)).toBe('html');
    expect({ inModal, after: await card(page, '#out'), errors }).toEqual({ inModal: 'm', after: { step: 's', adjacent: true }, errors: [] });
    await page.context().close();
  });

  it('keeps the welcome modal when the page modal it was put in goes away', async () => {
    const { page, errors } = await open(env.browser, host('divmodal2', DIV_MODAL, { ...flow([{ id: 's', target: '#in', title: 'In there' }]),
      paths: { p: { welcome: { title: 'Welcome', cta: 'Start' }, tour: { steps: [{ id: 's', target: '#in', title: 'In there' }] },
        quickStart: { title: 'Quick Start', tasks: [{ id: 'k1', title: 'Task', complete: { event: 'never' } }] }, activation: 'k1' } } }));
    await page.getByRole('dialog', { name: 'Welcome' }).getByRole('button', { name: 'Start' }).click();
    await card(page, '#in');
    const inModal = await hostParent(page);
    await page.evaluate(() => (window as any).gp.reset()); // the welcome again, while the host is in the modal
    await page.getByRole('dialog', { name: 'Welcome' }).waitFor();
    await page.evaluate(() => document.getElementById('m')!.remove());
    await expect.poll(() => hostParent(page)).toBe('html');
    const modal = await page.evaluate(() => document.querySelector('guidepost-root')!.shadowRoot!.querySelector('dialog')!.matches(':modal'));
    expect({ inModal, modal, errors }).toEqual({ inModal: 'm', modal: true, errors: [] });
    await page.context().close();
  });

  it('puts the card next to a target once it comes into view, as a drawer slides in', async () => {
    const { page, errors } = await open(env.browser, host('drawer', `<main style="padding:40px"><button id="open">Menu</button></main>
      <nav id="dr" style="position:fixed;left:0;top:0;bottom:0;width:200px;background:#eee;transform:translateX(-100%);transition:transform .3s"><button id="item" style="margin:80px 20px">Settings</button></nav>`,
    flow([{ id: 's', target: '#item', title: 'Settings live here', placement: 'right' }]),
    { pre: "document.addEventListener('click', (e) => { if (e.target.id === 'open') document.getElementById('dr').style.transform = 'none'; });" }));
    await page.getByRole('dialog', { name: 'Settings live here' }).waitFor();
    await page.click('#open');
    expect({ placed: await card(page, '#item'), errors }).toEqual({ placed: { step: 's', adjacent: true }, errors: [] });
    await page.context().close();
  });

  it('gives the focus back where it was when a card whose target came late took it', async () => {
    const { page, errors } = await open(env.browser, host('latefocus', '<main style="padding:40px"><button id="page-btn">Page</button></main>',
      flow([{ id: 's', target: '#late', title: 'Late one', waitFor: '5s' }])));
    await page.focus('#page-btn'); // after the step began: nothing had the focus then
    await page.evaluate(() => document.querySelector('main')!.insertAdjacentHTML('beforeend', '<button id="late">Late</button>'));
    await card(page, '#late');
    await expect.poll(() => page.evaluate(() => document.activeElement?.localName)).toBe('guidepost-root');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('page-btn');
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
