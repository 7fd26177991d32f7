import { findTarget } from './findTarget';
import { onDomChange } from './onDomChange';

/**
 * Reports watched selectors whose element is present (rendered). Checks at once, then on DOM
 * mutations, at most once per animation frame. Observes only while something waits.
 */
export function watchElements(doc: Document, selectors: string[], onPresent: (selector: string) => void, onError: (e: unknown) => void): () => void {
  const check = () => {
    for (const s of selectors) {
      try {
        if (findTarget(doc, s)) onPresent(s);
      } catch (e) {
        onError(e);
      }
    }
  };
  const stop = onDomChange(doc, check);
  check();
  return stop;
}
