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
		// Build the triage model and let the engine compile the hot paths now, so the patient's first
		// question is not the one that pays for it (~200 ms on a phone).
		module.warmUp();
		module.redact('warm-up: 我叫张伟，手机 139 1234 5678，chest pain, call 07700 900123, a@b.com', 'zh-CN');
		module.redact('warm-up: my name is Sarah Jones, 12 Baker Street, NW1 6XE, born 1 May 1980', 'en');
		return module;
	});
	return loading;
}

/** The safety layer if it has loaded, else null. */
export function loadedSafety(): SafetyModule | null {
	return loaded;
}
