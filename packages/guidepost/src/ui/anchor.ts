import type { Placement } from './describeView';
import { MARGIN, placeCard } from './placeCard';

const clamp = (v: number, lo: number, hi: number) => Math.max(lo, Math.min(v, hi));

/** A placement by floating-ui (viewport coordinates) and the target box, viewport and card it was for. */
interface Placed { x: number; y: number; r: DOMRect; vw: number; vh: number; cw: number; ch: number }

/**
 * Keeps a card next to its target (and the spotlight over it) while the page scrolls, resizes or
 * the target moves, in the window and in nested scroll containers. Both are positioned in their
 * host's coordinates, and the host sits at the document's origin (styles.ts), so while the window
 * scrolls they move with the page in the compositor and nothing is written. When the target moves
 * in the viewport for another reason (a nested container scrolls, the page changes), the card
 * follows by the same offset, and floating-ui places it again whenever that would not fit the
 * viewport (where flip/shift may choose otherwise) or the viewport, target or card changed size.
 * A style is written only when a position really changed. Scroll events come once a frame, just
 * before frame callbacks, and are followed at once; other changes are coalesced to one update per
 * animation frame. Calls shown() once the card is first in place, lost() when the target leaves the
 * page. Returns the cleanup.
 */
export function anchor(target: Element, card: HTMLElement, spot: HTMLElement | null, placement: Placement, lost: () => void, shown: () => void): () => void {
  const doc = target.ownerDocument;
  const w = doc.defaultView as Window;
  const view = doc.scrollingElement ?? doc.documentElement; // its client size is the viewport's, without scrollbars
  let frame = 0;
  let done = false;
  let placed: Placed | undefined;
  const at = { cx: NaN, cy: NaN, sx: NaN, sy: NaN, sw: NaN, sh: NaN }; // what was written last

  /**
   * Moves the card to (x, y) and the spotlight over r, from viewport to host coordinates. Both stay
   * inside the page's scroll extent (x0..x1, y0..y1 in the document's coordinates; the low ends
   * matter on right-to-left pages): a box beyond it would extend it, and a spotlight round a
   * full-width header would add a scrollbar. Beyond it nothing can be seen anyway.
   */
  const put = (r: DOMRect, x: number, y: number, cw: number, ch: number) => {
    const o = card.offsetParent?.getBoundingClientRect() ?? { left: 0, top: 0 };
    const x1 = view.scrollWidth;
    const y1 = view.scrollHeight;
    const x0 = view.clientWidth - x1;
    const y0 = view.clientHeight - y1;
    const cx = Math.round(clamp(x - o.left, x0, x1 - cw));
    const cy = Math.round(clamp(y - o.top, y0, y1 - ch));
    if (cx !== at.cx || cy !== at.cy) card.style.transform = `translate(${(at.cx = cx)}px,${(at.cy = cy)}px)`;
    if (!spot) return;
    const sx = clamp(r.left - o.left - 4, x0, x1);
    const sy = clamp(r.top - o.top - 4, y0, y1);
    const sw = clamp(r.right - o.left + 4, x0, x1) - sx;
    const sh = clamp(r.bottom - o.top + 4, y0, y1) - sy;
    if (sx !== at.sx || sy !== at.sy) spot.style.transform = `translate(${(at.sx = sx)}px,${(at.sy = sy)}px)`;
    if (sw !== at.sw || sh !== at.sh) {
      spot.style.width = `${(at.sw = sw)}px`;
      spot.style.height = `${(at.sh = sh)}px`;
    }
  };

  const update = () => {
    const r = target.getBoundingClientRect();
    if (!target.isConnected || (!r.width && !r.height)) {
      if (!done) {
        done = true;
        lost();
      }
      return;
    }
    const vw = view.clientWidth;
    const vh = view.clientHeight;
    const cw = card.offsetWidth;
    const ch = card.offsetHeight;
    const p = placed;
    if (p && p.vw === vw && p.vh === vh && p.cw === cw && p.ch === ch && p.r.width === r.width && p.r.height === r.height) {
      const x = p.x + r.left - p.r.left;
      const y = p.y + r.top - p.r.top;
      if (x >= MARGIN && y >= MARGIN && x + cw <= vw - MARGIN && y + ch <= vh - MARGIN) return put(r, x, y, cw, ch);
    }
    placeCard(r, { width: cw, height: ch }, { width: vw, height: vh }, placement).then(({ x, y }) => {
      if (done) return;
      const first = !placed;
      placed = { x, y, r, vw, vh, cw, ch };
      put(r, x, y, cw, ch);
      if (!first) return;
      card.style.visibility = '';
      if (spot) spot.style.visibility = '';
      shown();
    });
  };

  const onFrame = () => {
    frame = 0;
    update();
  };
  const schedule = () => {
    if (!placed) update();
    else frame ||= w.requestAnimationFrame(onFrame);
  };
  // a scroll container moves only what is inside it (the window's scrolling may move a fixed target)
  const onScroll = (e: Event) => {
    if (placed && (e.target === doc || (e.target as Node).contains(target))) update();
  };
  // Scrolling anywhere (a capturing listener hears every scroll container's events), resizing, the
  // target or card changing size, and DOM changes (a target that moves for another reason comes
  // with one: its style, content inserted before it).
  const scroll = { capture: true, passive: true };
  w.addEventListener('scroll', onScroll, scroll);
  w.addEventListener('resize', schedule);
  const ro = new ResizeObserver(schedule);
  ro.observe(target);
  ro.observe(card);
  const mo = new MutationObserver(schedule);
  mo.observe(doc.documentElement, { subtree: true, childList: true, attributes: true, characterData: true });
  update();
  return () => {
    done = true;
    w.removeEventListener('scroll', onScroll, scroll);
    w.removeEventListener('resize', schedule);
    ro.disconnect();
    mo.disconnect();
    if (frame) w.cancelAnimationFrame(frame);
  };
}

/** Shows a card in the middle of the viewport (no target, or a target that never came). */
export function centre(card: HTMLElement, spot: HTMLElement | null): void {
  const s = card.style;
  s.position = 'fixed';
  s.left = s.top = '50%';
  s.transform = 'translate(-50%,-50%)';
  s.visibility = '';
  if (spot) spot.style.visibility = 'hidden';
}

/** Brings a target into view when it is not (window and nested scroll containers). */
export function reveal(el: Element, w: Window): void {
  const r = el.getBoundingClientRect();
  if (r.top < 0 || r.left < 0 || r.bottom > w.innerHeight || r.right > w.innerWidth) el.scrollIntoView({ block: 'center', inline: 'nearest', behavior: 'instant' }); // a page's smooth scrolling would leave the card beside a target still on its way
}
