import { afterEach, beforeEach, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCollector, type CollectorOptions } from '../collector.mjs';

type Running = { url: string; collector: ReturnType<typeof createCollector>; stop(): Promise<void> };

let dir: string;
const running: Running[] = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'guidepost-collector-'));
});

afterEach(async () => {
  await Promise.all(running.splice(0).map((r) => r.stop()));
  rmSync(dir, { recursive: true, force: true });
});

async function start(options: Partial<CollectorOptions> = {}): Promise<Running> {
  const collector = createCollector({ dir, ...options });
  const server: Server = createServer((req, res) => {
    if (!collector.handle(req, res)) {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  const r: Running = {
    url: `http://127.0.0.1:${port}/collect`,
    collector,
    stop: () => {
      collector.close();
      server.closeAllConnections();
      return new Promise<void>((done) => server.close(() => done()));
    },
  };
  running.push(r);
  return r;
}

function event(id: string, user = 'u_1', seq = 1) {
  return { id, seq, at: 1_700_000_000_000 + seq, type: 'step_viewed', flow: 'acme-analytics', user };
}

async function post(url: string, body: unknown, contentType = 'application/json') {
  const res = await fetch(url, { method: 'POST', headers: { 'Content-Type': contentType }, body: JSON.stringify(body) });
  return { status: res.status, body: await res.json() };
}

async function ids(url: string) {
  const res = await fetch(url);
  const text = await res.text();
  return text.split('\n').filter(Boolean).map((line) => JSON.parse(line).id);
}

it('deduplicates events by id across posts and within a batch', async () => {
  const { url, collector } = await start();
  const answers = [
    await post(url, { events: [event('a'), event('b')] }),
    await post(url, { events: [event('b'), event('c'), event('c')] }),
  ];
  expect(answers).toEqual([
    { status: 200, body: { accepted: 2, duplicates: 0 } },
    { status: 200, body: { accepted: 1, duplicates: 2 } },
  ]);
  expect(collector.events().map((e: { id: string }) => e.id)).toEqual(['a', 'b', 'c']);
});

it('accepts text/plain bodies as sendBeacon sends them', async () => {
  const { url } = await start();
  expect(await post(url, { events: [event('a')] }, 'text/plain;charset=UTF-8')).toEqual({ status: 200, body: { accepted: 1, duplicates: 0 } });
});

it('keeps events and seen ids across a restart', async () => {
  const first = await start();
  await post(first.url, { events: [event('a'), event('b')] });
  await first.stop();

  const second = await start();
  const served = await ids(second.url);
  const again = await post(second.url, { events: [event('b'), event('c')] });
  expect({ served, again, stored: await ids(second.url) }).toEqual({
    served: ['a', 'b'],
    again: { status: 200, body: { accepted: 1, duplicates: 1 } },
    stored: ['a', 'b', 'c'],
  });
});

it('drops a truncated last line on reload and appends on a fresh line', async () => {
  const file = join(dir, 'events.ndjson');
  writeFileSync(file, JSON.stringify(event('a')) + '\n' + '{"id":"b","se');
  const { url } = await start();
  await post(url, { events: [event('b')] });
  const lines = readFileSync(file, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line).id);
  expect({ lines, served: await ids(url) }).toEqual({ lines: ['a', 'b'], served: ['a', 'b'] });
});

it('filters stored events by user', async () => {
  const { url } = await start();
  await post(url, { events: [event('a', 'u_1'), event('b', 'u_2'), event('c', 'u_1', 2)] });
  const res = await fetch(`${url}?user=u_1`);
  expect({ type: res.headers.get('content-type'), ids: await ids(`${url}?user=u_1`) }).toEqual({
    type: 'application/x-ndjson; charset=utf-8',
    ids: ['a', 'c'],
  });
});

it('answers bad requests with a 4xx JSON error and keeps serving', async () => {
  const { url } = await start({ maxBodyBytes: 2000, maxEventsPerBatch: 3 });
  const send = async (init: RequestInit) => {
    const res = await fetch(url, init);
    const body = await res.json();
    return { status: res.status, hasError: typeof body.error === 'string' };
  };
  const json = { 'Content-Type': 'application/json' };
  const oversized = JSON.stringify({ events: [event('x'.repeat(3000))] });
  const answers = [
    await send({ method: 'POST', headers: json, body: oversized }),
    await send({
      method: 'POST', headers: json, duplex: 'half',
      body: new ReadableStream({ start(c) { c.enqueue(new TextEncoder().encode(oversized)); c.close(); } }),
    } as RequestInit),
    await send({ method: 'POST', headers: json, body: JSON.stringify({ events: [1, 2, 3, 4].map((n) => event(`e${n}`)) }) }),
    await send({ method: 'POST', headers: json, body: '{"events": [' }),
    await send({ method: 'POST', headers: json, body: JSON.stringify({ items: [] }) }),
    await send({ method: 'POST', headers: json, body: JSON.stringify({ events: [{ seq: 1 }] }) }),
    await send({ method: 'POST', headers: json, body: JSON.stringify({ events: [{ id: 42 }] }) }),
    await send({ method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'events=1' }),
    await send({ method: 'PUT', headers: json, body: JSON.stringify({ events: [] }) }),
    await send({ method: 'DELETE' }),
    await send({ method: 'POST', headers: json, body: JSON.stringify({ events: [event('ok')] }) }),
  ];
  expect(answers.map((a) => [a.status, a.hasError])).toEqual([
    [413, true], [413, true], [413, true],
    [400, true], [400, true], [400, true], [400, true],
    [415, true], [405, true], [405, true],
    [200, false],
  ]);
  expect(await ids(url)).toEqual(['ok']);
});

it('rate limits each client with a token bucket', async () => {
  let now = 0;
  const { url } = await start({ ratePerMinute: 3, now: () => now });
  const statuses: number[] = [];
  for (let i = 0; i < 4; i++) statuses.push((await post(url, { events: [event(`e${i}`)] })).status);
  const limited = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"events":[]}' });
  statuses.push(limited.status);
  const retryAfter = limited.headers.get('retry-after');
  await limited.json();
  now += 20_000; // one token back at 3 per minute
  statuses.push((await post(url, { events: [event('e9')] })).status);
  expect({ statuses, retryAfter }).toEqual({ statuses: [200, 200, 200, 429, 429, 200], retryAfter: '20' });
});

it('answers a CORS preflight with 204 and allows any origin', async () => {
  const { url } = await start();
  const res = await fetch(url, {
    method: 'OPTIONS',
    headers: { Origin: 'https://app.example', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type' },
  });
  const get = await fetch(url, { headers: { Origin: 'https://app.example' } });
  await get.text();
  expect({
    status: res.status,
    origin: res.headers.get('access-control-allow-origin'),
    methods: res.headers.get('access-control-allow-methods'),
    headers: res.headers.get('access-control-allow-headers'),
    getOrigin: get.headers.get('access-control-allow-origin'),
  }).toEqual({ status: 204, origin: '*', methods: 'POST, GET, OPTIONS', headers: 'Content-Type', getOrigin: '*' });
});

it('leaves other routes to the host server', async () => {
  const { url } = await start();
  const res = await fetch(url.replace('/collect', '/collector'));
  expect(res.status).toBe(404);
});
