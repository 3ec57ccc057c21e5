// Keeps the conversation on screen in IndexedDB as it happens, so a reload or a closed tab loses
// nothing: the question when it is taken, the answer while it streams (throttled) and its final
// state. Storage failures (a full disk) never stop the conversation on screen, and nothing is lost
// when storage works again (issue 11.7).
//
// How: every change is a write waiting in one queue (memory only), written in the order it was
// asked for. A message is one entry holding its LATEST state, so repeated writes of the same message
// (an answer streaming, then finished) coalesce into one write of where it is now. When a write
// fails, it and everything after it stay queued, in order, and are tried again: with the next write
// asked for, on a timer with backoff, and when the page is hidden or closed (`visibilitychange`,
// `pagehide`, best-effort). So once space is back the stored conversation is what the patient saw.
//
// Invariants:
// - Entries are written strictly in queue order; a failed entry blocks those behind it (a message
//   is never stored before an earlier one of the same conversation, so `seq` is the order on screen).
// - A write refused for good ('not-found': the conversation was deleted, maybe in another tab) is
//   reported and dropped; every other failure is retried.
// - Status (`onStatus`): the error stands until the first write that succeeds, which clears it; the
//   unsaved list names the messages on screen whose latest state is not stored yet.
// - `discard` (a kiosk wipe) drops the queue and every message it held: nothing of one patient
//   stays in memory for the next.
// - A streaming answer holds its Web Lock (store/streaming.ts) from its first write to its final
//   one, so another tab's start-up sweep does not mark it interrupted meanwhile.
import type { AppDatabase } from '$lib/store/db';
import {
	appendMessage,
	createConversation,
	flagConversation,
	getConversation,
	getMessages,
	listConversations,
	setProfile,
	updateMessage,
	type NewMessage
} from '$lib/store/conversations';
import { StoreError, toStoreError } from '$lib/store/errors';
import { addFeedback, removeFeedback } from '$lib/store/feedback';
import type { CategoryId } from '$lib/safety/categories';
import type { PatientProfile, Rating, StoredMessage } from '$lib/store/schema';
import {
	answerLockName,
	defaultLocks,
	markInterrupted,
	STREAM_WRITE_INTERVAL_MS,
	type AnswerLocks
} from '$lib/store/streaming';
import { localNotes, type IncompleteNotes } from './incomplete';
import type { AnswerRecord, ChatMessage, Recorder } from './session.svelte';

function toNew(message: ChatMessage): NewMessage {
	return {
		role: message.role,
		text: message.text,
		raw: message.raw ?? null,
		advisory: message.advisory ?? null,
		disclaimer: message.disclaimer ?? null,
		status: message.status ?? 'done',
		interrupted: message.interrupted ?? false,
		error: message.error ?? null,
		notice: message.notice ?? null,
		modelId: message.modelId ?? null,
		emergency: message.emergency,
		redacted: message.redacted,
		citations: message.citations ?? []
	};
}

/** A stored message as the session shows it (an interrupted answer shows as stopped). */
export function fromStored(message: StoredMessage): ChatMessage {
	return {
		id: message.id,
		role: message.role,
		text: message.text,
		redacted: [...message.redacted],
		emergency: [...message.emergency],
		raw: message.raw ?? undefined,
		advisory: message.advisory,
		disclaimer: message.disclaimer,
		status: message.status,
		error: message.error ?? undefined,
		modelId: message.modelId ?? undefined,
		interrupted: message.interrupted || undefined,
		notice: message.notice === 'model-not-ready' ? 'model-not-ready' : undefined,
		citations:
			message.citations.length > 0 ? message.citations.map((citation) => ({ ...citation })) : undefined
	};
}

/** Whether everything the patient saw is stored, and if not, what is not. */
export interface RecorderStatus {
	/** The last failure, until a write succeeds again; null when saving works. */
	error: StoreError | null;
	/** Session ids of the messages on screen whose latest state is not stored yet, oldest first. */
	unsaved: readonly string[];
}

export interface RecorderOptions {
	/** The page is a kiosk: conversations it creates are the kiosk session's (tagged, wiped with it). */
	kiosk?: boolean;
	/** Called when the status changes (a write failed, saving works again, the unsaved list moved). */
	onStatus?: (status: RecorderStatus) => void;
	/** Least time between two writes of an answer still streaming, in ms (≥ 0, default 500). */
	intervalMs?: number;
	/** First wait before a failed write is tried again, in ms (> 0, default 1,000); doubles each time. */
	retryMs?: number;
	/** Longest wait between two tries, in ms (default 30,000). */
	maxRetryMs?: number;
	/** Web Locks for streaming answers; default `navigator.locks` where it exists; null for none. */
	locks?: AnswerLocks | null;
	/**
	 * Where `visibilitychange` and `pagehide` arrive (a try at writing what waits); default `window`
	 * where it exists, none in Node; null for none.
	 */
	lifecycle?: EventTarget | null;
	/**
	 * Where the ids of conversations still owed writes are noted, so a page closed before they were
	 * written leaves them marked incomplete (chat/incomplete.ts); default localStorage; null for none.
	 */
	notes?: IncompleteNotes | null;
}

/** A conversation being recorded; `id` once it exists in the store. */
interface Slot {
	id: string | null;
	profile: PatientProfile | null;
}

/** One message on screen and its stored row. */
interface Row {
	slot: Slot;
	storedId: string | null;
	/** The session's id for it now (a regenerated answer gets a new one, same row). */
	sessionId: string;
	/** Its latest state, as it is to be stored. */
	latest: NewMessage;
	/** `latest` is not stored yet. */
	dirty: boolean;
	queued: boolean;
	/** When it was last written (throttles a streaming answer). */
	lastWrite: number;
	/** A streaming answer waiting for its next write (throttle). */
	timer: ReturnType<typeof setTimeout> | null;
	release: (() => void) | null;
}

type Entry =
	| { kind: 'message'; row: Row }
	| { kind: 'profile'; slot: Slot }
	| { kind: 'flag'; slot: Slot; categories: readonly CategoryId[] }
	| { kind: 'unfeedback'; row: Row };

const noRecord: AnswerRecord = { update: () => {}, finish: () => {} };

export class StoreRecorder implements Recorder {
	readonly #db: AppDatabase;
	readonly #onError: (error: StoreError) => void;
	readonly #onStatus: ((status: RecorderStatus) => void) | undefined;
	readonly #kiosk: boolean;
	readonly #interval: number;
	readonly #retryMs: number;
	readonly #maxRetryMs: number;
	readonly #locks: AnswerLocks | null;
	#listening: [EventTarget, string][] = [];
	/** The conversation new messages go into. */
	#slot: Slot = { id: null, profile: null };
	/** The session's message id → its row (every message this recorder was told about). */
	#rows = new Map<string, Row>();
	/** Writes waiting, in order (the first one is being written, or failed last). */
	#queue: Entry[] = [];
	#draining: Promise<void> | null = null;
	#error: StoreError | null = null;
	#failures = 0;
	#retry: ReturnType<typeof setTimeout> | null = null;
	#lastStatus = '';
	readonly #notes: IncompleteNotes | null;
	/** Conversations an earlier page left incomplete (they stay noted). */
	readonly #incompleteBefore: ReadonlySet<string>;
	#noted = '';
	#closed = false;
	#retiring = false;
	readonly #onLifecycle = () => void this.#drain();

	/**
	 * `onError` hears every failure (the page shows it); `options.onStatus` also hears when saving
	 * works again and which messages wait to be saved.
	 */
	constructor(db: AppDatabase, onError: (error: StoreError) => void, options: RecorderOptions = {}) {
		this.#db = db;
		this.#onError = onError;
		this.#onStatus = options.onStatus;
		this.#kiosk = options.kiosk ?? false;
		this.#interval = Math.max(0, options.intervalMs ?? STREAM_WRITE_INTERVAL_MS);
		this.#retryMs = Math.max(1, options.retryMs ?? 1_000);
		this.#maxRetryMs = Math.max(this.#retryMs, options.maxRetryMs ?? 30_000);
		this.#locks = options.locks === undefined ? defaultLocks() : options.locks;
		this.#notes = options.notes === undefined ? localNotes : options.notes;
		this.#incompleteBefore = this.#notes?.read() ?? new Set();
		// visibilitychange fires on document, pagehide on window.
		const browser = typeof window !== 'undefined' && typeof document !== 'undefined';
		const lifecycle = options.lifecycle === undefined ? null : options.lifecycle;
		if (options.lifecycle === undefined && browser)
			this.#listening = [
				[window, 'pagehide'],
				[document, 'visibilitychange']
			];
		else if (lifecycle)
			this.#listening = [
				[lifecycle, 'pagehide'],
				[lifecycle, 'visibilitychange']
			];
		for (const [target, type] of this.#listening) target.addEventListener(type, this.#onLifecycle);
	}

	/**
	 * At start: answers left streaming by a closed tab become "interrupted"; the given conversation
	 * (opened from the history page), or else the most recent one, is returned to show again, and
	 * new messages go on in it. A conversation that no longer exists gives none: a new one starts.
	 */
	async resume(conversationId?: string): Promise<ChatMessage[]> {
		try {
			await markInterrupted(this.#db);
			const [latest] =
				conversationId === undefined
					? await listConversations(this.#db, { limit: 1 })
					: [await getConversation(this.#db, conversationId)];
			if (!latest || this.#closed) return [];
			const slot: Slot = { id: latest.id, profile: latest.profile };
			this.#slot = slot;
			const messages = (await getMessages(this.#db, latest.id)).map(fromStored);
			// fromStored keeps the stored id as the session's id.
			for (const message of messages)
				this.#rows.set(message.id, {
					slot,
					storedId: message.id,
					sessionId: message.id,
					latest: toNew(message),
					dirty: false,
					queued: false,
					lastWrite: Date.now(),
					timer: null,
					release: null
				});
			return messages;
		} catch (error) {
			this.#report(toStoreError(error));
			return [];
		}
	}

	/** The patient profile of the conversation `resume` returned (null: none, or none resumed). */
	get conversationProfile(): PatientProfile | null {
		return this.#slot.profile;
	}

	/**
	 * Whether the conversation `resume` returned misses messages: an earlier page could not write
	 * them before it closed (storage full).
	 */
	get incomplete(): boolean {
		return this.#slot.id !== null && this.#incompleteBefore.has(this.#slot.id);
	}

	/** What is saved and what waits (see RecorderStatus). */
	get status(): RecorderStatus {
		return { error: this.#error, unsaved: this.#unsaved() };
	}

	/** The next question starts a new conversation (without a patient profile). */
	startNew(): void {
		this.#slot = { id: null, profile: null };
	}

	/** Keeps the conversation's patient profile; before its first message, it is kept when created. */
	profile(profile: PatientProfile | null): void {
		if (this.#closed) return;
		const slot = this.#slot;
		slot.profile = profile;
		// One write of the newest profile is enough.
		if (!this.#queue.some((entry) => entry.kind === 'profile' && entry.slot === slot))
			this.#queue.push({ kind: 'profile', slot });
		void this.#drain();
	}

	question(message: ChatMessage): void {
		if (this.#closed) return;
		this.#enqueue(this.#newRow(message, toNew(message)));
		void this.#drain();
	}

	answer(message: ChatMessage): AnswerRecord {
		if (this.#closed) return noRecord;
		const row = this.#newRow(message, { ...toNew(message), status: 'streaming' });
		this.#enqueue(row);
		void this.#drain();
		return this.#record(row);
	}

	/**
	 * Writes the stored answer of `previousId` again as `message` (same row, same place). Regenerate:
	 * once the new answer is written, the feedback on the old one is removed. An answer this
	 * recorder never heard of is left alone.
	 */
	reopen(previousId: string, message: ChatMessage, options: { regenerate: boolean }): AnswerRecord {
		const row = this.#rows.get(previousId);
		if (this.#closed || !row) return noRecord;
		this.#rows.set(message.id, row);
		row.sessionId = message.id;
		this.#change(row, { ...toNew(message), role: row.latest.role, status: 'streaming' }, true);
		return this.#record(row, options.regenerate && message.id !== previousId);
	}

	/**
	 * Records (or replaces) the vote on an answer shown in the session, once the writes asked for so
	 * far are done. Failures are reported through `onError` like every other write, and also reject
	 * the returned promise so the caller does not thank for a vote that was not kept. Not queued:
	 * the patient is told at once that it was not kept.
	 */
	async feedback(sessionMessageId: string, rating: Rating, reason?: string): Promise<void> {
		await this.settled();
		try {
			const row = this.#rows.get(sessionMessageId);
			if (row?.storedId == null) {
				// Still waiting to be stored (storage full): the same reason as its message.
				throw this.#error ?? new StoreError('not-found', `answer ${sessionMessageId}`);
			}
			await addFeedback(this.#db, row.storedId, rating, reason);
			this.#succeeded();
		} catch (error) {
			const storeError = toStoreError(error);
			this.#report(storeError);
			throw storeError;
		}
	}

	/**
	 * The stored conversation now on screen, once every write asked for so far was tried (so its
	 * questions are in it); null before the first message, or while it cannot be created.
	 */
	async currentConversation(): Promise<string | null> {
		await this.settled();
		return this.#slot.id;
	}

	/**
	 * Writes everything waiting now (a streaming answer too, without waiting for its interval) and
	 * resolves when that try is over, whether it worked or not (tests, and before a kiosk wipe).
	 */
	async settled(): Promise<void> {
		for (const row of new Set(this.#rows.values())) {
			if (row.timer === null) continue;
			clearTimeout(row.timer);
			row.timer = null;
			this.#enqueue(row);
		}
		await this.#drain();
		await this.#draining;
	}

	/**
	 * Stops recording and forgets everything waiting to be written and every message it knew (a kiosk
	 * wipe: no patient's words stay in memory for the next). Later calls do nothing.
	 */
	discard(): void {
		this.#closed = true;
		// The wiped conversations need no note either.
		const wiped = new Set([...this.#rows.values()].map((row) => row.slot.id));
		this.#notes?.write(new Set([...this.#incompleteBefore].filter((id) => !wiped.has(id))));
		for (const row of new Set(this.#rows.values())) {
			if (row.timer !== null) clearTimeout(row.timer);
			row.release?.();
		}
		this.#rows.clear();
		this.#queue = [];
		this.#slot = { id: null, profile: null };
		this.#error = null;
		if (this.#retry !== null) clearTimeout(this.#retry);
		this.#retry = null;
		for (const [target, type] of this.#listening) target.removeEventListener(type, this.#onLifecycle);
		this.#listening = [];
	}

	/**
	 * The page that made it is gone (personal mode: the patient went to another page): it stops once
	 * everything waiting is written and no answer is still streaming into it, and not before, so
	 * leaving the chat page loses nothing either.
	 */
	retire(): void {
		this.#retiring = true;
		this.#retireIfDone();
	}

	#retireIfDone(): void {
		if (!this.#retiring || this.#closed || this.#queue.length > 0) return;
		for (const row of this.#rows.values())
			if (row.timer !== null || row.latest.status === 'streaming') return;
		this.discard();
	}

	/** How many writes wait (tests; 0 once everything is stored). */
	get waiting(): number {
		return this.#queue.length;
	}

	#newRow(message: ChatMessage, latest: NewMessage): Row {
		const row: Row = {
			slot: this.#slot,
			storedId: null,
			sessionId: message.id,
			latest,
			dirty: true,
			queued: false,
			lastWrite: -Infinity,
			timer: null,
			release: null
		};
		this.#rows.set(message.id, row);
		return row;
	}

	/** The writes of one answer as it streams, into `row`. */
	#record(row: Row, regenerated = false): AnswerRecord {
		return {
			update: (raw: string, text: string) => {
				if (this.#closed) return;
				this.#change(row, { ...row.latest, raw, text, status: 'streaming' }, false);
			},
			finish: (final: ChatMessage) => {
				if (this.#closed) return;
				const status = final.status === 'streaming' ? 'aborted' : (final.status ?? 'done');
				this.#change(row, { ...toNew(final), role: row.latest.role, status }, true);
				// An answer that itself advised emergency care flags the conversation for staff, as an
				// emergency question does.
				if (final.role === 'assistant' && final.emergency.length > 0)
					this.#queue.push({ kind: 'flag', slot: row.slot, categories: final.emergency });
				if (regenerated) this.#queue.push({ kind: 'unfeedback', row });
				void this.#drain();
			}
		};
	}

	/** `row` is now `latest`: written at once (`now`), or when the streaming interval has passed. */
	#change(row: Row, latest: NewMessage, now: boolean): void {
		row.latest = latest;
		row.dirty = true;
		if (now || row.queued) {
			if (row.timer !== null) clearTimeout(row.timer);
			row.timer = null;
			this.#enqueue(row);
			if (now) void this.#drain();
			else this.#emit();
			return;
		}
		if (row.timer !== null) return;
		row.timer = setTimeout(
			() => {
				row.timer = null;
				this.#enqueue(row);
				void this.#drain();
			},
			Math.max(0, row.lastWrite + this.#interval - Date.now())
		);
	}

	#enqueue(row: Row): void {
		if (row.queued) return;
		row.queued = true;
		this.#queue.push({ kind: 'message', row });
	}

	/** Writes what waits, in order, until the queue is empty or a write fails. */
	#drain(): Promise<void> {
		if (this.#closed) return Promise.resolve();
		if (this.#retry !== null) clearTimeout(this.#retry);
		this.#retry = null;
		this.#draining ??= this.#writeAll().finally(() => (this.#draining = null));
		return this.#draining;
	}

	async #writeAll(): Promise<void> {
		await this.#writeQueue();
		this.#retireIfDone();
	}

	async #writeQueue(): Promise<void> {
		for (let entry = this.#queue[0]; entry && !this.#closed; entry = this.#queue[0]) {
			try {
				const again = await this.#write(entry);
				if (this.#closed) return;
				if (!again) this.#queue.shift();
				this.#succeeded();
			} catch (error) {
				if (this.#closed) return;
				const storeError = toStoreError(error);
				this.#report(storeError);
				if (storeError.code === 'not-found') {
					// Deleted meanwhile (another tab): it can never be written.
					this.#drop(entry);
					continue;
				}
				this.#failures += 1;
				const wait = Math.min(this.#maxRetryMs, this.#retryMs * 2 ** (this.#failures - 1));
				this.#retry = setTimeout(() => {
					this.#retry = null;
					void this.#drain();
				}, wait);
				return;
			}
		}
	}

	/** Writes one entry; true when it must stay first (a message changed again meanwhile). */
	async #write(entry: Entry): Promise<boolean> {
		switch (entry.kind) {
			case 'profile':
				if (entry.slot.id !== null) await setProfile(this.#db, entry.slot.id, entry.slot.profile);
				return false;
			case 'flag':
				await flagConversation(this.#db, await this.#conversation(entry.slot), {
					source: 'safety',
					categories: entry.categories
				});
				return false;
			case 'unfeedback':
				if (entry.row.storedId !== null) await removeFeedback(this.#db, entry.row.storedId);
				return false;
			case 'message':
				return this.#writeRow(entry.row);
		}
	}

	async #writeRow(row: Row): Promise<boolean> {
		const state = row.latest;
		row.dirty = false;
		try {
			if (row.storedId === null) {
				const stored = await appendMessage(this.#db, await this.#conversation(row.slot), state);
				row.storedId = stored.id;
			} else {
				const { role: _role, ...patch } = state;
				await updateMessage(this.#db, row.storedId, patch);
			}
		} catch (error) {
			// The same state, or a newer one that came meanwhile, is still to be written.
			row.dirty = true;
			throw error;
		}
		row.lastWrite = Date.now();
		this.#lock(row, state.status === 'streaming');
		if (!row.dirty) {
			row.queued = false;
			return false;
		}
		if (row.latest.status !== 'streaming') return true;
		// Newer partial text: written when the interval has passed, not at once.
		row.queued = false;
		this.#change(row, row.latest, false);
		return false;
	}

	/** The stored conversation of `slot`, created (with its profile) on its first write. */
	async #conversation(slot: Slot): Promise<string> {
		slot.id ??= (await createConversation(this.#db, { profile: slot.profile, kiosk: this.#kiosk })).id;
		return slot.id;
	}

	/** Holds the answer's lock while it streams; lets go once its final state is stored. */
	#lock(row: Row, streaming: boolean): void {
		if (streaming && row.release === null && row.storedId !== null && this.#locks) {
			let release: () => void = () => {};
			const held = new Promise<void>((resolve) => (release = resolve));
			row.release = release;
			this.#locks.request(answerLockName(row.storedId), () => held).catch(() => undefined);
		} else if (!streaming && row.release !== null) {
			row.release();
			row.release = null;
		}
	}

	#drop(entry: Entry): void {
		const index = this.#queue.indexOf(entry);
		if (index >= 0) this.#queue.splice(index, 1);
		if (entry.kind === 'message') {
			entry.row.queued = false;
			entry.row.dirty = false;
			this.#lock(entry.row, false);
		}
		this.#emit();
	}

	#succeeded(): void {
		this.#failures = 0;
		this.#error = null;
		this.#emit();
	}

	#report(error: StoreError): void {
		this.#error = error;
		this.#onError(error);
		this.#emit();
	}

	#unsaved(): string[] {
		const ids: string[] = [];
		for (const entry of this.#queue)
			if (entry.kind === 'message' && entry.row.dirty) ids.push(entry.row.sessionId);
		return ids;
	}

	#emit(): void {
		this.#note();
		if (!this.#onStatus) return;
		const status = this.status;
		// Unsaved messages matter only while saving fails; while it works they are on their way.
		const shown = status.error === null ? { error: null, unsaved: [] } : status;
		const key = `${shown.error?.code ?? ''}|${shown.error?.message ?? ''}|${shown.unsaved.join(',')}`;
		if (key === this.#lastStatus) return;
		this.#lastStatus = key;
		this.#onStatus(shown);
	}

	/** Notes the conversations still owed writes (and those earlier pages left incomplete). */
	#note(): void {
		if (!this.#notes || this.#closed) return;
		const owed = new Set(this.#incompleteBefore);
		for (const entry of this.#queue)
			if (entry.kind === 'message' && entry.row.dirty && entry.row.slot.id !== null)
				owed.add(entry.row.slot.id);
		const key = [...owed].join(',');
		if (key === this.#noted) return;
		this.#noted = key;
		this.#notes.write(owed);
	}
}
