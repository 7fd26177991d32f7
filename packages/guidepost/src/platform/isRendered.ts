/** A target counts as present when it is rendered: a non-zero box, not display:none / visibility:hidden. */
export function isRendered(el: Element | null | undefined): el is Element {
  if (!el || !el.isConnected) return false;
  const r = el.getBoundingClientRect();
  if (!r.width && !r.height) return false;
  return getComputedStyle(el).visibility !== 'hidden';
}

/** The first rendered element matching a selector (an invalid selector throws: callers report it). */
export function findTarget(doc: Document, selector: string): Element | undefined {
  for (const el of doc.querySelectorAll(selector)) if (isRendered(el)) return el;
  return undefined;
}
