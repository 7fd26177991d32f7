// Where the step card and spotlight sit while the page scrolls (ui/anchor.ts): the window's and a
// nested container's scrolling move them without a single style write (the host is anchored to the
// target); a card scrolled to the viewport's edge is placed again; they follow a target in a fixed
// header; and they never extend the page's scroll extent. Real Chromium, built bundle.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { guidedPage, open, testFlow, useBrowserAndServer, variant } from './harness';

const flow = (target: string, placement = 'bottom') => testFlow({
  tour: { steps: [{ id: 's', target, title: 'Here', placement }] },
  quickStart: { title: 'Go', tasks: [{ id: 'k', title: 'Task', complete: { event: 'never' } }] },
  activation: 'k',
});
const page = (name: string, html: string, target: string) => variant(name, guidedPage(`<style>body{margin:0}</style>${html}`, flow(target)));

const env = useBrowserAndServer({
  ...page('flow', '<div style="height:300px"></div><button id="t">Target</button><div style="height:3000px"></div>', '#t'),
  ...page('fixed', '<header style="position:fixed;top:0;left:0;right:0;height:60px;background:#eee"><button id="h">In the header</button></header><div style="height:3000px"></div>', '#h'),
  ...page('wide', '<div style="height:1200px"></div><nav id="n" style="height:50px;background:#eee">Full width</nav>', '#n'),
  ...page('nested', '<div style="height:200px"></div><div id="sc" style="height:400px;overflow:auto"><div style="height:300px"></div><button id="n">Nested</button><div style="height:2000px"></div></div><div style="height:2000px"></div>', '#n'),
  ...page('unpinned', '<script>CSS.supports = () => false</script><div style="height:200px"></div><div id="sc" style="height:400px;overflow:auto"><div style="height:300px"></div><button id="n">Nested</button><div style="height:2000px"></div></div><div style="height:2000px"></div>', '#n'),
  ...page('edge', '<div id="sc" style="height:800px;overflow:auto"><div style="height:1200px"></div><button id="e">Edge</button><div style="height:1200px"></div></div>', '#e'),
  ...variant('two', guidedPage('<style>body{margin:0}</style><button id="a">A</button><div style="height:300px"></div><button id="b">B</button>', testFlow({
    tour: { steps: [{ id: 'a', target: '#a', title: 'One' }, { id: 'b', target: '#b', title: 'Two' }] },
    quickStart: { title: 'Go', tasks: [{ id: 'k', title: 'Task', complete: { event: 'never' } }] },
    activation: 'k',
  }))),
  ...page('aside', '<div style="height:100px"></div><button id="o" style="position:absolute;top:100px;left:-3000px">Moved aside</button>', '#o'),
  // a target that comes late, below the fold of its scroll container (the window shows the container)
  ...variant('late', guidedPage('<style>body{margin:0}</style><div id="sc" style="height:150px;overflow:auto"><div style="height:600px"></div></div>', flow('#late'), '{}',
    "setTimeout(function () { document.getElementById('sc').insertAdjacentHTML('beforeend', '<button id=\"late\">Late</button><div style=\"height:600px\"></div>'); }, 300);")),
  // a target partly cut off by a box that hides its overflow on purpose (a truncated label, a carousel)
  ...page('hidden', '<div id="ov" style="width:100px;overflow:hidden;white-space:nowrap"><span style="display:inline-block;width:80px"></span><button id="h">Half hidden</button></div>', '#h'),
  ...page('hidden-below', '<div style="height:1500px"></div><div id="ov" style="width:100px;overflow:hidden;white-space:nowrap"><span style="display:inline-block;width:80px"></span><button id="h">Half hidden</button></div><div style="height:1500px"></div>', '#h'),
  ...page('clipped', '<div style="height:400px"></div><div id="sc" style="height:200px;overflow:auto"><div style="height:1000px"></div><button id="d">Deep</button><div style="height:100px"></div></div>', '#d'),
});

/** The card's and spotlight's boxes and the target's (viewport px), once the card shows. */
async function boxes(p: Page, target: string) {
  await p.getByRole('dialog', { name: 'Here' }).waitFor();
  return p.evaluate((sel) => {
    const root = document.querySelector('guidepost-root')!.shadowRoot!;
    const box = (el: Element) => {
      const r = el.getBoundingClientRect();
      return { x: Math.round(r.x), y: Math.round(r.y), right: Math.round(r.right), bottom: Math.round(r.bottom) };
    };
    return { card: box(root.querySelector('.c')!), spot: box(root.querySelector('.s')!), target: box(document.querySelector(sel)!) };
  }, target);
}
const extent = (p: Page) => p.evaluate(() => {
  const v = document.scrollingElement!;
  return [v.scrollWidth, v.scrollHeight];
});
/** From now on, records attribute writes on the UI's host and everything in its shadow root, as "element.attribute" (read with writes). */
const countWrites = (p: Page) => p.evaluate(() => {
  const w = window as unknown as { writes: string[] };
  w.writes = [];
  const host = document.querySelector('guidepost-root')!;
  const count = new MutationObserver((l) => l.forEach((m) => w.writes.push(`${(m.target as Element).localName}.${(m.target as Element).className}.${m.attributeName}`)));
  count.observe(host, { attributes: true });
  count.observe(host.shadowRoot!, { subtree: true, attributes: true });
});
const writes = (p: Page) => p.evaluate(() => (window as unknown as { writes: string[] }).writes);
const frames = (p: Page, n: number, each = '') => p.evaluate(`(async () => { for (let i = 0; i < ${n}; i++) { ${each}; await new Promise(requestAnimationFrame); } })()`);

describe('the host pinned to the target', () => {
  it('moves from one step\'s target to the next with one hide and show, and goes back to the origin after the last', async () => {
    const { page: p, errors } = await open(env.browser, `${env.server.url}/two.html`);
    await p.getByRole('dialog', { name: 'One' }).waitFor();
    const toggles = await p.evaluate(() => {
      const w = window as unknown as { toggles: string[] };
      w.toggles = [];
      document.querySelector('guidepost-root')!.addEventListener('beforetoggle', (e) => w.toggles.push((e as ToggleEvent).newState));
      return w.toggles;
    });
    await p.getByRole('dialog', { name: 'One' }).getByRole('button', { name: 'Next' }).click();
    await p.getByRole('dialog', { name: 'Two' }).waitFor();
    const at = () => p.evaluate(() => {
      const host = document.querySelector('guidepost-root')!;
      const h = host.getBoundingClientRect();
      const t = document.querySelector('#b')!.getBoundingClientRect();
      return { pinned: host.hasAttribute('data-at'), onTarget: Math.abs(h.x - t.x) < 1 && Math.abs(h.y - t.y) < 1 };
    });
    expect({ toggles: await p.evaluate(() => (window as unknown as { toggles: string[] }).toggles), at: await at() })
      .toEqual({ toggles: [...toggles, 'closed', 'open'], at: { pinned: true, onTarget: true } });
    await p.getByRole('dialog', { name: 'Two' }).getByRole('button', { name: 'Done' }).click();
    await p.getByRole('dialog', { name: 'Two' }).waitFor({ state: 'detached' });
    expect(await at()).toEqual({ pinned: false, onTarget: false });
    expect(errors).toEqual([]);
  });
});

/** Page `name`'s boxes before and after `n` frames of `step` (and `settle` quiet ones) with its step open, and the attribute writes meanwhile. */
async function scrolled(name: string, target: string, step: string, n = 40, settle = 0) {
  const { page: p, errors } = await open(env.browser, `${env.server.url}/${name}.html`);
  const before = await boxes(p, target);
  // the Quick Start's corner is checked once, in an idle period after the card shows (ui/createUi.tsx's
  // asideSoon): under load that came in the frames below, and its write was counted as the scroll's
  await p.evaluate(() => new Promise((r) => requestIdleCallback(r)));
  await countWrites(p);
  await frames(p, n, step);
  await frames(p, settle);
  return { p, before, after: await boxes(p, target), writes: await writes(p), errors };
}

describe('the card and spotlight while the page scrolls', () => {
  it('move with the window by themselves: no style is written while it scrolls', async () => {
    const { before, after, writes, errors } = await scrolled('flow', '#t', 'scrollBy(0, 3)');
    expect(after.target.y).toBe(before.target.y - 120);
    expect({ writes, card: after.card.y - after.target.y, spot: after.spot.y - after.target.y, errors })
      .toEqual({ writes: [], card: before.card.y - before.target.y, spot: -4, errors: [] });
  });

  it('follow a target in a nested scroll container by themselves: no style is written while it scrolls', async () => {
    const { before, after, writes, errors } = await scrolled('nested', '#n', "document.getElementById('sc').scrollTop += 3");
    expect(after.target.y).toBe(before.target.y - 120);
    expect({ writes, card: [after.card.x - after.target.x, after.card.y - after.target.y],
      spot: [after.spot.x - after.target.x, after.spot.y - after.target.y, after.spot.bottom - after.target.bottom], errors })
      .toEqual({ writes: [], card: [before.card.x - before.target.x, before.card.y - before.target.y], spot: [-4, -4, 4], errors: [] });
  });

  it('flips the card above its target when a nested container scrolls the target to the foot of the viewport', async () => {
    const { before, after, errors } = await scrolled('edge', '#e', "document.getElementById('sc').scrollTop -= 10", 30, 3);
    expect({ below: before.card.y - before.target.bottom, moved: after.target.y - before.target.y, above: after.target.y - after.card.bottom, onScreen: after.card.y >= 8 && after.card.bottom <= 792, errors })
      .toEqual({ below: 12, moved: 300, above: 12, onScreen: true, errors: [] });
  });

  it('follow a nested container and the window without CSS anchor positioning too (the container by writing, the window by themselves)', async () => {
    const { page: p, errors } = await open(env.browser, `${env.server.url}/unpinned.html`);
    const before = await boxes(p, '#n');
    await frames(p, 40, "document.getElementById('sc').scrollTop += 3");
    const nested = await boxes(p, '#n');
    await countWrites(p);
    await frames(p, 40, 'scrollBy(0, 3)');
    const after = await boxes(p, '#n');
    const offsets = (b: typeof before) => [b.card.x - b.target.x, b.card.y - b.target.y, b.spot.x - b.target.x, b.spot.y - b.target.y];
    expect({ pinned: await p.evaluate(() => document.querySelector('guidepost-root')!.hasAttribute('data-at')), moved: [nested.target.y - before.target.y, after.target.y - nested.target.y],
      offsets: [offsets(nested), offsets(after)], writes: await writes(p), errors })
      .toEqual({ pinned: false, moved: [-120, -120], offsets: [offsets(before), offsets(before)], writes: [], errors: [] });
  });

  it('leave with a target scrolled out of view, not pinned at the edge over the page', async () => {
    const { page: p, errors } = await open(env.browser, `${env.server.url}/flow.html`);
    await boxes(p, '#t');
    await p.evaluate(() => scrollTo(0, 1500));
    await frames(p, 3);
    const { card, target } = await boxes(p, '#t');
    expect({ targetAbove: target.bottom < 0, cardAbove: card.bottom <= 0, errors }).toEqual({ targetAbove: true, cardAbove: true, errors: [] });
  });

  it('follows a target in a fixed header while the window scrolls under it', async () => {
    const { p, before, after, errors } = await scrolled('fixed', '#h', 'scrollBy(0, 25)', 20, 2);
    expect({ scrolled: await p.evaluate(() => scrollY), card: after.card, spot: after.spot, errors }).toEqual({ scrolled: 500, card: before.card, spot: before.spot, errors: [] });
  });
});

describe('bringing a target into view', () => {
  it('scrolls a target that comes late into view inside its scroll container, and puts the card next to it', async () => {
    const { page: p, errors } = await open(env.browser, `${env.server.url}/late.html`);
    const { card, target } = await boxes(p, '#late');
    const box = await p.evaluate(() => {
      const r = document.getElementById('sc')!.getBoundingClientRect();
      return { y: r.y, bottom: r.bottom };
    });
    expect({ inContainer: target.y >= box.y && target.bottom <= box.bottom, below: card.y - target.bottom, errors }).toEqual({ inContainer: true, below: 12, errors: [] });
  });

  it('does not scroll a box that hides its overflow on purpose, in view or below the fold', async () => {
    for (const name of ['hidden', 'hidden-below']) {
      const { page: p, errors } = await open(env.browser, `${env.server.url}/${name}.html`);
      const { target } = await boxes(p, '#h');
      expect({ name, scrolled: await p.evaluate(() => document.getElementById('ov')!.scrollLeft), inView: target.y >= 0 && target.bottom <= 800, errors })
        .toEqual({ name, scrolled: 0, inView: true, errors: [] });
      await p.context().close();
    }
  });
});

describe("the page's scroll extent", () => {
  it('is not extended by a spotlight round a full-width target at the foot of the page', async () => {
    const { page: p, errors } = await open(env.browser, `${env.server.url}/wide.html`);
    const { spot, target, card } = await boxes(p, '#n');
    expect({ extent: await extent(p), overTarget: spot.x <= target.x && spot.bottom >= target.bottom && spot.y === target.y - 4, cardAbove: card.bottom <= target.y, errors })
      .toEqual({ extent: [1280, 1250], overTarget: true, cardAbove: true, errors: [] });
  });

  it('is not extended when a nested container scrolls the target far below the page', async () => {
    const { page: p, errors } = await open(env.browser, `${env.server.url}/clipped.html`);
    await boxes(p, '#d');
    await p.evaluate(() => (document.getElementById('sc')!.scrollTop = 0));
    await frames(p, 3);
    const { target } = await boxes(p, '#d');
    expect({ below: target.y > 1000, extent: await extent(p), errors }).toEqual({ below: true, extent: [1280, 800], errors: [] });
  });
});

describe('a target that scrolling cannot bring into view', () => {
  it('gets its card in the middle of the viewport, with no spotlight, and is not missing', async () => {
    const { page: p, errors } = await open(env.browser, `${env.server.url}/aside.html`);
    const { card } = await boxes(p, '#o');
    const seen = await p.evaluate(() => ({
      spot: getComputedStyle(document.querySelector('guidepost-root')!.shadowRoot!.querySelector('.s')!).visibility,
      trail: (window as unknown as { Guidepost: { trail(): Array<{ type: string }> } }).Guidepost.trail().map((e) => e.type).filter((t) => t.startsWith('step_') || t === 'target_missing'),
    }));
    const middle = { x: Math.round((card.x + card.right) / 2), y: Math.round((card.y + card.bottom) / 2) };
    expect({ nearMiddle: Math.abs(middle.x - 640) <= 1 && Math.abs(middle.y - 400) <= 1, ...seen, errors })
      .toEqual({ nearMiddle: true, spot: 'hidden', trail: ['step_viewed'], errors: [] });
  });
});
