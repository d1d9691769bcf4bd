import { createHash } from 'node:crypto';
import { defineConfig, type Plugin } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

/**
 * Only the page's own origin, in the built page (dev needs the HMR socket).
 * Workers and downloads use same-origin files and blob: URLs.
 */
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
].join('; ');

function contentSecurityPolicy(): Plugin {
  return {
    name: 'cs-csp',
    apply: 'build',
    transformIndexHtml: (html) => html.replace('<head>', `<head>\n    <meta http-equiv="Content-Security-Policy" content="${CSP}" />`),
  };
}

/**
 * Offline after the first visit: a service worker that precaches every file of
 * the build (list and version written at build time). Hand-written rather than
 * vite-plugin-pwa, whose workbox/rollup chain cannot be locked for `npm ci` here.
 */
function offline(): Plugin {
  return {
    name: 'cs-offline',
    apply: 'build',
    generateBundle(_options, bundle) {
      const files = ['./', ...Object.keys(bundle).map((f) => `./${f}`), './favicon.svg'].filter((f) => !f.endsWith('.map'));
      const version = createHash('sha256').update(files.join('\n')).update(String(Object.values(bundle).map((c) => ('code' in c ? c.code.length : 0)))).digest('hex').slice(0, 12);
      this.emitFile({ type: 'asset', fileName: 'sw.js', source: serviceWorker(version, files) });
    },
  };
}

function serviceWorker(version: string, files: string[]): string {
  return `// Generated at build time: precache the app so it works offline.
const CACHE = 'cs-scorecard-${version}';
const FILES = ${JSON.stringify(files)};
self.addEventListener('install', (e) => {
  e.waitUntil(caches.open(CACHE).then((c) => c.addAll(FILES)).then(() => self.skipWaiting()));
});
self.addEventListener('activate', (e) => {
  e.waitUntil(caches.keys().then((keys) => Promise.all(keys.filter((k) => k.startsWith('cs-scorecard-') && k !== CACHE).map((k) => caches.delete(k)))).then(() => self.clients.claim()));
});
self.addEventListener('fetch', (e) => {
  const req = e.request;
  if (req.method !== 'GET' || new URL(req.url).origin !== self.location.origin) return;
  e.respondWith(
    caches.open(CACHE).then(async (cache) => {
      // ignoreVary: servers that answer with "Vary: Origin" (vite preview, many CDNs) would otherwise never
      // match the module scripts, which are fetched with an Origin header and were precached without one.
      const hit = await cache.match(req, { ignoreSearch: true, ignoreVary: true });
      if (hit) return hit;
      try {
        return await fetch(req);
      } catch (err) {
        if (req.mode === 'navigate') return (await cache.match('./')) || Response.error();
        throw err;
      }
    }),
  );
});
`;
}

// base './' keeps every asset URL relative, so dist/ works from any path.
export default defineConfig({
  base: './',
  plugins: [svelte(), contentSecurityPolicy(), offline()],
  worker: { format: 'es' },
  build: { target: 'es2022', sourcemap: false },
});
