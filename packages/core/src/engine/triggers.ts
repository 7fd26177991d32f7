import type { Trigger } from '../flow/types';
import { matchUrl, type UrlLocation } from '../match/matchUrl';

/** A leaf's key doubles as the basis recorded when it fires: "click:#nav-reports". */
export function leafKey(t: Trigger): string {
  const kind = (['event', 'click', 'url'] as const).find((k) => t[k] !== undefined) ?? 'element';
  // `where` comes only with `event` (checkFlow)
  return `${kind}:${t[kind]}${t.where ? ` ${JSON.stringify(t.where)}` : ''}`;
}

/** All leaves of a trigger tree. */
export function leaves(t: Trigger, out: Trigger[] = []): Trigger[] {
  const list = t.any ?? t.all;
  if (list) for (const c of list) leaves(c, out);
  else out.push(t);
  return out;
}

/** Is the tree satisfied, given the leaf keys that have fired? */
export function satisfied(t: Trigger, fired: ReadonlySet<string>): boolean {
  if (t.any) return t.any.some((c) => satisfied(c, fired));
  if (t.all) return t.all.every((c) => satisfied(c, fired));
  return fired.has(leafKey(t));
}

/** What happened in the product, as the platform reports it. */
export type Signal =
  | { kind: 'event'; name: string; props?: Record<string, unknown> }
  | { kind: 'click' | 'element'; selector: string }
  | { kind: 'url'; location: UrlLocation };

/** Does this leaf fire on this signal? */
export function leafFires(t: Trigger, s: Signal): boolean {
  if (s.kind === 'event') return t.event === s.name && Object.entries(t.where ?? {}).every(([k, v]) => s.props?.[k] === v);
  if (s.kind === 'url') return t.url !== undefined && matchUrl(t.url, s.location);
  return t[s.kind] === s.selector;
}
