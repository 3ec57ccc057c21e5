// The staff PIN: stored only as a PBKDF2-SHA-256 hash with a random salt (WebCrypto), never as the
// PIN itself. Verification is constant-time over the derived bytes.
//
// Repeated wrong PINs lock entry for a growing delay (LOCK_AFTER, LOCK_FIRST_MS, LOCK_MAX_MS) so a
// patient cannot guess a 4–8 digit PIN by trying. Invariants:
// - The failure count and the lock end are kept in IndexedDB (settings row 'staffPinLock'), never
//   in memory: a reload, another tab or a new window finds the same lock. Every attempt reads them
//   from storage; an attempt while locked is refused without checking the PIN.
// - An attempt is charged before its PIN is checked: one readwrite transaction reads the PIN and
//   the lock, refuses if locked, and otherwise counts the attempt as a failure (locking when that
//   reaches the threshold). Only a right PIN then clears the count. PBKDF2 cannot run inside an
//   IndexedDB transaction (it would commit while WebCrypto works), so this is how the
//   read-check-write stays atomic: two tabs' attempts are serialised by the transaction and cannot
//   both get the last try, and closing the tab during the check does not undo the charge.
// - A PIN that cannot be read (the database closed by a newer version in another tab, a read
//   error, a damaged row) is an error, never "no PIN": callers must fail closed.
// - `createPin` checks in the same transaction that no PIN exists, so it never replaces one set
//   meanwhile (another tab); only `replacePin`, offered to staff who unlocked, does.
import type { AppDatabase } from './db';
import { guard, StoreError } from './errors';

export interface PinRecord {
	algorithm: 'PBKDF2-SHA-256';
	iterations: number;
	/** base64 */
	salt: string;
	/** base64 of 32 derived bytes */
	hash: string;
}

const KEY = 'staffPin';
const LOCK_KEY = 'staffPinLock';
/** OWASP's 2023 figure for PBKDF2-HMAC-SHA-256. */
export const PIN_ITERATIONS = 600_000;
export const PIN_PATTERN = /^[0-9]{4,8}$/;

const toBase64 = (bytes: Uint8Array): string => btoa(String.fromCharCode(...bytes));
const fromBase64 = (text: string): Uint8Array => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

async function derive(pin: string, salt: Uint8Array, iterations: number): Promise<Uint8Array> {
	const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(pin), 'PBKDF2', false, [
		'deriveBits'
	]);
	const bits = await crypto.subtle.deriveBits(
		{ name: 'PBKDF2', hash: 'SHA-256', salt: salt as BufferSource, iterations },
		key,
		256
	);
	return new Uint8Array(bits);
}

export async function hashPin(pin: string, iterations = PIN_ITERATIONS): Promise<PinRecord> {
	if (!PIN_PATTERN.test(pin)) throw new RangeError('A PIN is 4 to 8 digits.');
	const salt = crypto.getRandomValues(new Uint8Array(16));
	const hash = await derive(pin, salt, iterations);
	return { algorithm: 'PBKDF2-SHA-256', iterations, salt: toBase64(salt), hash: toBase64(hash) };
}

export async function verifyPin(pin: string, record: PinRecord): Promise<boolean> {
	if (!PIN_PATTERN.test(pin)) return false;
	const expected = fromBase64(record.hash);
	const actual = await derive(pin, fromBase64(record.salt), record.iterations);
	let difference = expected.length ^ actual.length;
	for (let i = 0; i < expected.length; i++) difference |= (expected[i] ?? 0) ^ (actual[i] ?? 0);
	return difference === 0;
}

function isPinRecord(value: unknown): value is PinRecord {
	if (typeof value !== 'object' || value === null) return false;
	const r = value as Record<string, unknown>;
	return (
		r.algorithm === 'PBKDF2-SHA-256' &&
		typeof r.iterations === 'number' &&
		r.iterations >= 100_000 &&
		typeof r.salt === 'string' &&
		typeof r.hash === 'string'
	);
}

/** The stored row as a PIN: null when there is none; a row that is not a valid PIN is an error. */
function toPinRecord(row: { value: unknown } | undefined): PinRecord | null {
	if (row === undefined) return null;
	// Fail closed: a damaged or weakened record (e.g. too few iterations) must not read as "no PIN".
	if (!isPinRecord(row.value)) throw new StoreError('unavailable', 'the stored staff PIN is not valid');
	return row.value;
}

/**
 * The stored PIN, or null when none is set. Rejects with StoreError ('unavailable' when the database
 * is closed or the stored record is not valid): a PIN that cannot be read is never "no PIN".
 */
export function readPin(db: AppDatabase): Promise<PinRecord | null> {
	return guard(async () => toPinRecord(await db.settings.get(KEY)));
}

/**
 * Sets the first PIN. 'exists' (and nothing changes) when a PIN is already stored, also one set by
 * another tab since this one looked: the check and the write are one transaction. Rejects with
 * StoreError (quota, unavailable).
 */
export async function createPin(
	db: AppDatabase,
	pin: string,
	iterations = PIN_ITERATIONS
): Promise<'created' | 'exists'> {
	// Hashed before the transaction, which would commit while WebCrypto works.
	const value = await hashPin(pin, iterations);
	return guard(() =>
		db.transaction('rw', db.settings, async () => {
			if ((await db.settings.get(KEY)) !== undefined) return 'exists' as const;
			await db.settings.bulkPut([
				{ key: KEY, value, updatedAt: Date.now() },
				{ key: LOCK_KEY, value: NO_LOCK, updatedAt: Date.now() }
			]);
			return 'created' as const;
		})
	);
}

/** Replaces the PIN (staff who unlocked change it). Rejects with StoreError (quota, unavailable). */
export async function replacePin(db: AppDatabase, pin: string, iterations = PIN_ITERATIONS): Promise<void> {
	const value = await hashPin(pin, iterations);
	await guard(() => db.settings.put({ key: KEY, value, updatedAt: Date.now() }));
}

/** Removes the PIN and its lock state. Rejects with StoreError (unavailable). */
export async function clearPin(db: AppDatabase): Promise<void> {
	await guard(() => db.settings.bulkDelete([KEY, LOCK_KEY]));
}

// Lockout ---------------------------------------------------------------------------------------

/** Wrong PINs allowed before the first lock. */
export const LOCK_AFTER = 5;
/** The first lock (after LOCK_AFTER wrong PINs); each further wrong PIN doubles it… */
export const LOCK_FIRST_MS = 30_000;
/** …up to this. */
export const LOCK_MAX_MS = 60 * 60_000;

/** As stored: wrong attempts in a row, and when entry opens again (epoch ms; 0 = not locked). */
export interface PinLock {
	failures: number;
	lockedUntil: number;
}

const NO_LOCK: PinLock = { failures: 0, lockedUntil: 0 };

/** How long entry locks after `failures` wrong PINs in a row (0 below LOCK_AFTER). */
export function lockDelayMs(failures: number): number {
	if (failures < LOCK_AFTER) return 0;
	// Capped before the power so a huge count cannot overflow to Infinity.
	return Math.min(LOCK_MAX_MS, LOCK_FIRST_MS * 2 ** Math.min(failures - LOCK_AFTER, 30));
}

function toPinLock(value: unknown): PinLock {
	if (typeof value !== 'object' || value === null) return NO_LOCK;
	const { failures, lockedUntil } = value as Record<string, unknown>;
	const count = typeof failures === 'number' && Number.isFinite(failures) && failures > 0 ? failures : 0;
	const until = typeof lockedUntil === 'number' && Number.isFinite(lockedUntil) ? lockedUntil : 0;
	// Only this app writes the row; a damaged one (edited by hand) counts as no failures.
	return { failures: Math.floor(count), lockedUntil: until };
}

/**
 * Milliseconds until entry opens (0 = open). Never more than the delay the count calls for, so a
 * clock set back does not lock staff out for longer.
 */
function remaining(lock: PinLock, now: number): number {
	return Math.max(0, Math.min(lock.lockedUntil - now, lockDelayMs(lock.failures)));
}

/** Milliseconds until a PIN may be tried again (0 = now), as stored. Rejects with StoreError. */
export function pinWaitMs(db: AppDatabase, now: () => number = Date.now): Promise<number> {
	return guard(async () => remaining(toPinLock((await db.settings.get(LOCK_KEY))?.value), now()));
}

export type PinAttempt =
	/** The right PIN: the failure count is cleared. */
	| { outcome: 'unlocked' }
	/** A wrong PIN; `waitMs` > 0 when it locked entry. */
	| { outcome: 'wrong'; waitMs: number }
	/** Refused without checking: entry is locked for `waitMs` more. */
	| { outcome: 'locked'; waitMs: number }
	/** No PIN is set (removed in another tab, maybe). */
	| { outcome: 'no-pin' };

/**
 * One try of `pin` against the stored PIN, with the lock read from and written to storage (see the
 * invariants at the top). Rejects with StoreError (unavailable, quota, unknown): the caller must
 * then stay locked.
 */
export async function attemptPin(
	db: AppDatabase,
	pin: string,
	now: () => number = Date.now
): Promise<PinAttempt> {
	const charged = await guard(() =>
		db.transaction('rw', db.settings, async () => {
			const record = toPinRecord(await db.settings.get(KEY));
			if (record === null) return { outcome: 'no-pin' } as const;
			const lock = toPinLock((await db.settings.get(LOCK_KEY))?.value);
			const at = now();
			const wait = remaining(lock, at);
			if (wait > 0) return { outcome: 'locked', waitMs: wait } as const;
			const failures = lock.failures + 1;
			const delay = lockDelayMs(failures);
			const next: PinLock = { failures, lockedUntil: delay > 0 ? at + delay : 0 };
			await db.settings.put({ key: LOCK_KEY, value: next, updatedAt: at });
			return { outcome: 'charged', record, waitMs: delay } as const;
		})
	);
	if (charged.outcome !== 'charged') return charged;
	if (!(await verifyPin(pin, charged.record))) return { outcome: 'wrong', waitMs: charged.waitMs };
	await guard(() => db.settings.put({ key: LOCK_KEY, value: NO_LOCK, updatedAt: now() }));
	return { outcome: 'unlocked' };
}
