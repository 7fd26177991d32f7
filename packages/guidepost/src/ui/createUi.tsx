import { render } from 'preact';
import type { Engine, Flow } from '@guidepost/core';
import { App } from './App';
import { anchor, centre, reveal } from './anchor';
import { css } from './styles';
import { describeView, type Actions, type UiState, type View } from './describeView';
import { waitForTarget } from '../platform/waitForTarget';
import { freeCorner } from './freeCorner';
import { listen } from '../platform/listen';
import { followViewport } from './visualViewport';

const sheets = new WeakMap<Window, CSSStyleSheet>();
/** One constructed stylesheet per window, shared by every instance (parsed once, never leaked). */
function styleSheet(w: Window): CSSStyleSheet {
  let sheet = sheets.get(w);
  if (!sheet) {
    sheet = new (w as unknown as typeof globalThis).CSSStyleSheet();
    sheet.replaceSync(css);
    sheets.set(w, sheet);
  }
  return sheet;
}

export interface UiOptions {
  doc: Document;
  engine: Engine;
  flow: Flow;
  locale?: string;
  fill: (s: string) => string;
  canHandoff: boolean;
  theme?: Record<string, string>;
  report: (e: unknown, where: string) => void;
}

/**
 * Mounts one <guidepost-root> with an open shadow root in the top layer, and keeps it in step with
 * the engine. Moves focus into each dialog as it opens and back when guidance closes; Escape skips
 * a tour step or closes a prompt. Returns the cleanup, which leaves the page as it was.
 */
export function createUi(o: UiOptions): () => void {
  const { doc, engine } = o;
  const w = doc.defaultView as Window;
  const host = doc.createElement('guidepost-root');
  const root = host.attachShadow({ mode: 'open' });
  root.adoptedStyleSheets = [styleSheet(w)];
  for (const [k, v] of Object.entries(o.theme ?? {})) host.style.setProperty(k.startsWith('--') ? k : `--gp-${k}`, String(v));
  host.setAttribute('popover', 'manual');
  // keys pressed in Guidepost's own UI are Guidepost's: a page's shortcuts (a slide deck's arrows,
  // an app's Escape) must not act behind a dialog the user is reading
  // and so is the keyup of a key pressed in it, when what it did (Escape, Enter on Done) closed the
  // card and gave the focus back to the page before the key came up
  const down = new Set<string>();
  let unup = () => {};
  const up = (e: KeyboardEvent) => {
    if (!down.delete(e.code)) return;
    e.stopPropagation();
    if (!down.size) unup();
  };
  host.addEventListener('keydown', (e) => {
    e.stopPropagation();
    // Escape in a card, acted on as the document heard it (onKey): a page's dialog around the card
    // stays open. Cancelled here, where no page listener shares ours: zone.js (Angular) runs every
    // keydown listener on the document inside one native listener, passive when Angular CDK's is
    if (e === escaped) e.preventDefault();
    if (!down.size) unup = listen(w, 'keyup', up, true);
    down.add(e.code);
  });
  for (const k of ['keyup', 'keypress']) host.addEventListener(k, (e) => e.stopPropagation());
  // Pointer and focus events in it, and Tab, are shielded from the page before anyone hears them
  // (the window's capture phase comes first): a page's "click outside" (Headless UI's Dialog closes
  // on a pointerdown outside its panel) or focus trap (a Bootstrap modal, a MUI Dialog, focus-trap:
  // on the document) would close its dialog under the card, or pull the focus back out of it.
  // What the browser does with them (focus, click, Tab's move) is untouched. (On window from the
  // first draw to the cleanup.)
  const shield = (e: Event) => {
    const tab = (e as KeyboardEvent).key === 'Tab';
    if ((e.type !== 'keydown' || tab) && e.composedPath().includes(host)) {
      e.stopImmediatePropagation();
      // and Tab goes round the welcome's controls (a modal <dialog> would let it out to the page)
      const b = [...(q('dialog[open]')?.querySelectorAll<HTMLElement>('button,a[href]') ?? [])];
      const shift = (e as KeyboardEvent).shiftKey;
      if (tab && b.length && b.indexOf(root.activeElement as HTMLElement) === (shift ? 0 : b.length - 1)) {
        e.preventDefault();
        b[shift ? b.length - 1 : 0].focus();
      }
    }
  };
  // A click on one of its buttons acts as the window first hears it, then goes on to the page (a
  // host's analytics hear it): a focus trap around a plain <div> (focus-trap, with no aria-modal to
  // tell it is a modal) cancels and stops every click outside itself, on the document, before the
  // button would hear it
  const press = (e: Event) => {
    const b = (e.composedPath()[0] as Element).closest?.('button');
    if (b?.getRootNode() !== root) return;
    try {
      if (b.closest('.q')) toggle();
      else (b.closest('.c') ? view.card : view.welcome)?.buttons[+b.dataset.i!]?.on();
    } catch (x) {
      o.report(x, 'click');
    }
  };
  let unshield: Array<() => void> = [];
  // the texts' language, not the page's: screen readers pronounce it, and an English flow on a
  // right-to-left page still reads left to right ("1 of 3", a sentence's full stop)
  const lang = o.locale ?? o.flow.locale;
  if (lang) {
    host.lang = lang;
    host.dir = /^(ar|he|iw|fa|ur|ps|yi|dv|sd|ug|ckb)\b/i.test(lang) ? 'rtl' : 'ltr';
  }
  /** Attached on first use: a user with nothing to show gets nothing added to the page. */
  const top = () => {
    if (!host.isConnected) {
      // the page's CSS zoom (html { zoom: 1.25 }) would scale the UI away from its targets: undone
      // (read before the host goes in, while the page's style is usually clean: no extra recalc)
      host.style.setProperty('--z', String(1 / ((doc.documentElement as { currentCSSZoom?: number }).currentCSSZoom ?? 1)));
      doc.documentElement.appendChild(host); // not in <body>: Turbo Drive and htmx swap <body> on navigation
    }
    if (!unshield.length) unshield = ['pointerdown', 'mousedown', 'touchstart', 'touchend', 'focusin', 'focus', 'keydown', 'click'].map((t) => listen(w, t, t === 'click' ? press : shield, true));
    try {
      host.showPopover(); // no-op when open (older browsers threw, caught here)
    } catch {
      // no Popover API: the host's z-index keeps it on top of ordinary stacking contexts
    }
  };

  /**
   * While a page's modal <dialog> is open, everything outside it is inert: a card could be neither
   * clicked nor focused. A modal built of <div>s ([aria-modal=true]: Bootstrap's, MUI's, Radix's)
   * traps the focus in itself, so Tab could not reach a card outside it. As a card opens, the host
   * goes inside the modal on top (still in the top layer, so nothing of it clips the host) and back
   * to <html> when that modal closes: a dialog's close event; a div-modal that leaves the page, is
   * hidden or is no longer aria-modal, which only a watch of the page's changes can tell. A modal
   * the page opens over it (the focus goes there, and the first one is made inert or aria-hidden)
   * takes the host too, which comes back when it closes.
   */
  const MODAL = 'dialog:modal,[aria-modal=true]';
  // (a custom element may have no box of its own: display:contents)
  const shown = (x: Element) => x.isConnected && (getComputedStyle(x).display === 'contents' || x.checkVisibility?.({ visibilityProperty: true }) !== false) && !x.closest('[inert],[aria-hidden=true]');
  const dialogs = doc.getElementsByTagName('dialog'); // live, and cheap to read at any page size
  /** the first of a node and its ancestors in the flat tree (through the slot it is in and the host of its shadow root) to pass a test */
  const flat = (x: Node | null | undefined, f: (e: Element) => unknown): Element | undefined => {
    for (; x; x = (x as Element).assignedSlot ?? x.parentNode ?? (x as ShadowRoot).host) if ((x as Element).matches && f(x as Element)) return x as Element;
  };
  /** the page modal a node is in, even one in a web component's shadow root, where the component's own fields are slotted */
  const modalOf = (x?: Node | null) => flat(x, (e) => e.matches(MODAL));
  let leave = () => {};
  const back = () => {
    try {
      home();
      placed = ''; // the card is placed again from where the host is now (pinned to its target anew)
      draw();
    } catch (e) {
      o.report(e, 'page dialog closed');
    }
  };
  const home = (el?: Element) => {
    // the one on top: the page's focus is in it (showModal and focus traps put it there), else the one the host is in, else the target's, else the last
    const p = host.parentElement;
    let d = [modalOf(active()), host.isConnected ? modalOf(host) : null, modalOf(el)].find((x) => x && shown(x));
    if (!d) for (const x of dialogs) if (x.matches(':modal')) d = x;
    // a component's modal in its shadow root (Shoelace's <sl-dialog>): the host goes into the
    // component, when its default slot is inside that modal (else it would not be rendered)
    const r = d?.getRootNode() as ShadowRoot | undefined;
    const parent = !d ? doc.documentElement : !r!.host ? d : d.contains(r!.querySelector('slot:not([name])')) ? r!.host : doc.documentElement;
    if (p === parent && host.isConnected) return;
    leave();
    leave = () => {};
    parent.appendChild(host);
    top();
    // moving took the welcome's <dialog> out of the top layer: modal again
    const welcome = q<HTMLDialogElement>('dialog[open]');
    if (welcome && !welcome.matches(':modal')) {
      welcome.close();
      welcome.showModal();
    }
    if (parent === doc.documentElement) return;
    const m = d!;
    const check = () => {
      const a = modalOf(active());
      if (!host.isConnected || !m.matches(MODAL) || !shown(m) || (a && a !== m && shown(a))) back();
    };
    const gone = new MutationObserver(check);
    const what = { subtree: true, childList: true, attributes: true, attributeFilter: ['aria-modal', 'class', 'style', 'hidden', 'inert', 'aria-hidden', 'open'] };
    gone.observe(doc.documentElement, what);
    if (r!.host) gone.observe(r!, what); // the component hides its modal in there
    // a modal that puts the focus on its own container as it opens (Shoelace's, a frame later) had
    // no control in mind: the card that opened with it, and just took the focus, keeps it
    const initial = (e: FocusEvent) => {
      if (active() === m && e.relatedTarget === host && e.timeStamp - tookAt < 200) focusCard();
      check();
    };
    const offs = [listen(doc, 'focusin', initial), listen(m, 'close', back)];
    leave = () => {
      gone.disconnect();
      offs.forEach((f) => f());
    };
  };

  const ui: UiState = { expanded: null, closed: null };
  let view: View = { announce: '' };
  let placed = '';
  let unplace: (() => void) | undefined;
  let focused = '';
  let returnTo: HTMLElement | null = null;
  let left: HTMLElement | null = null;
  let asided = false;
  /** when a card last took the focus */
  let tookAt = -1e9;
  /** removes the Escape listener, which is on the document while a card is open */
  let unkey: (() => void) | undefined;
  let unfollow: (() => void) | undefined;
  let asiding = 0;
  /**
   * The Quick Start's corner is checked after the frame that shows the card, when layout is clean:
   * its reads would otherwise force one, and its hit tests cost ~0.4 ms each at 50,000 elements.
   */
  const asideSoon = () => (asiding ||= w.requestIdleCallback ? w.requestIdleCallback(aside, { timeout: 200 }) : w.setTimeout(aside, 50));
  /** and again when <body> gains or loses a child: a chat widget arriving late */
  const widgets = new MutationObserver(() => {
    controls.clear();
    asideSoon();
  });
  /** the target of the card on screen, which the Quick Start must not cover */
  let pointed: Element | undefined;
  /** corners (and panel sizes) probed for page controls in fixed boxes, and the answer */
  const controls = new Map<string, boolean>();

  const actions: Actions = {
    ...engine, // cta, dismiss, next, back, retry, help
    skip: () => engine.skip('skip'),
    close: (key) => {
      ui.closed = key;
      draw();
    },
    again: (key) => {
      ui.again = key;
      ui.closed = null;
      draw();
    },
  };
  const toggle = () => {
    ui.expanded = !(view.quick?.expanded ?? false);
    draw();
    controls.clear(); // the page may have added a widget since; the new size may cover one
    asideSoon();
  };
  const onCancel = (e: Event) => {
    e.preventDefault();
    engine.dismiss();
  };
  /** the user is typing in a field of the page */
  const typing = (a: Element | null) => !!a && ((a as HTMLElement).isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(a.tagName));
  /**
   * Escape skips a step or closes a prompt, wherever the focus is, except where the page's own
   * Escape has a job: in a field, or in the page's open dialog, menu, list box or dropdown, or
   * when the page's own handler used it (preventDefault: reveal.js opens its overview). In the
   * card, it acts when first heard (`late` false: before a page dialog around the card would
   * close); elsewhere, when last heard (on window, after the page's handlers), where the focus was
   * when it was first heard (a page's Escape closing a dialog moves the focus).
   */
  let job: Event | undefined;
  let escaped: Event | undefined;
  const onKey = (late: boolean) => (e: KeyboardEvent) => {
    const c = view.card;
    const ours = e.composedPath().includes(host);
    if (e.key !== 'Escape' || !c || e.defaultPrevented || (ours && late)) return;
    const a = doc.activeElement;
    if (!ours && !late) return void (job = typing(a) || a?.closest('dialog,[role=dialog],[role=menu],[role=listbox],[aria-expanded=true]') ? e : undefined);
    if (job === e) return;
    if (ours) escaped = e; // cancelled on the host (above)
    if (c.kind === 'step') engine.skip('escape');
    else actions.close(c.key);
  };

  const q = <T extends Element>(sel: string) => root.querySelector<T & HTMLElement>(sel);
  /**
   * Focus goes into a card as it opens, except while the user is typing in a field of the page: a
   * card that came by itself (a stall's prompt, a step guided again, the next step after a signal)
   * must not catch their keystrokes, where a space would press its button. Prompts are announced
   * politely, and Tab reaches every card.
   */
  const focusCard = () => {
    const a = active();
    if (typing(a)) return;
    took(a);
    (q('.c button.p') ?? q('.c'))?.focus({ preventScroll: true });
    tookAt = w.performance.now();
  };
  /** the page's focused element, inside web components' shadow roots (a field in sl-input) */
  const active = () => {
    let a = doc.activeElement;
    while (a && a !== host && a.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
    return a as HTMLElement | null;
  };
  /** the element a dialog takes the focus from: the first is where it goes back, the last a fallback */
  const took = (a: HTMLElement | null) => {
    if (a && a !== host && a !== doc.body) (returnTo ??= a), (left = a);
  };
  /** the light-DOM element a node is in (itself, or the host of the shadow root it is in) */
  const outer = (x: Node): Element => (x.getRootNode() as ShadowRoot).host ? outer((x.getRootNode() as ShadowRoot).host) : (x as Element);
  /**
   * Guidance closed: the focus goes back where it was before it opened. A page modal opened since
   * (the one the host went into, else the last open one) keeps it inside: the element a card took it
   * from there, else the modal's first control. Where neither can take it (hidden, or behind a
   * dialog that hid the rest of the page), it goes into the page's open dialog.
   */
  const giveBack = () => {
    const last = (sel: string) => [...doc.querySelectorAll(sel)].filter(shown).pop();
    const m = modalOf(host) ?? last(MODAL);
    const ok = (x: HTMLElement | null) => !!x && shown(x) && shown(outer(x)) && (!m || flat(x, (e) => e === m));
    const d = m ?? last('[role=dialog],[role=alertdialog],dialog[open]');
    const to = [returnTo, left].find(ok) ?? d?.querySelector<HTMLElement>('input:not([disabled]):not([type=hidden]),select,textarea,button:not([disabled]),[href],[tabindex]') ?? d;
    returnTo = left = null;
    (to as HTMLElement | null | undefined)?.focus({ preventScroll: true });
  };

  /** the current card is placed anew, once this task is done (its target went, or came into view) */
  const placeAgain = () => {
    placed = '';
    queueMicrotask(draw);
  };

  function place(): void {
    const c = view.card;
    const key = c ? `${c.key}|${c.target ?? ''}` : '';
    if (key === placed) return;
    unplace?.();
    unplace = undefined;
    placed = key;
    pointed = undefined;
    const card = q('.c');
    if (!c || !card) return;
    const spot = q('.s');
    if (!c.target) {
      home();
      return centre(card, spot);
    }
    card.style.visibility = 'hidden';
    if (spot) spot.style.visibility = 'hidden';
    let unanchor: (() => void) | undefined;
    let unwait: () => void = () => {};
    try {
      const middle = () => {
        home();
        centre(card, spot);
        if (focused === c.key) focusCard();
      };
      unwait = waitForTarget(doc, c.target, c.waitFor, (el) => {
        // a target that scrolling cannot bring into view (a slide moved aside, an off-canvas menu, a
        // drawer still sliding in) has nothing to point at: the card shows in the middle, as for one
        // that never came, and is placed next to it once it comes into view
        if (!reveal(el, w)) {
          const io = new IntersectionObserver((l) => l[l.length - 1].isIntersecting && placeAgain());
          io.observe(el);
          unanchor = () => io.disconnect();
          return middle();
        }
        home(el);
        unanchor = anchor(el, card, spot, c.placement, placeAgain, () => {
          pointed = el;
          asideSoon();
          if (focused === c.key) focusCard();
        });
      }, () => {
        if (c.kind === 'step') engine.targetMissing(c.step!, c.target as string);
        if (view.card?.key === c.key) middle();
      });
    } catch (e) {
      o.report(e, `target ${c.target}`);
      centre(card, spot);
    }
    unplace = () => {
      unwait();
      unanchor?.();
    };
  }

  /**
   * Puts the Quick Start in a corner that leaves the page's fixed controls and the current card's
   * target free (freeCorner.ts). Checked (in a task of its own) when it first shows, when it is
   * opened or closed, when <body> gains or loses a child (a chat widget arriving), and as each card
   * finds its target.
   */
  function aside(): void {
    asiding = 0;
    try {
      const panel = q('.q');
      if (!panel || !doc.elementsFromPoint) return;
      const to = freeCorner(doc, host, panel, pointed, controls);
      if (panel.dataset.aside !== to) panel.dataset.aside = to;
    } catch (e) {
      o.report(e, 'quick start corner'); // it runs on its own (idle callback, observer): nothing may reach the page
    }
  }

  function moveFocus(): void {
    const key = view.welcome ? 'welcome' : view.card?.key ?? '';
    if (key === focused) return;
    focused = key;
    const a = active();
    if (key) {
      took(a); // where the focus goes back, even when a card leaves it in the page's field
      if (key === 'welcome') {
        // over a page's modal, inside it, as the cards are (its focus trap lets the welcome be used)
        home();
        // just rendered, and closed: a welcome shown again is a new <dialog> (App keys it); showModal
        // moves the focus to its autofocus button, the primary one (App sets autofocus on it)
        q<HTMLDialogElement>('dialog')!.showModal();
      } else if (q('.c')?.style.visibility !== 'hidden') focusCard();
    } else if (returnTo || left) {
      // unless the user put it somewhere on the page meanwhile
      if (!a || a === host || a === doc.body) giveBack();
      returnTo = left = null;
    }
  }

  function draw(): void {
    try {
      view = describeView(o.flow, engine.$state.get(), ui, actions, o);
      if (view.welcome || view.card || view.quick || host.isConnected) top();
      render(<App v={view} fill={o.fill} onCancel={onCancel} />, root);
      if (view.quick && !asided) {
        asided = true;
        asideSoon();
        // chat widgets and the like arrive later, as children of <body>: checked again then
        widgets.observe(doc.body, { childList: true });
      }
      // while anything shows, its fixed boxes keep to what the user sees
      const shows = !!(view.welcome || view.card || view.quick);
      if (shows && !unfollow) unfollow = followViewport(w, host);
      else if (!shows && unfollow) {
        unfollow();
        unfollow = undefined;
      }
      place();
      moveFocus();
      if (view.card && !unkey) {
        const offs = [listen(doc, 'keydown', onKey(false), true), listen(w, 'keydown', onKey(true))];
        unkey = () => offs.forEach((f) => f());
      }
      else if (!view.card && unkey) {
        unkey();
        unkey = undefined;
      }
    } catch (e) {
      o.report(e, 'render');
    }
  }

  const unsubscribe = engine.$state.listen((s) => {
    ui.finished ??= s.status === 'done';
    draw();
  });
  draw();
  return () => {
    unsubscribe();
    unplace?.();
    leave();
    widgets.disconnect();
    unup();
    (w.cancelIdleCallback ?? w.clearTimeout)(asiding);
    unkey?.();
    unfollow?.();
    render(null, root);
    unshield.forEach((f) => f());
    const had = returnTo || left;
    host.remove();
    if (had) giveBack();
  };
}
