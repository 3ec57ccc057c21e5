import { afterEach, describe, expect, it, vi } from 'vitest';
import { FakeEngineAdapter, type FakeEngineOptions } from '../../../src/lib/engine/adapters/fake';
import {
	EngineClient,
	EngineFailure,
	type WorkerCrash,
	type WorkerLike
} from '../../../src/lib/engine/client';
import { createWorkerHost } from '../../../src/lib/engine/host';
import {
	DEFAULT_GENERATION,
	type LoadProgress,
	type ModelEntry,
	type WorkerEvent,
	type WorkerRequest
} from '../../../src/lib/engine/protocol';

/**
 * FakeWorkerForTests: a Worker without a thread. Messages cross through structuredClone and a
 * microtask, like postMessage; behind it runs the real worker host with FakeEngineAdapters. It can
 * die (an 'error' event, as when a worker's script throws) or hang (it stops answering anything).
 */
class FakeWorkerForTests extends EventTarget implements WorkerLike {
	terminated = false;
	hung = false;
	readonly received: WorkerRequest[] = [];
	readonly adapters: { webllm: FakeEngineAdapter; onnx: FakeEngineAdapter };
	readonly #host;

	constructor(options: FakeEngineOptions) {
		super();
		this.adapters = {
			webllm: new FakeEngineAdapter({ ...options, kind: 'webllm' }),
			onnx: new FakeEngineAdapter({ ...options, kind: 'onnx' })
		};
		this.#host = createWorkerHost((event) => this.#reply(event), {
			webllm: () => this.adapters.webllm,
			onnx: () => this.adapters.onnx
		});
	}

	get alive(): boolean {
		return !this.terminated && !this.hung;
	}

	postMessage(message: WorkerRequest): void {
		const copy = structuredClone(message);
		queueMicrotask(() => {
			if (!this.alive) return;
			this.received.push(copy);
			this.#host.handle(copy);
		});
	}

	terminate(): void {
		this.terminated = true;
	}

	crash(message: string): void {
		this.hung = true;
		this.dispatchEvent(Object.assign(new Event('error', { cancelable: true }), { message }));
	}

	#reply(event: WorkerEvent): void {
		const copy = structuredClone(event);
		queueMicrotask(() => {
			if (this.alive) this.dispatchEvent(new MessageEvent('message', { data: copy }));
		});
	}
}

const tinyModel: ModelEntry = {
	id: 'tiny-webllm',
	engine: 'webllm',
	label: 'Tiny',
	paramsB: 0.001,
	quantization: 'q4f32_1',
	requiresShaderF16: false,
	base: 'http://localhost/models/tiny/resolve/main/',
	modelLib: 'http://localhost/models/tiny.wasm',
	downloadBytes: 1000
};

const onnxModel: ModelEntry = { ...tinyModel, id: 'tiny-onnx', engine: 'onnx', dtype: { wasm: 'fp32' } };

const question = [{ role: 'user' as const, content: 'Is a fever of 38 °C dangerous?' }];

function setup(options: FakeEngineOptions = {}, clientOptions: { heartbeatTimeoutMs?: number } = {}) {
	const workers: FakeWorkerForTests[] = [];
	const crashes: WorkerCrash[] = [];
	const client = new EngineClient({
		createWorker: () => {
			const worker = new FakeWorkerForTests(options);
			workers.push(worker);
			return worker;
		},
		heartbeatIntervalMs: 1000,
		heartbeatTimeoutMs: clientOptions.heartbeatTimeoutMs ?? 5000,
		abortGraceMs: 2000,
		onCrash: (crash) => crashes.push(crash)
	});
	const current = () => {
		const worker = workers.at(-1);
		if (!worker) throw new Error('no worker yet');
		return worker;
	};
	return { client, workers, crashes, current };
}

afterEach(() => {
	vi.useRealTimers();
});

describe('EngineClient.load', () => {
	it('reports progress, then ready, and remembers the loaded model', async () => {
		const { client } = setup({ loadSteps: 3 });
		const progress: LoadProgress[] = [];
		const info = await client.load(tinyModel, { contextWindow: 4096, onProgress: (p) => progress.push(p) });
		expect(info).toEqual({ engine: 'webllm', modelId: 'tiny-webllm', device: 'webgpu', contextWindow: 4096 });
		expect(progress.map((p) => p.fraction)).toEqual([1 / 3, 2 / 3, 1]);
		expect(client.loaded).toEqual({ info, model: tinyModel });
	});

	it('passes the ONNX device and unloads the other engine first', async () => {
		const { client, current } = setup();
		await client.load(tinyModel, { contextWindow: 4096 });
		const info = await client.load(onnxModel, { contextWindow: 2048, device: 'wasm' });
		expect(info).toEqual({ engine: 'onnx', modelId: 'tiny-onnx', device: 'wasm', contextWindow: 2048 });
		expect(current().adapters.webllm.calls.map((c) => c.method)).toEqual(['load', 'unload']);
	});

	it('rejects with the typed error of a failed load', async () => {
		const { client } = setup({ failLoad: { code: 'quota', detail: 'QuotaExceededError: storage full' } });
		const failure = await client.load(tinyModel, { contextWindow: 4096 }).catch((e: unknown) => e);
		expect(failure).toBeInstanceOf(EngineFailure);
		expect(failure).toMatchObject({ code: 'quota', detail: 'QuotaExceededError: storage full' });
		expect(client.loaded).toBeNull();
	});

	it('cancels: rejects with aborted, the worker stops the engine and stays', async () => {
		const { client, workers, current } = setup({ hangLoad: true });
		const controller = new AbortController();
		const loading = client.load(tinyModel, { contextWindow: 4096, signal: controller.signal });
		await vi.waitFor(() => expect(current().adapters.webllm.calls).toHaveLength(1));
		controller.abort();
		await expect(loading).rejects.toEqual(new EngineFailure('aborted', 'load cancelled'));
		current().adapters.webllm.options = {};
		await client.load(tinyModel, { contextWindow: 4096 });
		expect(workers).toHaveLength(1);
	});

	it('terminates a worker whose engine cannot stop a cancelled load, and starts a fresh one', async () => {
		vi.useFakeTimers();
		const { client, workers, crashes } = setup({ hangLoad: true, ignoreAbort: true });
		const controller = new AbortController();
		const loading = client.load(tinyModel, { contextWindow: 4096, signal: controller.signal });
		await vi.advanceTimersByTimeAsync(10);
		controller.abort();
		await expect(loading).rejects.toMatchObject({ code: 'aborted' });
		await vi.advanceTimersByTimeAsync(2000);
		expect(workers[0]?.terminated).toBe(true);
		expect(crashes).toEqual([]);
		const cached = client.cached([tinyModel]);
		await vi.advanceTimersByTimeAsync(1);
		await expect(cached).resolves.toEqual([]);
		expect(workers).toHaveLength(2);
		expect(workers[1]?.terminated).toBe(false);
	});
});

describe('EngineClient.chat', () => {
	it('streams tokens and resolves with the text, finish reason and usage', async () => {
		const { client } = setup({ tokens: ['Rest ', 'and ', 'drink ', 'water.'] });
		await client.load(tinyModel, { contextWindow: 4096 });
		const deltas: string[] = [];
		const result = await client.chat(question, DEFAULT_GENERATION, { onToken: (d) => deltas.push(d) });
		expect(deltas).toEqual(['Rest ', 'and ', 'drink ', 'water.']);
		expect(result.text).toBe('Rest and drink water.');
		expect(result.finishReason).toBe('stop');
		expect(result.usage.completionTokens).toBe(4);
	});

	it('sends the generation parameters through to the engine', async () => {
		const { client, current } = setup();
		await client.load(tinyModel, { contextWindow: 4096 });
		await client.chat(question);
		expect(current().adapters.webllm.calls.at(-1)).toEqual({
			method: 'chat',
			messages: question,
			params: DEFAULT_GENERATION
		});
	});

	it('never shows a <think> block, even split across tokens', async () => {
		const { client } = setup({ tokens: ['<th', 'ink>\nplanning', '...</thi', 'nk>\n\n', 'Drink water.'] });
		await client.load(tinyModel, { contextWindow: 4096 });
		const deltas: string[] = [];
		const result = await client.chat(question, DEFAULT_GENERATION, { onToken: (d) => deltas.push(d) });
		expect(deltas.join('')).toBe('Drink water.');
		expect(result.text).toBe('Drink water.');
	});

	it('aborts: resolves with the text so far and finish reason abort', async () => {
		const tokens = Array.from({ length: 200 }, (_, i) => `t${i} `);
		const { client } = setup({ tokens, yieldEvery: 1 });
		await client.load(tinyModel, { contextWindow: 4096 });
		const controller = new AbortController();
		let seen = 0;
		const result = await client.chat(question, DEFAULT_GENERATION, {
			signal: controller.signal,
			onToken: () => {
				if (++seen === 3) controller.abort();
			}
		});
		expect(result.finishReason).toBe('abort');
		expect(result.text.startsWith('t0 t1 t2 ')).toBe(true);
		expect(result.text.length).toBeLessThan(tokens.join('').length);
	});

	it('says not-loaded before a model is loaded, and busy while another answer runs', async () => {
		const { client } = setup({ tokens: ['a', 'b', 'c'], yieldEvery: 1 });
		await expect(client.chat(question)).rejects.toMatchObject({ code: 'not-loaded' });
		await client.load(tinyModel, { contextWindow: 4096 });
		const first = client.chat(question);
		await expect(client.chat(question)).rejects.toMatchObject({ code: 'busy' });
		await expect(first).resolves.toMatchObject({ text: 'abc' });
	});

	it('keeps the partial text when the engine fails mid-answer', async () => {
		const { client } = setup({
			failChat: { afterTokens: 2, error: { code: 'device-lost', detail: 'GPU reset' } }
		});
		await client.load(tinyModel, { contextWindow: 4096 });
		await expect(client.chat(question)).rejects.toEqual(
			new EngineFailure('device-lost', 'GPU reset', 'Drink water ')
		);
		await expect(client.chat(question)).rejects.toMatchObject({ code: 'not-loaded' });
	});
});

describe('EngineClient crash handling', () => {
	it('ends a chat in flight as worker-crashed with its partial text, then works with a fresh worker', async () => {
		const { client, workers, crashes, current } = setup({
			tokens: ['One ', 'two ', 'three ', 'four'],
			yieldEvery: 1
		});
		await client.load(tinyModel, { contextWindow: 4096 });
		let seen = 0;
		const failure = await client
			.chat(question, DEFAULT_GENERATION, {
				onToken: () => {
					if (++seen === 2) current().crash('Uncaught RangeError: out of memory');
				}
			})
			.catch((e: unknown) => e);
		expect(failure).toEqual(
			new EngineFailure('worker-crashed', 'the worker failed: Uncaught RangeError: out of memory', 'One two ')
		);
		expect(crashes).toEqual([
			{ detail: 'the worker failed: Uncaught RangeError: out of memory', lostModel: tinyModel }
		]);
		expect(client.loaded).toBeNull();
		expect(workers[0]?.terminated).toBe(true);

		await client.load(tinyModel, { contextWindow: 4096 });
		await expect(client.chat(question)).resolves.toMatchObject({ text: 'One two three four' });
		expect(workers).toHaveLength(2);
	});

	it('detects a hung worker by its missing pongs and fails every pending request', async () => {
		vi.useFakeTimers();
		const { client, crashes, current } = setup(
			{ tokens: ['a', 'b', 'c'], tokenDelayMs: 500 },
			{ heartbeatTimeoutMs: 5000 }
		);
		const loading = client.load(tinyModel, { contextWindow: 4096 });
		await vi.advanceTimersByTimeAsync(1);
		await loading;
		const answer = client.chat(question).catch((e: unknown) => e);
		await vi.advanceTimersByTimeAsync(600);
		current().hung = true;
		await vi.advanceTimersByTimeAsync(4000);
		expect(crashes).toEqual([]);
		await vi.advanceTimersByTimeAsync(2000);
		expect(await answer).toMatchObject({ code: 'worker-crashed', partialText: 'ab' });
		expect(crashes).toHaveLength(1);
		expect(crashes[0]?.detail).toMatch(/^the worker did not answer for \d+ s$/);
		expect(current().terminated).toBe(true);
	});

	it('keeps a slow but living worker: pongs reset the clock', async () => {
		vi.useFakeTimers();
		const { client, crashes, current } = setup(
			{ tokens: ['a', 'b', 'c'], tokenDelayMs: 4000 },
			{ heartbeatTimeoutMs: 3000 }
		);
		const loading = client.load(tinyModel, { contextWindow: 4096 });
		await vi.advanceTimersByTimeAsync(1);
		await loading;
		const answer = client.chat(question);
		await vi.advanceTimersByTimeAsync(13000);
		await expect(answer).resolves.toMatchObject({ text: 'abc' });
		expect(crashes).toEqual([]);
		expect(current().received.some((r) => r.type === 'ping')).toBe(true);
	});

	it('fails requests when the worker script cannot start', async () => {
		const { client, current } = setup();
		const loading = client.load(tinyModel, { contextWindow: 4096 });
		current().crash('SyntaxError: Unexpected token');
		await expect(loading).rejects.toMatchObject({
			code: 'worker-crashed',
			detail: 'the worker failed: SyntaxError: Unexpected token'
		});
	});
});

describe('EngineClient cache requests', () => {
	it('lists cached models, deletes one and unloads', async () => {
		const { client, current } = setup({ cachedModels: [{ modelId: 'tiny-webllm', bytes: 1234 }] });
		expect(await client.cached([tinyModel, onnxModel])).toEqual([{ modelId: 'tiny-webllm', bytes: 1234 }]);
		await client.delete(tinyModel);
		expect(current().adapters.webllm.deleted).toEqual(['tiny-webllm']);
		await client.load(tinyModel, { contextWindow: 4096 });
		await client.unload();
		expect(client.loaded).toBeNull();
		expect(current().adapters.webllm.loaded).toBeNull();
	});
});
