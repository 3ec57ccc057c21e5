// Token counting across the worker boundary (`count` request): the client, the host, the fake
// adapter's deterministic count, and how the web-llm adapter reaches the tokenizer of its loaded
// model; plus the thinking header web-llm records for each answer, which earlier answers must carry
// for its KV cache to be reused.
import { describe, expect, it } from 'vitest';
import { FakeEngineAdapter } from '$lib/engine/adapters/fake';
import {
	chatRequest,
	EMPTY_THINKING_HEADER,
	pipelineTokenizer,
	recordedReply,
	WebLlmAdapter,
	type MLCEngineLike
} from '$lib/engine/adapters/webllm';
import { EngineClient, type WorkerLike } from '$lib/engine/client';
import { createWorkerHost } from '$lib/engine/host';
import { isWorkerRequest } from '$lib/engine/messages';
import {
	DEFAULT_GENERATION,
	type ModelEntry,
	type WorkerEvent,
	type WorkerRequest
} from '$lib/engine/protocol';

const model: ModelEntry = {
	id: 'fake-model',
	engine: 'webllm',
	label: 'Fake',
	paramsB: 0.001,
	quantization: 'none',
	requiresShaderF16: false,
	base: 'http://localhost/fake/resolve/main/',
	modelLib: 'http://localhost/fake.wasm',
	downloadBytes: 1
};

/** A Worker without a thread (a test double): structured clones, a microtask, the real host. */
function workerForTests(answer?: (request: WorkerRequest) => WorkerEvent | null): WorkerLike & {
	adapter: FakeEngineAdapter;
	requests: WorkerRequest[];
} {
	const target = new EventTarget();
	const adapter = new FakeEngineAdapter({ loadSteps: 1 });
	const requests: WorkerRequest[] = [];
	const reply = (event: WorkerEvent) =>
		queueMicrotask(() => target.dispatchEvent(new MessageEvent('message', { data: structuredClone(event) })));
	const host = createWorkerHost(reply, { webllm: () => adapter, onnx: () => adapter });
	return {
		adapter,
		requests,
		postMessage(message) {
			const copy = structuredClone(message);
			requests.push(copy);
			const scripted = answer?.(copy);
			if (scripted) reply(scripted);
			else queueMicrotask(() => host.handle(copy));
		},
		terminate: () => undefined,
		addEventListener: (type, listener) => target.addEventListener(type, listener)
	};
}

describe('EngineClient.countTokens', () => {
	it('counts with the loaded model, one count per text, in order', async () => {
		const worker = workerForTests();
		const client = new EngineClient({ createWorker: () => worker });
		await client.load(model, { contextWindow: 4096 });
		expect(await client.countTokens(['abc', '发烧了', ''])).toEqual([3, 3, 0]);
		expect(worker.requests.at(-1)).toMatchObject({ type: 'count', texts: ['abc', '发烧了', ''] });
		client.dispose();
	});

	it('is refused with not-loaded before a model is ready', async () => {
		const client = new EngineClient({ createWorker: () => workerForTests() });
		await expect(client.countTokens(['abc'])).rejects.toMatchObject({ code: 'not-loaded' });
		client.dispose();
	});

	it('asks nothing for no texts, and refuses an answer that is not one count per text', async () => {
		const worker = workerForTests((request) =>
			request.type === 'count' ? { type: 'result', id: request.id, value: [1] } : null
		);
		const client = new EngineClient({ createWorker: () => worker });
		expect(await client.countTokens([])).toEqual([]);
		expect(worker.requests).toEqual([]);
		await expect(client.countTokens(['a', 'b'])).rejects.toMatchObject({ code: 'unknown' });
		client.dispose();
	});
});

describe('the count request', () => {
	it('is a well-formed request only with a list of strings', () => {
		expect(isWorkerRequest({ type: 'count', id: 1, texts: ['a'] })).toBe(true);
		expect(isWorkerRequest({ type: 'count', id: 1, texts: [1] })).toBe(false);
		expect(isWorkerRequest({ type: 'count', id: 1 })).toBe(false);
	});
});

/** web-llm's engine as far as counting goes (a test double): its private pipeline map. */
function fakeWebLlm(pipelines: Map<string, unknown> | undefined): MLCEngineLike {
	const engine = {
		reload: async () => undefined,
		unload: async () => undefined,
		interruptGenerate: () => undefined,
		chat: { completions: { create: () => Promise.reject(new Error('not in this test')) } }
	};
	return pipelines ? Object.assign(engine, { loadedModelIdToPipeline: pipelines }) : engine;
}

const splitTokenizer = { encode: (text: string) => Int32Array.from(text.split(' '), () => 1) };

describe('pipelineTokenizer', () => {
	it('finds the tokenizer web-llm loaded for the model', () => {
		const engine = fakeWebLlm(new Map([['fake-model', { tokenizer: splitTokenizer }]]));
		expect(pipelineTokenizer(engine, 'fake-model')).toBe(splitTokenizer);
		expect(pipelineTokenizer(engine, 'other')).toBeNull();
	});

	it('gives null when web-llm lays its engine out differently', () => {
		expect(pipelineTokenizer(fakeWebLlm(undefined), 'fake-model')).toBeNull();
		expect(
			pipelineTokenizer(fakeWebLlm(new Map([['fake-model', { tokenizer: {} }]])), 'fake-model')
		).toBeNull();
	});
});

describe('WebLlmAdapter.countTokens', () => {
	const adapterWith = (engine: MLCEngineLike) =>
		new WebLlmAdapter({ createEngine: () => engine, hasWebGpu: () => true, caches: null });

	it('counts with the loaded model’s tokenizer', async () => {
		const adapter = adapterWith(fakeWebLlm(new Map([['fake-model', { tokenizer: splitTokenizer }]])));
		await expect(adapter.countTokens(['a'])).rejects.toMatchObject({ code: 'not-loaded' });
		await adapter.load(model, { contextWindow: 4096, onProgress: () => undefined });
		expect(await adapter.countTokens(['one two three', 'four'])).toEqual([3, 1]);
	});

	it('says so when the tokenizer cannot be reached (the budget then estimates)', async () => {
		const adapter = adapterWith(fakeWebLlm(undefined));
		await adapter.load(model, { contextWindow: 4096, onProgress: () => undefined });
		await expect(adapter.countTokens(['a'])).rejects.toMatchObject({ code: 'unknown' });
	});
});

describe('recordedReply', () => {
	it('sends earlier answers back with the empty thinking header web-llm recorded for them', () => {
		expect(EMPTY_THINKING_HEADER).toBe('<think>\n\n</think>\n\n');
		expect(recordedReply('Rest.')).toBe('<think>\n\n</think>\n\nRest.');
		expect(recordedReply('<think>x</think>Rest.')).toBe('<think>x</think>Rest.');
		const request = chatRequest(
			[
				{ role: 'system', content: 'S' },
				{ role: 'user', content: 'Q1' },
				{ role: 'assistant', content: 'A1' },
				{ role: 'user', content: 'Q2' }
			],
			DEFAULT_GENERATION,
			4096
		);
		expect(request.messages.map((m) => m.content)).toEqual(['S', 'Q1', '<think>\n\n</think>\n\nA1', 'Q2']);
	});
});
