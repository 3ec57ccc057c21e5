// One conversation on screen: the order of the safety steps for each question, and what the page shows.
//
// Invariants (DESIGN.md "one question, end to end"):
// - `assess` runs on the ORIGINAL text first, before anything else, and never waits for a model:
//   an emergency alert is shown synchronously in `send`.
// - Only the REDACTED text is kept in state, shown in the message list, or handed to an answerer.
// - When an emergency is shown, the question waits until the person says it is not an emergency;
//   then it goes on with an emergency-aware prompt.
// Storage (issue 5) and the engine (issue 4) plug in behind `answerer`.
import {
	assess,
	checkLength,
	finish,
	redact,
	stripThinking,
	type CategoryId,
	type EmergencyVerdict,
	type ExtraTerms,
	type IdentifierKind,
	type LengthCheck
} from '$lib/safety';
import type { Locale } from '$lib/i18n/locale';

export type AnswerStatus = 'streaming' | 'done' | 'aborted' | 'error';

export interface ChatMessage {
	id: string;
	role: 'user' | 'assistant';
	/** Redacted text (user) or the cleaned answer (assistant): what is shown, stored and exported. */
	text: string;
	/** Kinds of identifiers that were removed from this message, for the "we removed…" note. */
	redacted: IdentifierKind[];
	/** Emergency categories recognised in this message (user messages). */
	emergency: CategoryId[];
	/** An assistant message that is a notice from the app rather than a model answer. */
	notice?: 'model-not-ready';
	/** Assistant: the model's text exactly as generated; this, not `text`, goes back to the model. */
	raw?: string;
	/** Assistant: shown beside the answer, never spliced into `raw`. */
	advisory?: string | null;
	disclaimer?: string | null;
	status?: AnswerStatus;
	/** Assistant, status 'error': the engine's error code (translated by the UI). */
	error?: string;
	/** Assistant: which model answered. */
	modelId?: string;
	/** Assistant, streaming: waiting for the model to finish loading. */
	waiting?: boolean;
	/** Assistant: the tab closed or reloaded while it was being written; the text is partial. */
	interrupted?: boolean;
}

/** Where the conversation is kept as it happens (IndexedDB in the app; nothing in tests). */
export interface Recorder {
	question(message: ChatMessage): void;
	answer(message: ChatMessage): {
		update(raw: string, text: string): void;
		finish(message: ChatMessage): void;
	};
}

/** What an answerer is asked: the redacted question, the conversation so far, and how to stream. */
export interface AnswerRequest {
	question: string;
	/** Earlier messages of this conversation (redacted user text; assistant `raw`), oldest first. */
	history: readonly ChatMessage[];
	emergencyAware: boolean;
	locale: Locale;
	signal: AbortSignal;
	/** Called with the whole raw text so far, as it grows. */
	onText(raw: string): void;
	/** Called with true while the answer waits for the model to finish loading, false after. */
	onWaiting?(waiting: boolean): void;
}

export type AnswerResult =
	| { kind: 'notice'; notice: 'model-not-ready' }
	| {
			kind: 'answer';
			raw: string;
			status: Exclude<AnswerStatus, 'streaming'>;
			error?: string;
			modelId?: string;
	  };

/** What the page needs to answer a question: the engine (issue 4) implements it. */
export interface Answerer {
	answer(request: AnswerRequest): Promise<AnswerResult>;
}

export type SendResult = { sent: true; verdict: EmergencyVerdict } | { sent: false; check: LengthCheck };

let counter = 0;
const newId = (): string =>
	typeof crypto.randomUUID === 'function' ? crypto.randomUUID() : `m${Date.now()}-${++counter}`;

/** Until an engine is ready: an honest notice instead of an answer. */
export const noModelAnswerer: Answerer = {
	async answer() {
		return { kind: 'notice', notice: 'model-not-ready' };
	}
};

export class ChatSession {
	#messages = $state.raw<ChatMessage[]>([]);
	#alert = $state.raw<EmergencyVerdict | null>(null);
	#pending: { question: string; locale: Locale } | null = null;
	#busy = $state(false);
	#controller: AbortController | null = null;
	#extraTerms: ExtraTerms | (() => ExtraTerms);
	#answerer: Answerer;

	#recorder: Recorder | null;

	/**
	 * `extraTerms`: staff-added emergency terms, or a getter for the current ones (settings change live).
	 * `recorder`: keeps every message as it happens (see recorder.ts).
	 */
	constructor(
		answerer: Answerer = noModelAnswerer,
		extraTerms: ExtraTerms | (() => ExtraTerms) = {},
		recorder: Recorder | null = null
	) {
		this.#answerer = answerer;
		this.#extraTerms = extraTerms;
		this.#recorder = recorder;
	}

	/** Starts keeping messages (the store loads after the page); earlier ones are not re-recorded. */
	setRecorder(recorder: Recorder | null): void {
		this.#recorder = recorder;
	}

	/** Shows an earlier conversation again (e.g. after a reload); nothing is sent anywhere. */
	restore(messages: readonly ChatMessage[]): void {
		this.#messages = [...messages];
	}

	get messages(): readonly ChatMessage[] {
		return this.#messages;
	}

	/** The emergency shown now, if any. */
	get alert(): EmergencyVerdict | null {
		return this.#alert;
	}

	get busy(): boolean {
		return this.#busy;
	}

	/**
	 * Checks, redacts and records a question. Returns at once; an answer (if any) follows.
	 * A blank or over-long message is refused with the reason, and nothing changes.
	 */
	send(original: string, locale: Locale): SendResult {
		const check = checkLength(original);
		if (!check.ok) return { sent: false, check };
		const extraTerms = typeof this.#extraTerms === 'function' ? this.#extraTerms() : this.#extraTerms;
		const verdict = assess(original, locale, { extraTerms });
		const redaction = redact(original, locale);
		const kinds = redaction.spans
			.map((span) => span.kind)
			.filter((kind, index, all) => all.indexOf(kind) === index);
		const question: ChatMessage = {
			id: newId(),
			role: 'user',
			text: redaction.text,
			redacted: kinds,
			emergency: verdict.categories
		};
		this.#push(question);
		this.#recorder?.question(question);
		if (verdict.emergency) {
			this.#alert = verdict;
			this.#pending = { question: redaction.text, locale };
		} else {
			this.#alert = null;
			this.#pending = null;
			void this.#answer(redaction.text, locale, false);
		}
		return { sent: true, verdict };
	}

	/** "This is not an emergency — continue": the waiting question goes on, emergency-aware. */
	continueAfterAlert(): void {
		const pending = this.#pending;
		this.#alert = null;
		this.#pending = null;
		if (pending) void this.#answer(pending.question, pending.locale, true);
	}

	/** Removes everything of this conversation from memory. */
	clear(): void {
		this.#controller?.abort();
		this.#messages = [];
		this.#alert = null;
		this.#pending = null;
	}

	/** Stops the answer being generated, keeping what was written so far. */
	stop(): void {
		this.#controller?.abort();
	}

	async #answer(question: string, locale: Locale, emergencyAware: boolean): Promise<void> {
		// Everything before the question just pushed is history.
		const history = this.#messages.slice(0, -1);
		const disclaimerShown = this.#messages.some((message) => message.disclaimer);
		const id = newId();
		const controller = new AbortController();
		this.#controller?.abort();
		this.#controller = controller;
		this.#busy = true;
		const started: ChatMessage = {
			id,
			role: 'assistant',
			text: '',
			raw: '',
			redacted: [],
			emergency: [],
			status: 'streaming'
		};
		this.#push(started);
		const record = this.#recorder?.answer(started);
		try {
			const result = await this.#answerer.answer({
				question,
				history,
				emergencyAware,
				locale,
				signal: controller.signal,
				onText: (raw) => {
					const text = stripThinking(raw).trim();
					this.#update(id, { raw, text });
					record?.update(raw, text);
				},
				onWaiting: (waiting) => this.#update(id, { waiting })
			});
			if (result.kind === 'notice') {
				this.#update(id, { notice: result.notice, status: 'done', raw: '', waiting: false });
				return;
			}
			const finished = finish(result.raw, { locale, disclaimerShown });
			const complete = result.status === 'done';
			this.#update(id, {
				raw: result.raw,
				// A stopped or failed answer keeps its partial text; the fallback sentence is for a
				// model that finished and said nothing useful.
				text: complete || !finished.fallback ? finished.text : '',
				advisory: finished.advisory,
				disclaimer: complete ? finished.disclaimer : null,
				status: result.status,
				waiting: false,
				error: result.error,
				modelId: result.modelId
			});
		} catch (error) {
			this.#update(id, { status: 'error', error: error instanceof Error ? error.message : String(error) });
		} finally {
			const final = this.#messages.find((message) => message.id === id);
			if (final) record?.finish(final);
			if (this.#controller === controller) this.#controller = null;
			this.#busy = false;
		}
	}

	#update(id: string, patch: Partial<ChatMessage>): void {
		this.#messages = this.#messages.map((message) =>
			message.id === id ? { ...message, ...patch } : message
		);
	}

	#push(message: ChatMessage): void {
		this.#messages = [...this.#messages, message];
	}
}
