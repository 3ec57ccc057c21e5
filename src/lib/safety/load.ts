// The safety layer loads as its own chunk, right after the page is drawn: the triage lexicon and
// the redaction tables are about 160 KB gzipped, more than the whole first-load budget of the chat
// page. Nothing a patient sends waits for a model: a question sent in the first moments waits only
// for this chunk (from the service-worker cache after the first visit), then goes through the same
// synchronous checks. Everything here is tiny and may be imported anywhere.

import type * as Safety from './index';

export type SafetyModule = typeof Safety;

let loaded: SafetyModule | null = null;
let loading: Promise<SafetyModule> | null = null;

/** Starts loading the safety layer (once) and resolves with it. */
export function loadSafety(): Promise<SafetyModule> {
	loading ??= import('./index').then((module) => {
		loaded = module;
		module.warmUp();
		return module;
	});
	return loading;
}

/** The safety layer if it has loaded, else null. */
export function loadedSafety(): SafetyModule | null {
	return loaded;
}
