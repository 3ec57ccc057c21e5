// The embedding model as data (src/lib/retrieval/embed-model.ts) and as a catalog entry
// (src/lib/engine/catalog.ts: validateEmbeddingEntry, and the `embedding` section of default and
// mirror catalogs).
import { afterEach, describe, expect, it } from 'vitest';
import defaults from '../../../src/lib/engine/catalog.default.json';
import {
	defaultCatalog,
	mergeCatalogs,
	parseMirror,
	validateEmbeddingEntry
} from '../../../src/lib/engine/catalog';
import { catalogOrigins } from '../../../src/lib/csp.js';
import { MODEL_CACHE } from '../../../src/lib/engine/onnx-files';
import type { EmbeddingModelEntry } from '../../../src/lib/engine/protocol';
import {
	baseUrl,
	deleteEmbeddingFiles,
	embeddingCached,
	embeddingFiles,
	modelInfo,
	sameModel,
	withPrefix
} from '../../../src/lib/retrieval/embed-model';
import { MemoryCaches } from './embed-fixtures';

const ORIGIN = 'http://localhost:4173';
const CATALOG_URL = `${ORIGIN}/models/catalog.json`;

const E5: EmbeddingModelEntry = {
	id: 'Xenova/multilingual-e5-small',
	label: 'Multilingual E5 small',
	base: 'https://huggingface.co/Xenova/multilingual-e5-small/resolve/main/',
	dtype: 'q8',
	dimension: 384,
	prefix: { query: 'query: ', passage: 'passage: ' },
	pooling: 'mean',
	downloadBytes: 135000000
};

describe('modelInfo / sameModel', () => {
	it('identifies vectors by model id and dimension', () => {
		expect(modelInfo(E5)).toEqual({ id: 'Xenova/multilingual-e5-small', dimension: 384 });
		expect(sameModel(modelInfo(E5), { id: 'Xenova/multilingual-e5-small', dimension: 384 })).toBe(true);
		expect(sameModel(modelInfo(E5), { id: 'Xenova/multilingual-e5-small', dimension: 256 })).toBe(false);
		expect(sameModel(modelInfo(E5), null)).toBe(false);
	});
});

describe('withPrefix', () => {
	it('puts the entry’s query or passage prefix in front, and nothing for a symmetric model', () => {
		expect(withPrefix(E5, ['发烧', 'fever'], 'query')).toEqual(['query: 发烧', 'query: fever']);
		expect(withPrefix(E5, ['fever'], 'passage')).toEqual(['passage: fever']);
		expect(withPrefix({ ...E5, prefix: { query: '', passage: '' } }, ['fever'], 'query')).toEqual(['fever']);
	});
});

describe('embeddingFiles', () => {
	it('names the files the feature-extraction pipeline reads for the dtype', () => {
		expect(embeddingFiles(E5)).toEqual([
			'config.json',
			'onnx/model_quantized.onnx',
			'tokenizer.json',
			'tokenizer_config.json'
		]);
		expect(embeddingFiles({ dtype: 'fp32' })[1]).toBe('onnx/model.onnx');
	});

	it('adds external data named by the config', () => {
		const config = { 'transformers.js_config': { use_external_data_format: 2 } };
		expect(embeddingFiles({ dtype: 'fp16' }, config)).toEqual([
			'config.json',
			'onnx/model_fp16.onnx',
			'onnx/model_fp16.onnx_data',
			'onnx/model_fp16.onnx_data_1',
			'tokenizer.json',
			'tokenizer_config.json'
		]);
	});

	it('refuses an unknown dtype', () => {
		expect(() => embeddingFiles({ dtype: 'q3' })).toThrow('Unknown ONNX dtype "q3".');
	});
});

describe('embeddingCached / deleteEmbeddingFiles', () => {
	afterEach(() => {
		Reflect.deleteProperty(globalThis, 'caches');
	});
	const entry = { ...E5, base: '/models/e5/' };

	it('says nothing is cached where there is no Cache API', async () => {
		expect(await embeddingCached(entry, ORIGIN)).toEqual({ complete: false, bytes: 0 });
	});

	it('finds the files under the base on the app’s origin, with their sizes, and removes them', async () => {
		const caches = new MemoryCaches();
		Object.assign(globalThis, { caches });
		const cache = await caches.open(MODEL_CACHE);
		const files = embeddingFiles(entry);
		for (const file of files.slice(0, 3)) {
			await cache.put(`${ORIGIN}/models/e5/${file}`, new Response('x'.repeat(10)));
		}
		await cache.put(`${ORIGIN}/models/other/config.json`, new Response('{}'));
		expect(await embeddingCached(entry, ORIGIN)).toEqual({ complete: false, bytes: 30 });
		await cache.put(
			`${ORIGIN}/models/e5/tokenizer_config.json`,
			new Response('{}', { headers: { 'content-length': '2' } })
		);
		expect(await embeddingCached(entry, ORIGIN)).toEqual({ complete: true, bytes: 32 });

		await deleteEmbeddingFiles(entry, ORIGIN);
		expect(caches.keys(MODEL_CACHE)).toEqual([`${ORIGIN}/models/other/config.json`]);
	});

	it('resolves a path base against the origin', () => {
		expect(baseUrl(entry, ORIGIN)).toBe(`${ORIGIN}/models/e5/`);
		expect(baseUrl({ base: 'https://mirror.example.org/e5' })).toBe('https://mirror.example.org/e5/');
	});
});

describe('validateEmbeddingEntry', () => {
	it('accepts a complete entry and resolves its base against the catalog', () => {
		expect(validateEmbeddingEntry({ ...E5, base: '/models/e5' }, CATALOG_URL)).toEqual({
			entry: { ...E5, base: `${ORIGIN}/models/e5/` }
		});
	});

	it('names the first wrong field', () => {
		expect(validateEmbeddingEntry({ ...E5, id: '../x' }, CATALOG_URL)).toEqual({
			error: 'id: letters, digits, ".", "-" or "_", with at most one "/"'
		});
		expect(validateEmbeddingEntry({ ...E5, dimension: 38.4 }, CATALOG_URL)).toEqual({
			error: 'dimension: a positive integer'
		});
		expect(validateEmbeddingEntry({ ...E5, prefix: 'query: ' }, CATALOG_URL)).toEqual({
			error: 'prefix: {"query": "…", "passage": "…"} (empty strings for none)'
		});
		expect(validateEmbeddingEntry({ ...E5, pooling: 'max' }, CATALOG_URL)).toEqual({
			error: 'pooling: "mean" or "cls"'
		});
		expect(validateEmbeddingEntry({ ...E5, base: 'ftp://x/' }, CATALOG_URL)).toEqual({
			error: 'base: not an http(s) URL'
		});
	});
});

describe('the catalog’s embedding section', () => {
	const base = defaultCatalog().catalog;
	const merge = (mirror: unknown) => {
		const parsed = parseMirror(mirror);
		if ('error' in parsed) throw new Error(parsed.error);
		return mergeCatalogs(base, parsed.mirror, CATALOG_URL);
	};

	it('offers multilingual-e5-small by default, from the public host, with e5’s prefixes', () => {
		expect(defaultCatalog().warnings).toEqual([]);
		expect(base.embedding).toEqual(E5);
		expect(defaults.embedding.id).toBe(E5.id);
	});

	it('lets a mirror move the default model’s files by giving only its id and base', () => {
		const { catalog, warnings } = merge({
			version: 1,
			models: [],
			embedding: { id: 'Xenova/multilingual-e5-small', base: '/models/multilingual-e5-small/' }
		});
		expect(warnings).toEqual([]);
		expect(catalog.embedding).toEqual({ ...E5, base: `${ORIGIN}/models/multilingual-e5-small/` });
	});

	it('keeps the default without an embedding key, drops it for null or keepDefaults false', () => {
		expect(merge({ version: 1, models: [] }).catalog.embedding).toEqual(E5);
		expect(merge({ version: 1, models: [], embedding: null }).catalog.embedding).toBeUndefined();
		expect(merge({ version: 1, models: [], keepDefaults: false }).catalog.embedding).toBeUndefined();
	});

	it('keeps the default and warns when the mirror’s entry is invalid', () => {
		const { catalog, warnings } = merge({ version: 1, models: [], embedding: { id: 'other', base: '/x/' } });
		expect(catalog.embedding).toEqual(E5);
		expect(warnings).toEqual([
			{ code: 'entry-invalid', detail: 'embedding other: label: a non-empty string' }
		]);
	});

	it('offers a fixture embedding model only to a mirror that allows fixtures', () => {
		const fixture = { ...E5, id: 'fixture-embed-tiny', base: '/models/fixtures/embed-tiny/', fixture: true };
		expect(merge({ version: 1, models: [], embedding: fixture }).catalog.embedding).toBeUndefined();
		expect(
			merge({ version: 1, models: [], fixtures: true, embedding: fixture }).catalog.embedding
		).toMatchObject({
			id: 'fixture-embed-tiny',
			base: `${ORIGIN}/models/fixtures/embed-tiny/`,
			fixture: true
		});
	});

	it('lets the page fetch the embedding model from a mirror’s own host (CSP connect-src)', () => {
		const mirror = {
			version: 1,
			keepDefaults: false,
			models: [],
			embedding: { id: 'e5', base: 'https://models.clinic.example/e5/' }
		};
		expect(catalogOrigins(mirror)).toEqual(['https://models.clinic.example']);
	});
});
