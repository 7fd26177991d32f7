// The Node half of the benchmark: one fresh page per library and run, CDP metrics around each
// phase (Performance.getMetrics), and the idle / heap / listener checks.
import { benchRuntime } from './runtime.mjs';
import { STEPS } from './host.mjs';
import { benchFlow } from './adapters.mjs';

const VIEWPORT = { width: 1280, height: 800 };

async function metrics(cdp) {
  const { metrics: list } = await cdp.send('Performance.getMetrics');
  return Object.fromEntries(list.map((m) => [m.name, m.value]));
}
const ms = (a, b, ...keys) => keys.reduce((s, k) => s + (b[k] - a[k]) * 1000, 0);
const frames = (page, n = 2) => page.evaluate(async (k) => { for (let i = 0; i < k; i++) await window.__bench.frame(); }, n);

/** A fresh context and page on the host page of `size` elements, with the library loaded and set up. */
export async function openLib(browser, url, size, lib) {
  const ctx = await browser.newContext({ viewport: VIEWPORT });
  await ctx.addInitScript(benchRuntime, STEPS);
  const page = await ctx.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto(`${url}/host/${size}.html`, { waitUntil: 'load' });
  const cdp = await ctx.newCDPSession(page);
  await cdp.send('Performance.enable');
  await frames(page);
  const nodes = await page.evaluate(() => document.getElementsByTagName('*').length);
  const m0 = await metrics(cdp);
  for (const name of Object.keys(lib.css)) {
    await page.evaluate((href) => new Promise((ok, ko) => {
      const l = Object.assign(document.createElement('link'), { rel: 'stylesheet', href, onload: ok, onerror: ko });
      document.head.append(l);
    }), `/lib/${name}`);
  }
  await frames(page);
  const m1 = await metrics(cdp);
  const entry = lib.entry ?? Object.keys(lib.js)[0];
  await page.evaluate(({ src, module }) => new Promise((ok, ko) => {
    const s = Object.assign(document.createElement('script'), { src, onload: ok, onerror: ko });
    if (module) s.type = 'module';
    document.head.append(s);
  }), { src: `/lib/${entry}`, module: entry.endsWith('.mjs') });
  const m2 = await metrics(cdp);
  await page.evaluate(`(${lib.setup})(${JSON.stringify(STEPS)}, ${JSON.stringify(benchFlow(STEPS))})`);
  return {
    ctx, page, cdp, errors, nodes,
    load: { evalMs: ms(m1, m2, 'ScriptDuration'), styleMs: ms(m0, m1, 'RecalcStyleDuration', 'LayoutDuration') },
  };
}

const call = (page, fn, ...args) => page.evaluate(([f, a]) => window.__bench[f](...a), [fn, args]);

/** Start → first step, Next ×4, Done, destroy. Per-step results are { ms, state }. */
export async function tour(page) {
  const first = await call(page, 'first');
  const steps = [];
  for (let i = 1; i < STEPS.length && steps.every((s) => s.ms !== null) && first.ms !== null; i++) steps.push(await call(page, 'next', i));
  await call(page, 'finish');
  return { first, steps };
}

/** From the top again: step 2 open while the window scrolls 120 frames, step 3 while #scroller does. */
export async function scrolling(page, cdp) {
  await page.evaluate(() => {
    window.scrollTo(0, 0);
    document.getElementById('scroller').scrollTop = 0;
  });
  const out = {};
  /** 120 frames of scrolling `where` with step `step` open: layout + style + script, and counts. */
  const scrollCost = async (where, step) => {
    const a = await metrics(cdp);
    const r = await call(page, 'scroll', where, step);
    const b = await metrics(cdp);
    return { ...r, ms: ms(a, b, 'LayoutDuration', 'RecalcStyleDuration', 'ScriptDuration'),
      recalcs: b.RecalcStyleCount - a.RecalcStyleCount, layouts: b.LayoutCount - a.LayoutCount };
  };
  const ok = (await call(page, 'first')).ms !== null && (await call(page, 'next', 1)).ms !== null;
  if (ok) {
    out.window = await scrollCost('window', 1);
    if ((await call(page, 'next', 2)).ms !== null) out.nested = await scrollCost('nested', 2);
  }
  await page.evaluate(() => window.__lib.destroy());
  return out;
}

/** Callbacks fired in `seconds` with the first step open and nothing happening (after 1 s to settle). */
export async function idle(page, seconds) {
  const first = await call(page, 'first');
  await page.waitForTimeout(1000);
  await page.evaluate(() => window.__bench.reset());
  await page.waitForTimeout(seconds * 1000);
  const counts = await page.evaluate(() => ({ ...window.__bench.counts }));
  await page.evaluate(() => window.__lib.destroy());
  return { visible: first.ms !== null, counts, total: Object.values(counts).reduce((a, b) => a + b, 0) };
}

/** Self sizes in a heap snapshot: all nodes, and the part that is compiled code (JIT tiers). */
async function heapSnapshot(cdp) {
  const chunks = [];
  const onChunk = (e) => chunks.push(e.chunk);
  cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
  await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk);
  const { snapshot: { meta }, nodes } = JSON.parse(chunks.join(''));
  const n = meta.node_fields.length;
  const ti = meta.node_fields.indexOf('type');
  const si = meta.node_fields.indexOf('self_size');
  const code = meta.node_types[0].indexOf('code');
  let total = 0;
  let compiled = 0;
  for (let i = 0; i < nodes.length; i += n) {
    total += nodes[i + si];
    if (nodes[i + ti] === code) compiled += nodes[i + si];
  }
  return { total, code: compiled };
}

async function snapshot(page, cdp) {
  for (let i = 0; i < 3; i++) await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  const snap = await heapSnapshot(cdp);
  let listeners = 0;
  for (const expression of ['window', 'document']) {
    const { result } = await cdp.send('Runtime.evaluate', { expression });
    listeners += (await cdp.send('DOMDebugger.getEventListeners', { objectId: result.objectId })).listeners.length;
    await cdp.send('Runtime.releaseObject', { objectId: result.objectId });
  }
  const nodes = await page.evaluate(() => document.getElementsByTagName('*').length);
  return { heap: usedSize, objects: snap.total - snap.code, listeners, nodes };
}

/** One warm-up cycle, then `cycles` start → full tour → destroy cycles: heap, listener and node growth. */
export async function cycles(page, cdp, count) {
  await cdp.send('HeapProfiler.enable');
  await cdp.send('DOMDebugger.enable').catch(() => {});
  let failed = 0;
  const one = async () => {
    const r = await tour(page);
    if (r.first.ms === null || r.steps.some((s) => s.ms === null)) failed++;
  };
  await one();
  const before = await snapshot(page, cdp);
  for (let i = 0; i < count; i++) await one();
  const after = await snapshot(page, cdp);
  return { count, failed, heapDelta: after.heap - before.heap, objectDelta: after.objects - before.objects, listenerDelta: after.listeners - before.listeners, nodeDelta: after.nodes - before.nodes, before, after };
}
