// Content-Security-Policy for the built app, shared by svelte.config.js (the <meta> policy SvelteKit
// writes into every page) and scripts/serve.js (the response headers a static host should send).
//
// Invariant: scripts, workers and connections are limited to the app's own origin plus the origins
// the model catalogs name (src/lib/engine/catalog.default.json and, when a deployer provides one at
// build time, static/models/catalog.json); the only relaxation is 'wasm-unsafe-eval', which ONNX Runtime Web and
// web-llm need to compile WebAssembly, and the one hashed style attribute of SvelteKit's announcer.
// Nothing else is relaxed: no 'unsafe-inline', no 'unsafe-eval'.
//
// Pages (documents) also get: `base-uri 'none'`, `form-action 'none'` (no form is ever submitted: every
// form is handled in script), and Trusted Types (`require-trusted-types-for 'script'` with the few
// named policies of src/lib/csp-routes.js), so no string reaches innerHTML or a script URL unless one
// of those policies made it. The pages that never load a model connect to 'self' only (per route,
// src/lib/csp-routes.js). Workers (any response that is not a page) get the same policy with the
// model hosts and without Trusted Types: they load the models, and have no DOM.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import catalog from './engine/catalog.default.json' with { type: 'json' };
import { CONNECT_WITHOUT_MODELS, TRUSTED_TYPES_POLICIES, loadsModels } from './csp-routes.js';

/**
 * The deployer's catalog (static/models/catalog.json, served at /models/catalog.json), read at build
 * time when it exists, so a self-hosted mirror's hosts are allowed too. A file that is not valid JSON
 * is left out with a warning: the app then ignores it at run time as well (src/lib/engine/catalog.ts).
 * @returns {unknown}
 */
export function readMirrorCatalog(file = new URL('../../static/models/catalog.json', import.meta.url)) {
	if (!existsSync(file)) return null;
	try {
		return JSON.parse(readFileSync(file, 'utf8'));
	} catch (error) {
		console.warn(`csp: ignoring ${file.pathname}: ${error instanceof Error ? error.message : error}`);
		return null;
	}
}

/**
 * SvelteKit's route announcer (a visually hidden live region in its generated root component)
 * carries a fixed inline style attribute. Rather than allow inline styles, the policy allows exactly
 * that one attribute value by hash ('unsafe-hashes' + its sha256). Read from Kit's source so an
 * upgrade that changes the string keeps working; the e2e console-error check catches any miss.
 */
function announcerStyleHashes() {
	const source = readFileSync(
		new URL('../../node_modules/@sveltejs/kit/src/core/sync/write_root.js', import.meta.url),
		'utf8'
	);
	const style = source.match(/id="svelte-announcer"[^>]*style="([^"]+)"/)?.[1];
	if (!style) return [];
	return [`sha256-${createHash('sha256').update(style).digest('base64')}`];
}

/**
 * Origins of every URL the catalogs may fetch from (weights, tokenizers, model libraries, redirects):
 * the default catalog (unless the mirror says "keepDefaults": false) plus the deployer's mirror catalog. Relative URLs (the app's own origin, already
 * 'self') and entries without a model library (ONNX) add nothing; malformed values are skipped.
 * @param {unknown} mirror the parsed mirror catalog, or null
 */
export function catalogOrigins(mirror = readMirrorCatalog()) {
	/** @type {unknown[]} */
	const urls = [];
	// A mirror with "keepDefaults": false replaces the default catalog: its public hosts are not allowed.
	const replacesDefaults =
		typeof mirror === 'object' &&
		mirror !== null &&
		'keepDefaults' in mirror &&
		mirror.keepDefaults === false;
	for (const source of replacesDefaults ? [mirror] : [catalog, mirror]) {
		if (typeof source !== 'object' || source === null) continue;
		if ('redirectHosts' in source && Array.isArray(source.redirectHosts)) urls.push(...source.redirectHosts);
		// The knowledge base's embedding model (src/lib/retrieval/embed.ts) may live on its own host.
		const embedding = 'embedding' in source ? source.embedding : null;
		if (typeof embedding === 'object' && embedding !== null && 'base' in embedding) urls.push(embedding.base);
		if (!('models' in source) || !Array.isArray(source.models)) continue;
		for (const model of source.models) {
			if (typeof model !== 'object' || model === null) continue;
			if ('base' in model) urls.push(model.base);
			if ('modelLib' in model) urls.push(model.modelLib);
		}
	}
	const origins = new Set();
	for (const url of urls) {
		const origin = absoluteOrigin(url);
		if (origin) origins.add(origin);
	}
	return [...origins].sort();
}

/** @param {unknown} url @returns {string | null} the origin of an absolute http(s) URL, else null */
function absoluteOrigin(url) {
	if (typeof url !== 'string' || !/^https?:\/\//i.test(url)) return null;
	try {
		return new URL(url).origin;
	} catch {
		return null;
	}
}

/**
 * Directives of a page's policy. `kit.csp` (svelte.config.js) gets the one for pages that load
 * models; SvelteKit adds hashes for its own inline bootstrap script, and src/hooks.server.ts narrows
 * `connect-src` on the pages that do not (src/lib/csp-routes.js).
 * frame-ancestors is not here: browsers ignore it in a <meta> policy, so it is a header (see serve.js).
 * @param {{ models?: boolean, document?: boolean }} [options] `models`: the page may load a model
 *   (default true); `document`: a page, with Trusted Types (default true), or a worker's script (false)
 * @returns {Record<string, string[]>}
 */
export function cspDirectives({ models = true, document = true } = {}) {
	const connect = models ? ['self', ...catalogOrigins()] : [...CONNECT_WITHOUT_MODELS];
	return {
		'default-src': ['self'],
		'script-src': ['self', 'wasm-unsafe-eval'],
		'worker-src': ['self'],
		'connect-src': connect,
		'img-src': ['self', 'data:', 'blob:'],
		'style-src': ['self'],
		'style-src-attr': ['unsafe-hashes', ...announcerStyleHashes()],
		'font-src': ['self'],
		'manifest-src': ['self'],
		'object-src': ['none'],
		'base-uri': ['none'],
		'form-action': ['none'],
		...(document
			? {
					'require-trusted-types-for': ['script'],
					'trusted-types': Object.values(TRUSTED_TYPES_POLICIES)
				}
			: {})
	};
}

/** The policy a page at `pathname` gets (see src/lib/csp-routes.js). @param {string} pathname */
export function routeDirectives(pathname) {
	return cspDirectives({ models: loadsModels(pathname) });
}

const KEYWORD =
	/^(self|none|script|wasm-unsafe-eval|unsafe-inline|unsafe-eval|unsafe-hashes|strict-dynamic|sha256-.*)$/;

/**
 * A policy as one header value, plus the directives only a header can carry.
 * @param {string[]} scriptHashes quoted hashes ('sha256-…') of inline scripts the pages carry
 * @param {Record<string, string[]>} directives default: the policy of a page that loads models
 */
export function cspHeader(scriptHashes = [], directives = cspDirectives()) {
	const parts = Object.entries(directives).map(([name, sources]) => {
		const values = [...sources, ...(name === 'script-src' ? scriptHashes : [])].map((s) =>
			// Policy names in trusted-types are bare words, never quoted.
			name !== 'trusted-types' && KEYWORD.test(s) ? `'${s}'` : s
		);
		return [name, ...values].join(' ');
	});
	parts.push("frame-ancestors 'none'");
	return parts.join('; ');
}
