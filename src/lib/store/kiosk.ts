// The kiosk's staff settings and its one patient session in IndexedDB.
//
// A kiosk keeps the CURRENT patient's conversation like personal mode does (so a reload or a closed
// tab mid-answer loses nothing), and this module wipes it: on "finish", after the idle timeout, at
// start when it is stale, and when kiosk mode is turned off (a kiosk session never becomes personal
// history). Which conversations belong to the session is kept in one settings row ('kioskSession'):
// the ids seen so far, and the time the session started, since a conversation created just before a
// crash may not have had its id recorded yet (every conversation created since then is the kiosk's).
//
// Invariants:
// - A wipe is one transaction over conversations, messages, feedback and settings: the session's
//   rows all go, or (on failure) none do and the next start wipes them again.
// - Conversations from before the session (personal use of the same browser) are never touched.
// - Settings are validated when read: a damaged row gives the defaults (kiosk off, 120 s).
// Functions reject with a StoreError ('quota', 'unavailable' or 'unknown').
import type { AppDatabase } from './db';
import { guard } from './errors';
import { messagesOf } from './conversations';
import type { Conversation } from './schema';

export interface KioskSettings {
	/** Staff turned kiosk mode on for this device (`?kiosk=1` can also turn it on; see engine.svelte.ts). */
	enabled: boolean;
	/** Seconds without activity before a patient's session is wiped: 60–600, default 120. */
	idleSeconds: number;
}

export const IDLE_SECONDS = { min: 60, max: 600, default: 120 } as const;
export const DEFAULT_KIOSK_SETTINGS: KioskSettings = { enabled: false, idleSeconds: IDLE_SECONDS.default };

const SETTINGS_KEY = 'kiosk';
const SESSION_KEY = 'kioskSession';

/** The current patient's session; no patient text, only ids and times. */
export interface KioskSessionRecord {
	/** When the session started (page load in kiosk mode, or the last wipe). */
	startedAt: number;
	/** Last activity written by the page (throttled); messages' own times count too. */
	lastActivity: number;
	conversationIds: string[];
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/** Whole seconds within 60–600; anything else (not a number) gives the default 120. */
export function clampIdleSeconds(value: unknown): number {
	if (typeof value !== 'number' || !Number.isFinite(value)) return IDLE_SECONDS.default;
	return Math.min(IDLE_SECONDS.max, Math.max(IDLE_SECONDS.min, Math.round(value)));
}

/** Keeps only what is valid; never throws. */
export function parseKioskSettings(value: unknown): KioskSettings {
	if (!isRecord(value)) return DEFAULT_KIOSK_SETTINGS;
	return { enabled: value.enabled === true, idleSeconds: clampIdleSeconds(value.idleSeconds) };
}

export function readKioskSettings(db: AppDatabase): Promise<KioskSettings> {
	return guard(async () => parseKioskSettings((await db.settings.get(SETTINGS_KEY))?.value));
}

/** Stores validated settings and returns them; on failure the previous value stays. */
export function writeKioskSettings(db: AppDatabase, settings: KioskSettings): Promise<KioskSettings> {
	const clean = parseKioskSettings(settings);
	return guard(async () => {
		await db.settings.put({ key: SETTINGS_KEY, value: clean, updatedAt: Date.now() });
		return clean;
	});
}

function parseSession(value: unknown): KioskSessionRecord | null {
	if (!isRecord(value)) return null;
	const { startedAt, lastActivity, conversationIds } = value;
	if (typeof startedAt !== 'number' || typeof lastActivity !== 'number') return null;
	const ids = Array.isArray(conversationIds)
		? conversationIds.filter((id): id is string => typeof id === 'string')
		: [];
	return { startedAt, lastActivity, conversationIds: ids };
}

async function sessionConversations(db: AppDatabase, record: KioskSessionRecord): Promise<Conversation[]> {
	const listed = (await db.conversations.bulkGet(record.conversationIds)).filter(
		(conversation): conversation is Conversation => conversation !== undefined
	);
	// updatedAt ≥ createdAt, so the index narrows the scan to conversations active since the start.
	const since = await db.conversations
		.where('updatedAt')
		.aboveOrEqual(record.startedAt)
		.filter((conversation) => conversation.createdAt >= record.startedAt)
		.toArray();
	const byId = new Map([...listed, ...since].map((conversation) => [conversation.id, conversation]));
	return [...byId.values()].sort((a, b) => b.updatedAt - a.updatedAt);
}

export interface KioskSessionState {
	record: KioskSessionRecord | null;
	/** The session's conversations, most recent activity first. */
	conversations: Conversation[];
	/** The latest of the recorded activity and the conversations' own changes (answers streaming). */
	lastActivity: number;
}

export function readKioskSession(db: AppDatabase): Promise<KioskSessionState> {
	return guard(() =>
		db.transaction('r', db.settings, db.conversations, async () => {
			const record = parseSession((await db.settings.get(SESSION_KEY))?.value);
			if (!record) return { record: null, conversations: [], lastActivity: 0 };
			const conversations = await sessionConversations(db, record);
			const lastActivity = Math.max(record.lastActivity, ...conversations.map((c) => c.updatedAt));
			return { record, conversations, lastActivity };
		})
	);
}

/** Stale: nobody touched the kiosk for the whole idle timeout (a missing session is stale too). */
export function isStale(state: KioskSessionState, now: number, idleMs: number): boolean {
	return state.record === null || now - state.lastActivity >= idleMs;
}

/**
 * Deletes the session's conversations with their messages and feedback. With `restart` (default)
 * a new, empty session starts at `now`; without it, the session record goes too (kiosk mode off).
 * Returns how many conversations were deleted.
 */
export function wipeKioskSession(
	db: AppDatabase,
	options: { now?: number; restart?: boolean } = {}
): Promise<number> {
	const now = options.now ?? Date.now();
	const restart = options.restart ?? true;
	return guard(() =>
		db.transaction('rw', [db.settings, db.conversations, db.messages, db.feedback], async () => {
			const record = parseSession((await db.settings.get(SESSION_KEY))?.value);
			const doomed = record ? await sessionConversations(db, record) : [];
			for (const { id } of doomed) {
				await messagesOf(db, id).delete();
				await db.feedback.where('conversationId').equals(id).delete();
				await db.conversations.delete(id);
			}
			if (restart) {
				const fresh: KioskSessionRecord = { startedAt: now, lastActivity: now, conversationIds: [] };
				await db.settings.put({ key: SESSION_KEY, value: fresh, updatedAt: now });
			} else await db.settings.delete(SESSION_KEY);
			return doomed.length;
		})
	);
}

/**
 * Notes activity at `at` and, when given, the conversation now on screen. Starts a session when
 * there is none (its start is then `at`).
 */
export function touchKioskSession(db: AppDatabase, at: number, conversationId: string | null = null) {
	return guard(() =>
		db.transaction('rw', db.settings, async () => {
			const record = parseSession((await db.settings.get(SESSION_KEY))?.value) ?? {
				startedAt: at,
				lastActivity: at,
				conversationIds: []
			};
			const ids =
				conversationId === null || record.conversationIds.includes(conversationId)
					? record.conversationIds
					: [...record.conversationIds, conversationId];
			const next: KioskSessionRecord = {
				startedAt: record.startedAt,
				lastActivity: Math.max(record.lastActivity, at),
				conversationIds: ids
			};
			await db.settings.put({ key: SESSION_KEY, value: next, updatedAt: at });
		})
	);
}
