// Keeps the conversation on screen in IndexedDB as it happens, so a reload or a closed tab loses
// nothing: the question when it is taken, the answer while it streams (throttled, StreamingWriter)
// and its final state. Writes run one after another in the order they were asked for. Storage
// failures (a full disk) are reported through `onError` and never stop the conversation on screen.
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
import { StoreError } from '$lib/store/errors';
import { addFeedback, removeFeedback } from '$lib/store/feedback';
import type { PatientProfile, Rating, StoredMessage } from '$lib/store/schema';
import { markInterrupted, StreamingWriter } from '$lib/store/streaming';
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

export class StoreRecorder implements Recorder {
	readonly #db: AppDatabase;
	readonly #onError: (error: StoreError) => void;
	#conversationId: string | null = null;
	#queue: Promise<unknown> = Promise.resolve();
	/** The session's message id → the id of the same message in the store. */
	readonly #storedIds = new Map<string, string>();
	/** The patient profile of the conversation being recorded (given to it when it is created). */
	#profile: PatientProfile | null = null;

	/** Conversations it creates are the kiosk session's (tagged, wiped with it). */
	readonly #kiosk: boolean;

	/** `options.kiosk`: the page is a kiosk (default false). */
	constructor(db: AppDatabase, onError: (error: StoreError) => void, options: { kiosk?: boolean } = {}) {
		this.#db = db;
		this.#onError = onError;
		this.#kiosk = options.kiosk ?? false;
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
			if (!latest) return [];
			this.#conversationId = latest.id;
			this.#profile = latest.profile;
			const messages = (await getMessages(this.#db, latest.id)).map(fromStored);
			// fromStored keeps the stored id as the session's id.
			for (const message of messages) this.#storedIds.set(message.id, message.id);
			return messages;
		} catch (error) {
			this.#report(error);
			return [];
		}
	}

	/** The patient profile of the conversation `resume` returned (null: none, or none resumed). */
	get conversationProfile(): PatientProfile | null {
		return this.#profile;
	}

	/** The next question starts a new conversation (without a patient profile). */
	startNew(): void {
		this.#queue = this.#queue.then(() => {
			this.#conversationId = null;
			this.#profile = null;
		});
	}

	/** Keeps the conversation's patient profile; before its first message, it is kept when created. */
	profile(profile: PatientProfile | null): void {
		this.#run(async () => {
			this.#profile = profile;
			if (this.#conversationId !== null) await setProfile(this.#db, this.#conversationId, profile);
		});
	}

	question(message: ChatMessage): void {
		this.#run(async () => {
			const stored = await appendMessage(this.#db, await this.#conversation(), toNew(message));
			this.#storedIds.set(message.id, stored.id);
		});
	}

	answer(message: ChatMessage): AnswerRecord {
		return this.#stream(async () => {
			const stored = await appendMessage(this.#db, await this.#conversation(), {
				...toNew(message),
				status: 'streaming'
			});
			this.#storedIds.set(message.id, stored.id);
			return stored.id;
		});
	}

	/**
	 * Writes the stored answer of `previousId` again as `message` (same row, same place). Regenerate:
	 * once the new answer is written, the feedback on the old one is removed. An answer that was
	 * never stored is left alone.
	 */
	reopen(previousId: string, message: ChatMessage, options: { regenerate: boolean }): AnswerRecord {
		let storedId: string | undefined;
		return this.#stream(
			async () => {
				storedId = this.#storedIds.get(previousId);
				if (storedId === undefined) return null;
				this.#storedIds.set(message.id, storedId);
				const { role: _role, ...patch } = toNew(message);
				await updateMessage(this.#db, storedId, { ...patch, status: 'streaming' });
				return storedId;
			},
			async (final) => {
				if (options.regenerate && storedId !== undefined && final.id !== previousId)
					await removeFeedback(this.#db, storedId);
			}
		);
	}

	/** One answer's writes: `open` gives the stored row to stream into (null: nothing to write). */
	#stream(
		open: () => Promise<string | null>,
		finished?: (final: ChatMessage) => Promise<void>
	): AnswerRecord {
		let writer: StreamingWriter | null = null;
		let latest: { text: string; raw: string } | null = null;
		this.#run(async () => {
			const id = await open();
			if (id === null) return;
			writer = new StreamingWriter(this.#db, id, { onError: (error) => this.#report(error) });
			if (latest) writer.update(latest);
		});
		return {
			update: (raw: string, text: string) => {
				latest = { raw, text };
				writer?.update(latest);
			},
			finish: (final: ChatMessage) => {
				this.#run(async () => {
					if (!writer) return;
					const { role: _role, ...patch } = toNew(final);
					await writer.finish({
						...patch,
						status: final.status === 'streaming' ? 'aborted' : (final.status ?? 'done')
					});
					// An answer that itself advised emergency care flags the conversation for staff,
					// as an emergency question does.
					if (final.role === 'assistant' && final.emergency.length > 0 && this.#conversationId !== null)
						await flagConversation(this.#db, this.#conversationId, {
							source: 'safety',
							categories: final.emergency
						});
					await finished?.(final);
				});
			}
		};
	}

	/**
	 * Records (or replaces) the vote on an answer shown in the session, once the answer's pending
	 * writes are done. Failures are reported through `onError` like every other write, and also
	 * reject the returned promise so the caller does not thank for a vote that was not kept.
	 */
	feedback(sessionMessageId: string, rating: Rating, reason?: string): Promise<void> {
		const task = this.#queue.then(async () => {
			const storedId = this.#storedIds.get(sessionMessageId);
			if (storedId === undefined) throw new StoreError('not-found', `answer ${sessionMessageId}`);
			await addFeedback(this.#db, storedId, rating, reason);
		});
		this.#queue = task.catch((error: unknown) => this.#report(error));
		return task;
	}

	/**
	 * The stored conversation now on screen, once every write asked for so far is done (so its
	 * questions are in it); null before the first message ("show to staff" opens its summary).
	 */
	currentConversation(): Promise<string | null> {
		return this.#queue.then(() => this.#conversationId);
	}

	async #conversation(): Promise<string> {
		this.#conversationId ??= (
			await createConversation(this.#db, { profile: this.#profile, kiosk: this.#kiosk })
		).id;
		return this.#conversationId;
	}

	#run(task: () => Promise<void>): void {
		this.#queue = this.#queue.then(task).catch((error: unknown) => this.#report(error));
	}

	#report(error: unknown): void {
		this.#onError(error instanceof StoreError ? error : new StoreError('unknown', String(error)));
	}

	/** Resolves when every write asked for so far is done (tests, and before a kiosk wipe). */
	settled(): Promise<unknown> {
		return this.#queue;
	}
}
