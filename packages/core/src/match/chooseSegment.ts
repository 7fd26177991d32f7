import type { Flow, Segment } from '../flow/types';

export type TraitValue = string | number | boolean;
export interface User { id: string; role?: string; name?: string; traits?: Record<string, TraitValue> }
export interface Account { id: string; name?: string; traits?: Record<string, TraitValue> }

export interface SegmentChoice {
  segment: Segment;
  /** what justified it: "role=admin", "provisioning=jit,account.plan=pro", or "default" */
  basis: string;
  /** the keys that matched, with the user's values */
  matched: Record<string, TraitValue>;
}

/** The value a match key reads: `role`, a user trait, or `account.X` (account traits). */
export function readTrait(key: string, user: User, account?: Account): TraitValue | undefined {
  if (key.startsWith('account.')) {
    const k = key.slice(8);
    return account?.traits?.[k] ?? (k === 'id' || k === 'name' ? account?.[k] : undefined);
  }
  return key === 'role' ? user.role : user.traits?.[key];
}

/** Segments are ordered; the first whose every key matches wins; the last (no match) is the default. */
export function chooseSegment(flow: Flow, user: User, account?: Account): SegmentChoice {
  for (const segment of flow.segments) {
    if (!segment.match) return { segment, basis: 'default', matched: {} };
    const matched: Record<string, TraitValue> = {};
    const ok = Object.entries(segment.match).every(([key, want]) => {
      const have = readTrait(key, user, account);
      const hit = have !== undefined && (Array.isArray(want) ? want : [want]).some((w) => String(w) === String(have));
      if (hit) matched[key] = have;
      return hit;
    });
    if (ok) return { segment, basis: Object.entries(matched).map(([k, v]) => `${k}=${v}`).join(','), matched };
  }
  // unreachable for a valid flow (the last segment is the default)
  const segment = flow.segments[flow.segments.length - 1];
  return { segment, basis: 'default', matched: {} };
}
