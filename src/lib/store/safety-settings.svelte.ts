// The safety settings as live state for the pages: read from IndexedDB at first use and kept in
// step with every tab through Dexie's liveQuery. Until the read finishes (or when IndexedDB is
// unavailable), the built-in defaults apply, so emergency detection never waits for storage.
import { liveQuery } from 'dexie';
import { database } from './db';
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

	save(settings: SafetySettings): Promise<SafetySettings> {
		return writeSafetySettings(database(), settings).then((clean) => (this.#value = clean));
	}

	#start(): void {
		if (this.#started || typeof indexedDB === 'undefined') return;
		this.#started = true;
		liveQuery(() => readSafetySettings(database())).subscribe({
			next: (value) => {
				this.#value = value;
				this.#unavailable = false;
			},
			error: () => (this.#unavailable = true)
		});
	}
}

export const safetySettings = new SafetySettingsState();
