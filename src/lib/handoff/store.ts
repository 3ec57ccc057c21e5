// Reads and writes of the staff handoff: the summary of one stored conversation, the conversations
// flagged for staff (by the safety layer or by the patient), and "reviewed" (the flags removed).
// Every function rejects with a StoreError ('not-found' only where said, 'quota', 'unavailable',
// 'unknown'), like the repositories it uses.
import type { AppDatabase } from '../store/db';
import { flagConversation, messagesOf, toStoredMessage, unflagConversation } from '../store/conversations';
import { guard } from '../store/errors';
import type { Conversation } from '../store/schema';
import { buildSummary, latestFlagAt, type ClinicianSummary } from './summary';

/** The summary of a stored conversation, read in one transaction; null when there is no such conversation. */
export function loadSummary(
	db: AppDatabase,
	id: string,
	now: number = Date.now()
): Promise<ClinicianSummary | null> {
	return guard(() =>
		db.transaction('r', db.conversations, db.messages, async () => {
			const conversation = await db.conversations.get(id);
			if (!conversation) return null;
			const rows = await messagesOf(db, id).toArray();
			return buildSummary(conversation, rows.map(toStoredMessage), now);
		})
	);
}

/**
 * Flagged conversations, the most recently flagged first. Staff only, and few conversations are
 * flagged, so a scan of the conversations table (one row each, no messages) is enough: no index.
 */
export function flaggedConversations(db: AppDatabase): Promise<Conversation[]> {
	return guard(async () => {
		const flagged = await db.conversations.filter((conversation) => conversation.flagged).toArray();
		return flagged.sort((a, b) => latestFlagAt(b) - latestFlagAt(a) || b.updatedAt - a.updatedAt);
	});
}

/** The patient asked for staff ("show to staff"). Rejects with 'not-found' for an unknown id. */
export function flagForStaff(db: AppDatabase, id: string): Promise<Conversation> {
	return flagConversation(db, id, { source: 'patient' });
}

/** Staff reviewed the conversation: every flag is removed (what the questions said stays). */
export function markReviewed(db: AppDatabase, id: string): Promise<Conversation> {
	return unflagConversation(db, id);
}
