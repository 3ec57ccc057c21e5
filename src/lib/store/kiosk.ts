// The kiosk's staff settings and its one patient session in IndexedDB.
//
// A kiosk keeps the CURRENT patient's conversation like personal mode does (so a reload or a closed
// tab mid-answer loses nothing), and this module wipes it: on "finish", after the idle timeout, at
// start when it is stale, and when kiosk mode is turned off (a kiosk session never becomes personal
// history). A conversation belongs to the session when it was created in kiosk mode, and only then:
// it carries the kiosk tag (`Conversation.kiosk`, indexed) from its first write, so a crash right
// after it began leaves nothing unaccounted for. Its times say nothing about membership (an
// imported conversation dated in the future is the patient's own, never the kiosk's). One settings
// row ('kioskSession') keeps the session's start and last activity, no patient text.
//
// Invariants:
// - A wipe is one transaction over conversations, messages, feedback and settings: the session's
//   rows all go, or (on failure) none do and the next start wipes them again.
// - Conversations without the kiosk tag (personal use of the same browser, imports) are never touched.
// - A session whose last activity lies in the future beyond CLOCK_SLACK_MS (the clock went back) is
//   stale: wiped, never shown to the next patient.
// - Settings are validated when read: a damaged row gives the defaults (kiosk off, 120 s).
// Functions reject with a StoreError ('quota', 'unavailable' or 'unknown').
import type { AppDatabase } from './db';
import { guard } from './errors';
import { messagesOf } from './conversations';
import { KIOSK_TAG, type Conversation } from './schema';
import { isAhead } from './clock';

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

/** The current patient's session; no patient text, only times. */
export interface KioskSessionRecord {
	/** When the session started (page load in kiosk mode, or the last wipe). */
	startedAt: number;
	/** Last activity written by the page (throttled); the session's conversations' own times count too. */
	lastActivity: number;
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

/** Rows written before schema version 4 also hold `conversationIds` (read only by its upgrade). */
function parseSession(value: unknown): KioskSessionRecord | null {
	if (!isRecord(value)) return null;
	const { startedAt, lastActivity } = value;
	if (typeof startedAt !== 'number' || typeof lastActivity !== 'number') return null;
	return { startedAt, lastActivity };
}

/** The conversations created in kiosk mode, most recent activity first. */
async function sessionConversations(db: AppDatabase): Promise<Conversation[]> {
	const tagged = await db.conversations.where('kiosk').equals(KIOSK_TAG).toArray();
	return tagged.sort((a, b) => b.updatedAt - a.updatedAt);
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
			const conversations = await sessionConversations(db);
			const lastActivity = Math.max(record.lastActivity, ...conversations.map((c) => c.updatedAt));
			return { record, conversations, lastActivity };
		})
	);
}

/**
 * Stale: nobody touched the kiosk for the whole idle timeout, or the last activity lies in the
 * future beyond the clock's slack (the clock went back: how long the kiosk was idle is unknown). A
 * missing session is stale too.
 */
export function isStale(state: KioskSessionState, now: number, idleMs: number): boolean {
	return state.record === null || now - state.lastActivity >= idleMs || isAhead(state.lastActivity, now);
}

/**
 * Deletes the session's conversations (every conversation with the kiosk tag) with their messages
 * and feedback. With `restart` (default)
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
			// Every tagged conversation goes, also one left by an earlier session that was never wiped.
			const doomed = await sessionConversations(db);
			for (const { id } of doomed) {
				await messagesOf(db, id).delete();
				await db.feedback.where('conversationId').equals(id).delete();
				await db.conversations.delete(id);
			}
			if (restart) {
				const fresh: KioskSessionRecord = { startedAt: now, lastActivity: now };
				await db.settings.put({ key: SESSION_KEY, value: fresh, updatedAt: now });
			} else await db.settings.delete(SESSION_KEY);
			return doomed.length;
		})
	);
}

/** Notes activity at `at`. Starts a session when there is none (its start is then `at`). */
export function touchKioskSession(db: AppDatabase, at: number) {
	return guard(() =>
		db.transaction('rw', db.settings, async () => {
			const record = parseSession((await db.settings.get(SESSION_KEY))?.value) ?? {
				startedAt: at,
				lastActivity: at
			};
			// The later time stays: after the clock went back, the session reads as stale and is wiped.
			const next: KioskSessionRecord = {
				startedAt: record.startedAt,
				lastActivity: Math.max(record.lastActivity, at)
			};
			await db.settings.put({ key: SESSION_KEY, value: next, updatedAt: at });
		})
	);
}
