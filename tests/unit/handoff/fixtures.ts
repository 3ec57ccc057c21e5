// Conversations and messages as the store keeps them, for the handoff tests (plain rows: no Dexie).
import type { Conversation, StoredMessage } from '$lib/store/schema';

export const T0 = Date.UTC(2025, 2, 14, 10, 30);

export function conversation(patch: Partial<Conversation> = {}): Conversation {
	return {
		id: 'c1',
		createdAt: T0,
		updatedAt: T0 + 60_000,
		title: 'Chest pain',
		profile: null,
		flagged: false,
		flags: [],
		messageCount: 0,
		lastSeq: 0,
		preview: '',
		...patch
	};
}

let seq = 0;

export function message(patch: Partial<StoredMessage> & Pick<StoredMessage, 'role' | 'text'>): StoredMessage {
	seq += 1;
	return {
		id: `m${seq}`,
		conversationId: 'c1',
		seq,
		raw: null,
		advisory: null,
		disclaimer: null,
		status: 'done',
		interrupted: false,
		error: null,
		notice: null,
		modelId: null,
		engine: null,
		emergency: [],
		redacted: [],
		citations: [],
		timings: null,
		createdAt: T0 + seq * 1000,
		updatedAt: T0 + seq * 1000,
		...patch
	};
}
