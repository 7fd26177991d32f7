import { afterEach, describe, expect, it, vi } from 'vitest';
import sample from '../../../../examples/acme/public/onboarding.json';
import { init } from '../../src/index';
import { mergeCursors, sinkKeys, type Cursors } from '../../src/delivery/cursors';

const user = { id: 'u1', role: 'member', name: 'Max' };
afterEach(() => {
  document.body.innerHTML = '';
  vi.restoreAllMocks();
});

describe('sink cursors', () => {
  it('are keyed by the sink, not by its place in the list', () => {
    const fn = () => {};
    expect(sinkKeys([{ url: '/a' }, fn, { url: '/b' }, { url: '/a' }, fn])).toEqual(['url:/a', 'fn', 'url:/b', 'url:/a#1', 'fn#1']);
    const c: Cursors = { 'url:/b': 9 };
    mergeCursors(c, { 'url:/a': 4, 'url:/b': 2, 'url:/gone': 7 }, ['url:/b', 'url:/a']);
    mergeCursors(c, [5, 1], ['url:/b', 'url:/a']); // a record saved by position, before keys
    mergeCursors(c, 'garbage', ['url:/a']);
    expect(c).toEqual({ 'url:/b': 9, 'url:/a': 4 });
  });

  it('a sink that stays after another is removed resends what it never acknowledged', async () => {
    const saved = new Map<string, string>();
    const storage = { load: (k: string) => saved.get(k), save: (k: string, v: string) => void saved.set(k, v) };
    const got: Record<string, number[]> = { '/a': [], '/b': [] };
    let bUp = false;
    vi.spyOn(console, 'error').mockImplementation(() => {});
    vi.spyOn(window, 'fetch').mockImplementation(async (url, req) => {
      const path = new URL(String(url), location.href).pathname;
      if (path === '/b' && !bUp) return new Response('', { status: 503 });
      got[path].push(...JSON.parse(String(req?.body)).events.map((e: { seq: number }) => e.seq));
      return new Response('', { status: 200 });
    });
    const first = init({ flow: structuredClone(sample), user, storage, sink: [{ url: '/a' }, { url: '/b' }] });
    await first.ready;
    await vi.waitFor(() => expect(got['/a'].length).toBe(first.trail().length));
    first.destroy();
    bUp = true;
    const second = init({ flow: structuredClone(sample), user, storage, sink: [{ url: '/b' }] });
    await second.ready;
    await vi.waitFor(() => expect(got['/b']).toEqual(second.trail().map((e) => e.seq)));
    second.destroy();
  });
});

describe('after destroy()', () => {
  it.each([200, 500])('a request still in flight (answered %i) neither records nor saves anything', async (status) => {
    const saved = new Map<string, string>();
    const storage = { load: (k: string) => saved.get(k), save: (k: string, v: string) => void saved.set(k, v) };
    let answer: (r: Response) => void = () => {};
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const fetch = vi.spyOn(window, 'fetch').mockImplementation(() => new Promise((r) => (answer = r)));
    const gp = init({ flow: structuredClone(sample), user, storage, sink: { url: '/collect' } });
    await gp.ready;
    await vi.waitFor(() => expect(fetch).toHaveBeenCalled());
    const events: string[] = [];
    gp.on('*', (e) => events.push(e.type));
    gp.destroy();
    const atDestroy = [...saved.values()];
    answer(new Response('', { status }));
    await new Promise((r) => setTimeout(r, 20));
    expect({ events, saved: [...saved.values()] }).toEqual({ events: [], saved: atDestroy });
  });
});
