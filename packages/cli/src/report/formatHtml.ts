import { escapeHtml as esc } from './escapeHtml';
import { formatAge, formatCount, formatDuration, formatPercent, formatTime } from './formatValues';
import { HANDOFF_LABELS } from './milestones';
import { HTML_STYLE } from './htmlStyle';
import { svgFunnel } from './svgFunnel';
import { svgHistogram } from './svgHistogram';
import type { Report, SegmentReport } from './types';

export interface FormatHtmlOptions {
  /** Page title (default "Guidepost onboarding report"). */
  title?: string;
}

/**
 * One self-contained HTML page (inline CSS and SVG, no scripts, no external resources) for
 * product managers. Every string that comes from the report is escaped (& < > " ').
 */
export function formatHtml(report: Report, options: FormatHtmlOptions = {}): string {
  const title = options.title ?? 'Guidepost onboarding report';
  const users = report.segments.reduce((s, g) => s + g.users, 0);
  const activated = report.segments.reduce((s, g) => s + g.milestones[g.milestones.length - 1].users, 0);
  const body = [
    `<h1>${esc(title)}</h1>`,
    `<p class="sub">Generated ${esc(formatTime(report.generatedAt))} from ${esc(formatCount(report.events))} trail events` +
      ` (${esc(formatCount(report.duplicates))} duplicate deliveries ignored, ${esc(formatCount(report.skippedLines))} unreadable lines skipped).` +
      ` Flows: ${report.flows.map((f) => `<code>${esc(f)}</code>`).join(', ') || 'none'}.</p>`,
    `<div class="cards">${card('Users', formatCount(users))}${card('Activated', formatCount(activated))}` +
      `${card('Activation rate', formatPercent(users === 0 ? null : activated / users))}` +
      `${card('Stalled now', formatCount(report.stalled.length))}${card('Returning after a gap', formatCount(report.gaps.length))}</div>`,
    HOW_TO_READ,
    `<h2>Funnel and time to value, per segment</h2>`,
    ...report.segments.map(segmentSection),
    report.segments.length === 0 ? '<p class="empty">No users in this trail.</p>' : '',
    `<h2>Where users stall</h2>`,
    stallsTable(report),
    `<h2>Who acts next: stalled users</h2>`,
    stalledTable(report),
    report.gaps.length === 0 ? '' : `<h2>Returning after a long gap</h2>${gapsTable(report)}`,
  ];
  return (
    `<!doctype html>\n<html lang="en"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<title>${esc(title)}</title><style>${HTML_STYLE}</style></head>\n<body><main>\n${body.join('\n')}\n</main></body></html>\n`
  );
}

const HOW_TO_READ = `<div class="howto"><h3>How to read this</h3><ul>
<li><strong>Funnel</strong>: users of each segment who reached each onboarding milestone. The percentage is the share of users at the previous milestone who also reached this one (the tour is optional, so "Core task" is compared with "First action").</li>
<li><strong>Activation</strong> is reaching the role's first real outcome (<em>first value</em>). <strong>Time to value</strong> runs from the user's first start to that moment: half of activated users were faster than the median, three quarters faster than p75. Green bars are within the 15-minute target.</li>
<li><strong>Where users stall</strong> counts each time someone got stuck at a step, by cause: hesitation (no error, just no progress), permissions, invite, workspace, or a missing page element. Hand-offs are the stalls that went to a person.</li>
<li><strong>Who acts next</strong> lists everyone still stuck, oldest first, with the owner and the next action from the hand-off.</li>
</ul></div>`;

function card(label: string, value: string): string {
  return `<div class="card"><div class="k">${esc(label)}</div><div class="v">${esc(value)}</div></div>`;
}

function segmentSection(s: SegmentReport): string {
  const t = s.timeToValue;
  return (
    `<section class="segment"><h3>Segment <code>${esc(s.segment)}</code>` +
    `${s.provisioning === null ? '' : ` · ${esc(s.provisioning)} provisioning`} · ${esc(formatCount(s.users))} users</h3>` +
    `<div class="cards">${card('Activation rate', formatPercent(s.activationRate))}` +
    `${card('Median time to value', formatDuration(t.median))}${card('p75 time to value', formatDuration(t.p75))}` +
    `${card('Activated within 15 min', formatPercent(t.within15m))}${card('Dismissed', formatCount(s.dismissed))}</div>` +
    svgFunnel(s) +
    `<h3>Time to value (${esc(formatCount(t.count))} activated users)</h3>` +
    (t.count === 0 ? '<p class="empty">Nobody in this segment has activated yet.</p>' : svgHistogram(t, s.segment)) +
    `</section>`
  );
}

function stallsTable(report: Report): string {
  if (report.stalls.length === 0) return '<p class="empty">No stalls recorded.</p>';
  const rows = report.stalls.map((r) =>
    `<tr><td><code>${esc(r.path)}</code></td><td>${r.step === null ? '<span class="empty">before first step</span>' : `<code>${esc(r.step)}</code>`}</td>` +
    `<td class="num">${esc(formatCount(r.stalls))}</td><td class="num">${esc(formatCount(r.handoffs))}</td>` +
    `<td>${HANDOFF_LABELS.filter((l) => r.labels[l] > 0).map((l) => `${chip(l)} ${esc(formatCount(r.labels[l]))}`).join(' ')}</td></tr>`,
  );
  return table(['Path', 'Step', 'Stalls', 'Hand-offs', 'Causes'], [2, 3], rows);
}

function stalledTable(report: Report): string {
  if (report.stalled.length === 0) return '<p class="empty">Nobody is stuck right now.</p>';
  const rows = report.stalled.map((s) =>
    `<tr><td>${esc(formatAge(s.since, report.generatedAt))}<br><small>${esc(formatTime(s.since))}</small></td>` +
    `<td>${esc(s.user)}${s.account === null ? '' : `<br><small>${esc(s.account)}</small>`}</td><td>${esc(s.segment)}</td>` +
    `<td>${report.flows.length > 1 ? `<small>${esc(s.flow)}</small><br>` : ''}<code>${esc(s.path)}</code> › ${s.step === null ? '<span class="empty">before first step</span>' : `<code>${esc(s.step)}</code>`}</td>` +
    `<td>${chip(s.label)}${s.state === 'open' ? '' : ' <small>resolved</small>'}</td><td>${esc(s.owner ?? '—')}</td><td>${esc(s.nextAction ?? '—')}</td></tr>`,
  );
  return table(['Stuck since', 'User / account', 'Segment', 'Path › step', 'Cause', 'Owner', 'Next action'], [], rows);
}

function gapsTable(report: Report): string {
  const rows = report.gaps.map((g) =>
    `<tr><td>${esc(formatTime(g.at))}</td><td>${esc(g.user)}</td><td>${esc(g.segment)}</td><td class="num">${esc(formatDuration(g.gapMs))}</td></tr>`,
  );
  return table(['Back at', 'User', 'Segment', 'Away for'], [3], rows);
}

function table(header: readonly string[], numeric: readonly number[], rows: readonly string[]): string {
  const head = header.map((h, i) => `<th${numeric.includes(i) ? ' class="num"' : ''}>${esc(h)}</th>`).join('');
  return `<table><thead><tr>${head}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function chip(label: string): string {
  return `<span class="chip ${esc(label)}">${esc(label.replace('_', ' '))}</span>`;
}
