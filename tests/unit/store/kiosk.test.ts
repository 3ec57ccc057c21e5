import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { appendMessage, createConversation, getMessages, listConversations } from '$lib/store/conversations';
import type { AppDatabase } from '$lib/store/db';
import { addFeedback, listFeedback } from '$lib/store/feedback';
import {
	clampIdleSeconds,
	DEFAULT_KIOSK_SETTINGS,
	isStale,
	parseKioskSettings,
	readKioskSession,
	readKioskSettings,
	touchKioskSession,
	wipeKioskSession,
	writeKioskSettings
} from '$lib/store/kiosk';
import { writeSafetySettings } from '$lib/store/settings';
import { importConversationJson } from '$lib/store/transfer';
import { openDatabase, simulateQuota } from './open';

const T0 = Date.parse('2025-03-14T09:00:00Z');

beforeEach(() => {
	// Only the clock: fake-indexeddb needs real timers.
	vi.useFakeTimers({ toFake: ['Date'] });
	vi.setSystemTime(T0);
});
afterEach(() => {
	vi.useRealTimers();
});

/** A conversation with a question, an answer and a vote on it, created at `at` (in kiosk mode by default). */
async function conversationAt(db: AppDatabase, at: number, question: string, kiosk = true) {
	vi.setSystemTime(at);
	const conversation = await createConversation(db, { kiosk });
	await appendMessage(db, conversation.id, { role: 'user', text: question });
	const answer = await appendMessage(db, conversation.id, { role: 'assistant', text: `About ${question}` });
	await addFeedback(db, answer.id, 'up', 'clear');
	return conversation;
}

describe('parseKioskSettings', () => {
	it('keeps valid settings', () => {
		expect(parseKioskSettings({ enabled: true, idleSeconds: 300 })).toEqual({
			enabled: true,
			idleSeconds: 300
		});
	});

	it('gives the defaults (off, 120 s) for anything damaged', () => {
		expect(DEFAULT_KIOSK_SETTINGS).toEqual({ enabled: false, idleSeconds: 120 });
		expect(parseKioskSettings(null)).toEqual(DEFAULT_KIOSK_SETTINGS);
		expect(parseKioskSettings('kiosk')).toEqual(DEFAULT_KIOSK_SETTINGS);
		expect(parseKioskSettings({ enabled: 'yes', idleSeconds: 'soon' })).toEqual(DEFAULT_KIOSK_SETTINGS);
	});
});

describe('clampIdleSeconds', () => {
	it('keeps the timeout within 60–600 whole seconds', () => {
		expect(clampIdleSeconds(10)).toBe(60);
		expect(clampIdleSeconds(90.4)).toBe(90);
		expect(clampIdleSeconds(3600)).toBe(600);
		expect(clampIdleSeconds(Number.NaN)).toBe(120);
		expect(clampIdleSeconds(undefined)).toBe(120);
	});
});

describe('readKioskSettings / writeKioskSettings', () => {
	it('start from the defaults and round-trip, clamped', async () => {
		const db = openDatabase();
		expect(await readKioskSettings(db)).toEqual(DEFAULT_KIOSK_SETTINGS);
		expect(await writeKioskSettings(db, { enabled: true, idleSeconds: 5 })).toEqual({
			enabled: true,
			idleSeconds: 60
		});
		expect(await readKioskSettings(db)).toEqual({ enabled: true, idleSeconds: 60 });
	});

	it('leave the previous value when the disk is full', async () => {
		const db = openDatabase();
		const disk = simulateQuota(db, ['settings']);
		await writeKioskSettings(db, { enabled: true, idleSeconds: 200 });
		disk.full = true;
		await expect(writeKioskSettings(db, { enabled: false, idleSeconds: 60 })).rejects.toMatchObject({
			name: 'StoreError',
			code: 'quota'
		});
		disk.full = false;
		expect(await readKioskSettings(db)).toEqual({ enabled: true, idleSeconds: 200 });
	});
});

describe('wipeKioskSession', () => {
	it('deletes the session’s conversations, messages and feedback, and nothing from before it', async () => {
		const db = openDatabase();
		const personal = await conversationAt(db, T0 - 60_000, 'my own earlier question', false);
		await writeSafetySettings(db, { extraTerms: {}, region: 'GB', contacts: {} });
		vi.setSystemTime(T0);
		await wipeKioskSession(db); // the kiosk session starts
		const patient = await conversationAt(db, T0 + 1_000, 'the patient’s question');
		await touchKioskSession(db, T0 + 2_000);

		expect(await wipeKioskSession(db, { now: T0 + 5_000 })).toBe(1);

		expect((await listConversations(db)).map((c) => c.id)).toEqual([personal.id]);
		expect(await getMessages(db, patient.id)).toEqual([]);
		expect((await getMessages(db, personal.id)).map((m) => m.text)).toEqual([
			'my own earlier question',
			'About my own earlier question'
		]);
		expect((await listFeedback(db)).map((f) => f.conversationId)).toEqual([personal.id]);
		expect(JSON.stringify(await db.messages.toArray())).not.toContain('patient');
		expect((await db.settings.get('safety'))?.value).toMatchObject({ region: 'GB' });
		// A new, empty session starts.
		expect(await readKioskSession(db)).toEqual({
			record: { startedAt: T0 + 5_000, lastActivity: T0 + 5_000 },
			conversations: [],
			lastActivity: T0 + 5_000
		});
	});

	it('also deletes a kiosk conversation no activity was noted for (a crash right after it began)', async () => {
		const db = openDatabase();
		await wipeKioskSession(db);
		await conversationAt(db, T0 + 1_000, 'unrecorded question');
		expect(await wipeKioskSession(db)).toBe(1);
		expect(await db.conversations.count()).toBe(0);
		expect(await db.messages.count()).toBe(0);
		expect(await db.feedback.count()).toBe(0);
	});

	it('also deletes a kiosk conversation older than the session start (a clock set back)', async () => {
		const db = openDatabase();
		vi.setSystemTime(T0);
		await wipeKioskSession(db);
		await conversationAt(db, T0 - 3_600_000, 'question while the clock was wrong');
		await touchKioskSession(db, T0 + 1_000);
		expect(await wipeKioskSession(db)).toBe(1);
		expect(await db.conversations.count()).toBe(0);
	});

	it('also deletes kiosk conversations of an earlier session that was never wiped', async () => {
		const db = openDatabase();
		await conversationAt(db, T0 - 86_400_000, 'yesterday’s patient');
		await db.settings.delete('kioskSession');
		vi.setSystemTime(T0);
		expect(await wipeKioskSession(db)).toBe(1);
		expect(await db.conversations.count()).toBe(0);
	});

	it('never deletes an imported conversation, even one dated after the session start (issue 11.3)', async () => {
		const db = openDatabase();
		await wipeKioskSession(db, { now: T0 });
		const at = T0 + 10 * 3_600_000;
		const file = {
			format: 'health-qa-conversation',
			version: 1,
			exportedAt: new Date(at).toISOString(),
			conversation: { title: 'Mine', createdAt: at, updatedAt: at, profile: null, flags: [] },
			messages: []
		};
		const imported = await importConversationJson(db, JSON.stringify(file));
		if (!imported.ok) throw new Error(imported.detail);
		const patient = await conversationAt(db, T0 + 1_000, 'the patient’s question');

		const state = await readKioskSession(db);
		expect(state.conversations.map((c) => c.id)).toEqual([patient.id]);
		expect(state.lastActivity).toBe(T0 + 1_000);
		expect(await wipeKioskSession(db)).toBe(1);
		expect((await listConversations(db)).map((c) => c.id)).toEqual([imported.conversationId]);
	});

	it('without restart, ends the session altogether', async () => {
		const db = openDatabase();
		await wipeKioskSession(db);
		await conversationAt(db, T0 + 1_000, 'question');
		await wipeKioskSession(db, { restart: false });
		expect(await db.conversations.count()).toBe(0);
		expect((await readKioskSession(db)).record).toBeNull();
	});

	it('with no session, deletes nothing', async () => {
		const db = openDatabase();
		await conversationAt(db, T0, 'personal question', false);
		expect(await wipeKioskSession(db, { restart: false })).toBe(0);
		expect(await db.conversations.count()).toBe(1);
	});

	it('changes nothing when the disk refuses the transaction', async () => {
		const db = openDatabase();
		const disk = simulateQuota(db, ['settings']);
		await wipeKioskSession(db);
		await conversationAt(db, T0 + 1_000, 'question');
		disk.full = true;
		await expect(wipeKioskSession(db)).rejects.toMatchObject({ code: 'quota' });
		disk.full = false;
		expect(await db.conversations.count()).toBe(1);
		expect(await db.messages.count()).toBe(2);
	});
});

describe('touchKioskSession', () => {
	it('records the latest activity, and starts a session when there is none', async () => {
		const db = openDatabase();
		await touchKioskSession(db, T0);
		await touchKioskSession(db, T0 + 4_000);
		await touchKioskSession(db, T0 + 9_000);
		await touchKioskSession(db, T0 + 2_000);
		expect((await readKioskSession(db)).record).toEqual({ startedAt: T0, lastActivity: T0 + 9_000 });
	});
});

describe('readKioskSession / isStale', () => {
	it('counts the conversation’s own changes (an answer streaming) as activity', async () => {
		const db = openDatabase();
		await wipeKioskSession(db, { now: T0 });
		const conversation = await conversationAt(db, T0 + 30_000, 'question');
		const state = await readKioskSession(db);
		expect(state.conversations.map((c) => c.id)).toEqual([conversation.id]);
		expect(state.lastActivity).toBe(T0 + 30_000);
		expect(isStale(state, T0 + 30_000 + 119_999, 120_000)).toBe(false);
		expect(isStale(state, T0 + 30_000 + 120_000, 120_000)).toBe(true);
	});

	it('takes a last activity more than 5 minutes ahead of the clock (it went back) as stale', async () => {
		const db = openDatabase();
		await wipeKioskSession(db, { now: T0 });
		await conversationAt(db, T0 + 3_600_000, 'the previous patient, before the clock was set back');
		await touchKioskSession(db, T0 + 3_600_000);
		vi.setSystemTime(T0 + 60_000);
		const state = await readKioskSession(db);
		expect(state.lastActivity).toBe(T0 + 3_600_000);
		expect(isStale(state, T0 + 60_000, 120_000)).toBe(true);
		// A small drift is no jump.
		const drift = { ...state, lastActivity: T0 + 60_000 + 5 * 60_000 };
		expect(isStale(drift, T0 + 60_000, 120_000)).toBe(false);
		expect(isStale({ ...drift, lastActivity: drift.lastActivity + 1 }, T0 + 60_000, 120_000)).toBe(true);
	});

	it('takes a missing session as stale', async () => {
		const db = openDatabase();
		const state = await readKioskSession(db);
		expect(state).toEqual({ record: null, conversations: [], lastActivity: 0 });
		expect(isStale(state, T0, 120_000)).toBe(true);
	});

	it('ignores a damaged session row', async () => {
		const db = openDatabase();
		await db.settings.put({ key: 'kioskSession', value: { startedAt: 'yesterday' }, updatedAt: T0 });
		expect((await readKioskSession(db)).record).toBeNull();
	});
});
