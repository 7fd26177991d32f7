import { seen } from './visualViewport';

/**
 * Which corner of what the user sees (visualViewport.ts) the Quick Start panel should sit in: '' (bottom right, its place),
 * 'l' (bottom left), 't' (top right) or 'tl' (top left), the first that leaves free what must stay
 * reachable: the target a card points at, and any page control in a `position: fixed` or `sticky`
 * box (a chat widget's frame, "back to top", a slide deck's arrows, a sticky header's menu). With
 * none free, its place. Each corner is probed with three hit tests: where such controls sit (24 px
 * from the viewport's corner), at the panel's centre, and at its other end (a wide panel on a
 * phone reaches across the screen); `probed` remembers the answers for a corner and panel size.
 */
export function freeCorner(doc: Document, host: Element, panel: Element, target: Element | undefined, probed: Map<string, boolean>): string {
  const w = doc.defaultView as Window;
  const t = target?.getBoundingClientRect();
  const { width: pw, height: ph } = panel.getBoundingClientRect();
  const v = seen(w, doc.documentElement);
  const left = v.x + 16;
  const top = v.y + 16;
  const r = v.x + v.width - 16 - pw;
  const b = v.y + v.height - 16 - ph;
  /** a page control in a fixed box, or a sticky one (a header that stays at the top), under (x, y) */
  const control = (x: number, y: number) => {
    let e = doc.elementsFromPoint(x, y).find((h) => h !== host)?.closest('a,button,input,select,textarea,summary,iframe,[role=button],[tabindex]') ?? null;
    for (; e && e !== doc.body; e = e.parentElement) if (/^(fixed|sticky)$/.test(w.getComputedStyle(e).position)) return true;
    return false;
  };
  const covers = (x: number, y: number) => {
    const k = `${x},${y},${pw},${ph}`;
    if (!probed.has(k)) probed.set(k, control(x > left ? x + pw - 8 : x + 8, y > top ? y + ph - 8 : y + 8) || control(x + pw / 2, y + ph / 2) || control(x > left ? x + 8 : x + pw - 8, y + ph / 2));
    return probed.get(k);
  };
  const free = (x: number, y: number) => (!t || t.left >= x + pw || x >= t.right || t.top >= y + ph || y >= t.bottom) && !covers(x, y);
  return free(r, b) ? '' : free(left, b) ? 'l' : free(r, top) ? 't' : free(left, top) ? 'tl' : '';
}
