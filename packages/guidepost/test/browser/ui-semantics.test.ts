// The UI contract (sdk-api.md, "UI semantics") as a user and a screen reader meet it: roles,
// names, controls, modality, where each card sits, and what happens around targets.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { guidedPage, hostBox, inViewport, launch, open, serve, shadowBox, sideOf, testFlow, trailTypes, variant } from './harness';

const VP = { width: 1280, height: 800 };
const at = (id: string, css: string) => `<button id="${id}" style="position:absolute;${css};width:120px;height:40px">${id}</button>`;
const HTML = at('a', 'left:100px;top:100px') + at('b', 'left:500px;top:600px') + at('edge', 'right:0;top:300px') + at('floor', 'left:700px;bottom:0');

const flow = testFlow({
  welcome: { title: 'Welcome, {{user.name}}', body: 'Two tasks to your first result.', cta: 'Start' },
  tour: { skippable: true, steps: [
    { id: 'one', target: '#a', title: 'Step one', placement: 'right' },
    { id: 'centred', title: 'No target here' },
    { id: 'late', target: '#late', title: 'Late target', placement: 'bottom' },
    { id: 'gone', target: '#never', title: 'Never there', waitFor: '1s' },
    { id: 'flip-x', target: '#edge', title: 'Right edge', placement: 'right' },
    { id: 'flip-y', target: '#floor', title: 'Bottom edge', placement: 'bottom' },
    { id: 'last', target: '#b', title: 'Last step', placement: 'top' },
  ] },
  quickStart: { title: 'Get going', tasks: [
    { id: 't1', title: 'Task one', complete: { event: 't1' } },
    { id: 't2', title: 'Task two', complete: { event: 't2' } },
  ] },
  activation: 't2',
});
// #late appears 1 s after its step opens, as an element rendered by a slow view would
const LATE = `Guidepost.on('step_viewed', function (e) {
  if (e.step === 'late') setTimeout(function () { document.body.insertAdjacentHTML('beforeend', '${at('late', 'left:300px;top:300px')}'); }, 1000);
});`;

let browser: Browser;
let server: Awaited<ReturnType<typeof serve>>;
beforeAll(async () => {
  [browser, server] = await Promise.all([launch(), serve(guidedPage(HTML, flow, '{}', LATE))]);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const card = (page: Page) => page.evaluate(() => {
  const c = document.querySelector('guidepost-root')?.shadowRoot?.querySelector('.c');
  return c && { step: c.getAttribute('data-step'), modal: c.getAttribute('aria-modal'), buttons: [...c.querySelectorAll('button')].map((b) => `${b.textContent}${b.disabled ? ' (disabled)' : ''}`) };
});
/** The side of `target` the card is on, once placed (floating-ui places it asynchronously). */
const side = async (page: Page, target: string) => {
  const [c, t] = await Promise.all([shadowBox(page, '.c'), hostBox(page, target)]);
  return c && t && inViewport(c, VP) ? sideOf(c, t) : 'out of view';
};
const quick = (page: Page) => page.getByRole('region', { name: 'Get going' }).getByRole('button');

describe('welcome', () => {
  it('is a modal dialog named by its title; dismissing keeps the Quick Start, collapsed, and start() resumes', async () => {
    const { page, errors } = await open(browser, server.url);
    const welcome = page.getByRole('dialog', { name: 'Welcome, Ada' });
    await welcome.waitFor();
    expect(await page.evaluate(() => document.querySelector('guidepost-root')?.shadowRoot?.querySelector('dialog')?.matches(':modal'))).toBe(true);
    expect(await welcome.getByRole('button').allTextContents()).toEqual(['Start', 'Not now']);

    await welcome.getByRole('button', { name: 'Not now' }).click();
    await welcome.waitFor({ state: 'detached' });
    expect(await trailTypes(page, ['welcome_viewed', 'flow_dismissed'])).toEqual(['welcome_viewed', 'flow_dismissed']);
    expect(await quick(page).getAttribute('aria-expanded')).toBe('false');
    expect(await page.getByRole('dialog').count()).toBe(0);

    await page.evaluate(() => window.Guidepost.start()); // resumes where it was dismissed: the welcome
    await welcome.waitFor();
    await welcome.getByRole('button', { name: 'Start' }).click();
    await page.getByRole('dialog', { name: 'Step one' }).waitFor();
    expect(errors).toEqual([]);
  });

  it("closes when every task is completed while it is open: onboarding is done, the page is the user's again", async () => {
    const { page, errors } = await open(browser, server.url);
    const welcome = page.getByRole('dialog', { name: 'Welcome, Ada' });
    await welcome.waitFor();
    await page.evaluate(() => window.Guidepost.track('t1'));
    // a task left: the welcome still leads to it
    expect(await page.evaluate(() => window.Guidepost.state().status)).toBe('welcome');
    expect(await welcome.count()).toBe(1);
    await page.evaluate(() => window.Guidepost.track('t2'));
    await welcome.waitFor({ state: 'detached' });
    expect(await page.evaluate(() => window.Guidepost.state().status)).toBe('done');
    expect(await page.getByRole('dialog').count()).toBe(0);
    expect(await page.getByRole('region', { name: 'Get going' }).textContent()).toContain('2 of 2');
    await page.locator('#a').click({ timeout: 2000 }); // no modal left over the page
    expect(errors).toEqual([]);
  });
});

describe('tour', () => {
  it('shows non-modal step dialogs next to their targets, centres, waits, flips and goes on past a missing target', async () => {
    const { page, errors } = await open(browser, server.url, VP);
    await page.getByRole('button', { name: 'Start' }).click();
    const seen: unknown[] = [];

    await page.getByRole('dialog', { name: 'Step one' }).waitFor();
    await expect.poll(() => side(page, '#a')).toBe('right');
    seen.push(await card(page));
    await page.evaluate(() => document.getElementById('a')?.addEventListener('click', () => document.body.setAttribute('data-hit', '1')));
    await page.locator('#a').click(); // non-modal: the page stays usable
    expect(await page.getAttribute('body', 'data-hit')).toBe('1');
    await page.getByRole('button', { name: 'Next' }).click();

    await page.getByRole('dialog', { name: 'No target here' }).waitFor();
    await expect.poll(async () => {
      const c = await shadowBox(page, '.c');
      return c && Math.abs(c.x + c.width / 2 - VP.width / 2) < 2 && Math.abs(c.y + c.height / 2 - VP.height / 2) < 2;
    }).toBe(true);
    seen.push(await card(page));
    await page.getByRole('button', { name: 'Next' }).click();

    await page.getByRole('dialog', { name: 'Late target' }).waitFor();
    await page.locator('#late').waitFor(); // inserted 1 s later; the step waited for it
    await expect.poll(() => side(page, '#late')).toBe('bottom');
    await page.getByRole('button', { name: 'Next' }).click();

    await page.getByRole('dialog', { name: 'Right edge' }).waitFor({ timeout: 5000 }); // after "Never there" timed out
    await expect.poll(() => side(page, '#edge')).toBe('left'); // no room on the right: flipped
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('dialog', { name: 'Bottom edge' }).waitFor();
    await expect.poll(() => side(page, '#floor')).toBe('top');
    await page.getByRole('button', { name: 'Next' }).click();

    await page.getByRole('dialog', { name: 'Last step' }).waitFor();
    await expect.poll(() => side(page, '#b')).toBe('top');
    seen.push(await card(page));
    await page.getByRole('button', { name: 'Done' }).click();

    expect(seen).toEqual([
      // Back is there on the first step too (every step has the same controls), disabled
      { step: 'one', modal: 'false', buttons: ['Skip tour', 'Back (disabled)', 'Next'] },
      { step: 'centred', modal: 'false', buttons: ['Skip tour', 'Back', 'Next'] },
      { step: 'last', modal: 'false', buttons: ['Skip tour', 'Back', 'Done'] },
    ]);
    const events = await page.evaluate(() => window.events.filter((e) => e.step === 'late' || e.step === 'gone').map((e) => [e.step, e.type]));
    expect(events).toEqual([['late', 'step_viewed'], ['late', 'step_completed'], ['gone', 'step_viewed'], ['gone', 'target_missing'], ['gone', 'step_skipped']]);
    const waited = await page.evaluate(() => {
      const e = window.events.filter((x) => x.step === 'gone');
      return e[1].at - e[0].at;
    });
    expect(waited).toBeGreaterThanOrEqual(1000);
    expect(waited).toBeLessThan(2500);
    expect(await trailTypes(page, ['guided_path_completed'])).toEqual(['guided_path_completed']);
    expect(errors).toEqual([]);
  });
});

describe('placement with no room on the asked side', () => {
  // a full-width table on a desktop, and buttons on a phone: neither side of the asked axis fits
  const steps = ['right', 'left', 'left-start', 'right-end'].flatMap((p) => [
    { id: `wide-${p}`, target: '#wide', title: `Wide ${p}`, placement: p },
    { id: `phone-${p}`, target: '#mid', title: `Phone ${p}`, placement: p },
  ]);
  const html = '<div id="wide" style="margin:120px 40px 0;height:300px;background:#eee">table</div><button id="mid" style="position:absolute;left:150px;top:480px">Mid</button>';

  it('goes to the other axis and stays on screen, off the target (desktop and a 375 px phone)', async () => {
    Object.assign(server.routes, variant('noroom', guidedPage(html, testFlow({ tour: { steps }, quickStart: { title: 'Q', tasks: [{ id: 't', title: 'T' }] }, activation: 't' }), "{ storage: 'memory' }")));
    const seen: string[] = [];
    for (const [vp, prefix, target] of [[VP, 'wide', '#wide'], [{ width: 375, height: 667 }, 'phone', '#mid']] as const) {
      const { page, errors } = await open(browser, `${server.url}/noroom.html`, vp);
      for (const s of steps) {
        await page.getByRole('dialog', { name: s.title }).waitFor();
        if (s.id.startsWith(prefix)) {
          await expect.poll(async () => {
            const [c, t] = await Promise.all([shadowBox(page, '.c'), hostBox(page, target)]);
            return c && t && inViewport(c, vp) && sideOf(c, t) !== 'none';
          }).toBe(true);
          seen.push(`${s.id}:${sideOf((await shadowBox(page, '.c'))!, (await hostBox(page, target))!)}`);
        }
        await page.getByRole('button', { name: /^(Next|Done)$/ }).click();
      }
      expect(errors).toEqual([]);
      await page.context().close();
    }
    // top or bottom of the target, whichever has room: never beside it and off the screen
    expect(seen.every((x) => /:(top|bottom)$/.test(x)), seen.join(' ')).toBe(true);
    expect(seen).toHaveLength(8);
  });
});

describe('Quick Start', () => {
  it('is a region named by its title with "N of M" progress, per-task state and a disclosure', async () => {
    const { page, errors } = await open(browser, server.url);
    await page.getByRole('button', { name: 'Start' }).click();
    await page.getByRole('button', { name: 'Skip tour' }).click();
    const tasks = () => page.evaluate(() => [...document.querySelector('guidepost-root')!.shadowRoot!.querySelectorAll('#gp-ql li')]
      .map((li) => `${li.getAttribute('data-task')}:${li.getAttribute('data-state')}`));
    const seen: unknown[] = [];
    const snap = async () => seen.push([await quick(page).textContent(), await quick(page).getAttribute('aria-expanded'), await tasks()]);

    await page.getByRole('region', { name: 'Get going' }).waitFor();
    await snap();
    await page.evaluate(() => window.Guidepost.track('t1'));
    await expect.poll(() => quick(page).textContent()).toContain('1 of 2');
    await snap();
    // what a screen reader reads for a finished task (the flow's labels.completed, else "done")
    expect(await page.getByRole('region', { name: 'Get going' }).getByRole('listitem').allTextContents()).toEqual(['Task one (done)', 'Task two']);
    await quick(page).click();
    expect(await page.getByRole('region', { name: 'Get going' }).getByRole('list').isVisible()).toBe(false);
    await snap();
    expect(seen).toEqual([
      ['Get going0 of 2', 'true', ['t1:current', 't2:todo']],
      ['Get going1 of 2', 'true', ['t1:done', 't2:current']],
      ['Get going1 of 2', 'false', ['t1:done', 't2:current']],
    ]);
    expect(errors).toEqual([]);
  });
});
