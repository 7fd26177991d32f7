// A page's own overlays and components, as the libraries that make them behave: a focus trap
// that listens on the document in the capture phase (focus-trap, used by many dialogs), a dialog
// that closes on a pointerdown outside its panel (Headless UI), web components with shadow roots
// (Shoelace, Lit). Guidepost's UI must stay usable over them, and leave them working.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { focused, hostPage, launch, NO_FAVICON, open, serve, testFlow, trailTypes, variant, waitForEvent } from './harness';

const init = (flow: object) => `window.gp = Guidepost.init({ flow: ${JSON.stringify(flow)}, user: { id: 'u1' }, storage: 'memory' });`;
const tasks = { quickStart: { title: 'Get going', tasks: [{ id: 't1', title: 'Task one', complete: { event: 't1' } }] }, activation: 't1' };

// focus-trap's way: on the document, in the capture phase, a click or mousedown outside the trap
// is cancelled and stopped, focus that lands outside is pulled back, and Tab cycles inside
const TRAP = `var m = document.getElementById('m');
var inside = function (e) { return e.composedPath().indexOf(m) >= 0; };
var last = null;
document.addEventListener('focusin', function (e) {
  if (m.hidden) return;
  if (inside(e)) last = e.composedPath()[0];
  else { e.stopImmediatePropagation(); (last || document.getElementById('name')).focus(); }
}, true);
['mousedown', 'click'].forEach(function (t) {
  document.addEventListener(t, function (e) { if (!m.hidden && !inside(e)) { e.preventDefault(); e.stopImmediatePropagation(); } }, true);
});
document.addEventListener('keydown', function (e) {
  if (m.hidden || e.key !== 'Tab') return;
  var els = [].slice.call(m.querySelectorAll('input,button'));
  var i = els.indexOf(document.activeElement);
  e.preventDefault();
  els[(i + (e.shiftKey ? -1 : 1) + els.length) % els.length].focus();
}, true);
document.getElementById('open').onclick = function () { m.hidden = false; document.getElementById('name').focus(); };
`;
const TRAP_HTML = '<button id="open">New project</button><div id="m" role="dialog" aria-modal="true" aria-label="New project" hidden><input id="name" aria-label="Name"><button id="save">Save</button></div>';

// Headless UI's way: where a pointerdown started decides, at the click, whether it was outside
// the panel (a direct child of <html> or <body> is a third-party widget, not outside)
const OUTSIDE = `var down = null;
['pointerdown', 'mousedown'].forEach(function (t) {
  document.addEventListener(t, function (e) {
    var p = e.composedPath();
    down = p.indexOf(document.getElementById('panel')) >= 0 || p.some(function (n) {
      return (n.parentElement === document.documentElement || n.parentElement === document.body) && n !== document.body && n !== document.getElementById('hd');
    }) ? 'inside' : 'outside';
  }, true);
});
document.addEventListener('click', function () { if (down === 'outside') { var d = document.getElementById('hd'); if (d) d.remove(); } down = null; }, true);
document.getElementById('f').focus();
`;

// a web component (its button in an open shadow root), and one whose field has the focus
const COMPONENTS = `customElements.define('x-button', class extends HTMLElement {
  constructor() { super(); this.attachShadow({ mode: 'open' }).innerHTML = '<button part="b">Save</button>'; }
});
customElements.define('x-field', class extends HTMLElement {
  constructor() { super(); this.attachShadow({ mode: 'open' }).innerHTML = '<input id="inner" aria-label="Inner">'; }
});
document.querySelector('x-field').shadowRoot.getElementById('inner').focus();
`;

// Shoelace 2's <sl-dialog>, as its internal/modal.ts and internal/tabbable.ts behave: the
// aria-modal panel is in the component's shadow root, its fields are slotted into it; its focus
// trap moves Tab itself through the tabbables it walks (light and shadow trees, slots), leaves
// Tab to the browser when the next one may hold controls of its own (an iframe, `controls`), then
// checks a moment later that it still has the focus (:focus-within) and takes it to its first
// tabbable if not, as it does on any focusin; it focuses its panel a frame after it opens
const SL_DIALOG = `var modals = [];
function tabbable(el) {
  if (el.hasAttribute('tabindex') && !(Number(el.getAttribute('tabindex')) > -1)) return false;
  if (el.hasAttribute('disabled') || el.closest('[inert]') || !el.checkVisibility({ checkOpacity: false, checkVisibilityCSS: true })) return false;
  return el.hasAttribute('tabindex') || ['button', 'input', 'select', 'textarea', 'a', 'summary', 'iframe'].indexOf(el.localName) >= 0;
}
function tabbables(root) {
  var seen = new WeakMap(), out = [];
  (function walk(el) {
    if (el instanceof Element) {
      if (el.closest('[inert]') || seen.has(el)) return;
      seen.set(el, true);
      if (out.indexOf(el) < 0 && tabbable(el)) out.push(el);
      if (el instanceof HTMLSlotElement && el.getRootNode({ composed: true }).host !== root) el.assignedElements({ flatten: true }).forEach(walk);
      if (el.shadowRoot && el.shadowRoot.mode === 'open') walk(el.shadowRoot);
    }
    [].slice.call(el.children).forEach(walk);
  })(root);
  return out.sort(function (a, b) { return (Number(b.getAttribute('tabindex')) || 0) - (Number(a.getAttribute('tabindex')) || 0); });
}
function actives() { var out = [], a = document.activeElement; while (a) { out.push(a); a = a.shadowRoot && a.shadowRoot.activeElement; } return out; }
var mayHoldControls = function (el) { return el.localName === 'iframe' || el.hasAttribute('controls'); };
customElements.define('x-dialog', class extends HTMLElement {
  constructor() {
    super();
    var self = this, dir = 1, current = null;
    this.attachShadow({ mode: 'open' }).innerHTML = '<div part="panel" role="dialog" aria-modal="true" aria-label="New project" tabindex="-1" hidden><button id="x" aria-label="Close">x</button><slot></slot><slot name="footer"></slot></div>';
    this.panel = this.shadowRoot.firstChild;
    this.check = function () {
      if (modals[modals.length - 1] !== self || self.matches(':focus-within')) return;
      var t = tabbables(self);
      current = t[dir > 0 ? 0 : t.length - 1];
      if (current) current.focus();
    };
    this.key = function (e) {
      if (e.key !== 'Tab' || modals[modals.length - 1] !== self) return;
      var a = actives().pop(), prev = a;
      if (a && mayHoldControls(a)) return;
      dir = e.shiftKey ? -1 : 1;
      var t = tabbables(self), i = t.indexOf(a);
      for (;;) {
        i = (i + dir + t.length) % t.length;
        if (mayHoldControls(t[i])) return;
        e.preventDefault();
        current = t[i];
        current.focus();
        var now = actives();
        if (now.indexOf(current) >= 0 || now.indexOf(prev) < 0) break;
      }
      setTimeout(self.check);
    };
  }
  show() {
    var self = this;
    this.panel.hidden = false;
    modals.push(this);
    document.addEventListener('focusin', this.check);
    document.addEventListener('keydown', this.key);
    requestAnimationFrame(function () { self.panel.focus(); });
  }
  hide() {
    this.panel.hidden = true;
    modals.splice(modals.indexOf(this), 1);
    document.removeEventListener('focusin', this.check);
    document.removeEventListener('keydown', this.key);
  }
});
document.getElementById('open').onclick = function () { document.getElementById('dlg').show(); };
document.getElementById('save').onclick = function () { document.getElementById('dlg').hide(); };
`;
const SL_HTML = '<button id="open">New project</button><x-dialog id="dlg"><input id="name" aria-label="Name"><button slot="footer" id="save">Save</button><button slot="footer" id="cancel">Cancel</button></x-dialog>';

// Web Awesome's way (Shoelace 3): a native modal <dialog> in the component's shadow root, the
// component's fields slotted into it; everything outside that dialog is inert
const NATIVE_WC = `customElements.define('y-dialog', class extends HTMLElement {
  constructor() { super(); this.attachShadow({ mode: 'open' }).innerHTML = '<dialog aria-label="New project"><slot></slot><slot name="footer"></slot></dialog>'; }
  show() { this.shadowRoot.firstChild.showModal(); document.getElementById('name').focus(); }
});
document.getElementById('open').onclick = function () { document.getElementById('ydlg').show(); };
`;

let browser: Browser;
// zone.js's way (Angular): one native listener per target, event and phase, made with the options
// of the first one added there; Angular CDK's keydown listener on the document is passive
const ZONE = `var add = EventTarget.prototype.addEventListener, rm = EventTarget.prototype.removeEventListener, fns = [];
var shared = function (t, o) { return this === document && t === 'keydown' && (o === true || !!(o && o.capture)); };
add.call(document, 'keydown', function (e) { fns.slice().forEach(function (f) { f.call(document, e); }); }, { capture: true, passive: true });
EventTarget.prototype.addEventListener = function (t, f, o) { return shared.call(this, t, o) ? void fns.push(f) : add.call(this, t, f, o); };
EventTarget.prototype.removeEventListener = function (t, f, o) { return shared.call(this, t, o) ? void (fns.indexOf(f) >= 0 && fns.splice(fns.indexOf(f), 1)) : rm.call(this, t, f, o); };
document.addEventListener('DOMContentLoaded', function () { document.getElementById('d').showModal(); });
`;

let server: Awaited<ReturnType<typeof serve>>;
beforeAll(async () => {
  [browser, server] = await Promise.all([launch(), serve({
    // the welcome opens while the page's trapped modal is open
    ...variant('trap-welcome', hostPage(TRAP_HTML, `${TRAP}document.getElementById('open').click();
${init(testFlow({ welcome: { title: 'Welcome', cta: 'Start' }, ...tasks }))}`, NO_FAVICON)),
    // a tour whose first step opens the trapped modal, whose second is on its field
    ...variant('trap-tour', hostPage(TRAP_HTML, `${TRAP}document.getElementById('open').focus();
${init(testFlow({ tour: { steps: [{ id: 'one', target: '#open', title: 'Open it', complete: { click: '#open' } }, { id: 'two', target: '#name', title: 'Name it' }] }, ...tasks }))}`, NO_FAVICON)),
    ...variant('outside', hostPage('<div id="hd" role="dialog" aria-modal="true" aria-label="Edit"><div id="panel"><input id="f" aria-label="Field"><button id="ok">OK</button></div></div>',
      `${OUTSIDE}${init(testFlow({ tour: { steps: [{ id: 'one', target: '#ok', title: 'Press OK' }, { id: 'two', target: '#f', title: 'Then this' }] }, ...tasks }))}`, NO_FAVICON)),
    ...variant('components', hostPage('<x-field></x-field> <x-button id="wc"></x-button>',
      `${COMPONENTS}${init(testFlow({ welcome: { title: 'Welcome', cta: 'Start' }, quickStart: { title: 'Get going', tasks: [{ id: 't1', title: 'Save it', complete: { click: '#wc' } }] }, activation: 't1' }))}`, NO_FAVICON)),
    // the same trap around a plain <div>: nothing says it is a modal; the page's analytics listen for clicks first
    ...variant('trap-plain', hostPage(TRAP_HTML.replace(' role="dialog" aria-modal="true" aria-label="New project"', ''), `window.heard = [];
document.addEventListener('click', function (e) { window.heard.push(e.target.localName); }, true);
${TRAP}document.getElementById('open').focus();
${init(testFlow({ tour: { steps: [{ id: 'one', target: '#open', title: 'Open it', complete: { click: '#open' } }, { id: 'two', target: '#name', title: 'Name it' }, { id: 'three', target: '#save', title: 'Save it' }] }, ...tasks }))}`, NO_FAVICON)),
    // a modal dialog open under a tour, on a page whose document keydown listeners share one passive one
    ...variant('zone', hostPage('<dialog id="d" aria-label="Edit"><input id="f" aria-label="Field"><button id="b">Save</button></dialog>', `${ZONE}
${init(testFlow({ tour: { steps: [{ id: 'one', target: '#b', title: 'Save here' }, { id: 'two', title: 'Then this' }] }, ...tasks }))}`, NO_FAVICON)),
    ...variant('wc-native', hostPage('<button id="open">New project</button><y-dialog id="ydlg"><input id="name" aria-label="Name"><button slot="footer" id="save">Save</button></y-dialog>',
      `${NATIVE_WC}document.getElementById('open').focus();
${init(testFlow({ tour: { steps: [{ id: 'one', target: '#open', title: 'Open it', complete: { click: '#open' } }, { id: 'two', target: '#name', title: 'Name it' }, { id: 'three', target: '#save', title: 'Save it' }] }, ...tasks }))}`, NO_FAVICON)),
    // a tour whose first step opens the component's dialog, whose second is on its field
    ...variant('sl-dialog', hostPage(SL_HTML, `${SL_DIALOG}document.getElementById('open').focus();
${init(testFlow({ tour: { steps: [{ id: 'one', target: '#open', title: 'Open it', complete: { click: '#open' } }, { id: 'two', target: '#name', title: 'Name it' }] }, ...tasks }))}`, NO_FAVICON)),
  })]);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const status = (page: Page) => page.evaluate(() => window.gp.state().status);

describe("a page's focus trap, outside-click dialog and web components", () => {
  it("makes the welcome usable over the page's trapped modal: Tab moves between its buttons, a click takes its action", async () => {
    const { page, errors } = await open(browser, `${server.url}/trap-welcome.html`);
    await page.getByRole('dialog', { name: 'Welcome' }).waitFor();
    await expect.poll(() => focused(page)).toBe('Start');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('Not now'); // the page's Tab handler would have pulled it into its modal
    await page.getByRole('button', { name: 'Start' }).click();
    await waitForEvent(page, 'first_action_started');
    expect(await page.evaluate(() => document.getElementById('m')!.hidden)).toBe(false);
    expect(errors).toEqual([]);
  });

  it('gives the focus back inside the modal the page opened during the tour, not behind it', async () => {
    const { page, errors } = await open(browser, `${server.url}/trap-tour.html`);
    await page.getByRole('dialog', { name: 'Open it' }).waitFor();
    await page.locator('#open').click(); // the modal opens, its field takes the focus; step one completes
    await page.getByRole('dialog', { name: 'Name it' }).waitFor();
    await page.getByRole('button', { name: 'Done' }).click();
    await waitForEvent(page, 'guided_path_completed');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('name'); // was: #open, under the modal
    expect(errors).toEqual([]);
  });

  it("skips on Escape in the card and keeps the page's dialog open, where the page's document keydown listeners are passive (zone.js)", async () => {
    const { page, errors } = await open(browser, `${server.url}/zone.html`);
    await page.getByRole('dialog', { name: 'Save here' }).getByRole('button', { name: 'Next' }).focus();
    await page.keyboard.press('Escape');
    await waitForEvent(page, 'tour_skipped');
    // Escape's default action, which closes a modal <dialog>, is cancelled from the card, which no page listener shares
    expect({ open: await page.evaluate(() => (document.getElementById('d') as HTMLDialogElement).open), errors }).toEqual({ open: true, errors: [] });
  });

  it("keeps a dialog that closes on clicks outside its panel open while the user clicks the card's buttons", async () => {
    const { page, errors } = await open(browser, `${server.url}/outside.html`);
    await page.getByRole('dialog', { name: 'Press OK' }).waitFor();
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('dialog', { name: 'Then this' }).waitFor();
    expect(await page.evaluate(() => !!document.getElementById('hd'))).toBe(true);
    await page.getByRole('button', { name: 'Back' }).click();
    await page.getByRole('dialog', { name: 'Press OK' }).waitFor();
    expect(await page.evaluate(() => !!document.getElementById('hd'))).toBe(true);
    await page.locator('#ok').click(); // the page's own clicks still count as theirs
    expect(await page.evaluate(() => !!document.getElementById('hd'))).toBe(true);
    expect(errors).toEqual([]);
  });

  it("works the card's buttons by mouse and keyboard over a focus trap around a plain <div>, which cancels every click outside itself, and the page still hears them", async () => {
    const { page, errors } = await open(browser, `${server.url}/trap-plain.html`);
    await page.getByRole('dialog', { name: 'Open it' }).waitFor();
    await page.locator('#open').click();
    await page.getByRole('dialog', { name: 'Name it' }).waitFor();
    await page.getByRole('button', { name: 'Next' }).click(); // was: cancelled by the trap, the card stayed
    await page.getByRole('dialog', { name: 'Save it' }).waitFor();
    await page.getByRole('button', { name: 'Back' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('dialog', { name: 'Name it' }).waitFor();
    await page.getByRole('button', { name: 'Skip tour' }).click();
    await waitForEvent(page, 'tour_skipped');
    expect(await page.evaluate(() => document.getElementById('m')!.hidden)).toBe(false);
    expect(await page.evaluate(() => (window as unknown as { heard: string[] }).heard)).toEqual(['button', 'guidepost-root', 'guidepost-root', 'guidepost-root']);
    expect(errors).toEqual([]);
  });

  it("takes the card into a web component's modal, whose focus trap then Tabs through it as through its own controls", async () => {
    const { page, errors } = await open(browser, `${server.url}/sl-dialog.html`);
    await page.getByRole('dialog', { name: 'Open it' }).waitFor();
    await page.locator('#open').click(); // the dialog opens and focuses its panel a frame later; step one completes
    await page.getByRole('dialog', { name: 'Name it' }).waitFor();
    await page.waitForTimeout(100);
    const seen = [await focused(page)]; // was: the panel (the component's own initial focus)
    await page.locator('#name').focus();
    for (let i = 0; i < 8; i++) {
      await page.keyboard.press('Tab');
      await page.waitForTimeout(20); // the trap's check comes in a task of its own
      seen.push(await focused(page));
    }
    for (let i = 0; i < 3; i++) {
      await page.keyboard.press('Shift+Tab');
      await page.waitForTimeout(20);
      seen.push(await focused(page));
    }
    // was: x, name, x, name... (the trap took the focus back from the card)
    expect(seen).toEqual(['Done', 'Skip tour', 'Back', 'Done', 'Get going0 of 1', 'save', 'cancel', 'x', 'name', 'x', 'cancel', 'save']);
    await page.getByRole('button', { name: 'Back' }).click();
    await page.getByRole('dialog', { name: 'Open it' }).waitFor();
    expect(await page.evaluate(() => document.getElementById('dlg')!.shadowRoot!.querySelector('[role=dialog]')!.hasAttribute('hidden'))).toBe(false);
    expect(errors).toEqual([]);
  });

  it("takes the card into a web component whose shadow root holds a native modal <dialog>, where Tab, clicks and Escape reach it", async () => {
    const { page, errors } = await open(browser, `${server.url}/wc-native.html`);
    await page.getByRole('dialog', { name: 'Open it' }).waitFor();
    await page.locator('#open').click(); // the component's modal opens, its field takes the focus; step one completes
    await page.getByRole('dialog', { name: 'Name it' }).waitFor();
    await page.locator('#name').focus();
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('Skip tour'); // was: the card was inert behind the modal, Tab went to Save
    await page.getByRole('button', { name: 'Next' }).click({ timeout: 3000 });
    await page.getByRole('dialog', { name: 'Save it' }).waitFor();
    await page.keyboard.press('Escape');
    await waitForEvent(page, 'tour_skipped');
    expect({ open: await page.evaluate(() => document.getElementById('ydlg')!.shadowRoot!.querySelector('dialog')!.open), errors }).toEqual({ open: true, errors: [] });
  });

  it("counts a click in a web component's shadow root for the component, and gives the focus back to the field inside one", async () => {
    const { page, errors } = await open(browser, `${server.url}/components.html`);
    await page.getByRole('dialog', { name: 'Welcome' }).waitFor();
    await page.getByRole('button', { name: 'Not now' }).click();
    // back in the component's own field, not on <body> (the component itself takes no focus)
    await expect.poll(() => page.evaluate(() => document.activeElement?.shadowRoot?.activeElement?.id)).toBe('inner');
    await page.locator('#wc').getByRole('button', { name: 'Save' }).click();
    await waitForEvent(page, 'first_value_created');
    expect(await trailTypes(page)).toContain('step_completed');
    expect(await status(page)).toBe('dismissed');
    expect(errors).toEqual([]);
  });
});
