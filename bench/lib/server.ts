/**
 * A tiny static server for the browser figures, like adapter-static's host: the built app with
 * its SPA fallback (200.html), and under /__bench/ the bench's own pages and duckdb-wasm's files
 * from node_modules, on the same origin. No compression and no cache headers, as a plain host.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.csv': 'text/csv',
  '.png': 'image/png',
  '.map': 'application/json',
  '.txt': 'text/plain'
};

const DUCKDB_DIST = fileURLToPath(new URL('../../node_modules/@duckdb/duckdb-wasm/dist/', import.meta.url));

/** A file under `root` for a URL path, never outside it. */
function inside(root: string, path: string): string | undefined {
  const file = normalize(join(root, decodeURIComponent(path)));
  if (!file.startsWith(root)) return undefined;
  return existsSync(file) && statSync(file).isFile() ? file : undefined;
}

export interface Served {
  url: string;
  close(): Promise<void>;
}

export function serve(appBuild: string, benchPages: string, port: number): Promise<Served> {
  const server: Server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    let file: string | undefined;
    if (path.startsWith('/__bench/duckdb/')) file = inside(DUCKDB_DIST, path.slice('/__bench/duckdb/'.length));
    else if (path.startsWith('/__bench/')) file = inside(benchPages, path.slice('/__bench/'.length));
    else file = inside(appBuild, path === '/' ? 'index.html' : path) ?? inside(appBuild, `${path}.html`) ?? inside(appBuild, '200.html');
    if (!file) {
      response.writeHead(404).end('not found');
      return;
    }
    response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'content-length': statSync(file).size });
    createReadStream(file).pipe(response);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () =>
      resolve({
        url: `http://127.0.0.1:${port}`,
        close: () => new Promise((done) => server.close(() => done()))
      })
    );
  });
}
