// The embedding model as data: its identity, how a text is prefixed for it, which files it needs, and
// whether they are in the browser cache. Safe on the main thread (no transformers.js): the page asks
// "is the model here?" without starting the worker, and settings can remove its files.
//
// Files live in the Cache API cache transformers.js uses ('transformers-cache'), each under its
// absolute URL `base + file`, exactly as the embed worker stores them (src/lib/retrieval/embed.ts).
import { externalDataChunks, MODEL_CACHE, ONNX_DTYPE_SUFFIX } from '../engine/onnx-files';
import type { EmbeddingModelEntry } from '../engine/protocol';
import type { EmbeddingModelInfo, EmbedKind } from './types';

/** What vectors made with this entry are recorded with (an index is trusted only by the same info). */
export function modelInfo(entry: EmbeddingModelEntry): EmbeddingModelInfo {
	return { id: entry.id, dimension: entry.dimension };
}

/** Whether two models make interchangeable vectors. */
export function sameModel(a: EmbeddingModelInfo | null, b: EmbeddingModelInfo | null): boolean {
	return a !== null && b !== null && a.id === b.id && a.dimension === b.dimension;
}

/**
 * The texts as the model reads them: the entry's query or passage prefix in front ("query: " for e5;
 * nothing for a symmetric model). Data from the catalog, never decided in code.
 */
export function withPrefix(entry: EmbeddingModelEntry, texts: readonly string[], kind: EmbedKind): string[] {
	const prefix = kind === 'query' ? entry.prefix.query : entry.prefix.passage;
	return texts.map((text) => prefix + text);
}

/**
 * The files the feature-extraction pipeline reads, relative to the base (transformers.js 4.3.1: config,
 * the ONNX graph and its external data, the tokenizer). `config` is the model's config.json when known
 * (it names external data).
 * @throws Error for a dtype transformers.js does not know
 */
export function embeddingFiles(entry: Pick<EmbeddingModelEntry, 'dtype'>, config?: unknown): string[] {
	const suffix = ONNX_DTYPE_SUFFIX[entry.dtype];
	if (suffix === undefined) throw new Error(`Unknown ONNX dtype "${entry.dtype}".`);
	const onnxFile = `model${suffix}.onnx`;
	const files = ['config.json', `onnx/${onnxFile}`];
	for (const chunk of externalDataChunks(config, onnxFile)) files.push(`onnx/${chunk}`);
	files.push('tokenizer.json', 'tokenizer_config.json');
	return files;
}

/** The base as an absolute URL with a trailing slash (a path base resolves against `origin`). */
export function baseUrl(entry: Pick<EmbeddingModelEntry, 'base'>, origin?: string): string {
	const url = new URL(entry.base, origin ?? globalThis.location?.href).href;
	return url.endsWith('/') ? url : `${url}/`;
}

export interface EmbeddingCacheState {
	/** Every file is in the browser cache: loading needs no network. */
	complete: boolean;
	/** Bytes of the files that are there (content-length, else the body's size). */
	bytes: number;
}

/**
 * Which of the model's files are in the browser cache. Never fetches, never throws: no Cache API, or
 * any failure, reads as nothing cached.
 */
export async function embeddingCached(
	entry: EmbeddingModelEntry,
	origin?: string
): Promise<EmbeddingCacheState> {
	try {
		if (typeof caches === 'undefined') return { complete: false, bytes: 0 };
		const cache = await caches.open(MODEL_CACHE);
		const base = baseUrl(entry, origin);
		const config = await cache.match(`${base}config.json`);
		const parsed: unknown = config
			? await config
					.clone()
					.json()
					.catch(() => undefined)
			: undefined;
		let complete = true;
		let bytes = 0;
		for (const file of embeddingFiles(entry, parsed)) {
			const hit = await cache.match(`${base}${file}`);
			if (!hit) {
				complete = false;
				continue;
			}
			const length = Number(hit.headers.get('content-length'));
			bytes += Number.isFinite(length) && length > 0 ? length : (await hit.blob()).size;
		}
		return { complete, bytes };
	} catch {
		return { complete: false, bytes: 0 };
	}
}

/** Removes the model's files from the browser cache (whatever is there). Never fetches. */
export async function deleteEmbeddingFiles(entry: EmbeddingModelEntry, origin?: string): Promise<void> {
	if (typeof caches === 'undefined') return;
	const cache = await caches.open(MODEL_CACHE);
	const base = baseUrl(entry, origin);
	const config = await cache.match(`${base}config.json`);
	const parsed: unknown = config ? await config.json().catch(() => undefined) : undefined;
	await Promise.all(embeddingFiles(entry, parsed).map((file) => cache.delete(`${base}${file}`)));
}
