// Guidance that never gets in the user's way (README: "unobtrusive guidance that never breaks the
// host page"): a target under the Quick Start, typing while a prompt appears by itself, an English
// flow on a right-to-left page, and links to pages of the app. Real Chromium, built bundle.
import { describe, expect, it } from 'vitest';
import { guidedPage, hostBox, open, shadowBox, sideOf, testFlow, useBrowserAndServer, variant, type Box } from './harness';

const env = useBrowserAndServer();
const add = (name: string, html: string, flow: object, after = '') => {
  Object.assign(env.server.routes, variant(name, guidedPage(html, flow, "{ storage: 'memory' }", after)));
  return `${env.server.url}/${name}.html`;
};
const tasks = [{ id: 't1', title: 'Name the report', target: '#name', complete: { event: 'named' }, stall: { after: '600ms', retryAfter: '1h', prompt: { title: 'Need a name?' } } }];

describe('out of the way', () => {
  it('moves the Quick Start to the other corner when the target a card points at is under it', async () => {
    const url = add('corner', '<button id="save" style="position:fixed;right:30px;bottom:40px">Save</button>',
      testFlow({ tour: { steps: [{ id: 's', target: '#save', title: 'Save it', complete: { click: '#save' } }] }, quickStart: { title: 'Get going', tasks }, activation: 't1' }));
    for (const viewport of [{ width: 1280, height: 800 }, { width: 375, height: 667 }]) { // on a phone the panel spans the width
      const { page, errors } = await open(env.browser, url, viewport);
      await page.getByRole('dialog', { name: 'Save it' }).waitFor();
      await page.getByRole('region', { name: 'Get going' }).waitFor();
      // what the user's pointer reaches at the target's centre: the target itself, not the panel
      const hit = () => page.evaluate(() => {
        const r = document.querySelector('#save')!.getBoundingClientRect();
        return document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2)?.id;
      });
      await expect.poll(hit).toBe('save');
      await page.click('#save');
      await page.waitForFunction(() => window.gp.state().step === 't1');
      expect(errors).toEqual([]);
      await page.context().close();
    }
  });

  it('keeps every button of a card above the Quick Start where the screen is too small for both (a phone, 400 % zoom)', async () => {
    const url = add('small', '<button id="a">A</button>', testFlow({
      tour: { steps: [{ id: 's1', title: 'One', body: 'A card in the middle of a small screen, with a body long enough to reach the panel.' }, { id: 's2', title: 'Two' }] },
      quickStart: { title: 'Get going', tasks: [{ id: 't', title: 'T' }, { id: 'u', title: 'U' }] }, activation: 't' }));
    const { page, errors } = await open(env.browser, url, { width: 320, height: 220 });
    await page.getByRole('dialog', { name: 'One' }).waitFor();
    await page.getByRole('region', { name: 'Get going' }).waitFor();
    // what the pointer reaches at each button's centre: that button, not the panel over it
    const reached = await page.evaluate(() => {
      const root = document.querySelector('guidepost-root')!.shadowRoot!;
      return [...root.querySelectorAll('.c button')].map((b) => {
        const r = b.getBoundingClientRect();
        return root.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2) === b;
      });
    });
    const overlaps = await page.evaluate(() => {
      const root = document.querySelector('guidepost-root')!.shadowRoot!;
      const [c, q] = [root.querySelector('.c')!.getBoundingClientRect(), root.querySelector('.q')!.getBoundingClientRect()];
      return c.bottom > q.top && q.bottom > c.top && c.right > q.left && q.right > c.left;
    });
    expect({ overlaps, reached, errors }).toEqual({ overlaps: true, reached: [true, true, true], errors: [] });
    await page.context().close();
  });

  it("keeps the page's own fixed controls in the corner reachable: the Quick Start goes elsewhere", async () => {
    const url = add('fixedctl', '<div style="height:3000px"></div><button id="top" style="position:fixed;right:20px;bottom:20px;width:44px;height:44px">↑</button>'
      + '<div style="position:fixed;left:0;bottom:0;width:400px;height:120px"><iframe title="chat" style="width:100%;height:100%;border:0"></iframe></div>',
    testFlow({ quickStart: { title: 'Get going', tasks }, activation: 't1' }));
    const { page, errors } = await open(env.browser, url);
    const region = page.getByRole('region', { name: 'Get going' });
    await region.waitFor();
    const hit = (sel: string) => page.evaluate((s) => {
      const r = document.querySelector(s)!.getBoundingClientRect();
      return document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2)?.matches(s);
    }, sel);
    await expect.poll(() => hit('#top')).toBe(true); // "back to top" at the bottom right: not under it
    await expect.poll(() => hit('iframe')).toBe(true); // a chat widget at the bottom left: not there either
    await region.getByRole('button').click(); // opened, it is taller: still clear of both
    await expect.poll(async () => [await hit('#top'), await hit('iframe')]).toEqual([true, true]);
    // a chat launcher that arrives later, top right, where the Quick Start now is
    await page.evaluate(() => document.body.insertAdjacentHTML('beforeend', '<div style="position:fixed;right:20px;top:20px;width:60px;height:60px"><button id="chat" style="width:100%;height:100%">Chat</button></div>'));
    await expect.poll(async () => [await hit('#top'), await hit('iframe'), await hit('#chat')]).toEqual([true, true, true]);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  const plain = [{ id: 't1', title: 'Name the report' }, { id: 't2', title: 'Share it' }];
  /** whether the pointer reaches the page element `sel` at (x, y), its centre by default */
  const reaches = (page: import('playwright-core').Page, sel: string, at?: [number, number]) => page.evaluate(([s, p]) => {
    const r = document.querySelector(s)!.getBoundingClientRect();
    const [x, y] = p ?? [r.x + r.width / 2, r.y + r.height / 2];
    return document.elementFromPoint(x, y)?.matches(s) ?? false;
  }, [sel, at] as const);

  it("collapses the Quick Start to a launcher as wide as its words, so a phone's corner controls stay reachable", async () => {
    const url = add('launcher', '<button id="back" style="position:fixed;left:16px;bottom:16px;width:64px;height:44px">Back</button>',
      testFlow({ quickStart: { title: 'Get going', tasks: plain }, activation: 't1' }));
    const { page, errors } = await open(env.browser, url, { width: 375, height: 667 });
    const region = page.getByRole('region', { name: 'Get going' });
    await region.waitFor();
    const toggle = region.getByRole('button');
    const width = () => region.evaluate((e) => Math.round(e.getBoundingClientRect().width));
    const opened = await width(); // open, it spans the phone's width: it has to leave the bottom
    await toggle.click();
    await expect.poll(() => toggle.getAttribute('aria-expanded')).toBe('false');
    await expect.poll(() => reaches(page, '#back')).toBe(true);
    const closed = await width();
    expect({
      opened, narrower: closed < opened - 100, fits: await toggle.evaluate((b) => b.scrollWidth <= b.clientWidth),
      corner: await region.evaluate((e) => e.getAttribute('data-aside')), errors,
    }).toEqual({ opened: 300, narrower: true, fits: true, corner: '', errors: [] }); // back in its own corner, bottom right
    await page.context().close();
  });

  it("keeps a sticky header's controls reachable, and controls at the far end of the panel's place", async () => {
    const url = add('sticky', '<style>body{margin:0}</style><header style="position:sticky;top:0;height:56px;display:flex;justify-content:flex-end;padding:6px 20px;background:#eee">'
      + '<button id="menu" style="width:44px;height:44px">☰</button></header><div style="height:3000px"></div>'
      + '<button id="top" style="position:fixed;right:20px;bottom:20px;width:44px;height:44px">↑</button>'
      + '<button id="side" style="position:fixed;left:300px;bottom:0;width:20px;height:200px">|</button>',
    testFlow({ quickStart: { title: 'Get going', tasks: plain }, activation: 't1' }));
    const { page, errors } = await open(env.browser, url);
    const region = page.getByRole('region', { name: 'Get going' });
    await region.waitFor();
    // bottom right: "back to top"; bottom left: a control where the panel's right end would be, not
    // at its corner or centre; top right: the sticky header's menu. Top left is free.
    await expect.poll(() => region.evaluate((e) => e.getAttribute('data-aside'))).toBe('tl');
    expect({ top: await reaches(page, '#top'), side: await reaches(page, '#side', [310, 790]), menu: await reaches(page, '#menu'), errors })
      .toEqual({ top: true, side: true, menu: true, errors: [] });
    await page.context().close();
  });

  it('does not take the focus from a field the user is typing in when a stall prompt opens by itself', async () => {
    const url = add('typing', '<input id="name" aria-label="Report name">', testFlow({ quickStart: { title: 'Get going', tasks }, activation: 't1' }));
    const { page, errors } = await open(env.browser, url);
    await page.getByRole('region', { name: 'Get going' }).waitFor();
    await page.click('#name');
    await page.keyboard.type('Q3 rev');
    await page.getByRole('dialog', { name: 'Need a name?' }).waitFor(); // after 600 ms without progress
    await page.keyboard.type('enue');
    expect({ value: await page.inputValue('#name'), focus: await page.evaluate(() => document.activeElement?.id), errors })
      .toEqual({ value: 'Q3 revenue', focus: 'name', errors: [] });
    await page.context().close();
  });

  it('does not take the focus from a field the user is typing in when a stalled step is guided again by itself', async () => {
    const url = add('typing2', '<input id="name" aria-label="Report name"><button id="go">Go</button>', testFlow({
      tour: { steps: [{ id: 's1', target: '#go', title: 'Press Go', stall: { after: '500ms', retryAfter: '400ms', prompt: { title: 'Stuck?' } } }, { id: 's2', title: 'Two' }] },
      quickStart: { title: 'Get going', tasks: [{ id: 't', title: 'T' }] }, activation: 't' }));
    const { page, errors } = await open(env.browser, url);
    await page.getByRole('dialog', { name: 'Press Go' }).waitFor();
    await page.click('#name'); // before the stall: its prompt (at 500 ms) and the step guided again (400 ms later) come while typing
    await page.waitForFunction(() => window.gp.state().stall?.state === 'retrying'); // the step is shown again, by itself
    await page.getByRole('dialog', { name: 'Press Go' }).waitFor();
    await page.keyboard.type('hello world'); // a space in a focused card would press Next
    expect({ value: await page.inputValue('#name'), step: await page.evaluate(() => window.gp.state().step), errors })
      .toEqual({ value: 'hello world', step: 's1', errors: [] });
    await page.context().close();
  });

  it("keeps keys pressed in its own UI from the page's keyboard shortcuts", async () => {
    const url = add('keys', '<button id="a">A</button>', testFlow({
      welcome: { title: 'Hello', cta: 'Start' },
      tour: { steps: [{ id: 's1', target: '#a', title: 'One' }, { id: 's2', title: 'Two' }] },
      quickStart: { title: 'Get going', tasks: [{ id: 't', title: 'T' }] }, activation: 't' }),
    "window.keys = []; document.addEventListener('keydown', function (e) { window.keys.push(e.key); }); window.addEventListener('keyup', function (e) { window.keys.push('up:' + e.key); });");
    const { page, errors } = await open(env.browser, url);
    await page.getByRole('dialog', { name: 'Hello' }).waitFor();
    await page.keyboard.press('ArrowRight'); // focus is in the modal welcome
    await page.keyboard.press('Enter');
    await page.getByRole('dialog', { name: 'One' }).waitFor();
    await page.keyboard.press('Escape'); // focus is in the card: skips the tour, and only that
    await page.waitForFunction(() => window.gp.state().step === 't');
    const ours = await page.evaluate(() => (window as unknown as { keys: string[] }).keys);
    await page.click('#a');
    await page.keyboard.press('x'); // the page's own keys still reach it
    expect({ ours, after: await page.evaluate(() => (window as unknown as { keys: string[] }).keys), errors })
      // (Escape's keyup comes after the card closed and gave the focus back: still not the page's)
      .toEqual({ ours: [], after: ['x', 'up:x'], errors: [] });
    await page.context().close();
  });

  it("reads in the flow's language and direction on a right-to-left page, and opens the app's own links in the same tab", async () => {
    const url = add('rtl', '<button id="a">א</button>', testFlow({
      tour: { steps: [{ id: 's1', target: '#a', title: 'One', body: 'See [reports](/reports) or [the docs](https://example.com/docs).' }, { id: 's2', title: 'Two' }] },
      quickStart: { title: 'Get going', tasks: [{ id: 't', title: 'T' }] }, activation: 't' }));
    const { page, errors } = await open(env.browser, url);
    await page.evaluate(() => {
      document.documentElement.setAttribute('dir', 'rtl');
      // a page rule that means its own elements, or ours on purpose: the flow's direction still wins
      document.head.append(Object.assign(document.createElement('style'), { textContent: 'guidepost-root,*{direction:rtl!important}' }));
    });
    const card = page.getByRole('dialog', { name: 'One' });
    await card.waitFor();
    const seen = await page.evaluate(() => {
      const host = document.querySelector('guidepost-root') as HTMLElement;
      const c = host.shadowRoot!.querySelector('.c')!;
      return { lang: host.lang, direction: getComputedStyle(c).direction, align: getComputedStyle(c).textAlign,
        links: [...c.querySelectorAll('a')].map((a) => `${a.getAttribute('href')} ${a.getAttribute('target')}`) };
    });
    expect({ ...seen, errors }).toEqual({ lang: 'en', direction: 'ltr', align: 'start', links: ['/reports null', 'https://example.com/docs _blank'], errors: [] });
    await page.context().close();
  });

  it('lays a right-to-left flow out from the right: the step count at the start edge, the buttons after it', async () => {
    const url = add('rtl2', '<button id="a">א</button>', testFlow({
      tour: { steps: [{ id: 's1', target: '#a', title: 'الخطوة الأولى', body: 'نص طويل بما يكفي ليجعل البطاقة أعرض من صف الأزرار، فيظهر أين يقع العداد.' }, { id: 's2', title: 'الخطوة الثانية' }] },
      quickStart: { title: 'ابدأ', tasks: [{ id: 't', title: 'مهمة' }] }, activation: 't' }, { locale: 'ar' }));
    const { page, errors } = await open(env.browser, url);
    await page.getByRole('dialog', { name: 'الخطوة الأولى' }).waitFor();
    const edges = await page.evaluate(() => {
      const c = document.querySelector('guidepost-root')!.shadowRoot!.querySelector('.c')!;
      const right = (e: Element) => Math.round(e.getBoundingClientRect().right);
      return { card: right(c) - 16, count: right(c.querySelector('.n')!), buttons: Math.max(...[...c.querySelectorAll('button')].map(right)) };
    });
    expect({ atStart: edges.count === edges.card, buttonsAfter: edges.buttons < edges.count, errors }).toEqual({ atStart: true, buttonsAfter: true, errors: [] });
    await page.context().close();
  });

  it('keeps the welcome, the Quick Start and a card in what a phone shows of a page wider than its screen', async () => {
    // the layout viewport widens to the page (and every fixed box with it); the screen shows its left part
    const routes = guidedPage('<div style="position:relative;width:900px;height:300px"><button id="far" style="position:absolute;left:780px;top:200px">Far</button></div>',
      testFlow({ welcome: { title: 'Hello', body: 'A wide page.', cta: 'Start' }, tour: { steps: [{ id: 's1', target: '#far', title: 'Far right' }, { id: 's2', title: 'Two' }] },
        quickStart: { title: 'Get going', tasks: [{ id: 't', title: 'T' }] }, activation: 't' }), "{ storage: 'memory' }");
    routes['/'].body = String(routes['/'].body).replace('<head>', '<head><meta name="viewport" content="width=device-width,initial-scale=1">');
    Object.assign(env.server.routes, variant('wide', routes));
    const ctx = await env.browser.newContext({ viewport: { width: 375, height: 667 }, isMobile: true, hasTouch: true });
    const { page, errors } = await open(ctx, `${env.server.url}/wide.html`);
    const shown = (sel: string) => page.evaluate((s) => {
      const v = window.visualViewport!;
      const b = document.querySelector('guidepost-root')!.shadowRoot!.querySelector(s)!.getBoundingClientRect();
      return b.left >= v.offsetLeft && b.top >= v.offsetTop && b.right <= v.offsetLeft + v.width && b.bottom <= v.offsetTop + v.height;
    }, sel);
    await page.getByRole('dialog', { name: 'Hello' }).waitFor();
    expect(await page.evaluate(() => innerWidth)).toBeGreaterThan(800);
    await expect.poll(() => shown('dialog')).toBe(true);
    // (a tap would miss: Chromium pans the screen to the focused button, and Playwright taps in the page's coordinates)
    await page.keyboard.press('Enter');
    await page.getByRole('dialog', { name: 'Far right' }).waitFor();
    await expect.poll(() => shown('.c')).toBe(true);
    await expect.poll(() => shown('.q')).toBe(true);
    expect(sideOf((await shadowBox(page, '.c')) as Box, (await hostBox(page, '#far')) as Box)).not.toBe('none');
    expect(errors).toEqual([]);
    await ctx.close();
  });

  it('keeps the Quick Start, open, within what a pinch-zoomed phone shows: its list scrolls, its button stays on screen', async () => {
    const many = Array.from({ length: 8 }, (_, i) => ({ id: `t${i}`, title: `Task number ${i + 1}`, complete: { event: `t${i}` } }));
    const routes = guidedPage('<p>Page</p>', testFlow({ quickStart: { title: 'Get going', tasks: many }, activation: 't7' }), "{ storage: 'memory' }");
    routes['/'].body = String(routes['/'].body).replace('<head>', '<head><meta name="viewport" content="width=device-width,initial-scale=1">');
    Object.assign(env.server.routes, variant('pinch', routes));
    const ctx = await env.browser.newContext({ viewport: { width: 375, height: 667 }, isMobile: true, hasTouch: true });
    const { page, errors } = await open(ctx, `${env.server.url}/pinch.html`);
    await page.getByRole('region', { name: 'Get going' }).waitFor();
    const cdp = await ctx.newCDPSession(page);
    await cdp.send('Emulation.setPageScaleFactor', { pageScaleFactor: 2.2 });
    await expect.poll(() => page.evaluate(() => window.visualViewport!.scale)).toBeGreaterThan(2);
    const shown = (sel: string) => page.evaluate((s) => {
      const v = window.visualViewport!;
      const b = document.querySelector('guidepost-root')!.shadowRoot!.querySelector(s)!.getBoundingClientRect();
      return b.left >= v.offsetLeft - 1 && b.top >= v.offsetTop - 1 && b.right <= v.offsetLeft + v.width + 1 && b.bottom <= v.offsetTop + v.height + 1;
    }, sel);
    await expect.poll(() => shown('.q')).toBe(true);
    expect(await shown('.q>button')).toBe(true);
    expect(errors).toEqual([]);
    await ctx.close();
  });
});
