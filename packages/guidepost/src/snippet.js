// The async snippet: paste inline (or serve as a file under a strict CSP). Defines a stub
// window.Guidepost that queues calls, then loads the bundle, which replays them in order.
(function (w, d, src) {
  if (w.Guidepost) return;
  var q = [];
  var g = (w.Guidepost = { q: q, state: function () { return { status: 'loading' }; }, trail: function () { return []; } });
  'init track signal page on start dismiss reset destroy'.split(' ').forEach(function (m) {
    g[m] = function () { q.push([m, [].slice.call(arguments)]); };
  });
  var s = d.createElement('script');
  s.async = true;
  s.src = src;
  (d.head || d.documentElement).appendChild(s);
})(window, document, '/guidepost.js');
