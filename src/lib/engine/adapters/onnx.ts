// The ONNX engine adapter: runs a catalog model with transformers.js (ONNX Runtime Web on WebGPU or
// WASM). Imported only inside the llm worker; the main thread never loads transformers.js.
//
// Owns: the one transformers.js configuration (`configureTransformers`), loading a model from its
// catalog base, streaming generation with abort, usage measurement, listing and removing a model's files
// in the browser cache, and the mapping of failures to EngineError codes (`toOnnxEngineError`).
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
import ortWasmUrl from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.wasm?url';
import {
	env,
	InterruptableStoppingCriteria,
	pipeline,
	TextStreamer,
	type DataType,
	type ProgressInfo,
	type TextGenerationPipeline
} from '@huggingface/transformers';
import { describeError, EngineFailure, isEngineError, isNetworkFailure } from '../errors';
import { ONNX_DTYPE_SUFFIX } from '../onnx-files';
import type {
	AdapterChatOptions,
	AdapterChatResult,
	AdapterLoadOptions,
	CachedModel,
	ChatTurn,
	EngineAdapter,
	EngineError,
	GenerationParams,
	LoadProgress,
	ModelEntry,
	OnnxDevice,
	ReadyInfo,
	Usage
} from '../protocol';

/** The Cache API cache transformers.js keeps model files in (its `env.cacheKey`). */
export const MODEL_CACHE = 'transformers-cache';

/** ONNX Runtime's wasm file name, as progress shows it. */
const ORT_WASM_FILE = 'ort-wasm-simd-threaded.asyncify.wasm';

/**
 * Where the adapter runs.
 * - 'web' (default): in the llm worker, on onnxruntime-web; ONNX Runtime's wasm from the app's origin.
 * - 'node': unit tests and Node scripts, on onnxruntime-node, whose CPU provider stands in for 'wasm'.
 */
export type OnnxRuntime = 'web' | 'node';

export interface OnnxAdapterOptions {
	/** Default 'web'. */
	runtime?: OnnxRuntime;
	/**
	 * What a path base ('/models/x/') resolves against; default the worker's own location. Model files are
	 * cached in `globalThis.caches` (the Cache API transformers.js uses), when there is one.
	 */
	origin?: string;
}

// ————— Configuration —————

/** The base transformers.js may fetch under while a model loads; null refuses every fetch. */
let allowedBase: string | null = null;
/** The signal of the load in progress: cancelling the load aborts its downloads. */
let loadSignal: AbortSignal | undefined;
/** The first failed fetch of the current load (see toOnnxEngineError's `networkFailure`). */
let fetchFailure: unknown;

/**
 * transformers.js's `env.fetch`: the platform fetch, limited to the loading model's base, cancelled with
 * the load, remembering the first transport failure (transformers.js itself sometimes reports one as a
 * missing file).
 */
async function guardedFetch(input: string | URL, init?: RequestInit): Promise<Response> {
	const url = typeof input === 'string' ? input : input.href;
	if (allowedBase === null || !url.startsWith(allowedBase)) {
		throw new EngineFailure('unknown', `Refused to fetch ${url}: outside the model's base ${allowedBase}`);
	}
	const signals = [init?.signal, loadSignal].filter((s): s is AbortSignal => s instanceof AbortSignal);
	try {
		return await fetch(input, {
			...init,
			signal: signals.length > 1 ? AbortSignal.any(signals) : signals[0]
		});
	} catch (error) {
		fetchFailure ??= error;
		throw error;
	}
}

/**
 * Configures transformers.js for this app (safe to call again). Choices and why:
 * - Model files are "remote" files whose host is the model's own base: `remoteHost` = the base's parent
 *   (set per load), `remotePathTemplate` '{model}/', so file URLs are exactly `base + file`. The "local
 *   model" mode cannot serve a mirror: transformers.js 4.3.1 treats an absolute `localModelPath` as
 *   remote, finds no tokenizer when remote models are off, and probes each uncached local file with a
 *   full GET whose body it never reads; the remote mode probes with a one-byte Range request.
 *   `env.fetch` is `guardedFetch`, so "remote" never means anything but the catalog's base.
 * - useBrowserCache when the Cache API exists: model files survive reloads and work offline.
 * - ONNX Runtime (web): its wasm binary is fetched by `prepareOnnxRuntime` from the app's origin and
 *   handed over as `wasmBinary` (the bundled ONNX Runtime embeds its JS glue, so nothing else is
 *   loaded); `wasmPaths` replaces transformers.js's CDN default (jsdelivr); one thread (the app is not
 *   cross-origin isolated, so there are no SharedArrayBuffers anyway); no proxy worker (we already are
 *   one); transformers.js's own wasm caching is off because it imports the factory from a blob: URL,
 *   which the CSP forbids.
 */
export function configureTransformers(runtime: OnnxRuntime): void {
	env.allowLocalModels = false;
	env.allowRemoteModels = true;
	env.remotePathTemplate = '{model}/';
	env.fetch = guardedFetch;
	env.useBrowserCache = typeof caches !== 'undefined';
	env.useWasmCache = false;
	env.cacheKey = MODEL_CACHE;
	const wasm = env.backends.onnx.wasm;
	if (runtime === 'web' && wasm) {
		wasm.wasmPaths = { wasm: ortWasmUrl };
		wasm.numThreads = 1;
		wasm.proxy = false;
	}
}

/**
 * Fetches ONNX Runtime's wasm binary (the copy the build emitted on the app's origin, about 27 MB) and
 * hands it to ONNX Runtime, so it never looks for the file itself. Not cached here: it is app code, which
 * the service worker keeps (versioned with the app, so an update does not strand an old copy).
 * @throws network errors (first use while offline), AbortError (load cancelled)
 */
async function prepareOnnxRuntime(
	origin: string,
	signal: AbortSignal | undefined,
	onProgress: (progress: LoadProgress) => void
): Promise<void> {
	const wasm = env.backends.onnx.wasm;
	if (!wasm || wasm.wasmBinary) return;
	const url = new URL(ortWasmUrl, origin).href;
	onProgress({
		phase: 'download',
		fraction: null,
		loadedBytes: null,
		totalBytes: null,
		file: ORT_WASM_FILE,
		detail: 'load ONNX Runtime'
	});
	const response = await fetch(url, { signal });
	if (!response.ok) throw new Error(`Could not fetch ONNX Runtime (${response.status}): ${url}`);
	wasm.wasmBinary = new Uint8Array(await response.arrayBuffer());
}

/**
 * Whether a failure came from inside ONNX Runtime (creating a session, or running one). transformers.js
 * 4.3.1 chains every web session creation and every run on one promise per worker and never clears a
 * rejection, so after such a failure every later load or answer in this worker fails the same way
 * (cf. transformers.js issue #1767): the worker has to be replaced.
 */
export function breaksOnnxRuntime(error: unknown): boolean {
	const { message } = describeError(error);
	return /can't create a session|failed to call ortrun|error_code: \d+, error_message/i.test(message);
}

// ————— Where a model's files are —————

/** transformers.js's rule for a model id (a folder name here): letters, digits, '-', '_', '.'. */
const FOLDER_NAME = /^\b[\w\-.]{1,96}\b$/;

export interface ModelLocation {
	/** transformers.js `env.remoteHost`: the base's parent, with a trailing slash. */
	root: string;
	/** transformers.js model id: the base's last folder. */
	id: string;
	/** The base, absolute, with a trailing slash: every file's URL is `url + file`. */
	url: string;
}

/**
 * Splits a catalog base into what transformers.js needs (`remoteHost` + a model id) so that every file
 * URL is `base + file`. A path base ('/models/x/') resolves against `origin` first.
 * @throws EngineFailure 'model-files' when the base is not http(s) or its last folder is not a valid
 * model id (letters, digits, '-', '_', '.'; no '..' or '--')
 */
export function modelLocation(base: string, origin?: string): ModelLocation {
	let absolute: URL;
	try {
		absolute = new URL(base, origin);
	} catch {
		throw new EngineFailure(
			'model-files',
			`The model base is not a URL or a path on the app's origin: ${base}`
		);
	}
	if (absolute.protocol !== 'http:' && absolute.protocol !== 'https:') {
		throw new EngineFailure('model-files', `The model base must be an http(s) URL: ${base}`);
	}
	const trimmed = absolute.href.replace(/\/+$/, '');
	const cut = trimmed.lastIndexOf('/');
	const id = trimmed.slice(cut + 1);
	if (!FOLDER_NAME.test(id) || id.includes('..') || id.includes('--')) {
		throw new EngineFailure(
			'model-files',
			`The model base must end in a folder name of letters, digits, "-", "_" or "." (no ".." or "--"): ${base}`
		);
	}
	return { root: trimmed.slice(0, cut + 1), id, url: `${trimmed}/` };
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

/** Files a model can do without (transformers.js fetches them with `fatal = false`). */
const OPTIONAL_FILES = new Set(['generation_config.json']);

/** External data file names, as transformers.js's model-loader derives them from the config. */
function externalDataChunks(config: unknown, onnxFile: string, device?: OnnxDevice): string[] {
	const custom = record(record(config)['transformers.js_config']);
	const perDevice = device ? record(record(custom.device_config)[device]) : {};
	const setting = perDevice.use_external_data_format ?? custom.use_external_data_format;
	let chunks = 0;
	if (typeof setting === 'object' && setting !== null) {
		const byFile = record(setting);
		chunks = Number(byFile[onnxFile] ?? byFile.model ?? 0);
	} else {
		chunks = Number(setting ?? 0);
	}
	return Array.from({ length: chunks }, (_, i) => `${onnxFile}_data${i === 0 ? '' : `_${i}`}`);
}

function record(value: unknown): Record<string, unknown> {
	return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}

// ————— Progress —————

/**
 * Turns transformers.js progress events into LoadProgress: 'download' while files arrive (overall bytes
 * from its `progress_total` events, the current file, how many files came from the cache), then
 * 'compile' once every file is in (ONNX Runtime builds the session: graph optimisation, GPU shaders).
 * Emits at most one 'download' event per percent, plus one per new file, so postMessage stays cheap.
 */
export class LoadProgressTracker {
	#emit: (progress: LoadProgress) => void;
	#cachedFiles: number;
	#pending: Set<string>;
	#file: string | undefined;
	/** Files started and not yet done, oldest first: the one shown is the newest still arriving. */
	#active: string[] = [];
	#lastPercent = -1;
	#loadedBytes: number | null = null;
	#totalBytes: number | null = null;
	#compiling = false;

	/**
	 * @param expectedFiles files the load will fetch (relative to the base); 'compile' follows when all are done
	 * @param cachedFiles how many of them are already in the browser cache
	 */
	constructor(emit: (progress: LoadProgress) => void, expectedFiles: string[], cachedFiles: number) {
		this.#emit = emit;
		this.#pending = new Set(expectedFiles.filter((file) => !OPTIONAL_FILES.has(file)));
		this.#cachedFiles = cachedFiles;
	}

	update(info: ProgressInfo): void {
		switch (info.status) {
			case 'initiate':
			case 'download':
				if (!this.#active.includes(info.file)) this.#active.push(info.file);
				if (info.file !== this.#file) {
					this.#file = info.file;
					this.#download(`${info.status} ${info.file}`);
				}
				break;
			case 'progress_total': {
				this.#loadedBytes = info.loaded;
				this.#totalBytes = info.total > 0 ? info.total : null;
				const percent = this.#totalBytes ? Math.floor((100 * info.loaded) / this.#totalBytes) : -1;
				if (percent !== this.#lastPercent) this.#download(`${info.loaded}/${info.total} bytes`);
				break;
			}
			case 'done':
				this.#pending.delete(info.file);
				this.#active = this.#active.filter((file) => file !== info.file);
				if (this.#file === info.file && this.#active.length > 0) {
					// A small file finished while a large one is still arriving: show the large one.
					this.#file = this.#active[this.#active.length - 1];
					this.#download(`now ${this.#file}`);
				}
				if (this.#pending.size === 0 && !this.#compiling) {
					this.#compiling = true;
					this.#emit({
						phase: 'compile',
						fraction: 1,
						loadedBytes: this.#loadedBytes,
						totalBytes: this.#totalBytes,
						cachedFiles: this.#cachedFiles,
						detail: 'all files loaded; creating the ONNX Runtime session'
					});
				}
				break;
			default:
				// 'progress' (per file) is summed up in 'progress_total'; 'ready' is load()'s own result.
				break;
		}
	}

	#download(detail: string): void {
		if (this.#compiling) return;
		const fraction =
			this.#loadedBytes !== null && this.#totalBytes
				? Math.min(1, this.#loadedBytes / this.#totalBytes)
				: null;
		this.#lastPercent = fraction === null ? -1 : Math.floor(100 * fraction);
		const progress: LoadProgress = {
			phase: 'download',
			fraction,
			loadedBytes: this.#loadedBytes,
			totalBytes: this.#totalBytes,
			cachedFiles: this.#cachedFiles,
			detail
		};
		if (this.#file !== undefined) progress.file = this.#file;
		this.#emit(progress);
	}
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

// ————— Errors —————

const NETWORK_MESSAGE =
	/failed to fetch|networkerror|load failed|network error|fetch failed|err_internet_disconnected|econnrefused|econnreset|etimedout|terminated|(?:request timeout|internal server|bad gateway|service unavailable|gateway timeout) error occurred/i;
const DEVICE_LOST_MESSAGE =
	/device (?:was |is |has been )?lost|devicelost|gpudevicelostinfo|lost the device/i;
const NO_WEBGPU_MESSAGE =
	/failed to get gpu adapter|webgpu is not supported|no available backend found.*webgpu|unsupported device: "webgpu"/i;
const MODEL_FILES_MESSAGE =
	/could not locate file|was not found locally|protobuf parsing failed|can't create a session|unexpected token|is not valid json|unsupported model type|invalid dtype|unknown onnx dtype|model base must end/i;

/**
 * Maps any failure of loading or generating to an EngineError code:
 * - 'aborted': an AbortError;
 * - 'quota': QuotaExceededError, or a message about quota;
 * - 'device-lost': the GPU device was lost;
 * - 'no-webgpu': WebGPU was asked for and there is no adapter;
 * - 'network': a fetch failed (offline, refused, cut off, 5xx/408), also when transformers.js reported it as a
 *   missing file — pass the fetch failure seen during the load as `context.networkFailure`;
 * - 'model-files': a file is missing (404), not JSON, not a valid ONNX model, or of an unknown type;
 * - 'unknown': anything else. An EngineFailure (or anything shaped as an EngineError) keeps its code.
 */
export function toOnnxEngineError(error: unknown, context: { networkFailure?: unknown } = {}): EngineError {
	if (error instanceof EngineFailure || isEngineError(error))
		return { code: error.code, detail: error.detail };
	const { name, message } = describeError(error);
	const detail = name && name !== 'Error' && !message.startsWith(name) ? `${name}: ${message}` : message;
	if (name === 'AbortError') return { code: 'aborted', detail };
	if (name === 'QuotaExceededError' || /quota/i.test(message)) return { code: 'quota', detail };
	if (DEVICE_LOST_MESSAGE.test(message)) return { code: 'device-lost', detail };
	if (NO_WEBGPU_MESSAGE.test(message)) return { code: 'no-webgpu', detail };
	const cause = record(error).cause;
	if (
		isNetworkFailure(name, message) ||
		NETWORK_MESSAGE.test(message) ||
		(cause !== undefined && NETWORK_MESSAGE.test(describeError(cause).message))
	) {
		return { code: 'network', detail };
	}
	if (context.networkFailure !== undefined) {
		return { code: 'network', detail: `${detail} (after: ${describeError(context.networkFailure).message})` };
	}
	if (name === 'ModelFileNotFoundError' || name === 'SyntaxError' || MODEL_FILES_MESSAGE.test(message)) {
		return { code: 'model-files', detail };
	}
	return { code: 'unknown', detail };
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
		configureTransformers(this.#runtime);
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

		configureTransformers(this.#runtime);
		env.remoteHost = location.root;
		allowedBase = location.url;
		loadSignal = signal;
		fetchFailure = undefined;
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
			throw this.#failure(error, { networkFailure: fetchFailure });
		} finally {
			allowedBase = null;
			loadSignal = undefined;
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

async function webGpuAdapterAvailable(): Promise<boolean> {
	if (typeof navigator === 'undefined' || !('gpu' in navigator) || !navigator.gpu) return false;
	try {
		return (await navigator.gpu.requestAdapter()) !== null;
	} catch {
		return false;
	}
}

/** The generation config's end-of-sequence ids (Qwen3: <|im_end|>, <|endoftext|>). */
function eosTokenIds(generator: TextGenerationPipeline): number[] {
	const configured =
		record(generator.model.generation_config).eos_token_id ?? record(generator.model.config).eos_token_id;
	const ids = Array.isArray(configured) ? configured : [configured];
	return ids.filter((id): id is number => typeof id === 'number');
}

/** Bytes a cached response holds: its content-length (transformers.js sets it), else the body's size. */
async function responseBytes(response: Response): Promise<number | null> {
	const length = Number(response.headers.get('content-length'));
	if (Number.isFinite(length) && length > 0) return length;
	try {
		return (await response.blob()).size;
	} catch {
		return null;
	}
}

async function cachedResponses(baseUrl: string, files: string[]): Promise<(Response | undefined)[]> {
	return Promise.all(files.map((file) => cachedResponse(`${baseUrl}${file}`)));
}

/** The model cache's response for a URL; undefined when absent or when there is no Cache API. */
async function cachedResponse(url: string): Promise<Response | undefined> {
	if (typeof caches === 'undefined') return undefined;
	try {
		const cache = await caches.open(MODEL_CACHE);
		return await cache.match(url);
	} catch {
		return undefined;
	}
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
