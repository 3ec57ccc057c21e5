// The ONNX engine adapter: runs a catalog model with transformers.js (ONNX Runtime Web on WebGPU or
// WASM). Imported only inside the llm worker; the main thread never loads transformers.js.
//
// Owns: loading a model from its catalog base, streaming generation with abort, usage measurement,
// listing and removing a model's files in the browser cache. The transformers.js configuration, the
// fetch guard, download progress and the mapping of failures to EngineError codes are shared with the
// embedder: src/lib/engine/transformers-env.ts.
//
// Invariants:
// - transformers.js fetches only under the loading model's `base` (a path on the app's origin or an
//   absolute mirror URL): its `env.fetch` refuses every other URL, so no request reaches huggingface.co
//   or a CDN unless the catalog names it. ONNX Runtime's wasm is the content-hashed copy the build emits
//   on the app's own origin (the service worker keeps it with the rest of the engine code).
// - Every file is cached in the Cache API ('transformers-cache') under its absolute URL (`base + file`),
//   so an offline reload answers again; `cached()` and `delete()` work on exactly those keys.
// - The chat template is applied with `enable_thinking: false`; the stream is the model's text as is
//   (reasoning tags are the app's `finish` concern). The resolved `text` is exactly the concatenation of
//   the deltas given to `onToken`.
// - Errors leave this module as `EngineFailure` (src/lib/engine/errors.ts) with a code from
//   `toOnnxEngineError`; a cancelled load rejects with 'aborted', a chat's abort resolves (finishReason
//   'abort') with the text so far. After a failure inside ONNX Runtime (see `breaksOnnxRuntime`) every
//   later load or chat of this adapter fails at once, saying the worker must be restarted.
import {
	env,
	InterruptableStoppingCriteria,
	pipeline,
	TextStreamer,
	type DataType,
	type ProgressInfo,
	type TextGenerationPipeline
} from '@huggingface/transformers';
import { EngineFailure } from '../errors';
import { externalDataChunks, ONNX_DTYPE_SUFFIX } from '../onnx-files';
import { ORT_WASM_URL } from '../ort-wasm';
import type {
	AdapterChatOptions,
	AdapterChatResult,
	AdapterLoadOptions,
	CachedModel,
	ChatTurn,
	EngineAdapter,
	GenerationParams,
	ModelEntry,
	OnnxDevice,
	ReadyInfo,
	Usage
} from '../protocol';
import {
	allowModelFetches,
	breaksOnnxRuntime,
	cachedResponse,
	cachedResponses,
	configureTransformers,
	endModelFetches,
	lastFetchFailure,
	LoadProgressTracker,
	MODEL_CACHE,
	modelLocation,
	OPTIONAL_FILES,
	prepareOnnxRuntime,
	record,
	responseBytes,
	toOnnxEngineError,
	webGpuAdapterAvailable,
	type OnnxRuntime
} from '../transformers-env';

// The shared transformers.js pieces this adapter is known by (tests and callers import them from here).
export {
	breaksOnnxRuntime,
	configureTransformers,
	LoadProgressTracker,
	MODEL_CACHE,
	modelLocation,
	toOnnxEngineError,
	type ModelLocation,
	type OnnxRuntime
} from '../transformers-env';

export interface OnnxAdapterOptions {
	/** Default 'web'. */
	runtime?: OnnxRuntime;
	/**
	 * What a path base ('/models/x/') resolves against; default the worker's own location. Model files are
	 * cached in `globalThis.caches` (the Cache API transformers.js uses), when there is one.
	 */
	origin?: string;
}

/**
 * The dtype a model loads with on a device: the catalog's, else transformers.js's device default.
 * @throws EngineFailure 'model-files' for a dtype transformers.js does not know
 */
export function dtypeFor(model: ModelEntry, device: OnnxDevice): DataType {
	const dtype = model.dtype?.[device] ?? (device === 'wasm' ? 'q8' : 'fp32');
	if (!isDataType(dtype)) {
		throw new EngineFailure('model-files', `Unknown ONNX dtype "${dtype}" for ${model.id} on ${device}`);
	}
	return dtype;
}

function isDataType(dtype: string): dtype is Exclude<DataType, 'auto'> {
	return Object.hasOwn(ONNX_DTYPE_SUFFIX, dtype);
}

/**
 * The files the text-generation pipeline fetches for a model with this dtype, relative to its base:
 * what transformers.js 4.3.1 loads (config, the ONNX graph and its external-data chunks, generation
 * config, tokenizer). `config` is the model's config.json, when known: it names external data.
 * @throws Error for a dtype transformers.js does not know
 */
export function modelFiles(dtype: string, config?: unknown, device?: OnnxDevice): string[] {
	const suffix = ONNX_DTYPE_SUFFIX[dtype];
	if (suffix === undefined) throw new Error(`Unknown ONNX dtype "${dtype}".`);
	const onnxFile = `model${suffix}.onnx`;
	const files = ['config.json', `onnx/${onnxFile}`];
	for (const chunk of externalDataChunks(config, onnxFile, device)) files.push(`onnx/${chunk}`);
	files.push('generation_config.json', 'tokenizer.json', 'tokenizer_config.json');
	return files;
}

// ————— Usage and finish reason —————

export interface GenerationTimes {
	promptTokens: number;
	completionTokens: number;
	/** performance.now() when generation started, when the first token came, when it ended. */
	startedAt: number;
	firstTokenAt: number | null;
	endedAt: number;
}

/**
 * Usage from timestamps. Prefill speed is prompt tokens over the time to the first token (which
 * includes one decode step: the usual approximation); decode speed is the later tokens over the time
 * after the first. null when there is nothing to measure.
 */
export function measureUsage(times: GenerationTimes): Usage {
	const { promptTokens, completionTokens, startedAt, firstTokenAt, endedAt } = times;
	const prefillMs = firstTokenAt === null ? 0 : firstTokenAt - startedAt;
	const decodeMs = firstTokenAt === null ? 0 : endedAt - firstTokenAt;
	return {
		promptTokens,
		completionTokens,
		prefillTokensPerSecond: prefillMs > 0 && promptTokens > 0 ? (1000 * promptTokens) / prefillMs : null,
		decodeTokensPerSecond:
			decodeMs > 0 && completionTokens > 1 ? (1000 * (completionTokens - 1)) / decodeMs : null
	};
}

/**
 * Why generation ended: an end-of-sequence token is a natural 'stop' (even if an abort arrived in the
 * same step), else an interrupt is 'abort', else reaching max_new_tokens is 'length'.
 */
export function finishReason(state: {
	lastToken: number | null;
	eosTokenIds: number[];
	aborted: boolean;
	completionTokens: number;
	maxNewTokens: number;
}): 'stop' | 'length' | 'abort' {
	if (state.lastToken !== null && state.eosTokenIds.includes(state.lastToken)) return 'stop';
	if (state.aborted) return 'abort';
	if (state.completionTokens >= state.maxNewTokens) return 'length';
	return 'stop';
}

// ————— The adapter —————

interface Loaded {
	model: ModelEntry;
	generator: TextGenerationPipeline;
	eosTokenIds: number[];
	contextWindow: number;
}

/**
 * The ONNX engine. One instance per worker holds at most one model. transformers.js memoizes a model's
 * config and file metadata by model id (the base's last folder) for the worker's lifetime, so two catalog
 * entries should not have bases ending in the same folder name.
 */
export class OnnxAdapter implements EngineAdapter {
	readonly kind = 'onnx';
	#runtime: OnnxRuntime;
	#origin: string | undefined;
	#loaded: Loaded | null = null;
	/** Set when ONNX Runtime failed in a way transformers.js keeps (see breaksOnnxRuntime; web only). */
	#broken: EngineFailure | null = null;

	constructor(options: OnnxAdapterOptions = {}) {
		this.#runtime = options.runtime ?? 'web';
		this.#origin = options.origin ?? globalThis.location?.href;
		configureTransformers(this.#runtime, this.#runtime === 'web' ? ORT_WASM_URL : undefined);
	}

	/**
	 * Loads a model on `options.device` (default: WebGPU when an adapter is available, else WASM), from
	 * the browser cache where its files are there, else from its base. Cancelling (`options.signal`)
	 * aborts the downloads; the load then rejects with 'aborted' (a session being created is let finish
	 * and dropped).
	 * @throws EngineFailure 'aborted' | 'no-webgpu' | 'network' | 'quota' | 'model-files' | 'device-lost' |
	 * 'unknown'
	 */
	async load(model: ModelEntry, options: AdapterLoadOptions): Promise<ReadyInfo> {
		const { signal } = options;
		if (model.engine !== 'onnx') {
			throw new EngineFailure('unknown', `${model.id} is a ${model.engine} model, not an ONNX one`);
		}
		await this.unload();
		if (signal?.aborted) throw new EngineFailure('aborted', 'load cancelled before it started');
		if (this.#broken) throw this.#broken;
		const device = options.device ?? (await this.#preferredDevice());
		if (device === 'webgpu' && this.#runtime === 'web' && !(await webGpuAdapterAvailable())) {
			throw new EngineFailure('no-webgpu', 'WebGPU was requested but no adapter is available');
		}
		const dtype = dtypeFor(model, device);
		const location = modelLocation(model.base, this.#origin);
		const files = modelFiles(dtype);
		const cachedFiles = (await cachedResponses(location.url, files)).filter(Boolean).length;
		const tracker = new LoadProgressTracker(options.onProgress, files, cachedFiles);

		configureTransformers(this.#runtime, this.#runtime === 'web' ? ORT_WASM_URL : undefined);
		env.remoteHost = location.root;
		allowModelFetches(location.url, signal);
		let generator: TextGenerationPipeline;
		try {
			if (this.#runtime === 'web') {
				await prepareOnnxRuntime(this.#origin ?? location.url, signal, options.onProgress);
			}
			generator = await pipeline('text-generation', location.id, {
				device: this.#runtime === 'node' && device === 'wasm' ? 'cpu' : device,
				dtype,
				progress_callback: (info: ProgressInfo) => tracker.update(info)
			});
		} catch (error) {
			if (signal?.aborted && !breaksOnnxRuntime(error)) throw new EngineFailure('aborted', 'load cancelled');
			throw this.#failure(error, { networkFailure: lastFetchFailure() });
		} finally {
			endModelFetches();
		}
		if (signal?.aborted) {
			await generator.dispose();
			throw new EngineFailure('aborted', 'load cancelled');
		}
		const contextWindow = model.contextWindow ?? options.contextWindow;
		this.#loaded = { model, generator, eosTokenIds: eosTokenIds(generator), contextWindow };
		return { engine: 'onnx', modelId: model.id, device, contextWindow };
	}

	/**
	 * Streams the answer to `messages`. Abort (`options.signal`) stops after the current step and resolves
	 * with finishReason 'abort' and the text so far. max_tokens is capped by what the context window
	 * leaves after the prompt.
	 * @throws EngineFailure 'not-loaded' | 'context-overflow' (the prompt fills the context window) |
	 * 'device-lost' | 'unknown'
	 */
	async chat(
		messages: ChatTurn[],
		params: GenerationParams,
		options: AdapterChatOptions
	): Promise<AdapterChatResult> {
		const loaded = this.#loaded;
		if (!loaded) throw new EngineFailure('not-loaded', 'chat before a model is loaded');
		if (this.#broken) throw this.#broken;
		const { generator } = loaded;
		const startedAt = performance.now();
		let text = '';
		try {
			const templateOptions = {
				add_generation_prompt: true,
				enable_thinking: false,
				tokenize: true,
				return_dict: true
			} as const;
			const inputs = generator.tokenizer.apply_chat_template(
				messages.map(({ role, content }) => ({ role, content })),
				templateOptions
			);
			const promptTokens = inputs.input_ids.dims.at(-1) ?? 0;
			if (promptTokens >= loaded.contextWindow) {
				throw new EngineFailure(
					'context-overflow',
					`the prompt has ${promptTokens} tokens; the context window holds ${loaded.contextWindow}`
				);
			}
			const maxNewTokens = Math.min(params.max_tokens, loaded.contextWindow - promptTokens);

			const stopper = new InterruptableStoppingCriteria();
			const interrupt = () => stopper.interrupt();
			if (options.signal.aborted) interrupt();
			options.signal.addEventListener('abort', interrupt, { once: true });

			let completionTokens = 0;
			let firstTokenAt: number | null = null;
			let lastToken: number | null = null;
			const streamer = new TextStreamer(generator.tokenizer, {
				skip_prompt: true,
				skip_special_tokens: true,
				callback_function: (delta: string) => {
					text += delta;
					options.onToken(delta);
				},
				token_callback_function: (tokens: bigint[]) => {
					firstTokenAt ??= performance.now();
					completionTokens += tokens.length;
					const last = tokens.at(-1);
					if (last !== undefined) lastToken = Number(last);
				}
			});
			const restore = yieldBetweenSteps(generator);
			try {
				if (!stopper.interrupted) {
					await generator.model.generate({
						...inputs,
						max_new_tokens: maxNewTokens,
						do_sample: params.temperature > 0,
						temperature: params.temperature > 0 ? params.temperature : 1,
						top_p: params.top_p,
						repetition_penalty: params.repetition_penalty,
						streamer,
						stopping_criteria: [stopper]
					});
				}
			} finally {
				restore();
				options.signal.removeEventListener('abort', interrupt);
			}
			const endedAt = performance.now();
			return {
				text,
				finishReason: finishReason({
					lastToken,
					eosTokenIds: loaded.eosTokenIds,
					aborted: stopper.interrupted,
					completionTokens,
					maxNewTokens
				}),
				usage: measureUsage({ promptTokens, completionTokens, startedAt, firstTokenAt, endedAt })
			};
		} catch (error) {
			throw this.#failure(error, {}, text);
		}
	}

	async unload(): Promise<void> {
		const loaded = this.#loaded;
		this.#loaded = null;
		await loaded?.generator.dispose();
	}

	/**
	 * Which models have every file of one of their device variants in the browser cache, with the bytes
	 * those files take. Never fetches: config.json is read from the cache to find external data. Entries
	 * this adapter cannot load (another engine, a bad base or dtype) are left out.
	 */
	async cached(models: ModelEntry[]): Promise<CachedModel[]> {
		const result: CachedModel[] = [];
		for (const model of models) {
			if (model.engine !== 'onnx') continue;
			const variants = await this.#cachedVariants(model).catch(() => []);
			const complete = variants.filter((variant) => variant.complete);
			if (complete.length === 0) continue;
			const sizes = new Map<string, number | null>();
			for (const variant of complete) for (const [url, bytes] of variant.bytes) sizes.set(url, bytes);
			const all = [...sizes.values()];
			result.push({
				modelId: model.id,
				bytes: all.every((b) => b !== null) ? all.reduce((sum: number, b) => sum + (b ?? 0), 0) : null
			});
		}
		return result;
	}

	/**
	 * Each text's tokens for the loaded model's tokenizer (the one its chat template runs with), without
	 * special tokens. @throws EngineFailure 'not-loaded'
	 */
	async countTokens(texts: string[]): Promise<number[]> {
		const loaded = this.#loaded;
		if (!loaded) throw new EngineFailure('not-loaded', 'count before a model is loaded');
		const { tokenizer } = loaded.generator;
		return texts.map((text) => tokenizer.encode(text, { add_special_tokens: false }).length);
	}

	/** Removes every cached file of the model (all device variants). Never fetches. */
	async delete(model: ModelEntry): Promise<void> {
		if (typeof caches === 'undefined') return;
		const cache = await caches.open(MODEL_CACHE);
		const urls = new Set<string>();
		for (const variant of await this.#cachedVariants(model)) for (const url of variant.urls) urls.add(url);
		await Promise.all([...urls].map((url) => cache.delete(url)));
	}

	/** Maps a failure; one that breaks ONNX Runtime in this worker is remembered and named as such. */
	#failure(error: unknown, context: { networkFailure?: unknown }, partialText?: string): EngineFailure {
		if (error instanceof EngineFailure) return error;
		const { code, detail } = toOnnxEngineError(error, context);
		const failure = new EngineFailure(code, detail, partialText);
		failure.cause = error;
		if (this.#runtime === 'web' && breaksOnnxRuntime(error)) {
			this.#broken = new EngineFailure(
				code,
				`ONNX Runtime failed earlier in this worker and keeps failing until the worker is restarted: ${detail}`
			);
		}
		return failure;
	}

	async #preferredDevice(): Promise<OnnxDevice> {
		return this.#runtime === 'web' && (await webGpuAdapterAvailable()) ? 'webgpu' : 'wasm';
	}

	/** For each device's dtype: the file URLs, which are cached, and their sizes. */
	async #cachedVariants(model: ModelEntry) {
		const location = modelLocation(model.base, this.#origin);
		const configResponse = await cachedResponse(`${location.url}config.json`);
		const config: unknown = configResponse ? await configResponse.json().catch(() => undefined) : undefined;
		const devices: OnnxDevice[] = ['webgpu', 'wasm'];
		return Promise.all(
			devices.map(async (device) => {
				const files = modelFiles(dtypeFor(model, device), config, device);
				const urls = files.map((file) => `${location.url}${file}`);
				const responses = await cachedResponses(location.url, files);
				const bytes = new Map<string, number | null>();
				let complete = true;
				for (const [i, response] of responses.entries()) {
					const url = urls[i] ?? '';
					if (response) bytes.set(url, await responseBytes(response));
					else if (!OPTIONAL_FILES.has(files[i] ?? '')) complete = false;
				}
				return { device, urls, bytes, complete };
			})
		);
	}
}

// ————— Helpers —————

/** The generation config's end-of-sequence ids (Qwen3: <|im_end|>, <|endoftext|>). */
function eosTokenIds(generator: TextGenerationPipeline): number[] {
	const configured =
		record(generator.model.generation_config).eos_token_id ?? record(generator.model.config).eos_token_id;
	const ids = Array.isArray(configured) ? configured : [configured];
	return ids.filter((id): id is number => typeof id === 'number');
}

/**
 * Makes each generation step wait for the next task, so an 'abort' message posted to the worker is
 * handled mid-answer (ONNX Runtime's WASM backend can otherwise resolve every step as a microtask,
 * starving the worker's message queue until the answer ends). Returns the function that undoes it.
 */
function yieldBetweenSteps(generator: TextGenerationPipeline): () => void {
	const model = generator.model;
	const original = model.forward;
	model.forward = async function (this: unknown, inputs: unknown) {
		await nextTask();
		return original.call(model, inputs);
	};
	return () => {
		model.forward = original;
	};
}

function nextTask(): Promise<void> {
	return new Promise((resolve) => {
		const channel = new MessageChannel();
		channel.port1.onmessage = () => {
			channel.port1.close();
			resolve();
		};
		channel.port2.postMessage(null);
	});
}
