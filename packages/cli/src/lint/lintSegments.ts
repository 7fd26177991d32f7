import type { Flow, Segment } from '@guidepost/core';
import type { Report } from './types';

const accepted = (want: unknown): string[] => (Array.isArray(want) ? want : [want]).map(String);

/** Does every user that `later` accepts also match `earlier` (so `later` is never chosen)? */
function covers(earlier: Segment, later: Segment): boolean {
  if (!earlier.match) return true;
  return Object.entries(earlier.match).every(([key, want]) => {
    const theirs = later.match?.[key];
    if (theirs === undefined) return false;
    const ok = accepted(want);
    return accepted(theirs).every((v) => ok.includes(v));
  });
}

/** Paths no segment leads to, and segments an earlier one always wins over (first match wins). */
export function lintSegments(flow: Flow, report: Report): void {
  const used = new Set(flow.segments.map((s) => s.path));
  for (const id of Object.keys(flow.paths)) {
    if (!used.has(id)) report(`flow.paths.${id}`, 'unused-path', `no segment leads to path '${id}', so no user can activate through it; point a segment's "path" at it or remove it`);
  }
  flow.segments.forEach((later, i) => {
    if (!later.match) return;
    const earlier = flow.segments.slice(0, i).find((e) => e.match && covers(e, later));
    if (earlier) {
      report(`flow.segments[${i}]`, 'shadowed-segment', `segment '${later.id}' is never chosen: every user it matches also matches '${earlier.id}', which comes first (first match wins); move it above '${earlier.id}' or narrow '${earlier.id}'`);
    }
  });
}
