import type { UrlLocation } from '@guidepost/core';
import { listen } from './listen';

export const readLocation = (w: Window): UrlLocation => ({ pathname: w.location.pathname, search: w.location.search, hash: w.location.hash });

type History = Window['history'];
type Method = 'pushState' | 'replaceState';

/**
 * Reports every route change: load, pushState/replaceState, popstate, hashchange. Uses the
 * Navigation API where the browser has it; elsewhere wraps the history methods (and unwraps them
 * on cleanup when nobody wrapped them after us).
 */
export function watchUrl(w: Window, onChange: (loc: UrlLocation) => void): () => void {
  let last = '';
  const check = () => {
    // the origin never changes without a new document: the href changes when the route does
    if (w.location.href !== last) {
      last = w.location.href;
      onChange(readLocation(w));
    }
  };
  const nav = (w as unknown as { navigation?: EventTarget }).navigation;
  const off = [listen(w, 'popstate', check), listen(w, 'hashchange', check)];
  if (nav) off.push(listen(nav, 'currententrychange', check));
  else {
    const h: History = w.history;
    for (const m of ['pushState', 'replaceState'] as Method[]) {
      const orig = h[m];
      const wrapped = function (this: History, ...a: Parameters<History[Method]>) {
        const r = orig.apply(this, a);
        check();
        return r;
      };
      h[m] = wrapped;
      off.push(() => {
        if (h[m] === wrapped) h[m] = orig;
      });
    }
  }
  check();
  return () => off.forEach((f) => f());
}
