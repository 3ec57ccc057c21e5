// Persisting an answer while it streams, and recovering answers a closed tab left behind.
//
// Invariants:
// - A StreamingWriter writes the partial answer at most once per `intervalMs` (the first text at
//   once, then the newest text when the interval has passed), and always writes the final state
//   (done / aborted / error) in `finish`. Writes run one after another, so an older partial
//   text never overwrites a newer one.
// - While it streams, the writer holds a Web Lock named after the message (`answerLockName`); the
//   browser releases it when the tab closes. `markInterrupted` at start-up turns answers still
//   'streaming' into 'aborted' + `interrupted`, skipping those whose lock another open tab holds.
//   Without Web Locks (old browsers, Node) every 'streaming' answer is taken as interrupted.
import type { AppDatabase } from './db';
import { updateMessage, type MessagePatch } from './conversations';
import { guard, StoreError, toStoreError } from './errors';
import type { MessageStatus, StoredMessage } from './schema';

/** Default for StreamingWriterOptions.intervalMs. */
export const STREAM_WRITE_INTERVAL_MS = 500;

export const answerLockName = (messageId: string): string => `health-qa:answer:${messageId}`;

/** The part of the Web Locks API used here (navigator.locks satisfies it). */
export interface AnswerLocks {
	request(name: string, callback: () => Promise<void>): Promise<unknown>;
	query(): Promise<{ held?: { name?: string }[] }>;
}

/** `navigator.locks` where it exists (browsers), else null (Node, old browsers). */
export function defaultLocks(): AnswerLocks | null {
	return typeof navigator !== 'undefined' && navigator.locks ? navigator.locks : null;
}

export interface StreamingWriterOptions {
	/** Least time between two partial writes, in ms (≥ 0, default 500). */
	intervalMs?: number;
	/** Called when a partial write fails (e.g. StoreError 'quota'); streaming goes on, `finish` retries. */
	onError?: (error: StoreError) => void;
	/** Web Locks to hold while streaming; default `navigator.locks` where it exists; null for none. */
	locks?: AnswerLocks | null;
}

/** The partial answer: what the chat session shows while it streams. */
export type StreamingPatch = Pick<MessagePatch, 'text' | 'raw'> & Partial<Pick<MessagePatch, 'timings'>>;

/** The end of an answer. */
export type FinalPatch = MessagePatch & { status: Exclude<MessageStatus, 'streaming'> };

export class StreamingWriter {
	readonly #db: AppDatabase;
	readonly #id: string;
	readonly #interval: number;
	readonly #onError: ((error: StoreError) => void) | undefined;
	#pending: MessagePatch | null = null;
	#lastWrite = -Infinity;
	#timer: ReturnType<typeof setTimeout> | null = null;
	#chain: Promise<unknown> = Promise.resolve();
	#finished = false;
	#writes = 0;
	#release: (() => void) | null = null;

	constructor(db: AppDatabase, messageId: string, options: StreamingWriterOptions = {}) {
		this.#db = db;
		this.#id = messageId;
		this.#interval = Math.max(0, options.intervalMs ?? STREAM_WRITE_INTERVAL_MS);
		this.#onError = options.onError;
		const locks = options.locks === undefined ? defaultLocks() : options.locks;
		locks
			?.request(answerLockName(messageId), () => new Promise<void>((resolve) => (this.#release = resolve)))
			.catch(() => undefined);
	}

	get messageId(): string {
		return this.#id;
	}

	/** Writes done so far (partial and final). */
	get writes(): number {
		return this.#writes;
	}

	/** The newest partial answer; stored now or when the interval since the last write has passed. */
	update(patch: StreamingPatch): void {
		if (this.#finished) return;
		this.#pending = { ...this.#pending, ...patch, status: 'streaming' };
		if (this.#timer !== null) return;
		const wait = this.#lastWrite + this.#interval - Date.now();
		if (wait <= 0) void this.#writePending();
		else this.#timer = setTimeout(() => void this.#writePending(), wait);
	}

	/** Resolves when the writes queued so far are done (it writes nothing itself). */
	async settled(): Promise<void> {
		await this.#chain;
	}

	/** Stores the pending partial answer now (if any). Rejects with a StoreError when it cannot. */
	async flush(): Promise<void> {
		this.#clearTimer();
		await this.#enqueue(this.#pending, true);
	}

	/**
	 * Stores the final state (always, even when nothing changed since the last write) and releases
	 * the lock. Rejects with a StoreError ('quota', 'not-found' when the conversation was deleted
	 * meanwhile); the lock is released either way.
	 */
	async finish(final: FinalPatch): Promise<StoredMessage> {
		this.#finished = true;
		this.#clearTimer();
		const patch: MessagePatch = { ...this.#pending, ...final };
		this.#pending = null;
		try {
			const stored = await this.#enqueue(patch, true);
			if (!stored) throw new StoreError('unknown', 'no final write');
			return stored;
		} finally {
			this.#release?.();
			this.#release = null;
		}
	}

	#clearTimer(): void {
		if (this.#timer !== null) clearTimeout(this.#timer);
		this.#timer = null;
	}

	#writePending(): Promise<StoredMessage | null> {
		this.#timer = null;
		return this.#enqueue(this.#pending, false).catch(() => null);
	}

	/** Queues one write of `patch`; `rethrow` decides whether a failure rejects or goes to onError. */
	#enqueue(patch: MessagePatch | null, rethrow: boolean): Promise<StoredMessage | null> {
		if (patch === null) return this.#chain.then(() => null);
		if (patch === this.#pending) this.#pending = null;
		this.#lastWrite = Date.now();
		const write = this.#chain.then(async () => {
			try {
				const stored = await updateMessage(this.#db, this.#id, patch);
				this.#writes += 1;
				return stored;
			} catch (error) {
				const storeError = toStoreError(error);
				// Keep the newest text for the next write, unless something newer already waits.
				if (!this.#finished) this.#pending ??= patch;
				if (rethrow) throw storeError;
				this.#onError?.(storeError);
				return null;
			}
		});
		this.#chain = write.catch(() => undefined);
		return write;
	}
}

/**
 * Start-up sweep: answers left 'streaming' by a tab that closed mid-answer become 'aborted' with
 * `interrupted: true`, keeping their partial text (the UI offers "continue" and "regenerate").
 * Answers another open tab is still writing (it holds their lock) are left alone. Returns how many
 * were marked. Rejects with a StoreError.
 */
export async function markInterrupted(
	db: AppDatabase,
	options: { locks?: AnswerLocks | null } = {}
): Promise<number> {
	const locks = options.locks === undefined ? defaultLocks() : options.locks;
	const held = new Set<string>();
	if (locks) {
		const snapshot = await locks.query();
		for (const lock of snapshot.held ?? []) if (lock.name) held.add(lock.name);
	}
	const now = Date.now();
	return guard(() =>
		db.transaction('rw', db.messages, async () => {
			const streaming = await db.messages.where('status').equals('streaming').toArray();
			const orphans = streaming.filter((row) => !held.has(answerLockName(row.id)));
			await db.messages.bulkPut(
				orphans.map((row) => ({ ...row, status: 'aborted' as const, interrupted: true, updatedAt: now }))
			);
			return orphans.length;
		})
	);
}
