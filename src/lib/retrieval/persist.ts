// The knowledge base in IndexedDB (tables kbFiles, kbChunks, kbMeta of store/db.ts, version 3),
// kept in step with the in-memory hybrid index.
//
// - The rows are the truth: a file row, its chunks (each with its int8-quantized embedding and
//   the model that made it), and a generation number bumped by every change.
// - The index snapshot (kbMeta 'snapshot') is a cache stamped with the generation it was made
//   at. Opening restores it when the stamp and the embedding model match, and otherwise rebuilds
//   the index from the rows (then saves a fresh snapshot). So a snapshot that failed to save, or
//   one from another model, costs time, never correctness.
// - Adding, replacing or removing a file is ONE transaction over the rows (validated before it
//   starts: ids, vector dimensions); the in-memory index changes only after it commits, and
//   cannot fail then. A refused write (storage full) leaves both as they were: nothing is ever
//   half-indexed.
//
// Failures: storage errors are thrown as KbError ('quota', 'unavailable', 'unknown'); a file that
// clashes with the base (an id another file has) is returned as a KbFileError, not thrown.
import { isQuotaError, type AppDatabase, type KbChunkRow, type KbFileRow } from '../store/db';
import { fileError, KbError, type KbFileError } from './errors';
import { KbIndex, type KbIndexSnapshot, type KbVector } from './index';
import type { EmbeddingModelInfo, KbChunk, KbDocument } from './types';
import { quantize, type QuantizedVector } from './vectors';

const GENERATION = 'generation';
const SNAPSHOT = 'snapshot';

interface StoredSnapshot {
	generation: number;
	snapshot: KbIndexSnapshot;
}

export interface KbFileInput {
	/** The file's name: the unit staff add and remove. A file of the same name is replaced. */
	file: string;
	origin?: KbFileRow['origin'];
	documents: readonly KbDocument[];
	chunks: readonly KbChunk[];
	/** The chunks' embeddings by the store's model, in the same order (null: not embedded yet). */
	vectors?: readonly (Float32Array | null | undefined)[];
}

const UNAVAILABLE = new Set([
	'MissingAPIError',
	'OpenFailedError',
	'DatabaseClosedError',
	'VersionError',
	'InvalidStateError',
	'SecurityError'
]);

function toKbError(error: unknown): KbError {
	if (error instanceof KbError) return error;
	const name = typeof error === 'object' && error !== null ? (error as { name?: unknown }).name : undefined;
	const detail = error instanceof Error ? error.message : String(error);
	if (isQuotaError(error)) return new KbError('quota', detail, { cause: error });
	if (typeof name === 'string' && UNAVAILABLE.has(name))
		return new KbError('unavailable', detail, { cause: error });
	return new KbError('unknown', detail, { cause: error });
}

async function guard<T>(work: () => Promise<T>): Promise<T> {
	try {
		return await work();
	} catch (error) {
		throw toKbError(error);
	}
}

const sameModel = (a: EmbeddingModelInfo | null, b: EmbeddingModelInfo | null) =>
	a === b || (a !== null && b !== null && a.id === b.id && a.dimension === b.dimension);

function quantized(vector: Float32Array): QuantizedVector {
	const values = new Int8Array(vector.length);
	return { values, scale: quantize(vector, values) };
}

export class KbStore {
	readonly db: AppDatabase;
	#index: KbIndex;

	private constructor(db: AppDatabase, index: KbIndex) {
		this.db = db;
		this.#index = index;
	}

	/**
	 * The stored base as an index for `model` (null: lexical only). Restores the snapshot when it
	 * is current and made with the same model; otherwise rebuilds from the rows, using the stored
	 * vectors that `model` made (chunks embedded by another model come back without vectors: see
	 * `missingVectors`), and saves a fresh snapshot.
	 */
	static async open(db: AppDatabase, model: EmbeddingModelInfo | null): Promise<KbStore> {
		const [generation, stored] = await guard(() =>
			db.transaction('r', db.kbMeta, async () => [
				((await db.kbMeta.get(GENERATION))?.value as number | undefined) ?? 0,
				(await db.kbMeta.get(SNAPSHOT))?.value as StoredSnapshot | undefined
			])
		);
		if (stored && stored.generation === generation && sameModel(stored.snapshot?.model ?? null, model)) {
			try {
				return new KbStore(db, KbIndex.restore(stored.snapshot));
			} catch (error) {
				if (!(error instanceof KbError)) throw error;
				// A damaged snapshot: rebuild below.
			}
		}
		const rows = await guard(() => db.kbChunks.toArray());
		const index = new KbIndex(model);
		index.add(
			rows.map(chunkOf),
			rows.map((row) =>
				model && row.model === model.id && row.vector && row.vector.length === model.dimension
					? { values: row.vector, scale: row.scale }
					: null
			)
		);
		const store = new KbStore(db, index);
		await store.saveSnapshot(generation);
		return store;
	}

	/** The in-memory index (read it; change it only through this store). */
	get index(): KbIndex {
		return this.#index;
	}

	/** The stored files, by name. */
	files(): Promise<KbFileRow[]> {
		return guard(() => this.db.kbFiles.orderBy('file').toArray());
	}

	/** Chunks without a vector from the index's model: what the embedder still has to do. */
	missingVectors(): KbChunk[] {
		return this.#index.chunks().filter((chunk) => !this.#index.hasVector(chunk.id));
	}

	/**
	 * Adds a parsed and chunked file, replacing a stored file of the same name. One transaction:
	 * all of it or nothing. Returns an error (nothing stored) when one of its document ids belongs
	 * to another file, or when it has no chunks. Throws KbError for storage failures (quota…) and
	 * for vectors of the wrong dimension.
	 */
	async addFile(input: KbFileInput): Promise<{ chunks: number } | { error: KbFileError }> {
		const { file } = input;
		const documents = input.documents.map((doc) => ({ ...doc, file }));
		const chunks = input.chunks.map((chunk) => ({ ...chunk, file }));
		if (chunks.length === 0) return { error: fileError('empty', file) };
		const ids = new Set(documents.map((doc) => doc.id));
		for (const chunk of chunks) ids.add(chunk.docId);
		// Validated before anything is written, so applying it to the index after the commit cannot fail.
		const model = this.#index.model;
		const vectors = input.vectors;
		if (vectors !== undefined && vectors.length !== chunks.length)
			throw new KbError('vector-dimension', `${vectors.length} vectors for ${chunks.length} chunks`);
		for (const vector of vectors ?? []) {
			if (vector && vector.length !== model?.dimension)
				throw new KbError('vector-dimension', `a vector has ${vector.length} dimensions`);
		}
		const seen = new Set<string>();
		for (const chunk of chunks) {
			const owner = this.#index.get(chunk.id)?.file;
			if (seen.has(chunk.id) || (owner !== undefined && owner !== file))
				throw new KbError('duplicate-chunk', chunk.id);
			seen.add(chunk.id);
		}
		const stored = vectors?.map((vector) => (vector ? quantized(vector) : null));
		const rows: KbChunkRow[] = chunks.map((chunk, i) => {
			const vector = stored?.[i] ?? null;
			return {
				...chunk,
				model: vector && model ? model.id : null,
				vector: vector?.values ?? null,
				scale: vector?.scale ?? 0
			};
		});

		const db = this.db;
		const clash: { clash: KbChunkRow | null; generation: number } = await guard(() =>
			db.transaction('rw', db.kbFiles, db.kbChunks, db.kbMeta, async () => {
				const others = await db.kbChunks
					.where('docId')
					.anyOf([...ids])
					.toArray();
				const other = others.find((row) => row.file !== file);
				if (other) return { clash: other, generation: 0 };
				await db.kbChunks.where('file').equals(file).delete();
				await db.kbChunks.bulkPut(rows);
				await db.kbFiles.put({
					file,
					origin: input.origin ?? 'upload',
					documents: [...ids],
					chunks: rows.length,
					addedAt: Date.now()
				});
				return { clash: null, generation: await this.#bump() };
			})
		);
		if (clash.clash)
			return {
				error: fileError('duplicate-id', file, { id: clash.clash.docId, otherFile: clash.clash.file })
			};

		this.#index.removeFile(file);
		this.#index.add(
			chunks,
			stored?.map((vector) => vector ?? null)
		);
		await this.saveSnapshot(clash.generation);
		return { chunks: chunks.length };
	}

	/** Removes a file and all its chunks (one transaction). Returns how many chunks went. */
	async removeFile(file: string): Promise<number> {
		const db = this.db;
		const removed = await guard(() =>
			db.transaction('rw', db.kbFiles, db.kbChunks, db.kbMeta, async () => {
				const count = await db.kbChunks.where('file').equals(file).delete();
				await db.kbFiles.delete(file);
				return { count, generation: count > 0 ? await this.#bump() : 0 };
			})
		);
		if (removed.count > 0) {
			this.#index.removeFile(file);
			await this.saveSnapshot(removed.generation);
		}
		return removed.count;
	}

	/**
	 * Stores embeddings for chunks already in the base (by chunk id), made by the index's model.
	 * One transaction. Ids no longer stored (removed meanwhile) are skipped. Returns how many were set.
	 */
	async setVectors(vectors: ReadonlyMap<string, Float32Array>): Promise<number> {
		const model = this.#index.model;
		if (!model) throw new KbError('vector-dimension', 'the knowledge base has no embedding model');
		for (const vector of vectors.values())
			if (vector.length !== model.dimension)
				throw new KbError('vector-dimension', `a vector has ${vector.length} dimensions`);
		const db = this.db;
		const updated = await guard(() =>
			db.transaction('rw', db.kbChunks, db.kbMeta, async () => {
				const rows = (await db.kbChunks.bulkGet([...vectors.keys()])).filter(
					(row): row is KbChunkRow => row !== undefined
				);
				const entries: [string, QuantizedVector][] = [];
				for (const row of rows) {
					const vector = quantized(vectors.get(row.id) as Float32Array);
					row.model = model.id;
					row.vector = vector.values;
					row.scale = vector.scale;
					entries.push([row.id, vector]);
				}
				await db.kbChunks.bulkPut(rows);
				return { entries, generation: rows.length > 0 ? await this.#bump() : 0 };
			})
		);
		const present = updated.entries.filter(([id]) => this.#index.has(id)) as [string, KbVector][];
		this.#index.setVectors(present);
		if (present.length > 0) await this.saveSnapshot(updated.generation);
		return present.length;
	}

	/** Within a transaction over kbMeta: the next generation. */
	async #bump(): Promise<number> {
		const current = ((await this.db.kbMeta.get(GENERATION))?.value as number | undefined) ?? 0;
		await this.db.kbMeta.put({ key: GENERATION, value: current + 1 });
		return current + 1;
	}

	/**
	 * Saves the index as the snapshot of `generation` (the one its last change made; default: the
	 * current one). Skipped when the rows have moved on since (another tab). Best effort: when
	 * storage refuses it, the next open rebuilds from the rows (nothing is lost), so it returns
	 * false rather than throwing.
	 */
	async saveSnapshot(generation?: number): Promise<boolean> {
		const db = this.db;
		try {
			const snapshot = this.#index.serialize();
			return await db.transaction('rw', db.kbMeta, async () => {
				const now = ((await db.kbMeta.get(GENERATION))?.value as number | undefined) ?? 0;
				// Another change landed meanwhile (another tab): this snapshot is already stale.
				if (generation !== undefined && generation !== now) return false;
				const value: StoredSnapshot = { generation: now, snapshot };
				await db.kbMeta.put({ key: SNAPSHOT, value });
				return true;
			});
		} catch {
			return false;
		}
	}
}

function chunkOf(row: KbChunkRow): KbChunk {
	const { model: _model, vector: _vector, scale: _scale, ...chunk } = row;
	return chunk;
}
