// Whether this tab may keep using the database while another tab runs a different version of the
// app. db.ts watches the page's database; the UI listens (ui/history/StorageNotice.svelte). No Dexie
// at run time and no runes here, so the page header can listen without loading the store.
//
// - 'outdated': another tab opened a newer schema (`versionchange`). This tab's connection is closed
//   for good, so the upgrade goes ahead at once and this tab's older code never writes into the
//   newer shape (Dexie 4 would otherwise reopen the newer database with the older schema). Nothing
//   already written is lost: IndexedDB lets running transactions finish before it closes. Later
//   writes here fail with StoreError 'unavailable'; the page asks to reload.
// - 'blocked': this tab wants to upgrade, and a tab still holding the older version has not let go.
//   The open waits; once that tab closes or reloads it proceeds, and the status returns to 'open'.
// Deleting the database (newVersion null, e.g. a kiosk wipe in another tab) is neither: Dexie closes
// and reopens on next use, as it does by default.
import type Dexie from 'dexie';

export type ConnectionStatus = 'open' | 'outdated' | 'blocked';

type Listener = (status: ConnectionStatus) => void;

let current: ConnectionStatus = 'open';
const listeners = new Set<Listener>();

/** The page database's status now. */
export function connectionStatus(): ConnectionStatus {
	return current;
}

/** Calls `listener` on every later change; returns the function that stops it. */
export function onConnectionStatus(listener: Listener): () => void {
	listeners.add(listener);
	return () => listeners.delete(listener);
}

function setStatus(status: ConnectionStatus): void {
	if (status === current) return;
	current = status;
	for (const listener of listeners) listener(status);
}

/** An upgrade to a higher version (not a deletion, whose newVersion is null). */
const isUpgrade = (event: IDBVersionChangeEvent): boolean =>
	event.newVersion !== null && event.newVersion > event.oldVersion;

/**
 * Watches `db` for the two cases above and reports them (to the page's status by default; tests
 * pass their own `report`). Returns `db`.
 */
export function watchConnection<D extends Dexie>(db: D, report: Listener = setStatus): D {
	let blocked = false;
	db.on('versionchange', (event: IDBVersionChangeEvent) => {
		if (!isUpgrade(event)) return undefined;
		db.close({ disableAutoOpen: true });
		report('outdated');
		// Dexie runs the newest handler first; false skips its default, which would close with
		// auto-reopen on.
		return false;
	});
	db.on('blocked', (event: IDBVersionChangeEvent) => {
		if (!isUpgrade(event)) return;
		blocked = true;
		report('blocked');
	});
	// Sticky: fires on every later open, too; only the end of a wait is news.
	db.on(
		'ready',
		() => {
			if (!blocked) return;
			blocked = false;
			report('open');
		},
		true
	);
	return db;
}
