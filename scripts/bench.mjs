#!/usr/bin/env node
// Guidepost against Driver.js, Shepherd and Intro.js in headless Chromium: bytes, script
// evaluation, first step, per-step, scrolling, idle callbacks, teardown. Writes docs/benchmarks.md.
//
//   pnpm bench                      full run: 1k / 10k / 50k elements, 7 runs each
//   pnpm bench --runs 9 --sizes 1000,10000
//   pnpm bench --quick              smoke: 1k elements, 3 runs, 5 teardown cycles (→ .tmp/benchmarks-quick.md)
//   pnpm bench --check              also exit 1 when Guidepost's first-step or per-step time is
//                                   more than 2× the fastest peer's at any size
import { spawnSync, execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { createHash } from 'node:crypto';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { ADAPTERS } from './bench/adapters.mjs';
import { serveBench } from './bench/server.mjs';
import { openLib, tour, scrolling, idle, cycles } from './bench/measure.mjs';
import { flatten, summarise, bestPeer } from './bench/stats.mjs';
import { renderReport } from './bench/report.mjs';

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const root = fileURLToPath(new URL('../', import.meta.url));
process.chdir(root);

const argv = process.argv.slice(2);
const opt = (name) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined);
const quick = argv.includes('--quick');
const check = argv.includes('--check');
const runs = Number(opt('--runs') ?? (quick ? 3 : 7));
const sizes = (opt('--sizes') ?? (quick ? '1000' : '1000,10000,50000')).split(',').map(Number);
const cycleCount = Number(opt('--cycles') ?? (quick ? 5 : 30));
const out = opt('--out') ?? (quick ? '.tmp/benchmarks-quick.md' : 'docs/benchmarks.md');
const log = (...a) => console.error('[bench]', ...a);

if (!existsSync('packages/guidepost/dist/guidepost.js')) {
  log('building packages/guidepost/dist (pnpm exec rollup -c --silent)');
  const b = spawnSync('pnpm', ['exec', 'rollup', '-c', '--silent'], { stdio: 'inherit' });
  if (b.status !== 0) process.exit(b.status || 1);
}

const started = Date.now();
const files = Object.assign({}, ...ADAPTERS.flatMap((a) => [a.js, a.css]));
const gz = (f) => (typeof f === 'string' ? gzipSync(readFileSync(f), { level: 9 }).length : f.wrapper ? 0 : gzipSync(f.body, { level: 9 }).length);
const bytes = Object.fromEntries(ADAPTERS.map((a) => {
  const js = Object.values(a.js).reduce((s, f) => s + gz(f), 0);
  const css = Object.values(a.css).reduce((s, f) => s + gz(f), 0);
  return [a.id, { js, css, total: js + css }];
}));

const gpFile = readFileSync('packages/guidepost/dist/guidepost.js');
const git = spawnSync('git', ['describe', '--always', '--dirty'], { encoding: 'utf8' }).stdout.trim();
const build = `Guidepost \`packages/guidepost/dist/guidepost.js\` sha256 ${createHash('sha256').update(gpFile).digest('hex').slice(0, 12)}, workspace at \`${git}\``;
const server = await serveBench(files);
await fetch(`${server.url}/lib/guidepost.js`); // pin this build for the whole run
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ARGS });
const chromiumVersion = browser.version();
const records = [];
const extra = {};
try {
  for (const size of sizes) {
    for (let run = 0; run < runs; run++) {
      const order = ADAPTERS.map((_, i) => ADAPTERS[(i + run) % ADAPTERS.length]);
      for (const lib of order) {
        const o = await openLib(browser, server.url, size, lib);
        const t = await tour(o.page);
        const s = await scrolling(o.page, o.cdp);
        const r = flatten(lib.id, size, run, o, t, s);
        records.push(r);
        await o.ctx.close();
        log(`${size} run ${run + 1}/${runs} ${lib.id}: first ${r.first?.toFixed(1)} ms, step ${r.step?.toFixed(1)} ms, scroll ${r.scrollWindow?.toFixed(1)} / ${r.scrollNested?.toFixed(1)} ms${r.failedAt !== null ? ` (failed at step ${r.failedAt + 1}: ${r.failedAt ? t.steps[r.failedAt - 1].state : t.first.state})` : ''}`);
      }
    }
  }
  for (const lib of ADAPTERS) {
    const a = await openLib(browser, server.url, sizes[0], lib);
    const i = await idle(a.page, 5);
    await a.ctx.close();
    const b = await openLib(browser, server.url, sizes[0], lib);
    const c = await cycles(b.page, b.cdp, cycleCount);
    // as many again: what the heap does once the library's code has warmed up (JIT tiers)
    const next = await cycles(b.page, b.cdp, cycleCount);
    await b.ctx.close();
    extra[lib.id] = { idle: i.total, counts: i.counts, heap: c.heapDelta, objects: c.objectDelta, heapNext: next.heapDelta, listeners: c.listenerDelta, nodes: c.nodeDelta, failed: c.failed + next.failed };
    log(`${lib.id}: idle ${i.total} callbacks, heap Δ ${(c.heapDelta / 1024).toFixed(0)} KB (${(c.objectDelta / 1024).toFixed(0)} KB outside compiled code), then ${(next.heapDelta / 1024).toFixed(0)} KB in the next ${cycleCount}, listeners Δ ${c.listenerDelta}, elements Δ ${c.nodeDelta}`);
  }
} finally {
  await browser.close();
  await server.close();
}

const summary = summarise(records);
const lines = [];
let ok = true;
for (const [size, sum] of Object.entries(summary)) {
  for (const m of ['first', 'step']) {
    const b = bestPeer(sum, m);
    const g = sum.guidepost?.[m];
    const pass = typeof g === 'number' && !!b && g <= 2 * b.value;
    ok &&= pass;
    lines.push(`${m === 'first' ? 'first step' : 'per step'} at ${Number(size).toLocaleString('en')}: Guidepost ${g?.toFixed(1) ?? 'n/a'} ms, fastest peer ${b ? `${b.lib} ${b.value.toFixed(1)} ms (×${(g / b.value).toFixed(2)})` : 'n/a'}: ${pass ? 'ok' : 'TOO SLOW'}`);
  }
}
const durationS = (Date.now() - started) / 1000;
const machine = {
  cpus: os.cpus().length, nproc: execFileSync('nproc').toString().trim(), cpuModel: os.cpus()[0]?.model.trim() ?? 'unknown CPU',
  chromium: `Chromium ${chromiumVersion}`, node: process.versions.node, os: `${os.type()} ${os.release()}`, build,
};
const command = ['pnpm bench', ...argv.filter((a) => a !== '--check')].join(' ');
const note = opt('--note');
mkdirSync('.tmp', { recursive: true });
writeFileSync('.tmp/bench.json', JSON.stringify({ command, machine, bytes, records, extra, summary }, null, 1));
writeFileSync(out, renderReport({
  command, date: new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC', machine, sizes, runs, durationS, bytes, summary, extra,
  extraSize: sizes[0], cycles: cycleCount, check: { ok, lines }, note,
}));
log(`wrote ${out} and .tmp/bench.json in ${durationS.toFixed(0)} s`);
for (const l of lines) log(l);
if (check && !ok) {
  log('check failed: Guidepost is more than 2× slower than the fastest peer');
  process.exit(1);
}
