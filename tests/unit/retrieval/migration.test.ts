import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { chunkDocument } from '$lib/retrieval/chunk';
import { KbStore } from '$lib/retrieval/persist';
import { searchMessages } from '$lib/store/search';
import { openDatabase } from '../store/open';

/** The database exactly as version 2 of the app declared it. */
function versionTwo(name: string): Dexie {
	const db = new Dexie(name);
	db.version(1).stores({ settings: 'key' });
	db.version(2).stores({
		conversations: 'id, updatedAt',
		messages: 'id, [conversationId+seq], status, *words',
		feedback: 'id, &messageId, conversationId, createdAt'
	});
	return db;
}

function seed() {
	const settings = [
		{ key: 'safety', value: { region: 'CN', extraTerms: { poisoning: ['吃了老鼠药'] } }, updatedAt: 1 },
		{
			key: 'staffPin',
			value: { algorithm: 'PBKDF2-SHA-256', iterations: 600_000, salt: 'c2FsdA==', hash: 'aGFzaA==' },
			updatedAt: 2
		}
	];
	const conversations = Array.from({ length: 50 }, (_, i) => ({
		id: `c${String(i).padStart(3, '0')}`,
		title: `对话 ${i} conversation`,
		createdAt: 1_700_000_000_000 + i,
		updatedAt: 1_700_000_000_000 + i * 10,
		profile: null,
		flags: []
	}));
	const messages = conversations.flatMap((c, ci) =>
		Array.from({ length: 20 }, (_, seq) => ({
			id: `${c.id}-m${seq}`,
			conversationId: c.id,
			seq,
			role: seq % 2 === 0 ? 'user' : 'assistant',
			text: seq % 2 === 0 ? `孩子发烧 ${ci} fever question` : `answer ${seq} 多喝水`,
			status: 'done',
			words:
				seq % 2 === 0
					? ['孩子', '子发', '发烧', '烧', 'fever', 'question']
					: ['answer', '多喝', '喝水', '水'],
			createdAt: c.createdAt + seq
		}))
	);
	const feedback = conversations.slice(0, 10).map((c, i) => ({
		id: `f${i}`,
		messageId: `${c.id}-m1`,
		conversationId: c.id,
		vote: i % 2 === 0 ? 'up' : 'down',
		reason: null,
		createdAt: c.createdAt + 100
	}));
	return { settings, conversations, messages, feedback };
}

describe('schema version 3', () => {
	it('opens a full version-2 database, loses nothing, and the knowledge-base tables work at once', async () => {
		const name = `kb-migration-${Math.random()}`;
		const old = versionTwo(name);
		const data = seed();
		await old.table('settings').bulkAdd(data.settings);
		await old.table('conversations').bulkAdd(data.conversations);
		await old.table('messages').bulkAdd(data.messages);
		await old.table('feedback').bulkAdd(data.feedback);
		old.close();

		const db = openDatabase(name);
		await db.open();
		expect(db.verno).toBe(4);
		expect([...db.backendDB().objectStoreNames].sort()).toEqual([
			'conversations',
			'feedback',
			'kbChunks',
			'kbFiles',
			'kbMeta',
			'messages',
			'settings'
		]);
		expect(await db.settings.orderBy('key').toArray()).toEqual(data.settings);
		expect(await db.table('conversations').orderBy('id').toArray()).toEqual(data.conversations);
		expect(await db.table('messages').orderBy('id').toArray()).toEqual(
			[...data.messages].sort((a, b) => (a.id < b.id ? -1 : 1))
		);
		expect(await db.table('feedback').orderBy('id').toArray()).toEqual(data.feedback);
		const found = await searchMessages(db, '发烧 fever', { limit: 20 });
		expect(found).toHaveLength(20);

		const store = await KbStore.open(db, null);
		const chunks = chunkDocument({
			id: 'fever-zh',
			title: '发烧',
			lang: 'zh-CN',
			source: 'Test',
			updated: '2026-01-01',
			body: '体温达到38°C就是发热。',
			file: 'kb/zh/fever.md'
		});
		expect(await store.addFile({ file: 'kb/zh/fever.md', documents: [], chunks })).toEqual({ chunks: 1 });
		expect(db.kbChunks.schema.indexes.map((index) => index.name).sort()).toEqual(['docId', 'file']);
		expect(store.index.search('发热')[0]?.chunk.docId).toBe('fever-zh');
	});
});
