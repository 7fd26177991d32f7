/**
 * The first element matching a selector that is rendered: a non-zero box (an element out of the
 * page or under display:none has none), not visibility:hidden. An invalid selector throws: callers
 * report it.
 */
export function findTarget(doc: Document, selector: string): Element | undefined {
  for (const el of doc.querySelectorAll(selector)) if (rendered(el, el.getBoundingClientRect())) return el;
  return undefined;
}

/** Is this element, whose box is r, rendered (see findTarget)? */
export const rendered = (el: Element, r: DOMRect) => !!(r.width || r.height) && getComputedStyle(el).visibility !== 'hidden';
