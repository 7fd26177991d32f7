// XSS corpus (quality.md, "Security"): payloads in every text field, label, placeholder value,
// trait and match value, walked through welcome → tour → Quick Start → recovery prompt → exception
// prompt in Chromium. Payloads call window.__pwned(n), a function exposed by the test: it must never run.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { open, useBrowserAndServer } from './harness';

const P = (n: number) => `__pwned(${n})`;
const templates: Array<(c: string) => string> = [
  (c) => `<script>${c}</script>`, (c) => `<img src=x onerror=${c}>`, (c) => `<svg onload=${c}>`, (c) => `<svg><script>${c}</script></svg>`,
  (c) => `"><img src=x onerror=${c}>`, (c) => `'><img src=x onerror=${c}>`, (c) => `</h2><img src=x onerror=${c}>`, (c) => `</dialog><script>${c}</script>`,
  (c) => `<iframe src="javascript:${c}"></iframe>`, (c) => `<iframe srcdoc="<script>parent.${c}</script>"></iframe>`, (c) => `<a href="javascript:${c}">x</a>`,
  (c) => `<body onload=${c}>`, (c) => `<details open ontoggle=${c}>`, (c) => `<input autofocus onfocus=${c}>`, (c) => `<video><source onerror=${c}></video>`,
  (c) => `<object data="javascript:${c}">`, (c) => `<embed src="javascript:${c}">`, (c) => `<math><mtext><table><mglyph><style><img src=x onerror=${c}>`,
  (c) => `&lt;img src=x onerror=${c}&gt;`, (c) => `&#60;script&#62;${c}&#60;/script&#62;`, (c) => `\\u003cimg src=x onerror=${c}\\u003e`,
  (c) => `<style>@import 'javascript:${c}'</style>`, (c) => `<div style="background:url(javascript:${c})">`, (c) => `<div style="width:expression(${c})">`,
  (c) => `<link rel=stylesheet href="javascript:${c}">`, (c) => `<meta http-equiv="refresh" content="0;url=javascript:${c}">`,
  (c) => `<form><button formaction=javascript:${c}>x</button></form>`, (c) => `<marquee onstart=${c}>`, (c) => `<x onclick=${c} style=display:block;position:fixed;inset:0>`,
  (c) => `javascript:${c}`, (c) => `\${${c}}`, (c) => `<%= ${c} %>`, (c) => `#{${c}}`, (c) => `<img src=x onerror=&#95;&#95;pwned(${c.slice(9)}>`,
  (c) => `<IMG SRC=x OnErRoR=${c}>`, (c) => `<img/src=x/onerror=${c}>`, (c) => `<img src=x onerror=${c}//`, (c) => `<scr<script>ipt>${c}</scr</script>ipt>`,
  (c) => `\u202e<img src=x onerror=${c}>\u202c`, (c) => `＜img src=x onerror=${c}＞`, (c) => `${'A'.repeat(5000)}<img src=x onerror=${c}>`,
  (c) => `<template><img src=x onerror=${c}></template>`, (c) => `<noscript><p title="</noscript><img src=x onerror=${c}>">`,
  (c) => `**<img src=x onerror=${c}>**`, (c) => `[<img src=x onerror=${c}>](https://ok.test/a)`, (c) => `[ok](https://ok.test/"onmouseover="${c})`,
  (c) => `[ok](/rel'onclick='${c})`, (c) => `<svg><animate onbegin=${c} attributeName=x dur=1s>`, (c) => `<img src="x\` onerror=${c}>`,
  (c) => `--><img src=x onerror=${c}>`, (c) => `]]><img src=x onerror=${c}>`, (c) => `\u200d<img\u200b src=x onerror=${c}>`, (c) => `{{ user.name }}<img src=x onerror=${c}>`,
  (c) => `<a href="&#106;avascript:${c}">x</a>`, (c) => `<base href="javascript:${c}//">`,
];
const valid = templates.map((t, i) => t(P(i)));
/** Payloads a flow must reject (unsafe link schemes, non-placeholders, ids that are not ids): they never render. */
const invalid: Array<(c: string) => Record<string, unknown>> = [
  (c) => ({ body: `[click](javascript:${c})` }), (c) => ({ body: `[x](JaVaScRiPt:${c})` }), (c) => ({ body: `[x](data:text/html,<script>${c}</script>)` }),
  (c) => ({ body: `[x](//evil.test/${c})` }), (c) => ({ title: `{{constructor.constructor('${c}')()}}` }), (c) => ({ title: `{{7*7}}${c}` }),
  (c) => ({ stepId: `"><img src=x onerror=${c}>` }),
];

const fillWith = (u: { name: string; acct: string; plan: string }) => (s: string) =>
  s.replace(/\{\{\s*user\.name\s*\}\}/g, u.name).replace(/\{\{account\.name\}\}/g, u.acct).replace(/\{\{traits\.plan\}\}/g, u.plan);
const hasMarkdown = (s: string) => /\*\*|\]\(/.test(s);

function flowFor(T: string, plan: string, over: { body?: string; title?: string; stepId?: string } = {}) {
  const B = over.body ?? `${T} [docs](https://ok.test/docs) [rel](/help)`;
  const title = over.title ?? T;
  const labels = Object.fromEntries(['next', 'back', 'skip', 'done', 'dismiss', 'retry', 'help', 'close', 'of', 'completed', 'helpRequested'].map((k) => [k, T]));
  return {
    id: 'xss', version: 1, locale: 'en', labels, defaults: { owner: plan, waitFor: '1s', stall: { after: '1h' } },
    segments: [{ id: 'vip', match: { plan }, provisioning: 'admin', path: 'p', owner: plan }, { id: 'all', provisioning: 'self-service', path: 'p' }],
    paths: { p: {
      welcome: { title, body: B, cta: T },
      tour: { steps: [{ id: over.stepId ?? 's1', target: '#t1', title: T, body: B }, { id: 's2', title: { en: T, de: T }, body: B }] },
      quickStart: { title: T, tasks: [
        { id: 'k1', title: T, body: B, target: '#t2', complete: { event: plan }, stall: { after: '300ms', retryAfter: '1h', prompt: { title: T, body: B }, nextAction: T, owner: plan } },
        { id: 'k2', title: { en: T }, complete: { event: 'done2' } }] },
      activation: 'k2' } },
    exceptions: { permissions: { owner: plan, nextAction: T, prompt: { title: T, body: B } } },
  };
}

/** What the shadow root holds right now: on* attributes, hrefs, tags, texts of titles and buttons. */
const inspect = (page: Page) => page.evaluate(() => {
  const r = document.querySelector('guidepost-root')?.shadowRoot;
  const all = [...(r?.querySelectorAll('*') ?? [])];
  const text = (sel: string) => [...(r?.querySelectorAll(sel) ?? [])].map((e) => e.textContent ?? '');
  return {
    on: all.flatMap((el) => [...el.attributes].filter((a) => /^on/i.test(a.name)).map((a) => `${el.localName}[${a.name}]`)),
    hrefs: all.filter((el) => el.hasAttribute('href')).map((el) => el.getAttribute('href') as string),
    tags: [...new Set(all.map((el) => el.localName))].sort(),
    titles: text('h2'), buttons: text('.c button, dialog button'), tasks: text('li[data-task]'), bodies: text('p'),
    light: document.querySelectorAll('body img, body svg, body iframe, body object, body embed, body x, body marquee, body template').length,
  };
});
const ALLOWED_TAGS = ['a', 'button', 'dialog', 'div', 'h2', 'li', 'ol', 'p', 'section', 'span', 'strong'];

const env = useBrowserAndServer({ '/favicon.ico': { body: '', type: 'image/x-icon' } });

async function load(route: string, flow: object, user: object) {
  env.server.routes[`${route}flow.json`] = { body: JSON.stringify(flow), type: 'application/json' };
  env.server.routes[`${route}init.js`] = { type: 'text/javascript',
    body: `window.gp = Guidepost.init({ flow: '${route}flow.json', storage: 'memory', onHandoff: function () {}, ...${JSON.stringify(user)} });` };
  env.server.routes[route] = { body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Host</title></head><body>
    <button id="t1">one</button> <div id="t2">two</div><script src="/guidepost.js"></script><script src="${route}init.js"></script></body></html>` };
  const w = await open(env.browser);
  const pwned: number[] = [];
  await w.page.exposeFunction('__pwned', (n: number) => void pwned.push(n));
  await w.page.goto(env.server.url + route);
  return { ...w, pwned, ready: await w.page.evaluate(() => (window as any).gp.ready as Promise<boolean>) };
}

describe('XSS payloads in every text field', () => {
  const batches = Array.from({ length: Math.ceil(valid.length / 14) }, (_, i) => valid.slice(i * 14, i * 14 + 14));

  it.each(batches.map((b, i) => [i, b] as const))('batch %i: executes nothing and shows every payload as text', async (i, batch) => {
    const T = `${batch.join(' | ')} | {{user.name}} | {{account.name}} | {{traits.plan}}`;
    const who = { name: batch.join(' & '), acct: [...batch].reverse().join(' & '), plan: batch[0] };
    const { page, errors, pwned, ready } = await load(`/b${i}/`, flowFor(T, who.plan), {
      user: { id: who.plan, name: who.name, role: batch[1], traits: { plan: who.plan } }, account: { id: 'acct', name: who.acct },
    });
    const F = fillWith(who)(T);
    const seen = [];
    const click = (sel: string) => page.evaluate((s) => (document.querySelector('guidepost-root')!.shadowRoot!.querySelector(s) as HTMLElement).click(), sel);
    const stage = (sel: string) => page.waitForFunction((s) => !!document.querySelector('guidepost-root')?.shadowRoot?.querySelector(s), sel);
    await stage('dialog[open]');
    seen.push(await inspect(page));
    await click('dialog button.p');
    await stage('.c[data-step=s1]');
    seen.push(await inspect(page));
    await click('.c button.p');
    await stage('.c[data-step=s2]');
    seen.push(await inspect(page));
    await click('.c button.p');
    await stage('.c[data-kind=prompt]');
    seen.push(await inspect(page));
    await page.evaluate(() => (window as any).gp.signal('permission_denied', { reason: '<img src=x onerror=__pwned(-1)>' }));
    await stage('.c[data-kind=exception]');
    seen.push(await inspect(page));
    await page.mouse.click(640, 400);
    await page.waitForTimeout(300);

    const bodyPayloads = batch.filter((p) => !hasMarkdown(p) && !p.includes('{{'));
    expect({
      ready, pwned, errors, light: seen.map((s) => s.light),
      on: seen.flatMap((s) => s.on), badHrefs: seen.flatMap((s) => s.hrefs).filter((h) => !/^(https?:\/\/|\/[^/\\]|[?#])/i.test(h)),
      badTags: seen.flatMap((s) => s.tags).filter((t) => !ALLOWED_TAGS.includes(t)),
      titles: seen.flatMap((s) => s.titles).every((t) => t === F),
      buttons: seen.flatMap((s) => s.buttons).every((t) => t === F),
      tasks: seen.flatMap((s) => s.tasks).every((t) => t.startsWith(F)),
      bodies: seen.flatMap((s) => s.bodies).every((b) => bodyPayloads.every((p) => b.includes(p))),
    }).toEqual({ ready: true, pwned: [], errors: [], light: [0, 0, 0, 0, 0], on: [], badHrefs: [], badTags: [], titles: true, buttons: true, tasks: true, bodies: true });
    expect(seen.map((s) => s.titles.length)).toEqual([1, 1, 1, 1, 1]);
    await page.context().close();
  });

  it('rejects invalid flow values (unsafe links, non-placeholders, non-ids) and renders nothing', async () => {
    const results = [];
    for (const [i, make] of invalid.entries()) {
      const over = make(P(100 + i)) as { body?: string; title?: string; stepId?: string };
      const { page, errors, pwned, ready } = await load(`/bad${i}/`, flowFor('Hello', 'pro', over), { user: { id: 'u1', traits: { plan: 'pro' } } });
      await page.waitForTimeout(50);
      const rendered = await page.evaluate(() => document.querySelector('guidepost-root')?.shadowRoot?.innerHTML ?? '');
      results.push({ ready, pwned, rendered, errors: errors.length, guidepost: errors.every((e) => e.startsWith('[guidepost] flow.')) });
      await page.context().close();
    }
    expect(results).toEqual(invalid.map(() => ({ ready: false, pwned: [], rendered: '', errors: 1, guidepost: true })));
  });
});
