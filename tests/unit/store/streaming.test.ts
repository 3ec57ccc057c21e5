import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { appendMessage, createConversation, getMessage } from '$lib/store/conversations';
import { answerLockName, markInterrupted, StreamingWriter, type AnswerLocks } from '$lib/store/streaming';
import type { AppDatabase } from '$lib/store/db';
import { openDatabase, simulateQuota } from './open';

/** Web Locks as a browser gives them: held until the callback's promise settles. */
class FakeLocks implements AnswerLocks {
	readonly held = new Set<string>();
	request(name: string, callback: () => Promise<void>): Promise<unknown> {
		this.held.add(name);
		return callback().finally(() => this.held.delete(name));
	}
	async query() {
		return { held: [...this.held].map((name) => ({ name })) };
	}
}

async function streamingAnswer(db: AppDatabase) {
	const { id } = await createConversation(db);
	await appendMessage(db, id, { role: 'user', text: 'What helps a sore throat?' });
	return appendMessage(db, id, { role: 'assistant', text: '', raw: '', status: 'streaming' });
}

describe('StreamingWriter', () => {
	// IndexedDB (fake-indexeddb) runs on setImmediate, which stays real; the writer's clock is faked.
	beforeEach(() => {
		vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
	});
	afterEach(() => {
		vi.useRealTimers();
	});

	it('writes the first text at once, then at most every 500 ms, the newest text each time', async () => {
		const db = openDatabase();
		const answer = await streamingAnswer(db);
		const writer = new StreamingWriter(db, answer.id, { locks: null });
		writer.update({ text: 'Warm', raw: 'Warm' });
		await writer.settled();
		expect(writer.writes).toBe(1);
		expect((await getMessage(db, answer.id))?.text).toBe('Warm');

		await vi.advanceTimersByTimeAsync(100);
		writer.update({ text: 'Warm salt', raw: 'Warm salt' });
		await vi.advanceTimersByTimeAsync(100);
		writer.update({ text: 'Warm salt water', raw: 'Warm salt water' });
		await writer.settled();
		expect(writer.writes).toBe(1);
		expect((await getMessage(db, answer.id))?.text).toBe('Warm');

		await vi.advanceTimersByTimeAsync(300);
		await writer.settled();
		expect(writer.writes).toBe(2);
		expect(await getMessage(db, answer.id)).toMatchObject({ text: 'Warm salt water', status: 'streaming' });
	});

	it('never writes more often than the interval however fast tokens come', async () => {
		const db = openDatabase();
		const answer = await streamingAnswer(db);
		const writer = new StreamingWriter(db, answer.id, { locks: null });
		let text = '';
		for (let i = 0; i < 200; i++) {
			text += `token${i} `;
			writer.update({ text, raw: text });
			await vi.advanceTimersByTimeAsync(10);
		}
		await writer.settled();
		// 2 seconds of tokens: the first at once, then one per 500 ms.
		expect(writer.writes).toBeLessThanOrEqual(5);
		expect(writer.writes).toBeGreaterThanOrEqual(4);
	});

	it('always writes the final state on finish, without waiting for the interval', async () => {
		const db = openDatabase();
		const answer = await streamingAnswer(db);
		const writer = new StreamingWriter(db, answer.id, { locks: null });
		writer.update({ text: 'Gargle', raw: 'Gargle' });
		writer.update({ text: 'Gargle with', raw: 'Gargle with' });
		const stored = await writer.finish({
			status: 'done',
			text: 'Gargle with warm salt water.',
			raw: 'Gargle with warm salt water.',
			disclaimer: 'Not medical advice.',
			modelId: 'Qwen3-0.6B-ONNX-q4',
			engine: 'onnx'
		});
		expect(stored).toMatchObject({
			status: 'done',
			text: 'Gargle with warm salt water.',
			engine: 'onnx',
			disclaimer: 'Not medical advice.'
		});
		expect(writer.writes).toBe(2);
		await vi.advanceTimersByTimeAsync(2000);
		writer.update({ text: 'late token', raw: 'late token' });
		await writer.settled();
		expect(writer.writes).toBe(2);
		expect((await getMessage(db, answer.id))?.text).toBe('Gargle with warm salt water.');
	});

	it('keeps the partial text of a stopped answer', async () => {
		const db = openDatabase();
		const answer = await streamingAnswer(db);
		const writer = new StreamingWriter(db, answer.id, { locks: null });
		writer.update({ text: 'Half an', raw: 'Half an' });
		await vi.advanceTimersByTimeAsync(100);
		writer.update({ text: 'Half an answer', raw: 'Half an answer' });
		await writer.finish({ status: 'aborted' });
		expect(await getMessage(db, answer.id)).toMatchObject({
			status: 'aborted',
			text: 'Half an answer',
			interrupted: false
		});
	});

	it('flush writes what is pending now', async () => {
		const db = openDatabase();
		const answer = await streamingAnswer(db);
		const writer = new StreamingWriter(db, answer.id, { locks: null, intervalMs: 60_000 });
		writer.update({ text: 'one', raw: 'one' });
		writer.update({ text: 'one two', raw: 'one two' });
		await writer.flush();
		expect(writer.writes).toBe(2);
		expect((await getMessage(db, answer.id))?.text).toBe('one two');
	});

	it('reports a full disk while streaming and on finish, and keeps what was already stored', async () => {
		const db = openDatabase();
		const quota = simulateQuota(db, ['messages']);
		const answer = await streamingAnswer(db);
		const errors: string[] = [];
		const writer = new StreamingWriter(db, answer.id, { locks: null, onError: (e) => errors.push(e.code) });
		writer.update({ text: 'stored', raw: 'stored' });
		await writer.settled();
		quota.full = true;
		await vi.advanceTimersByTimeAsync(500);
		writer.update({ text: 'stored, not stored', raw: 'stored, not stored' });
		await writer.settled();
		expect(errors).toEqual(['quota']);
		expect((await getMessage(db, answer.id))?.text).toBe('stored');
		await expect(writer.finish({ status: 'done' })).rejects.toMatchObject({
			name: 'StoreError',
			code: 'quota'
		});
		expect((await getMessage(db, answer.id))?.text).toBe('stored');
	});

	it('holds the answer lock while streaming and lets go on finish', async () => {
		const db = openDatabase();
		const locks = new FakeLocks();
		const answer = await streamingAnswer(db);
		const writer = new StreamingWriter(db, answer.id, { locks });
		expect(locks.held.has(answerLockName(answer.id))).toBe(true);
		expect(await markInterrupted(db, { locks })).toBe(0);
		await writer.finish({ status: 'done', text: 'ok', raw: 'ok' });
		await Promise.resolve();
		expect(locks.held.size).toBe(0);
	});
});

describe('markInterrupted', () => {
	it('marks answers a closed tab left streaming as interrupted, keeping their text', async () => {
		const db = openDatabase();
		const answer = await streamingAnswer(db);
		const writer = new StreamingWriter(db, answer.id, { locks: null, intervalMs: 0 });
		writer.update({ text: 'Partial answer', raw: 'Partial answer' });
		await writer.settled();
		// The tab closes here: no finish.
		expect(await markInterrupted(db, { locks: null })).toBe(1);
		expect(await getMessage(db, answer.id)).toMatchObject({
			status: 'aborted',
			interrupted: true,
			text: 'Partial answer'
		});
		expect(await markInterrupted(db, { locks: null })).toBe(0);
	});

	it('leaves alone an answer another open tab is still writing', async () => {
		const db = openDatabase();
		const mine = await streamingAnswer(db);
		const theirs = await streamingAnswer(db);
		const locks = new FakeLocks();
		locks.held.add(answerLockName(theirs.id));
		expect(await markInterrupted(db, { locks })).toBe(1);
		expect((await getMessage(db, mine.id))?.status).toBe('aborted');
		expect((await getMessage(db, theirs.id))?.status).toBe('streaming');
	});

	it('leaves finished answers alone', async () => {
		const db = openDatabase();
		const { id } = await createConversation(db);
		await appendMessage(db, id, { role: 'assistant', text: 'done', status: 'done' });
		await appendMessage(db, id, { role: 'assistant', text: 'failed', status: 'error', error: 'device-lost' });
		expect(await markInterrupted(db, { locks: null })).toBe(0);
	});
});
