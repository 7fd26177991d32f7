import { findTarget } from './isRendered';

/**
 * Waits for a rendered element matching the selector: now, or on a later DOM change, within
 * `timeout` ms. Calls exactly one of found / missing. Returns the cancel function.
 */
export function waitForTarget(doc: Document, selector: string, timeout: number, found: (el: Element) => void, missing: () => void): () => void {
  const w = doc.defaultView as Window;
  let frame = 0;
  let timer = 0;
  let mo: MutationObserver | undefined;
  const stop = () => {
    mo?.disconnect();
    w.clearTimeout(timer);
    if (frame) w.cancelAnimationFrame(frame);
  };
  const check = () => {
    frame = 0;
    const el = findTarget(doc, selector);
    if (el) {
      stop();
      found(el);
    }
    return el;
  };
  if (check()) return stop;
  mo = new MutationObserver(() => {
    frame ||= w.requestAnimationFrame(check);
  });
  mo.observe(doc.documentElement, { childList: true, subtree: true, attributes: true });
  timer = w.setTimeout(() => {
    if (!check()) {
      stop();
      missing();
    }
  }, timeout);
  return stop;
}
