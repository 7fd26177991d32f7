import { autoUpdate, computePosition, flip, offset, shift } from '@floating-ui/dom';
import type { Placement } from './describeView';

const MARGIN = 8;

/**
 * Keeps a card next to its target (and the spotlight over it) while the page scrolls, resizes or
 * the target moves, in the window and in nested scroll containers. floating-ui places the card;
 * while only scrolling moves the target, the card follows by the same offset (one layout read per
 * frame, no other work), and floating-ui places it again whenever that would not fit the viewport
 * (where flip/shift may choose otherwise) or the viewport or target changed size. Updates are
 * coalesced to one per animation frame (scroll events run just before frame callbacks, so nothing
 * lags). Calls shown() once the card is first in place, lost() when the target leaves the page.
 * Returns the cleanup.
 */
export function anchor(target: Element, card: HTMLElement, spot: HTMLElement | null, placement: Placement, lost: () => void, shown: () => void): () => void {
  const w = target.ownerDocument.defaultView as Window;
  let frame = 0;
  let done = false;
  let base: { x: number; y: number; r: DOMRect; vw: number; vh: number; cw: number; ch: number } | undefined;

  let last = '';
  const put = (r: DOMRect, x: number, y: number) => {
    const key = `${r.left},${r.top},${r.width},${r.height},${Math.round(x)},${Math.round(y)}`;
    if (key === last) return; // nothing moved (a DOM change elsewhere): write nothing, restyle nothing
    last = key;
    if (spot) {
      const s = spot.style;
      s.transform = `translate(${r.left - 4}px,${r.top - 4}px)`;
      s.width = `${r.width + 8}px`;
      s.height = `${r.height + 8}px`;
      s.visibility = '';
    }
    card.style.transform = `translate(${Math.round(x)}px,${Math.round(y)}px)`;
    card.style.visibility = '';
  };

  const update = () => {
    frame = 0;
    const r = target.getBoundingClientRect();
    if (!target.isConnected || (!r.width && !r.height)) {
      if (!done) {
        done = true;
        lost();
      }
      return;
    }
    const vw = w.innerWidth;
    const vh = w.innerHeight;
    if (base && base.vw === vw && base.vh === vh && base.r.width === r.width && base.r.height === r.height) {
      const x = base.x + r.left - base.r.left;
      const y = base.y + r.top - base.r.top;
      if (x >= MARGIN && y >= MARGIN && x + base.cw <= vw - MARGIN && y + base.ch <= vh - MARGIN) return put(r, x, y);
    }
    computePosition(target, card, {
      strategy: 'fixed',
      placement: placement === 'auto' ? 'bottom' : placement,
      middleware: [offset(12), flip(), shift({ padding: MARGIN })],
    }).then(({ x, y }) => {
      if (done) return;
      const first = !base;
      base = { x, y, r, vw, vh, cw: card.offsetWidth, ch: card.offsetHeight };
      put(r, x, y);
      if (first) shown();
    });
  };

  const schedule = () => {
    if (!base) update();
    else frame ||= w.requestAnimationFrame(update);
  };
  // Scroll (window and every scrolling ancestor) and size changes come from autoUpdate. A target
  // that moves for another reason (its style, content inserted before it) comes with a DOM change:
  // one MutationObserver replaces floating-ui's layout-shift IntersectionObserver, which is
  // rebuilt on every frame of a scroll (measured: about half the cost of following a scroll).
  const stop = autoUpdate(target, card, schedule, { layoutShift: false });
  const mo = new MutationObserver(schedule);
  mo.observe(target.ownerDocument.documentElement, { subtree: true, childList: true, attributes: true, characterData: true });
  return () => {
    done = true;
    stop();
    mo.disconnect();
    if (frame) w.cancelAnimationFrame(frame);
  };
}

/** Shows a card in the middle of the viewport (no target, or a target that never came). */
export function centre(card: HTMLElement, spot: HTMLElement | null): void {
  const s = card.style;
  s.left = s.top = '50%';
  s.transform = 'translate(-50%,-50%)';
  s.visibility = '';
  if (spot) spot.style.visibility = 'hidden';
}

/** Brings a target into view when it is not (window and nested scroll containers). */
export function reveal(el: Element, w: Window): void {
  const r = el.getBoundingClientRect();
  if (r.top < 0 || r.left < 0 || r.bottom > w.innerHeight || r.right > w.innerWidth) el.scrollIntoView({ block: 'center', inline: 'nearest' });
}
