/** Durations are strings: "500ms", "90s", "2m", "72h", "1d". */
export const DURATION_RE = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)$/;
const UNIT: Record<string, number> = { ms: 1, s: 1e3, m: 6e4, h: 36e5, d: 864e5 };

/** Milliseconds for a duration string, or undefined when it is not one. */
export function parseDuration(text: string | undefined): number | undefined {
  const m = text === undefined ? null : DURATION_RE.exec(text);
  return m ? Math.round(Number(m[1]) * UNIT[m[2]]) : undefined;
}
