/**
 * A tiny static file server for the end-to-end tests: serves dist/ under a sub-path (default
 * /kubeplay/) on 127.0.0.1 and a random port, to prove the build works from any static host
 * with relative asset paths. Anything outside the sub-path is a 404.
 */
import { createServer, type Server } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
};

export interface StaticServer {
  url: string;
  close(): Promise<void>;
}

export async function serveDist(root: string, base = '/kubeplay/'): Promise<StaticServer> {
  const server: Server = createServer((req, res) => {
    void (async () => {
      const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
      if (!path.startsWith(base)) {
        res.writeHead(404).end('not found');
        return;
      }
      let rel = normalize(path.slice(base.length));
      if (rel.startsWith('..') || rel.includes(`${sep}..`)) {
        res.writeHead(403).end('forbidden');
        return;
      }
      if (rel === '.' || rel === '' || rel.endsWith(sep)) rel = join(rel, 'index.html');
      const file = join(root, rel);
      try {
        const st = await stat(file);
        if (!st.isFile()) throw new Error('not a file');
        const body = await readFile(file);
        res.writeHead(200, {
          'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
          'cache-control': 'no-store',
        });
        res.end(body);
      } catch {
        res.writeHead(404).end('not found');
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const addr = server.address();
  if (!addr || typeof addr === 'string') throw new Error('static server has no port');
  return {
    url: `http://127.0.0.1:${addr.port}${base}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
