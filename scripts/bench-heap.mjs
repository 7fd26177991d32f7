#!/usr/bin/env node
// Where the benchmark's heap growth goes: one warm-up tour, then N start → Next ×5 → destroy
// cycles on the 1k-element bench page, and the growth between two heap snapshots by node type and
// name (compiled code, feedback vectors, objects). Pass V8 flags to see which JIT tier adds what.
//
//   node scripts/bench-heap.mjs                          Guidepost, 30 cycles
//   node scripts/bench-heap.mjs --lib driver             a peer (driver, shepherd, intro)
//   node scripts/bench-heap.mjs --js-flags=--no-sparkplug
//   node scripts/bench-heap.mjs --file path/to/guidepost.js --cycles 60
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { ADAPTERS } from './bench/adapters.mjs';
import { serveBench } from './bench/server.mjs';
import { openLib, tour } from './bench/measure.mjs';

const argv = process.argv.slice(2);
const opt = (name) => argv.find((a) => a.startsWith(`${name}=`))?.slice(name.length + 1) ?? (argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined);
const libId = opt('--lib') ?? 'guidepost';
const flags = opt('--js-flags');
const cycles = Number(opt('--cycles') ?? 30);
const file = opt('--file');
process.chdir(fileURLToPath(new URL('../', import.meta.url)));

const files = Object.assign({}, ...ADAPTERS.flatMap((a) => [a.js, a.css]));
if (file) files['guidepost.js'] = file;
const server = await serveBench(files);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', ...(flags ? [`--js-flags=${flags}`] : [])],
});
const lib = ADAPTERS.find((a) => a.id === libId);
if (!lib) throw new Error(`--lib is one of ${ADAPTERS.map((a) => a.id).join(', ')}`);
const { page, cdp } = await openLib(browser, server.url, 1000, lib);
await cdp.send('HeapProfiler.enable');

/** Used heap size, and self sizes summed by node type and (for system nodes) name. */
async function snapshot() {
  for (let i = 0; i < 3; i++) await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  const chunks = [];
  const onChunk = (e) => chunks.push(e.chunk);
  cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
  await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk);
  const { snapshot: { meta }, nodes, strings } = JSON.parse(chunks.join(''));
  const n = meta.node_fields.length;
  const [ti, ni, si] = ['type', 'name', 'self_size'].map((f) => meta.node_fields.indexOf(f));
  const types = meta.node_types[0];
  const by = new Map();
  for (let i = 0; i < nodes.length; i += n) {
    const type = types[nodes[i + ti]];
    const name = type === 'code' || type === 'hidden' || type === 'object shape' ? strings[nodes[i + ni]] : '';
    const key = `${type}${name ? `: ${name}` : ''}`;
    const e = by.get(key) ?? { size: 0, count: 0 };
    e.size += nodes[i + si];
    e.count++;
    by.set(key, e);
  }
  return { usedSize, by };
}

await tour(page);
const a = await snapshot();
for (let i = 0; i < cycles; i++) await tour(page);
const b = await snapshot();
await browser.close();
await server.close?.();

console.log(`${libId}${flags ? ` (--js-flags=${flags})` : ''}: heap used Δ ${((b.usedSize - a.usedSize) / 1024).toFixed(0)} KB over ${cycles} cycles`);
const rows = [...new Set([...a.by.keys(), ...b.by.keys()])]
  .map((k) => ({ k, d: (b.by.get(k)?.size ?? 0) - (a.by.get(k)?.size ?? 0), n: (b.by.get(k)?.count ?? 0) - (a.by.get(k)?.count ?? 0) }))
  .filter((r) => Math.abs(r.d) >= 2048)
  .sort((x, y) => y.d - x.d);
for (const r of rows) console.log(`${(r.d / 1024).toFixed(1).padStart(8)} KB ${String(r.n).padStart(6)} nodes  ${r.k}`);
process.exit(0);
