// The host page every library is measured on: a header, five targets (two in view, one inside a
// nested scroll container below the fold, one further down the window, one back at the top), and
// filler rows after them so the DOM reaches the requested element count while the geometry of
// the five steps stays the same at every size.

/** The five steps, identical for every library. */
export const STEPS = [
  { id: 'reports', target: '#t1', title: 'Reports live here', body: 'Every report you build is listed here.' },
  { id: 'new-report', target: '#t2', title: 'Start a report', body: 'Pick a dataset and a chart.' },
  { id: 'filters', target: '#t3', title: 'Filter the rows', body: 'Narrow the data before you chart it.' },
  { id: 'share', target: '#t4', title: 'Share it', body: 'Send the report to your team.' },
  { id: 'help', target: '#t5', title: 'Help is one click away', body: 'Ask us anything from here.' },
];

const WORDS = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel'];
/** One filler row: 9 elements. */
const row = (n) => `<div class="r"><b>${n}</b>${WORDS.slice(0, 6).map((w, i) => `<span>${WORDS[(n + i) % 8]}</span>`).join('')}<a href="#r${n}">open</a></div>`;
const rows = (from, count) => Array.from({ length: count }, (_, i) => row(from + i)).join('');
const ROW_ELEMENTS = 9;

const CSS = `*{box-sizing:border-box}body{margin:0;font:14px/20px system-ui,sans-serif;color:#222}
header{height:56px;display:flex;align-items:center;justify-content:space-between;padding:0 16px;background:#f4f4f8;border-bottom:1px solid #ddd}
nav a,header button{margin-right:12px}main{padding:16px}.r{height:20px;white-space:nowrap;overflow:hidden}.r span{margin:0 6px}
#scroller{height:320px;overflow:auto;border:1px solid #bbb;margin:16px 0;padding:8px}
.t{display:inline-block;padding:6px 12px;border:1px solid #888;border-radius:6px;background:#fff}`;

/**
 * The host page's HTML for about `size` elements. Fixed part (≈ 650 elements): header (#t1, #t5),
 * 10 rows, #t2 (in view), a 320 px scroll container below the fold holding 40 rows with #t3 after
 * the 28th, 20 rows, a 1500 px gap, #t4; then filler rows up to `size`.
 */
export function hostHtml(size) {
  const fixed = 22 + 70 * ROW_ELEMENTS;
  const filler = Math.max(0, Math.round((size - fixed) / ROW_ELEMENTS));
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Bench host ${size}</title><style>${CSS}</style></head><body>
<header><nav><a id="t1" class="t" href="#reports">Reports</a><a href="#dash">Dashboards</a><a href="#src">Sources</a></nav><button id="t5" class="t" type="button">Help</button></header>
<main><h1>Workspace</h1>${rows(0, 10)}
<button id="t2" class="t" type="button">New report</button><div class="gap" style="height:500px"></div>
<div id="scroller">${rows(1000, 28)}<button id="t3" class="t" type="button">Filters</button>${rows(1028, 12)}</div>
${rows(2000, 20)}<div class="gap" style="height:1500px"></div>
<button id="t4" class="t" type="button">Share</button>
<section>${rows(10000, filler)}</section></main></body></html>`;
}
