/*
 * KubePlay's service worker: makes the playground work offline. The build (vite.config.ts,
 * kubeplay-sw plugin) writes sw.js from this file with the list of every built file and a cache
 * name that changes with them. Installing caches every file; fetches of those files are answered
 * from the cache; page loads try the network first (to pick up a new version) and fall back to
 * the cached page offline. The simulation never needs the network.
 */
const CACHE = '__CACHE__';
const FILES = __FILES__;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(FILES))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('kubeplay-') && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET' || new URL(req.url).origin !== self.location.origin) return;
  if (req.mode === 'navigate') {
    event.respondWith(
      fetch(req)
        .then((res) => {
          if (res.ok) caches.open(CACHE).then((c) => c.put('./', res.clone()));
          return res;
        })
        .catch(() => caches.match('./', { cacheName: CACHE }).then((hit) => hit || caches.match('./index.html', { cacheName: CACHE }))),
    );
    return;
  }
  event.respondWith(caches.match(req, { cacheName: CACHE, ignoreSearch: true }).then((hit) => hit || fetch(req)));
});
