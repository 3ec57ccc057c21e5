import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { AppDatabase } from '$lib/store/db';
import { clearPin, hashPin, PinThrottle, readPin, verifyPin, writePin } from '$lib/store/pin';

let db: AppDatabase | null = null;
afterEach(async () => {
	await db?.delete();
	db = null;
});

// Fewer iterations than the app's 600,000 keep the test quick; the algorithm is the same.
const FAST = 1_000;

describe('staff PIN', () => {
	it('is stored as a salted PBKDF2 hash, never as the PIN', async () => {
		const a = await hashPin('482913', FAST);
		const b = await hashPin('482913', FAST);
		expect(a.algorithm).toBe('PBKDF2-SHA-256');
		expect(JSON.stringify(a)).not.toContain('482913');
		expect(a.salt).not.toBe(b.salt);
		expect(a.hash).not.toBe(b.hash);
		expect(atob(a.hash)).toHaveLength(32);
	});

	it('verifies the right PIN and refuses a wrong or malformed one', async () => {
		const record = await hashPin('2468', FAST);
		expect(await verifyPin('2468', record)).toBe(true);
		expect(await verifyPin('2469', record)).toBe(false);
		expect(await verifyPin('24680', record)).toBe(false);
		expect(await verifyPin('abcd', record)).toBe(false);
	});

	it('refuses to hash something that is not 4 to 8 digits', async () => {
		await expect(hashPin('123', FAST)).rejects.toThrow(RangeError);
		await expect(hashPin('123456789', FAST)).rejects.toThrow(RangeError);
		await expect(hashPin('12a4', FAST)).rejects.toThrow(RangeError);
	});

	it('is written to, read from and cleared in IndexedDB', async () => {
		db = new AppDatabase(`pin-${Math.random()}`);
		expect(await readPin(db)).toBeNull();
		await writePin(db, '13579');
		const record = await readPin(db);
		expect(record?.iterations).toBe(600_000);
		expect(record && (await verifyPin('13579', record))).toBe(true);
		await clearPin(db);
		expect(await readPin(db)).toBeNull();
	});

	it('ignores a stored record with too few iterations', async () => {
		db = new AppDatabase(`pin-${Math.random()}`);
		await db.settings.put({ key: 'staffPin', value: await hashPin('1234', FAST), updatedAt: 0 });
		expect(await readPin(db)).toBeNull();
	});

	it('locks entry after five wrong PINs, for longer each time', () => {
		let now = 0;
		const throttle = new PinThrottle(() => now);
		for (let i = 0; i < 4; i++) throttle.record(false);
		expect(throttle.waitMs).toBe(0);
		throttle.record(false);
		expect(throttle.waitMs).toBe(30_000);
		now = 30_000;
		expect(throttle.waitMs).toBe(0);
		throttle.record(false);
		expect(throttle.waitMs).toBe(60_000);
		throttle.record(true);
		expect(throttle.waitMs).toBe(0);
	});
});
