import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { describe, expect, it, vi } from 'vitest';
import type { SettingRow } from '$lib/store/db';
import { appendMessage, createConversation, getMessages, listConversations } from '$lib/store/conversations';
import { searchMessages } from '$lib/store/search';
import { readSafetySettings } from '$lib/store/settings';
import { readPin } from '$lib/store/pin';
import { openDatabase } from './open';

/** The database as version 1 of the app declared it. */
function versionOne(name: string): Dexie & { settings: Dexie.Table<SettingRow, string> } {
	const db = new Dexie(name) as Dexie & { settings: Dexie.Table<SettingRow, string> };
	db.version(1).stores({ settings: 'key' });
	return db;
}

function seedRows(): SettingRow[] {
	const rows: SettingRow[] = [
		{
			key: 'safety',
			value: {
				extraTerms: { poisoning: ['吃了老鼠药', 'ate the rat bait'] },
				region: 'GB',
				contacts: { GB: { emergency: { number: '999', label: { 'zh-CN': '急救', en: 'Emergency' } } } }
			},
			updatedAt: 1_700_000_000_000
		},
		{
			key: 'staffPin',
			value: { algorithm: 'PBKDF2-SHA-256', iterations: 600_000, salt: 'c2FsdA==', hash: 'aGFzaA==' },
			updatedAt: 1_700_000_000_001
		}
	];
	for (let i = 0; i < 300; i++) {
		rows.push({
			key: `extra-${String(i).padStart(3, '0')}`,
			value: { n: i, text: `设置 ${i} ✓ "quoted"`, nested: [i, { deep: [true, null, i / 7] }] },
			updatedAt: 1_700_000_000_100 + i
		});
	}
	return rows;
}

describe('schema version 2', () => {
	it('opens a full version-1 database and loses nothing', async () => {
		const name = `migration-${Math.random()}`;
		const old = versionOne(name);
		const rows = seedRows();
		await old.settings.bulkAdd(rows);
		old.close();

		const db = openDatabase(name);
		await db.open();
		// Opened by today’s schema (version 3 added the knowledge-base tables, tests/unit/retrieval/migration.test.ts;
		// version 4 the kiosk index, tests/unit/store/kiosk-migration.test.ts).
		expect(db.verno).toBe(4);
		const kept = await db.settings.orderBy('key').toArray();
		expect(kept).toEqual([...rows].sort((a, b) => (a.key < b.key ? -1 : 1)));
		expect((await readSafetySettings(db)).extraTerms.poisoning).toEqual(['吃了老鼠药', 'ate the rat bait']);
		expect((await readPin(db))?.iterations).toBe(600_000);
		expect([...db.backendDB().objectStoreNames].sort()).toEqual([
			'conversations',
			'feedback',
			'kbChunks',
			'kbFiles',
			'kbMeta',
			'messages',
			'settings'
		]);

		// The new tables work at once.
		const conversation = await createConversation(db);
		await appendMessage(db, conversation.id, { role: 'user', text: '升级后还能搜索吗 search works' });
		expect(await getMessages(db, conversation.id)).toHaveLength(1);
		expect((await listConversations(db))[0]?.title).toBe('升级后还能搜索吗 search works');
		expect(await searchMessages(db, '搜索 works')).toHaveLength(1);
	});

	it('upgrades while a tab on the old version is still open (the old tab lets go)', async () => {
		const name = `migration-${Math.random()}`;
		const old = versionOne(name);
		await old.settings.put({ key: 'safety', value: { region: 'CN' }, updatedAt: 1 });
		const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
		const db = openDatabase(name);
		await db.open();
		expect(old.isOpen()).toBe(false);
		expect(warn).toHaveBeenCalledWith(expect.stringContaining('Another connection wants to upgrade'));
		warn.mockRestore();
		expect(await db.settings.get('safety')).toEqual({ key: 'safety', value: { region: 'CN' }, updatedAt: 1 });
	});

	it('creates an empty version 2 from nothing', async () => {
		const db = openDatabase();
		await db.open();
		expect(db.verno).toBe(4);
		expect(await db.conversations.count()).toBe(0);
		expect(db.messages.schema.indexes.map((index) => index.name).sort()).toEqual([
			'[conversationId+seq]',
			'status',
			'words'
		]);
		expect(db.messages.schema.idxByName.words?.multi).toBe(true);
	});
});
