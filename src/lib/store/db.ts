// The app's IndexedDB database (Dexie). Owns the schema and its versions; repositories in this
// folder read and write through it. Invariant: a schema change is a new `version(n)` with its own
// upgrade, never an edit of an earlier version, so a browser holding an older database upgrades
// without losing anything (tests/unit/store/migration.test.ts opens a full version 1 as version 2).
//
// Versions:
// 1. settings (staff settings, staff PIN hash).
// 2. conversations, messages, feedback (issue 5). Only new tables: no row changes shape, so no
//    upgrade function is needed; settings are carried over untouched.
import Dexie, { type EntityTable } from 'dexie';
import type { Conversation, FeedbackRow, MessageRow } from './schema';

/** One setting: a key and a JSON-compatible value, validated by its repository when read. */
export interface SettingRow {
	key: string;
	value: unknown;
	updatedAt: number;
}

export const DATABASE_NAME = 'health-qa';

export class AppDatabase extends Dexie {
	settings!: EntityTable<SettingRow, 'key'>;
	conversations!: EntityTable<Conversation, 'id'>;
	messages!: EntityTable<MessageRow, 'id'>;
	feedback!: EntityTable<FeedbackRow, 'id'>;

	constructor(name = DATABASE_NAME, options?: ConstructorParameters<typeof Dexie>[1]) {
		super(name, options);
		this.version(1).stores({ settings: 'key' });
		this.version(2).stores({
			// The history list reads newest first by updatedAt.
			conversations: 'id, updatedAt',
			// [conversationId+seq]: one conversation in order (and its deletion); status: the
			// start-up sweep of answers left 'streaming'; *words: search tokens (multiEntry).
			messages: 'id, [conversationId+seq], status, *words',
			// &messageId: one vote per answer; conversationId: deleted with its conversation.
			feedback: 'id, &messageId, conversationId, createdAt'
		});
	}
}

let shared: AppDatabase | null = null;

/** The page's database, opened on first use. */
export function database(): AppDatabase {
	return (shared ??= new AppDatabase());
}

/**
 * Whether an error means the browser refused to store more (quota or disk full), also when Dexie
 * wraps it (`inner`, an aborted transaction) or reports it per item (`failures` of a BulkError).
 */
export function isQuotaError(error: unknown): boolean {
	if (typeof error !== 'object' || error === null) return false;
	const { name, inner, failures } = error as { name?: unknown; inner?: unknown; failures?: unknown };
	if (name === 'QuotaExceededError') return true;
	if (inner !== undefined && inner !== error && isQuotaError(inner)) return true;
	return Array.isArray(failures) && failures.some((failure) => failure !== error && isQuotaError(failure));
}
