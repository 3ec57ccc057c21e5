import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { StoreRecorder } from '$lib/chat/recorder';
import { appendMessage, createConversation, getMessages, listConversations } from '$lib/store/conversations';
import type { StoreError } from '$lib/store/errors';
import { openDatabase } from '../store/open';

async function twoConversations() {
	const db = openDatabase();
	const older = await createConversation(db);
	await appendMessage(db, older.id, { role: 'user', text: 'older question' });
	await new Promise((resolve) => setTimeout(resolve, 5));
	const newer = await createConversation(db);
	await appendMessage(db, newer.id, { role: 'user', text: 'newer question' });
	return { db, older, newer };
}

describe('StoreRecorder.resume', () => {
	it('shows the most recent conversation when none is asked for', async () => {
		const { db } = await twoConversations();
		const errors: StoreError[] = [];
		const messages = await new StoreRecorder(db, (e) => errors.push(e)).resume();
		expect(messages.map((m) => m.text)).toEqual(['newer question']);
		expect(errors).toEqual([]);
	});

	it('continues the conversation opened from the history page', async () => {
		const { db, older } = await twoConversations();
		const recorder = new StoreRecorder(db, () => {});
		const messages = await recorder.resume(older.id);
		expect(messages.map((m) => m.text)).toEqual(['older question']);
		recorder.question({ id: 'q2', role: 'user', text: 'a follow-up', redacted: [], emergency: [] });
		await recorder.settled();
		expect((await getMessages(db, older.id)).map((m) => m.text)).toEqual(['older question', 'a follow-up']);
		// Going on with it makes it the most recent.
		expect((await listConversations(db))[0]?.id).toBe(older.id);
	});

	it('starts a new conversation when the one asked for no longer exists', async () => {
		const { db } = await twoConversations();
		const errors: StoreError[] = [];
		const recorder = new StoreRecorder(db, (e) => errors.push(e));
		expect(await recorder.resume('deleted-in-another-tab')).toEqual([]);
		recorder.question({ id: 'q', role: 'user', text: 'a new question', redacted: [], emergency: [] });
		await recorder.settled();
		const list = await listConversations(db);
		expect(list).toHaveLength(3);
		expect(list[0]?.title).toBe('a new question');
		expect(errors).toEqual([]);
	});
});

describe('StoreRecorder in kiosk mode', () => {
	it('tags the conversations it creates as the kiosk session’s; a personal recorder does not', async () => {
		const db = openDatabase();
		const kiosk = new StoreRecorder(db, () => {}, { kiosk: true });
		kiosk.question({ id: 'q', role: 'user', text: 'kiosk question', redacted: [], emergency: [] });
		await kiosk.settled();
		const personal = new StoreRecorder(db, () => {});
		personal.question({ id: 'p', role: 'user', text: 'personal question', redacted: [], emergency: [] });
		await personal.settled();
		const rows = await db.conversations.toArray();
		expect(Object.fromEntries(rows.map((c) => [c.title, c.kiosk]))).toEqual({
			'kiosk question': 1,
			'personal question': undefined
		});
	});
});
