import { escapeHtml as esc, svgNumber as n } from './escapeHtml';
import { formatCount, formatPercent } from './formatValues';
import { MILESTONE_TITLES } from './milestones';
import type { SegmentReport } from './types';

const WIDTH = 760;
const LABEL = 190;
const BAR = 360;
const ROW = 34;

/** A horizontal funnel bar chart of one segment (SVG text; every data string escaped). */
export function svgFunnel(segment: SegmentReport): string {
  const rows: Array<{ title: string; users: number; note: string; muted: boolean }> = [];
  for (const m of segment.milestones) {
    rows.push({ title: MILESTONE_TITLES[m.type], users: m.users, note: `${formatPercent(m.conversion)} of previous`, muted: false });
    if (m.type === 'guided_path_completed') {
      rows.push({ title: 'Tour skipped', users: segment.tourSkipped, note: 'skipped the tour', muted: true });
    }
  }
  const max = Math.max(1, segment.users, ...rows.map((r) => r.users));
  const height = rows.length * ROW + 8;
  const bars = rows.map((r, i) => {
    const y = 4 + i * ROW;
    const w = Math.max(r.users > 0 ? 2 : 0, (r.users / max) * BAR);
    return (
      `<text x="${LABEL - 10}" y="${n(y + 21)}" text-anchor="end" class="lbl${r.muted ? ' muted' : ''}">${esc(r.title)}</text>` +
      `<rect x="${LABEL}" y="${n(y + 5)}" width="${BAR}" height="22" rx="4" class="track"/>` +
      `<rect x="${LABEL}" y="${n(y + 5)}" width="${n(w)}" height="22" rx="4" class="${r.muted ? 'bar-muted' : 'bar'}"/>` +
      `<text x="${n(LABEL + BAR + 10)}" y="${n(y + 21)}" class="val"><tspan class="strong">${esc(formatCount(r.users))}</tspan>` +
      ` <tspan class="muted">${esc(r.note)}</tspan></text>`
    );
  });
  const name = `Funnel of segment ${segment.segment}: ` +
    segment.milestones.map((m) => `${MILESTONE_TITLES[m.type]} ${m.users}`).join(', ');
  return (
    `<svg class="chart" viewBox="0 0 ${WIDTH} ${n(height)}" width="${WIDTH}" height="${n(height)}" role="img" aria-label="${esc(name)}">` +
    `<title>${esc(name)}</title>${bars.join('')}</svg>`
  );
}
