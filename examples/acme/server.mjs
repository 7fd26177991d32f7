// Acme Analytics demo server: static app + SPA fallback, the Guidepost bundle from dist/, the
// sample flow, and the reference collector at /collect. Every HTML response carries
// `Content-Security-Policy: default-src 'self'`: the SDK has to work under it.
//
//   node examples/acme/server.mjs [--port 5173] [--host 127.0.0.1]     (PORT env works too)
import { createServer } from 'node:http';
import { createReadStream, statSync } from 'node:fs';
import { extname, join, normalize, relative, resolve, sep, dirname, isAbsolute } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createCollector } from './collector.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const REPO_ROOT = resolve(HERE, '..', '..');
const CSP = "default-src 'self'";
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
};

/**
 * @param {{ port?: number, host?: string, root?: string, publicDir?: string, dataDir?: string, flow?: string, collector?: object }} [options]
 *   root: the repository root (dist bundles are read from root/packages/guidepost/dist);
 *   publicDir: the static app (default examples/acme/public); dataDir: collector storage
 *   (default examples/acme/data); flow: file served at /onboarding.json (default publicDir/onboarding.json).
 * @returns {Promise<{ url: string, port: number, close(): Promise<void> }>}
 */
export async function startServer({
  port = 5173,
  host = '127.0.0.1',
  root = REPO_ROOT,
  publicDir = join(HERE, 'public'),
  dataDir = join(HERE, 'data'),
  flow,
  collector: collectorOptions,
} = {}) {
  const dist = join(resolve(root), 'packages', 'guidepost', 'dist');
  const pub = resolve(publicDir);
  const bundles = {
    '/guidepost.js': join(dist, 'guidepost.js'),
    '/guidepost.js.map': join(dist, 'guidepost.js.map'),
    '/guidepost-snippet.js': join(dist, 'snippet.js'),
    '/snippet.js.map': join(dist, 'snippet.js.map'),
  };
  const flowFile = resolve(flow ?? join(pub, 'onboarding.json'));
  const collector = createCollector({ ...collectorOptions, dir: dataDir });

  const server = createServer((req, res) => {
    try {
      if (collector.handle(req, res)) return;
      serve(req, res);
    } catch (err) {
      if (!res.headersSent) text(res, 500, `Internal error: ${err instanceof Error ? err.message : String(err)}`);
      else res.destroy();
    }
  });

  function serve(req, res) {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return text(res, 405, `Method ${req.method} not allowed`, { Allow: 'GET, HEAD' });
    }
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://demo.invalid').pathname);
    } catch {
      return text(res, 400, 'Bad request path');
    }
    if (pathname.includes('\0')) return text(res, 400, 'Bad request path');

    if (pathname in bundles) {
      const file = bundles[pathname];
      if (!isFile(file)) {
        if (pathname.endsWith('.map')) return text(res, 404, 'Not found');
        return text(res, 503, `Guidepost bundle missing: ${relative(REPO_ROOT, file) || file} does not exist. Run pnpm build first.`);
      }
      return sendFile(req, res, file);
    }
    if (pathname === '/onboarding.json') return sendFile(req, res, flowFile);

    const file = normalize(join(pub, pathname));
    if (file !== pub && !file.startsWith(pub + sep)) return text(res, 403, 'Forbidden');
    if (isFile(file)) return sendFile(req, res, file);
    if (pathname.endsWith('/') && isFile(join(file, 'index.html'))) return sendFile(req, res, join(file, 'index.html'));
    // SPA fallback: extension-less paths are app routes (/dashboards/q3 survives a reload).
    if (!extname(pathname)) return sendFile(req, res, join(pub, 'index.html'));
    return text(res, 404, `Not found: ${pathname}`);
  }

  const actualPort = await listen(server, port, host);
  return {
    url: `http://localhost:${actualPort}/`,
    port: actualPort,
    close() {
      collector.close();
      server.closeAllConnections();
      return new Promise((done) => server.close(() => done()));
    },
  };
}

function isFile(file) {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

function sendFile(req, res, file) {
  const type = TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
  const headers = {
    'Content-Type': type,
    'Content-Length': statSync(file).size,
    'Cache-Control': 'no-cache',
    'X-Content-Type-Options': 'nosniff',
  };
  if (type.startsWith('text/html')) headers['Content-Security-Policy'] = CSP;
  res.writeHead(200, headers);
  if (req.method === 'HEAD') return res.end();
  const stream = createReadStream(file);
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}

function text(res, status, message, headers = {}) {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', ...headers });
  res.end(message + '\n');
}

/** Listen on `port`; when it is taken, try the next few, then any free port. */
function listen(server, port, host) {
  const candidates = port === 0 ? [0] : [port, port + 1, port + 2, port + 3, port + 4, 0];
  return new Promise((done, fail) => {
    const attempt = (i) => {
      const onError = (err) => {
        server.off('listening', onListening);
        if (err.code === 'EADDRINUSE' && i + 1 < candidates.length) attempt(i + 1);
        else fail(err);
      };
      const onListening = () => {
        server.off('error', onError);
        done(server.address().port);
      };
      server.once('error', onError);
      server.once('listening', onListening);
      server.listen(candidates[i], host);
    };
    attempt(0);
  });
}

function parseArgs(argv) {
  const args = {};
  for (let i = 0; i < argv.length; i++) {
    if (argv[i].startsWith('--')) args[argv[i].slice(2)] = argv[i + 1];
  }
  return args;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const port = Number(args.port ?? process.env.PORT ?? 5173);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`Invalid port: ${args.port ?? process.env.PORT}`);
    process.exit(1);
  }
  const flow = args.flow && !isAbsolute(args.flow) ? resolve(args.flow) : args.flow;
  const server = await startServer({ port, host: args.host, flow });
  console.log(`Acme Analytics demo: ${server.url}`);
  if (!isFile(join(REPO_ROOT, 'packages', 'guidepost', 'dist', 'guidepost.js'))) {
    console.log('Note: packages/guidepost/dist/guidepost.js is missing; run pnpm build first.');
  }
  const stop = () => server.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
