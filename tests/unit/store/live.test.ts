import 'fake-indexeddb/auto';
import { liveQuery } from 'dexie';
import { describe, expect, it } from 'vitest';
import { AppDatabase } from '$lib/store/db';
import { appendMessage, createConversation, getMessages, listConversations } from '$lib/store/conversations';
import { openDatabase } from './open';

/** Resolves when `check` passes on a value the subscription delivered (or fails after 2 s). */
function nextMatching<T>(values: T[], check: (value: T) => boolean): Promise<T> {
	return new Promise((resolve, reject) => {
		const started = Date.now();
		const poll = () => {
			const hit = values.find(check);
			if (hit !== undefined) resolve(hit);
			else if (Date.now() - started > 2000)
				reject(new Error(`no matching value in ${JSON.stringify(values)}`));
			else setTimeout(poll, 5);
		};
		poll();
	});
}

describe('two tabs', () => {
	it('see each other’s writes live (liveQuery), on the same database', async () => {
		const tabA = openDatabase();
		const tabB = new AppDatabase(tabA.name);
		const lists: string[][] = [];
		const subscription = liveQuery(() => listConversations(tabA)).subscribe({
			next: (list) => lists.push(list.map((c) => c.title))
		});
		try {
			await nextMatching(lists, (titles) => titles.length === 0);
			const { id } = await createConversation(tabB, { title: 'from tab B' });
			await nextMatching(lists, (titles) => titles.join() === 'from tab B');
			await appendMessage(tabB, id, { role: 'user', text: 'a question' });
			const messages: number[] = [];
			const messageSubscription = liveQuery(() => getMessages(tabA, id)).subscribe({
				next: (m) => messages.push(m.length)
			});
			await nextMatching(messages, (n) => n === 1);
			await appendMessage(tabB, id, { role: 'assistant', text: 'an answer' });
			await nextMatching(messages, (n) => n === 2);
			messageSubscription.unsubscribe();
		} finally {
			subscription.unsubscribe();
			tabB.close();
		}
	});

	it('never lose a message when both append to one conversation at once', async () => {
		const tabA = openDatabase();
		const tabB = new AppDatabase(tabA.name);
		const { id } = await createConversation(tabA);
		await Promise.all(
			Array.from({ length: 20 }, (_, i) =>
				appendMessage(i % 2 ? tabA : tabB, id, { role: 'user', text: `message ${i}` })
			)
		);
		const messages = await getMessages(tabA, id);
		expect(messages.map((m) => m.seq)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
		expect(new Set(messages.map((m) => m.text)).size).toBe(20);
		expect((await listConversations(tabB))[0]?.messageCount).toBe(20);
		tabB.close();
	});
});
