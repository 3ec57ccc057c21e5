// The embed worker's logic (src/lib/retrieval/embed-host.ts) and its message checks, without a Worker:
// with a fake model loader (named as a fake) for the protocol's edge cases, and with the real embedder
// on the embed-tiny fixture for the whole path.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmbeddingModelEntry, LoadProgress, OnnxDevice } from '../../../src/lib/engine/protocol';
import { loadEmbedder, type EmbedOptions } from '../../../src/lib/retrieval/embed';
import { createEmbedHost, type LoadedEmbedder, type LoadModel } from '../../../src/lib/retrieval/embed-host';
import {
	EmbedFailure,
	isEmbedEvent,
	isEmbedRequest,
	type EmbedEvent
} from '../../../src/lib/retrieval/embed-protocol';
import type { EmbedKind } from '../../../src/lib/retrieval/types';
import { fixtureModels, norm, type FixtureModels } from './embed-fixtures';

const ENTRY: EmbeddingModelEntry = {
	id: 'fake-embed',
	label: 'Fake',
	base: 'http://localhost/models/fake/',
	dtype: 'fp32',
	dimension: 2,
	prefix: { query: 'query: ', passage: 'passage: ' },
	pooling: 'mean',
	downloadBytes: 1
};

/** A fake loaded model: [length, 1] normalized; each embed waits for `gate` when one is set. */
class FakeEmbedder implements LoadedEmbedder {
	readonly model = { id: 'fake-embed', dimension: 2 };
	readonly device: OnnxDevice = 'wasm';
	disposed = false;
	gate: Promise<void> | null = null;
	async embed(
		texts: readonly string[],
		_kind: EmbedKind,
		options: EmbedOptions = {}
	): Promise<Float32Array[]> {
		const out: Float32Array[] = [];
		for (const text of texts) {
			if (this.gate) await this.gate;
			if (options.signal?.aborted) throw new EmbedFailure('aborted', 'embedding cancelled');
			const n = Math.hypot(text.length, 1);
			out.push(Float32Array.from([text.length / n, 1 / n]));
			options.onProgress?.(out.length, texts.length);
		}
		return out;
	}
	async dispose(): Promise<void> {
		this.disposed = true;
	}
}

function deferred() {
	let resolve = () => {};
	const promise = new Promise<void>((r) => (resolve = r));
	return { promise, resolve };
}

function harness(loadModel: LoadModel) {
	const events: EmbedEvent[] = [];
	const transfers: (Transferable[] | undefined)[] = [];
	const host = createEmbedHost((event, transfer) => {
		events.push(event);
		transfers.push(transfer);
	}, loadModel);
	const answer = async (id: number, type: EmbedEvent['type'] | EmbedEvent['type'][]) => {
		const types = Array.isArray(type) ? type : [type];
		await expect.poll(() => events.find((e) => e.id === id && types.includes(e.type))).toBeTruthy();
		return events.filter((e) => e.id === id);
	};
	return { host, events, transfers, answer };
}

const fakeLoader =
	(embedder: FakeEmbedder, gate?: Promise<void>): LoadModel =>
	async (_entry, options) => {
		options.onProgress({ phase: 'download', fraction: 0.5, loadedBytes: 1, totalBytes: 2 });
		if (gate) await gate;
		if (options.signal.aborted) throw new EmbedFailure('aborted', 'load cancelled');
		return embedder;
	};

describe('createEmbedHost', () => {
	it('answers ping with pong, and a malformed request with an error naming it', async () => {
		const { host, events } = harness(fakeLoader(new FakeEmbedder()));
		host.handle({ type: 'ping', id: 1 });
		host.handle({ type: 'embed', id: 2, texts: 'not a list', kind: 'query' });
		host.handle({ nonsense: true });
		expect(events).toEqual([
			{ type: 'pong', id: 1 },
			{ type: 'error', id: 2, error: { name: 'EmbedFailure', code: 'unknown', message: 'malformed request' } }
		]);
	});

	it('loads with progress then ready, and embeds with vectors handed over (transferred)', async () => {
		const { host, transfers, answer } = harness(fakeLoader(new FakeEmbedder()));
		host.handle({ type: 'load', id: 1, model: ENTRY });
		expect(await answer(1, 'ready')).toEqual([
			{
				type: 'progress',
				id: 1,
				progress: { phase: 'download', fraction: 0.5, loadedBytes: 1, totalBytes: 2 }
			},
			{ type: 'ready', id: 1, info: { model: { id: 'fake-embed', dimension: 2 }, device: 'wasm' } }
		]);
		host.handle({ type: 'embed', id: 2, texts: ['ab', 'abcd', 'a'], kind: 'query' });
		const answered = await answer(2, 'vectors');
		expect(answered.map((e) => e.type)).toEqual(['embedded', 'embedded', 'vectors']);
		const last = answered.at(-1);
		if (last?.type !== 'vectors') throw new Error('no vectors');
		expect(last.vectors).toHaveLength(3);
		expect(transfers.at(-1)).toEqual(last.vectors.map((v) => v.buffer));
	});

	it('says "not-loaded" before a model is ready, and "busy" for a second load', async () => {
		const gate = deferred();
		const { host, events, answer } = harness(fakeLoader(new FakeEmbedder(), gate.promise));
		host.handle({ type: 'embed', id: 1, texts: ['x'], kind: 'query' });
		host.handle({ type: 'load', id: 2, model: ENTRY });
		host.handle({ type: 'load', id: 3, model: ENTRY });
		host.handle({ type: 'embed', id: 4, texts: ['x'], kind: 'query' });
		expect(events.filter((e) => e.type === 'error')).toEqual([
			{
				type: 'error',
				id: 1,
				error: { name: 'EmbedFailure', code: 'not-loaded', message: 'no embedding model is loaded' }
			},
			{
				type: 'error',
				id: 3,
				error: { name: 'EmbedFailure', code: 'busy', message: 'another embedding model is loading' }
			},
			{
				type: 'error',
				id: 4,
				error: { name: 'EmbedFailure', code: 'not-loaded', message: 'the embedding model is still loading' }
			}
		]);
		gate.resolve();
		await answer(2, 'ready');
	});

	it('cancels a load on abort, answering "aborted"', async () => {
		const gate = deferred();
		const { host, events, answer } = harness(fakeLoader(new FakeEmbedder(), gate.promise));
		host.handle({ type: 'load', id: 1, model: ENTRY });
		host.handle({ type: 'abort', id: 2, target: 1 });
		gate.resolve();
		await answer(1, 'error');
		expect(events.find((e) => e.id === 2)).toEqual({ type: 'result', id: 2, value: true });
		expect(events.find((e) => e.id === 1 && e.type === 'error')).toMatchObject({
			error: { code: 'aborted', message: 'load cancelled' }
		});
	});

	it('cancels an embed between texts on abort, and answers false for an unknown target', async () => {
		const embedder = new FakeEmbedder();
		const { host, events, answer } = harness(fakeLoader(embedder));
		host.handle({ type: 'load', id: 1, model: ENTRY });
		await answer(1, 'ready');
		const gate = deferred();
		embedder.gate = gate.promise;
		host.handle({ type: 'embed', id: 2, texts: ['a', 'b', 'c'], kind: 'passage' });
		host.handle({ type: 'abort', id: 3, target: 2 });
		host.handle({ type: 'abort', id: 4, target: 99 });
		gate.resolve();
		await answer(2, 'error');
		expect(events.filter((e) => e.id >= 2)).toEqual([
			{ type: 'result', id: 3, value: true },
			{ type: 'result', id: 4, value: false },
			{
				type: 'error',
				id: 2,
				error: { name: 'EmbedFailure', code: 'aborted', message: 'embedding cancelled' }
			}
		]);
	});

	it('unloads (disposing the model), after which embeds are "not-loaded"', async () => {
		const embedder = new FakeEmbedder();
		const { host, answer } = harness(fakeLoader(embedder));
		host.handle({ type: 'load', id: 1, model: ENTRY });
		await answer(1, 'ready');
		host.handle({ type: 'unload', id: 2 });
		expect(await answer(2, 'result')).toEqual([{ type: 'result', id: 2, value: null }]);
		expect(embedder.disposed).toBe(true);
		host.handle({ type: 'embed', id: 3, texts: ['x'], kind: 'query' });
		expect(await answer(3, 'error')).toMatchObject([{ error: { code: 'not-loaded' } }]);
	});

	it('sends a load failure as { name, code, message }', async () => {
		const { host, answer } = harness(async () => {
			throw new EmbedFailure('network', 'fetch failed');
		});
		host.handle({ type: 'load', id: 1, model: ENTRY });
		expect(await answer(1, 'error')).toEqual([
			{ type: 'error', id: 1, error: { name: 'EmbedFailure', code: 'network', message: 'fetch failed' } }
		]);
	});
});

describe('isEmbedRequest / isEmbedEvent', () => {
	it('accepts the protocol’s shapes and refuses others', () => {
		expect(isEmbedRequest({ type: 'embed', id: 1, texts: ['a'], kind: 'query' })).toBe(true);
		expect(isEmbedRequest({ type: 'embed', id: 1, texts: ['a'], kind: 'document' })).toBe(false);
		expect(isEmbedRequest({ type: 'load', id: 1, model: ENTRY, device: 'webgpu' })).toBe(true);
		expect(isEmbedRequest({ type: 'load', id: '1', model: ENTRY })).toBe(false);
		expect(isEmbedEvent({ type: 'vectors', id: 1, vectors: [new Float32Array(2)] })).toBe(true);
		expect(isEmbedEvent({ type: 'vectors', id: 1, vectors: [[0, 1]] })).toBe(false);
		expect(
			isEmbedEvent({ type: 'error', id: 1, error: { name: 'EmbedFailure', code: 'nope', message: '' } })
		).toBe(false);
	});
});

describe('the host with the real embedder', () => {
	let models: FixtureModels;
	beforeAll(async () => {
		models = await fixtureModels();
	}, 30_000);
	afterAll(() => models.remove());

	it('loads the fixture model and answers an embed with unit vectors', async () => {
		const progress: LoadProgress[] = [];
		const { host, answer } = harness((entry, options) =>
			loadEmbedder(entry, {
				...options,
				onProgress: (p) => {
					progress.push(p);
					options.onProgress(p);
				},
				runtime: 'node',
				localModelPath: models.dir,
				localModelId: 'embed-tiny'
			})
		);
		host.handle({ type: 'load', id: 1, model: models.entry });
		const loaded = await answer(1, ['ready', 'error']);
		expect(loaded.at(-1)).toEqual({
			type: 'ready',
			id: 1,
			info: { model: { id: 'fixture-embed-tiny', dimension: 32 }, device: 'wasm' }
		});
		expect(loaded.filter((e) => e.type === 'progress')).toHaveLength(progress.length);
		host.handle({ type: 'embed', id: 2, texts: ['发烧怎么办', 'fever'], kind: 'query' });
		const [event] = (await answer(2, ['vectors', 'error'])).slice(-1);
		if (event?.type !== 'vectors') throw new Error(JSON.stringify(event));
		expect(event.vectors.map((v) => [v.length, Number(norm(v).toFixed(5))])).toEqual([
			[32, 1],
			[32, 1]
		]);
		host.handle({ type: 'unload', id: 3 });
		await answer(3, 'result');
	}, 20_000);
});
