// The knowledge base's hybrid index, in memory: BM25 over tokens.ts terms (Chinese bigrams,
// English stems) plus cosine similarity over the chunks' embeddings (vectors.ts), fused by
// reciprocal rank fusion. Chunks are added and removed incrementally; `serialize` / `restore`
// give a structured-cloneable snapshot (IndexedDB, a worker message, or encodeSnapshot's bytes).
//
// Why our own inverted index rather than MiniSearch or Orama (both evaluated; the bench keeps
// them as peers, same tokenizer, same data): against a target of 20 ms at 100k chunks, their
// query p95 at 100k was ~0.2–0.8 s (MiniSearch, lexical) and ~2–10 s (Orama hybrid) on the bench
// machine, ours ~5–12 ms lexical and ~14–18 ms hybrid; at 10k they were already ~20 ms and
// ~65–160 ms. Posting lists in typed arrays, scored into one accumulator, serialize to flat
// arrays that restore without re-tokenizing (~15× smaller than Orama's JSON). The scoring is
// textbook BM25 (k1 = 1.2, b = 0.75, Lucene's idf), so it ranks like those libraries do.
//
// Invariants:
// - `add` validates the whole batch first (ids, vector dimensions): it adds all of it or throws
//   and changes nothing. Removal is complete (postings, lengths, vectors), never a tombstone.
// - Search is deterministic: equal scores are ordered by language preference, then chunk id.
// - An index has at most one embedding model; vectors from another model are refused, and a
//   snapshot made with another model is the caller's cue to rebuild (see persist.ts).
import { KbError } from './errors';
import { kbTerms, TOKENIZER_VERSION } from './tokens';
import type { EmbeddingModelInfo, KbChunk, KbHit, KbLang, KbSearchOptions } from './types';
import { topK, VectorStore, type QuantizedVector } from './vectors';

/** An embedding as the embedder gives it (unit length), or as persist.ts stores it (quantized). */
export type KbVector = Float32Array | QuantizedVector;

/** BM25 parameters (Robertson/Lucene defaults): term-frequency saturation and length normalisation. */
export const BM25 = { k1: 1.2, b: 0.75 } as const;
/** Reciprocal rank fusion's constant (Cormack et al. 2009): a hit's weight is 1 / (RRF_K + rank). */
export const RRF_K = 60;
/** How deep each list goes into the fusion: enough for the lists to meet beyond their top results. */
export const FUSION_DEPTH = 100;
/** A term matched through a typo (see #typoMatches) counts this much of an exact match. */
export const TYPO_WEIGHT = 0.5;
/** At most this many index terms stand in for one misspelled query term. */
export const TYPO_MATCHES = 3;
/** Longest query text read (characters); a query is a question, not a document. */
export const MAX_QUERY_CHARS = 2000;

export const SNAPSHOT_FORMAT = 'health-qa-kb-index';
export const SNAPSHOT_VERSION = 1;

/**
 * The index as flat data: chunks in slot order, their postings and quantized vectors. Every
 * field is structured-cloneable (IndexedDB, postMessage); encodeSnapshot makes one byte array.
 */
export interface KbIndexSnapshot {
	format: typeof SNAPSHOT_FORMAT;
	version: typeof SNAPSHOT_VERSION;
	/** tokens.ts's TOKENIZER_VERSION the postings were made with. */
	tokenizer: number;
	model: EmbeddingModelInfo | null;
	chunks: KbChunk[];
	/** Term count of each chunk (BM25 length). */
	lengths: Uint32Array;
	/** Distinct terms; term t's postings are postingChunks/postingFreqs[offsets[t] .. offsets[t+1]). */
	terms: string[];
	offsets: Uint32Array;
	postingChunks: Uint32Array;
	postingFreqs: Uint16Array;
	/** Chunk i's quantized vector is values[i*dim .. (i+1)*dim) with scales[i]; present[i] = 0 when it has none. */
	vectors: { values: Int8Array; scales: Float32Array; present: Uint8Array } | null;
}

export interface KbIndexStats {
	chunks: number;
	documents: number;
	files: number;
	terms: number;
	postings: number;
	vectors: number;
	/** Approximate bytes held in memory by postings and vectors (chunk text not counted). */
	bytes: number;
}

/** A chunk's standing in the fusion: its RRF score and where it was in each list. */
interface Fused {
	score: number;
	lexical: number | null;
	vector: number | null;
	lexicalScore: number | null;
	similarity: number | null;
}

/** One term's postings: slots and term frequencies, `n` used, grown by doubling. */
interface Posting {
	slots: Uint32Array;
	freqs: Uint16Array;
	n: number;
}

function push(posting: Posting, slot: number, freq: number): void {
	if (posting.n === posting.slots.length) {
		const capacity = Math.max(4, posting.n * 2);
		const slots = new Uint32Array(capacity);
		slots.set(posting.slots.subarray(0, posting.n));
		const freqs = new Uint16Array(capacity);
		freqs.set(posting.freqs.subarray(0, posting.n));
		posting.slots = slots;
		posting.freqs = freqs;
	}
	posting.slots[posting.n] = slot;
	posting.freqs[posting.n] = Math.min(freq, 65_535);
	posting.n++;
}

/** Term → frequency for one text. */
function termCounts(text: string): Map<string, number> {
	const counts = new Map<string, number>();
	for (const term of kbTerms(text)) counts.set(term, (counts.get(term) ?? 0) + 1);
	return counts;
}

/** The text a chunk is found by: its text already starts with the title (chunk.ts). */
function searchableText(chunk: KbChunk): string {
	return chunk.text.startsWith(chunk.title) ? chunk.text : `${chunk.title}\n${chunk.text}`;
}

function addToGroup(map: Map<string, Set<number>>, key: string, slot: number): void {
	let set = map.get(key);
	if (!set) map.set(key, (set = new Set()));
	set.add(slot);
}

export class KbIndex {
	readonly model: EmbeddingModelInfo | null;
	#chunks: (KbChunk | undefined)[] = [];
	#free: number[] = [];
	#bySlotId = new Map<string, number>();
	#byDoc = new Map<string, Set<number>>();
	#byFile = new Map<string, Set<number>>();
	#postings = new Map<string, Posting>();
	#lengths = new Uint32Array(64);
	#totalLength = 0;
	#count = 0;
	#vectors: VectorStore | null;
	// Search scratch space, sized to the slots.
	#scores = new Float64Array(0);
	#touched = new Uint32Array(0);
	#norms = new Float32Array(0);
	#normsValid = false;

	constructor(model: EmbeddingModelInfo | null = null) {
		this.model = model ? { id: model.id, dimension: model.dimension } : null;
		this.#vectors = model ? new VectorStore(model.dimension) : null;
	}

	/** Chunks in the index. */
	get size(): number {
		return this.#count;
	}

	has(chunkId: string): boolean {
		return this.#bySlotId.has(chunkId);
	}

	get(chunkId: string): KbChunk | undefined {
		const slot = this.#bySlotId.get(chunkId);
		return slot === undefined ? undefined : this.#chunks[slot];
	}

	/** Every chunk, in slot order. */
	chunks(): KbChunk[] {
		return this.#chunks.filter((chunk): chunk is KbChunk => chunk !== undefined);
	}

	/** The files with chunks in the index, sorted. */
	files(): string[] {
		return [...this.#byFile.keys()].sort();
	}

	/** Whether the chunk has an embedding (it is then found by the vector side too). */
	hasVector(chunkId: string): boolean {
		const slot = this.#bySlotId.get(chunkId);
		return slot !== undefined && this.#vectors !== null && this.#vectors.has(slot);
	}

	/**
	 * Adds chunks, with their vectors (same order, unit length, the model's dimension) when the
	 * index has a model. All or nothing: throws KbError 'duplicate-chunk' (an id already in the
	 * index or twice in the batch) or 'vector-dimension', and then nothing was added.
	 */
	add(chunks: readonly KbChunk[], vectors?: readonly (KbVector | null | undefined)[]): void {
		if (vectors !== undefined && vectors.length !== chunks.length)
			throw new KbError('vector-dimension', `${vectors.length} vectors for ${chunks.length} chunks`);
		for (const vector of vectors ?? []) this.#checkVector(vector);
		const batch = new Set<string>();
		for (const chunk of chunks) {
			if (this.#bySlotId.has(chunk.id) || batch.has(chunk.id)) throw new KbError('duplicate-chunk', chunk.id);
			batch.add(chunk.id);
		}
		for (const [index, chunk] of chunks.entries()) {
			const slot = this.#allocate();
			this.#place(slot, chunk, termCounts(searchableText(chunk)));
			const vector = vectors?.[index];
			if (vector) this.#setVector(slot, vector);
		}
	}

	/**
	 * Sets (or replaces) the vectors of chunks already in the index. All or nothing: throws
	 * KbError 'vector-dimension' for a wrong length, or 'unknown' for a chunk not in the index.
	 */
	setVectors(entries: Iterable<readonly [string, KbVector]>): void {
		const resolved: [number, KbVector][] = [];
		for (const [id, vector] of entries) {
			this.#checkVector(vector);
			const slot = this.#bySlotId.get(id);
			if (slot === undefined) throw new KbError('unknown', `no chunk ${id}`);
			resolved.push([slot, vector]);
		}
		for (const [slot, vector] of resolved) this.#setVector(slot, vector);
	}

	/** The chunk's vector as stored (quantized), or null. */
	vectorOf(chunkId: string): QuantizedVector | null {
		const slot = this.#bySlotId.get(chunkId);
		return slot === undefined || !this.#vectors ? null : this.#vectors.getQuantized(slot);
	}

	#checkVector(vector: KbVector | null | undefined): void {
		if (vector == null) return;
		const dimension = this.model?.dimension;
		if (dimension === undefined)
			throw new KbError('vector-dimension', 'a vector given to an index without a model');
		const length = vector instanceof Float32Array ? vector.length : vector.values.length;
		if (length !== dimension)
			throw new KbError('vector-dimension', `a vector has ${length} dimensions, the model ${dimension}`);
	}

	#setVector(slot: number, vector: KbVector): void {
		if (!this.#vectors) return;
		if (vector instanceof Float32Array) this.#vectors.set(slot, vector);
		else this.#vectors.setQuantized(slot, vector.values, vector.scale);
	}

	#allocate(): number {
		const slot = this.#free.pop() ?? this.#chunks.length;
		if (slot >= this.#lengths.length) {
			const lengths = new Uint32Array(Math.max(slot + 1, this.#lengths.length * 2));
			lengths.set(this.#lengths);
			this.#lengths = lengths;
		}
		return slot;
	}

	#place(slot: number, chunk: KbChunk, counts: ReadonlyMap<string, number>): void {
		let length = 0;
		for (const [term, freq] of counts) {
			let posting = this.#postings.get(term);
			if (!posting)
				this.#postings.set(term, (posting = { slots: new Uint32Array(2), freqs: new Uint16Array(2), n: 0 }));
			push(posting, slot, freq);
			length += freq;
		}
		this.#chunks[slot] = chunk;
		this.#lengths[slot] = length;
		this.#totalLength += length;
		this.#count++;
		this.#bySlotId.set(chunk.id, slot);
		addToGroup(this.#byDoc, chunk.docId, slot);
		addToGroup(this.#byFile, chunk.file, slot);
		this.#normsValid = false;
	}

	/** Removes chunks by id (unknown ids are skipped). Returns how many were removed. */
	remove(chunkIds: Iterable<string>): number {
		const slots: number[] = [];
		for (const id of chunkIds) {
			const slot = this.#bySlotId.get(id);
			if (slot !== undefined) slots.push(slot);
		}
		return this.#removeSlots(slots);
	}

	/** Removes every chunk of a document. Returns how many were removed. */
	removeDocument(docId: string): number {
		return this.#removeSlots([...(this.#byDoc.get(docId) ?? [])]);
	}

	/** Removes every chunk that came from a file. Returns how many were removed. */
	removeFile(file: string): number {
		return this.#removeSlots([...(this.#byFile.get(file) ?? [])]);
	}

	#removeSlots(slots: readonly number[]): number {
		if (slots.length === 0) return 0;
		const removed = new Set(slots);
		// The removed chunks' terms are found again by tokenizing them (deterministic), so the
		// index keeps no per-chunk term lists; each affected posting list is compacted once.
		const affected = new Set<string>();
		for (const slot of removed) {
			const chunk = this.#chunks[slot];
			if (chunk) for (const term of kbTerms(searchableText(chunk))) affected.add(term);
		}
		for (const term of affected) {
			const posting = this.#postings.get(term);
			if (!posting) continue;
			let kept = 0;
			for (let i = 0; i < posting.n; i++) {
				const slot = posting.slots[i] ?? 0;
				if (removed.has(slot)) continue;
				posting.slots[kept] = slot;
				posting.freqs[kept] = posting.freqs[i] ?? 0;
				kept++;
			}
			posting.n = kept;
			if (kept === 0) this.#postings.delete(term);
		}
		for (const slot of removed) {
			const chunk = this.#chunks[slot];
			if (!chunk) continue;
			this.#chunks[slot] = undefined;
			this.#totalLength -= this.#lengths[slot] ?? 0;
			this.#lengths[slot] = 0;
			this.#count--;
			this.#bySlotId.delete(chunk.id);
			this.#byDoc.get(chunk.docId)?.delete(slot);
			if (this.#byDoc.get(chunk.docId)?.size === 0) this.#byDoc.delete(chunk.docId);
			this.#byFile.get(chunk.file)?.delete(slot);
			if (this.#byFile.get(chunk.file)?.size === 0) this.#byFile.delete(chunk.file);
			this.#vectors?.delete(slot);
			this.#free.push(slot);
		}
		// Reuse the lowest free slots first, so a rebuilt index keeps its slots dense.
		this.#free.sort((a, b) => b - a);
		this.#normsValid = false;
		return removed.size;
	}

	/** BM25 ranking: the best `depth` slots and their scores. */
	#lexical(query: string, depth: number, preferred: KbLang | undefined): { slot: number; score: number }[] {
		const counts = termCounts(query.slice(0, MAX_QUERY_CHARS));
		if (counts.size === 0 || this.#count === 0) return [];
		const slots = this.#chunks.length;
		if (this.#scores.length < slots) {
			this.#scores = new Float64Array(Math.max(slots, 64));
			this.#touched = new Uint32Array(Math.max(slots, 64));
		}
		if (!this.#normsValid || this.#norms.length < slots) {
			if (this.#norms.length < slots) this.#norms = new Float32Array(Math.max(slots, 64));
			const average = this.#totalLength / this.#count || 1;
			for (let s = 0; s < slots; s++)
				this.#norms[s] = BM25.k1 * (1 - BM25.b + (BM25.b * (this.#lengths[s] ?? 0)) / average);
			this.#normsValid = true;
		}
		const scores = this.#scores;
		const touched = this.#touched;
		const norms = this.#norms;
		let touchedCount = 0;
		const n = this.#count;
		const weighted: [Posting, number][] = [];
		for (const [term, queryFreq] of counts) {
			const posting = this.#postings.get(term);
			if (posting) weighted.push([posting, queryFreq]);
			else for (const near of this.#typoMatches(term)) weighted.push([near, queryFreq * TYPO_WEIGHT]);
		}
		for (const [posting, queryWeight] of weighted) {
			const df = posting.n;
			const weight = queryWeight * Math.log(1 + (n - df + 0.5) / (df + 0.5)) * (BM25.k1 + 1);
			const postingSlots = posting.slots;
			const freqs = posting.freqs;
			for (let i = 0; i < df; i++) {
				const slot = postingSlots[i] as number;
				const freq = freqs[i] as number;
				if (scores[slot] === 0) touched[touchedCount++] = slot;
				scores[slot] = (scores[slot] as number) + (weight * freq) / (freq + (norms[slot] as number));
			}
		}
		const candidates = touched.subarray(0, touchedCount);
		const top = topByScore(candidates, scores, depth);
		for (let i = 0; i < touchedCount; i++) scores[touched[i] as number] = 0;
		return this.#byScore(top, preferred);
	}

	/**
	 * Postings of the index's terms one typo away from an unknown English query term (one edit —
	 * insertion, deletion, substitution or swap of neighbours — for words of 5–7 letters, two from
	 * 8), same first letter, closest and most common first, at most TYPO_MATCHES. Only for terms
	 * the index does not have, so a correctly spelled query costs nothing extra.
	 */
	#typoMatches(term: string): Posting[] {
		if (!/^[a-z]{5,}$/.test(term)) return [];
		const max = term.length >= 8 ? 2 : 1;
		const found: { posting: Posting; distance: number }[] = [];
		for (const [candidate, posting] of this.#postings) {
			if (candidate.charCodeAt(0) !== term.charCodeAt(0) || Math.abs(candidate.length - term.length) > max)
				continue;
			const distance = editDistance(term, candidate, max);
			if (distance <= max) found.push({ posting, distance });
		}
		return found
			.sort((a, b) => a.distance - b.distance || b.posting.n - a.posting.n)
			.slice(0, TYPO_MATCHES)
			.map((match) => match.posting);
	}

	/**
	 * Sorted best first; equal scores put the preferred language first, then chunk ids in order,
	 * so a restored index ranks exactly as the one it was saved from.
	 */
	#byScore<T extends { slot: number; score: number }>(list: T[], preferred: KbLang | undefined): T[] {
		const chunk = (slot: number) => this.#chunks[slot] as KbChunk;
		return list.sort((a, b) => {
			if (b.score !== a.score) return b.score - a.score;
			const ca = chunk(a.slot);
			const cb = chunk(b.slot);
			return (
				Number(cb.lang === preferred) - Number(ca.lang === preferred) ||
				(ca.id < cb.id ? -1 : ca.id > cb.id ? 1 : 0)
			);
		});
	}

	/**
	 * The best chunks for `query`, best first. With `options.vector` (the query's embedding by the
	 * index's model) the lexical and vector rankings are fused (RRF); without it, or in an index
	 * without vectors, the ranking is lexical only. An empty query without a vector finds nothing.
	 */
	search(query: string, options: KbSearchOptions = {}): KbHit[] {
		const limit = Math.max(0, Math.floor(options.limit ?? 5));
		if (limit === 0 || this.#count === 0) return [];
		const depth = Math.max(FUSION_DEPTH, limit);
		const preferred = options.lang;
		const lexical = this.#lexical(typeof query === 'string' ? query : '', depth, preferred);
		let vector: { slot: number; score: number }[] = [];
		if (options.vector && this.#vectors) {
			if (options.vector.length !== this.#vectors.dimension)
				throw new KbError('vector-dimension', `query vector has ${options.vector.length} dimensions`);
			vector = this.#byScore(
				this.#vectors
					.nearest(options.vector, depth, this.#chunks.length)
					.map(({ slot, similarity }) => ({ slot, score: similarity })),
				preferred
			);
		}
		const fused = new Map<number, Fused>();
		const entry = (slot: number): Fused => {
			let hit = fused.get(slot);
			if (!hit)
				fused.set(
					slot,
					(hit = { score: 0, lexical: null, vector: null, lexicalScore: null, similarity: null })
				);
			return hit;
		};
		lexical.forEach(({ slot, score }, index) => {
			const hit = entry(slot);
			hit.score += 1 / (RRF_K + index + 1);
			hit.lexical = index + 1;
			hit.lexicalScore = score;
		});
		vector.forEach(({ slot, score }, index) => {
			const hit = entry(slot);
			hit.score += 1 / (RRF_K + index + 1);
			hit.vector = index + 1;
			hit.similarity = score;
		});
		const hits: KbHit[] = [];
		for (const [slot, hit] of fused) {
			const chunk = this.#chunks[slot];
			if (!chunk) continue;
			hits.push({
				chunk,
				score: hit.score,
				lexicalRank: hit.lexical,
				vectorRank: hit.vector,
				lexicalScore: hit.lexicalScore,
				similarity: hit.similarity
			});
		}
		hits.sort(
			(a, b) =>
				b.score - a.score ||
				Number(b.chunk.lang === preferred) - Number(a.chunk.lang === preferred) ||
				(a.chunk.id < b.chunk.id ? -1 : a.chunk.id > b.chunk.id ? 1 : 0)
		);
		return hits.slice(0, limit);
	}

	stats(): KbIndexStats {
		let postings = 0;
		let postingBytes = 0;
		for (const posting of this.#postings.values()) {
			postings += posting.n;
			postingBytes += posting.slots.byteLength + posting.freqs.byteLength;
		}
		return {
			chunks: this.#count,
			documents: this.#byDoc.size,
			files: this.#byFile.size,
			terms: this.#postings.size,
			postings,
			vectors: this.#vectors?.count ?? 0,
			bytes: postingBytes + this.#lengths.byteLength + (this.#vectors?.bytes ?? 0)
		};
	}

	/** The index as a snapshot (a copy: later changes to the index do not affect it). */
	serialize(): KbIndexSnapshot {
		const slots: number[] = [];
		for (let s = 0; s < this.#chunks.length; s++) if (this.#chunks[s]) slots.push(s);
		// Slot → position in the snapshot; positions follow slot order.
		const position = new Uint32Array(this.#chunks.length);
		slots.forEach((slot, index) => (position[slot] = index));
		const terms = [...this.#postings.keys()].sort();
		const offsets = new Uint32Array(terms.length + 1);
		let total = 0;
		terms.forEach((term, index) => {
			offsets[index] = total;
			total += this.#postings.get(term)?.n ?? 0;
		});
		offsets[terms.length] = total;
		const postingChunks = new Uint32Array(total);
		const postingFreqs = new Uint16Array(total);
		let keys = new Float64Array(0);
		terms.forEach((term, index) => {
			const posting = this.#postings.get(term);
			if (!posting) return;
			const at = offsets[index] ?? 0;
			let sorted = true;
			for (let i = 0; i < posting.n; i++) {
				const p = position[posting.slots[i] as number] as number;
				postingChunks[at + i] = p;
				postingFreqs[at + i] = posting.freqs[i] as number;
				if (i > 0 && p < (postingChunks[at + i - 1] as number)) sorted = false;
			}
			if (sorted) return;
			// In chunk order, so the same content gives the same snapshot: sort (position, freq)
			// packed into one float64 key (position < 2^32, freq < 2^16: exact below 2^53).
			if (keys.length < posting.n) keys = new Float64Array(posting.n);
			const view = keys.subarray(0, posting.n);
			for (let i = 0; i < posting.n; i++)
				view[i] = (postingChunks[at + i] as number) * 65_536 + (postingFreqs[at + i] as number);
			view.sort();
			for (let i = 0; i < posting.n; i++) {
				const key = view[i] as number;
				postingChunks[at + i] = Math.floor(key / 65_536);
				postingFreqs[at + i] = key % 65_536;
			}
		});
		const lengths = Uint32Array.from(slots, (slot) => this.#lengths[slot] ?? 0);
		let vectors: KbIndexSnapshot['vectors'] = null;
		if (this.#vectors && this.model) {
			const dim = this.model.dimension;
			const values = new Int8Array(slots.length * dim);
			const scales = new Float32Array(slots.length);
			const present = new Uint8Array(slots.length);
			slots.forEach((slot, index) => {
				const stored = this.#vectors?.getQuantized(slot);
				if (!stored) return;
				values.set(stored.values, index * dim);
				scales[index] = stored.scale;
				present[index] = 1;
			});
			vectors = { values, scales, present };
		}
		return {
			format: SNAPSHOT_FORMAT,
			version: SNAPSHOT_VERSION,
			tokenizer: TOKENIZER_VERSION,
			model: this.model ? { ...this.model } : null,
			chunks: slots.map((slot) => this.#chunks[slot] as KbChunk),
			lengths,
			terms,
			offsets,
			postingChunks,
			postingFreqs,
			vectors
		};
	}

	/**
	 * An index from a snapshot, without re-tokenizing. Throws KbError 'bad-snapshot' when the
	 * snapshot is not this format and version or its arrays do not fit together.
	 */
	static restore(snapshot: KbIndexSnapshot): KbIndex {
		checkSnapshot(snapshot);
		const index = new KbIndex(snapshot.model);
		index.#restore(snapshot);
		return index;
	}

	#restore(snapshot: KbIndexSnapshot): void {
		const count = snapshot.chunks.length;
		this.#lengths = new Uint32Array(Math.max(64, count));
		this.#lengths.set(snapshot.lengths);
		snapshot.chunks.forEach((chunk, slot) => {
			this.#chunks[slot] = chunk;
			this.#totalLength += snapshot.lengths[slot] ?? 0;
			this.#bySlotId.set(chunk.id, slot);
			addToGroup(this.#byDoc, chunk.docId, slot);
			addToGroup(this.#byFile, chunk.file, slot);
		});
		this.#count = count;
		// One copy of the flat arrays; each term's postings are views into it until they grow.
		const slots = snapshot.postingChunks.slice();
		const freqs = snapshot.postingFreqs.slice();
		snapshot.terms.forEach((term, t) => {
			const start = snapshot.offsets[t] ?? 0;
			const end = snapshot.offsets[t + 1] ?? start;
			this.#postings.set(term, {
				slots: slots.subarray(start, end),
				freqs: freqs.subarray(start, end),
				n: end - start
			});
		});
		const vectors = snapshot.vectors;
		if (vectors && this.#vectors) this.#vectors.load(vectors.values, vectors.scales, vectors.present);
		this.#normsValid = false;
	}
}

/**
 * Optimal-string-alignment distance between a and b (Levenshtein plus swaps of neighbours), or
 * max + 1 as soon as it must exceed `max`.
 */
export function editDistance(a: string, b: string, max: number): number {
	if (Math.abs(a.length - b.length) > max) return max + 1;
	let before = new Array<number>(b.length + 1).fill(0);
	let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
	for (let i = 1; i <= a.length; i++) {
		const current = new Array<number>(b.length + 1).fill(0);
		current[0] = i;
		let best = i;
		for (let j = 1; j <= b.length; j++) {
			const cost = a[i - 1] === b[j - 1] ? 0 : 1;
			let d = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
			if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
				d = Math.min(d, (before[j - 2] ?? 0) + 1);
			current[j] = d;
			if (d < best) best = d;
		}
		if (best > max) return max + 1;
		before = previous;
		previous = current;
	}
	return previous[b.length] ?? max + 1;
}

/** The best `depth` of `candidates` by score, best first. */
function topByScore(
	candidates: Uint32Array,
	scores: Float64Array,
	depth: number
): { slot: number; score: number }[] {
	const values = new Float64Array(candidates.length);
	for (let i = 0; i < candidates.length; i++) values[i] = scores[candidates[i] as number] as number;
	const order = topK(values, null, candidates.length, depth);
	return order.map((i) => ({ slot: candidates[i] as number, score: values[i] as number }));
}

function checkSnapshot(snapshot: KbIndexSnapshot): void {
	const bad = (detail: string) => new KbError('bad-snapshot', detail);
	if (typeof snapshot !== 'object' || snapshot === null) throw bad('not an object');
	if (snapshot.format !== SNAPSHOT_FORMAT || snapshot.version !== SNAPSHOT_VERSION)
		throw bad(`format ${String(snapshot.format)} version ${String(snapshot.version)}`);
	if (snapshot.tokenizer !== TOKENIZER_VERSION)
		throw bad(`made with tokenizer ${String(snapshot.tokenizer)}`);
	const count = snapshot.chunks?.length ?? -1;
	if (
		!Array.isArray(snapshot.chunks) ||
		!(snapshot.lengths instanceof Uint32Array) ||
		snapshot.lengths.length !== count
	)
		throw bad('chunks and lengths differ');
	if (!(snapshot.offsets instanceof Uint32Array) || snapshot.offsets.length !== snapshot.terms.length + 1)
		throw bad('terms and offsets differ');
	const total = snapshot.offsets[snapshot.terms.length] ?? 0;
	if (snapshot.postingChunks.length !== total || snapshot.postingFreqs.length !== total)
		throw bad('postings are cut');
	for (let i = 0; i < total; i++)
		if ((snapshot.postingChunks[i] ?? 0) >= count) throw bad('a posting points past the chunks');
	if (snapshot.vectors) {
		const dim = snapshot.model?.dimension ?? 0;
		const { values, scales, present } = snapshot.vectors;
		if (dim <= 0 || values.length !== count * dim || scales.length !== count || present.length !== count)
			throw bad('vectors do not fit the chunks');
	}
}

/** A new, empty index; vectors can be added when `model` is given. */
export function createKbIndex(model?: EmbeddingModelInfo | null): KbIndex {
	return new KbIndex(model ?? null);
}
