import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { StoreRecorder } from '$lib/chat/recorder';
import { ChatSession, type Answerer } from '$lib/chat/session.svelte';
import { flaggedConversations, flagForStaff, loadSummary, markReviewed } from '$lib/handoff/store';
import { appendMessage, createConversation, getConversation } from '$lib/store/conversations';
import { openDatabase } from '../store/open';

afterEach(() => {
	vi.restoreAllMocks();
});

/** Date.now() steps by one second per call, so orderings are unambiguous. */
function steppingClock(start = 1_700_000_000_000) {
	let now = start;
	vi.spyOn(Date, 'now').mockImplementation(() => (now += 1000));
}

/** An answerer (a test double) that answers at once with a fixed text. */
const fixedAnswerer: Answerer = {
	async answer({ onText }) {
		onText('Call the emergency number now.');
		return { kind: 'answer', raw: 'Call the emergency number now.', status: 'done', modelId: 'fake-model' };
	}
};

describe('a question with an emergency', () => {
	it('flags its conversation for the safety layer as it is recorded, with the categories', async () => {
		const db = openDatabase();
		const recorder = new StoreRecorder(db, (error) => {
			throw error;
		});
		const session = new ChatSession(fixedAnswerer, {}, recorder);
		expect(await recorder.currentConversation()).toBeNull();
		session.send('My dad has crushing chest pain going down his left arm', 'en');
		session.continueAfterAlert();
		await vi.waitFor(() => expect(session.busy).toBe(false));
		const id = await recorder.currentConversation();
		expect(id).toEqual(expect.any(String));
		const stored = await getConversation(db, id ?? '');
		expect(stored?.flagged).toBe(true);
		expect(stored?.flags).toEqual([
			{ source: 'safety', categories: ['cardiac'], note: '', at: expect.any(Number) }
		]);
		const summary = await loadSummary(db, id ?? '');
		expect(summary?.emergency).toEqual(['cardiac']);
		expect(summary?.turns.map((turn) => [turn.question, turn.answer?.text])).toEqual([
			['My dad has crushing chest pain going down his left arm', 'Call the emergency number now.']
		]);
	});
});

describe('StoreRecorder.currentConversation', () => {
	it('is the conversation the questions went into, and null again after "new conversation"', async () => {
		const db = openDatabase();
		const recorder = new StoreRecorder(db, (error) => {
			throw error;
		});
		const session = new ChatSession(fixedAnswerer, {}, recorder);
		session.send('a runny nose for two days', 'en');
		await vi.waitFor(() => expect(session.busy).toBe(false));
		const first = await recorder.currentConversation();
		expect((await loadSummary(db, first ?? ''))?.turns.map((turn) => turn.question)).toEqual([
			'a runny nose for two days'
		]);
		session.clear();
		recorder.startNew();
		expect(await recorder.currentConversation()).toBeNull();
		session.send('a sore knee', 'en');
		const second = await recorder.currentConversation();
		expect(second).not.toBe(first);
		expect((await loadSummary(db, second ?? ''))?.turns[0]?.question).toBe('a sore knee');
		await vi.waitFor(() => expect(session.busy).toBe(false));
		await recorder.settled();
	});
});

describe('flagForStaff and flaggedConversations', () => {
	it('lists flagged conversations, the most recently flagged first, and leaves out the rest', async () => {
		steppingClock();
		const db = openDatabase();
		const quiet = await createConversation(db, { title: 'quiet' });
		await appendMessage(db, quiet.id, { role: 'user', text: 'a runny nose' });
		const urgent = await createConversation(db, { title: 'urgent' });
		await appendMessage(db, urgent.id, { role: 'user', text: 'chest pain', emergency: ['cardiac'] });
		const asked = await createConversation(db, { title: 'asked' });
		await appendMessage(db, asked.id, { role: 'user', text: 'my knee' });
		await flagForStaff(db, asked.id);
		expect((await flaggedConversations(db)).map((c) => c.title)).toEqual(['asked', 'urgent']);
		// The patient of the emergency asks for staff too: that conversation moves up.
		await flagForStaff(db, urgent.id);
		const list = await flaggedConversations(db);
		expect(list.map((c) => [c.title, c.flags.map((f) => f.source)])).toEqual([
			['urgent', ['safety', 'patient']],
			['asked', ['patient']]
		]);
	});

	it('refuses an unknown conversation', async () => {
		const db = openDatabase();
		await expect(flagForStaff(db, 'nope')).rejects.toMatchObject({ name: 'StoreError', code: 'not-found' });
	});
});

describe('markReviewed', () => {
	it('removes every flag, and the summary still shows what the safety layer recognised', async () => {
		const db = openDatabase();
		const chat = await createConversation(db);
		await appendMessage(db, chat.id, { role: 'user', text: 'I cannot breathe', emergency: ['breathing'] });
		await flagForStaff(db, chat.id);
		const reviewed = await markReviewed(db, chat.id);
		expect(reviewed).toMatchObject({ flagged: false, flags: [] });
		expect(await flaggedConversations(db)).toEqual([]);
		const summary = await loadSummary(db, chat.id);
		expect(summary).toMatchObject({ flags: [], emergency: ['breathing'] });
	});
});

describe('loadSummary', () => {
	it('is null for a conversation that is not stored', async () => {
		expect(await loadSummary(openDatabase(), 'gone')).toBeNull();
	});
});
