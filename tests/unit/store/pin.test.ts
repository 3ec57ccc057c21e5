import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppDatabase } from '$lib/store/db';
import { watchConnection } from '$lib/store/connection';
import { StoreError } from '$lib/store/errors';
import {
	attemptPin,
	clearPin,
	createPin,
	hashPin,
	lockDelayMs,
	pinWaitMs,
	readPin,
	replacePin,
	verifyPin,
	type PinAttempt
} from '$lib/store/pin';
import { openDatabase } from './open';

// Fewer iterations than the app's 600,000 keep the test quick; the algorithm is the same. FAST is
// below what readPin accepts (100,000), so it is only for hashing; STORED is the least it accepts.
const FAST = 1_000;
const STORED = 100_000;

const connections: AppDatabase[] = [];
/** A second connection to the same database, as another tab or the page after a reload opens it. */
function reopen(db: AppDatabase): AppDatabase {
	const other = new AppDatabase(db.name);
	connections.push(other);
	return other;
}

/** The app's schema plus one more version, as a newer release of the app would open it. */
class NewerRelease extends AppDatabase {
	constructor(name: string) {
		super(name);
		this.version(this.verno + 1).stores({ conversations: 'id, updatedAt, createdAt' });
	}
}

/** A clock the test moves. */
function clock(start = 1_000_000) {
	const state = { now: start };
	return { state, now: () => state.now };
}

const rejection = (promise: Promise<unknown>) =>
	promise.then(
		() => null,
		(error: unknown) => error
	);

afterEach(() => {
	vi.restoreAllMocks();
	// Before open.ts deletes the database (hooks run last-registered first).
	for (const db of connections.splice(0)) db.close();
});

describe('hashPin', () => {
	it('stores a salted PBKDF2 hash, never the PIN', async () => {
		const a = await hashPin('482913', FAST);
		const b = await hashPin('482913', FAST);
		expect(a.algorithm).toBe('PBKDF2-SHA-256');
		expect(JSON.stringify(a)).not.toContain('482913');
		expect(a.salt).not.toBe(b.salt);
		expect(a.hash).not.toBe(b.hash);
		expect(atob(a.hash)).toHaveLength(32);
	});

	it('refuses to hash something that is not 4 to 8 digits', async () => {
		await expect(hashPin('123', FAST)).rejects.toThrow(RangeError);
		await expect(hashPin('123456789', FAST)).rejects.toThrow(RangeError);
		await expect(hashPin('12a4', FAST)).rejects.toThrow(RangeError);
	});
});

describe('verifyPin', () => {
	it('verifies the right PIN and refuses a wrong or malformed one', async () => {
		const record = await hashPin('2468', FAST);
		expect(await verifyPin('2468', record)).toBe(true);
		expect(await verifyPin('2469', record)).toBe(false);
		expect(await verifyPin('24680', record)).toBe(false);
		expect(await verifyPin('abcd', record)).toBe(false);
	});
});

describe('readPin', () => {
	it('reads the PIN set with the app’s iterations, and null once it is cleared', async () => {
		const db = openDatabase();
		expect(await readPin(db)).toBeNull();
		expect(await createPin(db, '13579')).toBe('created');
		const record = await readPin(db);
		expect(record?.iterations).toBe(600_000);
		expect(record && (await verifyPin('13579', record))).toBe(true);
		await clearPin(db);
		expect(await readPin(db)).toBeNull();
	});

	it('fails, never reads “no PIN”, when the stored record is weakened or damaged', async () => {
		const db = openDatabase();
		await db.settings.put({ key: 'staffPin', value: await hashPin('1234', FAST), updatedAt: 0 });
		const weakened = await rejection(readPin(db));
		expect(weakened).toBeInstanceOf(StoreError);
		expect((weakened as StoreError).code).toBe('unavailable');
		await db.settings.put({ key: 'staffPin', value: 'not a record', updatedAt: 0 });
		expect(((await rejection(readPin(db))) as StoreError).code).toBe('unavailable');
	});

	it('fails with “unavailable” once a newer version of the app in another tab closed the database', async () => {
		const db = watchConnection(openDatabase(), () => {});
		await createPin(db, '1357', STORED);
		const newer = new NewerRelease(db.name);
		await newer.open();
		const error = await rejection(readPin(db));
		expect(error).toBeInstanceOf(StoreError);
		expect((error as StoreError).code).toBe('unavailable');
		newer.close();
	});
});

describe('createPin', () => {
	it('never replaces a PIN that is already set (another tab set it meanwhile)', async () => {
		const db = openDatabase();
		expect(await createPin(db, '1111', STORED)).toBe('created');
		expect(await createPin(reopen(db), '2222', STORED)).toBe('exists');
		const record = await readPin(db);
		expect(record && (await verifyPin('1111', record))).toBe(true);
		expect(record && (await verifyPin('2222', record))).toBe(false);
	});

	it('lets exactly one of two tabs setting a PIN at the same time win', async () => {
		const db = openDatabase();
		const results = await Promise.all([createPin(db, '1111', STORED), createPin(reopen(db), '2222', STORED)]);
		expect([...results].sort()).toEqual(['created', 'exists']);
		const record = await readPin(db);
		const winner = results[0] === 'created' ? '1111' : '2222';
		expect(record && (await verifyPin(winner, record))).toBe(true);
	});

	it('does not count a weakened or damaged record as “no PIN” and leaves it in place', async () => {
		const db = openDatabase();
		const weak = await hashPin('1234', FAST);
		await db.settings.put({ key: 'staffPin', value: weak, updatedAt: 0 });
		expect(await createPin(db, '9999', STORED)).toBe('exists');
		expect((await db.settings.get('staffPin'))?.value).toEqual(weak);
	});
});

describe('replacePin', () => {
	it('replaces the PIN (for staff who unlocked)', async () => {
		const db = openDatabase();
		await createPin(db, '1111', STORED);
		await replacePin(db, '2222', STORED);
		const record = await readPin(db);
		expect(record && (await verifyPin('2222', record))).toBe(true);
	});
});

describe('lockDelayMs', () => {
	it('locks from the fifth wrong PIN for 30 s, doubling with each further one, up to an hour', () => {
		expect([0, 1, 4].map(lockDelayMs)).toEqual([0, 0, 0]);
		expect([5, 6, 7, 8, 9, 10, 11].map(lockDelayMs)).toEqual([
			30_000, 60_000, 120_000, 240_000, 480_000, 960_000, 1_920_000
		]);
		expect(lockDelayMs(12)).toBe(3_600_000);
		expect(lockDelayMs(10_000)).toBe(3_600_000);
	});
});

describe('attemptPin', () => {
	it('unlocks with the right PIN and says when no PIN is set', async () => {
		const db = openDatabase();
		expect(await attemptPin(db, '1234')).toEqual({ outcome: 'no-pin' });
		await createPin(db, '1234', STORED);
		expect(await attemptPin(db, '1234')).toEqual({ outcome: 'unlocked' });
	});

	it('keeps the lock after five wrong PINs in storage: a reload still refuses the right PIN', async () => {
		const db = openDatabase();
		const { state, now } = clock();
		await createPin(db, '2580', STORED);
		for (let i = 0; i < 4; i++)
			expect(await attemptPin(db, '1111', now)).toEqual({ outcome: 'wrong', waitMs: 0 });
		expect(await attemptPin(db, '1111', now)).toEqual({ outcome: 'wrong', waitMs: 30_000 });
		db.close();

		// The page reloads: a new connection, nothing in memory.
		const reloaded = reopen(db);
		state.now += 10_000;
		expect(await pinWaitMs(reloaded, now)).toBe(20_000);
		expect(await attemptPin(reloaded, '2580', now)).toEqual({ outcome: 'locked', waitMs: 20_000 });
		state.now += 20_000;
		expect(await attemptPin(reloaded, '2580', now)).toEqual({ outcome: 'unlocked' });
		// The right PIN clears the count: the next wrong PIN is the first again.
		expect(await attemptPin(reloaded, '1111', now)).toEqual({ outcome: 'wrong', waitMs: 0 });
	});

	it('refuses an attempt while locked without checking the PIN', async () => {
		const db = openDatabase();
		const { now } = clock();
		await createPin(db, '2580', STORED);
		for (let i = 0; i < 5; i++) await attemptPin(db, '1111', now);
		const derive = vi.spyOn(crypto.subtle, 'deriveBits');
		expect(await attemptPin(db, '2580', now)).toEqual({ outcome: 'locked', waitMs: 30_000 });
		expect(derive).not.toHaveBeenCalled();
	});

	it('locks for longer after each further wrong PIN', async () => {
		const db = openDatabase();
		const { state, now } = clock();
		await createPin(db, '2580', STORED);
		for (let i = 0; i < 5; i++) await attemptPin(db, '1111', now);
		const waits: number[] = [];
		for (let i = 0; i < 3; i++) {
			state.now += await pinWaitMs(db, now);
			const attempt = await attemptPin(db, '1111', now);
			if (attempt.outcome === 'wrong') waits.push(attempt.waitMs);
		}
		expect(waits).toEqual([60_000, 120_000, 240_000]);
		expect(await pinWaitMs(reopen(db), now)).toBe(240_000);
	});

	it('gives two tabs trying at once no more than five tries between them', async () => {
		const db = openDatabase();
		const other = reopen(db);
		const { now } = clock();
		await createPin(db, '2580', STORED);
		const attempts = await Promise.all(
			Array.from({ length: 12 }, (_, i) => attemptPin(i % 2 ? other : db, `${1000 + i}`, now))
		);
		const outcomes = (attempts as PinAttempt[]).map((attempt) => attempt.outcome);
		expect(outcomes.filter((outcome) => outcome === 'wrong')).toHaveLength(5);
		expect(outcomes.filter((outcome) => outcome === 'locked')).toHaveLength(7);
	});

	it('does not lengthen the lock beyond what the count calls for when the clock is set back', async () => {
		const db = openDatabase();
		const { state, now } = clock();
		await createPin(db, '2580', STORED);
		for (let i = 0; i < 5; i++) await attemptPin(db, '1111', now);
		state.now -= 24 * 3_600_000;
		expect(await pinWaitMs(db, now)).toBe(30_000);
	});

	it('fails, and never unlocks, when the database was closed by a newer version in another tab', async () => {
		const db = watchConnection(openDatabase(), () => {});
		await createPin(db, '2580', STORED);
		const newer = new NewerRelease(db.name);
		await newer.open();
		const error = await rejection(attemptPin(db, '2580'));
		expect(error).toBeInstanceOf(StoreError);
		expect((error as StoreError).code).toBe('unavailable');
		newer.close();
	});
});
