import { listen } from '../platform/listen';

/**
 * The visual viewport (what the user sees), as [x, y, width, height] in the layout viewport that
 * fixed boxes are placed in and getBoundingClientRect() measures, when the two are more than a
 * scrollbar apart: on a phone when the page is wider than the screen (the layout viewport widens to
 * the page, and every fixed box with it, partly off screen), and while the user pinch-zooms.
 */
function apart(w: Window): number[] | undefined {
  const v = w.visualViewport;
  const b = v ? [v.offsetLeft, v.offsetTop, v.width, v.height] : [];
  return b[0] > 0 || b[1] > 0 || w.innerWidth - b[2] > 24 || w.innerHeight - b[3] > 24 ? b : undefined;
}

/** What the user sees, in viewport coordinates: the visual viewport, else the root's client box. */
export function seen(w: Window, root: Element): { x: number; y: number; width: number; height: number } {
  const [x = 0, y = 0, width = root.clientWidth, height = root.clientHeight] = apart(w) ?? [];
  return { x, y, width, height };
}

/**
 * Keeps the UI's fixed boxes (the welcome, the Quick Start, a card in the middle) 16 px inside what
 * the user sees: while the viewports are apart, the insets of the visual one in the layout one go to
 * custom properties on the host (--gp-l, --gp-t, --gp-r, --gp-b; 16 px in styles.ts otherwise).
 * Read first in the next frame (a read now would force a layout in the middle of a render), then as
 * the visual viewport moves or resizes. Returns the cleanup.
 */
export function followViewport(w: Window, host: HTMLElement): () => void {
  const v = w.visualViewport;
  const set = () => {
    const b = apart(w);
    const insets = b && [b[0], b[1], w.innerWidth - b[0] - b[2], w.innerHeight - b[1] - b[3]];
    [...'ltrb'].forEach((k, i) => (insets ? host.style.setProperty(`--gp-${k}`, `${insets[i] + 16}px`) : host.style.removeProperty(`--gp-${k}`)));
  };
  const frame = w.requestAnimationFrame(set);
  const off = v ? [listen(v, 'resize', set), listen(v, 'scroll', set)] : [];
  return () => {
    w.cancelAnimationFrame(frame);
    off.forEach((f) => f());
  };
}
