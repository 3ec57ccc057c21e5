// An index snapshot as one byte array, for a file shipped with the app (the knowledge-base
// builder) or a size that can be measured (the bench). IndexedDB stores the snapshot object itself
// (it is structured-cloneable); this is for everywhere a single blob is wanted.
//
// Layout (little-endian): "KBIX", u32 layout version, u32 header byte length, the header as UTF-8
// JSON ({ format, version, tokenizer, model, chunks, terms, postings, vectors }), then the arrays, each
// starting on a 4-byte boundary: lengths u32[chunks], offsets u32[terms + 1], postingChunks
// u32[postings], postingFreqs u16[postings], and with vectors: values i8[chunks × dimension],
// scales f32[chunks], present u8[chunks].
import { KbError } from './errors';
import { KbIndex, type KbIndexSnapshot } from './index';

const MAGIC = 0x5849424b; // "KBIX" read as a little-endian u32
const LAYOUT = 1;

interface Header {
	format: KbIndexSnapshot['format'];
	version: KbIndexSnapshot['version'];
	tokenizer: number;
	model: KbIndexSnapshot['model'];
	chunks: KbIndexSnapshot['chunks'];
	terms: string[];
	postings: number;
	vectors: boolean;
}

const align = (n: number) => (n + 3) & ~3;

/** The snapshot as bytes (see the layout above). */
export function encodeSnapshot(snapshot: KbIndexSnapshot): Uint8Array {
	const header: Header = {
		format: snapshot.format,
		version: snapshot.version,
		tokenizer: snapshot.tokenizer,
		model: snapshot.model,
		chunks: snapshot.chunks,
		terms: snapshot.terms,
		postings: snapshot.postingChunks.length,
		vectors: snapshot.vectors !== null
	};
	const json = new TextEncoder().encode(JSON.stringify(header));
	const arrays: ArrayBufferView[] = [
		snapshot.lengths,
		snapshot.offsets,
		snapshot.postingChunks,
		snapshot.postingFreqs
	];
	if (snapshot.vectors)
		arrays.push(snapshot.vectors.values, snapshot.vectors.scales, snapshot.vectors.present);
	let size = align(12 + json.byteLength);
	for (const array of arrays) size += align(array.byteLength);
	const bytes = new Uint8Array(size);
	const view = new DataView(bytes.buffer);
	view.setUint32(0, MAGIC, true);
	view.setUint32(4, LAYOUT, true);
	view.setUint32(8, json.byteLength, true);
	bytes.set(json, 12);
	let at = align(12 + json.byteLength);
	for (const array of arrays) {
		bytes.set(new Uint8Array(array.buffer, array.byteOffset, array.byteLength), at);
		at += align(array.byteLength);
	}
	return bytes;
}

/** A snapshot from encodeSnapshot's bytes. Throws KbError 'bad-snapshot' when they are not one. */
export function decodeSnapshot(bytes: Uint8Array): KbIndexSnapshot {
	const bad = (detail: string) => new KbError('bad-snapshot', detail);
	if (bytes.byteLength < 12) throw bad('too short');
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	if (view.getUint32(0, true) !== MAGIC) throw bad('not a knowledge-base index');
	if (view.getUint32(4, true) !== LAYOUT) throw bad(`layout ${view.getUint32(4, true)}`);
	const headerLength = view.getUint32(8, true);
	if (12 + headerLength > bytes.byteLength) throw bad('header cut');
	let header: Header;
	try {
		header = JSON.parse(new TextDecoder().decode(bytes.subarray(12, 12 + headerLength))) as Header;
	} catch (error) {
		throw bad(error instanceof Error ? error.message : 'header');
	}
	if (!header || !Array.isArray(header.chunks) || !Array.isArray(header.terms)) throw bad('header fields');
	let at = align(12 + headerLength);
	// Copies (slice), so each array is aligned and independent of `bytes`.
	const take = <T>(make: (buffer: ArrayBuffer) => T, count: number, width: number): T => {
		const length = count * width;
		if (at + length > bytes.byteLength) throw bad('arrays cut');
		const copy = bytes.slice(at, at + length);
		at += align(length);
		return make(copy.buffer);
	};
	const n = header.chunks.length;
	const total = header.postings;
	const snapshot: KbIndexSnapshot = {
		format: header.format,
		version: header.version,
		tokenizer: header.tokenizer,
		model: header.model,
		chunks: header.chunks,
		terms: header.terms,
		lengths: take((b) => new Uint32Array(b), n, 4),
		offsets: take((b) => new Uint32Array(b), header.terms.length + 1, 4),
		postingChunks: take((b) => new Uint32Array(b), total, 4),
		postingFreqs: take((b) => new Uint16Array(b), total, 2),
		vectors: null
	};
	if (header.vectors) {
		const dimension = header.model?.dimension ?? 0;
		snapshot.vectors = {
			values: take((b) => new Int8Array(b), n * dimension, 1),
			scales: take((b) => new Float32Array(b), n, 4),
			present: take((b) => new Uint8Array(b), n, 1)
		};
	}
	return snapshot;
}

/** An index straight from encoded bytes (decodeSnapshot, then KbIndex.restore's checks). */
export function restoreEncoded(bytes: Uint8Array): KbIndex {
	return KbIndex.restore(decodeSnapshot(bytes));
}
