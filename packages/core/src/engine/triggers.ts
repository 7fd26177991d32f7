import type { Trigger } from '../flow/types';
import { matchUrl, type UrlLocation } from '../match/matchUrl';

/** A leaf's key doubles as the basis recorded when it fires: "click:#nav-reports". */
export function leafKey(t: Trigger): string {
  if (t.event !== undefined) return `event:${t.event}${t.where ? ` ${JSON.stringify(t.where)}` : ''}`;
  if (t.click !== undefined) return `click:${t.click}`;
  if (t.url !== undefined) return `url:${t.url}`;
  return `element:${t.element}`;
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
  switch (s.kind) {
    case 'event':
      return t.event === s.name && Object.entries(t.where ?? {}).every(([k, v]) => s.props?.[k] === v);
    case 'click':
      return t.click === s.selector;
    case 'element':
      return t.element === s.selector;
    case 'url':
      return t.url !== undefined && matchUrl(t.url, s.location);
  }
}
