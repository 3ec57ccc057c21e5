// The prebuilt knowledge-base index: what `npm run kb:build` writes to static/kb/index.json and the
// app reads at /kb/index.json, so a device starts with the whole base chunked (and, when the index was
// built with the app's embedding model, embedded) instead of doing that work itself.
//
// Format (JSON, version 1):
//   {
//     "format": "med-qa-kb-index", "version": 1,
//     "model": { "id": "Xenova/multilingual-e5-small", "dimension": 384 } | null,
//     "contentHash": "<hex SHA-256 of the chunks as written>",
//     "chunks": [ KbChunk, … ],                       (./types.ts, in base order)
//     "vectors": "<base64>" | null                    (chunks × dimension float32, little-endian)
//   }
// `model` null means a lexical-only index: the chunks without vectors. No build time or path is
// written, so the same kb/ and model give the same bytes (the file is committed and diffed).
//
// Trust: vectors are only as good as the model that made them. `readPrebuiltIndex` hands them out
// only when the index's model is the app's current one (same id and dimension); otherwise the chunks
// come without vectors and the app embeds them itself once its model is loaded ("re-embed, never
// trust"). `parsePrebuiltIndex` is the strict form, refusing a mismatch with a typed error.
//
// Pure apart from `fetchPrebuiltIndex` (one same-origin GET): runs in the browser and in Node.
import type { EmbeddingModelInfo, Embedder, KbChunk, KbLang } from './types';

/** Where the app finds the prebuilt index, relative to its origin (static/kb/index.json in the build). */
export const PREBUILT_INDEX_PATH = '/kb/index.json';
export const PREBUILT_FORMAT = 'med-qa-kb-index';
export const PREBUILT_VERSION = 1;

/** How far from 1 a stored vector's length may be (float32 rounding of a normalized vector). */
const UNIT_TOLERANCE = 1e-3;

export interface PrebuiltIndex {
	/** The model the vectors were made with; null for a lexical-only index. */
	model: EmbeddingModelInfo | null;
	/** Identity of the content: changes whenever any chunk (text, title, source, …) changes. */
	contentHash: string;
	chunks: KbChunk[];
	/** One unit-length vector per chunk, in order; null when `model` is null. */
	vectors: Float32Array[] | null;
}

export type PrebuiltErrorCode =
	| 'format' // not JSON, or not this format
	| 'version' // a format version this app cannot read (an older or newer app built it)
	| 'malformed' // the right format, but a chunk or the vectors are damaged
	| 'model-mismatch' // built with another embedding model than the one expected
	| 'dimension-mismatch'; // the same model id with another vector length

export class PrebuiltIndexError extends Error {
	override readonly name = 'PrebuiltIndexError';
	readonly code: PrebuiltErrorCode;

	constructor(code: PrebuiltErrorCode, message: string) {
		super(message);
		this.code = code;
	}
}

// ————— Building —————

export interface BuildPrebuiltOptions {
	/** Texts embedded so far (the builder prints a progress line). */
	onProgress?: (done: number, total: number) => void;
	/** Texts per `embed` call (the embedder batches further inside). Default 64. */
	batchSize?: number;
}

/**
 * The index of `chunks` (in the order given), embedded as passages with `embedder`, or lexical-only
 * when `embedder` is null.
 * @throws whatever the embedder throws (an EmbedFailure)
 */
export async function buildPrebuiltIndex(
	chunks: readonly KbChunk[],
	embedder: Embedder | null,
	options: BuildPrebuiltOptions = {}
): Promise<PrebuiltIndex> {
	const batchSize = Math.max(1, options.batchSize ?? 64);
	let vectors: Float32Array[] | null = null;
	if (embedder) {
		vectors = [];
		for (let start = 0; start < chunks.length; start += batchSize) {
			const batch = chunks.slice(start, start + batchSize).map((chunk) => chunk.text);
			vectors.push(...(await embedder.embed(batch, 'passage')));
			options.onProgress?.(vectors.length, chunks.length);
		}
	}
	const copies = chunks.map(copyChunk);
	return {
		model: embedder ? { id: embedder.model.id, dimension: embedder.model.dimension } : null,
		contentHash: await contentHash(copies),
		chunks: copies,
		vectors
	};
}

/** Hex SHA-256 of the chunks as the index writes them (Web Crypto: browsers and Node alike). */
export async function contentHash(chunks: readonly KbChunk[]): Promise<string> {
	const text = chunks.map((chunk) => JSON.stringify(copyChunk(chunk))).join('\n');
	const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
	return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

/**
 * The index as the file's text: one chunk per line (readable diffs), fields in a fixed order, ending
 * in a newline. The same index always gives the same text.
 * @throws PrebuiltIndexError 'malformed' when vectors and chunks or the model's dimension disagree
 */
export function serializePrebuiltIndex(index: PrebuiltIndex): string {
	const { model, vectors, chunks } = index;
	if ((model === null) !== (vectors === null)) {
		throw new PrebuiltIndexError('malformed', 'vectors need a model, and a model needs vectors');
	}
	if (vectors && model) {
		if (vectors.length !== chunks.length) {
			throw new PrebuiltIndexError('malformed', `${vectors.length} vectors for ${chunks.length} chunks`);
		}
		const wrong = vectors.findIndex((vector) => vector.length !== model.dimension);
		if (wrong >= 0) {
			throw new PrebuiltIndexError('malformed', `vector ${wrong} is not of dimension ${model.dimension}`);
		}
	}
	const head = [
		`\t"format": ${JSON.stringify(PREBUILT_FORMAT)}`,
		`\t"version": ${PREBUILT_VERSION}`,
		`\t"model": ${model ? JSON.stringify({ id: model.id, dimension: model.dimension }) : 'null'}`,
		`\t"contentHash": ${JSON.stringify(index.contentHash)}`
	];
	const body = chunks.map((chunk) => `\t\t${JSON.stringify(copyChunk(chunk))}`).join(',\n');
	const encoded = vectors && model ? JSON.stringify(encodeVectors(vectors, model.dimension)) : 'null';
	return `{\n${head.join(',\n')},\n\t"chunks": [${body ? `\n${body}\n\t` : ''}],\n\t"vectors": ${encoded}\n}\n`;
}

/** A chunk with exactly the KbChunk fields, in a fixed order (no stray fields reach the file). */
function copyChunk(chunk: KbChunk): KbChunk {
	const { id, docId, ordinal, title, lang, source, updated, url, file, text } = chunk;
	return url === undefined
		? { id, docId, ordinal, title, lang, source, updated, file, text }
		: { id, docId, ordinal, title, lang, source, updated, url, file, text };
}

// ————— Reading —————

export interface ParseOptions {
	/**
	 * The model the caller will use the vectors with: an index with vectors from another model (or
	 * another dimension) is refused. A lexical-only index is accepted whatever the model.
	 */
	expect?: EmbeddingModelInfo;
}

/**
 * Reads an index file's JSON (already parsed) strictly.
 * @throws PrebuiltIndexError 'format' | 'version' | 'malformed' | 'model-mismatch' | 'dimension-mismatch'
 */
export function parsePrebuiltIndex(raw: unknown, options: ParseOptions = {}): PrebuiltIndex {
	if (!isFields(raw) || raw.format !== PREBUILT_FORMAT) {
		throw new PrebuiltIndexError('format', `not a knowledge-base index (format "${PREBUILT_FORMAT}")`);
	}
	if (raw.version !== PREBUILT_VERSION) {
		throw new PrebuiltIndexError(
			'version',
			`index version ${JSON.stringify(raw.version)}; this app reads version ${PREBUILT_VERSION}`
		);
	}
	const model = readModel(raw.model);
	const { expect } = options;
	if (expect && model) {
		if (model.id !== expect.id) {
			throw new PrebuiltIndexError(
				'model-mismatch',
				`the index was embedded with ${model.id}; the app uses ${expect.id}`
			);
		}
		if (model.dimension !== expect.dimension) {
			throw new PrebuiltIndexError(
				'dimension-mismatch',
				`the index has ${model.id} vectors of dimension ${model.dimension}; the app's have ${expect.dimension}`
			);
		}
	}
	if (typeof raw.contentHash !== 'string' || !/^[0-9a-f]{64}$/.test(raw.contentHash)) {
		throw new PrebuiltIndexError('malformed', 'contentHash: a hex SHA-256');
	}
	if (!Array.isArray(raw.chunks)) throw new PrebuiltIndexError('malformed', 'chunks: an array');
	const chunks = raw.chunks.map((value, index) => readChunk(value, index));
	const ids = new Set<string>();
	for (const chunk of chunks) {
		if (ids.has(chunk.id)) throw new PrebuiltIndexError('malformed', `chunk id ${chunk.id} appears twice`);
		ids.add(chunk.id);
	}
	let vectors: Float32Array[] | null = null;
	if (model) {
		if (typeof raw.vectors !== 'string') {
			throw new PrebuiltIndexError('malformed', 'vectors: base64 text, since the index names a model');
		}
		vectors = decodeVectors(raw.vectors, chunks.length, model.dimension);
	} else if (raw.vectors !== null) {
		throw new PrebuiltIndexError('malformed', 'vectors: null in an index without a model');
	}
	return { model, contentHash: raw.contentHash, chunks, vectors };
}

/** What the app does with the index's vectors. */
export type PrebuiltVectors =
	| 'trusted' // made with the app's current model: use them
	| 'not-embedded' // a lexical-only index: embed the chunks once the model is loaded
	| 'other-model' // made with another model (or dimension): dropped; embed the chunks again
	| 'no-model'; // the app has no embedding model: search stays lexical

export interface PrebuiltReading {
	index: PrebuiltIndex;
	/** Why `index.vectors` is what it is; anything but 'trusted' means `index.vectors` is null. */
	vectors: PrebuiltVectors;
	/** The model the file's vectors were made with (kept for diagnostics even when dropped). */
	builtWith: EmbeddingModelInfo | null;
}

/**
 * Reads an index for the app: the chunks always, the vectors only when `current` made them. Never
 * trusts another model's vectors: it drops them and says so ('other-model').
 * @throws PrebuiltIndexError 'format' | 'version' | 'malformed' (the file cannot be used at all)
 */
export function readPrebuiltIndex(raw: unknown, current: EmbeddingModelInfo | null): PrebuiltReading {
	let index: PrebuiltIndex;
	try {
		index = parsePrebuiltIndex(raw, current ? { expect: current } : {});
	} catch (error) {
		if (!(error instanceof PrebuiltIndexError)) throw error;
		if (error.code !== 'model-mismatch' && error.code !== 'dimension-mismatch') throw error;
		// Read it again without the expectation (so the chunks are checked), then drop the vectors.
		const other = parsePrebuiltIndex(raw);
		return {
			index: { ...other, model: null, vectors: null },
			vectors: 'other-model',
			builtWith: other.model
		};
	}
	const builtWith = index.model;
	if (!current) return { index: { ...index, model: null, vectors: null }, vectors: 'no-model', builtWith };
	if (!index.model) return { index, vectors: 'not-embedded', builtWith };
	return { index, vectors: 'trusted', builtWith };
}

export interface FetchPrebuiltOptions {
	/** The app's origin; default `location.origin`. */
	origin?: string;
	/** Default PREBUILT_INDEX_PATH (include SvelteKit's `base` path if the app has one). */
	path?: string;
	fetch?: (url: string, init: RequestInit) => Promise<Response>;
	signal?: AbortSignal;
}

/**
 * Fetches the index file's JSON from the app's origin; null when there is none (404, or a static
 * host's HTML fallback page).
 * @throws network errors (offline without a cached copy), SyntaxError (damaged file)
 */
export async function fetchPrebuiltIndex(options: FetchPrebuiltOptions = {}): Promise<unknown> {
	const origin = options.origin ?? globalThis.location.origin;
	const url = new URL(options.path ?? PREBUILT_INDEX_PATH, origin).href;
	const doFetch = options.fetch ?? ((u: string, init: RequestInit) => globalThis.fetch(u, init));
	const response = await doFetch(url, { credentials: 'same-origin', signal: options.signal });
	if (response.status === 404 || response.status === 410) return null;
	if (!response.ok) throw new Error(`Could not fetch the knowledge-base index (${response.status}): ${url}`);
	const text = await response.text();
	if (/text\/html/i.test(response.headers.get('content-type') ?? '') || /^\s*</.test(text)) return null;
	return JSON.parse(text);
}

// ————— Vectors as base64 —————

/** Vectors as base64 of their float32 values, little-endian, one after another. */
export function encodeVectors(vectors: readonly Float32Array[], dimension: number): string {
	const bytes = new Uint8Array(vectors.length * dimension * 4);
	const view = new DataView(bytes.buffer);
	vectors.forEach((vector, row) => {
		for (let i = 0; i < dimension; i++) view.setFloat32((row * dimension + i) * 4, vector[i] ?? 0, true);
	});
	let binary = '';
	for (let start = 0; start < bytes.length; start += 0x8000) {
		binary += String.fromCharCode(...bytes.subarray(start, start + 0x8000));
	}
	return btoa(binary);
}

/**
 * The inverse of `encodeVectors`, checked: exactly `count` vectors of `dimension` finite values, each
 * of unit length.
 * @throws PrebuiltIndexError 'malformed'
 */
export function decodeVectors(base64: string, count: number, dimension: number): Float32Array[] {
	let binary: string;
	try {
		binary = atob(base64);
	} catch {
		throw new PrebuiltIndexError('malformed', 'vectors: not base64');
	}
	if (binary.length !== count * dimension * 4) {
		throw new PrebuiltIndexError(
			'malformed',
			`vectors: ${binary.length} bytes; ${count} chunks × ${dimension} dimensions need ${count * dimension * 4}`
		);
	}
	const bytes = new Uint8Array(binary.length);
	for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
	const view = new DataView(bytes.buffer);
	const vectors: Float32Array[] = [];
	for (let row = 0; row < count; row++) {
		const vector = new Float32Array(dimension);
		let norm = 0;
		for (let i = 0; i < dimension; i++) {
			const value = view.getFloat32((row * dimension + i) * 4, true);
			vector[i] = value;
			norm += value * value;
		}
		if (!Number.isFinite(norm) || Math.abs(Math.sqrt(norm) - 1) > UNIT_TOLERANCE) {
			throw new PrebuiltIndexError('malformed', `vector ${row} is not of unit length`);
		}
		vectors.push(vector);
	}
	return vectors;
}

// ————— Checks —————

type Fields = Record<string, unknown>;

function isFields(value: unknown): value is Fields {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function readModel(value: unknown): EmbeddingModelInfo | null {
	if (value === null) return null;
	if (
		!isFields(value) ||
		typeof value.id !== 'string' ||
		value.id === '' ||
		typeof value.dimension !== 'number' ||
		!Number.isInteger(value.dimension) ||
		value.dimension < 1
	) {
		throw new PrebuiltIndexError('malformed', 'model: null or {"id": "…", "dimension": n}');
	}
	return { id: value.id, dimension: value.dimension };
}

const LANGS: readonly KbLang[] = ['zh-CN', 'en'];
const TEXT_FIELDS = ['id', 'docId', 'title', 'source', 'updated', 'file', 'text'] as const;

function readChunk(value: unknown, index: number): KbChunk {
	if (!isFields(value)) throw new PrebuiltIndexError('malformed', `chunk ${index}: not an object`);
	for (const field of TEXT_FIELDS) {
		if (typeof value[field] !== 'string' || value[field] === '') {
			throw new PrebuiltIndexError('malformed', `chunk ${index}: ${field} must be a non-empty string`);
		}
	}
	const ordinal = value.ordinal;
	if (typeof ordinal !== 'number' || !Number.isInteger(ordinal) || ordinal < 0) {
		throw new PrebuiltIndexError('malformed', `chunk ${index}: ordinal must be an integer from 0`);
	}
	const lang = LANGS.find((l) => l === value.lang);
	if (!lang) throw new PrebuiltIndexError('malformed', `chunk ${index}: lang must be zh-CN or en`);
	if (value.url !== undefined && typeof value.url !== 'string') {
		throw new PrebuiltIndexError('malformed', `chunk ${index}: url must be a string`);
	}
	return copyChunk({
		id: String(value.id),
		docId: String(value.docId),
		ordinal,
		title: String(value.title),
		lang,
		source: String(value.source),
		updated: String(value.updated),
		...(typeof value.url === 'string' ? { url: value.url } : {}),
		file: String(value.file),
		text: String(value.text)
	});
}
