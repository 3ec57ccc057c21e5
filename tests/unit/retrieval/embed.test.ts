// The embedder (src/lib/retrieval/embed.ts) on the real embed-tiny fixture through transformers.js in
// Node (onnxruntime-node): from a local directory with remote models off (how `npm run kb:build` runs),
// and from a catalog base over HTTP with an in-memory Cache API (how the embed worker runs; the
// browser's ONNX Runtime Web itself is covered by e2e).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { env } from '@huggingface/transformers';
import { MODEL_CACHE } from '../../../src/lib/engine/onnx-files';
import type { EmbeddingModelEntry, LoadProgress } from '../../../src/lib/engine/protocol';
import { EmbedFailure } from '../../../src/lib/retrieval/embed-protocol';
import { loadEmbedder, toEmbedFailure, type TransformersEmbedder } from '../../../src/lib/retrieval/embed';
import {
	fixtureModels,
	MemoryCaches,
	norm,
	serveFixtures,
	type FixtureModels,
	type FixtureSite
} from './embed-fixtures';

const TEXTS = ['我发烧了，可以吃什么药？', 'Fever in children: when to see a doctor', '高血压', 'ibuprofen'];

let models: FixtureModels;
beforeAll(async () => {
	models = await fixtureModels();
}, 30_000);
afterAll(() => models.remove());

const local = (entry: EmbeddingModelEntry = models.entry, batchSize?: number) =>
	loadEmbedder(entry, {
		runtime: 'node',
		localModelPath: models.dir,
		localModelId: 'embed-tiny',
		batchSize
	});

describe('loadEmbedder from a local directory', () => {
	let embedder: TransformersEmbedder;
	beforeAll(async () => {
		embedder = await local();
	}, 20_000);
	afterAll(() => embedder.dispose());

	it('names the model by its catalog id and dimension, with remote models off', () => {
		expect(embedder.model).toEqual({ id: 'fixture-embed-tiny', dimension: 32 });
		expect(embedder.device).toBe('wasm');
		expect(env.allowRemoteModels).toBe(false);
		expect(env.localModelPath).toBe(`${models.dir}/`);
	});

	it('gives one unit-length vector of dimension 32 per text', async () => {
		const vectors = await embedder.embed(TEXTS, 'passage');
		expect(vectors).toHaveLength(TEXTS.length);
		for (const vector of vectors) {
			expect(vector).toBeInstanceOf(Float32Array);
			expect(vector).toHaveLength(32);
			expect(norm(vector)).toBeCloseTo(1, 5);
		}
		// Different texts, different vectors.
		expect([...(vectors[0] ?? [])]).not.toEqual([...(vectors[1] ?? [])]);
	});

	it('is deterministic: the same text gives the same vector on every call', async () => {
		const [first] = await embedder.embed([TEXTS[1] ?? ''], 'query');
		const [again] = await embedder.embed([TEXTS[1] ?? ''], 'query');
		expect([...(again ?? [])]).toEqual([...(first ?? [])]);
	});

	it('keeps the order of the texts across batches', async () => {
		const small = await local(models.entry, 3);
		try {
			const together = await small.embed([...TEXTS, ...TEXTS.slice(0, 2)], 'passage');
			const alone = await Promise.all(TEXTS.map(async (text) => (await small.embed([text], 'passage'))[0]));
			expect(together).toHaveLength(6);
			together.slice(0, 4).forEach((vector, i) => {
				const expected = alone[i] ?? new Float32Array();
				vector.forEach((x, j) => expect(x).toBeCloseTo(expected[j] ?? NaN, 6));
			});
			expect([...(together[4] ?? [])]).toEqual([...(together[0] ?? [])]);
		} finally {
			await small.dispose();
		}
	});

	it('reports progress after each batch', async () => {
		const small = await local(models.entry, 2);
		try {
			const seen: [number, number][] = [];
			await small.embed(TEXTS.slice(0, 3), 'passage', {
				onProgress: (done, total) => seen.push([done, total])
			});
			expect(seen).toEqual([
				[2, 3],
				[3, 3]
			]);
		} finally {
			await small.dispose();
		}
	});

	it('puts the catalog’s query and passage prefixes in front of the text', async () => {
		const plain = await local({ ...models.entry, prefix: { query: '', passage: '' } });
		try {
			const [asQuery] = await embedder.embed(['fever'], 'query');
			const [asPassage] = await embedder.embed(['fever'], 'passage');
			const [prefixedByHand, passageByHand, bare] = await plain.embed(
				['query: fever', 'passage: fever', 'fever'],
				'query'
			);
			expect([...(asQuery ?? [])]).toEqual([...(prefixedByHand ?? [])]);
			expect([...(asPassage ?? [])]).toEqual([...(passageByHand ?? [])]);
			expect([...(asQuery ?? [])]).not.toEqual([...(bare ?? [])]);
		} finally {
			await plain.dispose();
		}
	});

	it('refuses an empty text', async () => {
		await expect(embedder.embed(['ok', '  '], 'query')).rejects.toMatchObject({
			name: 'EmbedFailure',
			code: 'empty-text',
			message: 'text 1 is empty: there is nothing to embed'
		});
	});

	it('stops between batches when aborted', async () => {
		const controller = new AbortController();
		controller.abort();
		await expect(embedder.embed(TEXTS, 'passage', { signal: controller.signal })).rejects.toMatchObject({
			code: 'aborted'
		});
	});
});

describe('loadEmbedder failures', () => {
	it('refuses a model whose vectors do not have the catalog’s dimension', async () => {
		await expect(local({ ...models.entry, dimension: 384 })).rejects.toMatchObject({
			name: 'EmbedFailure',
			code: 'model-mismatch',
			message: 'fixture-embed-tiny gives vectors of dimension 32; the catalog says 384'
		});
	}, 20_000);

	it('names missing model files', async () => {
		const failure = await loadEmbedder(models.entry, {
			runtime: 'node',
			localModelPath: models.dir,
			localModelId: 'no-such-model'
		}).catch((error: unknown) => error);
		expect(failure).toBeInstanceOf(EmbedFailure);
		expect(failure).toMatchObject({ code: 'model-files' });
	});

	it('refuses a dtype transformers.js does not know, before loading anything', async () => {
		await expect(local({ ...models.entry, dtype: 'q3' })).rejects.toMatchObject({
			code: 'model-files',
			message: 'Unknown ONNX dtype "q3" for fixture-embed-tiny'
		});
	});

	it('does not start when already cancelled', async () => {
		const controller = new AbortController();
		controller.abort();
		await expect(
			loadEmbedder(models.entry, { runtime: 'node', localModelPath: models.dir, signal: controller.signal })
		).rejects.toMatchObject({ code: 'aborted', message: 'load cancelled before it started' });
	});

	it('fails embeds after dispose', async () => {
		const embedder = await local();
		await embedder.dispose();
		await expect(embedder.embed(['x'], 'query')).rejects.toMatchObject({ code: 'not-loaded' });
	});
});

describe('toEmbedFailure', () => {
	it('maps transport, quota and file failures to their codes and keeps EmbedFailures', () => {
		expect(toEmbedFailure(new TypeError('fetch failed'))).toMatchObject({ code: 'network' });
		expect(toEmbedFailure(new DOMException('full', 'QuotaExceededError'))).toMatchObject({ code: 'quota' });
		expect(toEmbedFailure(new Error('Could not locate file: "x/config.json".'))).toMatchObject({
			code: 'model-files'
		});
		expect(toEmbedFailure(new Error('strange'))).toMatchObject({ code: 'unknown', message: 'strange' });
		const own = new EmbedFailure('busy', 'x');
		expect(toEmbedFailure(own)).toBe(own);
	});
});

describe('loadEmbedder from a catalog base', () => {
	const caches = new MemoryCaches();
	let site: FixtureSite;
	const files = ['config.json', 'onnx/model.onnx', 'tokenizer.json', 'tokenizer_config.json'];

	beforeAll(async () => {
		site = await serveFixtures(models.dir);
		Object.assign(globalThis, { caches });
	});
	afterAll(async () => {
		Reflect.deleteProperty(globalThis, 'caches');
		await site.close();
	});

	const remote = (progress: LoadProgress[] = []) =>
		loadEmbedder(models.entry, { runtime: 'node', origin: site.origin, onProgress: (p) => progress.push(p) });

	it('fetches only under the base, reports bytes for a progress bar, and caches every file', async () => {
		const progress: LoadProgress[] = [];
		site.requests.length = 0;
		const embedder = await remote(progress);
		try {
			expect(site.requests.length).toBeGreaterThan(0);
			expect(site.requests.every((path) => path.startsWith('/models/fixtures/embed-tiny/'))).toBe(true);
			const downloads = progress.filter((p) => p.phase === 'download');
			expect(downloads[0]).toMatchObject({ cachedFiles: 0 });
			const withBytes = downloads.filter((p) => p.fraction !== null);
			expect(withBytes.length).toBeGreaterThan(1);
			const fractions = withBytes.map((p) => p.fraction ?? 0);
			expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
			expect(progress.map((p) => p.phase).slice(-2)).toEqual(['compile', 'init']);
			expect(progress.find((p) => p.phase === 'compile')).toMatchObject({
				fraction: 1,
				loadedBytes: models.entry.downloadBytes,
				totalBytes: models.entry.downloadBytes
			});
			expect(caches.keys(MODEL_CACHE).sort()).toEqual(
				files.map((file) => `${site.origin}models/fixtures/embed-tiny/${file}`)
			);
			const [vector] = await embedder.embed(['发烧'], 'query');
			expect(vector).toHaveLength(32);
		} finally {
			await embedder.dispose();
		}
	}, 20_000);

	it('loads again with the network off, from the cache, giving the same vectors as from a directory', async () => {
		site.setOffline(true);
		const progress: LoadProgress[] = [];
		const fromCache = await remote(progress).finally(() => site.setOffline(false));
		const fromDirectory = await local();
		try {
			expect(progress[0]).toMatchObject({ phase: 'download', cachedFiles: 4 });
			const [a] = await fromCache.embed(['头疼怎么办'], 'query');
			const [b] = await fromDirectory.embed(['头疼怎么办'], 'query');
			expect([...(a ?? [])]).toEqual([...(b ?? [])]);
		} finally {
			await fromCache.dispose();
			await fromDirectory.dispose();
		}
	}, 20_000);

	it('fails with "network" when the files are neither cached nor reachable', async () => {
		caches.stores.clear();
		site.setOffline(true);
		try {
			await expect(remote()).rejects.toMatchObject({ name: 'EmbedFailure', code: 'network' });
		} finally {
			site.setOffline(false);
		}
	}, 20_000);
});
