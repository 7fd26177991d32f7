// A static server on 127.0.0.1 for the benchmark: generated host pages and the libraries' files.
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { hostHtml } from './host.mjs';

const TYPES = { js: 'text/javascript', mjs: 'text/javascript', css: 'text/css', html: 'text/html' };

/**
 * Serves `/host/<size>.html` and `/lib/<name>` for every file in `files` ({ name: absolutePath }
 * or { name: { body } }). Resolves to { url, close }.
 */
export async function serveBench(files) {
  const pages = new Map();
  const cache = new Map(); // each file read once: a rebuild during a run cannot mix two builds
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    let body;
    const host = /^\/host\/(\d+)\.html$/.exec(path);
    if (host) {
      const size = Number(host[1]);
      if (!pages.has(size)) pages.set(size, hostHtml(size));
      body = pages.get(size);
    } else if (path.startsWith('/lib/') && files[path.slice(5)]) {
      const f = files[path.slice(5)];
      if (!cache.has(path)) cache.set(path, typeof f === 'string' ? readFileSync(f) : f.body);
      body = cache.get(path);
    }
    if (path === '/favicon.ico') return res.writeHead(204).end();
    if (body === undefined) return res.writeHead(404).end('not found');
    const ext = path.split('.').pop();
    res.writeHead(200, { 'content-type': `${TYPES[ext] ?? 'application/octet-stream'}; charset=utf-8`, 'cache-control': 'no-store' }).end(body);
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const url = `http://127.0.0.1:${server.address().port}`;
  return { url, close: () => new Promise((ok) => server.close(() => ok())) };
}
