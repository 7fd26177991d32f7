import { computePosition, type Dimensions, type Platform, type Rect } from '@floating-ui/core';
import { flip, offset, shift } from '@floating-ui/dom';
import type { Placement } from './describeView';

/** The least distance between the card and the viewport's edges. */
export const MARGIN = 8;

/**
 * Where a card of `size` goes next to a target box, in viewport coordinates: floating-ui's core with
 * a 12 px offset, flip (to the opposite side, then to the other axis), and shift to stay 8 px inside
 * the viewport ('auto' is bottom, flipped to top when there is no room). The card lives in the top layer, so the viewport is the only box that
 * clips it: floating-ui's DOM platform (offset parents, clipping ancestors) has nothing to add,
 * so computePosition comes from @floating-ui/core with this platform (the pattern floating-ui is
 * built on), and the middleware from @floating-ui/dom, which re-exports core's.
 */
export function placeCard(target: Rect, size: Dimensions, viewport: Dimensions, placement: Placement): Promise<{ x: number; y: number }> {
  const platform: Platform = {
    getElementRects: () => ({ reference: target, floating: { x: 0, y: 0, ...size } }),
    getDimensions: () => size,
    getClippingRect: () => ({ x: 0, y: 0, ...viewport }),
  };
  return computePosition(target, size, {
    platform,
    strategy: 'fixed',
    placement: placement === 'auto' ? 'bottom' : placement,
    // neither side of the asked axis has room (a full-width target, a phone): the other axis, then
    // whichever fits best; shifted on both axes, so the card is never pushed off the screen
    middleware: [offset(12), flip({ crossAxis: 'alignment', fallbackAxisSideDirection: 'end', padding: MARGIN }), shift({ padding: MARGIN, crossAxis: true })],
  });
}
