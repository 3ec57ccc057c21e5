// The web-llm adapter: EngineAdapter over @mlc-ai/web-llm's MLCEngine, inside our llm worker.
// Behaviour verified against web-llm 0.2.86's source (node_modules/@mlc-ai/web-llm/lib/index.js).
//
// - appConfig: one ModelRecord per catalog entry — model = base, model_id = id, model_lib = modelLib,
//   overrides.context_window_size = the context window the load asks for, vram_required_MB,
//   buffer_size_required_bytes and required_features (shader-f16) from the entry.
// - cacheBackend 'cache' (the Cache API, scopes "webllm/model", "webllm/config", "webllm/wasm"): it is
//   the backend web-llm tests most, files survive reloads and work offline, entries can be listed and
//   measured for the "downloaded models" list, and navigator.storage.persist() protects them like any
//   origin storage. IndexedDB would copy multi-GB ArrayBuffers through structured clone for no gain.
// - Every chat: thinking disabled (extra_body.enable_thinking = false: web-llm then puts an empty
//   <think></think> block in the prompt), DEFAULT_GENERATION sampling unless the request overrides it,
//   max_tokens bounded by the context window, streamed with stream_options.include_usage so the last
//   chunk carries prefill/decode tokens per second (usage.extra).
// - Earlier answers go back with the empty thinking header web-llm recorded for them (recordedReply),
//   so its conversation matches and the KV cache of earlier turns is reused.
// - Token counts use the tokenizer web-llm loaded with the model (pipelineTokenizer).
// - Abort: interruptGenerate(); the stream then ends with finish_reason 'abort' and a usage chunk.
// - Load cancel: MLCEngine.unload() aborts reload()'s downloads; reload() then resolves quietly (it
//   swallows AbortError), so the adapter checks the signal itself and rejects with 'aborted'.
// - Errors: web-llm does not export its error classes, so they are recognised by `name` (set by each
//   class) and message; see mapWebLlmError.
//
// web-llm is imported lazily (dynamic import) so unit tests and the rest of the worker never load its
// 6 MB bundle until a web-llm model is loaded; tests inject a fake MLCEngine instead.
import type {
	AppConfig,
	ChatCompletionChunk,
	ChatCompletionMessageParam,
	ChatCompletionRequestStreaming,
	InitProgressReport,
	MLCEngineConfig,
	ModelRecord
} from '@mlc-ai/web-llm';
import { describeError, EngineFailure, isEngineError, isNetworkFailure } from '../errors';
import {
	type AdapterChatOptions,
	type AdapterChatResult,
	type AdapterLoadOptions,
	DEFAULT_GENERATION,
	type CachedModel,
	type ChatTurn,
	type EngineAdapter,
	type EngineError,
	type GenerationParams,
	type LoadProgress,
	type ModelEntry,
	type ReadyInfo,
	type Usage
} from '../protocol';

/** The part of MLCEngine this adapter uses (the real class satisfies it; tests pass a fake). */
export interface MLCEngineLike {
	reload(modelId: string): Promise<void>;
	unload(): Promise<void>;
	interruptGenerate(): void | Promise<void>;
	chat: {
		completions: {
			create(request: ChatCompletionRequestStreaming): Promise<AsyncIterable<ChatCompletionChunk>>;
		};
	};
}

export type CreateMLCEngine = (config: MLCEngineConfig) => MLCEngineLike | Promise<MLCEngineLike>;

/** web-llm's cache helpers (cache_util.ts), injectable for tests. */
export interface WebLlmCacheFunctions {
	hasModelInCache(modelId: string, appConfig: AppConfig): Promise<boolean>;
	deleteModelAllInfoInCache(modelId: string, appConfig: AppConfig): Promise<void>;
}

/** The part of the Cache API used to measure and sweep cached files. */
export interface CacheStorageLike {
	open(name: string): Promise<Pick<Cache, 'keys' | 'match' | 'delete'>>;
}

export interface WebLlmAdapterOptions {
	/** Default: `new MLCEngine(config)` from a lazily imported @mlc-ai/web-llm. */
	createEngine?: CreateMLCEngine;
	/** Default: web-llm's hasModelInCache / deleteModelAllInfoInCache. */
	cacheFunctions?: () => Promise<WebLlmCacheFunctions>;
	/** Default: globalThis.caches (null where the Cache API is missing: sizes are then unknown). */
	caches?: CacheStorageLike | null;
	/** Default: whether navigator.gpu exists in this worker. */
	hasWebGpu?: () => boolean;
}

/** web-llm's cache scopes for the Cache API backend (cache_util.ts). */
export const WEBLLM_CACHE_SCOPES = ['webllm/model', 'webllm/config', 'webllm/wasm'] as const;

const MiB = 1024 * 1024;

async function defaultCreateEngine(config: MLCEngineConfig): Promise<MLCEngineLike> {
	const { MLCEngine } = await import('@mlc-ai/web-llm');
	return new MLCEngine(config);
}

async function defaultCacheFunctions(): Promise<WebLlmCacheFunctions> {
	const { hasModelInCache, deleteModelAllInfoInCache } = await import('@mlc-ai/web-llm');
	return { hasModelInCache, deleteModelAllInfoInCache };
}

function defaultHasWebGpu(): boolean {
	return typeof navigator !== 'undefined' && 'gpu' in navigator && navigator.gpu !== undefined;
}

/** One ModelRecord for web-llm from a catalog entry. */
export function modelRecord(model: ModelEntry, contextWindow: number): ModelRecord {
	if (!model.modelLib)
		throw new EngineFailure('model-library', `${model.id}: the catalog entry has no modelLib`);
	const record: ModelRecord = {
		model: model.base,
		model_id: model.id,
		model_lib: model.modelLib,
		overrides: { context_window_size: contextWindow }
	};
	if (model.vramRequiredMB !== undefined) record.vram_required_MB = model.vramRequiredMB;
	if (model.bufferSizeRequiredBytes !== undefined)
		record.buffer_size_required_bytes = model.bufferSizeRequiredBytes;
	if (model.requiresShaderF16) record.required_features = ['shader-f16'];
	return record;
}

/** The appConfig web-llm gets: our records only (never its prebuilt list), Cache API backend. */
export function buildAppConfig(
	models: ModelEntry[],
	contextWindow: (model: ModelEntry) => number
): AppConfig {
	return {
		model_list: models.map((model) => modelRecord(model, contextWindow(model))),
		cacheBackend: 'cache'
	};
}

/** The sampling parameters sent to web-llm: DEFAULT_GENERATION for anything missing or out of range. */
export function samplingFor(params: Partial<GenerationParams>, contextWindow: number): GenerationParams {
	const pick = (value: number | undefined, fallback: number, ok: (v: number) => boolean) =>
		value !== undefined && Number.isFinite(value) && ok(value) ? value : fallback;
	const maxTokens = Math.round(pick(params.max_tokens, DEFAULT_GENERATION.max_tokens, (v) => v >= 1));
	return {
		temperature: pick(params.temperature, DEFAULT_GENERATION.temperature, (v) => v >= 0 && v <= 2),
		top_p: pick(params.top_p, DEFAULT_GENERATION.top_p, (v) => v > 0 && v <= 1),
		repetition_penalty: pick(params.repetition_penalty, DEFAULT_GENERATION.repetition_penalty, (v) => v > 0),
		// Bounded: never more than the whole context window (web-llm would stop there anyway).
		max_tokens: Math.min(maxTokens, contextWindow)
	};
}

/**
 * What web-llm 0.2.86 puts before every answer when thinking is disabled (llm_chat.ts forwardPrefill:
 * `emptyThinkingBlockStr`). It is part of the reply web-llm records for the conversation
 * (`finishReply(outputMessage)`), while our worker strips it from the text it returns.
 */
export const EMPTY_THINKING_HEADER = '<think>\n\n</think>\n\n';

/**
 * An earlier answer as web-llm recorded it: the empty thinking header, then the raw text. web-llm
 * reuses its KV cache only when every earlier message equals what it recorded, character for
 * character (compareConversationObject); without the header every turn would prefill the whole
 * conversation again. Text that already starts with a think block is sent as it is.
 */
export function recordedReply(raw: string): string {
	return raw.startsWith('<think>') ? raw : `${EMPTY_THINKING_HEADER}${raw}`;
}

function toMessage(turn: ChatTurn): ChatCompletionMessageParam {
	switch (turn.role) {
		case 'system':
			return { role: 'system', content: turn.content };
		case 'user':
			return { role: 'user', content: turn.content };
		case 'assistant':
			return { role: 'assistant', content: recordedReply(turn.content) };
	}
}

/** The tokenizer web-llm loaded with the model (a @mlc-ai/web-tokenizers Tokenizer). */
interface PipelineTokenizer {
	encode(text: string): ArrayLike<number>;
}

function isPipelineTokenizer(value: unknown): value is PipelineTokenizer {
	return (
		typeof value === 'object' && value !== null && 'encode' in value && typeof value.encode === 'function'
	);
}

/**
 * The loaded model's own tokenizer. web-llm 0.2.86 has no public tokenize API (MLCEngine keeps the
 * pipeline in the private `loadedModelIdToPipeline`, the pipeline its `tokenizer`), so it is reached
 * at run time and checked; null when a web-llm version lays it out differently (the caller then
 * counts with an estimate).
 */
export function pipelineTokenizer(engine: object, modelId: string): PipelineTokenizer | null {
	const pipelines: unknown = Reflect.get(engine, 'loadedModelIdToPipeline');
	if (!(pipelines instanceof Map)) return null;
	const pipeline: unknown = pipelines.get(modelId);
	if (typeof pipeline !== 'object' || pipeline === null) return null;
	const tokenizer: unknown = Reflect.get(pipeline, 'tokenizer');
	return isPipelineTokenizer(tokenizer) ? tokenizer : null;
}

/** The streaming request for one chat. */
export function chatRequest(
	messages: ChatTurn[],
	params: Partial<GenerationParams>,
	contextWindow: number
): ChatCompletionRequestStreaming {
	const sampling = samplingFor(params, contextWindow);
	return {
		messages: messages.map(toMessage),
		stream: true,
		stream_options: { include_usage: true },
		temperature: sampling.temperature,
		top_p: sampling.top_p,
		repetition_penalty: sampling.repetition_penalty,
		max_tokens: sampling.max_tokens,
		extra_body: { enable_thinking: false }
	};
}

const EMPTY_USAGE: Usage = {
	promptTokens: 0,
	completionTokens: 0,
	prefillTokensPerSecond: null,
	decodeTokensPerSecond: null
};

function rate(value: number | undefined): number | null {
	return value !== undefined && Number.isFinite(value) && value > 0 ? value : null;
}

/** Usage from web-llm's last chunk (prefill/decode rates are in usage.extra). */
export function usageFrom(usage: NonNullable<ChatCompletionChunk['usage']>): Usage {
	return {
		promptTokens: usage.prompt_tokens,
		completionTokens: usage.completion_tokens,
		prefillTokensPerSecond: rate(usage.extra?.prefill_tokens_per_s),
		decodeTokensPerSecond: rate(usage.extra?.decode_tokens_per_s)
	};
}

// web-llm 0.2.86 progress texts (tvmjs fetchTensorCacheInternal, fetchShaders; MLCEngine.reloadInternal):
//   "Start to fetch params"
//   "Fetching param cache[3/45]: 500MB fetched. 12% completed, 30 secs elapsed. It can take a while …"
//   "Loading model from cache[3/45]: 120MB loaded. 6% completed, 2 secs elapsed."
//   "Loading GPU shader modules[10/60]: 16% completed, 1 secs elapsed."
//   "Finish loading on WebGPU - <adapter>"
// `progress` restarts at 0 for each stage. When every shard is already cached, no "Fetching" line
// comes: "Loading model from cache" directly after "Start to fetch params".
const FETCHING = /^Fetching param cache\[(\d+)\/(\d+)\]: (\d+)MB fetched/;
const FROM_CACHE = /^Loading model from cache\[(\d+)\/(\d+)\]: (\d+)MB loaded/;
const SHADERS = /^Loading GPU shader modules\[(\d+)\/(\d+)\]/;
const START = /^Start to fetch params/;
const FINISH = /^Finish loading on /;

/**
 * A stateful mapping of web-llm's progress reports to LoadProgress with one overall fraction that
 * never goes back: downloading 0–80 %, loading onto the GPU 80–95 %, compiling shaders 95–100 %; when
 * nothing is downloaded, loading 0–85 % and shaders 85–100 %. Byte counts are web-llm's (whole MB,
 * rounded up); the total is estimated from the fetched bytes and the fraction.
 */
export function createProgressMapper(): (report: InitProgressReport) => LoadProgress {
	let downloaded = false;
	let fraction = 0;
	let phase: LoadProgress['phase'] = 'download';
	return (report) => {
		const text = report.text;
		const p = Number.isFinite(report.progress) ? Math.min(1, Math.max(0, report.progress)) : 0;
		const emit = (next: LoadProgress['phase'], overall: number | null, extra: Partial<LoadProgress> = {}) => {
			phase = next;
			if (overall !== null) fraction = Math.max(fraction, Math.min(1, overall));
			const progress: LoadProgress = {
				phase,
				fraction,
				loadedBytes: null,
				totalBytes: null,
				detail: text,
				...extra
			};
			return progress;
		};
		let m: RegExpExecArray | null;
		if ((m = FETCHING.exec(text))) {
			downloaded = true;
			const loadedBytes = Number(m[3]) * MiB;
			return emit('download', 0.8 * p, {
				loadedBytes,
				totalBytes: p > 0 ? Math.round(loadedBytes / p) : null
			});
		}
		if ((m = FROM_CACHE.exec(text))) {
			const [from, to] = downloaded ? [0.8, 0.95] : [0, 0.85];
			return emit('init', from + (to - from) * p, downloaded ? {} : { cachedFiles: Number(m[2]) });
		}
		if (SHADERS.test(text)) {
			const from = downloaded ? 0.95 : 0.85;
			return emit('compile', from + (1 - from) * p);
		}
		if (START.test(text)) return emit('download', 0);
		if (FINISH.test(text)) return emit('init', 1);
		return emit(phase, null);
	};
}

/**
 * web-llm's errors → EngineError. Names are those its classes set (error.ts); messages cover errors
 * raised by the browser or the runtime underneath (fetch, Cache API, WebAssembly, WebGPU).
 */
export function mapWebLlmError(error: unknown): EngineError {
	if (error instanceof EngineFailure || isEngineError(error))
		return { code: error.code, detail: error.detail };
	const { name, message } = describeError(error);
	const detail = name && name !== 'Error' ? `${name}: ${message}` : message;
	switch (name) {
		case 'WebGPUNotAvailableError':
		case 'WebGPUNotFoundError':
			return { code: 'no-webgpu', detail };
		case 'DeviceLostError':
			return { code: 'device-lost', detail };
		case 'QuotaExceededError':
			return { code: 'quota', detail };
		case 'AbortError':
			return { code: 'aborted', detail };
		case 'ShaderF16SupportError':
		case 'FeatureSupportError':
		case 'MissingModelError': // MissingModelWasmError's name
		case 'CompileError': // WebAssembly.CompileError: the model library is not valid wasm
		case 'LinkError': // WebAssembly.LinkError: the library does not match this web-llm runtime
			return { code: 'model-library', detail };
		case 'IntegrityError':
		case 'ArtifactManifestError':
		case 'UnsupportedTokenizerFilesError':
		case 'SyntaxError': // a config or tensor-cache.json that is not JSON (often an HTML error page)
			return { code: 'model-files', detail };
		case 'ModelNotLoadedError':
		case 'EngineNotLoadedError':
		case 'WorkerEngineModelNotLoadedError':
			return { code: 'not-loaded', detail };
		case 'ContextWindowSizeExceededError':
			return { code: 'context-overflow', detail };
	}
	if (/quota/i.test(message)) return { code: 'quota', detail };
	if (/device (was |is )?lost|out of memory/i.test(message)) return { code: 'device-lost', detail };
	if (
		/requested maxStorageBufferBindingSize|requested maxBufferSize|Cannot initialize runtime/i.test(message)
	) {
		return { code: 'no-webgpu', detail };
	}
	if (isNetworkFailure(name, message) || /Cannot fetch |Request failed/i.test(message)) {
		return { code: 'network', detail };
	}
	if (/wasm|WebAssembly/i.test(message)) return { code: 'model-library', detail };
	return { code: 'unknown', detail };
}

/** web-llm's finish reasons → ours ('tool_calls' cannot happen without tools: counted as a stop). */
function finishReasonOf(reason: 'stop' | 'length' | 'tool_calls' | 'abort'): 'stop' | 'length' | 'abort' {
	return reason === 'length' || reason === 'abort' ? reason : 'stop';
}

function failure(error: unknown, partialText?: string): EngineFailure {
	const mapped = mapWebLlmError(error);
	return new EngineFailure(mapped.code, mapped.detail, partialText);
}

export class WebLlmAdapter implements EngineAdapter {
	readonly kind = 'webllm' as const;
	readonly #createEngine: CreateMLCEngine;
	readonly #cacheFunctions: () => Promise<WebLlmCacheFunctions>;
	readonly #caches: CacheStorageLike | null;
	readonly #hasWebGpu: () => boolean;
	#engine: MLCEngineLike | null = null;
	#model: ModelEntry | null = null;
	#contextWindow = 0;

	constructor(options: WebLlmAdapterOptions = {}) {
		this.#createEngine = options.createEngine ?? defaultCreateEngine;
		this.#cacheFunctions = options.cacheFunctions ?? defaultCacheFunctions;
		this.#caches = options.caches !== undefined ? options.caches : (globalThis.caches ?? null);
		this.#hasWebGpu = options.hasWebGpu ?? defaultHasWebGpu;
	}

	/**
	 * Loads one model (unloading any other first). Rejects with EngineFailure: 'no-webgpu' (checked
	 * before anything is downloaded), 'network', 'quota', 'model-files', 'model-library',
	 * 'device-lost', 'aborted' (signal), 'unknown'.
	 */
	async load(model: ModelEntry, options: AdapterLoadOptions): Promise<ReadyInfo> {
		const { contextWindow, onProgress, signal } = options;
		if (model.engine !== 'webllm') throw new EngineFailure('unknown', `${model.id} is not a web-llm model`);
		await this.unload();
		if (!this.#hasWebGpu()) throw new EngineFailure('no-webgpu', 'navigator.gpu is missing in the worker');
		if (signal?.aborted) throw new EngineFailure('aborted', 'load cancelled before it started');
		const appConfig = buildAppConfig([model], () => contextWindow);
		const mapProgress = createProgressMapper();
		onProgress({ phase: 'download', fraction: 0, loadedBytes: null, totalBytes: null, detail: 'start' });
		let engine: MLCEngineLike;
		try {
			engine = await this.#createEngine({
				appConfig,
				initProgressCallback: (report) => onProgress(mapProgress(report)),
				logLevel: 'WARN'
			});
		} catch (error) {
			throw failure(error);
		}
		this.#engine = engine;
		const cancel = () => void engine.unload().catch(() => undefined);
		signal?.addEventListener('abort', cancel, { once: true });
		try {
			await engine.reload(model.id);
		} catch (error) {
			this.#engine = null;
			if (signal?.aborted) throw new EngineFailure('aborted', 'load cancelled');
			throw failure(error);
		} finally {
			signal?.removeEventListener('abort', cancel);
		}
		if (signal?.aborted) {
			this.#engine = null;
			throw new EngineFailure('aborted', 'load cancelled');
		}
		this.#model = model;
		this.#contextWindow = contextWindow;
		return { engine: 'webllm', modelId: model.id, device: 'webgpu', contextWindow };
	}

	/**
	 * Streams one answer. Resolves with finishReason 'abort' and the partial text when the signal
	 * aborts. Rejects with EngineFailure carrying the partial text: 'not-loaded', 'device-lost' (the
	 * model is then gone), 'context-overflow', 'unknown'.
	 */
	async chat(
		messages: ChatTurn[],
		params: GenerationParams,
		options: AdapterChatOptions
	): Promise<AdapterChatResult> {
		const engine = this.#engine;
		if (!engine || !this.#model) throw new EngineFailure('not-loaded', 'no web-llm model is loaded');
		const { signal, onToken } = options;
		if (signal.aborted) return { text: '', finishReason: 'abort', usage: EMPTY_USAGE };
		const interrupt = () => void Promise.resolve(engine.interruptGenerate()).catch(() => undefined);
		signal.addEventListener('abort', interrupt, { once: true });
		let text = '';
		let finishReason: 'stop' | 'length' | 'abort' = 'stop';
		let usage = EMPTY_USAGE;
		try {
			const stream = await engine.chat.completions.create(chatRequest(messages, params, this.#contextWindow));
			for await (const chunk of stream) {
				// web-llm clears its interrupt flag when generation starts: repeat it while aborted.
				if (signal.aborted) interrupt();
				const choice = chunk.choices[0];
				const delta = choice?.delta.content;
				if (delta) {
					text += delta;
					onToken(delta);
				}
				if (choice?.finish_reason) finishReason = finishReasonOf(choice.finish_reason);
				if (chunk.usage) usage = usageFrom(chunk.usage);
			}
		} catch (error) {
			const thrown = failure(error, text);
			if (thrown.code === 'device-lost') {
				// web-llm unloads itself when the device is lost: the model must be loaded again.
				this.#engine = null;
				this.#model = null;
			}
			throw thrown;
		} finally {
			signal.removeEventListener('abort', interrupt);
		}
		if (signal.aborted) finishReason = 'abort';
		return { text, finishReason, usage };
	}

	async unload(): Promise<void> {
		const engine = this.#engine;
		this.#engine = null;
		this.#model = null;
		if (!engine) return;
		try {
			await engine.unload();
		} catch {
			// Unloading after a lost device can fail; nothing is loaded either way.
		}
	}

	/**
	 * Each text's tokens for the loaded model's tokenizer (see pipelineTokenizer). Throws
	 * EngineFailure 'not-loaded', or 'unknown' when this web-llm version hides its tokenizer.
	 */
	async countTokens(texts: string[]): Promise<number[]> {
		const engine = this.#engine;
		const model = this.#model;
		if (!engine || !model) throw new EngineFailure('not-loaded', 'no web-llm model is loaded');
		const tokenizer = pipelineTokenizer(engine, model.id);
		if (!tokenizer) throw new EngineFailure('unknown', 'this web-llm version does not expose its tokenizer');
		return texts.map((text) => tokenizer.encode(text).length);
	}

	/** The web-llm models among `models` whose files are all in the Cache API, with their sizes. */
	async cached(models: ModelEntry[]): Promise<CachedModel[]> {
		const ours = models.filter((m) => m.engine === 'webllm' && m.modelLib);
		if (ours.length === 0) return [];
		const fns = await this.#cacheFunctions();
		const appConfig = buildAppConfig(ours, (m) => m.contextWindow ?? 4096);
		const found: CachedModel[] = [];
		for (const model of ours) {
			let present = false;
			try {
				present = await fns.hasModelInCache(model.id, appConfig);
			} catch {
				present = false;
			}
			if (present) found.push({ modelId: model.id, bytes: await this.#measure(model) });
		}
		return found;
	}

	/**
	 * Removes one model's files: web-llm's deleteModelAllInfoInCache when its tensor-cache.json is
	 * cached (web-llm would otherwise download that file just to delete the shards it lists), then a
	 * sweep of anything left under the model's URLs (a partial download). Never fetches. Rejects with
	 * an EngineFailure mapped like load errors (usually 'unknown').
	 */
	async delete(model: ModelEntry): Promise<void> {
		if (model.engine !== 'webllm' || !model.modelLib) return;
		try {
			const manifest = new URL('tensor-cache.json', model.base).href;
			if (await this.#inCache('webllm/model', manifest)) {
				const fns = await this.#cacheFunctions();
				await fns.deleteModelAllInfoInCache(
					model.id,
					buildAppConfig([model], () => 4096)
				);
			}
			await this.#sweep(model, async (cache, request) => {
				await cache.delete(request);
			});
		} catch (error) {
			throw failure(error);
		}
	}

	async #inCache(scope: string, url: string): Promise<boolean> {
		if (!this.#caches) return false;
		const cache = await this.#caches.open(scope);
		return (await cache.match(url)) !== undefined;
	}

	/** Calls `visit` for every cached request that belongs to the model (its base URL or its library). */
	async #sweep(
		model: ModelEntry,
		visit: (cache: Pick<Cache, 'keys' | 'match' | 'delete'>, request: Request) => Promise<void>
	): Promise<boolean> {
		if (!this.#caches) return false;
		for (const scope of WEBLLM_CACHE_SCOPES) {
			const cache = await this.#caches.open(scope);
			for (const request of await cache.keys()) {
				if (request.url.startsWith(model.base) || request.url === model.modelLib) await visit(cache, request);
			}
		}
		return true;
	}

	/** Bytes the model takes in the Cache API (Content-Length, else the body's size); null if unknown. */
	async #measure(model: ModelEntry): Promise<number | null> {
		let bytes = 0;
		try {
			const measured = await this.#sweep(model, async (cache, request) => {
				const response = await cache.match(request);
				if (!response) return;
				const length = Number(response.headers.get('content-length'));
				bytes += Number.isFinite(length) && length > 0 ? length : (await response.blob()).size;
			});
			return measured ? bytes : null;
		} catch {
			return null;
		}
	}
}
