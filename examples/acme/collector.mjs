// Reference collector for Guidepost trail events.
//
//   POST /collect   { "events": [ … ] }  → 200 { "accepted": N, "duplicates": M }
//   GET  /collect[?user=u_1][&flow=id]   → application/x-ndjson, stored events in arrival order
//
// Idempotent by event `id` (the SDK delivers at least once), durable in `dir/events.ndjson`
// (append-only, reloaded on start), bounded (body size, batch size, per-IP token bucket), and it
// answers every bad request with a 4xx `{ "error": "…" }` instead of crashing.
//
// Standalone: node examples/acme/collector.mjs --port 4318 --dir examples/acme/data
import { createServer } from 'node:http';
import { appendFileSync, existsSync, mkdirSync, readFileSync, truncateSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const FILE = 'events.ndjson';
const ROUTE = '/collect';
const ACCEPTED_TYPES = ['application/json', 'text/plain'];
const CORS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'POST, GET, OPTIONS',
  'Access-Control-Allow-Headers': 'Content-Type',
  // so that a browser on another origin can read when to come back after a 429
  'Access-Control-Expose-Headers': 'Retry-After',
  'Access-Control-Max-Age': '86400',
};

/**
 * @param {{ dir: string, maxBodyBytes?: number, maxEventsPerBatch?: number, ratePerMinute?: number, now?: () => number }} options
 * @returns {{ handle(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse): boolean, events(): object[], close(): void }}
 */
export function createCollector({ dir, maxBodyBytes = 1_000_000, maxEventsPerBatch = 1000, ratePerMinute = 600, now = Date.now }) {
  if (typeof dir !== 'string' || !dir) throw new TypeError('createCollector: `dir` must be a directory path');
  const file = join(resolve(dir), FILE);
  const store = loadStore(file);
  const limiter = createRateLimiter(ratePerMinute, now);
  let closed = false;

  function handle(req, res) {
    const url = new URL(req.url ?? '/', 'http://collector.invalid');
    if (url.pathname !== ROUTE && url.pathname !== ROUTE + '/') return false;
    try {
      route(req, res, url);
    } catch (err) {
      send(res, 500, { error: `collector failed: ${errorMessage(err)}` });
    }
    return true;
  }

  function route(req, res, url) {
    if (closed) return send(res, 503, { error: 'collector is closed' });
    if (req.method === 'OPTIONS') {
      res.writeHead(204, CORS);
      return res.end();
    }
    if (req.method !== 'POST' && req.method !== 'GET' && req.method !== 'HEAD') {
      return send(res, 405, { error: `method ${req.method} not allowed on ${ROUTE}; use POST or GET` }, { Allow: 'POST, GET, OPTIONS' });
    }
    const wait = limiter.take(req.socket.remoteAddress ?? 'unknown');
    if (wait > 0) {
      return send(res, 429, { error: `rate limit of ${ratePerMinute} requests per minute exceeded; retry in ${Math.ceil(wait / 1000)}s` },
        { 'Retry-After': String(Math.ceil(wait / 1000)) });
    }
    if (req.method === 'POST') return receive(req, res);
    return list(req, res, url);
  }

  function list(req, res, url) {
    const user = url.searchParams.get('user');
    const flow = url.searchParams.get('flow');
    const lines = store.entries
      .filter(({ event }) => (!user || event.user === user) && (!flow || event.flow === flow))
      .map(({ line }) => line + '\n');
    res.writeHead(200, { ...CORS, 'Content-Type': 'application/x-ndjson; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end(req.method === 'HEAD' ? undefined : lines.join(''));
  }

  function receive(req, res) {
    const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    if (!ACCEPTED_TYPES.includes(type)) {
      return refuse(req, res, 415, `content type ${type ? `'${type}'` : '(none)'} not supported; send application/json or text/plain`);
    }
    const declared = Number(req.headers['content-length']);
    if (declared > maxBodyBytes) return refuse(req, res, 413, tooLarge(declared));

    const chunks = [];
    let size = 0;
    let done = false;
    const onData = (chunk) => {
      size += chunk.length;
      if (size > maxBodyBytes) {
        done = true;
        req.off('data', onData);
        return refuse(req, res, 413, tooLarge(size));
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.on('error', () => { done = true; });
    req.on('end', () => {
      if (done) return;
      done = true;
      try {
        const [status, body] = ingest(Buffer.concat(chunks).toString('utf8'));
        send(res, status, body);
      } catch (err) {
        send(res, 500, { error: `could not store events: ${errorMessage(err)}` });
      }
    });
  }

  function tooLarge(bytes) {
    return `body of ${bytes} bytes exceeds the limit of ${maxBodyBytes} bytes; send smaller batches`;
  }

  /** @returns {[number, object]} */
  function ingest(text) {
    let body;
    try {
      body = JSON.parse(text);
    } catch (err) {
      return [400, { error: `body is not valid JSON: ${errorMessage(err)}` }];
    }
    if (!body || typeof body !== 'object' || !Array.isArray(body.events)) {
      return [400, { error: 'body must be an object with an "events" array: { "events": [ … ] }' }];
    }
    const { events } = body;
    if (events.length > maxEventsPerBatch) {
      return [413, { error: `batch of ${events.length} events exceeds the limit of ${maxEventsPerBatch}; send smaller batches` }];
    }
    for (let i = 0; i < events.length; i++) {
      const event = events[i];
      if (!event || typeof event !== 'object' || Array.isArray(event)) return [400, { error: `events[${i}] must be an object` }];
      if (typeof event.id !== 'string' || event.id === '') return [400, { error: `events[${i}].id must be a non-empty string` }];
    }
    const fresh = [];
    const batchIds = new Set();
    for (const event of events) {
      if (store.seen.has(event.id) || batchIds.has(event.id)) continue;
      batchIds.add(event.id);
      fresh.push({ event, line: JSON.stringify(event) });
    }
    if (fresh.length > 0) {
      // One write per batch; only after it succeeds do the ids count as seen (a failed write is retried by the SDK).
      appendFileSync(file, fresh.map(({ line }) => line + '\n').join(''));
      for (const entry of fresh) {
        store.seen.add(entry.event.id);
        store.entries.push(entry);
      }
    }
    return [200, { accepted: fresh.length, duplicates: events.length - fresh.length }];
  }

  return {
    handle,
    events: () => store.entries.map(({ event }) => event),
    close() {
      closed = true;
      limiter.clear();
    },
  };
}

/** Reload `file`, dropping a truncated last line (a write cut short by a crash, never acknowledged). */
function loadStore(file) {
  mkdirSync(dirname(file), { recursive: true });
  const entries = [];
  const seen = new Set();
  if (!existsSync(file)) return { entries, seen };
  const text = readFileSync(file, 'utf8');
  const complete = text.lastIndexOf('\n') + 1;
  if (complete < text.length) {
    // Cut the partial line so the next append starts on a fresh line.
    truncateSync(file, Buffer.byteLength(text.slice(0, complete)));
  }
  let skipped = 0;
  for (const line of text.slice(0, complete).split('\n')) {
    if (!line) continue;
    let event;
    try {
      event = JSON.parse(line);
    } catch {
      skipped++;
      continue;
    }
    if (!event || typeof event.id !== 'string' || seen.has(event.id)) continue;
    seen.add(event.id);
    entries.push({ event, line });
  }
  if (skipped > 0) console.warn(`[guidepost collector] ${file}: skipped ${skipped} unreadable line(s)`);
  return { entries, seen };
}

/** Token bucket per client key: `ratePerMinute` tokens, refilled continuously. Returns ms to wait (0 = allowed). */
function createRateLimiter(ratePerMinute, now) {
  const capacity = ratePerMinute;
  const perMs = ratePerMinute / 60_000;
  const buckets = new Map();
  return {
    take(key) {
      const t = now();
      if (buckets.size > 10_000) prune(t);
      const bucket = buckets.get(key) ?? { tokens: capacity, at: t };
      bucket.tokens = Math.min(capacity, bucket.tokens + (t - bucket.at) * perMs);
      bucket.at = t;
      buckets.set(key, bucket);
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return 0;
      }
      return perMs > 0 ? Math.max(1, (1 - bucket.tokens) / perMs) : 60_000;
    },
    clear: () => buckets.clear(),
  };
  function prune(t) {
    for (const [key, bucket] of buckets) {
      if (bucket.tokens + (t - bucket.at) * perMs >= capacity) buckets.delete(key);
    }
  }
}

function send(res, status, body, headers = {}) {
  if (res.headersSent) return;
  res.writeHead(status, { ...CORS, 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', ...headers });
  res.end(JSON.stringify(body));
}

/** Answer without reading the body: stop buffering, drain what is in flight, and close the connection. */
function refuse(req, res, status, error) {
  send(res, status, { error }, { Connection: 'close' });
  req.resume();
  const timer = setTimeout(() => req.socket.destroy(), 2000);
  timer.unref();
  req.on('close', () => clearTimeout(timer));
}

function errorMessage(err) {
  return err instanceof Error ? err.message : String(err);
}

function parseArgs(argv) {
  const args = {};
  for (let i = 0; i < argv.length; i++) {
    if (argv[i].startsWith('--')) args[argv[i].slice(2)] = argv[i + 1];
  }
  return args;
}

function main() {
  const args = parseArgs(process.argv.slice(2));
  const dir = resolve(args.dir ?? join(dirname(fileURLToPath(import.meta.url)), 'data'));
  const host = args.host ?? '127.0.0.1';
  const collector = createCollector({ dir });
  const server = createServer((req, res) => {
    if (!collector.handle(req, res)) send(res, 404, { error: `no route ${req.url}; events go to ${ROUTE}` });
  });
  server.listen(Number(args.port ?? process.env.PORT ?? 4318), host, () => {
    const { port } = server.address();
    console.log(`Guidepost collector: http://${host}:${port}${ROUTE} (data in ${join(dir, FILE)})`);
  });
  const stop = () => {
    collector.close();
    server.close();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) main();
