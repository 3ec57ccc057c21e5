import { describe, expect, it } from 'vitest';
import catalog from '../../../src/lib/engine/catalog.default.json';
import { catalogOrigins, cspDirectives, cspHeader, routeDirectives } from '../../../src/lib/csp.js';
import {
	TRUSTED_TYPES_POLICIES,
	loadsModels,
	needsNewDocument,
	withRoutePolicy
} from '../../../src/lib/csp-routes.js';
import { pageRoute, securityHeaders } from '../../../scripts/serve.js';

describe('catalogOrigins', () => {
	it('lists the origin of every model URL in the catalog, once each', () => {
		const origins = catalogOrigins(null);
		for (const model of catalog.models) {
			expect(origins).toContain(new URL(model.base).origin);
			if (model.modelLib) expect(origins).toContain(new URL(model.modelLib).origin);
		}
		expect(new Set(origins).size).toBe(origins.length);
	});

	it("adds the hosts of a deployer's mirror catalog and skips its relative and malformed URLs", () => {
		const mirror = {
			version: 1,
			redirectHosts: ['https://cdn.hospital.example'],
			models: [
				{ id: 'a', base: 'https://models.hospital.example/mlc/Qwen3-4B/resolve/main/' },
				{ id: 'b', base: '/models/Qwen3-0.6B-ONNX/', modelLib: 'not a url' },
				'nonsense'
			]
		};
		const origins = catalogOrigins(mirror);
		expect(origins).toEqual(
			[...catalogOrigins(null), 'https://cdn.hospital.example', 'https://models.hospital.example'].sort()
		);
	});
	it("allows only the mirror's hosts when the mirror replaces the defaults", () => {
		const mirror = {
			version: 1,
			keepDefaults: false,
			models: [
				{ id: 'a', base: 'https://models.hospital.example/Qwen3-4B/resolve/main/', modelLib: '/libs/a.wasm' }
			]
		};
		expect(catalogOrigins(mirror)).toEqual(['https://models.hospital.example']);
	});
});

describe('cspDirectives', () => {
	it('limits scripts, workers and connections to self plus the model hosts', () => {
		const d = cspDirectives();
		expect(d['script-src']).toEqual(['self', 'wasm-unsafe-eval']);
		expect(d['worker-src']).toEqual(['self']);
		expect(d['connect-src']).toEqual(['self', ...catalogOrigins()]);
		expect(d['object-src']).toEqual(['none']);
	});

	it('relaxes nothing else', () => {
		const all = Object.values(cspDirectives()).flat();
		expect(all).not.toContain('unsafe-inline');
		expect(all).not.toContain('unsafe-eval');
		expect(all).not.toContain('*');
	});

	it("allows exactly one hashed style attribute (SvelteKit's announcer)", () => {
		const attr = cspDirectives()['style-src-attr'];
		expect(attr?.[0]).toBe('unsafe-hashes');
		expect(attr).toHaveLength(2);
		expect(attr?.[1]).toMatch(/^sha256-[A-Za-z0-9+/]{43}=$/);
	});
});

describe('cspDirectives: hardening', () => {
	it('allows no <base> and no form submission', () => {
		expect(cspDirectives()['base-uri']).toEqual(['none']);
		expect(cspDirectives()['form-action']).toEqual(['none']);
	});

	it("enforces Trusted Types in pages, with the answer's policy, the default (script URL) policy and Svelte's", () => {
		const d = cspDirectives();
		expect(d['require-trusted-types-for']).toEqual(['script']);
		expect(d['trusted-types']).toEqual(['answer-html', 'default', 'svelte-trusted-html']);
		expect(Object.values(TRUSTED_TYPES_POLICIES)).toEqual(d['trusted-types']);
	});

	it('gives workers the model hosts and no Trusted Types', () => {
		const d = cspDirectives({ document: false });
		expect(d['connect-src']).toEqual(['self', ...catalogOrigins()]);
		expect(d['require-trusted-types-for']).toBeUndefined();
		expect(d['trusted-types']).toBeUndefined();
	});
});

describe('routeDirectives', () => {
	const modelHosts = catalogOrigins();

	it('lets the chat and settings pages (and the SPA fallback) connect to the model hosts', () => {
		expect(modelHosts.length).toBeGreaterThan(0);
		for (const route of ['/', '/settings', '/200.html', '/a/b']) {
			expect(routeDirectives(route)['connect-src'], route).toEqual(['self', ...modelHosts]);
		}
	});

	it('lets the about, history and summary pages connect to their own origin only', () => {
		for (const route of ['/about', '/history', '/summary', '/summary/']) {
			expect(routeDirectives(route)['connect-src'], route).toEqual(['self']);
			expect(routeDirectives(route)['require-trusted-types-for'], route).toEqual(['script']);
		}
	});
});

describe('loadsModels', () => {
	it('is false for the pages that never load a model, true for the others', () => {
		expect(['/', '/settings', '/about', '/history', '/summary'].map(loadsModels)).toEqual([
			true,
			true,
			false,
			false,
			false
		]);
	});
});

describe('needsNewDocument', () => {
	it('is true between a page that loads models and one that does not, false otherwise', () => {
		expect(needsNewDocument('/', '/about')).toBe(true);
		expect(needsNewDocument('/summary', '/')).toBe(true);
		expect(needsNewDocument('/', '/settings')).toBe(false);
		expect(needsNewDocument('/history', '/about')).toBe(false);
	});
});

describe('withRoutePolicy', () => {
	const page = (connect: string) =>
		`<head><meta http-equiv="content-security-policy" content="default-src 'self'; connect-src ${connect}; object-src 'none'"></head>`;
	const loose = page("'self' https://huggingface.co https://raw.githubusercontent.com");

	it("narrows connect-src to 'self' on the about page, and leaves the rest of the policy", () => {
		expect(withRoutePolicy(loose, '/about')).toBe(page("'self'"));
	});

	it('leaves the chat page as SvelteKit wrote it', () => {
		expect(withRoutePolicy(loose, '/')).toBe(loose);
	});

	it('refuses a page without a policy to narrow', () => {
		expect(() => withRoutePolicy('<head></head>', '/history')).toThrow(
			'csp: no connect-src in the page policy of /history'
		);
	});
});

describe('cspHeader', () => {
	it('quotes keywords, adds script hashes and frame-ancestors', () => {
		const header = cspHeader(["'sha256-abc='"]);
		expect(header).toContain("script-src 'self' 'wasm-unsafe-eval' 'sha256-abc='");
		expect(header).toContain("object-src 'none'");
		expect(header).toContain("base-uri 'none'; form-action 'none'");
		expect(header).toContain(
			"require-trusted-types-for 'script'; trusted-types answer-html default svelte-trusted-html"
		);
		expect(header.endsWith("frame-ancestors 'none'")).toBe(true);
	});
});

describe('securityHeaders (scripts/serve.js)', () => {
	const csp = (page: string | null) => securityHeaders([], page)['Content-Security-Policy'];

	it('sends each page its route policy and every other file the workers policy', () => {
		expect(csp('/about')).toContain("connect-src 'self';");
		expect(csp('/about')).toContain("require-trusted-types-for 'script'");
		expect(csp('/')).toContain(`connect-src 'self' ${catalogOrigins().join(' ')};`);
		expect(csp(null)).toContain(`connect-src 'self' ${catalogOrigins().join(' ')};`);
		expect(csp(null)).not.toContain('trusted-types');
	});

	it('reads which page a request is for', () => {
		expect(
			['/', '/index.html', '/about', '/about.html', '/200.html', '/a/b', '/_app/x.js', '/kb/index.json'].map(
				pageRoute
			)
		).toEqual(['/', '/', '/about', '/about', '/200', '/a/b', null, null]);
	});
});
