#!/usr/bin/env node
// Main-thread cost of what happens before the first UI: flow validation + segment choice + engine
// start, for every sample flow, in Node (V8, as in Chromium). Cold = first call in a fresh process
// (includes compiling); warm = median of the next runs.
// Then the same in Chromium with the built guidepost.js, as a page gets it (compiled while it loads,
// by V8's compile hint): the synchronous part of the first Guidepost.init({ flow }) in a fresh copy of
// the benchmark's 1k host page (scripts/bench),
// i.e. validation and setup, up to reading storage. Median of 9 pages.
// Usage: node scripts/bench-core.mjs [--runs 200] [--json]   (run `pnpm build` first)
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const { parseFlow, createEngine } = await import(`${root}packages/core/dist/index.mjs`);
const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 200;
const shared = `${root}../shared/flows/`;
const dir = existsSync(shared) ? shared : `${root}examples/acme/public/`;
const flows = readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => [f, readFileSync(dir + f, 'utf8')]);
const users = [{ id: 'a', role: 'admin' }, { id: 'm', role: 'member' }, { id: 's', role: 'member', traits: { provisioning: 'jit' } }];
const platform = { now: () => Date.now(), setTimer: () => () => {} };

function once(text, user) {
  const t0 = performance.now();
  const r = parseFlow(JSON.parse(text));
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  const e = createEngine({ flow: r.flow, user, platform });
  e.start();
  const ms = performance.now() - t0;
  e.stop();
  return ms;
}

const rows = [];
for (const [name, text] of flows) {
  const cold = once(text, users[0]);
  const warm = [];
  for (let i = 0; i < runs; i++) warm.push(once(text, users[i % users.length]));
  warm.sort((a, b) => a - b);
  rows.push({ flow: name, coldMs: +cold.toFixed(3), medianMs: +warm[runs >> 1].toFixed(3), p95Ms: +warm[Math.floor(runs * 0.95)].toFixed(3) });
}
const browserRows = await inChromium();
if (process.argv.includes('--json')) console.log(JSON.stringify({ node: rows, chromium: browserRows }, null, 2));
else {
  console.log(`validation + segment choice + engine start (node ${process.version}, ${runs} runs)`);
  for (const r of rows) console.log(`${r.flow}: cold ${r.coldMs} ms, median ${r.medianMs} ms, p95 ${r.p95Ms} ms`);
  console.log(`first Guidepost.init({ flow }), synchronous part (Chromium ${browserRows.version}, guidepost.js, 9 fresh pages)`);
  for (const r of browserRows.flows) console.log(`${r.flow}: cold median ${r.coldMs} ms (min ${r.minMs}, max ${r.maxMs})`);
}

async function inChromium() {
  const { chromium } = await import('playwright-core');
  const { serveBench } = await import('./bench/server.mjs');
  const server = await serveBench({ 'guidepost.js': `${root}packages/guidepost/dist/guidepost.js` });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
  const out = { version: browser.version(), flows: [] };
  try {
    for (const [name, text] of flows) {
      const ms = [];
      for (let i = 0; i < 9; i++) {
        const page = await browser.newPage();
        await page.goto(`${server.url}/host/1000.html`, { waitUntil: 'load' }); // the benchmark's host page
        await page.evaluate(() => new Promise((ok, ko) => document.head.append(Object.assign(document.createElement('script'), { src: '/lib/guidepost.js', onload: ok, onerror: ko }))));
        await page.waitForTimeout(200); // the page is idle, as when an app calls init after its own start
        ms.push(await page.evaluate((f) => {
          const t0 = performance.now();
          window.Guidepost.init({ flow: JSON.parse(f), user: { id: 'a', role: 'admin' }, storage: 'memory' });
          return performance.now() - t0;
        }, text));
        await page.close();
      }
      ms.sort((a, b) => a - b);
      out.flows.push({ flow: name, coldMs: +ms[4].toFixed(2), minMs: +ms[0].toFixed(2), maxMs: +ms[8].toFixed(2) });
    }
  } finally {
    await browser.close();
    await server.close();
  }
  return out;
}
