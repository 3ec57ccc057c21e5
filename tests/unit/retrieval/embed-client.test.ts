// EmbedClient (src/lib/retrieval/embed-client.ts) against a fake worker (named as one) that runs the
// real host and embedder in this process, copying every message as postMessage would
// (structuredClone, transferring vectors).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoadProgress } from '../../../src/lib/engine/protocol';
import { loadEmbedder } from '../../../src/lib/retrieval/embed';
import { EmbedClient, EmbedFailure, type EmbedWorkerLike } from '../../../src/lib/retrieval/embed-client';
import { createEmbedHost, type LoadModel } from '../../../src/lib/retrieval/embed-host';
import type { EmbedRequest } from '../../../src/lib/retrieval/embed-protocol';
import { fixtureModels, norm, type FixtureModels } from './embed-fixtures';

/** A fake Worker: the real host in this process, messages cloned both ways. */
class InProcessFakeWorker implements EmbedWorkerLike {
	terminated = false;
	readonly received: EmbedRequest[] = [];
	readonly #listeners = new Map<string, ((event: Event) => void)[]>();
	readonly #host;

	constructor(loadModel: LoadModel) {
		this.#host = createEmbedHost((event, transfer) => {
			if (this.terminated) return;
			const data: unknown = structuredClone(event, { transfer: transfer ?? [] });
			setTimeout(() => this.#emit('message', new MessageEvent('message', { data })));
		}, loadModel);
	}

	postMessage(message: EmbedRequest): void {
		if (this.terminated) return;
		this.received.push(message);
		const copy: unknown = structuredClone(message);
		setTimeout(() => this.#host.handle(copy));
	}

	terminate(): void {
		this.terminated = true;
	}

	addEventListener(type: string, listener: (event: Event) => void): void {
		this.#listeners.set(type, [...(this.#listeners.get(type) ?? []), listener]);
	}

	/** What a worker whose script throws does (an ErrorEvent: Node has none, so an Event with its message). */
	crash(message: string): void {
		this.#emit('error', Object.assign(new Event('error', { cancelable: true }), { message }));
	}

	#emit(type: string, event: Event): void {
		if (this.terminated) return;
		for (const listener of this.#listeners.get(type) ?? []) listener(event);
	}
}

let models: FixtureModels;
beforeAll(async () => {
	models = await fixtureModels();
}, 30_000);
afterAll(() => models.remove());

function setup(wrap?: (load: LoadModel) => LoadModel) {
	const workers: InProcessFakeWorker[] = [];
	const crashes: string[] = [];
	const real: LoadModel = (entry, options) =>
		loadEmbedder(entry, {
			...options,
			runtime: 'node',
			localModelPath: models.dir,
			localModelId: 'embed-tiny'
		});
	const client = new EmbedClient({
		createWorker: () => {
			const worker = new InProcessFakeWorker(wrap ? wrap(real) : real);
			workers.push(worker);
			return worker;
		},
		onCrash: (detail) => crashes.push(detail)
	});
	return { client, workers, crashes };
}

describe('EmbedClient', () => {
	it('starts no worker until asked, then loads with progress and embeds through the worker', async () => {
		const { client, workers } = setup();
		expect(workers).toHaveLength(0);
		expect(client.ready).toBeNull();
		expect(client.embedder).toBeNull();
		const progress: LoadProgress[] = [];
		const info = await client.load(models.entry, { onProgress: (p) => progress.push(p) });
		expect(info).toEqual({ model: { id: 'fixture-embed-tiny', dimension: 32 }, device: 'wasm' });
		expect(progress.at(-1)?.phase).toBe('init');
		expect(workers).toHaveLength(1);

		const embedder = client.embedder;
		expect(embedder?.model).toEqual({ id: 'fixture-embed-tiny', dimension: 32 });
		const vectors = (await embedder?.embed(['发烧', 'fever', '头疼'], 'query')) ?? [];
		expect(vectors.map((v) => v.length)).toEqual([32, 32, 32]);
		for (const v of vectors) expect(norm(v)).toBeCloseTo(1, 5);
		expect(await client.embed([], 'query')).toEqual([]);
		client.dispose();
	}, 20_000);

	it('reports progress of a long embed and can cancel it', async () => {
		const { client } = setup();
		await client.load(models.entry);
		const texts = Array.from({ length: 40 }, (_, i) => `passage ${i}`);
		const seen: number[] = [];
		const vectors = await client.embed(texts, 'passage', { onProgress: (done) => seen.push(done) });
		expect(vectors).toHaveLength(40);
		expect(seen).toEqual([8, 16, 24, 32, 40]);

		const controller = new AbortController();
		const cancelled = client.embed(texts, 'passage', {
			signal: controller.signal,
			onProgress: () => controller.abort()
		});
		await expect(cancelled).rejects.toMatchObject({ code: 'aborted' });
		expect(client.ready).not.toBeNull();
		client.dispose();
	}, 20_000);

	it('rebuilds errors as EmbedFailure with their code and message', async () => {
		const { client } = setup();
		await expect(client.embed(['x'], 'query')).rejects.toEqual(
			new EmbedFailure('not-loaded', 'no embedding model is loaded')
		);
		await client.load(models.entry);
		const failure = await client.embed(['x', ''], 'query').catch((error: unknown) => error);
		expect(failure).toBeInstanceOf(EmbedFailure);
		expect(failure).toMatchObject({
			code: 'empty-text',
			message: 'text 1 is empty: there is nothing to embed'
		});
		expect(client.ready).not.toBeNull();
		client.dispose();
	}, 20_000);

	it('cancels a load at once by ending the worker; the next load starts a fresh one', async () => {
		const { client, workers } = setup((real) => async (entry, options) => {
			await new Promise((resolve) => setTimeout(resolve, 50));
			return real(entry, options);
		});
		const controller = new AbortController();
		const loading = client.load(models.entry, { signal: controller.signal });
		controller.abort();
		await expect(loading).rejects.toEqual(new EmbedFailure('aborted', 'load cancelled'));
		expect(workers[0]?.terminated).toBe(true);
		await client.load(models.entry);
		expect(workers).toHaveLength(2);
		client.dispose();
	}, 20_000);

	it('restarts the worker after a failed load', async () => {
		const { client, workers } = setup();
		await expect(client.load({ ...models.entry, dimension: 384 })).rejects.toMatchObject({
			code: 'model-mismatch'
		});
		expect(workers[0]?.terminated).toBe(true);
		await client.load(models.entry);
		expect(workers).toHaveLength(2);
		client.dispose();
	}, 20_000);

	it('rejects what is pending with "worker-crashed" when the worker dies, and forgets the model', async () => {
		const { client, workers, crashes } = setup();
		await client.load(models.entry);
		const pending = client.embed(['a'], 'query');
		workers[0]?.crash('out of memory');
		await expect(pending).rejects.toEqual(
			new EmbedFailure('worker-crashed', 'the embed worker failed: out of memory')
		);
		expect(crashes).toEqual(['the embed worker failed: out of memory']);
		expect(client.ready).toBeNull();
		await expect(client.embed(['a'], 'query')).rejects.toMatchObject({ code: 'not-loaded' });
		expect(workers).toHaveLength(2);
		client.dispose();
	}, 20_000);
});
