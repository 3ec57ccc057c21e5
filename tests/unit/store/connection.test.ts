import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { AppDatabase } from '$lib/store/db';
import {
	connectionStatus,
	onConnectionStatus,
	watchConnection,
	type ConnectionStatus
} from '$lib/store/connection';
import { createConversation, listConversations } from '$lib/store/conversations';
import { StoreError } from '$lib/store/errors';
import { openDatabase } from './open';

/** The app's schema plus one more version, as a newer release of the app would open it. */
class NewerRelease extends AppDatabase {
	constructor(name: string) {
		super(name);
		this.version(this.verno + 1).stores({ conversations: 'id, updatedAt, createdAt' });
	}
}
const newerRelease = (name: string) => new NewerRelease(name);

const waitFor = async (check: () => boolean) => {
	for (let i = 0; i < 200 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
	expect(check()).toBe(true);
};

describe('watchConnection', () => {
	it('closes this tab for good when another tab opens a newer schema, and nothing is lost', async () => {
		const db = openDatabase();
		const statuses: ConnectionStatus[] = [];
		watchConnection(db, (status) => statuses.push(status));
		await createConversation(db, { title: 'written before the upgrade' });

		const newer = newerRelease(db.name);
		await newer.open();
		expect(statuses).toEqual(['outdated']);
		expect(newer.verno).toBe(db.verno + 1);
		const rows = await newer.table('conversations').toArray();
		expect(rows.map((row: { title: string }) => row.title)).toEqual(['written before the upgrade']);

		// The older code does not reopen the newer database: its writes are refused, readably.
		const refused = await createConversation(db, { title: 'late' }).catch((error: unknown) => error);
		expect(refused).toBeInstanceOf(StoreError);
		expect((refused as StoreError).code).toBe('unavailable');
		expect(await newer.table('conversations').count()).toBe(1);
		newer.close();
	});

	it('ignores another tab deleting the database (Dexie reopens on next use)', async () => {
		const db = openDatabase();
		const statuses: ConnectionStatus[] = [];
		watchConnection(db, (status) => statuses.push(status));
		await createConversation(db, { title: 'a' });
		await Dexie.delete(db.name);
		expect(statuses).toEqual([]);
		expect(await listConversations(db)).toEqual([]);
	});

	it('reports an upgrade blocked by an older tab, and open again once it lets go', async () => {
		const name = `test-${Math.random().toString(36).slice(2)}`;
		// An older tab holding version 1 that ignores versionchange (as a stuck tab would).
		const older = await new Promise<IDBDatabase>((resolve, reject) => {
			const request = indexedDB.open(name, 10);
			request.onupgradeneeded = () => request.result.createObjectStore('settings', { keyPath: 'key' });
			request.onsuccess = () => resolve(request.result);
			request.onerror = () => reject(request.error);
		});
		const statuses: ConnectionStatus[] = [];
		const db = watchConnection(openDatabase(name), (status) => statuses.push(status));
		const opening = db.open();
		await waitFor(() => statuses.includes('blocked'));
		older.close();
		await opening;
		expect(statuses).toEqual(['blocked', 'open']);
		expect(await listConversations(db)).toEqual([]);
	});

	it('reports to the page’s status by default', async () => {
		const seen: ConnectionStatus[] = [];
		const stop = onConnectionStatus((status) => seen.push(status));
		const db = watchConnection(new AppDatabase(`test-${Math.random().toString(36).slice(2)}`));
		await db.open();
		const newer = newerRelease(db.name);
		await newer.open();
		expect(connectionStatus()).toBe('outdated');
		expect(seen).toEqual(['outdated']);
		stop();
		await newer.delete();
	});
});
