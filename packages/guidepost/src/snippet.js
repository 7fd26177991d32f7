// The async snippet: paste inline (or serve as a file under a strict CSP). Defines a stub
// window.Guidepost that queues calls, then loads the bundle, which replays them in order.
(function (w, d, src) {
  if (w.Guidepost) return;
  var q = [];
  var g = (w.Guidepost = { q: q });
  // resolved by the bundle with the instance's own ready
  g.ready = new Promise(function (r) { g.r = r; });
  'init track signal page on start dismiss reset destroy state trail'.split(' ').forEach(function (m) {
    g[m] = function () {
      // once the bundle has replaced this stub, a kept reference to it (init returns it) forwards
      if (w.Guidepost !== g) return w.Guidepost[m].apply(w.Guidepost, arguments);
      // the contract's state, empty, until the bundle has loaded
      if (m === 'state') return { segment: null, path: null, status: 'loading', step: null, completed: [], stall: null, exception: null, activatedAt: null, timeToValueMs: null };
      if (m === 'trail') return [];
      var c = [m, [].slice.call(arguments)];
      q.push(c);
      // init returns this stub; on returns an unsubscribe that works before and after the bundle loads
      return m === 'init' ? g : m === 'on' ? function () { c.off ? c.off() : (c.x = 1); } : undefined;
    };
  });
  var s = d.createElement('script');
  s.async = true;
  var fail = (s.onerror = function () { g.r(false); }); // ready resolves false, never rejects, when the bundle cannot load
  // Trusted Types: a page's default policy takes the plain URL; else a "guidepost" policy (allow
  // it with `trusted-types guidepost`). A page that allows neither gets ready false and a console line.
  var t = w.trustedTypes;
  try {
    if (t && !t.defaultPolicy) src = t.createPolicy('guidepost', { createScriptURL: function (u) { return u; } }).createScriptURL(src);
  } catch (e) {}
  try {
    s.src = src;
  } catch (e) {
    console.error('[guidepost] the bundle could not be loaded: ' + e.message + " (add 'guidepost' to the page's trusted-types, or load it with a script tag)");
    return fail();
  }
  (d.head || d.documentElement).appendChild(s);
})(window, document, '/guidepost.js');
