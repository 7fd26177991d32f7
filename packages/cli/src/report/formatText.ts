import { formatAge, formatCount, formatDuration, formatPercent, formatTime } from './formatValues';
import { HANDOFF_LABELS, MILESTONE_TITLES } from './milestones';
import { textTable } from './textTable';
import type { Report, SegmentReport, StallRow } from './types';

export interface FormatTextOptions {
  /** Rows of the "where users stall" table (default 10). Stalled users are always all listed. */
  topStalls?: number;
}

/**
 * The terminal summary: per segment funnel and time to value, the steps where users stall most,
 * and every stalled user with label, owner, next action and since — who acts next.
 * Data strings are stripped of control characters, so a trail cannot drive the terminal.
 */
export function formatText(report: Report, options: FormatTextOptions = {}): string {
  const out: string[] = [];
  out.push(`Guidepost onboarding report — ${formatTime(report.generatedAt)}`);
  out.push(
    `${formatCount(report.events)} events from ${report.flows.length === 0 ? 'no flow' : `flow ${report.flows.map(plain).join(', ')}`}` +
      ` (${formatCount(report.duplicates)} duplicates ignored, ${formatCount(report.skippedLines)} unreadable lines skipped)`,
  );
  for (const segment of report.segments) out.push('', ...segmentSection(segment));

  const top = report.stalls.slice(0, options.topStalls ?? 10);
  out.push('', `Where users stall${report.stalls.length > top.length ? ` (top ${top.length} of ${report.stalls.length} steps)` : ''}`);
  out.push(...(top.length === 0 ? ['  No stalls.'] : indent(stallTable(top))));

  out.push('', `Who acts next: ${formatCount(report.stalled.length)} stalled user${report.stalled.length === 1 ? '' : 's'}, oldest first`);
  if (report.stalled.length === 0) out.push('  Nobody is stuck.');
  else {
    const flows = report.flows.length > 1;
    const rows = report.stalled.map((s) => [
      formatAge(s.since, report.generatedAt), ...(flows ? [plain(s.flow)] : []), plain(s.user), plain(s.account ?? '—'),
      plain(s.segment), plain(`${s.path} › ${s.step ?? '(before first step)'}`), s.label, plain(s.owner ?? '—'),
      plain(s.nextAction ?? '—'), ...(s.state === 'open' ? [] : ['resolved']),
    ]);
    const header = ['Since', ...(flows ? ['Flow'] : []), 'User', 'Account', 'Segment', 'Path › step', 'Label', 'Owner', 'Next action'];
    out.push(...indent(textTable(header, rows)));
  }
  if (report.gaps.length > 0) {
    out.push('', `Returning after a long gap: ${formatCount(report.gaps.length)}`);
    const rows = report.gaps.map((g) => [formatTime(g.at), plain(g.user), plain(g.segment), formatDuration(g.gapMs)]);
    out.push(...indent(textTable(['Back at', 'User', 'Segment', 'Away'], rows, [3])));
  }
  return `${out.join('\n')}\n`;
}

function segmentSection(s: SegmentReport): string[] {
  const rows = s.milestones.map((m) => [MILESTONE_TITLES[m.type], formatCount(m.users), formatPercent(m.conversion)]);
  const t = s.timeToValue;
  return [
    `Segment ${plain(s.segment)}${s.provisioning === null ? '' : ` (${plain(s.provisioning)})`}: ${formatCount(s.users)} users`,
    ...indent(textTable(['Milestone', 'Users', 'From previous'], rows, [1, 2])),
    `  Tour skipped: ${formatCount(s.tourSkipped)} · Dismissed: ${formatCount(s.dismissed)} · Activation: ${formatPercent(s.activationRate)}`,
    `  Time to value (${formatCount(t.count)} activated): median ${formatDuration(t.median)}, p75 ${formatDuration(t.p75)},` +
      ` within 15 min ${formatPercent(t.within15m)}`,
  ];
}

function stallTable(rows: readonly StallRow[]): string[] {
  const body = rows.map((r) => [
    plain(r.path), plain(r.step ?? '(before first step)'), formatCount(r.stalls), formatCount(r.handoffs),
    HANDOFF_LABELS.filter((l) => r.labels[l] > 0).map((l) => `${l} ${r.labels[l]}`).join(', '),
  ]);
  return textTable(['Path', 'Step', 'Stalls', 'Hand-offs', 'Labels'], body, [2, 3]);
}

function indent(lines: string[]): string[] {
  return lines.map((l) => `  ${l}`);
}

/** A data string made safe for a terminal: control characters become U+FFFD. */
function plain(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, '\ufffd');
}
