// The one typed protocol between the main thread (embed-client.ts) and the embed worker
// (embed.worker.ts, logic in embed-host.ts), and the embedder's errors as values.
//
// Every request carries an `id`; every event answers one request id. A `load` answers with zero or
// more `progress` events (download bytes, then 'compile' and 'init'), then `ready` or `error`. An
// `embed` answers with zero or more `embedded` events (texts done so far), then `vectors` or `error`.
// `abort`, `unload` answer with `result`; `ping` with `pong`. Errors cross as `{ name, code, message }`
// and are rebuilt as `EmbedFailure` on the other side.
//
// Pure: types and checks only, no transformers.js (the main thread imports this file).
import type { EmbeddingModelEntry, LoadProgress, OnnxDevice } from '../engine/protocol';
import type { EmbeddingModelInfo, EmbedKind } from './types';

export type EmbedErrorCode =
	| 'no-model' // the catalog names no embedding model (search stays lexical)
	| 'not-loaded' // embed before the model is ready
	| 'busy' // a load while another load runs
	| 'aborted' // the load or the embedding was cancelled
	| 'network' // a model file could not be fetched (offline, host down, cut off)
	| 'quota' // storage full while caching the model files
	| 'model-files' // files missing or corrupt, or not a feature-extraction model
	| 'model-mismatch' // the model's vectors do not have the catalog's dimension
	| 'empty-text' // a text to embed is empty or blank (a caller's mistake: nothing to embed)
	| 'no-webgpu' // WebGPU was asked for and there is no adapter
	| 'device-lost' // the GPU device was lost
	| 'worker-crashed' // the worker died; the next request starts a new one
	| 'unknown';

/** Every EmbedErrorCode, for checking values that crossed the boundary. */
export const EMBED_ERROR_CODES = [
	'no-model',
	'not-loaded',
	'busy',
	'aborted',
	'network',
	'quota',
	'model-files',
	'model-mismatch',
	'empty-text',
	'no-webgpu',
	'device-lost',
	'worker-crashed',
	'unknown'
] as const satisfies readonly EmbedErrorCode[];

// Compile-time check that the list above names every code.
type Unlisted = Exclude<EmbedErrorCode, (typeof EMBED_ERROR_CODES)[number]>;
const _everyCodeListed: Unlisted extends never ? true : false = true;

/** An error as it crosses the worker boundary. People see a translated text chosen by `code`. */
export interface EmbedErrorWire {
	name: 'EmbedFailure';
	code: EmbedErrorCode;
	/** Technical detail for diagnostics. */
	message: string;
}

/** A typed embedder failure: what embed.ts throws and what EmbedClient rejects with. */
export class EmbedFailure extends Error {
	override readonly name = 'EmbedFailure';
	readonly code: EmbedErrorCode;

	constructor(code: EmbedErrorCode, message: string) {
		super(message);
		this.code = code;
	}

	toWire(): EmbedErrorWire {
		return { name: this.name, code: this.code, message: this.message };
	}

	static fromWire(wire: EmbedErrorWire): EmbedFailure {
		return new EmbedFailure(wire.code, wire.message);
	}
}

export function isEmbedErrorCode(value: unknown): value is EmbedErrorCode {
	return EMBED_ERROR_CODES.some((code) => code === value);
}

/** What `ready` tells: the model's identity (recorded with every vector) and where it runs. */
export interface EmbedReadyInfo {
	model: EmbeddingModelInfo;
	device: OnnxDevice;
}

export type EmbedRequest =
	| { type: 'load'; id: number; model: EmbeddingModelEntry; device?: OnnxDevice }
	| { type: 'embed'; id: number; texts: string[]; kind: EmbedKind }
	| { type: 'abort'; id: number; target: number }
	| { type: 'unload'; id: number }
	| { type: 'ping'; id: number };

export type EmbedEvent =
	| { type: 'progress'; id: number; progress: LoadProgress }
	| { type: 'ready'; id: number; info: EmbedReadyInfo }
	| { type: 'embedded'; id: number; done: number; total: number }
	| { type: 'vectors'; id: number; vectors: Float32Array[] }
	| { type: 'result'; id: number; value: boolean | null }
	| { type: 'error'; id: number; error: EmbedErrorWire }
	| { type: 'pong'; id: number };

type Fields = Record<string, unknown>;

function isFields(value: unknown): value is Fields {
	return typeof value === 'object' && value !== null;
}

function hasId(value: Fields): value is Fields & { id: number } {
	return typeof value.id === 'number' && Number.isFinite(value.id);
}

/** The request id of a message that may be malformed, so an error can still answer it. */
export function embedRequestId(value: unknown): number | null {
	return isFields(value) && hasId(value) ? value.id : null;
}

/** Shallow check of a request: the discriminant, the id and the fields each branch reads. */
export function isEmbedRequest(value: unknown): value is EmbedRequest {
	if (!isFields(value) || !hasId(value)) return false;
	switch (value.type) {
		case 'load':
			return isFields(value.model) && (value.device === undefined || typeof value.device === 'string');
		case 'embed':
			return (
				Array.isArray(value.texts) &&
				value.texts.every((text) => typeof text === 'string') &&
				(value.kind === 'query' || value.kind === 'passage')
			);
		case 'abort':
			return typeof value.target === 'number';
		case 'unload':
		case 'ping':
			return true;
		default:
			return false;
	}
}

/** Shallow check of an event. */
export function isEmbedEvent(value: unknown): value is EmbedEvent {
	if (!isFields(value) || !hasId(value)) return false;
	switch (value.type) {
		case 'progress':
			return isFields(value.progress);
		case 'ready':
			return isFields(value.info) && isFields(value.info.model);
		case 'embedded':
			return typeof value.done === 'number' && typeof value.total === 'number';
		case 'vectors':
			return Array.isArray(value.vectors) && value.vectors.every((v) => v instanceof Float32Array);
		case 'error':
			return (
				isFields(value.error) && isEmbedErrorCode(value.error.code) && typeof value.error.message === 'string'
			);
		case 'result':
		case 'pong':
			return true;
		default:
			return false;
	}
}
