import { describe, expect, it } from 'vitest';
import catalog from '../../../src/lib/engine/catalog.default.json';
import { catalogOrigins, cspDirectives, cspHeader } from '../../../src/lib/csp.js';

describe('catalogOrigins', () => {
	it('lists the origin of every model URL in the catalog, once each', () => {
		const origins = catalogOrigins();
		for (const model of catalog.models) {
			expect(origins).toContain(new URL(model.base).origin);
			expect(origins).toContain(new URL(model.modelLib).origin);
		}
		expect(new Set(origins).size).toBe(origins.length);
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

describe('cspHeader', () => {
	it('quotes keywords, adds script hashes and frame-ancestors', () => {
		const header = cspHeader(["'sha256-abc='"]);
		expect(header).toContain("script-src 'self' 'wasm-unsafe-eval' 'sha256-abc='");
		expect(header).toContain("object-src 'none'");
		expect(header.endsWith("frame-ancestors 'none'")).toBe(true);
	});
});
