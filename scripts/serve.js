// Serves the production build (build/) the way a static host should: the SPA fallback for unknown
// paths, a redirect from "/x/" to "/x", long-lived caching for content-hashed files, no caching for the service worker and HTML,
// and the security headers documented in the README (the same CSP as the pages' <meta> policy,
// plus the directives only a header can carry).
//
// Model files live under /models/ (a deployer's mirror: static/models/ in the build, or any folder
// given with --models). Unknown paths under /models/ are a plain 404, never the SPA page, so a
// missing catalog or model file is reported as missing.
//
// Usage: node scripts/serve.js [--port 4173] [--dir build] [--models DIR] [--fixtures]
//   --models DIR  serve DIR at /models/ (a local model mirror with its own catalog.json)
//   --fixtures    serve the generated test models (tests/fixtures/models/) at /models/fixtures/ and
//                 their catalog at /models/catalog.json, as the end-to-end tests do, and the knowledge-base
//                 index embedded with the test embedding model (tests/fixtures/kb/index.json, written by
//                 `npm run kb:fixture`) at /kb/index.json in place of the app's own
//   --throttle N  send those test model files at N bytes per second (a slow network, so tests can
//                 watch, cancel and resume a download)
import { createServer } from 'node:http';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import sirv from 'sirv';
import { cspDirectives, cspHeader, routeDirectives } from '../src/lib/csp.js';

/**
 * Headers every response gets (the README documents them for other static hosts). The CSP is the
 * page's own policy (per route: src/lib/csp-routes.js) plus what only a header can carry
 * (frame-ancestors); every other file gets the workers' policy (the model hosts, no Trusted Types),
 * because workers take their policy only from their own script's response header.
 * @param {string[]} scriptHashes hashes of SvelteKit's inline bootstrap scripts (see inlineScriptHashes)
 * @param {string | null} page the route of the page this response is (e.g. "/about"), or null for
 *   any other file
 */
export function securityHeaders(scriptHashes = [], page = null) {
	const directives = page === null ? cspDirectives({ document: false }) : routeDirectives(page);
	return {
		'Content-Security-Policy': cspHeader(scriptHashes, directives),
		'X-Content-Type-Options': 'nosniff',
		'Referrer-Policy': 'no-referrer',
		'Cross-Origin-Opener-Policy': 'same-origin',
		'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), interest-cohort=()'
	};
}

/**
 * The route a request is for when it gets a page ("/about" and "/about.html" → "/about"; "/" and
 * "/index.html" → "/"; an unknown path such as "/a/b" gets the SPA fallback, a page that loads
 * models), or null when it is for another file (a name with an extension: scripts, workers, JSON).
 * @param {string} pathname the request's path
 */
export function pageRoute(pathname) {
	if (pathname.endsWith('.html')) return pathname.replace(/(?:\/index)?\.html$/, '') || '/';
	return /\.[^/]*$/.test(pathname) ? null : pathname;
}

/** The script hashes SvelteKit wrote into the <meta> policies of the built pages. */
export function inlineScriptHashes(/** @type {string} */ dir) {
	const hashes = new Set();
	for (const file of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
		if (!file.endsWith('.html')) continue;
		const html = readFileSync(join(dir, file), 'utf8');
		for (const match of html.matchAll(/'(sha256-[A-Za-z0-9+/=]+)'/g)) hashes.add(`'${match[1]}'`);
		for (const match of html.matchAll(/&#39;(sha256-[A-Za-z0-9+/=]+)&#39;/g)) hashes.add(`'${match[1]}'`);
	}
	return [...hashes].sort();
}

export const FIXTURE_MODELS = 'tests/fixtures/models';
export const FIXTURE_KB_INDEX = 'tests/fixtures/kb/index.json';

/**
 * A file sent slowly, in 64 KiB chunks at `rate` bytes per second, with single-range support
 * (transformers.js probes files with `Range: bytes=0-0`). For tests of slow downloads only.
 * @param {string} root
 * @param {number} rate
 * @param {(res: import('node:http').ServerResponse) => void} setHeaders
 * @returns {import('sirv').RequestHandler}
 */
function throttledFiles(root, rate, setHeaders) {
	return (req, res, next) => {
		const path = join(root, decodeURIComponent((req.url ?? '/').split('?')[0] ?? '/'));
		if (!path.startsWith(root) || !existsSync(path) || !statSync(path).isFile()) return next?.();
		const data = readFileSync(path);
		setHeaders(res);
		res.setHeader('Accept-Ranges', 'bytes');
		res.setHeader('Content-Type', path.endsWith('.json') ? 'application/json' : 'application/octet-stream');
		let start = 0;
		let end = data.length - 1;
		const range = /^bytes=(\d*)-(\d*)$/.exec(req.headers.range ?? '');
		if (range) {
			start = range[1] ? Number(range[1]) : Math.max(0, data.length - Number(range[2]));
			end = range[1] && range[2] ? Math.min(Number(range[2]), end) : end;
			res.statusCode = 206;
			res.setHeader('Content-Range', `bytes ${start}-${end}/${data.length}`);
		}
		const body = data.subarray(start, end + 1);
		res.setHeader('Content-Length', body.length);
		if (req.method === 'HEAD') return res.end();
		const chunk = 64 * 1024;
		let offset = 0;
		const send = () => {
			if (res.destroyed) return;
			const piece = body.subarray(offset, offset + chunk);
			offset += piece.length;
			if (offset >= body.length) return res.end(piece);
			res.write(piece);
			setTimeout(send, (piece.length / rate) * 1000);
		};
		send();
	};
}

/**
 * @param {{ port?: number, dir?: string, host?: string, models?: string, fixtures?: boolean, throttle?: number }} options
 * @returns {Promise<import('node:http').Server>}
 */
export function serve({
	port = 4173,
	dir = 'build',
	host = '127.0.0.1',
	models,
	fixtures = false,
	throttle
} = {}) {
	if (!existsSync(dir)) throw new Error(`No build found in ${dir}/: run "npm run build" first.`);
	const hashes = inlineScriptHashes(dir);
	/** Headers of every file that is not a page (workers, scripts, models, redirects, 404s). */
	const headers = Object.entries(securityHeaders(hashes));
	/** @type {Map<string, Array<[string, string]>>} */
	const pageHeaders = new Map();
	const headersOf = (/** @type {string} */ pathname) => {
		const route = pageRoute(pathname);
		if (route === null) return headers;
		let found = pageHeaders.get(route);
		if (!found) pageHeaders.set(route, (found = Object.entries(securityHeaders(hashes, route))));
		return found;
	};
	/** @type {import('sirv').Options} */
	const options = {
		etag: true,
		gzip: false,
		setHeaders(res, pathname) {
			for (const [name, value] of headersOf(pathname)) res.setHeader(name, value);
			if (pathname.startsWith('/_app/immutable/')) {
				res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
			} else {
				// HTML, the service worker and version.json must be revalidated so updates are seen.
				res.setHeader('Cache-Control', 'no-cache');
			}
			if (pathname.endsWith('.webmanifest')) res.setHeader('Content-Type', 'application/manifest+json');
		}
	};
	const files = sirv(dir, { ...options, single: '200.html' });
	const plainFiles = sirv(dir, options);
	/** @type {Array<[string, import('sirv').RequestHandler]>} */
	const mounts = [];
	const modelHeaders = (/** @type {import('node:http').ServerResponse} */ res) => {
		for (const [name, value] of headers) res.setHeader(name, value);
		res.setHeader('Cache-Control', 'no-cache');
	};
	if (fixtures) {
		if (!existsSync(join(FIXTURE_MODELS, 'catalog.json'))) {
			throw new Error(`No test models in ${FIXTURE_MODELS}/: run "npm run fixtures:models" first.`);
		}
		mounts.push([
			'/models/fixtures/',
			throttle
				? throttledFiles(resolve(FIXTURE_MODELS), throttle, modelHeaders)
				: sirv(FIXTURE_MODELS, { etag: true, dev: true, setHeaders: modelHeaders })
		]);
		const catalog = readFileSync(join(FIXTURE_MODELS, 'catalog.json'));
		mounts.push([
			'/models/catalog.json',
			(_req, res) => {
				modelHeaders(res);
				res.setHeader('Content-Type', 'application/json');
				res.end(catalog);
			}
		]);
		if (existsSync(FIXTURE_KB_INDEX)) {
			const index = readFileSync(FIXTURE_KB_INDEX);
			mounts.push([
				'/kb/index.json',
				(_req, res) => {
					modelHeaders(res);
					res.setHeader('Content-Type', 'application/json');
					res.end(index);
				}
			]);
		} else {
			console.warn(`No ${FIXTURE_KB_INDEX} ("npm run kb:fixture"): serving the app's own /kb/index.json.`);
		}
	}
	if (models) mounts.push(['/models/', sirv(models, { etag: true, dev: true, setHeaders: modelHeaders })]);

	const server = createServer((req, res) => {
		const path = (req.url ?? '/').split('?')[0] ?? '/';
		for (const [prefix, handler] of mounts) {
			if (path === prefix || (prefix.endsWith('/') && path.startsWith(prefix))) {
				if (prefix.endsWith('/')) req.url = '/' + (req.url ?? '/').slice(prefix.length);
				return handler(req, res, () => notFound(res));
			}
		}
		// Model paths never fall back to the app page: a missing file is a 404.
		if (path.startsWith('/models/')) return plainFiles(req, res, () => notFound(res));
		// The app's addresses have no trailing slash: "/summary/?c=1" is "/summary?c=1".
		if (path.length > 1 && path.endsWith('/')) {
			const query = (req.url ?? '').slice(path.length);
			for (const [name, value] of headers) res.setHeader(name, value);
			res.statusCode = 308;
			// One leading "/" only: "//host/" or "/\\host/" must not become a redirect to another host.
			res.setHeader('Location', `/${path.replace(/^[/\\]+/, '').replace(/\/+$/, '')}${query}`);
			return res.end();
		}
		return files(req, res);
	});
	const notFound = (/** @type {import('node:http').ServerResponse} */ res) => {
		for (const [name, value] of headers) res.setHeader(name, value);
		res.statusCode = 404;
		res.setHeader('Content-Type', 'text/plain; charset=utf-8');
		res.end('Not found');
	};
	return new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, host, () => resolve(server));
	});
}

if (import.meta.url === `file://${process.argv[1]}`) {
	const { values } = parseArgs({
		options: {
			port: { type: 'string', default: '4173' },
			dir: { type: 'string', default: 'build' },
			models: { type: 'string' },
			fixtures: { type: 'boolean', default: false },
			throttle: { type: 'string' }
		}
	});
	const port = Number(values.port);
	serve({
		port,
		dir: values.dir,
		host: 'localhost',
		models: values.models,
		fixtures: values.fixtures,
		throttle: values.throttle ? Number(values.throttle) : undefined
	})
		.then(() => console.log(`Serving ${values.dir}/ on http://localhost:${port}`))
		.catch((error) => {
			console.error(error instanceof Error ? error.message : error);
			process.exit(1);
		});
}
