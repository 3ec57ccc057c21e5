// Content-Security-Policy for the built app, shared by svelte.config.js (the <meta> policy SvelteKit
// writes into every page) and scripts/serve.js (the response headers a static host should send).
//
// Invariant: scripts, workers and connections are limited to the app's own origin plus the origins
// the model catalog names; the only relaxation is 'wasm-unsafe-eval', which ONNX Runtime Web and
// web-llm need to compile WebAssembly, and the one hashed style attribute of SvelteKit's announcer.
// Nothing else is relaxed: no 'unsafe-inline', no 'unsafe-eval'.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import catalog from './engine/catalog.default.json' with { type: 'json' };

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

/** Origins of every URL the catalog may fetch from (weights, tokenizers, model libraries, redirects). */
export function catalogOrigins() {
	const urls = [...catalog.redirectHosts];
	for (const model of catalog.models) urls.push(model.base, model.modelLib);
	return [...new Set(urls.map((url) => new URL(url).origin))].sort();
}

/**
 * Directives for SvelteKit's `kit.csp`. SvelteKit adds hashes for its own inline bootstrap script.
 * frame-ancestors is not here: browsers ignore it in a <meta> policy, so it is a header (see serve.js).
 * @returns {Record<string, string[]>}
 */
export function cspDirectives() {
	const models = catalogOrigins();
	return {
		'default-src': ['self'],
		'script-src': ['self', 'wasm-unsafe-eval'],
		'worker-src': ['self'],
		'connect-src': ['self', ...models],
		'img-src': ['self', 'data:', 'blob:'],
		'style-src': ['self'],
		'style-src-attr': ['unsafe-hashes', ...announcerStyleHashes()],
		'font-src': ['self'],
		'manifest-src': ['self'],
		'object-src': ['none'],
		'base-uri': ['self'],
		'form-action': ['self']
	};
}

/**
 * The same policy as one header value, plus the directives only a header can carry.
 * @param {string[]} scriptHashes quoted hashes ('sha256-…') of inline scripts the pages carry
 */
export function cspHeader(scriptHashes = []) {
	const parts = Object.entries(cspDirectives()).map(([name, sources]) => {
		const values = [...sources, ...(name === 'script-src' ? scriptHashes : [])].map((s) =>
			/^(self|none|wasm-unsafe-eval|unsafe-inline|unsafe-eval|unsafe-hashes|strict-dynamic|sha256-.*)$/.test(
				s
			)
				? `'${s}'`
				: s
		);
		return [name, ...values].join(' ');
	});
	parts.push("frame-ancestors 'none'");
	return parts.join('; ');
}
