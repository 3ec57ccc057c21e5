// The app's IndexedDB database (Dexie). Owns the schema and its versions; repositories in this
// folder read and write through it. Invariant: a schema change is a new `version(n)` with its own
// upgrade, never an edit of an earlier version, so a browser holding an older database upgrades
// without losing anything (tests/unit/store/migration.test.ts opens a full version 1 as version 2;
// tests/unit/retrieval/migration.test.ts a full version 2 as version 3).
//
// Versions:
// 1. settings (staff settings, staff PIN hash).
// 2. conversations, messages, feedback (issue 5). Only new tables: no row changes shape, so no
//    upgrade function is needed; settings are carried over untouched.
// 3. kbFiles, kbChunks, kbMeta (issue 6: the local knowledge base, src/lib/retrieval/persist.ts).
//    Only new tables again: nothing earlier changes, so no upgrade function.
// 4. conversations gain the `kiosk` index (issue 11.3): a conversation belongs to the kiosk session
//    only when it was created in kiosk mode and tagged so (`kiosk: 1`), not because of its times (a
//    conversation imported with a future date joined the session, and Finish deleted it). The
//    upgrade tags the session in progress, as the old rule saw it, so a kiosk tablet updated
//    mid-session still wipes it: the recorded ids, and conversations created between the session's
//    start and the upgrade.
import Dexie, { type EntityTable, type Transaction } from 'dexie';
import { watchConnection } from './connection';
import { KIOSK_TAG, type Conversation, type FeedbackRow, type MessageRow } from './schema';
import type { KbChunk } from '../retrieval/types';

/** One setting: a key and a JSON-compatible value, validated by its repository when read. */
export interface SettingRow {
	key: string;
	value: unknown;
	updatedAt: number;
}

/** A knowledge-base file: builtin (shipped with the app) or uploaded by staff; removed as a whole. */
export interface KbFileRow {
	file: string;
	origin: 'builtin' | 'upload';
	/** Ids of the documents it holds. */
	documents: string[];
	chunks: number;
	addedAt: number;
}

/** A chunk, with its embedding (int8-quantized, see retrieval/vectors.ts) by `model`, if any. */
export interface KbChunkRow extends KbChunk {
	model: string | null;
	vector: Int8Array | null;
	scale: number;
}

/** Knowledge-base bookkeeping: 'generation' (bumped by every change) and 'snapshot' (the index). */
export interface KbMetaRow {
	key: string;
	value: unknown;
}

export const DATABASE_NAME = 'health-qa';

export class AppDatabase extends Dexie {
	settings!: EntityTable<SettingRow, 'key'>;
	conversations!: EntityTable<Conversation, 'id'>;
	messages!: EntityTable<MessageRow, 'id'>;
	feedback!: EntityTable<FeedbackRow, 'id'>;
	kbFiles!: EntityTable<KbFileRow, 'file'>;
	kbChunks!: EntityTable<KbChunkRow, 'id'>;
	kbMeta!: EntityTable<KbMetaRow, 'key'>;

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
		this.version(3).stores({
			kbFiles: 'file',
			// file: a file's chunks (its removal); docId: a document's chunks.
			kbChunks: 'id, file, docId',
			kbMeta: 'key'
		});
		this.version(4)
			.stores({ conversations: 'id, updatedAt, kiosk' })
			.upgrade((tx) => tagKioskSession(tx, Date.now()));
	}
}

/** Version 4's upgrade: the conversations of the kiosk session in progress get the kiosk tag. */
async function tagKioskSession(tx: Transaction, now: number): Promise<void> {
	const value: unknown = (await tx.table<SettingRow, string>('settings').get('kioskSession'))?.value;
	if (typeof value !== 'object' || value === null) return;
	const { startedAt, conversationIds } = value as Record<string, unknown>;
	const ids = new Set(Array.isArray(conversationIds) ? conversationIds : []);
	const since = typeof startedAt === 'number' ? startedAt : Infinity;
	await tx
		.table<Conversation, string>('conversations')
		.toCollection()
		.modify((conversation) => {
			if (ids.has(conversation.id) || (conversation.createdAt >= since && conversation.createdAt <= now))
				conversation.kiosk = KIOSK_TAG;
		});
}

let shared: AppDatabase | null = null;

/**
 * The page's database, opened on first use. When another tab opens a newer version of the app, it
 * closes for good and the page asks to reload (connection.ts).
 */
export function database(): AppDatabase {
	return (shared ??= watchConnection(new AppDatabase()));
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
