// Guidepost under a strict CSP, and on a page that does its worst: global resets, a header at the
// maximum z-index, transformed and clipping ancestors. Both pages are served with
// `Content-Security-Policy: default-src 'self'` (styles and scripts are files, nothing inline).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { guidedPage, launch, open, serve, testFlow, trailTypes, variant } from './harness';

// registered before the bundle: every CSP violation of the page's life is counted
const EARLY = `window.violations = [];
document.addEventListener('securitypolicyviolation', function (e) { window.violations.push(e.violatedDirective + ' ' + e.blockedURI); });`;
const early = (html: string) => `<script src="/early.js"></script>${html}`;

const flow = testFlow({
  welcome: { title: 'Welcome, {{user.name}}', body: 'Read **this** or [the docs](/docs).', cta: 'Start' },
  tour: { steps: [
    { id: 'anchored', target: '#t', title: 'Over the header', body: 'A **bold** claim.', placement: 'top' },
    { id: 'centred', title: 'In the middle' },
  ] },
  quickStart: { title: 'Get going', tasks: [{ id: 't1', title: 'Task one', target: '#t', complete: { click: '#t' } }] },
  activation: 't1',
});

// The hostile page: a full-width header over the top 300 px at the maximum z-index, the target
// inside a transformed, filtered, overflow:hidden box just below it, and global resets.
const HOSTILE_CSS = `
* { all: unset; }
div { display: none !important; }
button { color: red !important; background: lime !important; }
guidepost-root { display: none; opacity: .1; }
html, body, section, header, main { display: block; }
head, script, style, link, title { display: none; }
#bar { position: fixed; top: 0; left: 0; right: 0; height: 300px; z-index: 2147483647; background: #222; }
#box { position: relative; margin: 320px 0 0 200px; width: 300px; height: 120px; overflow: hidden; transform: translateX(10px) scale(1); filter: blur(0); will-change: transform; }
#t { position: absolute; left: 20px; top: 40px; width: 120px; height: 40px; display: inline-block; }
`;
const HOSTILE = '<link rel="stylesheet" href="/hostile.css"><header id="bar">Acme</header><main><section id="box"><button id="t">Target</button></section></main><div>never shown</div>';

let browser: Browser;
let server: Awaited<ReturnType<typeof serve>>;
beforeAll(async () => {
  [browser, server] = await Promise.all([launch(), serve({
    ...guidedPage(early('<button id="t">Target</button>'), flow, "{ theme: { accent: '#0a7' } }"),
    ...variant('hostile', guidedPage(early(HOSTILE), flow)),
    '/early.js': { body: EARLY, type: 'text/javascript' },
    '/hostile.css': { body: HOSTILE_CSS, type: 'text/css' },
  }, { csp: true })]);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const violations = (page: Page) => page.evaluate(() => (window as unknown as { violations: string[] }).violations);
/** What is on top at the centre of the shadow element `sel`: the document's answer and the shadow root's. */
const onTop = (page: Page, sel: string) => page.evaluate((s) => {
  const root = document.querySelector('guidepost-root')!;
  const r = root.shadowRoot!.querySelector(s)!.getBoundingClientRect();
  const [x, y] = [r.x + r.width / 2, r.y + r.height / 2];
  return [document.elementFromPoint(x, y)?.tagName, !!root.shadowRoot!.elementFromPoint(x, y)?.closest(s)];
}, sel);

describe('under Content-Security-Policy: default-src self', () => {
  it('runs welcome → tour → Quick Start with zero violations and zero console errors', async () => {
    const { page, errors } = await open(browser, server.url);
    await page.getByRole('dialog', { name: 'Welcome, Ada' }).getByRole('button', { name: 'Start' }).click();
    await page.getByRole('dialog', { name: 'Over the header' }).getByRole('button', { name: 'Next' }).click();
    await page.getByRole('dialog', { name: 'In the middle' }).getByRole('button', { name: 'Done' }).click();
    await page.getByRole('region', { name: 'Get going' }).waitFor();
    await page.locator('#t').click();
    await page.waitForFunction(() => window.Guidepost.state().status === 'done');
    expect(await page.evaluate(() => getComputedStyle(document.querySelector('guidepost-root')!).getPropertyValue('--gp-accent'))).toBe('#0a7');
    expect(await trailTypes(page, ['flow_invalid', 'sdk_error', 'first_value_created'])).toEqual(['first_value_created']);
    expect(await violations(page)).toEqual([]);
    expect(errors).toEqual([]);
    // the control: the policy is in force and the listener hears a violation
    await page.evaluate(() => void (new Image().src = 'http://elsewhere.invalid/pixel.png'));
    await expect.poll(() => violations(page)).toHaveLength(1);
  });
});

describe('on a hostile page', () => {
  it('shows every part on top of the max-z-index header and outside clipping, transformed ancestors, untouched by global resets', async () => {
    const { page, errors } = await open(browser, `${server.url}/hostile.html`);
    const welcome = page.getByRole('dialog', { name: 'Welcome, Ada' });
    await welcome.waitFor();
    const seen: unknown[] = [['welcome', await onTop(page, 'dialog')]];
    await welcome.getByRole('button', { name: 'Start' }).click();

    const step = page.getByRole('dialog', { name: 'Over the header' });
    await step.waitFor();
    await page.waitForFunction(() => { // placed above its target, which puts the card over the header
      const c = document.querySelector('guidepost-root')!.shadowRoot!.querySelector('.c')!.getBoundingClientRect();
      const t = document.getElementById('t')!.getBoundingClientRect();
      return c.bottom <= t.top && c.bottom > t.top - 30 && c.top < 300;
    });
    seen.push(['step', await onTop(page, '.c')]);
    const colors = await page.evaluate(() => [...document.querySelector('guidepost-root')!.shadowRoot!.querySelectorAll('.c button')]
      .map((b) => getComputedStyle(b).color));
    expect(colors).not.toContain('rgb(255, 0, 0)');
    await step.getByRole('button', { name: 'Next' }).click(); // Playwright clicks only what receives the pointer there
    await page.getByRole('dialog', { name: 'In the middle' }).getByRole('button', { name: 'Done' }).click();

    await page.getByRole('region', { name: 'Get going' }).waitFor();
    seen.push(['quick start', await onTop(page, '.q')]);
    expect(seen).toEqual([['welcome', ['GUIDEPOST-ROOT', true]], ['step', ['GUIDEPOST-ROOT', true]], ['quick start', ['GUIDEPOST-ROOT', true]]]);
    expect(await trailTypes(page, ['guided_path_completed'])).toEqual(['guided_path_completed']);
    expect(await violations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });
});
