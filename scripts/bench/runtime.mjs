// The in-page half of the benchmark, installed with addInitScript before any page script runs.
// It counts timer / frame / idle callback invocations (wrapping the four schedulers), and exposes
// window.__bench: start a tour, advance it, and poll with requestAnimationFrame until the
// expected step is visible, timed with performance.now() in the page. Its own polling uses the
// unwrapped requestAnimationFrame, so it never counts itself.

/**
 * A step counts as visible when the library's card for it (found by its title text) is connected,
 * displayed, not visibility:hidden, has computed opacity > 0 and a non-empty box, intersects the
 * viewport, and sits within 48 px of its target: text painted next to the element it explains.
 */
export function benchRuntime(steps) {
  const w = window;
  const raw = { rAF: w.requestAnimationFrame.bind(w), now: () => w.performance.now() };
  const counts = { setTimeout: 0, setInterval: 0, requestAnimationFrame: 0, requestIdleCallback: 0 };
  for (const name of Object.keys(counts)) {
    const orig = w[name];
    if (typeof orig !== 'function') continue;
    w[name] = function (fn, ...rest) {
      if (typeof fn !== 'function') return orig.call(w, fn, ...rest);
      return orig.call(w, function (...a) {
        counts[name]++;
        return fn.apply(this, a);
      }, ...rest);
    };
  }
  const frame = () => new Promise((ok) => raw.rAF(ok));
  const target = (i) => document.querySelector(steps[i].target);
  const card = (i) => (w.__lib?.cards() ?? []).find((c) => c.el.isConnected && (c.title ?? '').trim() === steps[i].title)?.el;
  /** Distance between two boxes; negative (the overlap depth) when they overlap. */
  const gap = (a, b) => {
    const x = Math.max(a.left - b.right, b.left - a.right);
    const y = Math.max(a.top - b.bottom, b.top - a.bottom);
    return x < 0 && y < 0 ? Math.max(x, y) : Math.hypot(Math.max(0, x), Math.max(0, y));
  };

  function state(i) {
    const el = card(i);
    if (!el) return 'absent';
    const cs = getComputedStyle(el);
    const r = el.getBoundingClientRect();
    if (cs.display === 'none' || cs.visibility === 'hidden' || Number(cs.opacity) === 0 || !r.width || !r.height) return 'hidden';
    if (r.bottom <= 0 || r.top >= w.innerHeight || r.right <= 0 || r.left >= w.innerWidth) return 'off-screen';
    return Math.abs(gap(r, target(i).getBoundingClientRect())) > 48 ? 'detached' : 'visible';
  }
  /** Frames until step i is visible; { ms, state } with ms null on timeout. */
  async function waitStep(i, t0, timeout = 5000) {
    let s;
    do {
      await frame();
      s = state(i);
      if (s !== 'visible' && raw.now() - t0 > timeout) return { ms: null, state: s };
    } while (s !== 'visible');
    return { ms: raw.now() - t0, state: s };
  }
  function offset(i) {
    const el = card(i);
    if (!el) return null;
    const c = el.getBoundingClientRect();
    const t = target(i).getBoundingClientRect();
    return { dx: c.left - t.left, dy: c.top - t.top, gap: gap(c, t), ty: t.top };
  }

  w.__bench = {
    counts,
    reset: () => Object.keys(counts).forEach((k) => (counts[k] = 0)),
    frame,
    state,
    offset,
    async first() {
      const t0 = raw.now();
      w.__lib.start();
      return waitStep(0, t0);
    },
    async next(i) {
      const t0 = raw.now();
      w.__lib.next();
      return waitStep(i, t0);
    },
    /** Done on the last step, wait for its card to go (≤ 2 s), then destroy. */
    async finish() {
      const last = steps.length - 1;
      if (state(last) === 'visible') {
        w.__lib.next();
        for (let k = 0; k < 120 && state(last) === 'visible'; k++) await frame();
      }
      await w.__lib.destroy();
      await frame();
      await frame();
    },
    /** Scrolls the window or #scroller by 1 px per frame towards the target's side of centre. */
    async scroll(kind, i, frames = 120) {
      const box = kind === 'window' ? null : document.getElementById('scroller');
      const before = offset(i);
      const t = target(i).getBoundingClientRect();
      const ref = box ? box.getBoundingClientRect() : { top: 0, bottom: w.innerHeight };
      const pos = () => (box ? box.scrollTop : w.scrollY);
      let dir = (t.top + t.bottom) / 2 < (ref.top + ref.bottom) / 2 ? -1 : 1;
      if (dir < 0 && pos() < frames) dir = 1;
      for (let f = 0; f < frames; f++) {
        if (box) box.scrollTop += dir;
        else w.scrollBy(0, dir);
        await frame();
      }
      await frame();
      await frame();
      const after = offset(i);
      const drift = before && after ? Math.hypot(after.dx - before.dx, after.dy - before.dy) : null;
      // attached: the card-to-target distance is the same (±3 px) after scrolling as before
      const follows = !!before && !!after && Math.abs(after.gap - before.gap) <= 3 && state(i) === 'visible';
      return { before, after, drift, follows, scrolled: before && after ? Math.abs(after.ty - before.ty) : null, state: state(i) };
    },
  };
}
