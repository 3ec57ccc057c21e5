// The embedder: a catalog embedding model run by transformers.js's feature-extraction pipeline, mean
// (or CLS) pooled and normalized, behind the shared `Embedder` contract (./types.ts). One module for
// every place that embeds, so their vectors agree: the embed worker in the browser (runtime 'web',
// ONNX Runtime Web on WebGPU or WASM) and `npm run kb:build` and the unit tests in Node (runtime 'node',
// onnxruntime-node).
//
// Where the files come from:
// - a catalog base (default): the same mirror rules as the chat models, configured once in
//   src/lib/engine/transformers-env.ts (fetches only under the base, Cache API for offline, ONNX
//   Runtime's wasm from the app's origin). Nothing is fetched before `loadEmbedder` is called.
// - a local directory (`localModelPath`, Node only): transformers.js's local mode with remote models
//   off, so the index builder never touches the network.
//
// Invariants:
// - `embed` returns one unit-length Float32Array of the entry's dimension per text, in order; the
//   query/passage prefix comes from the entry (catalog data), never from code.
// - Texts run in batches; batches of concurrent `embed` calls take turns (a query asked during a
//   re-embedding of the whole base waits for one batch, not for the whole base).
// - A loaded model has been checked: one warm-up run must give vectors of the entry's dimension.
// - Failures leave as `EmbedFailure` with a code (./embed-protocol.ts).
import { env, pipeline, type DataType, type ProgressInfo } from '@huggingface/transformers';
import type { FeatureExtractionPipeline } from '@huggingface/transformers';
import { ONNX_DTYPE_SUFFIX } from '../engine/onnx-files';
import type { EmbeddingModelEntry, EngineErrorCode, LoadProgress, OnnxDevice } from '../engine/protocol';
import {
	allowModelFetches,
	breaksOnnxRuntime,
	cachedResponses,
	configureLocalModels,
	configureTransformers,
	endModelFetches,
	lastFetchFailure,
	LoadProgressTracker,
	modelLocation,
	prepareOnnxRuntime,
	toOnnxEngineError,
	webGpuAdapterAvailable,
	type OnnxRuntime
} from '../engine/transformers-env';
import { EmbedFailure, type EmbedErrorCode } from './embed-protocol';
import { embeddingFiles, modelInfo, withPrefix } from './embed-model';
import type { Embedder, EmbeddingModelInfo, EmbedKind } from './types';

/** Texts per model run. Padding runs to the longest text of a batch, and attention memory grows with
 * batch × length²: 8 passages of up to 512 tokens stay well under 100 MB on WASM. Range 1–64. */
export const DEFAULT_BATCH_SIZE = 8;

export interface LoadEmbedderOptions {
	/** 'web' (default): in the embed worker, on ONNX Runtime Web. 'node': onnxruntime-node (CPU). */
	runtime?: OnnxRuntime;
	/** web: ONNX Runtime's wasm URL on the app's origin (src/lib/engine/ort-wasm.ts); required there. */
	ortWasmUrl?: string;
	/** What a path base ('/models/x/') resolves against; default the worker's own location. */
	origin?: string;
	/** Node only: read the model from this directory and never from the network. */
	localModelPath?: string;
	/** With `localModelPath`: the model's folder under it; default the entry's id. */
	localModelId?: string;
	/** Default: WebGPU when an adapter is available (web), else WASM (the CPU in Node). */
	device?: OnnxDevice;
	onProgress?: (progress: LoadProgress) => void;
	/** Cancels the load: downloads stop and the load rejects with 'aborted'. */
	signal?: AbortSignal;
	/** Texts per model run; default DEFAULT_BATCH_SIZE. */
	batchSize?: number;
}

export interface EmbedOptions {
	/** Checked between batches: the call then rejects with 'aborted'. */
	signal?: AbortSignal;
	/** Texts embedded so far, after each batch. */
	onProgress?: (done: number, total: number) => void;
}

/** Maps any failure of loading or running the model to an EmbedFailure. */
export function toEmbedFailure(error: unknown, context: { networkFailure?: unknown } = {}): EmbedFailure {
	if (error instanceof EmbedFailure) return error;
	const { code, detail } = toOnnxEngineError(error, context);
	const failure = new EmbedFailure(EMBED_CODE[code] ?? 'unknown', detail);
	failure.cause = error;
	return failure;
}

const EMBED_CODE: Partial<Record<EngineErrorCode, EmbedErrorCode>> = {
	aborted: 'aborted',
	network: 'network',
	quota: 'quota',
	'model-files': 'model-files',
	'no-webgpu': 'no-webgpu',
	'device-lost': 'device-lost'
};

/** The entry's dtype, checked against the ones transformers.js knows. */
function dtypeOf(entry: EmbeddingModelEntry): Exclude<DataType, 'auto'> {
	const dtype = entry.dtype;
	if (!isDataType(dtype))
		throw new EmbedFailure('model-files', `Unknown ONNX dtype "${dtype}" for ${entry.id}`);
	return dtype;
}

function isDataType(dtype: string): dtype is Exclude<DataType, 'auto'> {
	return Object.hasOwn(ONNX_DTYPE_SUFFIX, dtype);
}

/**
 * Loads the entry's model and checks it (one warm-up run of the expected dimension). Files come from
 * the browser cache where they are, else from the entry's base (or from `localModelPath` in Node).
 * @throws EmbedFailure 'aborted' | 'no-webgpu' | 'network' | 'quota' | 'model-files' |
 * 'model-mismatch' | 'device-lost' | 'unknown'
 */
export async function loadEmbedder(
	entry: EmbeddingModelEntry,
	options: LoadEmbedderOptions = {}
): Promise<TransformersEmbedder> {
	const runtime = options.runtime ?? 'web';
	const { signal } = options;
	const onProgress = options.onProgress ?? (() => undefined);
	const batchSize = Math.min(64, Math.max(1, Math.floor(options.batchSize ?? DEFAULT_BATCH_SIZE)));
	if (signal?.aborted) throw new EmbedFailure('aborted', 'load cancelled before it started');
	const dtype = dtypeOf(entry);
	const gpu = runtime === 'web' && (await webGpuAdapterAvailable());
	const device = options.device ?? (gpu ? 'webgpu' : 'wasm');
	if (device === 'webgpu' && runtime === 'web' && !gpu) {
		throw new EmbedFailure('no-webgpu', 'WebGPU was requested but no adapter is available');
	}
	const origin = options.origin ?? globalThis.location?.href;
	const files = embeddingFiles(entry);

	let modelId: string;
	let tracker: LoadProgressTracker;
	if (options.localModelPath !== undefined) {
		configureLocalModels(options.localModelPath);
		modelId = options.localModelId ?? entry.id;
		tracker = new LoadProgressTracker(onProgress, files, 0);
	} else {
		configureTransformers(runtime, options.ortWasmUrl);
		let location;
		try {
			location = modelLocation(entry.base, origin);
		} catch (error) {
			throw toEmbedFailure(error);
		}
		const cached = (await cachedResponses(location.url, files)).filter(Boolean).length;
		tracker = new LoadProgressTracker(onProgress, files, cached);
		env.remoteHost = location.root;
		allowModelFetches(location.url, signal);
		modelId = location.id;
	}

	let extractor: FeatureExtractionPipeline;
	try {
		if (runtime === 'web') await prepareOnnxRuntime(origin ?? entry.base, signal, onProgress);
		extractor = await pipeline('feature-extraction', modelId, {
			device: runtime === 'node' ? 'cpu' : device,
			dtype,
			progress_callback: (info: ProgressInfo) => tracker.update(info)
		});
	} catch (error) {
		if (signal?.aborted && !breaksOnnxRuntime(error)) throw new EmbedFailure('aborted', 'load cancelled');
		throw toEmbedFailure(error, { networkFailure: lastFetchFailure() });
	} finally {
		endModelFetches();
	}
	const embedder = new TransformersEmbedder(entry, extractor, device, batchSize);
	if (signal?.aborted) {
		await embedder.dispose();
		throw new EmbedFailure('aborted', 'load cancelled');
	}
	onProgress({
		phase: 'init',
		fraction: 1,
		loadedBytes: null,
		totalBytes: null,
		detail: 'checking the model with one warm-up run'
	});
	try {
		await embedder.embed(['warm-up'], 'query');
	} catch (error) {
		await embedder.dispose();
		throw toEmbedFailure(error);
	}
	return embedder;
}

/** A loaded embedding model. Use `loadEmbedder` to make one. */
export class TransformersEmbedder implements Embedder {
	readonly model: EmbeddingModelInfo;
	/** Where it runs ('wasm' also stands for the CPU in Node). */
	readonly device: OnnxDevice;
	readonly #entry: EmbeddingModelEntry;
	#extractor: FeatureExtractionPipeline | null;
	readonly #batchSize: number;
	/** The last batch queued: batches of every call run one after another. */
	#turn: Promise<unknown> = Promise.resolve();

	constructor(
		entry: EmbeddingModelEntry,
		extractor: FeatureExtractionPipeline,
		device: OnnxDevice,
		batchSize: number
	) {
		this.model = modelInfo(entry);
		this.device = device;
		this.#entry = entry;
		this.#extractor = extractor;
		this.#batchSize = batchSize;
	}

	/**
	 * One unit-length vector per text, in order, with the entry's prefix for `kind` in front.
	 * @throws EmbedFailure 'aborted' (options.signal, between batches) | 'not-loaded' (after dispose) |
	 * 'model-mismatch' (vectors of another dimension) | 'empty-text' | 'device-lost' | 'unknown' (a
	 * failed run)
	 */
	async embed(
		texts: readonly string[],
		kind: EmbedKind,
		options: EmbedOptions = {}
	): Promise<Float32Array[]> {
		const empty = texts.findIndex((text) => text.trim() === '');
		if (empty >= 0) throw new EmbedFailure('empty-text', `text ${empty} is empty: there is nothing to embed`);
		const inputs = withPrefix(this.#entry, texts, kind);
		const vectors: Float32Array[] = [];
		for (let start = 0; start < inputs.length; start += this.#batchSize) {
			if (options.signal?.aborted) throw new EmbedFailure('aborted', 'embedding cancelled');
			const batch = inputs.slice(start, start + this.#batchSize);
			vectors.push(...(await this.#inTurn(() => this.#run(batch))));
			options.onProgress?.(vectors.length, inputs.length);
		}
		return vectors;
	}

	/** Frees the model (GPU buffers, the ONNX session). Later `embed` calls fail with 'not-loaded'. */
	async dispose(): Promise<void> {
		const extractor = this.#extractor;
		this.#extractor = null;
		await this.#turn.catch(() => undefined);
		await extractor?.dispose();
	}

	#inTurn<T>(work: () => Promise<T>): Promise<T> {
		const result = this.#turn.catch(() => undefined).then(work);
		this.#turn = result;
		return result;
	}

	async #run(batch: string[]): Promise<Float32Array[]> {
		const extractor = this.#extractor;
		if (!extractor) throw new EmbedFailure('not-loaded', 'the embedding model was unloaded');
		let output;
		try {
			output = await extractor(batch, { pooling: this.#entry.pooling, normalize: true });
		} catch (error) {
			throw toEmbedFailure(error);
		}
		const [rows, dimension] = output.dims;
		if (rows !== batch.length || dimension !== this.model.dimension) {
			throw new EmbedFailure(
				'model-mismatch',
				`${this.model.id} gives vectors of dimension ${String(dimension)}; the catalog says ${this.model.dimension}`
			);
		}
		const data = floats(output.data);
		if (!data)
			throw new EmbedFailure('model-files', `the model's output is of type ${output.type}, not floats`);
		return Array.from({ length: rows }, (_, i) => data.slice(i * dimension, (i + 1) * dimension));
	}
}

/** The output as float32 (an fp16 model gives 16-bit floats); null for integer outputs. */
function floats(data: unknown): Float32Array | null {
	if (data instanceof Float32Array) return data;
	if (data instanceof Float64Array) return Float32Array.from(data);
	const Float16 = (globalThis as { Float16Array?: new (...args: never[]) => ArrayLike<number> }).Float16Array;
	if (Float16 && data instanceof Float16) return Float32Array.from(data);
	return null;
}
