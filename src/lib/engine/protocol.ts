// The one typed protocol between the main thread and the llm worker (src/lib/engine/llm.worker.ts).
//
// Every request carries an `id`; every event answers one request id. A `load` answers with zero or
// more `progress` events, then `ready` or `error`. A `chat` answers with `token` events, then `done`
// (also after `abort`, with finishReason 'abort' and the partial text) or `error` (with the partial
// text kept). Other requests answer with one `result` or `error`.
//
// The main thread imports this file (types and pure helpers only), never @mlc-ai/web-llm or
// @huggingface/transformers: those are imported by the worker's adapters alone.

/** Which adapter runs a model. */
export type EngineKind = 'webllm' | 'onnx';

/** Where the ONNX adapter runs; web-llm always runs on WebGPU. */
export type OnnxDevice = 'webgpu' | 'wasm';

/** One model the app can offer: catalog data (src/lib/engine/catalog.default.json, static/models/catalog.json). */
export interface ModelEntry {
	/** Unique id; for web-llm, its model_id. */
	id: string;
	engine: EngineKind;
	/** Shown to people, e.g. "Qwen3 4B". */
	label: string;
	/** Parameter count in billions, e.g. 4, 1.7, 0.6: larger is preferred when the device holds it. */
	paramsB: number;
	quantization: string;
	/** web-llm: the model needs the adapter's `shader-f16` feature. */
	requiresShaderF16: boolean;
	/** Every model file's URL derives from this base (absolute, or a path on the app's own origin). */
	base: string;
	/** web-llm: the compiled model library (wasm). */
	modelLib?: string;
	/** web-llm: the record's vram_required_MB. */
	vramRequiredMB?: number;
	/** web-llm: the record's buffer_size_required_bytes (largest single GPU buffer). */
	bufferSizeRequiredBytes?: number;
	/** Approximate download size in bytes, shown on the consent card before anything is fetched. */
	downloadBytes: number;
	/** ONNX: the dtype passed to transformers.js (e.g. 'q4f16', 'q4', 'fp32'), per device. */
	dtype?: Partial<Record<OnnxDevice, string>>;
	/** Context window in tokens; defaults to the catalog's. */
	contextWindow?: number;
	/** Marks test fixtures, never offered outside tests. */
	fixture?: boolean;
}

export interface Catalog {
	version: 1;
	/** Default context window (tokens) for entries that do not set their own. */
	contextWindow: number;
	/** Hosts the model hosts redirect to (allowed by the CSP). */
	redirectHosts: string[];
	models: ModelEntry[];
	/** The knowledge base's embedding model; absent: search stays lexical (no model to offer). */
	embedding?: EmbeddingModelEntry;
}

/**
 * The embedding model the knowledge base's vector search uses (src/lib/retrieval/embed.ts): catalog data
 * like the chat models, its files under `base` on the same mirror. The app and `npm run kb:build` load
 * it the same way, so an index built with it can be trusted by the app (same id, same dimension).
 */
export interface EmbeddingModelEntry {
	/**
	 * Names the vectors it makes: an index built with another id is re-embedded, not trusted. Change it
	 * when the weights or the dtype change. Letters, digits, ".", "-", "_", at most one "/".
	 */
	id: string;
	/** Shown to people, e.g. "Multilingual E5 small". */
	label: string;
	/** Every file's URL derives from this base (absolute, or a path on the app's own origin). */
	base: string;
	/** The transformers.js dtype, the same on every device so vectors match the prebuilt index (e.g. 'q8'). */
	dtype: string;
	/** Length of each vector. */
	dimension: number;
	/** Text put before a query / a passage (e5: "query: " / "passage: "; symmetric models: ""). */
	prefix: { query: string; passage: string };
	/** How token vectors become one: 'mean' (masked mean) or 'cls' (the first token); then normalized. */
	pooling: 'mean' | 'cls';
	/** Approximate download size in bytes, shown before anything is fetched. */
	downloadBytes: number;
	/** Marks test fixtures, never offered outside tests. */
	fixture?: boolean;
}

/** Sampling parameters sent with each chat; defaults in DEFAULT_GENERATION. */
export interface GenerationParams {
	temperature: number;
	top_p: number;
	repetition_penalty: number;
	max_tokens: number;
}

export const DEFAULT_GENERATION: GenerationParams = {
	temperature: 0.3,
	top_p: 0.9,
	repetition_penalty: 1.1,
	max_tokens: 768
};

export interface ChatTurn {
	role: 'system' | 'user' | 'assistant';
	content: string;
}

export interface LoadProgress {
	/** 'download' while fetching files; 'compile'/'init' while preparing the model after all files are here. */
	phase: 'download' | 'compile' | 'init';
	/** 0..1 overall, when known. */
	fraction: number | null;
	loadedBytes: number | null;
	totalBytes: number | null;
	/** The file being fetched now, when known. */
	file?: string;
	/** Files already in the browser cache and not fetched again, when known. */
	cachedFiles?: number;
	/** The adapter's own progress text, for diagnostics. */
	detail?: string;
}

export interface Usage {
	promptTokens: number;
	completionTokens: number;
	/** Prompt tokens per second (prefill). */
	prefillTokensPerSecond: number | null;
	/** Generated tokens per second (decode). */
	decodeTokensPerSecond: number | null;
}

export type EngineErrorCode =
	| 'no-webgpu' // WebGPU absent or no adapter
	| 'device-lost' // the GPU device was lost (driver reset, tab backgrounded too long, out of memory)
	| 'quota' // storage full while caching model files
	| 'network' // a model file could not be fetched (offline, host down, cut off)
	| 'model-library' // web-llm's compiled model library failed to load or is incompatible
	| 'model-files' // model files are missing or corrupt
	| 'not-loaded' // chat before a model is ready
	| 'busy' // a chat while another chat runs (one chat at a time), or a load while another load runs
	| 'context-overflow' // the prompt does not fit the context window (the prompt builder's budget was exceeded)
	| 'worker-crashed' // the worker died; it is restarted
	| 'aborted' // a load was cancelled
	| 'unknown';

export interface EngineError {
	code: EngineErrorCode;
	/** Technical detail for diagnostics; people see a translated message chosen by `code`. */
	detail: string;
}

export interface ReadyInfo {
	engine: EngineKind;
	modelId: string;
	/** Where it runs: 'webgpu' for web-llm; the ONNX device otherwise. */
	device: OnnxDevice;
	contextWindow: number;
}

export interface CachedModel {
	modelId: string;
	/** Bytes in the browser cache for this model, when measurable. */
	bytes: number | null;
}

export type WorkerRequest =
	| { type: 'load'; id: number; model: ModelEntry; device?: OnnxDevice; contextWindow: number }
	| { type: 'chat'; id: number; messages: ChatTurn[]; params: GenerationParams }
	| { type: 'abort'; id: number; target: number }
	| { type: 'unload'; id: number }
	| { type: 'cached'; id: number; models: ModelEntry[] }
	| { type: 'delete'; id: number; model: ModelEntry }
	/** Tokens of each text with the loaded model's own tokenizer (answered with `result`: number[]). */
	| { type: 'count'; id: number; texts: string[] }
	| { type: 'ping'; id: number };

export type WorkerEvent =
	| { type: 'progress'; id: number; progress: LoadProgress }
	| { type: 'ready'; id: number; info: ReadyInfo }
	| { type: 'token'; id: number; delta: string }
	| {
			type: 'done';
			id: number;
			text: string;
			finishReason: 'stop' | 'length' | 'abort';
			usage: Usage;
	  }
	| { type: 'error'; id: number; error: EngineError; partialText?: string }
	| { type: 'result'; id: number; value: unknown }
	| { type: 'pong'; id: number };

/** What an adapter's `load` is given. */
export interface AdapterLoadOptions {
	device?: OnnxDevice;
	contextWindow: number;
	onProgress(progress: LoadProgress): void;
	/** Aborted when the load is cancelled; an adapter stops what it can and rejects (code 'aborted'). */
	signal?: AbortSignal;
}

export interface AdapterChatOptions {
	signal: AbortSignal;
	onToken(delta: string): void;
}

export interface AdapterChatResult {
	text: string;
	finishReason: 'stop' | 'length' | 'abort';
	usage: Usage;
}

/**
 * What the worker asks of an engine adapter (web-llm or ONNX). One adapter holds at most one model.
 * Adapters throw errors that `toEngineError` (or the adapter's own mapping) turns into EngineError.
 */
export interface EngineAdapter {
	readonly kind: EngineKind;
	load(model: ModelEntry, options: AdapterLoadOptions): Promise<ReadyInfo>;
	/** Streams deltas through onToken; resolves with the full text when done or aborted. */
	chat(
		messages: ChatTurn[],
		params: GenerationParams,
		options: AdapterChatOptions
	): Promise<AdapterChatResult>;
	unload(): Promise<void>;
	/** Which of these models have all their files in the browser cache, with their sizes. */
	cached(models: ModelEntry[]): Promise<CachedModel[]>;
	/** Removes one model's files from the browser cache. */
	delete(model: ModelEntry): Promise<void>;
	/**
	 * How many tokens each text is for the loaded model's own tokenizer: the text alone, no special
	 * tokens, no chat template (the prompt budget adds the template's tokens). Throws 'not-loaded'.
	 */
	countTokens(texts: string[]): Promise<number[]>;
}
