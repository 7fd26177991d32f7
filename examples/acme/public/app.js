// Acme Analytics — a small fake SaaS app that hosts Guidepost.
// Client-side routed (history.pushState), no build step, no inline scripts or styles (the page is
// served with `Content-Security-Policy: default-src 'self'`), all text set as text nodes.
(function () {
  'use strict';

  // ---------------------------------------------------------------- personas & storage

  var PERSONAS = {
    admin: { user: { id: 'u_admin', role: 'admin', name: 'Ada' } },
    member: { user: { id: 'u_member', role: 'member', name: 'Max' } },
    sso: { user: { id: 'u_sso', role: 'member', name: 'Sam', traits: { provisioning: 'jit' } } },
    sso_norole: { user: { id: 'u_sso_norole', name: 'Nia', traits: { provisioning: 'jit' } } },
  };
  var PERSONA_KEY = 'acme.persona';
  var TRAIL_OPEN_KEY = 'acme.trail.open';

  function readStorage(key) {
    try { return window.localStorage.getItem(key); } catch (e) { return null; }
  }
  function writeStorage(key, value) {
    try {
      if (value === null) window.localStorage.removeItem(key);
      else window.localStorage.setItem(key, value);
    } catch (e) { /* storage unavailable (private mode): the demo just forgets */ }
  }

  var personaKey = PERSONAS[readStorage(PERSONA_KEY)] ? readStorage(PERSONA_KEY) : 'admin';
  var user = PERSONAS[personaKey].user;
  var dataKey = 'acme.data.' + user.id;

  function loadData() {
    var fallback = { sources: [], reports: [], invites: [], shared: [] };
    try {
      var parsed = JSON.parse(readStorage(dataKey) || 'null');
      if (parsed && typeof parsed === 'object') {
        return {
          sources: parsed.sources || [], reports: parsed.reports || [],
          invites: parsed.invites || [], shared: parsed.shared || [],
        };
      }
    } catch (e) { /* corrupt demo data: start over */ }
    return fallback;
  }
  var data = loadData();
  function saveData() { writeStorage(dataKey, JSON.stringify(data)); }

  // ---------------------------------------------------------------- Guidepost (guarded)

  var sdk = window.Guidepost;
  var hasSdk = !!(sdk && typeof sdk.init === 'function');

  function gp(method) {
    if (!hasSdk || typeof sdk[method] !== 'function') return undefined;
    var args = Array.prototype.slice.call(arguments, 1);
    return sdk[method].apply(sdk, args);
  }
  function track(name, props) { return props === undefined ? gp('track', name) : gp('track', name, props); }

  // ---------------------------------------------------------------- DOM helpers (text only)

  function h(tag, attrs) {
    var el = document.createElement(tag);
    setAttrs(el, attrs);
    appendAll(el, Array.prototype.slice.call(arguments, 2));
    return el;
  }
  var SVG_NS = 'http://www.w3.org/2000/svg';
  function s(tag, attrs) {
    var el = document.createElementNS(SVG_NS, tag);
    setAttrs(el, attrs);
    appendAll(el, Array.prototype.slice.call(arguments, 2));
    return el;
  }
  function setAttrs(el, attrs) {
    if (!attrs) return;
    Object.keys(attrs).forEach(function (key) {
      var value = attrs[key];
      if (value === undefined || value === null || value === false) return;
      if (key === 'text') el.textContent = String(value);
      else if (key.slice(0, 2) === 'on' && typeof value === 'function') el.addEventListener(key.slice(2), value);
      else el.setAttribute(key, value === true ? '' : String(value));
    });
  }
  function appendAll(el, children) {
    children.forEach(function (child) {
      if (child === undefined || child === null || child === false) return;
      if (Array.isArray(child)) appendAll(el, child);
      else el.appendChild(typeof child === 'string' || typeof child === 'number' ? document.createTextNode(String(child)) : child);
    });
  }

  var toastTimer = 0;
  function toast(message) {
    var el = document.getElementById('toast');
    el.textContent = message;
    el.hidden = false;
    window.clearTimeout(toastTimer);
    toastTimer = window.setTimeout(function () { el.hidden = true; }, 3500);
  }

  // ---------------------------------------------------------------- fake data & charts

  function series(seed, n, base, spread) {
    var out = [];
    var x = seed;
    for (var i = 0; i < n; i++) {
      x = (x * 9301 + 49297) % 233280;
      out.push(Math.round(base + (i * spread) / n + (x / 233280 - 0.5) * spread));
    }
    return out;
  }
  var MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

  function points(values, w, h, pad) {
    var max = Math.max.apply(null, values);
    var min = Math.min.apply(null, values);
    var range = max - min || 1;
    return values.map(function (v, i) {
      var x = pad + (i * (w - 2 * pad)) / (values.length - 1);
      var y = h - pad - ((v - min) / range) * (h - 2 * pad);
      return [Math.round(x * 10) / 10, Math.round(y * 10) / 10];
    });
  }

  function sparkline(values) {
    var pts = points(values, 120, 36, 3);
    return s('svg', { class: 'spark', viewBox: '0 0 120 36', 'aria-hidden': 'true' },
      s('polyline', { points: pts.map(function (p) { return p.join(','); }).join(' ') }));
  }

  function lineChart(values, labels, title) {
    var w = 640, ht = 220, pad = 24;
    var pts = points(values, w, ht, pad);
    var line = pts.map(function (p, i) { return (i ? 'L' : 'M') + p[0] + ' ' + p[1]; }).join(' ');
    var area = line + ' L' + pts[pts.length - 1][0] + ' ' + (ht - pad) + ' L' + pts[0][0] + ' ' + (ht - pad) + ' Z';
    var grid = [0, 1, 2, 3].map(function (i) {
      var y = pad + (i * (ht - 2 * pad)) / 3;
      return s('line', { class: 'grid', x1: pad, x2: w - pad, y1: y, y2: y });
    });
    return s('svg', { class: 'chart', viewBox: '0 0 ' + w + ' ' + (ht + 20), role: 'img', 'aria-label': title },
      grid,
      s('path', { class: 'area', d: area }),
      s('path', { class: 'line', d: line }),
      labels.map(function (label, i) {
        return s('text', { class: 'axis', x: pts[i][0], y: ht + 10, 'text-anchor': 'middle', text: label });
      }));
  }

  function barChart(values, labels, title) {
    var w = 640, ht = 220, pad = 24;
    var max = Math.max.apply(null, values) || 1;
    var slot = (w - 2 * pad) / values.length;
    return s('svg', { class: 'chart', viewBox: '0 0 ' + w + ' ' + (ht + 20), role: 'img', 'aria-label': title },
      s('line', { class: 'grid', x1: pad, x2: w - pad, y1: ht - pad, y2: ht - pad }),
      values.map(function (v, i) {
        var bh = Math.max(2, (v / max) * (ht - 2 * pad));
        return s('rect', { class: 'bar', x: pad + i * slot + slot * 0.18, y: ht - pad - bh, width: slot * 0.64, height: bh, rx: 3 });
      }),
      labels.map(function (label, i) {
        return s('text', { class: 'axis', x: pad + i * slot + slot / 2, y: ht + 10, 'text-anchor': 'middle', text: label });
      }));
  }

  function card(title, body, extraClass) {
    return h('section', { class: 'card' + (extraClass ? ' ' + extraClass : '') },
      title ? h('h2', { class: 'card-title', text: title }) : null, body);
  }

  function kpi(label, value, delta, values) {
    var up = delta.charAt(0) !== '-';
    return h('div', { class: 'card kpi' },
      h('span', { class: 'kpi-label', text: label }),
      h('span', { class: 'kpi-value', text: value }),
      h('span', { class: 'kpi-delta ' + (up ? 'up' : 'down'), text: delta + ' vs last month' }),
      sparkline(values));
  }

  function table(columns, rows, caption) {
    return h('table', { class: 'table' },
      caption ? h('caption', { class: 'visually-hidden', text: caption }) : null,
      h('thead', null, h('tr', null, columns.map(function (c) { return h('th', { scope: 'col', text: c }); }))),
      h('tbody', null, rows.map(function (cells) {
        return h('tr', null, cells.map(function (cell) { return h('td', null, cell); }));
      })));
  }

  function pageHeader(title, subtitle, actions) {
    return h('div', { class: 'page-header' },
      h('div', null, h('h1', { text: title }), subtitle ? h('p', { class: 'subtitle', text: subtitle }) : null),
      actions ? h('div', { class: 'page-actions' }, actions) : null);
  }

  function badge(text, kind) { return h('span', { class: 'badge badge-' + kind, text: text }); }

  function formatDate(ms) {
    return new Date(ms).toLocaleDateString('en', { month: 'short', day: 'numeric' });
  }

  var DASHBOARDS = {
    q3: { title: 'Q3 revenue', description: 'Bookings, expansion and churn for July–September.', seed: 7, base: 120, spread: 80, unit: 'k$' },
    growth: { title: 'Growth funnel', description: 'Visitors to trials to paid, week over week.', seed: 19, base: 300, spread: 200, unit: 'signups' },
    retention: { title: 'Retention cohorts', description: 'How many accounts are still active after N weeks.', seed: 31, base: 70, spread: -30, unit: '%' },
  };

  var SEED_REPORTS = [
    { id: 'weekly-active-users', name: 'Weekly active users', dataset: 'Product events', owner: 'Priya', createdAt: Date.UTC(2024, 8, 2) },
    { id: 'churn-by-plan', name: 'Churn by plan', dataset: 'Billing', owner: 'Jonas', createdAt: Date.UTC(2024, 8, 9) },
    { id: 'pipeline-by-region', name: 'Pipeline by region', dataset: 'CRM', owner: 'Priya', createdAt: Date.UTC(2024, 8, 16) },
  ];
  function allReports() { return data.reports.concat(SEED_REPORTS); }

  var MEMBERS = [
    ['Ada Lovelace', 'ada@acme.test', 'Admin', 'Password'],
    ['Max Planck', 'max@acme.test', 'Member', 'Password'],
    ['Sam Altmann', 'sam@acme.test', 'Member', 'SSO (JIT)'],
    ['Nia Long', 'nia@acme.test', '—', 'SSO (JIT)'],
  ];

  // ---------------------------------------------------------------- pages

  function homePage() {
    var hour = new Date().getHours();
    var greeting = hour < 12 ? 'Good morning' : hour < 18 ? 'Good afternoon' : 'Good evening';
    var traffic = series(3, 12, 400, 300);
    return [
      pageHeader(greeting + ', ' + user.name, 'Here is how Acme Inc is doing this month.'),
      h('div', { class: 'kpis' },
        kpi('Active users', '12,480', '+8.2%', series(1, 12, 50, 30)),
        kpi('Sessions', '84.1k', '+3.9%', series(2, 12, 60, 20)),
        kpi('Trial → paid', '6.4%', '-0.3%', series(5, 12, 40, -10)),
        kpi('MRR', '$214k', '+5.1%', series(8, 12, 30, 40))),
      h('div', { class: 'grid-2' },
        card('Traffic', lineChart(traffic, MONTHS, 'Monthly traffic, last 12 months')),
        card('Recent reports', h('ul', { class: 'link-list' }, allReports().slice(0, 4).map(function (r) {
          return h('li', null, h('a', { href: '/reports/' + r.id, text: r.name }), h('span', { class: 'muted', text: r.dataset }));
        })))),
      card('Getting started', h('ol', { class: 'steps' },
        h('li', null, h('a', { href: '/sources', text: 'Connect a data source' }), ' — a sample CSV works.'),
        h('li', null, h('a', { href: '/dashboards', text: 'Open a dashboard' }), ' to see your numbers live.'),
        h('li', null, h('a', { href: '/reports', text: 'Create and share a report' }), ' with your team.'))),
    ];
  }

  var sourcePickerOpen = false;
  function sourcesPage() {
    var picker = h('div', { class: 'card picker', id: 'source-picker', role: 'region', 'aria-label': 'Choose a source', hidden: !sourcePickerOpen },
      h('h2', { class: 'card-title', text: 'Choose a source' }),
      h('div', { class: 'picker-options' },
        h('button', { type: 'button', class: 'option', 'data-source': 'sample-csv', onclick: connectSampleCsv },
          h('span', { class: 'option-name', text: 'Sample CSV' }),
          h('span', { class: 'option-desc', text: '12,480 rows of demo sales data. Swap it for real data later.' })),
        ['PostgreSQL', 'Snowflake', 'Google Sheets'].map(function (name) {
          return h('button', { type: 'button', class: 'option', disabled: true },
            h('span', { class: 'option-name', text: name }),
            h('span', { class: 'option-desc', text: 'Needs credentials from your admin (not in this demo).' }));
        })),
      h('button', { type: 'button', class: 'btn btn-ghost', onclick: function () { sourcePickerOpen = false; render(); }, text: 'Cancel' }));

    var body = data.sources.length
      ? table(['Name', 'Type', 'Rows', 'Status', 'Last sync'], data.sources.map(function (src) {
        return [src.name, src.type, src.rows.toLocaleString('en'), badge('Synced', 'ok'), formatDate(src.at)];
      }), 'Connected sources')
      : h('div', { class: 'empty' },
        h('p', { class: 'empty-title', text: 'No sources yet' }),
        h('p', { class: 'muted', text: 'Connect a source to start building dashboards and reports.' }));

    return [
      pageHeader('Sources', 'Where your data comes from.',
        h('button', {
          type: 'button', class: 'btn btn-primary', 'data-tour': 'add-source', 'aria-expanded': String(sourcePickerOpen),
          'aria-controls': 'source-picker', onclick: function () { sourcePickerOpen = true; render(); }, text: 'Add source',
        })),
      picker,
      card(null, body),
    ];
  }

  function connectSampleCsv() {
    if (!data.sources.some(function (src) { return src.id === 'sample-csv'; })) {
      data.sources.push({ id: 'sample-csv', name: 'Sample CSV', type: 'CSV upload', rows: 12480, at: Date.now() });
      saveData();
    }
    sourcePickerOpen = false;
    track('source_connected', { source: 'sample-csv' });
    render();
    toast('Sample CSV connected: 12,480 rows imported.');
  }

  function dashboardsPage() {
    return [
      pageHeader('Dashboards', 'Live views your team watches every day.'),
      h('div', { class: 'grid-3' }, Object.keys(DASHBOARDS).map(function (id) {
        var d = DASHBOARDS[id];
        return h('a', { class: 'card dash-card', href: '/dashboards/' + id },
          h('span', { class: 'card-title', text: d.title }),
          h('span', { class: 'muted', text: d.description }),
          sparkline(series(d.seed, 12, d.base, d.spread)));
      })),
    ];
  }

  function dashboardPage(id) {
    var d = DASHBOARDS[id];
    if (!d) return notFound('Dashboard not found', '/dashboards', 'All dashboards');
    var values = series(d.seed, 12, d.base, d.spread);
    var weekly = series(d.seed + 1, 8, d.base / 4, d.spread / 4);
    var last = values[values.length - 1];
    return [
      h('nav', { class: 'breadcrumb', 'aria-label': 'Breadcrumb' }, h('a', { href: '/dashboards', text: 'Dashboards' }), ' / ', d.title),
      pageHeader(d.title, d.description, data.sources.length ? badge('Live · Sample CSV', 'ok') : badge('Sample data', 'muted')),
      h('div', { class: 'kpis' },
        kpi('This month', last + ' ' + d.unit, '+4.2%', values),
        kpi('Best month', Math.max.apply(null, values) + ' ' + d.unit, '+0.0%', values.slice(4)),
        kpi('Average', Math.round(values.reduce(function (a, b) { return a + b; }, 0) / values.length) + ' ' + d.unit, '+1.1%', weekly)),
      h('div', { class: 'grid-2' },
        card('By month', barChart(values, MONTHS, d.title + ' by month')),
        card('Last 8 weeks', lineChart(weekly, ['W1', 'W2', 'W3', 'W4', 'W5', 'W6', 'W7', 'W8'], d.title + ', last 8 weeks'))),
      card('Top accounts', table(['Account', 'Owner', 'Value', 'Trend'], [
        ['Globex', 'Priya', '$48,200', badge('+12%', 'ok')],
        ['Initech', 'Jonas', '$31,900', badge('+3%', 'ok')],
        ['Umbrella', 'Priya', '$22,450', badge('-4%', 'warn')],
        ['Hooli', 'Max', '$18,100', badge('+7%', 'ok')],
      ], 'Top accounts')),
    ];
  }

  function reportsPage() {
    return [
      pageHeader('Reports', 'Saved questions about your data.',
        h('button', { type: 'button', class: 'btn btn-primary', 'data-tour': 'new-report', onclick: createReport, text: 'New report' })),
      card(null, table(['Name', 'Dataset', 'Owner', 'Created'], allReports().map(function (r) {
        return [h('a', { href: '/reports/' + r.id, text: r.name }), r.dataset, r.owner, formatDate(r.createdAt)];
      }), 'Reports')),
    ];
  }

  function createReport() {
    var n = data.reports.length + 1;
    var report = {
      id: 'r-' + Date.now().toString(36),
      name: n === 1 ? 'Sales by region' : 'Sales by region (' + n + ')',
      dataset: 'Sample sales', owner: user.name, createdAt: Date.now(),
    };
    data.reports.unshift(report);
    saveData();
    track('report_created');
    navigate('/reports/' + report.id);
  }

  function reportPage(id) {
    var report = allReports().filter(function (r) { return r.id === id; })[0];
    if (!report) return notFound('Report not found', '/reports', 'All reports');
    var seed = id.split('').reduce(function (a, c) { return a + c.charCodeAt(0); }, 0);
    var regions = ['North', 'South', 'East', 'West', 'Central'];
    var values = series(seed, regions.length, 40, 60);
    var shared = data.shared.indexOf(id) !== -1;
    return [
      h('nav', { class: 'breadcrumb', 'aria-label': 'Breadcrumb' }, h('a', { href: '/reports', text: 'Reports' }), ' / ', report.name),
      pageHeader(report.name, report.dataset + ' · created by ' + report.owner + ' on ' + formatDate(report.createdAt), [
        shared ? badge('Shared with team', 'ok') : null,
        h('button', { type: 'button', class: 'btn btn-primary', 'data-tour': 'share', onclick: function () { shareReport(report); }, text: 'Share' }),
      ]),
      h('div', { class: 'grid-2' },
        card('Revenue by region (k$)', barChart(values, regions, report.name)),
        card('Breakdown', table(['Region', 'Revenue', 'Share'], regions.map(function (r, i) {
          var total = values.reduce(function (a, b) { return a + b; }, 0);
          return [r, '$' + values[i] + 'k', Math.round((values[i] / total) * 100) + '%'];
        }), 'Breakdown by region'))),
    ];
  }

  function shareReport(report) {
    if (data.shared.indexOf(report.id) === -1) {
      data.shared.push(report.id);
      saveData();
    }
    track('report_shared');
    render();
    toast('“' + report.name + '” is shared with everyone at Acme Inc.');
  }

  function teamPage() {
    var email = h('input', { type: 'email', id: 'invite-email', name: 'email', value: 'lin@acme.test', required: true, autocomplete: 'off' });
    var role = h('select', { id: 'invite-role', name: 'role' }, h('option', { value: 'member', text: 'Member' }), h('option', { value: 'admin', text: 'Admin' }));
    var form = h('form', { class: 'card invite', 'data-tour': 'invite', 'aria-labelledby': 'invite-title', novalidate: true },
      h('h2', { class: 'card-title', id: 'invite-title', text: 'Invite a teammate' }),
      h('div', { class: 'invite-row' },
        h('label', { class: 'field' }, h('span', { text: 'Email' }), email),
        h('label', { class: 'field' }, h('span', { text: 'Role' }), role),
        h('button', { type: 'submit', class: 'btn btn-primary', text: 'Send' })),
      h('p', { class: 'form-error', id: 'invite-error', role: 'alert', hidden: true }));
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      var address = email.value.trim();
      if (!/^[^\s@]+@[^\s@]+$/.test(address)) {
        var error = document.getElementById('invite-error');
        error.textContent = 'Enter an email address like name@company.com.';
        error.hidden = false;
        return;
      }
      data.invites.push({ email: address, role: role.value, status: 'pending', at: Date.now() });
      saveData();
      track('invite_sent');
      render();
      toast('Invite sent to ' + address + '.');
    });

    var invites = data.invites.length
      ? table(['Email', 'Role', 'Status', 'Sent'], data.invites.map(function (inv) {
        return [inv.email, inv.role === 'admin' ? 'Admin' : 'Member',
          inv.status === 'accepted' ? badge('Accepted', 'ok') : badge('Pending', 'warn'), formatDate(inv.at)];
      }), 'Invites')
      : h('p', { class: 'muted', text: 'No invites sent yet.' });

    return [
      pageHeader('Team', 'People in the Acme Inc workspace.'),
      form,
      card('Pending invites', [invites,
        h('button', { type: 'button', class: 'btn btn-ghost', onclick: acceptInvite, text: 'Simulate teammate accepts' })]),
      card('Members', table(['Name', 'Email', 'Role', 'Sign-in'], MEMBERS, 'Members')),
    ];
  }

  function acceptInvite() {
    var pending = data.invites.filter(function (inv) { return inv.status === 'pending'; })[0];
    if (pending) {
      pending.status = 'accepted';
      saveData();
    }
    track('invite_accepted');
    render();
    toast(pending ? pending.email + ' joined Acme Inc.' : 'A teammate joined Acme Inc.');
  }

  function notFound(title, back, backLabel) {
    return [pageHeader(title, 'It may have been deleted, or the link is wrong.'), h('a', { class: 'btn', href: back, text: backLabel })];
  }

  // ---------------------------------------------------------------- router

  var ROUTES = [
    { pattern: /^\/$/, nav: 'home', title: 'Home', page: homePage },
    { pattern: /^\/sources\/?$/, nav: 'sources', title: 'Sources', page: sourcesPage },
    { pattern: /^\/dashboards\/?$/, nav: 'dashboards', title: 'Dashboards', page: dashboardsPage },
    { pattern: /^\/dashboards\/([^/]+)\/?$/, nav: 'dashboards', title: 'Dashboard', page: dashboardPage },
    { pattern: /^\/reports\/?$/, nav: 'reports', title: 'Reports', page: reportsPage },
    { pattern: /^\/reports\/([^/]+)\/?$/, nav: 'reports', title: 'Report', page: reportPage },
    { pattern: /^\/team\/?$/, nav: 'team', title: 'Team', page: teamPage },
  ];

  function render() {
    var path = window.location.pathname;
    var route = null;
    var match = null;
    for (var i = 0; i < ROUTES.length && !match; i++) {
      match = ROUTES[i].pattern.exec(path);
      if (match) route = ROUTES[i];
    }
    var content = route
      ? route.page(match[1] && decodeURIComponent(match[1]))
      : notFound('Page not found', '/', 'Go home');
    document.getElementById('view').replaceChildren(h('div', { class: 'page' }, content));
    document.title = (route ? route.title : 'Not found') + ' · Acme Analytics';
    Array.prototype.forEach.call(document.querySelectorAll('.sidebar a[data-route]'), function (a) {
      if (route && a.getAttribute('data-route') === route.nav) a.setAttribute('aria-current', 'page');
      else a.removeAttribute('aria-current');
    });
  }

  function navigate(to) {
    if (to !== window.location.pathname + window.location.search + window.location.hash) {
      window.history.pushState(null, '', to);
      sourcePickerOpen = false;
      window.scrollTo(0, 0);
    }
    render();
  }

  document.addEventListener('click', function (event) {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    var link = event.target instanceof Element ? event.target.closest('a[href]') : null;
    if (!link || link.target || link.hasAttribute('download')) return;
    var url = new URL(link.href, window.location.href);
    if (url.origin !== window.location.origin) return;
    event.preventDefault();
    navigate(url.pathname + url.search + url.hash);
  });
  window.addEventListener('popstate', render);

  // ---------------------------------------------------------------- header

  var personaSelect = document.getElementById('persona');
  personaSelect.value = personaKey;
  personaSelect.addEventListener('change', function () {
    writeStorage(PERSONA_KEY, personaSelect.value);
    window.location.reload();
  });
  document.getElementById('avatar').textContent = user.name.charAt(0);

  // ---------------------------------------------------------------- trail panel

  var trailPanel = document.getElementById('trail');
  var trailToggle = document.getElementById('trail-toggle');
  var trailCollapse = document.getElementById('trail-collapse');
  var trailBody = document.getElementById('trail-body');

  function setTrailOpen(open) {
    trailBody.hidden = !open;
    trailPanel.classList.toggle('collapsed', !open);
    trailToggle.setAttribute('aria-expanded', String(open));
    trailCollapse.setAttribute('aria-expanded', String(open));
    trailCollapse.textContent = open ? 'Hide' : 'Show';
    writeStorage(TRAIL_OPEN_KEY, open ? '1' : '0');
  }
  // open unless closed before; on a phone it starts closed, as it would cover most of the screen
  var trailOpen = readStorage(TRAIL_OPEN_KEY);
  setTrailOpen(trailOpen === null ? !window.matchMedia('(max-width: 640px)').matches : trailOpen !== '0');
  trailToggle.addEventListener('click', function () { setTrailOpen(trailBody.hidden); });
  trailCollapse.addEventListener('click', function () { setTrailOpen(trailBody.hidden); });

  var events = {};
  var eventCount = 0;

  function addEvents(list) {
    if (!list || typeof list.length !== 'number') return;
    var added = false;
    Array.prototype.forEach.call(list, function (e) {
      if (!e || typeof e !== 'object') return;
      var key = e.id || e.type + ':' + e.seq;
      if (events[key]) return;
      events[key] = e;
      eventCount++;
      added = true;
    });
    if (added) renderTrail();
    renderState();
  }

  function text(value) {
    if (value === undefined || value === null || value === '') return '—';
    if (Array.isArray(value)) return value.length ? value.map(text).join(', ') : '—';
    if (typeof value === 'object') {
      return value.label || value.state || value.kind || value.step || JSON.stringify(value);
    }
    return String(value);
  }

  function renderTrail() {
    var list = Object.keys(events).map(function (k) { return events[k]; });
    list.sort(function (a, b) { return (a.seq || 0) - (b.seq || 0) || (a.at || 0) - (b.at || 0); });
    var log = document.getElementById('trail-log');
    var atBottom = log.scrollHeight - log.scrollTop - log.clientHeight < 24;
    document.getElementById('trail-rows').replaceChildren.apply(document.getElementById('trail-rows'), list.map(function (e) {
      var transition = e.from || e.to ? (e.from || '∅') + ' → ' + (e.to || '∅') : '';
      return h('tr', { class: 'trail-row trail-' + e.type, title: JSON.stringify(e) },
        h('td', { class: 'num', text: e.seq === undefined ? '' : e.seq }),
        h('td', { class: 'type', text: e.type || '' }),
        h('td', { text: e.step || '' }),
        h('td', { text: e.basis || '' }),
        h('td', { text: transition }));
    }));
    document.getElementById('trail-count').textContent = eventCount + (eventCount === 1 ? ' event' : ' events');
    if (atBottom) log.scrollTop = log.scrollHeight;
  }

  function renderState() {
    var dl = document.getElementById('trail-state');
    var st = hasSdk ? gp('state') : null;
    var rows = [['user', user.id + (user.role ? ' (' + user.role + ')' : ' (no role)')]];
    if (st && typeof st === 'object') {
      rows.push(['segment', text(st.segment)], ['path', text(st.path)], ['status', text(st.status)], ['step', text(st.step)],
        ['completed', text(st.completed)], ['stall', text(st.stall)], ['exception', text(st.exception)],
        ['time to value', typeof st.timeToValueMs === 'number' ? (st.timeToValueMs / 1000).toFixed(1) + ' s' : '—']);
    } else {
      rows.push(['status', hasSdk ? 'starting…' : 'SDK not loaded']);
    }
    dl.replaceChildren.apply(dl, rows.reduce(function (out, row) {
      out.push(h('dt', { text: row[0] }), h('dd', { text: row[1] }));
      return out;
    }, []));
  }

  function showHandoff(handoff) {
    var box = document.getElementById('handoff');
    if (!handoff || typeof handoff !== 'object') return;
    box.replaceChildren(
      h('strong', { text: 'Hand-off to ' + text(handoff.owner) + ' (' + text(handoff.label) + ')' }),
      h('span', { text: 'Step: ' + text(handoff.step) + ' · path ' + text(handoff.path) }),
      h('span', { text: 'Next action: ' + text(handoff.nextAction) }),
      h('span', { text: 'Since: ' + (typeof handoff.since === 'number' ? new Date(handoff.since).toLocaleTimeString() : '—') +
        ' · evidence: ' + (Array.isArray(handoff.evidence) ? handoff.evidence.length : 0) + ' event(s)' }));
    box.hidden = false;
    toast('Handed off to ' + text(handoff.owner) + ': ' + text(handoff.nextAction));
  }

  function note(message) {
    var el = document.getElementById('trail-note');
    el.textContent = message;
    el.hidden = !message;
  }

  var SIGNALS = {
    permission_denied: function () { return gp('signal', 'permission_denied', { status: 403, endpoint: '/api/sources' }); },
    role_corrected: function () { return gp('signal', 'role_corrected'); },
    invite_failed: function () { return gp('signal', 'invite_failed'); },
    invite_resent: function () { return gp('signal', 'invite_resent'); },
    invite_accepted: function () { return gp('signal', 'invite_accepted', 'valid invite token'); },
    workspace_blocked: function () { return gp('signal', 'workspace_blocked'); },
    workspace_access_restored: function () { return gp('signal', 'workspace_access_restored'); },
    reset: function () {
      return Promise.resolve(gp('reset')).then(reload, reload);
      function reload() {
        writeStorage(dataKey, null);
        window.location.reload();
      }
    },
  };
  Array.prototype.forEach.call(document.querySelectorAll('[data-simulate]'), function (button) {
    button.disabled = !hasSdk;
    button.addEventListener('click', function () {
      SIGNALS[button.getAttribute('data-simulate')]();
      renderState();
    });
  });

  // ---------------------------------------------------------------- start

  render();
  renderState();

  if (!hasSdk) {
    document.getElementById('sdk-missing').hidden = false;
    note('window.Guidepost is missing: run pnpm build, then reload.');
    return;
  }

  var instance = sdk.init({
    flow: '/onboarding.json',
    user: user,
    account: { id: 'acme', name: 'Acme Inc' },
    sink: { url: '/collect' },
    onHandoff: showHandoff,
  });
  gp('on', '*', function (event) { addEvents([event]); });
  Promise.resolve(gp('trail')).then(addEvents);
  Promise.resolve(instance && instance.ready).then(function (ok) {
    if (ok === false) note('The flow did not start: see flow_invalid / sdk_error in the trail.');
    return Promise.resolve(gp('trail')).then(addEvents);
  });
})();
