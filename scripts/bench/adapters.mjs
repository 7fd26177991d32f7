// One adapter per library: the files a page must load (their npm dist builds), and an in-page
// setup that defines window.__lib = { start, next, cards, destroy } with the library's documented
// API and defaults. `next` clicks the library's own Next button; `cards` lists its step cards
// with their title text. Setups run in the page (serialised), so they are self-contained.
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const nm = (p) => `${repo}node_modules/${p}`;

/** The Guidepost flow: one default segment, no welcome, a 5-step tour, one dummy task for activation. */
export const benchFlow = (steps) => ({
  id: 'bench', version: 1,
  segments: [{ id: 'everyone', provisioning: 'self-service', path: 'tour' }],
  paths: {
    tour: {
      tour: { steps: steps.map((s) => ({ id: s.id, target: s.target, title: s.title, body: s.body })) },
      quickStart: { title: 'Get started', tasks: [{ id: 'never', title: 'Never done', complete: { event: 'never' } }] },
      activation: 'never',
    },
  },
});

export const ADAPTERS = [
  {
    id: 'floor', name: 'no library (the floor)', js: { 'floor.js': { body: 'window.__floor = true;' } }, css: {},
    setup: (steps) => {
      let i = -1;
      let div = null;
      const show = () => {
        const t = document.querySelector(steps[i].target);
        const r0 = t.getBoundingClientRect();
        if (r0.top < 0 || r0.bottom > innerHeight) t.scrollIntoView({ block: 'center' });
        const r = t.getBoundingClientRect();
        div.style.left = `${r.left + scrollX}px`;
        div.style.top = `${r.bottom + scrollY + 12}px`;
        div.firstChild.textContent = steps[i].title;
        div.lastChild.textContent = steps[i].body;
      };
      window.__lib = {
        start() {
          div = document.createElement('div');
          div.style.cssText = 'position:absolute;z-index:10;background:#fff;border:1px solid #999;padding:12px;max-width:300px';
          div.append(document.createElement('h2'), document.createElement('p'));
          document.body.append(div);
          i = 0;
          show();
        },
        next() {
          if (++i < steps.length) return show();
          div.remove();
          div = null;
        },
        cards: () => (div ? [{ el: div, title: div.firstChild.textContent }] : []),
        destroy() {
          div?.remove();
          div = null;
        },
      };
    },
  },
  {
    id: 'guidepost', name: 'Guidepost', js: { 'guidepost.js': `${repo}packages/guidepost/dist/guidepost.js` }, css: {},
    setup: (steps, flow) => {
      const root = () => document.querySelector('guidepost-root')?.shadowRoot;
      window.__lib = {
        start: () => window.Guidepost.init({ flow, user: { id: 'bench' }, storage: 'memory' }),
        next: () => root().querySelector('.c button.p').click(),
        cards: () => [...(root()?.querySelectorAll('.c[role=dialog]') ?? [])]
          .filter((el) => el.style.visibility !== 'hidden')
          .map((el) => ({ el, title: el.querySelector('h2')?.textContent })),
        destroy: () => window.Guidepost.destroy(),
      };
    },
  },
  {
    id: 'driver', name: 'Driver.js 1.8.0',
    js: { 'driver.js.iife.js': nm('driver.js/dist/driver.js.iife.js') }, css: { 'driver.css': nm('driver.js/dist/driver.css') },
    setup: (steps) => {
      let d;
      window.__lib = {
        start() {
          d = window.driver.js.driver({ steps: steps.map((s) => ({ element: s.target, popover: { title: s.title, description: s.body } })) });
          d.drive();
        },
        next: () => document.querySelector('.driver-popover-next-btn').click(),
        cards: () => [...document.querySelectorAll('.driver-popover')].map((el) => ({ el, title: el.querySelector('.driver-popover-title')?.textContent })),
        destroy: () => d?.destroy(),
      };
    },
  },
  {
    id: 'shepherd', name: 'Shepherd 15.3.0',
    js: {
      'shepherd.mjs': nm('shepherd.js/dist/js/shepherd.mjs'),
      'shepherd-global.mjs': { body: "import Shepherd from './shepherd.mjs';\nwindow.Shepherd = Shepherd;\n", wrapper: true },
    },
    css: { 'shepherd.css': nm('shepherd.js/dist/css/shepherd.css') },
    entry: 'shepherd-global.mjs',
    setup: (steps) => {
      let tour;
      window.__lib = {
        start() {
          tour = new window.Shepherd.Tour({
            defaultStepOptions: { scrollTo: true, buttons: [{ text: 'Next', action() { return this.next(); } }] },
          });
          for (const s of steps) tour.addStep({ id: s.id, title: s.title, text: s.body, attachTo: { element: s.target, on: 'bottom' } });
          tour.start();
        },
        next: () => document.querySelector('.shepherd-element.shepherd-enabled .shepherd-button').click(),
        cards: () => [...document.querySelectorAll('.shepherd-element')].map((el) => ({ el, title: el.querySelector('.shepherd-title')?.textContent })),
        destroy: () => tour?.isActive() && tour.cancel(),
      };
    },
  },
  {
    id: 'intro', name: 'Intro.js 8.6.0',
    js: { 'intro.min.js': nm('intro.js/minified/intro.min.js') }, css: { 'introjs.min.css': nm('intro.js/minified/introjs.min.css') },
    setup: (steps) => {
      let tour;
      window.__lib = {
        start() {
          tour = window.introJs.tour().setOptions({ steps: steps.map((s) => ({ element: s.target, title: s.title, intro: s.body })) });
          tour.start();
        },
        next: () => document.querySelector('.introjs-nextbutton').click(),
        cards: () => [...document.querySelectorAll('.introjs-tooltip')].map((el) => ({ el, title: el.querySelector('.introjs-tooltip-title')?.textContent })),
        destroy: () => tour?.exit(true),
      };
    },
  },
];
