// The prebuilt index format (src/lib/retrieval/prebuilt.ts): writing it deterministically, reading it
// strictly (typed errors), and the app's rule of never trusting another model's vectors.
import { describe, expect, it } from 'vitest';
import {
	buildPrebuiltIndex,
	decodeVectors,
	encodeVectors,
	fetchPrebuiltIndex,
	parsePrebuiltIndex,
	PrebuiltIndexError,
	readPrebuiltIndex,
	serializePrebuiltIndex,
	type PrebuiltIndex
} from '../../../src/lib/retrieval/prebuilt';
import type { Embedder, EmbedKind, KbChunk } from '../../../src/lib/retrieval/types';

const chunk = (n: number, overrides: Partial<KbChunk> = {}): KbChunk => ({
	id: `fever-en#${n}-0000000${n}`,
	docId: 'fever-en',
	ordinal: n,
	title: 'Fever',
	lang: 'en',
	source: 'NHS: Fever',
	updated: '2026-11-20',
	file: 'en/fever.md',
	text: `Fever\nPassage ${n}.`,
	...overrides
});

const CHUNKS = [
	chunk(0),
	chunk(1, { url: 'https://www.nhs.uk/fever' }),
	chunk(2, { lang: 'zh-CN', text: '发烧' })
];

/** A fake embedder (named as one): unit vectors from the text's length, recording what it was asked. */
class FakeEmbedder implements Embedder {
	readonly calls: { texts: readonly string[]; kind: EmbedKind }[] = [];
	constructor(readonly model = { id: 'fake-model', dimension: 4 }) {}
	async embed(texts: readonly string[], kind: EmbedKind): Promise<Float32Array[]> {
		this.calls.push({ texts, kind });
		return texts.map((text) => {
			const v = Float32Array.from({ length: this.model.dimension }, (_, i) => Math.cos(text.length + i));
			const n = Math.hypot(...v);
			return v.map((x) => x / n);
		});
	}
}

const built = (embedder: Embedder | null = new FakeEmbedder()) => buildPrebuiltIndex(CHUNKS, embedder);
const json = (index: PrebuiltIndex): unknown => JSON.parse(serializePrebuiltIndex(index));

describe('buildPrebuiltIndex', () => {
	it('embeds every chunk’s text as a passage, in batches, keeping the order', async () => {
		const embedder = new FakeEmbedder();
		const index = await buildPrebuiltIndex(CHUNKS, embedder, { batchSize: 2 });
		expect(embedder.calls).toEqual([
			{ texts: ['Fever\nPassage 0.', 'Fever\nPassage 1.'], kind: 'passage' },
			{ texts: ['发烧'], kind: 'passage' }
		]);
		expect(index.model).toEqual({ id: 'fake-model', dimension: 4 });
		expect(index.vectors).toHaveLength(3);
		expect(index.chunks).toEqual(CHUNKS);
		expect(index.contentHash).toMatch(/^[0-9a-f]{64}$/);
	});

	it('is lexical-only without an embedder', async () => {
		const index = await built(null);
		expect(index.model).toBeNull();
		expect(index.vectors).toBeNull();
	});

	it('changes the content hash when any field of a chunk changes, not otherwise', async () => {
		const a = await buildPrebuiltIndex(CHUNKS, null);
		const b = await buildPrebuiltIndex(
			CHUNKS.map((c) => ({ ...c })),
			null
		);
		const c = await buildPrebuiltIndex([{ ...chunk(0), source: 'WHO' }, ...CHUNKS.slice(1)], null);
		expect(b.contentHash).toBe(a.contentHash);
		expect(c.contentHash).not.toBe(a.contentHash);
	});
});

describe('serializePrebuiltIndex', () => {
	it('writes the same text for the same index, one chunk per line', async () => {
		const text = serializePrebuiltIndex(await built());
		expect(serializePrebuiltIndex(await built())).toBe(text);
		const lines = text.split('\n');
		expect(lines.slice(0, 6)).toEqual([
			'{',
			'\t"format": "med-qa-kb-index",',
			'\t"version": 1,',
			'\t"model": {"id":"fake-model","dimension":4},',
			expect.stringMatching(/^\t"contentHash": "[0-9a-f]{64}",$/),
			'\t"chunks": ['
		]);
		expect(lines[6]).toBe(`\t\t${JSON.stringify(CHUNKS[0])},`);
		expect(text.endsWith('}\n')).toBe(true);
	});

	it('writes only the chunk fields, in a fixed order', async () => {
		const stray = { ...chunk(0), score: 3 } as KbChunk;
		const index = await buildPrebuiltIndex([stray], null);
		const [line] = serializePrebuiltIndex(index)
			.split('\n')
			.filter((l) => l.startsWith('\t\t'));
		expect(Object.keys(JSON.parse(line ?? '{}'))).toEqual([
			'id',
			'docId',
			'ordinal',
			'title',
			'lang',
			'source',
			'updated',
			'file',
			'text'
		]);
	});

	it('refuses vectors that do not match the chunks or the model', async () => {
		const index = await built();
		expect(() => serializePrebuiltIndex({ ...index, vectors: index.vectors?.slice(1) ?? null })).toThrow(
			'2 vectors for 3 chunks'
		);
		expect(() => serializePrebuiltIndex({ ...index, model: null })).toThrow(
			'vectors need a model, and a model needs vectors'
		);
	});
});

describe('parsePrebuiltIndex', () => {
	it('reads back what was written: chunks, model and vectors bit for bit', async () => {
		const index = await built();
		const read = parsePrebuiltIndex(json(index), { expect: { id: 'fake-model', dimension: 4 } });
		expect(read.chunks).toEqual(index.chunks);
		expect(read.model).toEqual(index.model);
		expect(read.contentHash).toBe(index.contentHash);
		expect(read.vectors?.map((v) => [...v])).toEqual(index.vectors?.map((v) => [...v]));
	});

	const refusal = (raw: unknown, options = {}) => {
		try {
			parsePrebuiltIndex(raw, options);
		} catch (error) {
			expect(error).toBeInstanceOf(PrebuiltIndexError);
			const { code, message } = error as PrebuiltIndexError;
			return { code, message };
		}
		throw new Error('not refused');
	};

	it('refuses another model with "model-mismatch"', async () => {
		expect(
			refusal(json(await built()), { expect: { id: 'Xenova/multilingual-e5-small', dimension: 384 } })
		).toEqual({
			code: 'model-mismatch',
			message: 'the index was embedded with fake-model; the app uses Xenova/multilingual-e5-small'
		});
	});

	it('refuses the same model id with another dimension with "dimension-mismatch"', async () => {
		expect(refusal(json(await built()), { expect: { id: 'fake-model', dimension: 8 } })).toEqual({
			code: 'dimension-mismatch',
			message: "the index has fake-model vectors of dimension 4; the app's have 8"
		});
	});

	it('refuses another format version with "version"', async () => {
		const raw = { ...(json(await built()) as object), version: 2 };
		expect(refusal(raw)).toEqual({ code: 'version', message: 'index version 2; this app reads version 1' });
	});

	it('refuses what is not an index with "format"', () => {
		expect(refusal({ version: 1, chunks: [] })).toEqual({
			code: 'format',
			message: 'not a knowledge-base index (format "med-qa-kb-index")'
		});
		expect(refusal(null).code).toBe('format');
	});

	it('refuses damaged chunks and vectors with "malformed"', async () => {
		const good = json(await built()) as Record<string, unknown> & { chunks: KbChunk[]; vectors: string };
		expect(refusal({ ...good, chunks: [{ ...good.chunks[0], lang: 'fr' }] })).toEqual({
			code: 'malformed',
			message: 'chunk 0: lang must be zh-CN or en'
		});
		expect(refusal({ ...good, chunks: [good.chunks[0], good.chunks[0], good.chunks[1]] })).toMatchObject({
			message: `chunk id ${good.chunks[0]?.id} appears twice`
		});
		expect(refusal({ ...good, vectors: good.vectors.slice(0, -8) })).toMatchObject({ code: 'malformed' });
		expect(refusal({ ...good, vectors: null })).toEqual({
			code: 'malformed',
			message: 'vectors: base64 text, since the index names a model'
		});
		const notUnit = encodeVectors(
			[new Float32Array([1, 1, 0, 0]), new Float32Array([1, 0, 0, 0]), new Float32Array([0, 1, 0, 0])],
			4
		);
		expect(refusal({ ...good, vectors: notUnit })).toEqual({
			code: 'malformed',
			message: 'vector 0 is not of unit length'
		});
		expect(refusal({ ...good, model: { id: 'x' } }).code).toBe('malformed');
	});

	it('accepts a lexical-only index whatever model is expected', async () => {
		const read = parsePrebuiltIndex(json(await built(null)), { expect: { id: 'any', dimension: 384 } });
		expect(read.vectors).toBeNull();
		expect(read.chunks).toHaveLength(3);
	});
});

describe('readPrebuiltIndex', () => {
	it('trusts vectors made with the current model', async () => {
		const reading = readPrebuiltIndex(json(await built()), { id: 'fake-model', dimension: 4 });
		expect(reading.vectors).toBe('trusted');
		expect(reading.index.vectors).toHaveLength(3);
	});

	it('drops vectors of another model and says the chunks need embedding again', async () => {
		const reading = readPrebuiltIndex(json(await built()), {
			id: 'Xenova/multilingual-e5-small',
			dimension: 384
		});
		expect(reading.vectors).toBe('other-model');
		expect(reading.index.vectors).toBeNull();
		expect(reading.index.model).toBeNull();
		expect(reading.index.chunks).toHaveLength(3);
		expect(reading.builtWith).toEqual({ id: 'fake-model', dimension: 4 });
	});

	it('treats a dimension change as another model', async () => {
		expect(readPrebuiltIndex(json(await built()), { id: 'fake-model', dimension: 8 }).vectors).toBe(
			'other-model'
		);
	});

	it('says a lexical-only index is not embedded yet', async () => {
		const reading = readPrebuiltIndex(json(await built(null)), { id: 'fake-model', dimension: 4 });
		expect(reading.vectors).toBe('not-embedded');
		expect(reading.index.chunks).toHaveLength(3);
	});

	it('keeps only the chunks when the app has no embedding model', async () => {
		const reading = readPrebuiltIndex(json(await built()), null);
		expect(reading.vectors).toBe('no-model');
		expect(reading.index.vectors).toBeNull();
	});

	it('still refuses a file it cannot read at all', () => {
		expect(() => readPrebuiltIndex({ format: 'med-qa-kb-index', version: 9 }, null)).toThrow(
			PrebuiltIndexError
		);
	});
});

describe('encodeVectors / decodeVectors', () => {
	it('round-trips float32 values exactly, little-endian', () => {
		const v = Float32Array.from([0.6, -0.8]);
		const text = encodeVectors([v], 2);
		const bytes = Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
		expect(new DataView(bytes.buffer).getFloat32(0, true)).toBe(v[0]);
		expect(decodeVectors(text, 1, 2).map((x) => [...x])).toEqual([[...v]]);
	});

	it('refuses text that is not base64', () => {
		expect(() => decodeVectors('***', 1, 2)).toThrow('vectors: not base64');
	});
});

describe('fetchPrebuiltIndex', () => {
	const respond =
		(body: string, init: ResponseInit = {}) =>
		async () =>
			new Response(body, init);

	it('fetches /kb/index.json on the app’s origin', async () => {
		const asked: string[] = [];
		const raw = await fetchPrebuiltIndex({
			origin: 'http://localhost:4173',
			fetch: async (url) => {
				asked.push(url);
				return new Response('{"format":"med-qa-kb-index"}');
			}
		});
		expect(asked).toEqual(['http://localhost:4173/kb/index.json']);
		expect(raw).toEqual({ format: 'med-qa-kb-index' });
	});

	it('reads a missing file or a static host’s HTML fallback as no index', async () => {
		expect(
			await fetchPrebuiltIndex({ origin: 'http://x', fetch: respond('no', { status: 404 }) })
		).toBeNull();
		expect(
			await fetchPrebuiltIndex({
				origin: 'http://x',
				fetch: respond('<!doctype html>', { headers: { 'content-type': 'text/html' } })
			})
		).toBeNull();
	});

	it('fails on a server error', async () => {
		await expect(
			fetchPrebuiltIndex({ origin: 'http://x', fetch: respond('', { status: 500 }) })
		).rejects.toThrow('Could not fetch the knowledge-base index (500): http://x/kb/index.json');
	});
});
