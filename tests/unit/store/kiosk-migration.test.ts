// Schema version 4 (issue 11.3): conversations belong to the kiosk session by a tag, not by their
// times. The upgrade tags the session in progress as version 3 saw it, and nothing else.
import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { readKioskSession, wipeKioskSession } from '$lib/store/kiosk';
import { openDatabase } from './open';

const T0 = Date.parse('2026-12-04T09:00:00Z');

beforeEach(() => {
	vi.useFakeTimers({ toFake: ['Date'] });
	vi.setSystemTime(T0);
});
afterEach(() => {
	vi.useRealTimers();
});

/** The database exactly as version 3 of the app declared it. */
function versionThree(name: string): Dexie {
	const db = new Dexie(name);
	db.version(1).stores({ settings: 'key' });
	db.version(2).stores({
		conversations: 'id, updatedAt',
		messages: 'id, [conversationId+seq], status, *words',
		feedback: 'id, &messageId, conversationId, createdAt'
	});
	db.version(3).stores({ kbFiles: 'file', kbChunks: 'id, file, docId', kbMeta: 'key' });
	return db;
}

const conversation = (id: string, createdAt: number) => ({
	id,
	createdAt,
	updatedAt: createdAt,
	title: id,
	profile: null,
	flagged: false,
	flags: [],
	messageCount: 0,
	lastSeq: 0,
	preview: ''
});

async function seedVersionThree(session: unknown) {
	const name = `kiosk-migration-${Math.random()}`;
	const old = versionThree(name);
	await old
		.table('conversations')
		.bulkAdd([
			conversation('personal', T0 - 86_400_000),
			conversation('recorded', T0 - 3_600_000),
			conversation('unrecorded', T0 - 60_000),
			conversation('imported-future', T0 + 12 * 3_600_000)
		]);
	if (session !== undefined)
		await old.table('settings').add({ key: 'kioskSession', value: session, updatedAt: T0 - 60_000 });
	old.close();
	return name;
}

describe('schema version 4', () => {
	it('tags the kiosk session in progress: recorded ids and conversations since its start, up to now', async () => {
		const name = await seedVersionThree({
			startedAt: T0 - 120_000,
			lastActivity: T0 - 60_000,
			conversationIds: ['recorded']
		});
		const db = openDatabase(name);
		await db.open();
		expect(db.verno).toBe(4);
		expect(db.conversations.schema.indexes.map((index) => index.name).sort()).toEqual(['kiosk', 'updatedAt']);
		const tags = Object.fromEntries((await db.conversations.toArray()).map((c) => [c.id, c.kiosk]));
		expect(tags).toEqual({
			personal: undefined,
			recorded: 1,
			unrecorded: 1,
			'imported-future': undefined
		});
		expect((await readKioskSession(db)).conversations.map((c) => c.id)).toEqual(['unrecorded', 'recorded']);
		expect(await wipeKioskSession(db)).toBe(2);
		expect((await db.conversations.toArray()).map((c) => c.id).sort()).toEqual([
			'imported-future',
			'personal'
		]);
	});

	it('tags nothing when no kiosk session was stored', async () => {
		const db = openDatabase(await seedVersionThree(undefined));
		await db.open();
		expect(await db.conversations.where('kiosk').equals(1).count()).toBe(0);
		expect(await db.conversations.count()).toBe(4);
	});
});
