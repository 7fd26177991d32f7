// axe-core on the whole document (open shadow roots included) in every UI state: zero serious or
// critical violations. And motion: with prefers-reduced-motion, nothing animates.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { axeSource, guidedPage, launch, open, serve, testFlow } from './harness';

const flow = testFlow({
  welcome: { title: 'Welcome, {{user.name}}', body: 'Read **this** first, or [the docs](/docs).', cta: 'Start' },
  tour: { steps: [{ id: 'one', target: '#t', title: 'Your target', body: 'Press it when ready.', placement: 'bottom' }] },
  quickStart: { title: 'Get going', tasks: [
    { id: 't1', title: 'Task one', target: '#t', complete: { event: 't1' },
      stall: { after: '2s', prompt: { title: 'Stuck on task one?', body: 'Press **Target**.' } } },
    { id: 't2', title: 'Task two', complete: { event: 't2' } },
  ] },
  activation: 't2',
}, { exceptions: { permissions: { owner: 'support', prompt: { title: 'You need access', body: 'Your admin has been told.' } } } });
const HTML = '<main><h1>Host app</h1><p>Some content.</p><button id="t">Target</button></main>';

let browser: Browser;
let server: Awaited<ReturnType<typeof serve>>;
beforeAll(async () => {
  [browser, server] = await Promise.all([launch(), serve(guidedPage(HTML, flow))]);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

interface Axe { run(ctx: Document, o: object): Promise<{ violations: Array<{ id: string; impact: string; nodes: Array<{ target: unknown }> }> }> }
/** Serious and critical violations in the page as it is now, as `rule: [targets]`. */
const audit = (page: Page) => page.evaluate(async () => {
  const { violations } = await (window as unknown as { axe: Axe }).axe.run(document, { resultTypes: ['violations'] });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${JSON.stringify(v.nodes.map((n) => n.target))}`);
});
const kind = (page: Page) => page.evaluate(() => document.querySelector('guidepost-root')?.shadowRoot?.querySelector('.c')?.getAttribute('data-kind') ?? null);

describe('accessibility', () => {
  it('has no serious or critical axe violations in any UI state', async () => {
    const { page, errors } = await open(browser, server.url);
    await page.addScriptTag({ content: axeSource() });
    const found: Record<string, string[]> = {};

    await page.getByRole('dialog', { name: 'Welcome, Ada' }).waitFor();
    found.welcome = await audit(page);
    await page.getByRole('button', { name: 'Start' }).click();
    await page.getByRole('dialog', { name: 'Your target' }).waitFor();
    found.step = await audit(page);
    await page.getByRole('button', { name: 'Done' }).click();
    await page.getByRole('region', { name: 'Get going' }).getByRole('list').waitFor();
    found.quickStart = await audit(page);
    expect(await kind(page)).toBe(null); // audited before the stall prompt (2 s) came up
    await page.getByRole('dialog', { name: 'Stuck on task one?' }).waitFor();
    found.recovery = await audit(page);
    await page.evaluate(() => window.Guidepost.signal('permission_denied'));
    await page.getByRole('dialog', { name: 'You need access' }).waitFor();
    found.exception = await audit(page);

    expect(found).toEqual({ welcome: [], step: [], quickStart: [], recovery: [], exception: [] });
    expect(errors).toEqual([]);
    // the control: axe does look inside the shadow root
    await page.evaluate(() => document.querySelector('guidepost-root')!.shadowRoot!.querySelector('.c')!.append(document.createElement('button')));
    expect(await audit(page)).toEqual(['button-name: [[["guidepost-root",".c > button"]]]']);
  });

  it('does not animate when the user prefers reduced motion', async () => {
    const { page, errors } = await open(browser, server.url);
    await page.getByRole('button', { name: 'Start' }).click();
    await page.getByRole('button', { name: 'Done' }).click();
    // the recovery prompt's ring around the stalled step's target pulses to draw the eye
    await page.getByRole('dialog', { name: 'Stuck on task one?' }).waitFor();
    const moving = () => page.evaluate(() => [...document.querySelector('guidepost-root')!.shadowRoot!.querySelectorAll('*')]
      .map((el) => getComputedStyle(el))
      .filter((s) => s.transitionDuration.split(',').some((d) => parseFloat(d) > 0) || s.animationName !== 'none').length);
    const before = await moving();
    await page.emulateMedia({ reducedMotion: 'reduce' });
    expect([before > 0, await moving()]).toEqual([true, 0]);
    // the ring is the theme's accent, at 30 %
    const ring = () => page.evaluate(() => getComputedStyle(document.querySelector('guidepost-root')!.shadowRoot!.querySelector('.s.o')!).boxShadow);
    await page.evaluate(() => document.querySelector<HTMLElement>('guidepost-root')!.style.setProperty('--gp-accent', 'rgb(0, 170, 119)'));
    expect(await ring()).toMatch(/^rgb\(0, 170, 119\) 0px 0px 0px 3px, color\(srgb 0 0\.66\d* 0\.46\d* \/ 0\.3\) 0px 0px 0px 7px$/);
    expect(errors).toEqual([]);
  });

  it('takes the text colour on the accent from --gp-accent-fg, so a light accent on a dark theme keeps its contrast', async () => {
    const { page, errors } = await open(browser, server.url);
    const start = page.getByRole('dialog', { name: 'Welcome, Ada' }).getByRole('button', { name: 'Start' });
    const colour = () => start.evaluate((b) => getComputedStyle(b).color);
    const before = await colour();
    await page.evaluate(() => {
      const host = document.querySelector<HTMLElement>('guidepost-root')!;
      host.style.setProperty('--gp-accent', '#8ab4ff');
      host.style.setProperty('--gp-accent-fg', '#0b1020');
    });
    expect({ before, after: await colour(), errors }).toEqual({ before: 'rgb(255, 255, 255)', after: 'rgb(11, 16, 32)', errors: [] });
  });

  it('prints the page, not the guidance: nothing of the UI shows in print', async () => {
    const { page, errors } = await open(browser, server.url);
    await page.getByRole('button', { name: 'Start' }).click();
    await page.getByRole('dialog', { name: 'Your target' }).waitFor();
    const shown = () => page.evaluate(() => [...document.querySelector('guidepost-root')!.shadowRoot!.querySelectorAll('.c, .s, .q')]
      .map((el) => el.getBoundingClientRect().width > 0));
    const screen = await shown();
    await page.emulateMedia({ media: 'print' });
    expect({ screen, print: await shown(), errors }).toEqual({ screen: [true, true, true], print: [false, false, false], errors: [] });
  });
});
