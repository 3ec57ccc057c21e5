import { describe, expect, it } from 'vitest';
import catalog from '../../../src/lib/engine/catalog.default.json';
import { catalogOrigins, cspDirectives, cspHeader } from '../../../src/lib/csp.js';

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

describe('cspHeader', () => {
	it('quotes keywords, adds script hashes and frame-ancestors', () => {
		const header = cspHeader(["'sha256-abc='"]);
		expect(header).toContain("script-src 'self' 'wasm-unsafe-eval' 'sha256-abc='");
		expect(header).toContain("object-src 'none'");
		expect(header.endsWith("frame-ancestors 'none'")).toBe(true);
	});
});
