import { describe, expect, it } from 'vitest';
import defaults from '../../../src/lib/engine/catalog.default.json';
import {
	contextWindowOf,
	defaultCatalog,
	loadCatalog,
	mergeCatalogs,
	parseMirror,
	validateEntry,
	webllmModelUrl,
	type CatalogMemo
} from '../../../src/lib/engine/catalog';

const ORIGIN = 'https://clinic.example';
const CATALOG_URL = `${ORIGIN}/models/catalog.json`;

/** A fetch that serves one answer and records what was asked: never touches the network. */
function serve(answer: Response | Error) {
	const asked: { url: string; init: RequestInit }[] = [];
	const fetch = async (url: string, init: RequestInit) => {
		asked.push({ url, init });
		if (answer instanceof Error) throw answer;
		return answer.clone();
	};
	return { fetch, asked };
}

function json(value: unknown, status = 200): Response {
	return new Response(JSON.stringify(value), { status, headers: { 'content-type': 'application/json' } });
}

function memory(initial: string | null = null): CatalogMemo & { value: string | null } {
	return {
		value: initial,
		get() {
			return this.value;
		},
		set(text) {
			this.value = text;
		}
	};
}

const onnxEntry = {
	id: 'tiny-onnx',
	engine: 'onnx',
	label: 'Tiny',
	paramsB: 0.001,
	quantization: 'fp32',
	requiresShaderF16: false,
	base: 'tiny/',
	dtype: { wasm: 'fp32', webgpu: 'fp32' },
	downloadBytes: 1200000
};

describe('defaultCatalog', () => {
	it('validates every default entry', () => {
		const { catalog, warnings } = defaultCatalog();
		expect(warnings).toEqual([]);
		expect(catalog.models.map((m) => m.id)).toEqual(defaults.models.map((m) => m.id));
		expect(catalog.contextWindow).toBe(4096);
	});

	it('offers Qwen3 4B, 1.7B and 0.6B in both quantizations and an ONNX fallback', () => {
		const { catalog } = defaultCatalog();
		for (const size of ['4B', '1.7B', '0.6B']) {
			for (const q of ['q4f16_1', 'q4f32_1']) {
				const entry = catalog.models.find((m) => m.id === `Qwen3-${size}-${q}-MLC`);
				expect(entry?.modelLib).toMatch(/\/v0_2_86\/base\/Qwen3-.+-webgpu\.wasm$/);
				expect(entry?.bufferSizeRequiredBytes).toBeGreaterThan(0);
				expect(entry?.vramRequiredMB).toBeGreaterThan(0);
			}
		}
		expect(catalog.models.filter((m) => m.engine === 'onnx').map((m) => m.dtype)).toEqual([
			{ webgpu: 'q4f16' },
			{ webgpu: 'q4', wasm: 'q4' }
		]);
	});
});

describe('validateEntry', () => {
	it('resolves a relative base against the catalog file and ends it with a slash', () => {
		const result = validateEntry(onnxEntry, CATALOG_URL);
		expect(result).toEqual({ entry: { ...onnxEntry, engine: 'onnx', base: `${ORIGIN}/models/tiny/` } });
		const rooted = validateEntry({ ...onnxEntry, base: '/mirror/tiny' }, CATALOG_URL);
		expect('entry' in rooted && rooted.entry.base).toBe(`${ORIGIN}/mirror/tiny/`);
	});

	it('gives a web-llm base the layout web-llm fetches from (resolve/main/ unless it has one)', () => {
		expect(webllmModelUrl(`${ORIGIN}/m/Qwen3-4B`)).toBe(`${ORIGIN}/m/Qwen3-4B/resolve/main/`);
		expect(webllmModelUrl(`${ORIGIN}/m/Qwen3-4B/resolve/v2/`)).toBe(`${ORIGIN}/m/Qwen3-4B/resolve/v2/`);
	});

	it('names the field that is wrong', () => {
		expect(validateEntry({ ...onnxEntry, paramsB: '0.6' }, CATALOG_URL)).toEqual({
			error: 'paramsB: a positive number'
		});
		expect(validateEntry({ ...onnxEntry, base: 'javascript:alert(1)' }, CATALOG_URL)).toEqual({
			error: 'base: not an http(s) URL'
		});
		expect(validateEntry({ ...onnxEntry, dtype: { gpu: 'q4' } }, CATALOG_URL)).toEqual({
			error: 'dtype.gpu: webgpu or wasm, with a dtype name'
		});
		expect(validateEntry({ ...onnxEntry, engine: 'webllm' }, CATALOG_URL)).toEqual({
			error: 'modelLib: not an http(s) URL'
		});
		expect(validateEntry({ ...onnxEntry, contextWindow: 100 }, CATALOG_URL)).toEqual({
			error: 'contextWindow: an integer from 512 to 131072'
		});
		expect(validateEntry('x', CATALOG_URL)).toEqual({ error: 'not an object' });
	});
});

describe('mergeCatalogs', () => {
	const base = defaultCatalog().catalog;

	function merge(mirror: Record<string, unknown>) {
		const parsed = parseMirror({ version: 1, ...mirror });
		if ('error' in parsed) throw new Error(parsed.error);
		return mergeCatalogs(base, parsed.mirror, CATALOG_URL);
	}

	it('replaces an entry with the same id in place, inheriting what the mirror leaves out', () => {
		const { catalog, warnings } = merge({
			models: [
				{
					id: 'Qwen3-4B-q4f16_1-MLC',
					base: '/mlc/Qwen3-4B-q4f16_1-MLC/resolve/main/',
					modelLib: '/mlc/libs/qwen3-4b.wasm'
				}
			]
		});
		expect(warnings).toEqual([]);
		const entry = catalog.models[0];
		expect(entry).toMatchObject({
			id: 'Qwen3-4B-q4f16_1-MLC',
			base: `${ORIGIN}/mlc/Qwen3-4B-q4f16_1-MLC/resolve/main/`,
			modelLib: `${ORIGIN}/mlc/libs/qwen3-4b.wasm`,
			paramsB: 4,
			vramRequiredMB: 3431.59
		});
		expect(catalog.models).toHaveLength(base.models.length);
	});

	it('adds new ids after the defaults, or alone with keepDefaults false', () => {
		expect(
			merge({ models: [onnxEntry] })
				.catalog.models.map((m) => m.id)
				.at(-1)
		).toBe('tiny-onnx');
		const alone = merge({
			models: [onnxEntry],
			keepDefaults: false,
			redirectHosts: ['https://cdn.clinic.example/x']
		});
		expect(alone.catalog.models.map((m) => m.id)).toEqual(['tiny-onnx']);
		expect(alone.catalog.redirectHosts).toEqual(['https://cdn.clinic.example']);
	});

	it('keeps fixture entries only when the catalog file says fixtures: true', () => {
		const fixture = { ...onnxEntry, fixture: true };
		expect(merge({ models: [fixture] }).catalog.models.some((m) => m.id === 'tiny-onnx')).toBe(false);
		expect(
			merge({ models: [fixture], fixtures: true }).catalog.models.find((m) => m.id === 'tiny-onnx')?.fixture
		).toBe(true);
	});

	it('drops invalid and duplicate entries one by one with a warning', () => {
		const { catalog, warnings } = merge({
			models: [onnxEntry, { ...onnxEntry, label: 'again' }, { id: 'broken' }],
			contextWindow: 8192
		});
		expect(catalog.models.filter((m) => m.id === 'tiny-onnx')).toHaveLength(1);
		expect(catalog.contextWindow).toBe(8192);
		expect(warnings).toEqual([
			{ code: 'entry-invalid', detail: 'tiny-onnx: duplicate id, first one kept' },
			{ code: 'entry-invalid', detail: 'broken: engine: one of webllm, onnx' }
		]);
	});
});

describe('loadCatalog', () => {
	it('uses the defaults without a warning when there is no mirror (404)', async () => {
		const { fetch, asked } = serve(new Response('Not found', { status: 404 }));
		const memo = memory('{"stale":true}');
		const loaded = await loadCatalog({ origin: ORIGIN, fetch, memo });
		expect(loaded).toEqual({ catalog: defaultCatalog().catalog, source: 'default', warnings: [] });
		expect(asked).toEqual([{ url: CATALOG_URL, init: { cache: 'no-cache', credentials: 'same-origin' } }]);
		expect(memo.value).toBeNull();
	});

	it("treats a static host's HTML fallback page as no mirror", async () => {
		const page = new Response('<!doctype html><html></html>', { headers: { 'content-type': 'text/html' } });
		const loaded = await loadCatalog({ origin: ORIGIN, fetch: serve(page).fetch, memo: memory() });
		expect(loaded.source).toBe('default');
		expect(loaded.warnings).toEqual([]);
	});

	it('merges a mirror and remembers it for offline starts', async () => {
		const memo = memory();
		const mirror = { version: 1, models: [onnxEntry] };
		const loaded = await loadCatalog({ origin: ORIGIN, fetch: serve(json(mirror)).fetch, memo });
		expect(loaded.source).toBe('mirror');
		expect(loaded.catalog.models.at(-1)?.base).toBe(`${ORIGIN}/models/tiny/`);
		expect(memo.value).toBe(JSON.stringify(mirror));

		const offline = await loadCatalog({
			origin: ORIGIN,
			fetch: serve(new TypeError('Failed to fetch')).fetch,
			memo
		});
		expect(offline.source).toBe('saved-mirror');
		expect(offline.catalog).toEqual(loaded.catalog);
		expect(offline.warnings).toEqual([
			{
				code: 'mirror-saved-copy',
				detail: '/models/catalog.json: Failed to fetch; using the copy saved earlier'
			}
		]);
	});

	it('falls back to the defaults with a warning for a malformed mirror', async () => {
		const broken = new Response('{"version": 1, "models": [', {
			headers: { 'content-type': 'application/json' }
		});
		const notJson = await loadCatalog({ origin: ORIGIN, fetch: serve(broken).fetch, memo: memory() });
		expect(notJson.source).toBe('default');
		expect(notJson.catalog).toEqual(defaultCatalog().catalog);
		expect(notJson.warnings.map((w) => w.code)).toEqual(['mirror-malformed']);

		const wrongShape = await loadCatalog({
			origin: ORIGIN,
			fetch: serve(json({ version: 2, models: [] })).fetch,
			memo: memory()
		});
		expect(wrongShape.warnings).toEqual([
			{ code: 'mirror-malformed', detail: '/models/catalog.json: version: must be 1' }
		]);
	});

	it('reports a server error and an unreachable mirror without a saved copy', async () => {
		const failing = await loadCatalog({
			origin: ORIGIN,
			fetch: serve(new Response('', { status: 500 })).fetch,
			memo: memory()
		});
		expect(failing.warnings).toEqual([
			{ code: 'mirror-unreadable', detail: '/models/catalog.json: HTTP 500' }
		]);
		expect(failing.source).toBe('default');
	});

	it('never fetches from another origin', async () => {
		const { fetch, asked } = serve(json({ version: 1, models: [] }));
		const loaded = await loadCatalog({
			origin: ORIGIN,
			path: 'https://evil.example/catalog.json',
			fetch,
			memo: memory()
		});
		expect(asked).toEqual([]);
		expect(loaded.warnings.map((w) => w.code)).toEqual(['foreign-origin']);
	});
});

describe('contextWindowOf', () => {
	it("uses the entry's own window, else the catalog's", () => {
		const { catalog } = defaultCatalog();
		expect(contextWindowOf({ ...onnxEntry, engine: 'onnx', contextWindow: 2048 }, catalog)).toBe(2048);
		expect(contextWindowOf({ ...onnxEntry, engine: 'onnx' }, catalog)).toBe(4096);
	});
});
