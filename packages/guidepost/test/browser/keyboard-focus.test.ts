// Keyboard-only use: a whole path of the demo with Tab, Shift+Tab and Enter only; focus
// moving into each dialog as it opens and back to the host's element when guidance closes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { focused, hostPage, launch, NO_FAVICON, open, openAs, serve, startDemo, testFlow, trailTypes, variant, waitForEvent } from './harness';

/** Presses `key` until the host element matching `sel` has focus (a keyboard user looking for it). */
async function tabTo(page: Page, sel: string, key = 'Tab') {
  for (let i = 0; i < 80; i++) {
    if (await page.evaluate((s) => document.activeElement?.matches(s), sel)) return;
    await page.keyboard.press(key);
  }
  throw new Error(`${key} never reached ${sel}`);
}

const flow = testFlow({
  welcome: { title: 'Welcome', body: 'Hello.', cta: 'Start' },
  tour: { steps: [{ id: 'one', target: '#b', title: 'Step one' }, { id: 'two', target: '#b', title: 'Step two' }] },
  quickStart: { title: 'Get going', tasks: [{ id: 't1', title: 'Task one', complete: { event: 't1' } }] },
  activation: 't1',
});
// the host's own field has focus when Guidepost starts (as it would after a sign-up form)
const PAGE = hostPage('<label>Name <input id="name"></label> <button id="b">Target</button>',
  `document.getElementById('name').focus();
window.gp = Guidepost.init({ flow: ${JSON.stringify(flow)}, user: { id: 'u1' }, storage: 'memory' });`, NO_FAVICON);

// a page's own modal with a focus trap (as Bootstrap's and MUI's): focus that lands outside it is pulled back in
const TRAP = hostPage('<div id="m" role="dialog" aria-modal="true"><button id="in">Inside</button></div>',
  `document.addEventListener('focusin', function (e) { if (!document.getElementById('m').contains(e.target)) document.getElementById('in').focus(); });
document.getElementById('in').focus();
window.gp = Guidepost.init({ flow: ${JSON.stringify(testFlow({ tour: { steps: [{ id: 'one', target: '#in', title: 'Step one' }, { id: 'two', title: 'Step two' }] },
  quickStart: { title: 'Get going', tasks: [{ id: 't1', title: 'Task one', complete: { event: 't1' } }] }, activation: 't1' }))}, user: { id: 'u1' }, storage: 'memory' });`, NO_FAVICON);

let browser: Browser;
let demo: { url: string; close(): Promise<void> };
let server: Awaited<ReturnType<typeof serve>>;
beforeAll(async () => {
  [browser, demo, server] = await Promise.all([launch(), startDemo(), serve({ ...PAGE, ...variant('trap', TRAP) })]);
});
afterAll(async () => {
  await browser?.close();
  await demo?.close();
  await server?.close();
});

describe('keyboard', () => {
  it('finishes the member path of the demo with Tab, Shift+Tab and Enter only', async () => {
    const { page, errors } = await openAs(browser, demo.url, 'member');
    await page.getByRole('dialog', { name: "Hi Max, let's build your first report" }).waitFor();
    await expect.poll(() => focused(page)).toBe('Show me how');
    await page.keyboard.press('Enter');

    await page.getByRole('dialog', { name: 'Reports' }).waitFor();
    await expect.poll(() => focused(page)).toBe('Next');
    await tabTo(page, '[data-tour=nav-reports]', 'Shift+Tab'); // back out of the card into the page's nav
    await page.keyboard.press('Enter'); // the step completes on that link's activation
    await page.getByRole('dialog', { name: 'Start a report' }).waitFor();
    await expect.poll(() => focused(page)).toBe('Done');
    await page.keyboard.press('Enter');
    await waitForEvent(page, 'guided_path_completed');

    await tabTo(page, '[data-tour=new-report]');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/reports\/r-/);
    await tabTo(page, '[data-tour=share]');
    await page.keyboard.press('Enter');
    await waitForEvent(page, 'first_value_created');
    expect(await trailTypes(page, ['welcome_viewed', 'first_action_started', 'guided_path_completed', 'core_task_completed', 'first_value_created']))
      .toEqual(['welcome_viewed', 'first_action_started', 'guided_path_completed', 'core_task_completed', 'first_value_created']);
    expect(errors).toEqual([]);
  });

  it("keeps the focus in a card that opens while the page's own modal traps the focus, and Tab reaches it from the modal", async () => {
    const { page, errors } = await open(browser, `${server.url}/trap.html`);
    await page.getByRole('dialog', { name: 'Step one' }).waitFor();
    await page.waitForTimeout(100);
    expect(await focused(page)).toBe('Next');
    await page.focus('#in');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('Skip tour');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.getByRole('dialog', { name: 'Step two' }).waitFor();
    await page.waitForTimeout(100);
    expect(await focused(page)).toBe('Done');
    // the modal goes (as a framework unmounts it): the UI goes back to <html> and still shows
    const parent = () => page.evaluate(() => document.querySelector('guidepost-root')!.parentElement?.localName);
    expect(await parent()).toBe('div');
    await page.evaluate(() => document.getElementById('m')!.remove());
    await expect.poll(parent).toBe('html');
    await page.getByRole('dialog', { name: 'Step two' }).waitFor();
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('moves focus into each dialog and back to the host field; Escape dismisses the welcome and skips the tour', async () => {
    const { page, errors } = await open(browser, server.url);
    const seen: unknown[] = [];
    await page.getByRole('dialog', { name: 'Welcome' }).waitFor();
    await expect.poll(() => focused(page)).toBe('Start');
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    seen.push(await focused(page));

    await page.evaluate(() => window.Guidepost.start());
    await page.getByRole('dialog', { name: 'Welcome' }).waitFor();
    await expect.poll(() => focused(page)).toBe('Start');
    await page.keyboard.press('Enter');
    await page.getByRole('dialog', { name: 'Step one' }).waitFor();
    await expect.poll(() => focused(page)).toBe('Next');
    await page.keyboard.press('Enter');
    await page.getByRole('dialog', { name: 'Step two' }).waitFor();
    await expect.poll(() => focused(page)).toBe('Done');
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    seen.push(await focused(page));

    expect(seen).toEqual(['name', 'name']);
    const trail = await page.evaluate(() => window.Guidepost.trail().filter((e) => ['flow_dismissed', 'tour_skipped'].includes(e.type)).map((e) => [e.type, e.basis]));
    expect(trail).toEqual([['flow_dismissed', 'user'], ['tour_skipped', 'escape']]);
    expect(errors).toEqual([]);
  });

  it("skips the tour on Escape with the focus on the page, except in a field, the page's open dropdown, or when the page's own handler used it", async () => {
    const { page, errors } = await open(browser, server.url);
    await page.getByRole('dialog', { name: 'Welcome' }).waitFor();
    await page.keyboard.press('Enter');
    await page.getByRole('dialog', { name: 'Step one' }).waitFor();
    const status = () => page.evaluate(() => window.Guidepost.state().status);
    await page.focus('#name');
    await page.keyboard.press('Escape');
    await page.evaluate(() => document.getElementById('b')!.setAttribute('aria-expanded', 'true')); // a dropdown's toggle, open
    await page.focus('#b');
    await page.keyboard.press('Escape');
    expect(await status()).toBe('tour');
    await page.evaluate(() => document.getElementById('b')!.setAttribute('aria-expanded', 'false'));
    // a page whose own Escape handler used the key (reveal.js opens its overview and calls preventDefault)
    await page.evaluate(() => document.addEventListener('keydown', (e) => e.key === 'Escape' && e.preventDefault(), { once: true }));
    await page.keyboard.press('Escape');
    expect(await status()).toBe('tour');
    await page.keyboard.press('Escape');
    await expect.poll(status).toBe('tasks');
    expect(await page.evaluate(() => window.Guidepost.trail().filter((e) => e.type === 'tour_skipped').map((e) => e.basis))).toEqual(['escape']);
    expect(errors).toEqual([]);
  });
});
