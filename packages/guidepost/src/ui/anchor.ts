import { autoUpdate, computePosition, flip, offset, shift } from '@floating-ui/dom';
import type { Placement } from './describeView';

/**
 * Keeps a card next to its target (and the spotlight over it) while the page scrolls, resizes or
 * the target moves, in the window and in nested scroll containers. Updates are coalesced to one
 * per animation frame (scroll events run just before frame callbacks, so nothing lags), and each
 * reads layout before it writes. Calls shown() once the card is first in place, lost() when the
 * target leaves the page. Returns the cleanup.
 */
export function anchor(target: Element, card: HTMLElement, spot: HTMLElement | null, placement: Placement, lost: () => void, shown: () => void): () => void {
  const w = target.ownerDocument.defaultView as Window;
  let frame = 0;
  let first = true;
  let done = false;
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
    computePosition(target, card, {
      strategy: 'fixed',
      placement: placement === 'auto' ? 'bottom' : placement,
      middleware: [offset(12), flip(), shift({ padding: 8 })],
    }).then(({ x, y }) => {
      if (done) return;
      if (spot) {
        const s = spot.style;
        s.transform = `translate(${r.left - 4}px,${r.top - 4}px)`;
        s.width = `${r.width + 8}px`;
        s.height = `${r.height + 8}px`;
        s.visibility = '';
      }
      card.style.transform = `translate(${Math.round(x)}px,${Math.round(y)}px)`;
      card.style.visibility = '';
      if (first) {
        first = false;
        shown();
      }
    });
  };
  const stop = autoUpdate(target, card, () => {
    if (first) update();
    else frame ||= w.requestAnimationFrame(update);
  });
  return () => {
    done = true;
    stop();
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
