import { findTarget } from './findTarget';
import { onDomChange } from './onDomChange';

/**
 * Waits for a rendered element matching the selector: now, or on a later DOM change, within
 * `timeout` ms. Calls exactly one of found / missing. Returns the cancel function.
 */
export function waitForTarget(doc: Document, selector: string, timeout: number, found: (el: Element) => void, missing: () => void): () => void {
  const w = doc.defaultView as Window;
  let timer = 0;
  let unobserve = () => {};
  const stop = () => {
    unobserve();
    w.clearTimeout(timer);
  };
  const check = () => {
    const el = findTarget(doc, selector);
    if (el) {
      stop();
      found(el);
    }
    return el;
  };
  if (check()) return stop;
  unobserve = onDomChange(doc, check);
  timer = w.setTimeout(() => {
    if (!check()) {
      stop();
      missing();
    }
  }, timeout);
  return stop;
}
