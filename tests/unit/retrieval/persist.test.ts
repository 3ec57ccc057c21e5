import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { chunkDocument } from '$lib/retrieval/chunk';
import { KbError } from '$lib/retrieval/errors';
import { parseKbFile } from '$lib/retrieval/parse';
import { KbStore, type KbFileInput } from '$lib/retrieval/persist';
import type { EmbeddingModelInfo, KbDocument } from '$lib/retrieval/types';
import { openDatabase, simulateQuota } from '../store/open';

const MODEL: EmbeddingModelInfo = { id: 'fixture-embed', dimension: 8 };

function markdown(id: string, lang: 'en' | 'zh-CN', title: string, body: string): string {
	return `---\nid: ${id}\ntitle: "${title}"\nlang: ${lang}\nsource: Test\nupdated: 2026-01-01\n---\n${body}\n`;
}

/** A unit vector that depends on the text (stands in for an embedder). */
function fakeVector(text: string): Float32Array {
	const v = new Float32Array(MODEL.dimension);
	for (let i = 0; i < text.length; i++)
		v[i % MODEL.dimension] = (v[i % MODEL.dimension] ?? 0) + (text.charCodeAt(i) % 17) - 8;
	const norm = Math.hypot(...v) || 1;
	return v.map((x) => x / norm);
}

function input(file: string, content: string, withVectors = true): KbFileInput {
	const result = parseKbFile(file, content);
	if ('error' in result) throw new Error(result.error.code);
	const chunks = result.documents.flatMap((doc: KbDocument) => chunkDocument(doc));
	return {
		file,
		documents: result.documents,
		chunks,
		...(withVectors ? { vectors: chunks.map((c) => fakeVector(c.text)) } : {})
	};
}

const FEVER = markdown('fever-en', 'en', 'Fever', 'A fever is a temperature of 38 °C or more. Give fluids.');
const FEVER_ZH = markdown('fever-zh', 'zh-CN', '发烧', '体温达到38°C就是发热。要多喝水。');
const SLEEP = markdown('sleep-en', 'en', 'Insomnia', 'Trouble sleeping. Keep regular hours.');

const ids = (store: KbStore, query: string, vector?: Float32Array) =>
	store.index.search(query, vector ? { vector } : {}).map((hit) => hit.chunk.docId);

describe('KbStore', () => {
	it('stores files and reopens to the same index, from the snapshot and from the rows', async () => {
		const db = openDatabase();
		const store = await KbStore.open(db, MODEL);
		expect(await store.addFile(input('kb/en/fever.md', FEVER))).toEqual({ chunks: 1 });
		expect(await store.addFile({ ...input('kb/zh/fever.md', FEVER_ZH), origin: 'builtin' })).toEqual({
			chunks: 1
		});
		expect(await store.addFile(input('upload/sleep.md', SLEEP))).toEqual({ chunks: 1 });
		expect((await store.files()).map((f) => [f.file, f.origin, f.documents])).toEqual([
			['kb/en/fever.md', 'upload', ['fever-en']],
			['kb/zh/fever.md', 'builtin', ['fever-zh']],
			['upload/sleep.md', 'upload', ['sleep-en']]
		]);
		const query = fakeVector('发烧 fever');
		const expected = store.index.search('fever 发烧', { vector: query, limit: 10 });
		expect(expected.map((h) => h.chunk.docId).sort()).toEqual(['fever-en', 'fever-zh', 'sleep-en']);

		// Reopen: restored from the snapshot.
		const again = await KbStore.open(db, MODEL);
		expect(again.index.search('fever 发烧', { vector: query, limit: 10 })).toEqual(expected);

		// Without a usable snapshot: rebuilt from the rows, same results.
		await db.kbMeta.delete('snapshot');
		const rebuilt = await KbStore.open(db, MODEL);
		expect(rebuilt.index.search('fever 发烧', { vector: query, limit: 10 })).toEqual(expected);
		expect((await db.kbMeta.get('snapshot'))?.value).toBeDefined();
	});

	it('removes a file and everything of it, in the index and in storage', async () => {
		const db = openDatabase();
		const store = await KbStore.open(db, MODEL);
		await store.addFile(input('kb/en/fever.md', FEVER));
		await store.addFile(input('upload/sleep.md', SLEEP));
		expect(await store.removeFile('upload/sleep.md')).toBe(1);
		expect(ids(store, 'sleeping')).toEqual([]);
		expect(await db.kbChunks.where('file').equals('upload/sleep.md').count()).toBe(0);
		expect((await store.files()).map((f) => f.file)).toEqual(['kb/en/fever.md']);
		expect(ids(await KbStore.open(db, MODEL), 'sleeping')).toEqual([]);
		expect(await store.removeFile('upload/sleep.md')).toBe(0);
	});

	it('replaces a file of the same name, and refuses an id that another file has', async () => {
		const db = openDatabase();
		const store = await KbStore.open(db, MODEL);
		await store.addFile(input('kb/en/fever.md', FEVER));
		await store.addFile(input('kb/en/fever.md', FEVER.replace('Give fluids.', 'Rest and give fluids.')));
		expect(store.index.size).toBe(1);
		expect(store.index.chunks()[0]?.text).toContain('Rest and give fluids.');

		const result = await store.addFile(input('upload/copy.md', FEVER));
		expect(result).toEqual({
			error: { code: 'duplicate-id', file: 'upload/copy.md', id: 'fever-en', otherFile: 'kb/en/fever.md' }
		});
		expect(await db.kbFiles.get('upload/copy.md')).toBeUndefined();
		expect(store.index.files()).toEqual(['kb/en/fever.md']);
	});

	it('leaves storage and index as they were when the browser refuses the write (nothing half-indexed)', async () => {
		const db = openDatabase();
		const quota = simulateQuota(db, ['kbChunks']);
		const store = await KbStore.open(db, MODEL);
		await store.addFile(input('kb/en/fever.md', FEVER));
		const before = store.index.serialize();
		quota.full = true;
		const error = await store.addFile(input('upload/sleep.md', SLEEP)).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(KbError);
		expect((error as KbError).code).toBe('quota');
		expect(store.index.serialize()).toEqual(before);
		expect(await db.kbFiles.get('upload/sleep.md')).toBeUndefined();
		expect(await db.kbChunks.count()).toBe(1);
		quota.full = false;
		expect(ids(await KbStore.open(db, MODEL), 'sleeping')).toEqual([]);
	});

	it('refuses vectors of the wrong dimension before writing anything', async () => {
		const db = openDatabase();
		const store = await KbStore.open(db, MODEL);
		const bad = { ...input('kb/en/fever.md', FEVER), vectors: [new Float32Array(3)] };
		await expect(store.addFile(bad)).rejects.toMatchObject({ code: 'vector-dimension' });
		expect(await db.kbChunks.count()).toBe(0);
		expect(store.index.size).toBe(0);
	});

	it('adds vectors later, and comes back without vectors under another model', async () => {
		const db = openDatabase();
		const store = await KbStore.open(db, MODEL);
		await store.addFile(input('kb/en/fever.md', FEVER, false));
		await store.addFile(input('upload/sleep.md', SLEEP, false));
		expect(store.missingVectors().map((c) => c.docId)).toEqual(['fever-en', 'sleep-en']);
		const sleep = store.index.chunks().find((c) => c.docId === 'sleep-en');
		expect(await store.setVectors(new Map([[sleep?.id ?? '', fakeVector(sleep?.text ?? '')]]))).toBe(1);
		expect(store.missingVectors().map((c) => c.docId)).toEqual(['fever-en']);
		expect(ids(store, '', fakeVector(sleep?.text ?? ''))).toEqual(['sleep-en']);
		expect(ids(await KbStore.open(db, MODEL), '', fakeVector(sleep?.text ?? ''))).toEqual(['sleep-en']);

		const other = await KbStore.open(db, { id: 'another-model', dimension: 8 });
		expect(other.missingVectors()).toHaveLength(2);
		expect(ids(other, 'sleeping')).toEqual(['sleep-en']);
		const lexicalOnly = await KbStore.open(db, null);
		expect(lexicalOnly.index.model).toBeNull();
		expect(ids(lexicalOnly, 'fever')).toEqual(['fever-en']);
	});

	it('rebuilds when the snapshot is stale (a change it did not see) or damaged', async () => {
		const db = openDatabase();
		const store = await KbStore.open(db, MODEL);
		await store.addFile(input('kb/en/fever.md', FEVER));
		const stale = await db.kbMeta.get('snapshot');
		await store.addFile(input('upload/sleep.md', SLEEP));
		await db.kbMeta.put(stale as { key: string; value: unknown });
		expect(ids(await KbStore.open(db, MODEL), 'sleeping')).toEqual(['sleep-en']);

		const current = (await db.kbMeta.get('snapshot'))?.value as { generation: number; snapshot: object };
		await db.kbMeta.put({
			key: 'snapshot',
			value: { ...current, snapshot: { ...current.snapshot, terms: ['x'] } }
		});
		expect(ids(await KbStore.open(db, MODEL), 'sleeping')).toEqual(['sleep-en']);
	});
});
