/**
 * Spread on each of Guidepost's own controls. A focus trap that moves Tab itself (Shoelace's
 * dialogs) leaves Tab to the browser when the next control in its cycle has `controls` (a media
 * player, which may hold controls it cannot walk). It must, for ours: a control in the top layer
 * does not give the page's modal :focus-within (Chromium), and the trap's check that follows would
 * take the focus back to its first control. The browser's own order, with <guidepost-root> inside
 * the modal, is the trap's.
 */
export const LET_TAB = { controls: '' };
