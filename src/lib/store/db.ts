// The app's IndexedDB database (Dexie). Owns the schema and its versions; repositories in this
// folder read and write through it. Invariant: a schema change is a new `version(n)` with its own
// upgrade, never an edit of an earlier version, so a browser holding an older database upgrades
// without losing anything (issue 5 adds conversations and messages as version 2).
import Dexie, { type EntityTable } from 'dexie';

/** One setting: a key and a JSON-compatible value, validated by its repository when read. */
export interface SettingRow {
	key: string;
	value: unknown;
	updatedAt: number;
}

export const DATABASE_NAME = 'health-qa';

export class AppDatabase extends Dexie {
	settings!: EntityTable<SettingRow, 'key'>;

	constructor(name = DATABASE_NAME, options?: ConstructorParameters<typeof Dexie>[1]) {
		super(name, options);
		this.version(1).stores({ settings: 'key' });
	}
}

let shared: AppDatabase | null = null;

/** The page's database, opened on first use. */
export function database(): AppDatabase {
	return (shared ??= new AppDatabase());
}

/** Whether an error means the browser refused to store more (quota or disk full). */
export function isQuotaError(error: unknown): boolean {
	if (typeof error !== 'object' || error === null) return false;
	const { name, inner } = error as { name?: unknown; inner?: unknown };
	return name === 'QuotaExceededError' || (inner !== undefined && isQuotaError(inner));
}
