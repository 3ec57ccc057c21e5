// Content-Security-Policy for the built app, shared by svelte.config.js (the <meta> policy SvelteKit
// writes into every page) and scripts/serve.js (the response headers a static host should send).
//
// Invariant: scripts, workers and connections are limited to the app's own origin plus the origins
// the model catalog names; the only relaxation is 'wasm-unsafe-eval', which ONNX Runtime Web and
// web-llm need to compile WebAssembly. Nothing else is relaxed: no 'unsafe-inline', no 'unsafe-eval'.
import catalog from './engine/catalog.default.json' with { type: 'json' };

/** Origins of every URL the catalog may fetch from (weights, tokenizers, model libraries, redirects). */
export function catalogOrigins() {
	const urls = [...catalog.redirectHosts];
	for (const model of catalog.models) urls.push(model.base, model.modelLib);
	return [...new Set(urls.map((url) => new URL(url).origin))].sort();
}

/**
 * Directives for SvelteKit's `kit.csp`. SvelteKit adds hashes for its own inline bootstrap script.
 * frame-ancestors is not here: browsers ignore it in a <meta> policy, so it is a header (see serve.js).
 * @returns {import('@sveltejs/kit').CspDirectives}
 */
export function cspDirectives() {
	const models = /** @type {import('@sveltejs/kit').Csp.Source[]} */ (catalogOrigins());
	return {
		'default-src': ['self'],
		'script-src': ['self', 'wasm-unsafe-eval'],
		'worker-src': ['self'],
		'connect-src': ['self', ...models],
		'img-src': ['self', 'data:', 'blob:'],
		'style-src': ['self'],
		'font-src': ['self'],
		'manifest-src': ['self'],
		'object-src': ['none'],
		'base-uri': ['self'],
		'form-action': ['self']
	};
}

/** The same policy as one header value, plus the directives only a header can carry. */
export function cspHeader() {
	const parts = Object.entries(cspDirectives()).map(([name, sources]) => {
		const values = (sources ?? []).map((s) =>
			/^(self|none|wasm-unsafe-eval|unsafe-inline|unsafe-eval|strict-dynamic)$/.test(s) ? `'${s}'` : s
		);
		return [name, ...values].join(' ');
	});
	parts.push("frame-ancestors 'none'");
	return parts.join('; ');
}
