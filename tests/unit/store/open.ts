// Test helpers for the store: a fresh database per test (deleted afterwards), and a switch that
// makes IndexedDB refuse writes with a QuotaExceededError, as a full disk does.
import { afterEach } from 'vitest';
import { AppDatabase } from '$lib/store/db';

const opened: AppDatabase[] = [];

afterEach(async () => {
	for (const db of opened.splice(0)) await db.delete();
});

/** A new, empty database with a unique name, deleted after the test. */
export function openDatabase(name = `test-${Math.random().toString(36).slice(2)}`): AppDatabase {
	const db = new AppDatabase(name);
	opened.push(db);
	return db;
}

/**
 * Makes writes to the named tables (all tables when none are named) fail with a
 * QuotaExceededError DOMException while `full` is true. Call before the database is first used.
 */
export function simulateQuota(db: AppDatabase, tables: readonly string[] = []): { full: boolean } {
	const state = { full: false };
	db.use({
		stack: 'dbcore',
		name: 'simulated-quota',
		create: (down) => ({
			...down,
			table: (name) => {
				const table = down.table(name);
				return {
					...table,
					mutate: (request) =>
						state.full && (tables.length === 0 || tables.includes(name))
							? Promise.reject(new DOMException('The quota has been exceeded.', 'QuotaExceededError'))
							: table.mutate(request)
				};
			}
		})
	});
	return state;
}
