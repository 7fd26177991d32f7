import type { Placement } from './describeView';
import type { Rect } from '@floating-ui/core';
import { clamp, MARGIN, placeCard } from './placeCard';
import { seen } from './visualViewport';
import { rendered } from '../platform/findTarget';

/** A placement by floating-ui (viewport coordinates) and the target box, visible box and card it was for. */
interface Placed { x: number; y: number; r: DOMRect; v: Rect; cw: number; ch: number }

/**
 * Keeps a card next to its target (and the spotlight over it) while the page scrolls, resizes or
 * the target moves, in the window and in nested scroll containers. Both are positioned in their
 * host's coordinates. Where the browser has CSS anchor positioning, the host is pinned to the
 * target (pin below), so the browser moves both with the target through any scrolling, in the
 * compositor: no listener runs and nothing is written while the card fits. Elsewhere the host sits
 * at the document's origin (styles.ts), so the window's scrolling moves them with the page and
 * nothing is written, and when the target moves in the viewport for another reason (a nested
 * container scrolls) the card follows by the same offset. Either way floating-ui places it again
 * whenever following would not fit the viewport (where flip/shift may choose otherwise) or the
 * viewport, target or card changed size. A style is written only when a position really changed.
 * Scroll events come once a frame, just before frame callbacks, and are followed at once; other
 * changes are coalesced to one update per animation frame. Calls shown() once the card is first in
 * place, lost() when the target leaves the page. Returns the cleanup.
 */
export function anchor(target: Element, card: HTMLElement, spot: HTMLElement | null, placement: Placement, lost: () => void, shown: () => void): () => void {
  const doc = target.ownerDocument;
  const w = doc.defaultView as Window;
  const view = doc.scrollingElement ?? doc.documentElement; // its client size is the viewport's, without scrollbars
  let frame = 0;
  let done = false;
  let placed: Placed | undefined;
  const at: Record<string, string> = {}; // what was written last, by key
  /** A style is written only when it really changed. */
  const write = (el: HTMLElement, key: string, prop: 'transform' | 'width' | 'height', v: string) => {
    if (at[key] !== v) el.style[prop] = at[key] = v;
  };
  card.style.position = card.style.left = card.style.top = ''; // a card shown in the middle before (centre below)
  const host = (card.getRootNode() as ShadowRoot).host as HTMLElement;
  unpinning.delete(host); // the next card's anchor takes over (one hide and show, not two)
  const pinned = !!globalThis.CSS?.supports('position-anchor:auto') && pin(host, target);

  /**
   * Moves the card to (x, y) and the spotlight over r, from viewport to host coordinates. At the
   * document's origin, both stay inside the page's scroll extent (x0..x1, y0..y1 in the document's
   * coordinates; the low ends matter on right-to-left pages): a box beyond it would extend it, and
   * a spotlight round a full-width header would add a scrollbar. Beyond it nothing can be seen
   * anyway. A pinned host is fixed, and adds nothing to the extent.
   */
  const put = (r: DOMRect, x: number, y: number, cw: number, ch: number) => {
    // a pinned host is on the target (its own box lags a frame behind while a scroll event runs)
    const o = pinned ? r : card.offsetParent?.getBoundingClientRect() ?? { left: 0, top: 0 };
    const x1 = pinned ? Infinity : view.scrollWidth;
    const y1 = pinned ? Infinity : view.scrollHeight;
    const x0 = pinned ? -Infinity : view.clientWidth - x1;
    const y0 = pinned ? -Infinity : view.clientHeight - y1;
    write(card, 'c', 'transform', `translate(${Math.round(clamp(x - o.left, x0, x1 - cw))}px,${Math.round(clamp(y - o.top, y0, y1 - ch))}px)`);
    if (!spot) return;
    const sx = clamp(r.left - o.left - 4, x0, x1);
    const sy = clamp(r.top - o.top - 4, y0, y1);
    write(spot, 's', 'transform', `translate(${sx}px,${sy}px)`);
    write(spot, 'w', 'width', `${clamp(r.right - o.left + 4, x0, x1) - sx}px`);
    write(spot, 'h', 'height', `${clamp(r.bottom - o.top + 4, y0, y1) - sy}px`);
  };

  const update = () => {
    const r = target.getBoundingClientRect();
    if (!rendered(target, r)) { // hidden (display:none, visibility:hidden) or taken out of the page
      if (!done) {
        done = true;
        lost();
      }
      return;
    }
    const v = seen(w, view);
    const cw = card.offsetWidth;
    const ch = card.offsetHeight;
    const p = placed;
    // (compared field by field: this runs on every scroll event, and allocates nothing)
    if (p && p.v.x === v.x && p.v.y === v.y && p.v.width === v.width && p.v.height === v.height && p.cw === cw && p.ch === ch && p.r.width === r.width && p.r.height === r.height) {
      const x = p.x + r.left - p.r.left;
      const y = p.y + r.top - p.r.top;
      if (x >= v.x + MARGIN && y >= v.y + MARGIN && x + cw <= v.x + v.width - MARGIN && y + ch <= v.y + v.height - MARGIN) return put(r, x, y, cw, ch);
    }
    placeCard(r, { width: cw, height: ch }, v, placement).then(({ x, y }) => {
      if (done) return;
      const first = !placed;
      placed = { x, y, r, v, cw, ch };
      put(r, x, y, cw, ch);
      if (pinned) watch(placed);
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
  const scroll = { capture: true }; // (passive changes nothing for scroll events: they cannot be cancelled)
  let following = false;
  const follow = (on: boolean) => {
    if (on !== following) w[(following = on) ? 'addEventListener' : 'removeEventListener']('scroll', onScroll, scroll);
  };
  // Pinned, the card moves with its target by itself. An IntersectionObserver on the target says
  // when the target leaves the box within which the card next to it stays MARGIN inside the
  // viewport (its root margins), and only then, until it is back, is every scroll followed: the
  // card is placed again at an edge, and while its target is clipped by its scroll container.
  let io: IntersectionObserver | undefined;
  let margins = '';
  const watch = ({ x, y, r, cw, ch }: Placed) => {
    const m = [y - r.top, r.right - x - cw, r.bottom - y - ch, x - r.left].map((v) => `${v - MARGIN}px`).join(' ');
    if (m === margins) return;
    margins = m;
    io?.disconnect();
    io = new IntersectionObserver((l) => {
      follow(l.at(-1)!.intersectionRatio < 1);
      update();
    }, { rootMargin: m, threshold: 1 });
    io.observe(target);
  };
  follow(!pinned);
  w.addEventListener('resize', schedule);
  const ro = new ResizeObserver(schedule);
  ro.observe(target);
  ro.observe(card);
  const mo = new MutationObserver(schedule);
  mo.observe(doc.documentElement, { subtree: true, childList: true, attributes: true, characterData: true });
  update();
  return () => {
    done = true;
    follow(false);
    io?.disconnect();
    w.removeEventListener('resize', schedule);
    ro.disconnect();
    mo.disconnect();
    if (frame) w.cancelAnimationFrame(frame);
    if (pinned) unpinSoon(host);
  };
}

/** Hosts whose card went, to be put back at the document's origin unless another card pins them first. */
const unpinning = new WeakSet<HTMLElement>();
/** Puts the host back at the document's origin at the end of this task: a card that follows at once (the next step) pins it again without it. */
function unpinSoon(host: HTMLElement): void {
  unpinning.add(host);
  queueMicrotask(() => {
    if (unpinning.delete(host)) pin(host);
  });
}

/**
 * Shows the UI's host again as a popover whose source is `target`, which makes the target its
 * implicit anchor: `:host([data-at])` in styles.ts then sits the host on it by CSS anchor
 * positioning. The page is not touched, and the name-free anchor works across the shadow boundary,
 * where a tree-scoped anchor-name on the target would not. The browser keeps the host on the
 * target while any scroll container scrolls (in the compositor), so the card's and spotlight's
 * offsets from it stay the same and nothing is written. Returns whether the host is on the target;
 * without one, back at the document's origin.
 */
function pin(host: HTMLElement, target?: Element): boolean {
  let read = false; // a browser that ignores `source` never reads it
  try {
    host.hidePopover();
    (host as unknown as { showPopover(o: object): void }).showPopover({
      get source() {
        read = !!target;
        return target;
      },
    });
  } catch {
    // no Popover API
  }
  host.toggleAttribute('data-at', read);
  if (!read) return false;
  const h = host.getBoundingClientRect();
  const t = (target as Element).getBoundingClientRect();
  return (Math.abs(h.left - t.left) < 1 && Math.abs(h.top - t.top) < 1) || pin(host);
}

/** Shows a card in the middle of the viewport (no target, or a target that never came). */
export function centre(card: HTMLElement, spot: HTMLElement | null): void {
  const s = card.style;
  s.position = 'fixed';
  s.left = 'calc((100% + var(--gp-l) - var(--gp-r))/2)'; // the middle of what the user sees (styles.ts)
  s.top = 'calc((100% + var(--gp-t) - var(--gp-b))/2)';
  s.transform = 'translate(-50%,-50%)';
  s.visibility = '';
  if (spot) spot.style.visibility = 'hidden';
}

/**
 * Brings a target into view when it is not (window and nested scroll containers). Says whether
 * any of it is in the viewport then.
 */
export function reveal(el: Element, w: Window): boolean {
  /** is box b (all of it, or some of it) inside box v */
  const inside = (b: DOMRect, v: Rect, some?: boolean) => some
    ? b.right > v.x && b.bottom > v.y && b.left < v.x + v.width && b.top < v.y + v.height
    : b.top >= v.y && b.left >= v.x && b.bottom <= v.y + v.height && b.right <= v.x + v.width;
  const view = () => seen(w, el.ownerDocument.documentElement);
  let r = el.getBoundingClientRect();
  const all = inside(r, view());
  // in the viewport, it may still be clipped by a container the user scrolls (overflow auto or
  // scroll); a box that hides its overflow on purpose (a carousel, a truncated label) is not
  // scrolled under the page: put back as it was (scrollIntoView scrolls every box on the way)
  let clipped = false;
  const kept: Array<[Element, number, number]> = [];
  for (let a = el.parentElement; a && a !== el.ownerDocument.body; a = a.parentElement) {
    const overflow = w.getComputedStyle(a).overflow;
    if (/auto|scroll/.test(overflow)) clipped ||= all && !inside(r, a.getBoundingClientRect());
    else if (/hidden|clip/.test(overflow)) kept.push([a, a.scrollLeft, a.scrollTop]);
  }
  if (all && !clipped) return true;
  // the least scrolling that shows it (instant: a page's smooth scrolling would leave the card beside a target still on its way)
  el.scrollIntoView({ block: all ? 'nearest' : 'center', behavior: 'instant' }); // inline: 'nearest', the default
  for (const [a, x, y] of kept) a.scrollTo(x, y);
  r = el.getBoundingClientRect();
  return inside(r, view(), true);
}
