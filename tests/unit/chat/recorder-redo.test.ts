import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { StoreRecorder } from '$lib/chat/recorder';
import { ChatSession, type Answerer } from '$lib/chat/session.svelte';
import { getMessages, listConversations } from '$lib/store/conversations';
import { listFeedback } from '$lib/store/feedback';
import { markInterrupted } from '$lib/store/streaming';
import type { StoreError } from '$lib/store/errors';
import { openDatabase } from '../store/open';

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

/** Answers with the next scripted raw text (a test double for the engine). */
function scripted(...answers: Array<{ raw: string; status?: 'done' | 'aborted' }>): Answerer {
	return {
		async answer({ onText }) {
			const next = answers.shift() ?? { raw: '' };
			onText(next.raw);
			return { kind: 'answer', raw: next.raw, status: next.status ?? 'done', modelId: 'm' };
		}
	};
}

/** A conversation whose answer was cut off by a reload, as the next page load finds it. */
async function afterReload(...answers: Array<{ raw: string; status?: 'done' | 'aborted' }>) {
	const db = openDatabase();
	const errors: StoreError[] = [];
	const first = new StoreRecorder(db, (e) => errors.push(e));
	const before = new ChatSession(scripted({ raw: 'Take ibupro', status: 'aborted' }), {}, first);
	before.send('What helps a headache?', 'en');
	await settle();
	await first.settled();
	// The tab closed while the answer streamed: it is still 'streaming' in the store.
	const [stored] = (await getMessages(db, (await listConversations(db))[0]?.id ?? '')).slice(1);
	await db.messages.update(stored?.id ?? '', { status: 'streaming' });
	await markInterrupted(db, { locks: null });

	const recorder = new StoreRecorder(db, (e) => errors.push(e));
	const session = new ChatSession(scripted(...answers), {}, recorder);
	session.restore(await recorder.resume(), recorder.conversationProfile);
	return { db, recorder, session, errors };
}

async function stored(db: ReturnType<typeof openDatabase>) {
	const [conversation] = await listConversations(db);
	return getMessages(db, conversation?.id ?? '');
}

describe('StoreRecorder.reopen', () => {
	it('continue: the interrupted answer goes on in the same stored message', async () => {
		const { db, recorder, session, errors } = await afterReload({ raw: 'fen with food.' });
		const answer = session.messages[1];
		expect(answer).toMatchObject({ interrupted: true, status: 'aborted' });
		session.continueAnswer(answer?.id ?? '', 'en');
		await settle();
		await recorder.settled();
		const messages = await stored(db);
		expect(messages).toHaveLength(2);
		expect(messages[1]).toMatchObject({
			id: answer?.id,
			raw: 'Take ibuprofen with food.',
			status: 'done',
			interrupted: false
		});
		expect(errors).toEqual([]);
	});

	it('regenerate: the new answer replaces the old one in the store, and its feedback goes', async () => {
		const { db, recorder, session, errors } = await afterReload({ raw: 'Rest and drink water.' });
		const old = session.messages[1];
		await recorder.feedback(old?.id ?? '', 'down', 'cut off');
		expect(await listFeedback(db)).toHaveLength(1);
		session.regenerate(old?.id ?? '', 'en');
		await settle();
		await recorder.settled();
		const messages = await stored(db);
		expect(messages.map((m) => m.raw ?? m.text)).toEqual(['What helps a headache?', 'Rest and drink water.']);
		expect(messages[1]).toMatchObject({ status: 'done', interrupted: false });
		expect(JSON.stringify(messages)).not.toContain('ibupro');
		expect(await listFeedback(db)).toEqual([]);
		// Feedback on the new answer is kept against the same stored message.
		await recorder.feedback(session.messages[1]?.id ?? '', 'up');
		expect((await listFeedback(db))[0]?.messageId).toBe(messages[1]?.id);
		expect(errors).toEqual([]);
	});
});

describe('StoreRecorder.profile', () => {
	it('keeps a profile given before the first question with the conversation, redacted', async () => {
		const db = openDatabase();
		const recorder = new StoreRecorder(db, () => {});
		const session = new ChatSession(scripted({ raw: 'Rest.' }), {}, recorder);
		session.setProfile({ chiefComplaint: 'cough; my phone is 13812345678', ageGroup: 'child' }, 'en');
		await recorder.settled();
		expect(await listConversations(db)).toEqual([]);
		session.send('What helps?', 'en');
		await settle();
		await recorder.settled();
		const [conversation] = await listConversations(db);
		expect(conversation?.profile).toMatchObject({ medicalHistory: '', ageGroup: 'child' });
		expect(conversation?.profile?.chiefComplaint).toMatch(/^cough; my phone is /);
		expect(JSON.stringify(conversation)).not.toContain('13812345678');
	});

	it('changes the profile of the conversation being recorded, comes back after a reload, and a new conversation starts without it', async () => {
		const db = openDatabase();
		const recorder = new StoreRecorder(db, () => {});
		const session = new ChatSession(scripted({ raw: 'Rest.' }, { raw: 'Fluids.' }), {}, recorder);
		session.send('What helps?', 'en');
		await settle();
		session.setProfile({ medicalHistory: 'asthma' }, 'en');
		await recorder.settled();
		expect((await listConversations(db))[0]?.profile).toMatchObject({ medicalHistory: 'asthma' });

		const reloaded = new StoreRecorder(db, () => {});
		await reloaded.resume();
		expect(reloaded.conversationProfile).toMatchObject({ medicalHistory: 'asthma' });

		session.clear();
		recorder.startNew();
		session.send('Another question', 'en');
		await settle();
		await recorder.settled();
		const [newest] = await listConversations(db);
		expect(newest?.title).toBe('Another question');
		expect(newest?.profile).toBeNull();
	});
});
