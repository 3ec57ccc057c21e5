import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import {
	appendMessage,
	createConversation,
	getConversation,
	getMessages,
	renameConversation,
	updateMessage
} from '$lib/store/conversations';
import { StoreError, toStoreError } from '$lib/store/errors';
import { addFeedback } from '$lib/store/feedback';
import { openDatabase, simulateQuota } from './open';

describe('a full disk (QuotaExceededError)', () => {
	it('is a StoreError "quota", and what was stored stays as it was', async () => {
		const db = openDatabase();
		const quota = simulateQuota(db);
		const { id } = await createConversation(db);
		const question = await appendMessage(db, id, { role: 'user', text: 'stored before the disk filled' });
		const answer = await appendMessage(db, id, { role: 'assistant', text: 'stored answer' });
		const before = { conversation: await getConversation(db, id), messages: await getMessages(db, id) };

		quota.full = true;
		const attempts = [
			() => appendMessage(db, id, { role: 'user', text: 'not stored' }),
			() => updateMessage(db, question.id, { text: 'changed' }),
			() => renameConversation(db, id, 'new title'),
			() => createConversation(db),
			() => addFeedback(db, answer.id, 'up')
		];
		for (const attempt of attempts) {
			const error = await attempt().then(
				() => null,
				(e: unknown) => e
			);
			expect(error).toBeInstanceOf(StoreError);
			expect(error).toMatchObject({ code: 'quota' });
		}
		expect({ conversation: await getConversation(db, id), messages: await getMessages(db, id) }).toEqual(
			before
		);
		expect(await db.conversations.count()).toBe(1);
		expect(await db.feedback.count()).toBe(0);
	});

	it('undoes the whole write when only its second half fails (message added, conversation not updated)', async () => {
		const db = openDatabase();
		const quota = simulateQuota(db, ['conversations']);
		const { id } = await createConversation(db);
		quota.full = true;
		await expect(appendMessage(db, id, { role: 'user', text: 'half a write' })).rejects.toMatchObject({
			code: 'quota'
		});
		expect(await db.messages.count()).toBe(0);
		expect((await getConversation(db, id))?.messageCount).toBe(0);
	});
});

describe('toStoreError', () => {
	it('recognises quota errors however Dexie wraps them', () => {
		const quota = new DOMException('full', 'QuotaExceededError');
		expect(toStoreError(quota).code).toBe('quota');
		expect(toStoreError({ name: 'AbortError', inner: quota }).code).toBe('quota');
		expect(toStoreError({ name: 'BulkError', failures: [new Error('x'), quota] }).code).toBe('quota');
		expect(toStoreError({ name: 'DatabaseClosedError', message: 'closed' }).code).toBe('unavailable');
		expect(toStoreError(new TypeError('bug'))).toMatchObject({ code: 'unknown', detail: 'bug' });
		const notFound = new StoreError('not-found', 'x');
		expect(toStoreError(notFound)).toBe(notFound);
	});
});
