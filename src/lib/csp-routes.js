// Which pages may connect to the model hosts, and the Trusted Types policy names: the part of the
// Content-Security-Policy (src/lib/csp.js) that the browser code needs too, so it imports nothing
// from Node.
//
// Invariants:
// - A page's policy is fixed when its document loads (a <meta> policy, or the response header). The
//   pages that never load a model (about, history, the staff summary) get `connect-src 'self'` only:
//   the summary and the history show a patient's words, and nothing on them needs another host.
// - Moving between a page that loads models and one that does not loads a new document (see
//   `needsNewDocument` and the root layout), so each page runs under its own policy.
// - Model files are fetched by the llm and embed workers, which take their policy from their own
//   script's response header (scripts/serve.js), never from the page that started them.

/** Pages that never load a model (their paths, without a trailing slash). */
export const ROUTES_WITHOUT_MODELS = Object.freeze(['/about', '/history', '/summary']);

/** `connect-src` of a page that never loads a model. */
export const CONNECT_WITHOUT_MODELS = Object.freeze(['self']);

/**
 * Trusted Types policies the pages may create (`trusted-types`), each created once:
 * - `answer`: the model answer's HTML, made only by the Markdown renderer (src/lib/ui/trusted-html.ts);
 * - `scriptUrl`: the `default` policy, script URLs only (the app's own workers and service worker,
 *   same origin; Vite's `new Worker(new URL(…))` and `serviceWorker.register` pass plain URLs); it
 *   has no createHTML, so a string assigned to innerHTML anywhere else throws a TypeError;
 * - `svelte`: Svelte 5's own policy for its compiled component templates (svelte/internal reconciler.js).
 */
export const TRUSTED_TYPES_POLICIES = Object.freeze({
	answer: 'answer-html',
	scriptUrl: 'default',
	svelte: 'svelte-trusted-html'
});

/** "/about/" is "/about"; "" is "/". @param {string} pathname */
function normalise(pathname) {
	return pathname.replace(/\/+$/, '') || '/';
}

/**
 * Whether the page at `pathname` may load a model (the chat and settings pages, and the SPA fallback
 * for unknown paths, which is the chat page's shell).
 * @param {string} pathname
 */
export function loadsModels(pathname) {
	return !ROUTES_WITHOUT_MODELS.includes(normalise(pathname));
}

/**
 * Whether going from the document loaded at `documentPath` to `targetPath` needs a new document,
 * because the two pages have different policies.
 * @param {string} documentPath
 * @param {string} targetPath
 */
export function needsNewDocument(documentPath, targetPath) {
	return loadsModels(documentPath) !== loadsModels(targetPath);
}

/**
 * A prerendered page with its route's policy: SvelteKit writes one policy (kit.csp, the one for pages
 * that load models) into every page; for a page that never loads a model, its `connect-src` becomes
 * `CONNECT_WITHOUT_MODELS`. Throws when the page has no policy to narrow, so a build cannot quietly
 * ship a page without one.
 * @param {string} html
 * @param {string} pathname
 */
export function withRoutePolicy(html, pathname) {
	if (loadsModels(pathname)) return html;
	const meta = /(<meta http-equiv="content-security-policy" content="[^"]*?)connect-src [^;"]*/;
	if (!meta.test(html)) throw new Error(`csp: no connect-src in the page policy of ${pathname}`);
	const sources = CONNECT_WITHOUT_MODELS.map((s) => `'${s}'`).join(' ');
	return html.replace(meta, `$1connect-src ${sources}`);
}
