/**
 * Guidepost's styles live in its shadow root (adopted, so strict CSP pages allow them) and touch
 * nothing of the host's. Theme with custom properties on guidepost-root: --gp-accent, --gp-bg,
 * --gp-fg, --gp-muted, --gp-radius, --gp-font, --gp-shadow, --gp-dim. The host is absolute: in the
 * top layer that puts it at the document's origin, so the step card and spotlight (absolute in it)
 * move with the page as the window scrolls, with no work of ours. With [data-at] it is pinned to
 * its implicit anchor, the step's target, and moves with it through any scrolling (ui/anchor.ts);
 * fixed, so a card beyond the page never extends its scroll extent, and shown even while the
 * target is scrolled out of its container's view, like the unpinned host. The welcome, the Quick
 * Start and a card in the middle keep 16 px inside what the user sees (--gp-l/t/r/b, the insets of
 * the layout viewport that visualViewport.ts sets while the visual one is apart from it). (Each line ends in a
 * backslash, a line continuation: the sheet carries no newlines.)
 */
export const css = `\
:host{all:initial!important;position:absolute!important;inset:0!important;pointer-events:none!important;z-index:2147483647!important;display:block!important;zoom:var(--z,1)!important;\
--a:var(--gp-accent,#4f46e5);--gp-l:16px;--gp-t:16px;--gp-r:16px;--gp-b:16px}\
:host([dir=ltr]){direction:ltr!important}:host([dir=rtl]){direction:rtl!important}\
:host([data-at]){position:fixed!important;position-anchor:auto!important;inset:anchor(top) auto auto anchor(left)!important;position-visibility:always!important}\
*{box-sizing:border-box}\
.c,.q,dialog{font:14px/1.45 var(--gp-font,system-ui,-apple-system,"Segoe UI",Roboto,sans-serif);pointer-events:auto;background:var(--gp-bg,#fff);color:var(--gp-fg,#0f172a);border-radius:var(--gp-radius,10px);box-shadow:var(--gp-shadow,0 10px 30px rgba(15,23,42,.25),0 0 0 1px rgba(15,23,42,.08))}\
.c,.s{position:absolute;left:0;top:0}\
.c{z-index:1;width:max-content;max-width:min(340px,calc(100vw - 16px));padding:16px}\
dialog{border:0;padding:24px;max-width:min(440px,calc(100% - var(--gp-l) - var(--gp-r)))}\
dialog:modal{inset:var(--gp-t) var(--gp-r) var(--gp-b) var(--gp-l);max-height:calc(100% - var(--gp-t) - var(--gp-b))}\
dialog::backdrop{background:var(--gp-dim,rgba(15,23,42,.5))}\
h2{font-size:16px;line-height:1.3;margin:0 0 6px;font-weight:650}\
dialog h2{font-size:20px}\
p{margin:0 0 12px;color:var(--gp-muted,#475569)}\
a{color:var(--a)}\
.b{display:flex;gap:8px;flex-wrap:wrap;align-items:center;justify-content:flex-end;margin-top:12px}\
.h{font-size:13px;padding-inline-start:8px;border-inline-start:2px solid var(--a)}\
.n{margin-inline-end:auto;color:var(--gp-muted,#475569);font-size:12px}\
button{font:inherit;cursor:pointer;border-radius:8px;padding:7px 12px;border:1px solid rgba(15,23,42,.18);background:transparent;color:var(--gp-fg,#0f172a)}\
button:disabled{opacity:.45;cursor:default}\
button.p{background:var(--a);border-color:var(--a);color:var(--gp-accent-fg,#fff);font-weight:600}\
button:focus-visible{outline:3px solid var(--a);outline-offset:2px}\
.s{border-radius:6px;pointer-events:none;box-shadow:0 0 0 3px var(--a),0 0 0 100vmax var(--gp-dim,rgba(15,23,42,.45))}\
.s.o{box-shadow:0 0 0 3px var(--a),0 0 0 7px color-mix(in srgb,var(--a) 30%,transparent);animation:gp-pulse 1.2s ease-out 3}\
@keyframes gp-pulse{50%{box-shadow:0 0 0 3px var(--a),0 0 0 14px transparent}}\
.q{position:fixed;inset:auto var(--gp-r) var(--gp-b) auto;width:300px;max-width:calc(100% - var(--gp-l) - var(--gp-r));max-height:calc(100% - var(--gp-t) - var(--gp-b));overflow:auto;padding:4px}\
.q>button:focus-visible{outline-offset:-3px}\
.q:has(>[aria-expanded=false]){width:auto}\
.q[data-aside=l]{inset:auto auto var(--gp-b) var(--gp-l)}\
.q[data-aside=t]{inset:var(--gp-t) var(--gp-r) auto auto}\
.q[data-aside=tl]{inset:var(--gp-t) auto auto var(--gp-l)}\
.q>button{display:flex;width:100%;border:0;justify-content:space-between;gap:8px;padding:10px 12px;font-weight:600}\
.q ol{list-style:none;margin:0;padding:0 12px 12px}\
.q li{display:flex;gap:8px;padding:6px 0;color:var(--gp-muted,#475569)}\
.q li:before{content:"";flex:none;width:16px;height:16px;margin-top:2px;border-radius:50%;border:2px solid rgba(15,23,42,.25)}\
.q li[data-state=current]{color:var(--gp-fg,#0f172a);font-weight:600}\
.q li[data-state=done]{text-decoration:line-through}\
.q li[data-state=done]:before{background:var(--a);border-color:var(--a)}\
.x{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}\
@media print{:host{display:none!important}}\
@media (prefers-reduced-motion:reduce){*{animation:none!important}}\
`;
