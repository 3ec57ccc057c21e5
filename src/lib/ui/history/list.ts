// The history list as one live query: the newest `limit` conversations and how many there are.
// The page shows PAGE_SIZE more at a time ("show more"); the store hands out at most 500 per call.
import { countConversations, listConversations } from '$lib/store/conversations';
import type { AppDatabase } from '$lib/store/db';
import type { Conversation } from '$lib/store/schema';

export const PAGE_SIZE = 50;
/** Items drawn before the rest of the first page (more than a tall screen shows). */
export const FIRST_SCREEN = 15;
const MAX_PER_CALL = 500;

export interface HistoryPage {
	conversations: Conversation[];
	total: number;
}

/** The newest `limit` conversations and how many there are (for a live query). */
export async function historyPage(db: AppDatabase, limit: number): Promise<HistoryPage> {
	const newest = async () => {
		const conversations: Conversation[] = [];
		for (let offset = 0; offset < limit; offset += MAX_PER_CALL) {
			const part = await listConversations(db, { offset, limit: Math.min(MAX_PER_CALL, limit - offset) });
			conversations.push(...part);
			if (part.length < MAX_PER_CALL) break;
		}
		return conversations;
	};
	const [conversations, total] = await Promise.all([newest(), countConversations(db)]);
	return { conversations, total };
}
