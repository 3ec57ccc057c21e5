import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { DeferredRecorder } from '$lib/chat/deferred-recorder';
import { StoreRecorder } from '$lib/chat/recorder';
import { ChatSession, type Answerer } from '$lib/chat/session.svelte';
import { getMessages, listConversations } from '$lib/store/conversations';
import { openDatabase } from '../store/open';

/** A streaming answerer (a test double): writes the given words one step at a time. */
function steppedAnswererForTests(words: string[]) {
	let next: () => void = () => {};
	const answerer: Answerer = {
		answer: ({ onText }) =>
			new Promise((resolve) => {
				let text = '';
				let i = 0;
				const step = () => {
					if (i === words.length) return resolve({ kind: 'answer', raw: text, status: 'done' });
					text += words[i++];
					onText(text);
					next = step;
				};
				step();
			})
	};
	return { answerer, step: () => next() };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('DeferredRecorder', () => {
	it('stores a question and its answer asked before the store loaded', async () => {
		const { answerer, step } = steppedAnswererForTests(['Rest ', 'and ', 'drink water.']);
		const deferred = new DeferredRecorder();
		const session = new ChatSession(answerer, {}, deferred);
		session.send('I have a cold, phone 13812345678', 'en');
		step();
		await settle();
		expect(deferred.hasPending).toBe(true);

		const db = openDatabase();
		const recorder = new StoreRecorder(db, () => {});
		deferred.attach(recorder);
		step(); // the last word
		step(); // the end
		await settle();
		await recorder.settled();

		const [conversation] = await listConversations(db);
		const stored = await getMessages(db, conversation?.id ?? '');
		expect(stored.map((m) => [m.role, m.text, m.status])).toEqual([
			['user', 'I have a cold, phone [PHONE]', 'done'],
			['assistant', 'Rest and drink water.', 'done']
		]);
		expect(session.busy).toBe(false);
	});

	it('keeps the newest partial text of an answer still streaming when it attaches', async () => {
		const { answerer, step } = steppedAnswererForTests(['one ', 'two ', 'three']);
		const deferred = new DeferredRecorder();
		const session = new ChatSession(answerer, {}, deferred);
		session.send('a question', 'en');
		step();
		await settle();
		const db = openDatabase();
		const recorder = new StoreRecorder(db, () => {});
		deferred.attach(recorder);
		await recorder.settled();
		const [conversation] = await listConversations(db);
		const [, answer] = await getMessages(db, conversation?.id ?? '');
		expect(answer).toMatchObject({ status: 'streaming', text: 'one two' });
		expect(session.messages).toHaveLength(2);
	});

	it('forwards calls straight through once attached, and drops waiting calls on detach', async () => {
		const calls: string[] = [];
		const target = {
			question: (m: { text: string }) => calls.push(`q:${m.text}`),
			answer: () => ({ update: () => calls.push('u'), finish: () => calls.push('f') })
		};
		const deferred = new DeferredRecorder();
		deferred.question({ id: '1', role: 'user', text: 'dropped', redacted: [], emergency: [] });
		deferred.detach();
		expect(deferred.hasPending).toBe(false);
		deferred.attach(target);
		deferred.question({ id: '2', role: 'user', text: 'kept', redacted: [], emergency: [] });
		const record = deferred.answer({ id: '3', role: 'assistant', text: '', redacted: [], emergency: [] });
		record.update('a', 'a');
		expect(calls).toEqual(['q:kept', 'u']);
	});
});
