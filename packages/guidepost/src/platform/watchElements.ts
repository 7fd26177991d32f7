import { findTarget } from './isRendered';

/**
 * Reports watched selectors whose element is present (rendered). Checks at once, then on DOM
 * mutations, at most once per animation frame. Observes only while something waits.
 */
export function watchElements(doc: Document, selectors: string[], onPresent: (selector: string) => void, onError: (e: unknown) => void): () => void {
  const w = doc.defaultView as Window;
  let frame = 0;
  const check = () => {
    frame = 0;
    for (const s of selectors) {
      try {
        if (findTarget(doc, s)) onPresent(s);
      } catch (e) {
        onError(e);
      }
    }
  };
  const mo = new MutationObserver(() => {
    frame ||= w.requestAnimationFrame(check);
  });
  mo.observe(doc.documentElement, { childList: true, subtree: true, attributes: true });
  check();
  return () => {
    mo.disconnect();
    if (frame) w.cancelAnimationFrame(frame);
  };
}
