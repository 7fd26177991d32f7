/**
 * Reports clicks on (or inside) elements matching the watched selectors. One delegated listener
 * in the capture phase, so a host handler that stops propagation cannot hide the click. Clicks in
 * Guidepost's own UI do not count.
 */
import { listen } from './listen';

export function watchClicks(doc: Document, selectors: string[], onClick: (selector: string) => void, onError: (e: unknown) => void): () => void {
  const handler = (e: Event) => {
    const path = e.composedPath();
    const el = path[0];
    if (!(el instanceof Element) || path.some((n) => (n as Element).localName === 'guidepost-root')) return;
    for (const s of selectors) {
      try {
        if (el.closest(s)) onClick(s);
      } catch (err) {
        onError(err);
      }
    }
  };
  return listen(doc, 'click', handler, true);
}
