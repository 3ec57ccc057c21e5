// The staff PIN: stored only as a PBKDF2-SHA-256 hash with a random salt (WebCrypto), never as the
// PIN itself. Verification is constant-time over the derived bytes; repeated wrong PINs lock entry
// for a growing delay so a patient cannot guess a 4–8 digit PIN by trying.
import type { AppDatabase } from './db';

export interface PinRecord {
	algorithm: 'PBKDF2-SHA-256';
	iterations: number;
	/** base64 */
	salt: string;
	/** base64 of 32 derived bytes */
	hash: string;
}

const KEY = 'staffPin';
/** OWASP's 2023 figure for PBKDF2-HMAC-SHA-256. */
export const PIN_ITERATIONS = 600_000;
export const PIN_PATTERN = /^[0-9]{4,8}$/;

const toBase64 = (bytes: Uint8Array): string => btoa(String.fromCharCode(...bytes));
const fromBase64 = (text: string): Uint8Array => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

async function derive(pin: string, salt: Uint8Array, iterations: number): Promise<Uint8Array> {
	const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(pin), 'PBKDF2', false, [
		'deriveBits'
	]);
	const bits = await crypto.subtle.deriveBits(
		{ name: 'PBKDF2', hash: 'SHA-256', salt: salt as BufferSource, iterations },
		key,
		256
	);
	return new Uint8Array(bits);
}

export async function hashPin(pin: string, iterations = PIN_ITERATIONS): Promise<PinRecord> {
	if (!PIN_PATTERN.test(pin)) throw new RangeError('A PIN is 4 to 8 digits.');
	const salt = crypto.getRandomValues(new Uint8Array(16));
	const hash = await derive(pin, salt, iterations);
	return { algorithm: 'PBKDF2-SHA-256', iterations, salt: toBase64(salt), hash: toBase64(hash) };
}

export async function verifyPin(pin: string, record: PinRecord): Promise<boolean> {
	if (!PIN_PATTERN.test(pin)) return false;
	const expected = fromBase64(record.hash);
	const actual = await derive(pin, fromBase64(record.salt), record.iterations);
	let difference = expected.length ^ actual.length;
	for (let i = 0; i < expected.length; i++) difference |= (expected[i] ?? 0) ^ (actual[i] ?? 0);
	return difference === 0;
}

function isPinRecord(value: unknown): value is PinRecord {
	if (typeof value !== 'object' || value === null) return false;
	const r = value as Record<string, unknown>;
	return (
		r.algorithm === 'PBKDF2-SHA-256' &&
		typeof r.iterations === 'number' &&
		r.iterations >= 100_000 &&
		typeof r.salt === 'string' &&
		typeof r.hash === 'string'
	);
}

export async function readPin(db: AppDatabase): Promise<PinRecord | null> {
	const row = await db.settings.get(KEY);
	return isPinRecord(row?.value) ? row.value : null;
}

export async function writePin(db: AppDatabase, pin: string): Promise<void> {
	await db.settings.put({ key: KEY, value: await hashPin(pin), updatedAt: Date.now() });
}

export async function clearPin(db: AppDatabase): Promise<void> {
	await db.settings.delete(KEY);
}

/** Wrong attempts → a lockout that doubles from 30 s after the fifth. */
export class PinThrottle {
	#failures = 0;
	#lockedUntil = 0;
	constructor(private readonly now: () => number = Date.now) {}

	/** Milliseconds until the next attempt is allowed (0 = now). */
	get waitMs(): number {
		return Math.max(0, this.#lockedUntil - this.now());
	}

	record(success: boolean): void {
		if (success) {
			this.#failures = 0;
			this.#lockedUntil = 0;
			return;
		}
		this.#failures += 1;
		if (this.#failures >= 5) this.#lockedUntil = this.now() + 30_000 * 2 ** (this.#failures - 5);
	}
}
