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

/**
 * Segments are ordered; the first whose every key matches wins. The flow is validated: its last
 * segment, the default, has no match keys, so it wins when no other does.
 */
export function chooseSegment(flow: Flow, user: User, account?: Account): SegmentChoice {
  let matched: Record<string, TraitValue> = {};
  const segment = flow.segments.find((s) => {
    matched = {};
    return Object.entries(s.match ?? {}).every(([key, want]) => {
      const have = readTrait(key, user, account);
      const hit = have !== undefined && (Array.isArray(want) ? want : [want]).some((w) => String(w) === String(have));
      if (hit) matched[key] = have;
      return hit;
    });
  }) as Segment;
  return { segment, basis: segment.match ? Object.entries(matched).map(([k, v]) => `${k}=${v}`).join(',') : 'default', matched };
}
