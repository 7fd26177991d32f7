/** Number, duration, share and time formats shared by the text and HTML reports. */

const SECOND = 1e3;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "850 ms", "42 s", "12 min 30 s", "3 h 5 min", "2 d 4 h"; "—" for null. */
export function formatDuration(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return '—';
  if (ms < SECOND) return `${Math.round(ms)} ms`;
  if (ms < MINUTE) return `${Math.round(ms / SECOND)} s`;
  if (ms < HOUR) return pair(ms, MINUTE, 'min', SECOND, 's');
  if (ms < DAY) return pair(ms, HOUR, 'h', MINUTE, 'min');
  return pair(ms, DAY, 'd', HOUR, 'h');
}

function pair(ms: number, big: number, bigUnit: string, small: number, smallUnit: string): string {
  const total = Math.round(ms / small);
  const per = big / small;
  const whole = Math.floor(total / per);
  const rest = total - whole * per;
  return rest === 0 ? `${whole} ${bigUnit}` : `${whole} ${bigUnit} ${rest} ${smallUnit}`;
}

/** "42.5 %" for 0.425; "—" for null. */
export function formatPercent(share: number | null): string {
  return share === null ? '—' : `${(share * 100).toFixed(1)} %`;
}

/** "1,234,567". */
export function formatCount(n: number): string {
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** "2024-05-01 14:03 UTC". */
export function formatTime(epochMs: number): string {
  if (!Number.isFinite(epochMs)) return '—';
  return `${new Date(epochMs).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** How long ago, against the report time: "3 h 5 min ago". */
export function formatAge(since: number, now: number): string {
  return now >= since ? `${formatDuration(now - since)} ago` : formatTime(since);
}

/** A TTV bin's caption: "≤ 1 min", "1 d +". */
export function formatBucket(maxMs: number | null, previousMaxMs: number | null): string {
  if (maxMs === null) return `> ${formatDuration(previousMaxMs)}`;
  return `≤ ${formatDuration(maxMs)}`;
}
