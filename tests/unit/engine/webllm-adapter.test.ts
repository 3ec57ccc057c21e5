import { describe, expect, it } from 'vitest';
import type {
	ChatCompletionChunk,
	ChatCompletionRequestStreaming,
	InitProgressReport,
	MLCEngineConfig
} from '@mlc-ai/web-llm';
import {
	buildAppConfig,
	chatRequest,
	createProgressMapper,
	mapWebLlmError,
	WebLlmAdapter,
	type CacheStorageLike,
	type MLCEngineLike,
	type WebLlmCacheFunctions
} from '../../../src/lib/engine/adapters/webllm';
import { EngineFailure } from '../../../src/lib/engine/errors';
import { DEFAULT_GENERATION, type LoadProgress, type ModelEntry } from '../../../src/lib/engine/protocol';

const model4b: ModelEntry = {
	id: 'Qwen3-4B-q4f16_1-MLC',
	engine: 'webllm',
	label: 'Qwen3 4B',
	paramsB: 4,
	quantization: 'q4f16_1',
	requiresShaderF16: true,
	base: 'https://huggingface.co/mlc-ai/Qwen3-4B-q4f16_1-MLC/resolve/main/',
	modelLib:
		'https://raw.githubusercontent.com/mlc-ai/binary-mlc-llm-libs/main/web-llm-models/v0_2_86/base/Qwen3-4B-q4f16_1_cs1k-webgpu.wasm',
	vramRequiredMB: 3431.59,
	bufferSizeRequiredBytes: 194478080,
	downloadBytes: 2279000000
};

/** An error shaped like web-llm's own classes (they set `name`; the classes are not exported). */
function webllmError(name: string, message: string): Error {
	const error = new Error(message);
	error.name = name;
	return error;
}

interface FakeScript {
	progress?: InitProgressReport[];
	reloadError?: unknown;
	/** reload() only returns when unload() is called (web-llm swallows the AbortError). */
	hangReload?: boolean;
	tokens?: string[];
	chatError?: { afterTokens: number; error: unknown };
	finishReason?: 'stop' | 'length';
}

/**
 * FakeMLCEngine: stands in for web-llm's MLCEngine. It records its config and every request, emits
 * the scripted progress reports and chunks, and behaves like the real engine where the adapter
 * depends on it: the interrupt flag is cleared when a generation starts, an interrupted stream ends
 * with finish_reason 'abort' and still sends the usage chunk, unload() ends a pending reload quietly.
 */
class FakeMLCEngine implements MLCEngineLike {
	readonly config: MLCEngineConfig;
	readonly script: FakeScript;
	readonly reloads: string[] = [];
	readonly requests: ChatCompletionRequestStreaming[] = [];
	interrupts = 0;
	unloads = 0;
	#interrupted = false;
	#endReload: (() => void) | null = null;

	constructor(config: MLCEngineConfig, script: FakeScript) {
		this.config = config;
		this.script = script;
	}

	async reload(modelId: string): Promise<void> {
		this.reloads.push(modelId);
		for (const report of this.script.progress ?? []) this.config.initProgressCallback?.(report);
		if (this.script.hangReload) await new Promise<void>((resolve) => (this.#endReload = resolve));
		if (this.script.reloadError !== undefined) throw this.script.reloadError;
	}

	async unload(): Promise<void> {
		this.unloads++;
		this.#endReload?.();
	}

	interruptGenerate(): void {
		this.interrupts++;
		this.#interrupted = true;
	}

	chat = {
		completions: {
			create: async (
				request: ChatCompletionRequestStreaming
			): Promise<AsyncIterable<ChatCompletionChunk>> => {
				this.requests.push(request);
				return this.#stream();
			}
		}
	};

	async *#stream(): AsyncGenerator<ChatCompletionChunk> {
		this.#interrupted = false;
		const tokens = this.script.tokens ?? ['Rest', ' and', ' drink', ' water.'];
		let sent = 0;
		for (const token of tokens) {
			await Promise.resolve();
			if (this.#interrupted) break;
			if (this.script.chatError && sent === this.script.chatError.afterTokens)
				throw this.script.chatError.error;
			sent++;
			yield chunk({ content: token, finish_reason: null });
		}
		yield chunk({
			content: undefined,
			finish_reason: this.#interrupted ? 'abort' : (this.script.finishReason ?? 'stop')
		});
		yield {
			id: 'c1',
			object: 'chat.completion.chunk',
			created: 0,
			model: 'fake',
			choices: [],
			usage: {
				prompt_tokens: 42,
				completion_tokens: sent,
				total_tokens: 42 + sent,
				extra: {
					e2e_latency_s: 1,
					prefill_tokens_per_s: 512.5,
					decode_tokens_per_s: 18.25,
					time_to_first_token_s: 0.08,
					time_per_output_token_s: 0.055
				}
			}
		};
	}
}

function chunk(choice: {
	content: string | undefined;
	finish_reason: 'stop' | 'length' | 'abort' | null;
}): ChatCompletionChunk {
	return {
		id: 'c1',
		object: 'chat.completion.chunk',
		created: 0,
		model: 'fake',
		choices: [
			{
				index: 0,
				delta: choice.content === undefined ? {} : { role: 'assistant', content: choice.content },
				finish_reason: choice.finish_reason
			}
		]
	};
}

function setup(script: FakeScript = {}, options: { hasWebGpu?: boolean } = {}) {
	const engines: FakeMLCEngine[] = [];
	const adapter = new WebLlmAdapter({
		createEngine: (config) => {
			const engine = new FakeMLCEngine(config, script);
			engines.push(engine);
			return engine;
		},
		hasWebGpu: () => options.hasWebGpu ?? true,
		caches: null
	});
	const progress: LoadProgress[] = [];
	const load = (contextWindow = 4096, signal?: AbortSignal) =>
		adapter.load(model4b, { contextWindow, onProgress: (p) => progress.push(p), signal });
	return { adapter, engines, progress, load };
}

const user = [
	{ role: 'system' as const, content: 'You are a careful health assistant.' },
	{ role: 'user' as const, content: 'I have a mild headache.' }
];

describe('WebLlmAdapter.load', () => {
	it('builds the appConfig from the catalog entry: base, model library, context window, needs', async () => {
		const { engines, load } = setup();
		const info = await load(2048);
		expect(info).toEqual({ engine: 'webllm', modelId: model4b.id, device: 'webgpu', contextWindow: 2048 });
		expect(engines).toHaveLength(1);
		expect(engines[0]?.config.appConfig).toEqual({
			model_list: [
				{
					model: model4b.base,
					model_id: model4b.id,
					model_lib: model4b.modelLib,
					overrides: { context_window_size: 2048 },
					vram_required_MB: 3431.59,
					buffer_size_required_bytes: 194478080,
					required_features: ['shader-f16']
				}
			],
			cacheBackend: 'cache'
		});
		expect(engines[0]?.reloads).toEqual([model4b.id]);
	});

	it('says no-webgpu before creating an engine or downloading anything', async () => {
		const { engines, load } = setup({}, { hasWebGpu: false });
		await expect(load()).rejects.toMatchObject({ code: 'no-webgpu' });
		expect(engines).toHaveLength(0);
	});

	it('unloads the previous model before loading another', async () => {
		const { engines, load } = setup();
		await load();
		await load();
		expect(engines[0]?.unloads).toBe(1);
		expect(engines).toHaveLength(2);
	});

	it('maps reload failures to typed errors', async () => {
		const cases: [unknown, string][] = [
			[
				webllmError(
					'DeviceLostError',
					'The WebGPU device was lost while loading the model. This issue often occurs due to running out of memory (OOM).'
				),
				'device-lost'
			],
			[new DOMException('The quota has been exceeded.', 'QuotaExceededError'), 'quota'],
			[new TypeError('Failed to fetch'), 'network'],
			[webllmError('MissingModelError', 'Missing `model_lib` for the model with ID "x".'), 'model-library']
		];
		for (const [error, code] of cases) {
			const { load } = setup({ reloadError: error });
			await expect(load()).rejects.toMatchObject({ code });
		}
	});

	it('rejects with aborted when cancelled, after telling web-llm to stop its downloads', async () => {
		const { engines, load } = setup({ hangReload: true });
		const controller = new AbortController();
		const loading = load(4096, controller.signal);
		await new Promise((r) => setTimeout(r, 0));
		controller.abort();
		await expect(loading).rejects.toEqual(new EngineFailure('aborted', 'load cancelled'));
		expect(engines[0]?.unloads).toBe(1);
	});
});

describe('WebLlmAdapter.chat', () => {
	it('disables thinking, sends the sampling defaults and asks for usage in the stream', async () => {
		const { adapter, engines, load } = setup();
		await load();
		await adapter.chat(user, DEFAULT_GENERATION, {
			signal: new AbortController().signal,
			onToken: () => undefined
		});
		expect(engines[0]?.requests[0]).toEqual({
			messages: [
				{ role: 'system', content: 'You are a careful health assistant.' },
				{ role: 'user', content: 'I have a mild headache.' }
			],
			stream: true,
			stream_options: { include_usage: true },
			temperature: 0.3,
			top_p: 0.9,
			repetition_penalty: 1.1,
			max_tokens: 768,
			extra_body: { enable_thinking: false }
		});
	});

	it('streams deltas and returns the text, finish reason and usage from the last chunk', async () => {
		const { adapter, load } = setup({ finishReason: 'length' });
		await load();
		const deltas: string[] = [];
		const result = await adapter.chat(user, DEFAULT_GENERATION, {
			signal: new AbortController().signal,
			onToken: (d) => deltas.push(d)
		});
		expect(deltas).toEqual(['Rest', ' and', ' drink', ' water.']);
		expect(result).toEqual({
			text: 'Rest and drink water.',
			finishReason: 'length',
			usage: {
				promptTokens: 42,
				completionTokens: 4,
				prefillTokensPerSecond: 512.5,
				decodeTokensPerSecond: 18.25
			}
		});
	});

	it('stops through interruptGenerate and keeps the partial text', async () => {
		const { adapter, engines, load } = setup({ tokens: ['One', ' two', ' three', ' four', ' five'] });
		await load();
		const controller = new AbortController();
		const result = await adapter.chat(user, DEFAULT_GENERATION, {
			signal: controller.signal,
			onToken: (d) => {
				if (d === ' two') controller.abort();
			}
		});
		expect(engines[0]?.interrupts).toBeGreaterThan(0);
		expect(result.text).toBe('One two');
		expect(result.finishReason).toBe('abort');
		expect(result.usage.completionTokens).toBe(2);
	});

	it('repeats the interrupt when web-llm cleared it at the start of generation', async () => {
		const { adapter, load } = setup();
		await load();
		const controller = new AbortController();
		const answer = adapter.chat(user, DEFAULT_GENERATION, {
			signal: controller.signal,
			onToken: () => undefined
		});
		controller.abort(); // before the stream's first chunk: web-llm then resets its flag
		const result = await answer;
		expect(result).toMatchObject({ text: 'Rest', finishReason: 'abort' });
	});

	it('says not-loaded before a model is ready', async () => {
		const { adapter } = setup();
		await expect(
			adapter.chat(user, DEFAULT_GENERATION, {
				signal: new AbortController().signal,
				onToken: () => undefined
			})
		).rejects.toMatchObject({ code: 'not-loaded' });
	});

	it('keeps the partial text when the device is lost mid-answer, and forgets the model', async () => {
		const lost = webllmError(
			'Error',
			'Device was lost. This can happen due to insufficient memory or other GPU constraints.'
		);
		const { adapter, load } = setup({ chatError: { afterTokens: 2, error: lost } });
		await load();
		const signal = new AbortController().signal;
		const failure = await adapter
			.chat(user, DEFAULT_GENERATION, { signal, onToken: () => undefined })
			.catch((e: unknown) => e);
		expect(failure).toBeInstanceOf(EngineFailure);
		expect(failure).toMatchObject({ code: 'device-lost', partialText: 'Rest and' });
		await expect(
			adapter.chat(user, DEFAULT_GENERATION, { signal, onToken: () => undefined })
		).rejects.toMatchObject({
			code: 'not-loaded'
		});
	});
});

describe('chatRequest', () => {
	it('falls back to the defaults for values out of range and bounds max_tokens by the context window', () => {
		const request = chatRequest(
			user,
			{ temperature: Number.NaN, top_p: 3, repetition_penalty: -1, max_tokens: 100000 },
			2048
		);
		expect(request).toMatchObject({
			temperature: 0.3,
			top_p: 0.9,
			repetition_penalty: 1.1,
			max_tokens: 2048
		});
		expect(chatRequest(user, { temperature: 0.7, max_tokens: 256 }, 4096)).toMatchObject({
			temperature: 0.7,
			top_p: 0.9,
			max_tokens: 256
		});
	});
});

describe('buildAppConfig', () => {
	it('leaves out what the entry does not say and never adds shader-f16 to q4f32 models', () => {
		const f32: ModelEntry = { ...model4b, id: 'Qwen3-4B-q4f32_1-MLC', requiresShaderF16: false };
		delete f32.vramRequiredMB;
		delete f32.bufferSizeRequiredBytes;
		expect(buildAppConfig([f32], () => 4096).model_list[0]).toEqual({
			model: f32.base,
			model_id: 'Qwen3-4B-q4f32_1-MLC',
			model_lib: f32.modelLib,
			overrides: { context_window_size: 4096 }
		});
	});
});

describe('createProgressMapper', () => {
	// Texts exactly as web-llm 0.2.86 (tvmjs) writes them.
	const fetching = (i: number, n: number, mb: number, pct: number) =>
		`Fetching param cache[${i}/${n}]: ${mb}MB fetched. ${pct}% completed, ${i} secs elapsed. It can take a while when we first visit this page to populate the cache. Later refreshes will become faster.`;

	it('maps a first visit: download 0–80 %, loading onto the GPU, shaders, finish', () => {
		const map = createProgressMapper();
		const start = map({ progress: 0, timeElapsed: 0, text: 'Start to fetch params' });
		expect(start).toMatchObject({ phase: 'download', fraction: 0 });
		const half = map({ progress: 0.5, timeElapsed: 10, text: fetching(20, 40, 1100, 50) });
		expect(half).toMatchObject({
			phase: 'download',
			fraction: 0.4,
			loadedBytes: 1100 * 1048576,
			totalBytes: 2200 * 1048576
		});
		const done = map({ progress: 1, timeElapsed: 20, text: fetching(40, 40, 2200, 100) });
		expect(done.fraction).toBeCloseTo(0.8);
		const gpu = map({
			progress: 0.5,
			timeElapsed: 22,
			text: 'Loading model from cache[20/40]: 1100MB loaded. 50% completed, 22 secs elapsed.'
		});
		expect(gpu).toMatchObject({ phase: 'init', loadedBytes: null });
		expect(gpu.fraction).toBeCloseTo(0.875);
		expect(gpu.cachedFiles).toBeUndefined();
		const shaders = map({
			progress: 0.5,
			timeElapsed: 1,
			text: 'Loading GPU shader modules[30/60]: 50% completed, 1 secs elapsed.'
		});
		expect(shaders.phase).toBe('compile');
		expect(shaders.fraction).toBeCloseTo(0.975);
		const finish = map({ progress: 1, timeElapsed: 25, text: 'Finish loading on WebGPU - google' });
		expect(finish).toMatchObject({ phase: 'init', fraction: 1, detail: 'Finish loading on WebGPU - google' });
	});

	it('recognises a model that is all in the cache: no download, the cached file count', () => {
		const map = createProgressMapper();
		map({ progress: 0, timeElapsed: 0, text: 'Start to fetch params' });
		const loading = map({
			progress: 0.25,
			timeElapsed: 1,
			text: 'Loading model from cache[10/40]: 550MB loaded. 25% completed, 1 secs elapsed.'
		});
		expect(loading).toMatchObject({ phase: 'init', cachedFiles: 40 });
		expect(loading.fraction).toBeCloseTo(0.2125);
	});

	it('never moves backwards, and keeps the phase for texts it does not know', () => {
		const map = createProgressMapper();
		map({ progress: 0.5, timeElapsed: 1, text: fetching(1, 2, 10, 50) });
		const odd = map({ progress: 0.1, timeElapsed: 2, text: 'Something new in a later web-llm' });
		expect(odd).toMatchObject({
			phase: 'download',
			fraction: 0.4,
			detail: 'Something new in a later web-llm'
		});
	});
});

describe('mapWebLlmError', () => {
	it('recognises web-llm, browser and runtime errors', () => {
		const table: [unknown, string][] = [
			[
				webllmError('WebGPUNotAvailableError', 'WebGPU is not supported in your current environment'),
				'no-webgpu'
			],
			[webllmError('WebGPUNotFoundError', 'Cannot find WebGPU in the environment'), 'no-webgpu'],
			[
				new Error(
					'Cannot initialize runtime because of requested maxStorageBufferBindingSize exceeds limit. requested=128MB, limit=64MB. '
				),
				'no-webgpu'
			],
			[webllmError('DeviceLostError', 'The WebGPU device was lost while loading the model.'), 'device-lost'],
			[new DOMException('Quota exceeded', 'QuotaExceededError'), 'quota'],
			[new TypeError('Failed to fetch'), 'network'],
			[new TypeError('NetworkError when attempting to fetch resource.'), 'network'],
			[new TypeError('Load failed'), 'network'],
			[new TypeError("Failed to execute 'add' on 'Cache': Request failed"), 'network'],
			[
				webllmError('ShaderF16SupportError', 'This model requires WebGPU extension shader-f16'),
				'model-library'
			],
			[new WebAssembly.CompileError('WebAssembly.instantiate(): expected magic word'), 'model-library'],
			[
				webllmError('IntegrityError', 'Integrity verification failed for https://x/tensor-cache.json'),
				'model-files'
			],
			[new SyntaxError('Unexpected token < in JSON at position 0'), 'model-files'],
			[
				webllmError('ContextWindowSizeExceededError', 'Prompt tokens exceed context window size'),
				'context-overflow'
			],
			[new DOMException('The operation was aborted.', 'AbortError'), 'aborted'],
			[new Error('something else'), 'unknown'],
			['a string', 'unknown']
		];
		for (const [error, code] of table) expect(mapWebLlmError(error).code, String(error)).toBe(code);
	});

	it('keeps the name and message as detail', () => {
		expect(mapWebLlmError(new TypeError('Failed to fetch'))).toEqual({
			code: 'network',
			detail: 'TypeError: Failed to fetch'
		});
	});
});

describe('WebLlmAdapter.cached and delete', () => {
	/** FakeCacheStorage: an in-memory Cache API with the three web-llm scopes. */
	function fakeCaches(entries: Record<string, Record<string, number>>) {
		const stores = new Map<string, Map<string, number>>();
		for (const [scope, files] of Object.entries(entries)) stores.set(scope, new Map(Object.entries(files)));
		const storage: CacheStorageLike = {
			async open(name) {
				const store = stores.get(name) ?? new Map<string, number>();
				stores.set(name, store);
				return {
					async keys() {
						return [...store.keys()].map((url) => new Request(url));
					},
					async match(request: RequestInfo | URL) {
						const url = request instanceof Request ? request.url : String(request);
						const size = store.get(url);
						return size === undefined
							? undefined
							: new Response('x', { headers: { 'content-length': String(size) } });
					},
					async delete(request: RequestInfo | URL) {
						const url = request instanceof Request ? request.url : String(request);
						return store.delete(url);
					}
				};
			}
		};
		return { storage, stores };
	}

	function cacheFunctions(present: Set<string>) {
		const deleted: string[] = [];
		const fns: WebLlmCacheFunctions = {
			async hasModelInCache(id, appConfig) {
				expect(appConfig.model_list.some((r) => r.model_id === id)).toBe(true);
				return present.has(id);
			},
			async deleteModelAllInfoInCache(id) {
				deleted.push(id);
			}
		};
		return { fns, deleted };
	}

	it('lists cached models with the bytes their files take', async () => {
		const base = model4b.base;
		const { storage } = fakeCaches({
			'webllm/model': {
				[`${base}tensor-cache.json`]: 1000,
				[`${base}params_shard_0.bin`]: 30000000,
				'https://other/x': 5
			},
			'webllm/config': { [`${base}mlc-chat-config.json`]: 2000 },
			'webllm/wasm': { [model4b.modelLib ?? '']: 4000000 }
		});
		const { fns } = cacheFunctions(new Set([model4b.id]));
		const adapter = new WebLlmAdapter({ caches: storage, cacheFunctions: async () => fns });
		const other = { ...model4b, id: 'Qwen3-0.6B-q4f16_1-MLC', base: 'https://h/0.6/resolve/main/' };
		expect(await adapter.cached([model4b, other])).toEqual([{ modelId: model4b.id, bytes: 34003000 }]);
	});

	it('deletes through web-llm when its manifest is cached, then sweeps what a partial download left', async () => {
		const base = model4b.base;
		const { storage, stores } = fakeCaches({
			'webllm/model': { [`${base}tensor-cache.json`]: 1000, [`${base}params_shard_0.bin`]: 30000000 },
			'webllm/wasm': { [model4b.modelLib ?? '']: 4000000, 'https://keep/other.wasm': 1 }
		});
		const { fns, deleted } = cacheFunctions(new Set());
		const adapter = new WebLlmAdapter({ caches: storage, cacheFunctions: async () => fns });
		await adapter.delete(model4b);
		expect(deleted).toEqual([model4b.id]);
		expect([...(stores.get('webllm/model')?.keys() ?? [])]).toEqual([]);
		expect([...(stores.get('webllm/wasm')?.keys() ?? [])]).toEqual(['https://keep/other.wasm']);
	});
});
