import { escapeHtml as esc, svgNumber as n } from './escapeHtml';
import { formatBucket, formatCount } from './formatValues';
import { FIFTEEN_MINUTES_MS } from './milestones';
import type { TimeToValue } from './types';

const WIDTH = 720;
const HEIGHT = 210;
const TOP = 22;
const BOTTOM = 40;
const LEFT = 10;

/** A time-to-value histogram (SVG text): bins up to 15 min in the "good" colour. */
export function svgHistogram(ttv: TimeToValue, segment: string): string {
  const bins = ttv.buckets;
  const max = Math.max(1, ...bins.map((b) => b.users));
  const slot = (WIDTH - 2 * LEFT) / Math.max(1, bins.length);
  const plot = HEIGHT - TOP - BOTTOM;
  const bars = bins.map((b, i) => {
    const h = (b.users / max) * plot;
    const x = LEFT + i * slot;
    const good = b.maxMs !== null && b.maxMs <= FIFTEEN_MINUTES_MS;
    const caption = formatBucket(b.maxMs, i > 0 ? bins[i - 1].maxMs : null);
    return (
      `<rect x="${n(x + 6)}" y="${n(TOP + plot - h)}" width="${n(slot - 12)}" height="${n(h)}" rx="3" class="${good ? 'bar-good' : 'bar'}"/>` +
      `<text x="${n(x + slot / 2)}" y="${n(TOP + plot - h - 6)}" text-anchor="middle" class="val strong">${esc(formatCount(b.users))}</text>` +
      `<text x="${n(x + slot / 2)}" y="${n(HEIGHT - BOTTOM + 18)}" text-anchor="middle" class="lbl">${esc(caption)}</text>`
    );
  });
  const name = `Time to value of segment ${segment}: ` +
    bins.map((b, i) => `${formatBucket(b.maxMs, i > 0 ? bins[i - 1].maxMs : null)}: ${b.users} users`).join(', ');
  return (
    `<svg class="chart" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}" role="img" aria-label="${esc(name)}">` +
    `<title>${esc(name)}</title>` +
    `<line x1="${LEFT}" x2="${WIDTH - LEFT}" y1="${TOP + plot}" y2="${TOP + plot}" class="axis"/>${bars.join('')}</svg>`
  );
}
