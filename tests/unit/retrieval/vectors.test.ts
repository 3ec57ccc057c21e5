import { afterEach, describe, expect, it } from 'vitest';
import { compileScan } from '../../../scripts/retrieval/scan-wasm';
import { SCAN_WASM_BASE64 } from '$lib/retrieval/scan-wasm';
import { quantize, simdScanAvailable, topK, useSimdScan, VectorStore } from '$lib/retrieval/vectors';

function random(seed: number): () => number {
	let a = seed;
	return () => {
		a = (a + 0x6d2b79f5) | 0;
		let t = Math.imul(a ^ (a >>> 15), 1 | a);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

function unitVectors(count: number, dimension: number, seed = 1): Float32Array[] {
	const next = random(seed);
	return Array.from({ length: count }, () => {
		const v = Float32Array.from({ length: dimension }, () => next() * 2 - 1);
		const norm = Math.hypot(...v);
		return v.map((x) => x / norm);
	});
}

const dot = (a: Float32Array, b: Float32Array) => a.reduce((sum, x, i) => sum + x * (b[i] ?? 0), 0);

afterEach(() => {
	useSimdScan(true);
});

describe('scan-wasm.ts', () => {
	it('is scan.wat compiled (run scripts/retrieval/scan-wasm.ts after editing scan.wat)', async () => {
		expect(Buffer.from(await compileScan()).toString('base64')).toBe(SCAN_WASM_BASE64);
	});
});

describe('quantize', () => {
	it('maps the largest component to ±127 and keeps the rest in proportion', () => {
		const into = new Int8Array(16);
		const scale = quantize(Float32Array.from([0.5, -0.3, 0, 0.125]), into);
		expect([...into.slice(0, 5)]).toEqual([127, -76, 0, 32, 0]);
		expect(scale).toBeCloseTo(0.5 / 127, 8);
		expect(quantize(new Float32Array(4), into)).toBe(0);
	});
});

describe('VectorStore.nearest', () => {
	it('finds the same neighbours as an exact float scan, with the SIMD scan and without it', () => {
		expect(simdScanAvailable()).toBe(true);
		const vectors = unitVectors(500, 40);
		const queries = unitVectors(20, 40, 7);
		const results: number[][][] = [];
		for (const simd of [true, false]) {
			useSimdScan(simd);
			const store = new VectorStore(40);
			vectors.forEach((v, slot) => store.set(slot, v));
			results.push(queries.map((q) => store.nearest(q, 5).map((m) => m.slot)));
			const similarity = store.nearest(queries[0] as Float32Array, 1)[0]?.similarity ?? 0;
			expect(similarity).toBeCloseTo(
				dot(queries[0] as Float32Array, vectors[results[0]?.[0]?.[0] ?? 0] as Float32Array),
				2
			);
		}
		// Both scans compute the same integers: identical results.
		expect(results[1]).toEqual(results[0]);
		// Against exact cosine, the top hit agrees for nearly every query.
		let agree = 0;
		for (const [i, q] of queries.entries()) {
			const exact = vectors.map((v, slot) => [dot(q, v), slot] as const).sort((a, b) => b[0] - a[0])[0]?.[1];
			if (results[0]?.[i]?.[0] === exact) agree++;
		}
		expect(agree).toBeGreaterThanOrEqual(18);
	});

	it('finds a stored vector first for itself, skips deleted slots, and grows keeping what it holds', () => {
		const vectors = unitVectors(300, 384, 3);
		const store = new VectorStore(384);
		vectors.slice(0, 10).forEach((v, slot) => store.set(slot, v));
		vectors.slice(10).forEach((v, i) => store.set(10 + i, v)); // grows several times
		expect(store.count).toBe(300);
		expect(store.nearest(vectors[123] as Float32Array, 1)[0]?.slot).toBe(123);
		expect(store.nearest(vectors[5] as Float32Array, 1)[0]?.slot).toBe(5);
		store.delete(123);
		expect(store.nearest(vectors[123] as Float32Array, 300).map((m) => m.slot)).not.toContain(123);
		expect(store.count).toBe(299);
		expect(() => store.nearest(new Float32Array(3), 1)).toThrow(RangeError);
	});

	it('round-trips quantized rows (getQuantized → load)', () => {
		const vectors = unitVectors(50, 20, 5);
		const store = new VectorStore(20);
		vectors.forEach((v, slot) => slot % 7 !== 0 && store.set(slot, v));
		const values = new Int8Array(50 * 20);
		const scales = new Float32Array(50);
		const present = new Uint8Array(50);
		for (let slot = 0; slot < 50; slot++) {
			const row = store.getQuantized(slot);
			if (!row) continue;
			values.set(row.values, slot * 20);
			scales[slot] = row.scale;
			present[slot] = 1;
		}
		const copy = new VectorStore(20);
		copy.load(values, scales, present);
		expect(copy.count).toBe(store.count);
		for (const q of vectors.slice(0, 5)) expect(copy.nearest(q, 10)).toEqual(store.nearest(q, 10));
	});
});

describe('topK', () => {
	it('returns the k best indexes, best first, ties by lower index, honouring the mask', () => {
		const scores = [0.1, 0.9, 0.5, 0.9, 0.3, 0.7];
		expect(topK(scores, null, scores.length, 3)).toEqual([1, 3, 5]);
		expect(topK(scores, [1, 0, 1, 1, 1, 1], scores.length, 2)).toEqual([3, 5]);
		expect(topK(scores, null, 3, 10)).toEqual([1, 2, 0]);
		expect(topK(scores, null, scores.length, 0)).toEqual([]);
	});
});
