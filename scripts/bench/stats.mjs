// Turning raw runs into the numbers the report prints: medians per library and size, ratios to
// the fastest peer, and the list of places where Guidepost is behind.

export const PEERS = ['driver', 'shepherd', 'intro'];

export function median(xs) {
  const v = xs.filter((x) => typeof x === 'number' && Number.isFinite(x)).sort((a, b) => a - b);
  if (!v.length) return null;
  const m = v.length >> 1;
  return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
}
const mean = (xs) => (xs.length && xs.every((x) => typeof x === 'number') ? xs.reduce((a, b) => a + b, 0) / xs.length : null);

/** One run's flat record from the raw measurements. */
export function flatten(lib, size, run, o, t, s) {
  return {
    lib, size, run, nodes: o.nodes, evalMs: o.load.evalMs, styleMs: o.load.styleMs,
    first: t.first.ms, firstState: t.first.state,
    step: t.steps.length === 4 ? mean(t.steps.map((x) => x.ms)) : null,
    steps: t.steps.map((x) => x.ms), failedAt: t.first.ms === null ? 0 : t.steps.findIndex((x) => x.ms === null) + 1 || null,
    scrollWindow: s.window?.ms ?? null, followsWindow: s.window?.follows ?? null,
    scrollNested: s.nested?.ms ?? null, followsNested: s.nested?.follows ?? null,
    scrollCounts: { window: s.window && { recalcs: s.window.recalcs, layouts: s.window.layouts }, nested: s.nested && { recalcs: s.nested.recalcs, layouts: s.nested.layouts } },
    errors: o.errors,
  };
}

const METRICS = ['first', 'step', 'evalMs', 'styleMs', 'scrollWindow', 'scrollNested'];

/** { [size]: { [lib]: { first, step, …, followsWindow: 'yes'|'no'|'k/n', runs, failed, nodes } } } */
export function summarise(records) {
  const out = {};
  for (const r of records) ((out[r.size] ??= {})[r.lib] ??= []).push(r);
  for (const size of Object.keys(out)) {
    for (const [lib, rs] of Object.entries(out[size])) {
      const s = { runs: rs.length, failed: rs.filter((r) => r.failedAt !== null).length, nodes: rs[0].nodes };
      for (const m of METRICS) s[m] = median(rs.map((r) => r[m]));
      for (const f of ['followsWindow', 'followsNested']) {
        const yes = rs.filter((r) => r[f] === true).length;
        s[f] = yes === rs.length ? 'yes' : yes === 0 ? 'no' : `${yes}/${rs.length}`;
      }
      s.errors = [...new Set(rs.flatMap((r) => r.errors))];
      out[size][lib] = s;
    }
  }
  return out;
}

/** The fastest (smallest) peer value of a metric in one size's summary. */
export function bestPeer(sum, metric, filter = () => true) {
  let best = null;
  for (const p of PEERS) {
    const v = sum[p]?.[metric];
    if (typeof v === 'number' && filter(sum[p]) && (best === null || v < best.value)) best = { lib: p, value: v };
  }
  return best;
}

/** Every metric and size where Guidepost is slower or bigger than the best peer, as sentences' data. */
export function behind(summary, bytes, extra) {
  const out = [];
  const bp = Math.min(...PEERS.map((p) => bytes[p].total));
  if (bytes.guidepost.total > bp) out.push({ what: 'bytes loaded (gzip -9, JS + CSS)', size: null, gp: bytes.guidepost.total, peer: PEERS.find((p) => bytes[p].total === bp), value: bp });
  for (const [size, sum] of Object.entries(summary)) {
    const gp = sum.guidepost;
    if (!gp) continue;
    for (const m of METRICS) {
      const b = bestPeer(sum, m);
      if (!b || typeof gp[m] !== 'number' || gp[m] <= b.value) continue;
      const f = m === 'scrollWindow' ? 'followsWindow' : m === 'scrollNested' ? 'followsNested' : null;
      const attached = f ? bestPeer(sum, m, (s) => s[f] === 'yes') : null;
      out.push({ what: m, size, gp: gp[m], peer: b.lib, value: b.value, attached: attached && attached.lib !== b.lib ? attached : null });
    }
    for (const f of ['followsWindow', 'followsNested']) {
      if (gp[f] !== 'yes') out.push({ what: f, size, gp: gp[f], peer: PEERS.find((p) => sum[p]?.[f] === 'yes') ?? null, value: 'yes' });
    }
    if (gp.failed) out.push({ what: 'failed runs', size, gp: gp.failed, peer: null, value: 0 });
  }
  for (const [what, key] of [['idle callbacks in 5 s', 'idle'], ['heap growth after the cycles', 'heap'], ['heap growth outside compiled code', 'objects'], ['heap growth in the next cycles', 'heapNext'], ['listener growth after the cycles', 'listeners']]) {
    const peers = PEERS.map((p) => extra[p]?.[key]).filter((v) => typeof v === 'number');
    const g = extra.guidepost?.[key];
    if (typeof g === 'number' && peers.length && g > Math.min(...peers)) out.push({ what, size: null, gp: g, peer: PEERS.find((p) => extra[p]?.[key] === Math.min(...peers)), value: Math.min(...peers) });
  }
  return out;
}
