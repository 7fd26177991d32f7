import { computePosition, type Dimensions, type MiddlewareState, type Platform, type Rect } from '@floating-ui/core';
import { flip, offset, shift } from '@floating-ui/dom';
import type { Placement } from './describeView';

/** The least distance between the card and the viewport's edges. */
export const MARGIN = 8;

export const clamp = (v: number, lo: number, hi: number) => Math.max(lo, Math.min(v, hi));
/** shift's limiter: the card goes no further than touching the target (across the 12 px offset) */
const attached = {
  fn: ({ x, y, rects: { reference: r, floating: f } }: MiddlewareState) =>
    ({ x: clamp(x, r.x - f.width - 12, r.x + r.width + 12), y: clamp(y, r.y - f.height - 12, r.y + r.height + 12) }),
};

/**
 * Where a card of `size` goes next to a target box, in viewport coordinates: floating-ui's core with
 * a 12 px offset, flip (to the opposite side, then to the other axis), and shift to stay 8 px inside
 * the viewport ('auto' is bottom, flipped to top when there is no room). The card lives in the top layer, so the viewport is the only box that
 * clips it: floating-ui's DOM platform (offset parents, clipping ancestors) has nothing to add,
 * so computePosition comes from @floating-ui/core with this platform (the pattern floating-ui is
 * built on), and the middleware from @floating-ui/dom, which re-exports core's.
 */
export function placeCard(target: Rect, size: Dimensions, viewport: Rect, placement: Placement): Promise<{ x: number; y: number }> {
  const platform: Platform = {
    getElementRects: () => ({ reference: target, floating: { x: 0, y: 0, ...size } }),
    getDimensions: () => size,
    getClippingRect: () => viewport,
  };
  return computePosition(target, size, {
    platform,
    placement: placement === 'auto' ? 'bottom' : placement,
    // neither side of the asked axis has room (a full-width target, a phone): the other axis, then
    // whichever fits best; shifted on both axes to stay on screen, but never past the target's far
    // edge: a target scrolled out of view takes its card with it (left pinned at the edge, it would
    // cover the page's sticky header, pointing at nothing)
    middleware: [offset(12), flip({ crossAxis: 'alignment', fallbackAxisSideDirection: 'end', padding: MARGIN }), shift({ padding: MARGIN, crossAxis: true, limiter: attached })],
  });
}
