// Issue 11.7, "nothing lost after storage recovers": what could not be written while storage was
// full waits in memory, in order, and is written once storage works again.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { IncompleteNotes } from '$lib/chat/incomplete';
import { StoreRecorder, type RecorderStatus } from '$lib/chat/recorder';
import { ChatSession, type Answerer, type ChatMessage } from '$lib/chat/session.svelte';
import { getMessages, listConversations } from '$lib/store/conversations';
import type { StoreError } from '$lib/store/errors';
import { openDatabase, simulateQuota } from '../store/open';

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Answers each question with the next scripted text, streamed in two parts (a test double). */
function scripted(...answers: string[]): Answerer {
	return {
		async answer({ onText }) {
			const raw = answers.shift() ?? '';
			onText(raw.slice(0, Math.ceil(raw.length / 2)));
			onText(raw);
			return { kind: 'answer', raw, status: 'done', modelId: 'm' };
		}
	};
}

async function storedConversation(db: ReturnType<typeof openDatabase>) {
	const list = await listConversations(db);
	expect(list).toHaveLength(1);
	return getMessages(db, list[0]?.id ?? '');
}

const question = (id: string, text: string): ChatMessage => ({
	id,
	role: 'user',
	text,
	redacted: [],
	emergency: []
});

/** A recorder on a database whose writes can be refused, with what it reported. */
function setup(options: { retryMs?: number; lifecycle?: EventTarget; notes?: IncompleteNotes } = {}) {
	const db = openDatabase();
	const quota = simulateQuota(db);
	const errors: StoreError[] = [];
	const statuses: RecorderStatus[] = [];
	const recorder = new StoreRecorder(db, (error) => errors.push(error), {
		onStatus: (status) => statuses.push(status),
		retryMs: options.retryMs ?? 60_000,
		intervalMs: 0,
		locks: null,
		lifecycle: options.lifecycle ?? null,
		notes: options.notes ?? null
	});
	return { db, quota, errors, statuses, recorder };
}

afterEach(() => {
	vi.useRealTimers();
});

describe('StoreRecorder after a write failed (storage full)', () => {
	it('writes the question and answer that failed, then the next ones, all in order, once storage works again', async () => {
		const { db, quota, errors, recorder } = setup();
		const session = new ChatSession(
			scripted('Rest and fluids.', 'Warm drinks.', 'Paracetamol.'),
			{},
			recorder
		);
		session.send('I have a cold', 'en');
		await settle();
		await recorder.settled();
		quota.full = true;
		session.send('What helps a sore throat?', 'en');
		await settle();
		await recorder.settled();
		expect(errors.map((e) => e.code)).toContain('quota');
		expect((await storedConversation(db)).map((m) => m.text)).toEqual(['I have a cold', 'Rest and fluids.']);

		quota.full = false;
		session.send('And for a fever?', 'en');
		await settle();
		await recorder.settled();

		const stored = await storedConversation(db);
		expect(stored.map((m) => [m.role, m.text, m.status, m.seq])).toEqual([
			['user', 'I have a cold', 'done', 1],
			['assistant', 'Rest and fluids.', 'done', 2],
			['user', 'What helps a sore throat?', 'done', 3],
			['assistant', 'Warm drinks.', 'done', 4],
			['user', 'And for a fever?', 'done', 5],
			['assistant', 'Paracetamol.', 'done', 6]
		]);
		expect(stored.map((m) => m.text)).toEqual(session.messages.map((m) => m.text));
		expect(recorder.waiting).toBe(0);
	});

	it('keeps a conversation that could not even be created, with its profile, and writes it later', async () => {
		const { db, quota, recorder } = setup();
		const session = new ChatSession(scripted('Rest.'), {}, recorder);
		quota.full = true;
		session.setProfile({ medicalHistory: 'asthma' }, 'en');
		session.send('Is it a cold?', 'en');
		await settle();
		await recorder.settled();
		expect(await listConversations(db)).toEqual([]);
		quota.full = false;
		await recorder.settled();
		const [conversation] = await listConversations(db);
		expect(conversation).toMatchObject({ title: 'Is it a cold?', messageCount: 2 });
		expect(conversation?.profile).toMatchObject({ medicalHistory: 'asthma' });
		expect((await storedConversation(db)).map((m) => m.text)).toEqual(['Is it a cold?', 'Rest.']);
	});

	it('coalesces the writes of one message: an answer streamed while storage was full is stored once, in its final state', async () => {
		const { db, quota, recorder } = setup();
		recorder.question(question('q1', 'A question'));
		await recorder.settled();
		quota.full = true;
		const record = recorder.answer({
			id: 'a1',
			role: 'assistant',
			text: '',
			redacted: [],
			emergency: [],
			status: 'streaming'
		});
		for (const text of ['One', 'One two', 'One two three']) record.update(text, text);
		record.finish({
			id: 'a1',
			role: 'assistant',
			text: 'One two three.',
			raw: 'One two three.',
			redacted: [],
			emergency: [],
			status: 'done'
		});
		await recorder.settled();
		// One entry for the answer, however often it changed.
		expect(recorder.waiting).toBe(1);
		expect(recorder.status.unsaved).toEqual(['a1']);
		quota.full = false;
		await recorder.settled();
		const stored = await storedConversation(db);
		expect(stored.map((m) => [m.text, m.status])).toEqual([
			['A question', 'done'],
			['One two three.', 'done']
		]);
	});

	it('tries again on a timer, with backoff, without any new write asked for', async () => {
		const { db, quota, recorder } = setup({ retryMs: 20 });
		quota.full = true;
		recorder.question(question('q1', 'asked while full'));
		await recorder.settled();
		await wait(30); // the first retry (after 20 ms) fails too; the next waits 40 ms
		quota.full = false;
		await vi.waitFor(async () => expect(await listConversations(db)).toHaveLength(1), { timeout: 2_000 });
		expect((await storedConversation(db)).map((m) => m.text)).toEqual(['asked while full']);
		expect(recorder.waiting).toBe(0);
	});

	it('tries again when the page is hidden or closed (visibilitychange, pagehide)', async () => {
		const lifecycle = new EventTarget();
		const { db, quota, recorder } = setup({ lifecycle });
		quota.full = true;
		recorder.question(question('q1', 'asked while full'));
		await recorder.settled();
		quota.full = false;
		lifecycle.dispatchEvent(new Event('pagehide'));
		await vi.waitFor(async () => expect(await listConversations(db)).toHaveLength(1), { timeout: 2_000 });
		quota.full = true;
		recorder.question(question('q2', 'asked while full again'));
		await recorder.settled();
		quota.full = false;
		lifecycle.dispatchEvent(new Event('visibilitychange'));
		await vi.waitFor(async () => expect(await storedConversation(db)).toHaveLength(2), { timeout: 2_000 });
	});
});

describe('StoreRecorder status (the "not being saved" banner)', () => {
	it('names the messages not saved while storage is full, and is clear after the first write that succeeds', async () => {
		const { quota, statuses, recorder } = setup();
		recorder.question(question('q1', 'saved'));
		await recorder.settled();
		expect(recorder.status).toEqual({ error: null, unsaved: [] });
		quota.full = true;
		recorder.question(question('q2', 'not saved yet'));
		await recorder.settled();
		expect(recorder.status.error?.code).toBe('quota');
		expect(recorder.status.unsaved).toEqual(['q2']);
		expect(statuses.at(-1)).toMatchObject({ error: { code: 'quota' }, unsaved: ['q2'] });
		recorder.question(question('q3', 'not saved either'));
		await recorder.settled();
		expect(statuses.at(-1)).toMatchObject({ unsaved: ['q2', 'q3'] });

		quota.full = false;
		recorder.question(question('q4', 'saved again'));
		await recorder.settled();
		expect(recorder.status).toEqual({ error: null, unsaved: [] });
		expect(statuses.at(-1)).toEqual({ error: null, unsaved: [] });
	});
});

/** Notes kept in memory, as localStorage keeps them across page loads. */
function memoryNotes(): IncompleteNotes & { ids: Set<string> } {
	const notes = {
		ids: new Set<string>(),
		read: () => new Set(notes.ids),
		write: (ids: ReadonlySet<string>) => void (notes.ids = new Set(ids))
	};
	return notes;
}

describe('StoreRecorder notes of conversations still owed writes', () => {
	it('notes the conversation while its messages wait, and forgets it once they are written', async () => {
		const notes = memoryNotes();
		const { db, quota, recorder } = setup({ notes });
		recorder.question(question('q1', 'saved'));
		await recorder.settled();
		expect(notes.ids).toEqual(new Set());
		quota.full = true;
		recorder.question(question('q2', 'not saved yet'));
		await recorder.settled();
		const [conversation] = await listConversations(db);
		expect(notes.ids).toEqual(new Set([conversation?.id]));
		quota.full = false;
		await recorder.settled();
		expect(notes.ids).toEqual(new Set());
	});

	it('marks the conversation incomplete on the next load when the page closed before the writes landed', async () => {
		const notes = memoryNotes();
		const { db, quota, recorder } = setup({ notes });
		recorder.question(question('q1', 'saved'));
		await recorder.settled();
		quota.full = true;
		recorder.question(question('q2', 'lost when the tab closed'));
		await recorder.settled();
		// The tab closes: that recorder is gone. The next page load:
		quota.full = false;
		const next = new StoreRecorder(db, () => {}, { locks: null, lifecycle: null, notes });
		expect((await next.resume()).map((m) => m.text)).toEqual(['saved']);
		expect(next.incomplete).toBe(true);
		// It stays marked, also once this page writes on in it.
		next.question(question('q3', 'a new question'));
		await next.settled();
		expect(next.incomplete).toBe(true);
		expect(notes.ids.size).toBe(1);
		next.discard();
		expect(notes.ids.size).toBe(0);
	});
});

describe('StoreRecorder.retire (the patient left the chat page)', () => {
	it('still writes what waits, then stops', async () => {
		const { db, quota, recorder } = setup();
		quota.full = true;
		recorder.question(question('q1', 'asked while full'));
		await recorder.settled();
		recorder.retire();
		expect(recorder.waiting).toBe(1);
		quota.full = false;
		await recorder.settled();
		expect((await storedConversation(db)).map((m) => m.text)).toEqual(['asked while full']);
		recorder.question(question('q2', 'after it stopped'));
		await recorder.settled();
		expect(await storedConversation(db)).toHaveLength(1);
	});
});

describe('StoreRecorder.discard (a kiosk wipe)', () => {
	it('empties the queue: nothing the patient said stays in memory or is written later', async () => {
		const { db, quota, recorder } = setup({ retryMs: 10 });
		quota.full = true;
		recorder.question(question('q1', 'the first patient’s question'));
		await recorder.settled();
		expect(recorder.waiting).toBe(1);
		recorder.discard();
		expect(recorder.waiting).toBe(0);
		expect(recorder.status).toEqual({ error: null, unsaved: [] });
		quota.full = false;
		recorder.question(question('q2', 'after the wipe'));
		await wait(50);
		await recorder.settled();
		expect(await listConversations(db)).toEqual([]);
	});
});
