#!/usr/bin/env node
// Main-thread cost of what happens before the first UI: flow validation + segment choice + engine
// start, for every sample flow, in Node (V8, as in Chromium). Cold = first call in a fresh process
// (includes building the zod schema once); warm = median of the next runs.
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
if (process.argv.includes('--json')) console.log(JSON.stringify(rows, null, 2));
else {
  console.log(`validation + segment choice + engine start (node ${process.version}, ${runs} runs)`);
  for (const r of rows) console.log(`${r.flow}: cold ${r.coldMs} ms, median ${r.medianMs} ms, p95 ${r.p95Ms} ms`);
}
