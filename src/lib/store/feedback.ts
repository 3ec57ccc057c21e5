// Thumbs up / down on answers, kept on the device, and their CSV export for quality review.
// One vote per answer (a new vote replaces the old); reasons are scrubbed like every other text.
// The CSV follows RFC 4180 (CRLF, a header row, every field quoted, quotes doubled) and is safe to
// open in a spreadsheet (OWASP "CSV Injection"): a formula trigger (= + - @, and their full-width
// forms) is prefixed with ' wherever a spreadsheet could start a cell with it: at the start of the
// field, after leading spaces, and after a ; tab or line break (separators some spreadsheet locales
// and paste-splitting use); a field starting with a tab or carriage return is prefixed too.
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

/** A formula trigger where a cell may start: field start or after ; tab CR LF, past any spaces. */
const FORMULA_TRIGGER = /(^|[;\t\r\n])([ \u00a0\u3000]*)([=+\-@\uff1d\uff0b\uff0d\uff20])/gu;

/** One CSV field: always quoted, formula triggers defused (see the module comment). */
export function csvField(value: string | number | null | undefined): string {
	let text = value === null || value === undefined ? '' : String(value);
	text = text.replace(FORMULA_TRIGGER, "$1$2'$3");
	if (/^[\t\r]/.test(text)) text = `'${text}`;
	return `"${text.replace(/"/g, '""')}"`;
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
			const lines = [FEEDBACK_CSV_COLUMNS.map(csvField).join(',')];
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
