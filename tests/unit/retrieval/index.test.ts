import { describe, expect, it } from 'vitest';
import { chunkDocument } from '$lib/retrieval/chunk';
import { KbError } from '$lib/retrieval/errors';
import { createKbIndex, editDistance, KbIndex, RRF_K } from '$lib/retrieval/index';
import { decodeSnapshot, encodeSnapshot, restoreEncoded } from '$lib/retrieval/snapshot';
import type { KbChunk, KbDocument, KbLang } from '$lib/retrieval/types';

function entry(id: string, lang: KbLang, title: string, body: string, file = `kb/${id}.md`): KbDocument {
	return { id, lang, title, body, file, source: 'Test', updated: '2026-01-01' };
}

const DOCS: KbDocument[] = [
	entry(
		'fever-children-en',
		'en',
		'Fever in children',
		'Also called: high temperature. A fever is a temperature of 38 °C or more. Give fluids and paracetamol if your child is distressed.'
	),
	entry(
		'fever-children-zh',
		'zh-CN',
		'儿童发烧',
		'常见说法：发烧、发热、高烧。体温达到38°C就是发热。孩子发烧时要多喝水，精神不好可以用退烧药。'
	),
	entry(
		'high-blood-pressure-en',
		'en',
		'High blood pressure',
		'Also called: hypertension. High blood pressure rarely has symptoms. Measure it at home and take your tablets every day.'
	),
	entry(
		'high-blood-pressure-zh',
		'zh-CN',
		'高血压',
		'常见说法：血压高、高血压病。高血压通常没有症状，要在家测血压，按时吃降压药。'
	),
	entry(
		'insomnia-en',
		'en',
		'Insomnia',
		'Also called: trouble sleeping, sleeplessness. Keep regular hours and avoid screens before bed.'
	),
	entry('insomnia-zh', 'zh-CN', '失眠', '常见说法：睡不着、失眠、睡眠不好。保持规律作息，睡前不要看手机。'),
	entry(
		'cough-en',
		'en',
		'Cough',
		'Also called: chesty cough. Most coughs clear up in three weeks. Honey and lemon can soothe a cough.',
		'kb/qa/shared.md'
	)
];

const chunksOf = (docs: readonly KbDocument[]) => docs.flatMap((doc) => chunkDocument(doc));
const docIds = (index: KbIndex, query: string, options = {}) =>
	index.search(query, options).map((hit) => hit.chunk.docId);

function built(docs = DOCS): KbIndex {
	const index = createKbIndex();
	index.add(chunksOf(docs));
	return index;
}

/** A unit vector along axis `axis` of `dim`, nudged toward `toward` by `mix`. */
function axis(dim: number, main: number, toward?: number, mix = 0): Float32Array {
	const v = new Float32Array(dim);
	v[main] = 1 - mix;
	if (toward !== undefined) v[toward] = mix;
	const norm = Math.hypot(...v);
	return v.map((x) => x / norm);
}

describe('KbIndex.search (lexical)', () => {
	it('finds English entries by their words, stems included', () => {
		const index = built();
		expect(docIds(index, 'my child has a high temperature')[0]).toBe('fever-children-en');
		expect(docIds(index, 'hypertension tablets')[0]).toBe('high-blood-pressure-en');
		expect(docIds(index, 'I keep coughing at night')[0]).toBe('cough-en');
		expect(docIds(index, 'trouble sleeping')[0]).toBe('insomnia-en');
	});

	it('finds Chinese entries by any two characters of a word, however the query is segmented', () => {
		const index = built();
		expect(docIds(index, '孩子发烧38度怎么办')[0]).toBe('fever-children-zh');
		expect(docIds(index, '我血压有点高')[0]).toBe('high-blood-pressure-zh');
		expect(docIds(index, '晚上睡不着觉')[0]).toBe('insomnia-zh');
		expect(docIds(index, '降压')[0]).toBe('high-blood-pressure-zh');
	});

	it('finds a misspelled English word through the index terms one typo away, at a lower weight', () => {
		const index = built();
		expect(docIds(index, 'hypertenson')[0]).toBe('high-blood-pressure-en');
		expect(docIds(index, 'sleeplesness')[0]).toBe('insomnia-en');
		expect(docIds(index, 'coguh')[0]).toBe('cough-en');
		const [typo] = index.search('hypertenson');
		const [exact] = index.search('hypertension');
		expect(typo?.lexicalScore).toBeCloseTo((exact?.lexicalScore ?? 0) / 2, 9);
		// Short words and words it has are taken as written.
		expect(docIds(index, 'coug')).toEqual([]);
	});

	it('limits results, prefers the asked language on equal scores, and finds nothing for an empty query', () => {
		const index = createKbIndex();
		index.add(
			chunksOf([
				entry('a-en', 'en', 'Alpha', 'Shared words here.'),
				entry('a-zh', 'zh-CN', 'Alpha', 'Shared words here.')
			])
		);
		expect(docIds(index, 'shared words', { lang: 'zh-CN' })).toEqual(['a-zh', 'a-en']);
		expect(docIds(index, 'shared words', { lang: 'en' })).toEqual(['a-en', 'a-zh']);
		expect(built().search('fever', { limit: 1 })).toHaveLength(1);
		expect(built().search('', {})).toEqual([]);
		expect(built().search('the of and ，。', {})).toEqual([]);
		expect(built().search('fever', { limit: 0 })).toEqual([]);
	});

	it('reports lexical ranks and BM25 scores, and no vector rank without a vector', () => {
		const [first, second] = built().search('high temperature');
		expect(first).toMatchObject({
			lexicalRank: 1,
			vectorRank: null,
			similarity: null,
			score: 1 / (RRF_K + 1)
		});
		expect(second?.lexicalRank).toBe(2);
		expect(first?.lexicalScore).toBeGreaterThan(second?.lexicalScore ?? Infinity);
	});
});

describe('KbIndex.add / remove', () => {
	it('refuses a batch with a known or repeated id, or a wrong vector, and then adds nothing', () => {
		const index = built();
		const size = index.size;
		const fresh = chunkDocument(entry('new-en', 'en', 'New', 'Brand new text.'));
		const clash = [...fresh, ...chunkDocument(DOCS[0] as KbDocument)];
		expect(() => index.add(clash)).toThrow(KbError);
		expect(() => index.add([...fresh, ...fresh])).toThrow(
			expect.objectContaining({ code: 'duplicate-chunk' })
		);
		expect(index.size).toBe(size);
		expect(docIds(index, 'brand new')).toEqual([]);
		expect(() => index.add(fresh, [new Float32Array(4)])).toThrow(
			expect.objectContaining({ code: 'vector-dimension' })
		);
		const withModel = createKbIndex({ id: 'm', dimension: 4 });
		expect(() => withModel.add(fresh, [new Float32Array(3)])).toThrow(
			expect.objectContaining({ code: 'vector-dimension' })
		);
		expect(withModel.size).toBe(0);
	});

	it('removes a document or a file completely, and the index is then as if it had never had it', () => {
		const index = built();
		const before = index.stats();
		index.add(
			chunkDocument(entry('extra-en', 'en', 'Sunburn', 'Sunburn blisters and peeling skin. 晒伤起泡。'))
		);
		expect(docIds(index, 'sunburn blisters')).toEqual(['extra-en']);
		expect(index.removeDocument('extra-en')).toBe(1);
		expect(docIds(index, 'sunburn blisters')).toEqual([]);
		expect(index.stats()).toEqual({ ...before, bytes: index.stats().bytes });

		expect(index.removeFile('kb/qa/shared.md')).toBe(1);
		expect(docIds(index, 'cough')).toEqual([]);
		expect(index.files()).not.toContain('kb/qa/shared.md');
		expect(index.removeFile('kb/qa/shared.md')).toBe(0);

		// Same results as an index built without them.
		const fresh = built(DOCS.filter((doc) => doc.id !== 'cough-en'));
		for (const query of ['fever child', '发烧', 'blood pressure', '失眠 睡不着', 'honey lemon'])
			expect(index.search(query).map((h) => [h.chunk.id, h.score])).toEqual(
				fresh.search(query).map((h) => [h.chunk.id, h.score])
			);
	});

	it('reuses freed slots and keeps finding everything', () => {
		const index = built();
		for (let round = 0; round < 3; round++) {
			index.removeDocument('insomnia-en');
			index.add(chunkDocument(DOCS[4] as KbDocument));
		}
		expect(index.size).toBe(chunksOf(DOCS).length);
		expect(docIds(index, 'sleeplessness')).toEqual(['insomnia-en']);
	});
});

describe('KbIndex.search (hybrid)', () => {
	// Three chunks; the query's words match A best, its vector is closest to B.
	function hybrid() {
		const chunks: KbChunk[] = chunksOf([
			entry('a', 'en', 'Alpha', 'Fever fever fever and more fever.'),
			entry('b', 'en', 'Beta', 'Something about temperature.'),
			entry('c', 'en', 'Gamma', 'A little fever mentioned once, with many other words around it.')
		]);
		const index = createKbIndex({ id: 'fixture', dimension: 8 });
		index.add(chunks, [axis(8, 0), axis(8, 1), axis(8, 2)]);
		return index;
	}

	it('fuses the lexical and vector lists by reciprocal rank (k = 60)', () => {
		const hits = hybrid().search('fever', { vector: axis(8, 1, 2, 0.3) });
		// 1/61 + 1/63 > 2/62 > 1/61: being in both lists beats topping one.
		expect(hits.map((h) => [h.chunk.docId, h.lexicalRank, h.vectorRank])).toEqual([
			['a', 1, 3],
			['c', 2, 2],
			['b', null, 1]
		]);
		expect(hits[0]?.score).toBeCloseTo(1 / (RRF_K + 1) + 1 / (RRF_K + 3), 12);
		expect(hits[1]?.score).toBeCloseTo(2 / (RRF_K + 2), 12);
		expect(hits[2]?.score).toBeCloseTo(1 / (RRF_K + 1), 12);
		expect(hits[2]?.similarity).toBeGreaterThan(0.9);
	});

	it('ranks by vector alone when the query has no words, and by words alone without a vector', () => {
		const index = hybrid();
		expect(index.search('', { vector: axis(8, 2) }).map((h) => h.chunk.docId)[0]).toBe('c');
		expect(index.search('fever').map((h) => h.chunk.docId)).toEqual(['a', 'c']);
		expect(() => index.search('fever', { vector: new Float32Array(3) })).toThrow(
			expect.objectContaining({ code: 'vector-dimension' })
		);
		// An index without a model ignores a query vector.
		expect(built().search('fever', { vector: axis(8, 0) })[0]?.vectorRank).toBeNull();
	});

	it('sets vectors later for chunks added without them', () => {
		const index = createKbIndex({ id: 'fixture', dimension: 8 });
		const chunks = chunksOf([entry('a', 'en', 'Alpha', 'One.'), entry('b', 'en', 'Beta', 'Two.')]);
		index.add(chunks);
		expect(index.search('', { vector: axis(8, 1) })).toEqual([]);
		index.setVectors([[chunks[1]?.id ?? '', axis(8, 1)]]);
		expect(index.hasVector(chunks[1]?.id ?? '')).toBe(true);
		expect(index.search('', { vector: axis(8, 1) }).map((h) => h.chunk.docId)).toEqual(['b']);
		expect(() => index.setVectors([['nope', axis(8, 1)]])).toThrow(KbError);
	});
});

describe('KbIndex.serialize / restore', () => {
	it('restores an index that searches exactly like the original, through structured clone', () => {
		const index = createKbIndex({ id: 'fixture', dimension: 8 });
		const chunks = chunksOf(DOCS);
		index.add(
			chunks,
			chunks.map((_, i) => axis(8, i % 8, (i + 3) % 8, 0.2))
		);
		index.removeDocument('insomnia-en');
		const restored = KbIndex.restore(structuredClone(index.serialize()));
		expect(restored.size).toBe(index.size);
		expect(restored.model).toEqual({ id: 'fixture', dimension: 8 });
		expect(restored.stats()).toMatchObject({
			chunks: index.size,
			terms: index.stats().terms,
			vectors: index.size
		});
		for (const [i, query] of [
			'fever child',
			'孩子发烧',
			'blood pressure tablets',
			'睡不着',
			'cough honey'
		].entries()) {
			const options = { vector: axis(8, i), limit: 10 };
			expect(restored.search(query, options)).toEqual(index.search(query, options));
		}
		// The same content gives the same snapshot.
		expect(KbIndex.restore(index.serialize()).serialize()).toEqual(index.serialize());
		// And the restored index keeps changing incrementally.
		restored.add(chunkDocument(DOCS[4] as KbDocument), [axis(8, 5)]);
		expect(docIds(restored, 'sleeplessness')).toEqual(['insomnia-en']);
	});

	it('refuses a snapshot of another format or with arrays that do not fit', () => {
		const snapshot = built().serialize();
		expect(() => KbIndex.restore({ ...snapshot, version: 2 as 1 })).toThrow(
			expect.objectContaining({ code: 'bad-snapshot' })
		);
		// Postings made by another tokenizer would not match today's query terms.
		expect(() => KbIndex.restore({ ...snapshot, tokenizer: 0 })).toThrow(
			expect.objectContaining({ code: 'bad-snapshot' })
		);
		expect(() => KbIndex.restore({ ...snapshot, lengths: snapshot.lengths.slice(1) })).toThrow(KbError);
		const postingChunks = snapshot.postingChunks.slice();
		postingChunks[0] = 10_000;
		expect(() => KbIndex.restore({ ...snapshot, postingChunks })).toThrow(
			expect.objectContaining({ code: 'bad-snapshot' })
		);
	});

	it('encodes a snapshot as bytes and back, and refuses bytes that are not one', () => {
		const index = createKbIndex({ id: 'fixture', dimension: 8 });
		const chunks = chunksOf(DOCS);
		index.add(
			chunks,
			chunks.map((_, i) => (i % 3 === 0 ? null : axis(8, i % 8)))
		);
		const snapshot = index.serialize();
		const bytes = encodeSnapshot(snapshot);
		expect(decodeSnapshot(bytes)).toEqual(snapshot);
		expect(restoreEncoded(bytes).search('fever 发烧', { vector: axis(8, 2), limit: 10 })).toEqual(
			index.search('fever 发烧', { vector: axis(8, 2), limit: 10 })
		);
		const lexical = built().serialize();
		expect(decodeSnapshot(encodeSnapshot(lexical))).toEqual(lexical);
		expect(() => decodeSnapshot(bytes.subarray(0, bytes.length - 40))).toThrow(
			expect.objectContaining({ code: 'bad-snapshot' })
		);
		expect(() => decodeSnapshot(new TextEncoder().encode('not an index at all'))).toThrow(KbError);
	});
});

describe('editDistance', () => {
	it('counts insertions, deletions, substitutions and swaps of neighbours, up to a bound', () => {
		expect(editDistance('diarrhea', 'diarhea', 2)).toBe(1);
		expect(editDistance('costip', 'constip', 1)).toBe(1);
		expect(editDistance('fevre', 'fever', 1)).toBe(1);
		expect(editDistance('fever', 'fever', 1)).toBe(0);
		expect(editDistance('headache', 'toothache', 2)).toBe(3);
		expect(editDistance('abc', 'abcdef', 1)).toBe(2);
	});
});
