// Writes docs/benchmarks.md from a finished benchmark: every number comes from the run.
import { ADAPTERS } from './adapters.mjs';
import { PEERS, bestPeer, behind } from './stats.mjs';

const NAMES = Object.fromEntries(ADAPTERS.map((a) => [a.id, a.name]));
const LABELS = {
  first: 'time to the first step', step: 'per-step transition', evalMs: 'script evaluation', styleMs: 'stylesheet insertion (style + layout)',
  scrollWindow: 'layout + style + script while scrolling the window', scrollNested: 'layout + style + script while scrolling the nested container',
  followsWindow: 'step stays attached while the window scrolls', followsNested: 'step stays attached while the nested container scrolls',
};
const kb = (b) => `${(b / 1024).toFixed(1)} KB`;
const f1 = (v) => (v === null || v === undefined ? 'n/a' : v < 10 ? v.toFixed(1) : v.toFixed(0));
const ratio = (v, best) => (typeof v === 'number' && best?.value > 0 ? ` (×${(v / best.value).toFixed(v / best.value < 10 ? 1 : 0)})` : '');
const row = (cells) => `| ${cells.join(' | ')} |`;
const table = (head, rows) => [row(head), row(head.map(() => '---')), ...rows.map(row)].join('\n');

function sizeTable(bytes) {
  const best = Math.min(...PEERS.map((p) => bytes[p].total));
  return table(['library', 'JS gz', 'CSS gz', 'total', '× smallest peer'], ADAPTERS.filter((a) => a.id !== 'floor').map((a) => {
    const b = bytes[a.id];
    return [NAMES[a.id], kb(b.js), b.css ? kb(b.css) : '— (in JS)', kb(b.total), `×${(b.total / best).toFixed(2)}`];
  }));
}

function speedTable(sum) {
  const none = new Set(ADAPTERS.filter((a) => !Object.keys(a.css).length).map((a) => a.id));
  const cell = (lib, m) => (m === 'styleMs' && none.has(lib) ? '— (no stylesheet)' : `${f1(sum[lib][m])}${ratio(sum[lib][m], bestPeer(sum, m))}`);
  return table(['library', 'first step ms', 'per step ms', 'script eval ms', 'stylesheet ms', 'scroll window ms', 'attached (window)', 'scroll nested ms', 'attached (nested)', 'runs (failed)'],
    ADAPTERS.filter((a) => sum[a.id]).map(({ id }) => [NAMES[id], cell(id, 'first'), cell(id, 'step'), cell(id, 'evalMs'), cell(id, 'styleMs'),
      cell(id, 'scrollWindow'), sum[id].followsWindow, cell(id, 'scrollNested'), sum[id].followsNested, `${sum[id].runs} (${sum[id].failed})`]));
}

function extraTable(extra, cycles) {
  return table(['library', 'idle callbacks in 5 s', 'by kind (timeout / interval / rAF / idle)', `heap Δ after ${cycles} cycles`, 'of which not compiled code', `heap Δ in the next ${cycles}`, 'listeners Δ (window + document)', 'elements Δ', 'cycles failed'],
    ADAPTERS.filter((a) => extra[a.id]).map(({ id }) => {
      const e = extra[id];
      const c = e.counts;
      return [NAMES[id], String(e.idle), `${c.setTimeout} / ${c.setInterval} / ${c.requestAnimationFrame} / ${c.requestIdleCallback}`,
        `${(e.heap / 1024).toFixed(0)} KB`, `${(e.objects / 1024).toFixed(0)} KB`, `${(e.heapNext / 1024).toFixed(0)} KB`, String(e.listeners), String(e.nodes), String(e.failed)];
    }));
}

function behindLines(summary, bytes, extra) {
  const list = behind(summary, bytes, extra);
  if (!list.length) return '- Nowhere in this run: Guidepost matched or beat the best peer on every measure.';
  return list.map((b) => {
    const at = b.size ? ` at ${Number(b.size).toLocaleString('en')} elements` : '';
    const what = LABELS[b.what] ?? b.what;
    if (typeof b.gp === 'string' || b.what === 'failed runs') return `- **${what}**${at}: Guidepost ${b.gp}${b.peer ? `; ${NAMES[b.peer]}: ${b.value}` : ''}.`;
    const unit = b.what.startsWith('bytes') || b.what.startsWith('heap') ? kb : (v) => (b.what.includes('callbacks') || b.what.includes('listener') ? String(v) : `${f1(v)} ms`);
    const also = b.attached ? `; the fastest peer that also stays attached, ${NAMES[b.attached.lib]}, ${unit(b.attached.value)} (×${(b.gp / b.attached.value).toFixed(1)})` : '';
    const times = b.value > 0 ? ` (×${(b.gp / b.value).toFixed(1)})` : '';
    return `- **${what}**${at}: Guidepost ${unit(b.gp)} vs ${NAMES[b.peer]} ${unit(b.value)}${times}${also}.`;
  }).join('\n');
}

/** The whole document. */
export function renderReport({ command, date, machine, sizes, runs, durationS, bytes, summary, extra, extraSize, cycles, check, note }) {
  const errs = Object.entries(summary).flatMap(([size, sum]) => Object.entries(sum).flatMap(([lib, s]) => s.errors.map((e) => `- ${NAMES[lib]} at ${size}: ${e}`)));
  return `# Benchmarks: Guidepost and its peers

Written by \`${command}\` on ${date}; do not edit by hand, rerun the command. The run took ${Math.round(durationS)} s.

Machine: ${machine.cpus} CPUs (\`nproc\` ${machine.nproc}, ${machine.cpuModel}), ${machine.chromium}, Node ${machine.node}, ${machine.os}.
Build measured: ${machine.build}.
The machine may be shared with other work: compare rows of the same run (the ratios), not absolute times across runs.
${note ? `\n${note}\n` : ''}
## Method

- Headless Chromium (\`/usr/bin/chromium --headless --no-sandbox --disable-gpu …\`, the test harness flags) through playwright-core; files served from 127.0.0.1; a 1280×800 viewport.
- One generated host page per size (${sizes.map((s) => Number(s).toLocaleString('en')).join(', ')} elements requested; the exact count is in each heading) with a nested 320 px scroll container. The same five steps on every library: a nav link and a button in view, a button inside the nested container below the fold, a button 1,500 px further down the window, and a button back at the top.
- Each library with its npm dist build and its documented API with defaults: Driver.js \`driver({ steps }).drive()\`; Shepherd \`new Shepherd.Tour({ defaultStepOptions: { scrollTo: true, buttons: [Next] } })\` (Shepherd shows no buttons and does not scroll without these); Intro.js \`introJs.tour().setOptions({ steps }).start()\`; Guidepost \`Guidepost.init({ flow, user, storage: 'memory' })\` with a flow of one 5-step tour and one never-completing task (a valid flow needs an activation task). Guidepost's \`guidepost.js\` starts with V8's \`//# allFunctionsCalledOnLoad\` compile hint (Chromium compiles it while it loads, off the main thread); the peers' builds have none. Next = a click on the library's own Next button. The floor is a plain absolutely positioned div placed under the target (scrolled into view when needed).
- ${runs} runs per size, libraries interleaved (the order rotates every run), a fresh browser context per library and run; the tables give medians. Ratios in parentheses are to the fastest peer (Driver.js, Shepherd, Intro.js) in that column.
- **Visible** means: the library's card for the step (found by its title) is displayed, not \`visibility:hidden\`, has computed opacity > 0, intersects the viewport and is within 48 px of its target; polled with \`requestAnimationFrame\` in the page and timed with \`performance.now()\` from the call that starts (or the click that advances) the tour.
- **Per step**: the mean of the four Next → next step visible transitions of a run.
- **Script eval**: CDP \`Performance.getMetrics\` ScriptDuration delta around loading the library's script; **stylesheet**: RecalcStyle + Layout delta around inserting its CSS.
- **Scrolling**: with step 2 open, 120 frames of \`scrollBy(0, 1)\` in the window; with step 3 open, 120 frames of 1 px in the nested container; LayoutDuration + RecalcStyleDuration + ScriptDuration deltas, style recalculation included because that is where a card repositioned every frame pays; the floor's row is the cost of the page and the scrolling script itself. **Attached**: the distance between the card and its target is the same (±3 px) after scrolling as before (a card may flip sides and still count as attached).
- **Idle**: setTimeout / setInterval / requestAnimationFrame / requestIdleCallback callback invocations counted by wrappers installed before any page script, over 5 s with the first step open, starting 1 s after it showed (at ${Number(extraSize).toLocaleString('en')} elements).
- **Teardown**: one warm-up cycle, then ${cycles} start → Next ×5 → destroy cycles; after 3 × \`HeapProfiler.collectGarbage\`: \`Runtime.getHeapUsage\` used-size growth (and, from heap snapshots, the growth outside compiled code: JIT tiers add machine code as a library's functions get hot, which is not a leak of its objects; then the growth over ${cycles} more cycles, once that code is there: a leak keeps growing there, warm-up does not), \`DOMDebugger.getEventListeners\` on window + document, element count (at ${Number(extraSize).toLocaleString('en')} elements).

## Bytes loaded (gzip -9 of the JS + CSS a page loads)

${sizeTable(bytes)}

${Object.entries(summary).map(([size, sum]) => `## Speed on the ${Number(size).toLocaleString('en')}-element page (${Number(sum.floor?.nodes ?? sum.guidepost?.nodes).toLocaleString('en')} elements)

${speedTable(sum)}`).join('\n\n')}

## Idle and teardown

${extraTable(extra, cycles)}

## Where Guidepost is behind a peer

${behindLines(summary, bytes, extra)}

## The speed check (\`node scripts/bench.mjs --check\`)

Guidepost's time to the first step and per-step time must be within 2× of the fastest peer at every size: **${check.ok ? 'passes' : 'fails'}** in this run.
${check.lines.map((l) => `- ${l}`).join('\n')}
${errs.length ? `\n## Console errors seen during the runs\n\n${errs.join('\n')}\n` : ''}`;
}
