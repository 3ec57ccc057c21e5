// The one error type the history repositories raise, with a code the UI translates (zh, en).
// Invariant: a repository call that fails changes nothing (each write is one transaction), so
// "storage is full" never costs what was already stored.
import { isQuotaError } from './db';

export type StoreErrorCode =
	/** The browser refused to store more (QuotaExceededError): "storage is full". */
	| 'quota'
	/** The conversation or message does not exist (deleted, maybe in another tab). */
	| 'not-found'
	/** IndexedDB cannot be used here (blocked, private mode, a newer version of the app open). */
	| 'unavailable'
	| 'unknown';

export class StoreError extends Error {
	override readonly name = 'StoreError';
	constructor(
		readonly code: StoreErrorCode,
		/** Technical detail for diagnostics; people see a translated message chosen by `code`. */
		readonly detail = '',
		options?: { cause?: unknown }
	) {
		super(detail ? `${code}: ${detail}` : code, options);
	}
}

const UNAVAILABLE = new Set([
	'MissingAPIError',
	'OpenFailedError',
	'DatabaseClosedError',
	'VersionError',
	'InvalidStateError',
	'SecurityError'
]);

/** Any failure as a StoreError (the original is kept as `cause`). */
export function toStoreError(error: unknown): StoreError {
	if (error instanceof StoreError) return error;
	const name = typeof error === 'object' && error !== null ? (error as { name?: unknown }).name : undefined;
	const detail = error instanceof Error ? error.message : String(error);
	if (isQuotaError(error)) return new StoreError('quota', detail, { cause: error });
	if (typeof name === 'string' && UNAVAILABLE.has(name))
		return new StoreError('unavailable', detail, { cause: error });
	return new StoreError('unknown', detail, { cause: error });
}

/** Runs `work`, turning whatever it throws into a StoreError. */
export async function guard<T>(work: () => Promise<T>): Promise<T> {
	try {
		return await work();
	} catch (error) {
		throw toStoreError(error);
	}
}
