/** The report page's inline stylesheet (no external fonts or assets). */
export const HTML_STYLE = `
:root { --ink:#1d2433; --muted:#667085; --line:#e4e7ec; --bg:#f6f7f9; --card:#fff; --accent:#3d5afe; --good:#12b76a;
  --warn:#f79009; --bad:#d92d20; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); }
body { margin:0; background:var(--bg); line-height:1.45; }
main { max-width:1040px; margin:0 auto; padding:32px 24px 64px; }
h1 { font-size:28px; margin:0 0 4px; } h2 { font-size:21px; margin:40px 0 12px; } h3 { font-size:17px; margin:0 0 8px; }
p.sub { color:var(--muted); margin:0 0 24px; }
.cards { display:flex; flex-wrap:wrap; gap:12px; margin:16px 0; }
.card { background:var(--card); border:1px solid var(--line); border-radius:10px; padding:12px 16px; min-width:150px; }
.card .k { color:var(--muted); font-size:13px; } .card .v { font-size:24px; font-weight:650; }
section.segment { background:var(--card); border:1px solid var(--line); border-radius:12px; padding:20px; margin:16px 0; }
.howto { background:#eef2ff; border:1px solid #c7d2fe; border-radius:10px; padding:12px 20px; }
.howto li { margin:4px 0; }
svg.chart { max-width:100%; height:auto; display:block; margin:8px 0 16px; }
svg .lbl { font-size:13px; fill:var(--ink); } svg .val { font-size:13px; fill:var(--ink); }
svg .muted { fill:var(--muted); } svg .strong { font-weight:650; }
svg .track { fill:#eef0f4; } svg .bar { fill:var(--accent); } svg .bar-muted { fill:#b4bccf; } svg .bar-good { fill:var(--good); }
svg .axis { stroke:var(--line); }
table { border-collapse:collapse; width:100%; background:var(--card); border:1px solid var(--line); border-radius:10px; overflow:hidden; font-size:14px; }
th, td { text-align:left; padding:8px 12px; border-bottom:1px solid var(--line); vertical-align:top; }
th { background:#f9fafb; font-weight:600; color:var(--muted); font-size:13px; }
td.num, th.num { text-align:right; font-variant-numeric:tabular-nums; }
.chip { display:inline-block; border-radius:999px; padding:1px 8px; font-size:12px; font-weight:600; background:#eef0f4; margin:1px 2px 1px 0; }
.chip.hesitation { background:#fef0c7; color:#93370d; } .chip.permissions { background:#fee4e2; color:#912018; }
.chip.invite { background:#e0eaff; color:#2d31a6; } .chip.workspace { background:#f4ebff; color:#6941c6; }
.chip.target_missing { background:#eef0f4; color:#344054; }
.empty { color:var(--muted); font-style:italic; }
code { font-size:13px; background:#eef0f4; border-radius:4px; padding:0 4px; white-space:nowrap; }
.chip, td small { white-space:nowrap; }
`;
