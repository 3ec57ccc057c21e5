// transformers.js as this app uses it, configured in one place for every model it runs: the ONNX
// chat adapter (src/lib/engine/adapters/onnx.ts, in the llm worker) and the embedder
// (src/lib/retrieval/embed.ts, in the embed worker and in Node for `npm run kb:build`). Each worker is
// its own JS realm with its own `env`, so the two never share this module's state in the app.
//
// Owns: the configuration (`configureTransformers` for catalog bases, `configureLocalModels` for a
// directory in Node), the fetch guard that keeps transformers.js under one model base, ONNX Runtime's
// wasm from the app's origin, where a catalog base's files live (`modelLocation`), the Cache API
// helpers, download progress (`LoadProgressTracker`) and the mapping of failures to EngineError codes
// (`toOnnxEngineError`).
//
// Invariants:
// - transformers.js fetches only under the base opened with `allowModelFetches` (a path on the app's
//   origin or an absolute mirror URL): its `env.fetch` refuses every other URL, so no request reaches
//   huggingface.co or a CDN unless the catalog names it. ONNX Runtime's wasm is the content-hashed copy
//   the build emits on the app's own origin (the service worker keeps it with the rest of the worker code).
// - Every file is cached in the Cache API ('transformers-cache') under its absolute URL (`base + file`),
//   so an offline reload works again.
// - Nothing here runs at import time: importing it configures nothing and fetches nothing. It has no
//   bundler-only imports (the wasm URL comes from ./ort-wasm.ts, passed in by web callers), so Node
//   scripts run under tsx import it as it is.
import { env, type ProgressInfo } from '@huggingface/transformers';
import { describeError, EngineFailure, isEngineError, isNetworkFailure } from './errors';
import { MODEL_CACHE } from './onnx-files';
import type { EngineError, LoadProgress } from './protocol';

export { MODEL_CACHE } from './onnx-files';

/** ONNX Runtime's wasm file name, as progress shows it. */
const ORT_WASM_FILE = 'ort-wasm-simd-threaded.asyncify.wasm';

/**
 * Where transformers.js runs.
 * - 'web' (default): in a worker (llm or embed), on onnxruntime-web; ONNX Runtime's wasm from the app's origin.
 * - 'node': unit tests and Node scripts, on onnxruntime-node, whose CPU provider stands in for 'wasm'.
 */
export type OnnxRuntime = 'web' | 'node';

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
 * Opens transformers.js's fetches under `base` (absolute, with a trailing slash) for one load; `signal`
 * cancels them. Until `endModelFetches`, only URLs under `base` are fetched.
 */
export function allowModelFetches(base: string, signal?: AbortSignal): void {
	allowedBase = base;
	loadSignal = signal;
	fetchFailure = undefined;
}

/** Closes the window `allowModelFetches` opened: every fetch is refused again. */
export function endModelFetches(): void {
	allowedBase = null;
	loadSignal = undefined;
}

/** The first transport failure seen since `allowModelFetches` (see toOnnxEngineError's `networkFailure`). */
export function lastFetchFailure(): unknown {
	return fetchFailure;
}

/** ONNX Runtime's wasm URL on the app's origin (web runtime), as given to configureTransformers. */
let ortWasm: string | null = null;

/**
 * Configures transformers.js for this app (safe to call again). `ortWasmUrl` (web only, required there)
 * is ONNX Runtime's wasm as the build emits it (src/lib/engine/ort-wasm.ts). Choices and why:
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
export function configureTransformers(runtime: OnnxRuntime, ortWasmUrl?: string): void {
	env.allowLocalModels = false;
	env.allowRemoteModels = true;
	env.remotePathTemplate = '{model}/';
	env.fetch = guardedFetch;
	env.useBrowserCache = typeof caches !== 'undefined';
	env.useWasmCache = false;
	env.cacheKey = MODEL_CACHE;
	const wasm = env.backends.onnx.wasm;
	if (runtime === 'web' && wasm) {
		if (ortWasmUrl === undefined)
			throw new Error("configureTransformers('web') needs ONNX Runtime's wasm URL");
		ortWasm = ortWasmUrl;
		wasm.wasmPaths = { wasm: ortWasmUrl };
		wasm.numThreads = 1;
		wasm.proxy = false;
	}
}

/**
 * Configures transformers.js to read models from a directory and never from the network (Node only:
 * `npm run kb:build` and unit tests, on onnxruntime-node). A model id is a folder under `dir`, as
 * transformers.js lays out `localModelPath` ("Xenova/multilingual-e5-small" → dir/Xenova/multilingual-e5-small/).
 */
export function configureLocalModels(dir: string): void {
	env.allowLocalModels = true;
	env.allowRemoteModels = false;
	env.localModelPath = dir.endsWith('/') ? dir : `${dir}/`;
	env.useBrowserCache = false;
	env.useFSCache = false;
	endModelFetches();
}

/**
 * Fetches ONNX Runtime's wasm binary (the copy the build emitted on the app's origin, about 27 MB) and
 * hands it to ONNX Runtime, so it never looks for the file itself. Not cached here: it is app code, which
 * the service worker keeps (versioned with the app, so an update does not strand an old copy).
 * @throws network errors (first use while offline), AbortError (load cancelled)
 */
export async function prepareOnnxRuntime(
	origin: string,
	signal: AbortSignal | undefined,
	onProgress: (progress: LoadProgress) => void
): Promise<void> {
	const wasm = env.backends.onnx.wasm;
	if (!wasm || wasm.wasmBinary || ortWasm === null) return;
	const url = new URL(ortWasm, origin).href;
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

/** Files a model can do without (transformers.js fetches them with `fatal = false`). */
export const OPTIONAL_FILES = new Set(['generation_config.json']);

export function record(value: unknown): Record<string, unknown> {
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

// ————— Helpers —————

export async function webGpuAdapterAvailable(): Promise<boolean> {
	if (typeof navigator === 'undefined' || !('gpu' in navigator) || !navigator.gpu) return false;
	try {
		return (await navigator.gpu.requestAdapter()) !== null;
	} catch {
		return false;
	}
}

/** Bytes a cached response holds: its content-length (transformers.js sets it), else the body's size. */
export async function responseBytes(response: Response): Promise<number | null> {
	const length = Number(response.headers.get('content-length'));
	if (Number.isFinite(length) && length > 0) return length;
	try {
		return (await response.blob()).size;
	} catch {
		return null;
	}
}

export async function cachedResponses(baseUrl: string, files: string[]): Promise<(Response | undefined)[]> {
	return Promise.all(files.map((file) => cachedResponse(`${baseUrl}${file}`)));
}

/** The model cache's response for a URL; undefined when absent or when there is no Cache API. */
export async function cachedResponse(url: string): Promise<Response | undefined> {
	if (typeof caches === 'undefined') return undefined;
	try {
		const cache = await caches.open(MODEL_CACHE);
		return await cache.match(url);
	} catch {
		return undefined;
	}
}
