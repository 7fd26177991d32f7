/**
 * Calls `check` after the document changes (nodes added or removed, attributes set, anywhere), at
 * most once per animation frame. Returns the cleanup.
 */
export function onDomChange(doc: Document, check: () => void): () => void {
  const w = doc.defaultView as Window;
  let frame = 0;
  const mo = new MutationObserver(() => {
    frame ||= w.requestAnimationFrame(() => {
      frame = 0;
      check();
    });
  });
  mo.observe(doc.documentElement, { childList: true, subtree: true, attributes: true });
  return () => {
    mo.disconnect();
    if (frame) w.cancelAnimationFrame(frame);
  };
}
