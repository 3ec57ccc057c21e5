// Thumbs up / down on answers, kept on the device, and their CSV export for quality review.
// One vote per answer (a new vote replaces the old); reasons are scrubbed like every other text.
// The CSV follows RFC 4180 (CRLF, a header row, fields with a comma, quote or line break quoted,
// quotes doubled) and is safe to open in a spreadsheet: a cell starting with = + - @ (or a tab or
// carriage return) is prefixed with ' so it is never run as a formula.
import type { AppDatabase } from './db';
import { guard, StoreError } from './errors';
import { newId } from './ids';
import { LIMITS, type FeedbackRow, type Rating } from './schema';
import { scrub } from './scrub';
import Dexie from 'dexie';

/**
 * Records (or replaces) the vote on an assistant message. Rejects with StoreError 'not-found'
 * when the message is gone, 'quota' when storage is full.
 */
export function addFeedback(
	db: AppDatabase,
	messageId: string,
	rating: Rating,
	reason = ''
): Promise<FeedbackRow> {
	const now = Date.now();
	const cleanReason = scrub(reason.trim()).slice(0, LIMITS.reason);
	return guard(() =>
		db.transaction('rw', db.messages, db.feedback, async () => {
			const message = await db.messages.get(messageId);
			if (!message || message.role !== 'assistant') throw new StoreError('not-found', `answer ${messageId}`);
			const existing = await db.feedback.where('messageId').equals(messageId).first();
			const row: FeedbackRow = {
				id: existing?.id ?? newId(now),
				messageId,
				conversationId: message.conversationId,
				rating,
				reason: cleanReason,
				createdAt: now
			};
			await db.feedback.put(row);
			return row;
		})
	);
}

/** Takes back the vote on a message (no error when there is none). */
export function removeFeedback(db: AppDatabase, messageId: string): Promise<void> {
	return guard(async () => {
		await db.feedback.where('messageId').equals(messageId).delete();
	});
}

export function getFeedback(db: AppDatabase, messageId: string): Promise<FeedbackRow | undefined> {
	return guard(() => db.feedback.where('messageId').equals(messageId).first());
}

/** Newest first. */
export function listFeedback(db: AppDatabase): Promise<FeedbackRow[]> {
	return guard(() => db.feedback.orderBy('createdAt').reverse().toArray());
}

const FORMULA_START = /^[=+\-@\t\r]/;

/** One CSV field: formula-safe, quoted when RFC 4180 requires it. */
export function csvField(value: string | number | null | undefined): string {
	let text = value === null || value === undefined ? '' : String(value);
	if (FORMULA_START.test(text)) text = `'${text}`;
	return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const FEEDBACK_CSV_COLUMNS = [
	'created_at',
	'rating',
	'reason',
	'question',
	'answer',
	'model_id',
	'engine',
	'conversation_id',
	'message_id'
] as const;

/**
 * All feedback as CSV, newest first: when, the vote and reason, the question (the nearest earlier
 * patient message) and the answer, both redacted, and which model answered. `bom` prefixes a
 * UTF-8 byte-order mark, which spreadsheet programs need to read Chinese correctly.
 */
export function feedbackCsv(db: AppDatabase, options: { bom?: boolean } = {}): Promise<string> {
	return guard(() =>
		db.transaction('r', db.feedback, db.messages, async () => {
			const rows = await db.feedback.orderBy('createdAt').reverse().toArray();
			const lines = [FEEDBACK_CSV_COLUMNS.join(',')];
			for (const row of rows) {
				const answer = await db.messages.get(row.messageId);
				const question = answer
					? await db.messages
							.where('[conversationId+seq]')
							.between([answer.conversationId, Dexie.minKey], [answer.conversationId, answer.seq])
							.reverse()
							.filter((message) => message.role === 'user')
							.first()
					: undefined;
				lines.push(
					[
						new Date(row.createdAt).toISOString(),
						row.rating,
						row.reason,
						question?.text ?? '',
						answer?.text ?? '',
						answer?.modelId ?? '',
						answer?.engine ?? '',
						row.conversationId,
						row.messageId
					]
						.map(csvField)
						.join(',')
				);
			}
			return `${options.bom ? '\uFEFF' : ''}${lines.join('\r\n')}\r\n`;
		})
	);
}
