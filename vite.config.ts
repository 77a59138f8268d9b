import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * The Content-Security-Policy of the built page (not of the dev server, whose React refresh
 * preamble is an inline script). No 'unsafe-eval'; inline styles are allowed because xterm and
 * Monaco inject <style> elements.
 */
export const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "worker-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
].join('; ');

function contentSecurityPolicy(): Plugin {
  return {
    name: 'kubeplay-csp',
    apply: 'build',
    transformIndexHtml: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CSP }, injectTo: 'head-prepend' }],
  };
}

/** Every file under a directory, as paths relative to `root` with forward slashes. */
function filesUnder(dir: string, root = dir): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...filesUnder(path, root));
    else out.push(relative(root, path).split(sep).join('/'));
  }
  return out;
}

/**
 * The service worker of the built app (offline use, PWA): after the build, writes dist/sw.js
 * from public/sw-template.js with the list of every built file to cache and a cache name that
 * is a hash of that list (file names carry content hashes, so a new build gets a new cache).
 */
function serviceWorker(): Plugin {
  let outDir = 'dist';
  return {
    name: 'kubeplay-sw',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir;
    },
    closeBundle() {
      const template = join(outDir, 'sw-template.js');
      const source = readFileSync(template, 'utf8');
      rmSync(template);
      const files = filesUnder(outDir)
        .filter((f) => f !== 'sw.js')
        .sort()
        .map((f) => (f === 'index.html' ? './' : `./${f}`));
      const cache = `kubeplay-${createHash('sha256').update(files.join('\n')).digest('hex').slice(0, 12)}`;
      writeFileSync(join(outDir, 'sw.js'), source.replace("'__CACHE__'", JSON.stringify(cache)).replace('__FILES__', JSON.stringify(files, null, 1)));
    },
  };
}

// `base: './'` keeps every asset URL relative, so dist/ works from any static host and from a
// sub-path such as /kubeplay/.
export default defineConfig({
  base: './',
  plugins: [react(), contentSecurityPolicy(), serviceWorker()],
  worker: { format: 'es' },
  build: { target: 'es2022', sourcemap: false },
});
