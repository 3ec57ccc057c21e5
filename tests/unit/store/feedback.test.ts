import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { appendMessage, createConversation } from '$lib/store/conversations';
import {
	addFeedback,
	csvField,
	feedbackCsv,
	getFeedback,
	listFeedback,
	removeFeedback
} from '$lib/store/feedback';
import type { AppDatabase } from '$lib/store/db';
import { openDatabase } from './open';

afterEach(() => {
	vi.restoreAllMocks();
});

async function answered(db: AppDatabase, question: string, answer: string) {
	const { id } = await createConversation(db);
	await appendMessage(db, id, { role: 'user', text: question });
	return appendMessage(db, id, {
		role: 'assistant',
		text: answer,
		modelId: 'Qwen3-4B-q4f16_1-MLC',
		engine: 'webllm'
	});
}

describe('addFeedback', () => {
	it('keeps one vote per answer, the newest', async () => {
		const db = openDatabase();
		const answer = await answered(db, 'q', 'a');
		const first = await addFeedback(db, answer.id, 'down', '  too vague ');
		const second = await addFeedback(db, answer.id, 'up');
		expect(second.id).toBe(first.id);
		expect(await getFeedback(db, answer.id)).toMatchObject({
			rating: 'up',
			reason: '',
			conversationId: answer.conversationId
		});
		expect(await db.feedback.count()).toBe(1);
		await removeFeedback(db, answer.id);
		expect(await getFeedback(db, answer.id)).toBeUndefined();
	});

	it('refuses a vote on a question or on a message that is gone', async () => {
		const db = openDatabase();
		const { id } = await createConversation(db);
		const question = await appendMessage(db, id, { role: 'user', text: 'q' });
		await expect(addFeedback(db, question.id, 'up')).rejects.toMatchObject({ code: 'not-found' });
		await expect(addFeedback(db, 'gone', 'up')).rejects.toMatchObject({ code: 'not-found' });
		expect(await listFeedback(db)).toEqual([]);
	});
});

describe('csvField', () => {
	it('quotes every field (RFC 4180), doubling quotes', () => {
		expect(csvField('plain')).toBe('"plain"');
		expect(csvField('a, b')).toBe('"a, b"');
		expect(csvField('say "hi"')).toBe('"say ""hi"""');
		expect(csvField('two\nlines')).toBe('"two\nlines"');
		expect(csvField(null)).toBe('""');
		expect(csvField(3)).toBe('"3"');
	});

	it('defuses spreadsheet formulas at the start of the field (OWASP CSV injection)', () => {
		expect(csvField('=1+1')).toBe(`"'=1+1"`);
		expect(csvField('+44 20')).toBe(`"'+44 20"`);
		expect(csvField('-2')).toBe(`"'-2"`);
		expect(csvField('@SUM(A1)')).toBe(`"'@SUM(A1)"`);
		expect(csvField('\tcmd')).toBe(`"'\tcmd"`);
		expect(csvField('\rcmd')).toBe(`"'\rcmd"`);
		expect(csvField('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
	});

	it('defuses formulas after leading spaces and after ; tab or a line break, in any width', () => {
		expect(csvField('  =1+1')).toBe(`"  '=1+1"`);
		expect(csvField('\u3000＝1+1')).toBe(`"\u3000'＝1+1"`);
		expect(csvField('fine;=cmd|"/C calc"!A0')).toBe(`"fine;'=cmd|""/C calc""!A0"`);
		expect(csvField('fine; @SUM(1)')).toBe(`"fine; '@SUM(1)"`);
		expect(csvField('a\t+1')).toBe(`"a\t'+1"`);
		expect(csvField('line one\n-1 dose\r\n=2')).toBe(`"line one\n'-1 dose\r\n'=2"`);
		// A minus or plus inside a sentence starts no cell.
		expect(csvField('BP 120/80 - fine, 2+2')).toBe('"BP 120/80 - fine, 2+2"');
	});
});

describe('feedbackCsv', () => {
	it('has a header row, one line per vote (newest first) with its question and answer', async () => {
		const db = openDatabase();
		const first = await answered(db, '发烧怎么办？', '多喝水，注意休息。');
		const second = await answered(db, 'Is it "bad", doctor?', 'Line one\nline two');
		const clock = vi.spyOn(Date, 'now').mockReturnValue(Date.UTC(2025, 0, 2, 3, 4, 5));
		await addFeedback(db, first.id, 'up');
		clock.mockReturnValue(Date.UTC(2025, 0, 2, 3, 4, 14));
		await addFeedback(db, second.id, 'down', '=cmd|" /C calc"!A0');
		const csv = await feedbackCsv(db);
		const lines = csv.split('\r\n');
		expect(lines[0]).toBe(
			'"created_at","rating","reason","question","answer","model_id","engine","conversation_id","message_id"'
		);
		expect(csv.endsWith('\r\n')).toBe(true);
		expect(csv).toContain(
			`"2025-01-02T03:04:14.000Z","down","'=cmd|"" /C calc""!A0","Is it ""bad"", doctor?","Line one\nline two","Qwen3-4B-q4f16_1-MLC","webllm","${second.conversationId}","${second.id}"`
		);
		expect(csv).toContain(
			`"2025-01-02T03:04:05.000Z","up","","发烧怎么办？","多喝水，注意休息。","Qwen3-4B-q4f16_1-MLC","webllm","${first.conversationId}","${first.id}"`
		);
		expect(csv.indexOf(',"down",')).toBeLessThan(csv.indexOf(',"up",'));
		expect((await feedbackCsv(db, { bom: true })).startsWith('\uFEFF"created_at",')).toBe(true);
	});

	it('is only the header when there is no feedback', async () => {
		expect(await feedbackCsv(openDatabase())).toBe(
			'"created_at","rating","reason","question","answer","model_id","engine","conversation_id","message_id"\r\n'
		);
	});
});
