// Engine errors as values: `EngineFailure` is what adapters throw and what EngineClient rejects with;
// `toEngineError` turns anything thrown into the `{ code, detail }` that crosses the worker boundary.
//
// Invariants: every failure has a code from EngineErrorCode (people see a translated message chosen by
// the code, never `detail`); mapping never throws; nothing here imports an engine library, so the main
// thread, the worker and the adapters share it.
import type { EngineError, EngineErrorCode } from './protocol';

/** A typed engine failure. `partialText` is the text a chat had streamed before it failed. */
export class EngineFailure extends Error {
	readonly code: EngineErrorCode;
	readonly detail: string;
	readonly partialText?: string;

	constructor(code: EngineErrorCode, detail: string, partialText?: string) {
		super(`${code}: ${detail}`);
		this.name = 'EngineFailure';
		this.code = code;
		this.detail = detail;
		if (partialText !== undefined) this.partialText = partialText;
	}

	static from(error: EngineError, partialText?: string): EngineFailure {
		return new EngineFailure(error.code, error.detail, partialText);
	}
}

/**
 * Maps anything thrown to an EngineError without knowing which engine threw it: an EngineFailure keeps
 * its code; storage quota, aborts and failed fetches are recognised by the names and messages browsers
 * give them (Chromium "Failed to fetch", Firefox "NetworkError when attempting to fetch resource.",
 * Safari "Load failed"); anything else is 'unknown' with its text kept as detail.
 */
export function toEngineError(error: unknown): EngineError {
	if (error instanceof EngineFailure) return { code: error.code, detail: error.detail };
	if (isEngineError(error)) return { code: error.code, detail: error.detail };
	const { name, message } = describeError(error);
	const detail = name && name !== 'Error' ? `${name}: ${message}` : message;
	if (name === 'QuotaExceededError' || /quota/i.test(message)) return { code: 'quota', detail };
	if (name === 'AbortError') return { code: 'aborted', detail };
	if (isNetworkFailure(name, message)) return { code: 'network', detail };
	return { code: 'unknown', detail };
}

/** Every EngineErrorCode, for checking values that crossed a boundary. */
export const ENGINE_ERROR_CODES = [
	'no-webgpu',
	'device-lost',
	'quota',
	'network',
	'model-library',
	'model-files',
	'not-loaded',
	'busy',
	'context-overflow',
	'worker-crashed',
	'aborted',
	'unknown'
] as const satisfies readonly EngineErrorCode[];

// Compile-time check that the list above names every code.
type Unlisted = Exclude<EngineErrorCode, (typeof ENGINE_ERROR_CODES)[number]>;
const _everyCodeListed: Unlisted extends never ? true : false = true;

export function isEngineErrorCode(value: unknown): value is EngineErrorCode {
	return ENGINE_ERROR_CODES.some((code) => code === value);
}

/** Anything already shaped as an EngineError (another adapter's typed error, a value from the worker). */
export function isEngineError(value: unknown): value is EngineError {
	return (
		typeof value === 'object' &&
		value !== null &&
		'code' in value &&
		isEngineErrorCode(value.code) &&
		'detail' in value &&
		typeof value.detail === 'string'
	);
}

export function isNetworkFailure(name: string, message: string): boolean {
	return (
		name === 'NetworkError' ||
		/failed to fetch|networkerror|network error|load failed|err_internet_disconnected|err_network|err_connection/i.test(
			message
		)
	);
}

/** The name and message of anything thrown (Error, DOMException, string, or an `{ name, message }` object). */
export function describeError(error: unknown): { name: string; message: string } {
	if (typeof error === 'object' && error !== null) {
		const name = 'name' in error && typeof error.name === 'string' ? error.name : '';
		const message = 'message' in error && typeof error.message === 'string' ? error.message : String(error);
		return { name, message };
	}
	return { name: '', message: String(error) };
}
