/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
// App-shell service worker: precaches the built app and static files in a cache named by the build
// version, deletes other versions' caches on activate, and serves the shell when offline.
//
// Invariants: only same-origin GETs are answered from here; model weights are never precached (the
// engines keep them in their own caches, downloaded only after the patient agrees); a new version
// waits until the page asks it to take over (see src/lib/pwa/updates.svelte.ts).
import { build, files, prerendered, version } from '$service-worker';

const sw = self as unknown as ServiceWorkerGlobalScope;
const CACHE = `app-shell-${version}`;
const CACHE_PREFIX = 'app-shell-';
/** Large or optional static files that are fetched on demand, not at install. */
const NOT_PRECACHED = /^\/(models|kb)\//;
const SHELL = '/';
/**
 * The SPA fallback page: SvelteKit writes it with absolute asset paths (/_app/…), unlike the
 * prerendered pages' relative ones, so it also draws the app at a nested path (/a/b/c).
 */
const FALLBACK = '/200.html';
/** The deployer's model catalog: small, changes without an app release, needed offline. */
const CATALOG = '/models/catalog.json';
const CATALOG_CACHE = 'model-catalog';
/** The prebuilt knowledge-base index: changes with a content release, needed for an offline start. */
const KB_INDEX = '/kb/index.json';
const KB_CACHE = 'kb-index';
/** Small files fetched network first (a deployment may change them), their last copy when offline. */
const NETWORK_FIRST: Record<string, string> = { [CATALOG]: CATALOG_CACHE, [KB_INDEX]: KB_CACHE };

/**
 * The engines' code (the llm worker's chunks: web-llm, transformers.js, ONNX Runtime's 27 MB wasm)
 * is not precached: most devices use one engine, and the shell must install fast. It is cached the
 * first time the worker loads it (cache first; the files are content-hashed), so an engine that has
 * run once also runs offline.
 */
const ENGINE_CODE = /^\/_app\/immutable\/workers\/|\.wasm$/;
/** The embed worker's entry (the knowledge base's embedding model), cached once that model is ready. */
const EMBED_WORKER = /^\/_app\/immutable\/workers\/embed\.worker-/;
const IMMUTABLE = '/_app/immutable/';

const precache = [
	...build.filter((file) => !ENGINE_CODE.test(file)),
	...files.filter((file) => !NOT_PRECACHED.test(file)),
	...prerendered,
	FALLBACK
];
const precached = new Set(precache);

sw.addEventListener('install', (event) => {
	event.waitUntil(
		Promise.all([
			caches.open(CACHE).then((cache) => cache.addAll(precache)),
			saveCatalog(),
			saveCopy(KB_INDEX, KB_CACHE)
		])
	);
});

sw.addEventListener('activate', (event) => {
	event.waitUntil(
		(async () => {
			for (const key of await caches.keys()) {
				if (key.startsWith(CACHE_PREFIX) && key !== CACHE) await caches.delete(key);
			}
			await sw.clients.claim();
		})()
	);
});

sw.addEventListener('message', (event) => {
	const data: unknown = event.data;
	if (typeof data !== 'object' || data === null || !('type' in data)) return;
	if (data.type === 'SKIP_WAITING') void sw.skipWaiting();
	// A model is ready on this device: keep the engines' code too, so it also runs offline. (The
	// worker may have started before this service worker controlled the page, so its files may not
	// have passed through the fetch handler.) Small next to the model the person agreed to download.
	if (data.type === 'CACHE_ENGINE_CODE') event.waitUntil(cacheEngineCode());
	// The same for the embed worker once the knowledge base's embedding model is ready.
	if (data.type === 'CACHE_EMBED_CODE') event.waitUntil(cacheEngineCode(EMBED_WORKER));
});

sw.addEventListener('fetch', (event) => {
	const request = event.request;
	if (request.method !== 'GET') return;
	const url = new URL(request.url);
	if (url.origin !== sw.location.origin) return;

	if (precached.has(url.pathname)) {
		// Built files are content-hashed and static files versioned with the app: cache first.
		event.respondWith(fromCache(url.pathname).then((hit) => hit ?? fetch(request)));
		return;
	}
	if (url.pathname.startsWith(IMMUTABLE)) {
		// Engine code on first use: from the network once, then from the cache.
		event.respondWith(
			fromCache(url.pathname).then(
				(hit) =>
					hit ??
					fetch(request).then(async (response) => {
						if (response.ok) await (await caches.open(CACHE)).put(url.pathname, response.clone());
						return response;
					})
			)
		);
		return;
	}
	const savedIn = NETWORK_FIRST[url.pathname];
	if (savedIn) {
		// Network first (a mirror or a deployment may change it), the last copy when offline; a
		// missing file (404) is passed on as it is, and forgets any copy.
		const path = url.pathname;
		event.respondWith(
			(async () => {
				const cache = await caches.open(savedIn);
				try {
					const response = await fetch(request);
					if (response.ok) await cache.put(path, response.clone());
					else if (response.status === 404) await cache.delete(path);
					return response;
				} catch (error) {
					const hit = await cache.match(path);
					if (hit) return hit;
					throw error;
				}
			})()
		);
		return;
	}
	if (request.mode === 'navigate') {
		// Network first so a deployment shows at once; the cached shell when offline.
		// "/summary/" is the page "/summary" (the app's addresses have no trailing slash).
		const page = url.pathname.length > 1 ? url.pathname.replace(/\/+$/, '') || '/' : url.pathname;
		event.respondWith(
			fetch(request).catch(async () => {
				// Offline at "/summary/": go to "/summary" (the page's relative asset paths need it).
				if (page !== url.pathname) return Response.redirect(new URL(page + url.search, url).href, 301);
				return (await fromCache(page)) ?? (await fromCache(FALLBACK)) ?? (await shell());
			})
		);
	}
});

/** Keeps a copy of the model catalog (if the deployer has one) for offline starts. Never throws. */
function saveCatalog(): Promise<void> {
	return saveCopy(CATALOG, CATALOG_CACHE);
}

/** Keeps a copy of a network-first file (when the server has it) for offline starts. Never throws. */
async function saveCopy(path: string, cacheName: string): Promise<void> {
	try {
		const response = await fetch(path, { cache: 'no-cache' });
		const cache = await caches.open(cacheName);
		if (response.ok) await cache.put(path, response);
		else if (response.status === 404) await cache.delete(path);
	} catch {
		// Offline: keep whatever copy there is.
	}
}

/**
 * Caches the workers whose entry files match `entries` (default: every worker, so the llm worker)
 * and everything they import. SvelteKit lists only a worker's entry file in
 * `build`; its chunks (the adapters, web-llm, transformers.js) and ONNX Runtime's wasm are found by
 * following the relative references in each file ("./chunks/x.js", "../assets/y.wasm"), staying
 * inside /_app/immutable/. Best effort: a file that cannot be fetched now is fetched next time.
 */
async function cacheEngineCode(entries: RegExp = ENGINE_CODE): Promise<void> {
	await saveCatalog();
	const cache = await caches.open(CACHE);
	const queue = build.filter((path) => entries.test(path)).map((path) => new URL(path, sw.location.href));
	const seen = new Set(queue.map((url) => url.href));
	while (queue.length > 0 && seen.size <= 100) {
		const url = queue.shift();
		if (!url) break;
		try {
			let response = await cache.match(url.pathname);
			if (!response) {
				const fetched = await fetch(url);
				if (!fetched.ok) continue;
				await cache.put(url.pathname, fetched.clone());
				response = fetched;
			}
			if (!url.pathname.endsWith('.js')) continue;
			for (const match of (await response.text()).matchAll(/["'`](\.\.?\/[^"'`]+?\.(?:js|wasm))["'`]/g)) {
				const next = new URL(match[1] ?? '', url);
				if (next.origin !== sw.location.origin || !next.pathname.startsWith(IMMUTABLE)) continue;
				if (seen.has(next.href)) continue;
				seen.add(next.href);
				queue.push(next);
			}
		} catch {
			// Offline or gone: the next ready model asks again.
		}
	}
}

async function fromCache(pathname: string): Promise<Response | undefined> {
	const cache = await caches.open(CACHE);
	return cache.match(pathname);
}

async function shell(): Promise<Response> {
	return (await fromCache(SHELL)) ?? new Response('Offline and not yet cached.', { status: 503 });
}
