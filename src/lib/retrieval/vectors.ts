// The vector side of the knowledge-base index: one embedding per slot, kept int8-quantized in one
// contiguous block, scanned exhaustively (no approximate graph: every stored vector is compared).
//
// Why int8 and WebAssembly: at 100k chunks × 384 dimensions a float32 scan reads 154 MB per query
// and took ~38 ms in plain JavaScript (~11 ms with WebAssembly SIMD) on the bench machine; the
// same scan over int8 reads 38 MB and takes ~4 ms with SIMD. Each vector is quantized with its own
// scale (max |component| → 127), which keeps cosine order almost exactly (the bench reports the
// overlap with an exact float32 top 10). Where WebAssembly SIMD is missing the same integer
// arithmetic runs in JavaScript, giving the same scores bit for bit, only slower.
//
// Invariants: vectors are unit length (cosine = dot product); every slot has the index's
// dimension; a slot without a vector is never returned.
import { SCAN_WASM_BASE64 } from './scan-wasm';

const PAGE = 65_536;
/** Rows are padded to a multiple of 16 int8 lanes (one SIMD register). */
const LANES = 16;

interface ScanModule {
	memory: WebAssembly.Memory;
	scan: (q: number, rows: number, scales: number, n: number, dim: number, out: number) => void;
}

let compiled: WebAssembly.Module | null | undefined;

/** The compiled SIMD scan, or null where WebAssembly SIMD is unavailable (or disabled for a test). */
function scanModule(): WebAssembly.Module | null {
	if (compiled !== undefined) return compiled;
	compiled = null;
	try {
		if (typeof WebAssembly === 'object') {
			const bytes = Uint8Array.from(atob(SCAN_WASM_BASE64), (c) => c.charCodeAt(0));
			// 237 bytes: synchronous compilation is allowed on the main thread (browsers cap it at 4 KB).
			if (WebAssembly.validate(bytes)) compiled = new WebAssembly.Module(bytes);
		}
	} catch {
		compiled = null;
	}
	return compiled;
}

/** Forces the JavaScript scan (tests compare it with the SIMD one). Returns the previous setting. */
export function useSimdScan(enabled: boolean): boolean {
	const previous = compiled !== null;
	compiled = enabled ? undefined : null;
	if (enabled) scanModule();
	return previous;
}

/** Whether the SIMD scan is in use (the bench reports which one ran). */
export function simdScanAvailable(): boolean {
	return scanModule() !== null;
}

/** Per-vector symmetric int8 quantization: q[i] = round(v[i] / scale), scale = max|v| / 127. */
export function quantize(vector: Float32Array, into: Int8Array): number {
	let max = 0;
	for (let i = 0; i < vector.length; i++) {
		const a = Math.abs(vector[i] ?? 0);
		if (a > max) max = a;
	}
	if (!(max > 0) || !Number.isFinite(max)) {
		into.fill(0);
		return 0;
	}
	const scale = max / 127;
	for (let i = 0; i < vector.length; i++) into[i] = Math.round((vector[i] ?? 0) / scale);
	into.fill(0, vector.length);
	return Math.fround(scale);
}

/** A vector as stored: `dimension` int8 values and the scale that turns them back into floats. */
export interface QuantizedVector {
	values: Int8Array;
	scale: number;
}

/** A vector slot and its cosine with the query, best first. */
export interface VectorMatch {
	slot: number;
	similarity: number;
}

export class VectorStore {
	readonly dimension: number;
	/** Bytes per row: the dimension padded to a multiple of 16. */
	readonly stride: number;
	#capacity = 0;
	#memory: WebAssembly.Memory | null = null;
	#buffer: ArrayBuffer = new ArrayBuffer(0);
	#scan: ScanModule['scan'] | null = null;
	#has = new Uint8Array(0);
	#count = 0;

	constructor(dimension: number) {
		if (!Number.isInteger(dimension) || dimension < 1 || dimension > 4096)
			throw new RangeError(`vector dimension ${dimension} is not between 1 and 4096`);
		this.dimension = dimension;
		this.stride = Math.ceil(dimension / LANES) * LANES;
		const module = scanModule();
		if (module) {
			const instance = new WebAssembly.Instance(module);
			const exports = instance.exports as unknown as ScanModule;
			this.#memory = exports.memory;
			this.#scan = exports.scan;
			this.#buffer = this.#memory.buffer;
		}
	}

	/** How many slots hold a vector. */
	get count(): number {
		return this.#count;
	}

	/** Bytes held for vectors (rows and scales), for the index's size figures. */
	get bytes(): number {
		return this.#capacity * (this.stride + 4);
	}

	// Layout: [rows: capacity × stride][scales: capacity × f32][out: capacity × f32][query: stride].
	#rowsOffset(): number {
		return 0;
	}
	#scalesOffset(capacity = this.#capacity): number {
		return capacity * this.stride;
	}
	#outOffset(capacity = this.#capacity): number {
		return this.#scalesOffset(capacity) + capacity * 4;
	}
	#queryOffset(capacity = this.#capacity): number {
		return this.#outOffset(capacity) + capacity * 4;
	}

	/** Makes room for slots [0, slots). Existing vectors are kept. */
	reserve(slots: number): void {
		if (slots <= this.#capacity) return;
		const capacity = Math.max(slots, Math.ceil(this.#capacity * 1.5), 64);
		const needed = this.#queryOffset(capacity) + this.stride;
		const oldScales = this.#scalesOffset();
		if (this.#memory) {
			const have = this.#memory.buffer.byteLength;
			if (needed > have) this.#memory.grow(Math.ceil((needed - have) / PAGE));
			this.#buffer = this.#memory.buffer;
			const bytes = new Uint8Array(this.#buffer);
			// Rows stay where they are; the scales move right past the new rows (memmove semantics).
			bytes.copyWithin(this.#scalesOffset(capacity), oldScales, oldScales + this.#capacity * 4);
			bytes.fill(0, this.#rowsOffset() + this.#capacity * this.stride, this.#scalesOffset(capacity));
			bytes.fill(0, this.#scalesOffset(capacity) + this.#capacity * 4, this.#outOffset(capacity));
		} else {
			const next = new ArrayBuffer(needed);
			const bytes = new Uint8Array(next);
			bytes.set(new Uint8Array(this.#buffer, 0, this.#capacity * this.stride), 0);
			bytes.set(new Uint8Array(this.#buffer, oldScales, this.#capacity * 4), this.#scalesOffset(capacity));
			this.#buffer = next;
		}
		const has = new Uint8Array(capacity);
		has.set(this.#has);
		this.#has = has;
		this.#capacity = capacity;
	}

	#row(slot: number): Int8Array {
		return new Int8Array(this.#buffer, this.#rowsOffset() + slot * this.stride, this.stride);
	}
	#scales(): Float32Array {
		return new Float32Array(this.#buffer, this.#scalesOffset(), this.#capacity);
	}

	/** Stores `vector` (unit length, `dimension` long) in `slot`. */
	set(slot: number, vector: Float32Array): void {
		if (vector.length !== this.dimension)
			throw new RangeError(`vector has ${vector.length} dimensions, the index ${this.dimension}`);
		this.reserve(slot + 1);
		const scale = quantize(vector, this.#row(slot));
		this.#scales()[slot] = scale;
		if (this.#has[slot] !== 1) this.#count++;
		this.#has[slot] = 1;
	}

	/** Stores an already quantized vector (from a snapshot): `dimension` int8 values and its scale. */
	setQuantized(slot: number, values: Int8Array, scale: number): void {
		if (values.length !== this.dimension)
			throw new RangeError(`vector has ${values.length} dimensions, the index ${this.dimension}`);
		this.reserve(slot + 1);
		const row = this.#row(slot);
		row.set(values);
		row.fill(0, values.length);
		this.#scales()[slot] = scale;
		if (this.#has[slot] !== 1) this.#count++;
		this.#has[slot] = 1;
	}

	/**
	 * Fills slots [0, present.length) from a snapshot's arrays (values: dimension int8 per slot,
	 * one scale per slot; present[i] = 1 where slot i has a vector). Replaces what was there.
	 */
	load(values: Int8Array, scales: Float32Array, present: Uint8Array): void {
		const count = present.length;
		this.reserve(count);
		const rows = new Int8Array(this.#buffer, this.#rowsOffset(), count * this.stride);
		if (this.stride === this.dimension) rows.set(values.subarray(0, count * this.dimension));
		else
			for (let slot = 0; slot < count; slot++)
				rows.set(values.subarray(slot * this.dimension, (slot + 1) * this.dimension), slot * this.stride);
		const ownScales = this.#scales();
		this.#count = 0;
		for (let slot = 0; slot < count; slot++) {
			const has = present[slot] === 1 ? 1 : 0;
			this.#has[slot] = has;
			ownScales[slot] = has ? (scales[slot] ?? 0) : 0;
			if (!has) rows.fill(0, slot * this.stride, (slot + 1) * this.stride);
			this.#count += has;
		}
	}

	/** The quantized vector in `slot` (a copy), or null. */
	getQuantized(slot: number): QuantizedVector | null {
		if (slot >= this.#capacity || this.#has[slot] !== 1) return null;
		return { values: this.#row(slot).slice(0, this.dimension), scale: this.#scales()[slot] ?? 0 };
	}

	has(slot: number): boolean {
		return this.#has[slot] === 1;
	}

	delete(slot: number): void {
		if (slot >= this.#capacity || this.#has[slot] !== 1) return;
		this.#row(slot).fill(0);
		this.#scales()[slot] = 0;
		this.#has[slot] = 0;
		this.#count--;
	}

	/**
	 * The `limit` slots most similar to `query` (unit length), best first; ties by lower slot.
	 * `slots` bounds the scan to [0, slots).
	 */
	nearest(query: Float32Array, limit: number, slots = this.#capacity): VectorMatch[] {
		if (query.length !== this.dimension)
			throw new RangeError(`query vector has ${query.length} dimensions, the index ${this.dimension}`);
		const n = Math.min(slots, this.#capacity);
		if (this.#count === 0 || n === 0 || limit <= 0) return [];
		const q = new Int8Array(this.#buffer, this.#queryOffset(), this.stride);
		const queryScale = quantize(query, q);
		if (queryScale === 0) return [];
		const out = new Float32Array(this.#buffer, this.#outOffset(), n);
		if (this.#scan) {
			this.#scan(
				this.#queryOffset(),
				this.#rowsOffset(),
				this.#scalesOffset(),
				n,
				this.stride,
				this.#outOffset()
			);
		} else {
			const rows = new Int8Array(this.#buffer, 0, n * this.stride);
			const scales = this.#scales();
			for (let i = 0, o = 0; i < n; i++, o += this.stride) {
				let dot = 0;
				for (let j = 0; j < this.stride; j++) dot += (rows[o + j] ?? 0) * (q[j] ?? 0);
				out[i] = Math.fround(Math.fround(dot) * (scales[i] ?? 0));
			}
		}
		const top = topK(out, this.#has, n, limit);
		return top.map((slot) => ({ slot, similarity: (out[slot] ?? 0) * queryScale }));
	}
}

/**
 * Indexes of the `k` largest `scores[i]` (i < n, mask[i] === 1 when a mask is given), best first,
 * ties by lower index. A binary min-heap of size k in typed arrays: once it is full, most entries
 * are rejected by one comparison with its root.
 */
export function topK(
	scores: ArrayLike<number>,
	mask: ArrayLike<number> | null,
	n: number,
	k: number
): number[] {
	const size = Math.max(0, Math.min(k, n));
	if (size === 0) return [];
	const heapIndex = new Int32Array(size);
	const heapScore = new Float64Array(size);
	let filled = 0;
	// Entry a is worse than entry b: lower score, or the same score and a higher index.
	const worse = (sa: number, ia: number, sb: number, ib: number) => sa < sb || (sa === sb && ia > ib);
	const siftDown = () => {
		let i = 0;
		for (;;) {
			const l = 2 * i + 1;
			const r = l + 1;
			let m = i;
			if (
				l < filled &&
				worse(heapScore[l] as number, heapIndex[l] as number, heapScore[m] as number, heapIndex[m] as number)
			)
				m = l;
			if (
				r < filled &&
				worse(heapScore[r] as number, heapIndex[r] as number, heapScore[m] as number, heapIndex[m] as number)
			)
				m = r;
			if (m === i) return;
			const s = heapScore[i] as number;
			const x = heapIndex[i] as number;
			heapScore[i] = heapScore[m] as number;
			heapIndex[i] = heapIndex[m] as number;
			heapScore[m] = s;
			heapIndex[m] = x;
			i = m;
		}
	};
	// The root's score, kept in a local: the hot loop is one typed-array read and one comparison.
	let threshold = -Infinity;
	for (let i = 0; i < n; i++) {
		const score = scores[i] as number;
		if (filled === size && !(score > threshold)) continue;
		if (mask !== null && mask[i] !== 1) continue;
		if (filled < size) {
			let c = filled++;
			heapScore[c] = score;
			heapIndex[c] = i;
			while (c > 0) {
				const p = (c - 1) >> 1;
				if (
					!worse(
						heapScore[c] as number,
						heapIndex[c] as number,
						heapScore[p] as number,
						heapIndex[p] as number
					)
				)
					break;
				const s = heapScore[c] as number;
				const x = heapIndex[c] as number;
				heapScore[c] = heapScore[p] as number;
				heapIndex[c] = heapIndex[p] as number;
				heapScore[p] = s;
				heapIndex[p] = x;
				c = p;
			}
			if (filled === size) threshold = heapScore[0] as number;
		} else {
			// Equal to the root is never better: the root has the lower index (entries come in order).
			heapScore[0] = score;
			heapIndex[0] = i;
			siftDown();
			threshold = heapScore[0] as number;
		}
	}
	const order = Array.from({ length: filled }, (_, j) => j);
	order.sort(
		(a, b) =>
			(heapScore[b] as number) - (heapScore[a] as number) ||
			(heapIndex[a] as number) - (heapIndex[b] as number)
	);
	return order.map((j) => heapIndex[j] as number);
}
