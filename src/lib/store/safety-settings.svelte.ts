// The safety settings as live state for the pages: read from IndexedDB at first use and kept in
// step with every tab through Dexie's liveQuery. Until the read finishes (or when IndexedDB is
// unavailable), the built-in defaults apply, so emergency detection never waits for storage.
//
// Dexie loads after the page, not with it (first-load budget): the chat page's first paint needs no
// storage, and until the settings arrive the built-in terms and numbers apply.
import {
	DEFAULT_SAFETY_SETTINGS,
	readSafetySettings,
	writeSafetySettings,
	type SafetySettings
} from './settings';

class SafetySettingsState {
	#value = $state.raw<SafetySettings>(DEFAULT_SAFETY_SETTINGS);
	#unavailable = $state(false);
	#started = false;

	get value(): SafetySettings {
		this.#start();
		return this.#value;
	}

	/** True when the settings could not be read (IndexedDB blocked or broken): defaults apply. */
	get unavailable(): boolean {
		return this.#unavailable;
	}

	async save(settings: SafetySettings): Promise<SafetySettings> {
		const { database } = await import('./db');
		return writeSafetySettings(database(), settings).then((clean) => (this.#value = clean));
	}

	#start(): void {
		if (this.#started || typeof indexedDB === 'undefined') return;
		this.#started = true;
		// After the current task: the page draws first, storage follows.
		new Promise((resolve) => setTimeout(resolve, 0))
			.then(() => Promise.all([import('dexie'), import('./db')]))
			.then(([{ liveQuery }, { database }]) => {
				liveQuery(() => readSafetySettings(database())).subscribe({
					next: (value) => {
						this.#value = value;
						this.#unavailable = false;
					},
					error: () => (this.#unavailable = true)
				});
			})
			.catch(() => (this.#unavailable = true));
	}
}

export const safetySettings = new SafetySettingsState();
