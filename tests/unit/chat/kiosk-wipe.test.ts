// A kiosk wipe also drops what the recorder could not write (storage full): the next patient's
// session starts with nothing of the last one in memory, and nothing of it is written later.
import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { KioskSession } from '$lib/chat/kiosk.svelte';
import { StoreRecorder } from '$lib/chat/recorder';
import { ChatSession, type Answerer } from '$lib/chat/session.svelte';
import { listConversations } from '$lib/store/conversations';
import { openDatabase, simulateQuota } from '../store/open';

// Kiosk mode on (the engine controller, which reads it, needs a browser to load).
vi.mock('$lib/engine/engine.svelte', () => ({
	kioskMode: () => true,
	staffKioskMode: () => false,
	setStaffKioskMode: () => {}
}));

const answerer: Answerer = {
	async answer({ onText }) {
		onText('Rest.');
		return { kind: 'answer', raw: 'Rest.', status: 'done' };
	}
};

describe('KioskSession.end', () => {
	it('empties the recorder’s queue of writes that failed, and none of them is written afterwards', async () => {
		const db = openDatabase();
		const quota = simulateQuota(db);
		const recorder = new StoreRecorder(db, () => {}, { retryMs: 10, locks: null, lifecycle: null });
		const kiosk = new KioskSession();
		await kiosk.resume(recorder);
		const session = new ChatSession(answerer, {}, recorder);
		const detach = kiosk.attach(session);
		quota.full = true;
		session.send('My phone is 13812345678 and I have a cough', 'en');
		await new Promise((resolve) => setTimeout(resolve, 0));
		await recorder.settled();
		expect(recorder.waiting).toBe(2);
		expect(recorder.status.unsaved).toHaveLength(2);

		await kiosk.end('finish');
		expect(recorder.waiting).toBe(0);
		expect(recorder.status).toEqual({ error: null, unsaved: [] });
		quota.full = false;
		await new Promise((resolve) => setTimeout(resolve, 50));
		expect(await listConversations(db)).toEqual([]);
		detach();
	});
});
