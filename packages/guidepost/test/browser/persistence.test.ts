// Progress persists per flow and user: a reload resumes at the same step with the same trail;
// 'memory' storage forgets; a host adapter whose methods return Promises is enough.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { guidedPage, launch, open, serve, testFlow, variant } from './harness';

const flow = testFlow({
  welcome: { title: 'Welcome', body: 'Three tasks.', cta: 'Start' },
  quickStart: { title: 'Get going', tasks: [
    { id: 't1', title: 'Task one', complete: { event: 't1' } },
    { id: 't2', title: 'Task two', complete: { event: 't2' } },
    { id: 't3', title: 'Task three', complete: { event: 't3' } },
  ] },
  activation: 't3',
});
// an async adapter over sessionStorage, slower than the page (load 50 ms, save 10 ms)
const ASYNC = `{ storage: {
  load: function (k) { return new Promise(function (r) { setTimeout(function () { r(sessionStorage.getItem(k)); }, 50); }); },
  save: function (k, v) { return new Promise(function (r) { setTimeout(function () { sessionStorage.setItem(k, v); r(); }, 10); }); },
} }`;

let browser: Browser;
let server: Awaited<ReturnType<typeof serve>>;
beforeAll(async () => {
  [browser, server] = await Promise.all([launch(), serve({
    ...guidedPage('', flow),
    ...variant('memory', guidedPage('', flow, "{ storage: 'memory' }")),
    ...variant('async', guidedPage('', flow, ASYNC)),
  })]);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const summary = (page: Page) => page.evaluate(() => {
  const t = window.Guidepost.trail();
  return {
    step: window.Guidepost.state().step,
    welcomes: t.filter((e) => e.type === 'welcome_viewed').length,
    seqs: t.map((e) => e.seq).join(','),
    ids: new Set(t.map((e) => e.id)).size === t.length,
  };
});
const seq = (n: number) => Array.from({ length: n }, (_, i) => i + 1).join(',');

/** Welcome → Start → task one done; waits until the progress has been written. */
async function firstTask(page: Page, saved: () => boolean) {
  await page.getByRole('button', { name: 'Start' }).click();
  await page.evaluate(() => window.Guidepost.track('t1'));
  await page.waitForFunction(saved);
}

describe('persistence', () => {
  it('resumes mid-Quick-Start after a reload at the same task, with no second welcome and a gapless seq', async () => {
    const { page, errors } = await open(browser, server.url);
    await firstTask(page, () => (localStorage.getItem('guidepost:ui-test:u1') ?? '').includes('"t1"'));
    const before = await summary(page);
    await page.reload();
    await page.getByRole('region', { name: 'Get going' }).waitFor();
    const after = await summary(page);
    expect(await page.getByRole('dialog').count()).toBe(0);
    await page.evaluate(() => window.Guidepost.track('t2'));
    const n = await page.evaluate(() => window.Guidepost.trail().length);
    expect({ before: before.step, after }).toEqual({ before: 't2', after: { ...before } });
    expect(await summary(page)).toEqual({ step: 't3', welcomes: 1, seqs: seq(n), ids: true });
    expect(errors).toEqual([]);
  });

  it("forgets everything on reload with storage: 'memory'", async () => {
    const { page, errors } = await open(browser, `${server.url}/memory.html`);
    await firstTask(page, () => window.Guidepost.state().step === 't2');
    await page.reload();
    await page.getByRole('dialog', { name: 'Welcome' }).waitFor();
    expect(await summary(page)).toEqual({ step: null, welcomes: 1, seqs: '1,2,3', ids: true });
    expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('guidepost')))).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('keeps progress through a host adapter whose load and save return Promises', async () => {
    const { page, errors } = await open(browser, `${server.url}/async.html`);
    await firstTask(page, () => (sessionStorage.getItem('guidepost:ui-test:u1') ?? '').includes('"t1"'));
    const before = await summary(page);
    await page.reload();
    await page.getByRole('region', { name: 'Get going' }).waitFor();
    expect(await summary(page)).toEqual(before);
    expect(before.step).toBe('t2');
    expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('guidepost')))).toEqual([]);
    expect(errors).toEqual([]);
  });
});
