import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
	appendMessage,
	countConversations,
	createConversation,
	deleteAllConversations,
	deleteConversation,
	flagConversation,
	getConversation,
	getMessages,
	listConversations,
	renameConversation,
	setProfile,
	unflagConversation,
	updateMessage
} from '$lib/store/conversations';
import { StoreError } from '$lib/store/errors';
import { addFeedback } from '$lib/store/feedback';
import { openDatabase } from './open';

afterEach(() => {
	vi.restoreAllMocks();
});

/** Date.now() steps by one second per call, so orderings are unambiguous. */
function steppingClock(start = 1_700_000_000_000) {
	let now = start;
	vi.spyOn(Date, 'now').mockImplementation(() => (now += 1000));
}

describe('createConversation', () => {
	it('starts untitled and empty, with a time-ordered id', async () => {
		const db = openDatabase();
		const a = await createConversation(db);
		const b = await createConversation(db, { title: '  Knee pain  ' });
		expect(a).toMatchObject({
			title: '',
			profile: null,
			flagged: false,
			flags: [],
			messageCount: 0,
			lastSeq: 0,
			preview: ''
		});
		expect(b.title).toBe('Knee pain');
		expect(b.id > a.id).toBe(true);
		expect(await getConversation(db, b.id)).toEqual(b);
	});
});

describe('appendMessage', () => {
	it('numbers messages, names the conversation after the first question and keeps a preview', async () => {
		const db = openDatabase();
		const { id } = await createConversation(db);
		const question = await appendMessage(db, id, {
			role: 'user',
			text: '孩子发烧38.5度\n已经两天了',
			emergency: [],
			redacted: []
		});
		const answer = await appendMessage(db, id, { role: 'assistant', text: '', raw: '', status: 'streaming' });
		expect(question).toMatchObject({
			seq: 1,
			role: 'user',
			status: 'done',
			conversationId: id,
			interrupted: false
		});
		expect(answer).toMatchObject({ seq: 2, status: 'streaming', text: '' });
		expect(question).not.toHaveProperty('words');
		const conversation = await getConversation(db, id);
		// An empty streaming answer does not replace the question as the preview.
		expect(conversation).toMatchObject({
			title: '孩子发烧38.5度',
			messageCount: 2,
			lastSeq: 2,
			preview: '孩子发烧38.5度 已经两天了'
		});
	});

	it('accepts a chat-session message as it is', async () => {
		const db = openDatabase();
		const { id } = await createConversation(db);
		const chatMessage = {
			id: 'session-id',
			role: 'assistant' as const,
			text: 'Rest and drink water.',
			raw: '<think></think>Rest and drink water.',
			redacted: [],
			emergency: [],
			advisory: null,
			disclaimer: 'This is not medical advice.',
			status: 'done' as const,
			modelId: 'Qwen3-4B-q4f16_1-MLC',
			waiting: false
		};
		const stored = await appendMessage(db, id, chatMessage);
		expect(stored.id).not.toBe('session-id');
		expect(stored).toMatchObject({
			text: 'Rest and drink water.',
			disclaimer: 'This is not medical advice.',
			modelId: 'Qwen3-4B-q4f16_1-MLC',
			engine: null
		});
		expect(stored).not.toHaveProperty('waiting');
	});

	it('flags the conversation when a question is an emergency', async () => {
		const db = openDatabase();
		const { id } = await createConversation(db);
		await appendMessage(db, id, { role: 'user', text: 'crushing chest pain', emergency: ['cardiac'] });
		await appendMessage(db, id, {
			role: 'user',
			text: 'and I cannot breathe',
			emergency: ['breathing', 'cardiac']
		});
		const conversation = await getConversation(db, id);
		expect(conversation?.flagged).toBe(true);
		expect(conversation?.flags).toEqual([
			{ source: 'safety', categories: ['cardiac', 'breathing'], note: '', at: expect.any(Number) }
		]);
	});

	it('refuses a message for a conversation that does not exist', async () => {
		const db = openDatabase();
		await expect(appendMessage(db, 'nope', { role: 'user', text: 'hi' })).rejects.toEqual(
			new StoreError('not-found', 'conversation nope')
		);
		expect(await db.messages.count()).toBe(0);
	});
});

describe('updateMessage', () => {
	it('changes the message and, for the newest one, the preview and the activity time', async () => {
		steppingClock();
		const db = openDatabase();
		const { id } = await createConversation(db);
		await appendMessage(db, id, { role: 'user', text: 'Headache?' });
		const answer = await appendMessage(db, id, { role: 'assistant', text: '', status: 'streaming' });
		const before = await getConversation(db, id);
		const updated = await updateMessage(db, answer.id, {
			text: 'Drink water and rest.',
			raw: 'Drink water and rest.',
			status: 'done',
			modelId: 'm'
		});
		expect(updated).toMatchObject({
			text: 'Drink water and rest.',
			status: 'done',
			modelId: 'm',
			seq: 2,
			role: 'assistant'
		});
		expect(updated.updatedAt).toBeGreaterThan(answer.updatedAt);
		const after = await getConversation(db, id);
		expect(after?.preview).toBe('Drink water and rest.');
		expect(after?.updatedAt).toBeGreaterThan(before?.updatedAt ?? Infinity);
		expect((await db.messages.get(answer.id))?.words).toEqual(['drink', 'water', 'and', 'rest']);
	});

	it('refuses an unknown message', async () => {
		const db = openDatabase();
		await expect(updateMessage(db, 'missing', { text: 'x' })).rejects.toMatchObject({
			name: 'StoreError',
			code: 'not-found'
		});
	});
});

describe('listConversations', () => {
	it('lists newest activity first, with counts and previews, in pages', async () => {
		steppingClock();
		const db = openDatabase();
		const first = await createConversation(db);
		const second = await createConversation(db);
		const third = await createConversation(db);
		await appendMessage(db, first.id, { role: 'user', text: 'oldest, but answered last' });
		const list = await listConversations(db);
		expect(list.map((c) => c.id)).toEqual([first.id, third.id, second.id]);
		expect(list[0]).toMatchObject({ messageCount: 1, preview: 'oldest, but answered last' });
		expect((await listConversations(db, { limit: 1, offset: 1 })).map((c) => c.id)).toEqual([third.id]);
		expect(await countConversations(db)).toBe(3);
	});

	it('does not move a conversation up when it is only renamed', async () => {
		steppingClock();
		const db = openDatabase();
		const a = await createConversation(db);
		const b = await createConversation(db);
		await renameConversation(db, a.id, 'Renamed');
		expect((await listConversations(db)).map((c) => c.id)).toEqual([b.id, a.id]);
	});
});

describe('renameConversation', () => {
	it('trims to one line and refuses an unknown conversation', async () => {
		const db = openDatabase();
		const { id } = await createConversation(db);
		expect((await renameConversation(db, id, '  Back\npain  ')).title).toBe('Back pain');
		expect((await getConversation(db, id))?.title).toBe('Back pain');
		await expect(renameConversation(db, 'gone', 'x')).rejects.toMatchObject({ code: 'not-found' });
	});
});

describe('setProfile', () => {
	it('keeps a cleaned profile, and null when blank', async () => {
		const db = openDatabase();
		const { id } = await createConversation(db);
		const withProfile = await setProfile(db, id, {
			chiefComplaint: ' 咳嗽两周 ',
			medicalHistory: 'asthma',
			ageGroup: 'child'
		});
		expect(withProfile.profile).toEqual({
			chiefComplaint: '咳嗽两周',
			medicalHistory: 'asthma',
			ageGroup: 'child'
		});
		const invalidAge = await setProfile(db, id, { chiefComplaint: 'x', ageGroup: 'ancient' as never });
		expect(invalidAge.profile).toEqual({ chiefComplaint: 'x', medicalHistory: '', ageGroup: null });
		expect((await setProfile(db, id, { chiefComplaint: '  ' })).profile).toBeNull();
		expect((await setProfile(db, id, null)).profile).toBeNull();
	});
});

describe('flagConversation', () => {
	it('adds and removes the patient flag beside the safety flag', async () => {
		const db = openDatabase();
		const { id } = await createConversation(db);
		await flagConversation(db, id, { source: 'safety', categories: ['stroke'] });
		const flagged = await flagConversation(db, id, { source: 'patient', note: 'please review' });
		expect(flagged.flags.map((f) => [f.source, f.note, f.categories])).toEqual([
			['safety', '', ['stroke']],
			['patient', 'please review', []]
		]);
		const patientOnlyRemoved = await unflagConversation(db, id, 'patient');
		expect(patientOnlyRemoved.flags.map((f) => f.source)).toEqual(['safety']);
		expect(patientOnlyRemoved.flagged).toBe(true);
		expect((await unflagConversation(db, id)).flagged).toBe(false);
	});
});

describe('deleteConversation', () => {
	it('removes the conversation with its messages and feedback, and nothing else', async () => {
		const db = openDatabase();
		const keep = await createConversation(db);
		const drop = await createConversation(db);
		for (const conversation of [keep, drop]) {
			await appendMessage(db, conversation.id, { role: 'user', text: 'question' });
			const answer = await appendMessage(db, conversation.id, { role: 'assistant', text: 'answer' });
			await addFeedback(db, answer.id, 'up');
		}
		await deleteConversation(db, drop.id);
		expect(await getConversation(db, drop.id)).toBeUndefined();
		expect(await getMessages(db, drop.id)).toEqual([]);
		expect(await db.messages.count()).toBe(2);
		expect(await db.feedback.toArray()).toEqual([expect.objectContaining({ conversationId: keep.id })]);
		await expect(deleteConversation(db, drop.id)).resolves.toBeUndefined();
	});
});

describe('deleteAllConversations', () => {
	it('empties the history and keeps the settings', async () => {
		const db = openDatabase();
		await db.settings.put({ key: 'safety', value: {}, updatedAt: 1 });
		const { id } = await createConversation(db);
		const answer = await appendMessage(db, id, { role: 'assistant', text: 'a' });
		await addFeedback(db, answer.id, 'down', 'wrong');
		await deleteAllConversations(db);
		expect([await db.conversations.count(), await db.messages.count(), await db.feedback.count()]).toEqual([
			0, 0, 0
		]);
		expect(await db.settings.count()).toBe(1);
	});
});

describe('getMessages', () => {
	it('returns one conversation in order, without the search tokens', async () => {
		const db = openDatabase();
		const a = await createConversation(db);
		const b = await createConversation(db);
		for (let i = 1; i <= 12; i++)
			await appendMessage(db, i % 2 ? a.id : b.id, {
				role: i % 4 < 2 ? 'user' : 'assistant',
				text: `message ${i}`
			});
		const messages = await getMessages(db, a.id);
		expect(messages.map((m) => [m.seq, m.text])).toEqual(
			[1, 3, 5, 7, 9, 11].map((n, i) => [i + 1, `message ${n}`])
		);
		expect(messages.every((m) => !('words' in m))).toBe(true);
	});
});
