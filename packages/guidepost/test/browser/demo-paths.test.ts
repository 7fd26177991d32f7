// Every path of the sample flow, end to end through the Acme demo (real server, strict CSP, the
// built bundle): welcome → tour anchored at the real UI → Quick Start completed through the app's
// own buttons and links → activation with time-to-value.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { hostBox, launch, openAs, shadowBox, sideOf, startDemo, trailTypes, waitForEvent } from './harness';

let browser: Browser;
let demo: { url: string; close(): Promise<void> };
beforeAll(async () => {
  [browser, demo] = await Promise.all([launch(), startDemo()]);
});
afterAll(async () => {
  await browser?.close();
  await demo?.close();
});

const MILESTONES = ['flow_started', 'segment_assigned', 'welcome_viewed', 'first_action_started', 'guided_path_completed',
  'core_task_completed', 'first_value_created', 'flow_dismissed', 'tour_skipped', 'flow_invalid', 'sdk_error'];

/** The side of `target` the open tour card sits on, once it has been placed. */
const cardSide = async (page: Page, target: string) => {
  const [card, t] = await Promise.all([shadowBox(page, '.c'), hostBox(page, target)]);
  return card && t ? sideOf(card, t) : 'none';
};

/** Checks the step dialog named `title` is open and anchored on `side` of `target`, then returns. */
async function expectStep(page: Page, title: string, target: string, side: string) {
  await page.getByRole('dialog', { name: title }).waitFor();
  await expect.poll(() => cardSide(page, target)).toBe(side);
}

const activation = (page: Page) => page.evaluate(() => {
  const e = window.Guidepost.trail().find((x) => x.type === 'first_value_created');
  return { step: e?.step, ttv: e?.data?.timeToValueMs as number, state: window.Guidepost.state().timeToValueMs };
});

describe('the demo', () => {
  it('walks an admin from welcome to the first live dashboard', async () => {
    const { page, errors } = await openAs(browser, demo.url, 'admin');
    await page.getByRole('dialog', { name: 'Welcome, Ada' }).waitFor();
    await page.getByRole('button', { name: 'Import my data' }).click();

    await expectStep(page, 'Your data lives here', '[data-tour=nav-sources]', 'right');
    await page.locator('[data-tour=nav-sources]').click(); // the step's own trigger: pushState to /sources
    await expectStep(page, 'Add a source', '[data-tour=add-source]', 'bottom');
    await page.getByRole('button', { name: 'Done' }).click();

    const region = page.getByRole('region', { name: 'Set up your workspace' });
    await expect.poll(() => region.getByRole('button').textContent()).toContain('0 of 3');
    await page.locator('[data-tour=add-source]').click();
    await page.getByRole('button', { name: /Sample CSV/ }).click();
    await expect.poll(() => region.getByRole('button').textContent()).toContain('1 of 3');
    await page.locator('[data-tour=nav-dashboards]').click();
    await page.getByRole('link', { name: /Q3 revenue/ }).click();
    await waitForEvent(page, 'first_value_created');
    await page.getByRole('link', { name: 'Team' }).click();
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await page.getByRole('button', { name: 'Simulate teammate accepts' }).click();
    await expect.poll(() => region.getByRole('button').textContent()).toContain('3 of 3');

    const a = await activation(page);
    expect(a.step).toBe('first-dashboard');
    expect(a.ttv).toBeGreaterThan(0);
    expect(a.state).toBe(a.ttv);
    expect(await trailTypes(page, MILESTONES)).toEqual(['flow_started', 'segment_assigned', 'welcome_viewed', 'first_action_started',
      'guided_path_completed', 'core_task_completed', 'first_value_created']);
    expect(await page.evaluate(() => window.Guidepost.state())).toMatchObject({ segment: 'team-admin', path: 'admin-setup', status: 'done',
      completed: ['find-sources', 'add-source', 'import-data', 'first-dashboard', 'invite-teammate'] });
    expect(errors).toEqual([]);
  });

  for (const [persona, name, segment] of [['member', 'Max', 'self-serve'], ['sso', 'Sam', 'sso-member']] as const) {
    it(`walks a ${persona} user from welcome to a shared first report`, async () => {
      const { page, errors } = await openAs(browser, demo.url, persona);
      await page.getByRole('dialog', { name: `Hi ${name}, let's build your first report` }).waitFor();
      await page.getByRole('button', { name: 'Show me how' }).click();

      await expectStep(page, 'Reports', '[data-tour=nav-reports]', 'right');
      await page.locator('[data-tour=nav-reports]').click();
      await expectStep(page, 'Start a report', '[data-tour=new-report]', 'bottom');
      await page.getByRole('button', { name: 'Done' }).click();

      const region = page.getByRole('region', { name: 'Your first report' });
      await expect.poll(() => region.getByRole('button').textContent()).toContain('0 of 2');
      await page.locator('[data-tour=new-report]').click(); // track('report_created') + pushState to /reports/:id
      await expect.poll(() => region.getByRole('button').textContent()).toContain('1 of 2');
      await page.locator('[data-tour=share]').click();
      await waitForEvent(page, 'first_value_created');

      const a = await activation(page);
      expect(a.step).toBe('share-report');
      expect(a.ttv).toBeGreaterThan(0);
      expect(await trailTypes(page, MILESTONES)).toEqual(['flow_started', 'segment_assigned', 'welcome_viewed', 'first_action_started',
        'guided_path_completed', 'core_task_completed', 'first_value_created']);
      expect(await page.evaluate(() => window.Guidepost.state())).toMatchObject({ segment, path: 'member-first-report', status: 'done' });
      expect(errors).toEqual([]);
    });
  }

  it('fits a phone: nothing wider than the screen, and every dialog and the Quick Start on it', async () => {
    const context = await browser.newContext({ viewport: { width: 375, height: 667 }, isMobile: true, hasTouch: true });
    await context.addInitScript(() => localStorage.setItem('acme.persona', 'admin'));
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await page.goto(demo.url);
    // a page wider than the screen widens the layout viewport, and every fixed box (the SDK's
    // dialogs and panel too) with it, off the visible screen
    const onScreen = async (sel: string) => {
      const b = await shadowBox(page, sel);
      return !!b && b.x >= 0 && b.y >= 0 && b.x + b.width <= 375 && b.y + b.height <= 667;
    };
    await page.getByRole('dialog', { name: 'Welcome, Ada' }).waitFor();
    const wide = await page.evaluate(() => [innerWidth, document.documentElement.scrollWidth]);
    const welcome = await onScreen('dialog');
    await page.keyboard.press('Enter');
    await page.getByRole('dialog', { name: 'Your data lives here' }).waitFor();
    await expect.poll(() => onScreen('.c')).toBe(true);
    expect({ wide, welcome, quick: await onScreen('.q'), errors }).toEqual({ wide: [375, 375], welcome: true, quick: true, errors: [] });
    await context.close();
  });

  it('routes an SSO user without a role to the permissions exception, not the path', async () => {
    const { page, errors } = await openAs(browser, demo.url, 'sso_norole');
    await waitForEvent(page, 'handoff_requested');
    const st = await page.evaluate(() => window.Guidepost.state());
    expect({ segment: st.segment, status: st.status, kind: st.exception?.kind }).toEqual({ segment: 'sso-member', status: 'blocked', kind: 'permissions' });
    expect(await trailTypes(page)).toEqual(['flow_started', 'segment_assigned', 'role_mismatch_detected', 'permissions_review_open', 'handoff_requested']);
    expect(await page.getByRole('dialog').count()).toBe(0); // no welcome, no tour: nothing to guide until access is fixed
    expect(errors).toEqual([]);
  });
});
