/**
 * Reports clicks on (or inside) elements matching the watched selectors. One delegated listener
 * in the capture phase, so a host handler that stops propagation cannot hide the click. Clicks in
 * Guidepost's own UI do not count; a click in a web component's shadow root counts for the
 * component and every element around it.
 */
import { listen } from './listen';

export function watchClicks(doc: Document, selectors: string[], onClick: (selector: string) => void, onError: (e: unknown) => void): () => void {
  const handler = (e: Event) => {
    const path = e.composedPath();
    if (!(path[0] instanceof Element) || path.some((n) => (n as Element).localName === 'guidepost-root')) return;
    for (const s of selectors) {
      try {
        // every element the click went through, across shadow roots: a web component's inner
        // button is inside the custom element the selector names (closest stops at a shadow root)
        if (path.some((n) => n instanceof Element && n.matches(s))) onClick(s);
      } catch (err) {
        onError(err);
      }
    }
  };
  return listen(doc, 'click', handler, true);
}
