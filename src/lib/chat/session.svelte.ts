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
	redact,
	type CategoryId,
	type EmergencyVerdict,
	type ExtraTerms,
	type IdentifierKind,
	type LengthCheck
} from '$lib/safety';
import type { Locale } from '$lib/i18n/locale';

export interface ChatMessage {
	id: string;
	role: 'user' | 'assistant';
	/** Redacted text: what is shown, stored and prompted. */
	text: string;
	/** Kinds of identifiers that were removed from this message, for the "we removed…" note. */
	redacted: IdentifierKind[];
	/** Emergency categories recognised in this message (user messages). */
	emergency: CategoryId[];
	/** An assistant message that is a notice from the app rather than a model answer. */
	notice?: 'model-not-ready';
}

/** What the page needs to answer a question; the engine implements it in a later issue. */
export interface Answerer {
	answer(question: string, options: { emergencyAware: boolean; locale: Locale }): Promise<ChatMessage>;
}

export type SendResult = { sent: true; verdict: EmergencyVerdict } | { sent: false; check: LengthCheck };

let counter = 0;
const newId = (): string =>
	typeof crypto.randomUUID === 'function' ? crypto.randomUUID() : `m${Date.now()}-${++counter}`;

/** Until an engine exists: an honest notice instead of an answer. */
export const noModelAnswerer: Answerer = {
	async answer() {
		return {
			id: newId(),
			role: 'assistant',
			text: '',
			redacted: [],
			emergency: [],
			notice: 'model-not-ready'
		};
	}
};

export class ChatSession {
	#messages = $state.raw<ChatMessage[]>([]);
	#alert = $state.raw<EmergencyVerdict | null>(null);
	#pending: { question: string; locale: Locale } | null = null;
	#busy = $state(false);
	#extraTerms: ExtraTerms | (() => ExtraTerms);
	#answerer: Answerer;

	/** `extraTerms`: staff-added emergency terms, or a getter for the current ones (settings change live). */
	constructor(answerer: Answerer = noModelAnswerer, extraTerms: ExtraTerms | (() => ExtraTerms) = {}) {
		this.#answerer = answerer;
		this.#extraTerms = extraTerms;
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
		this.#push({
			id: newId(),
			role: 'user',
			text: redaction.text,
			redacted: kinds,
			emergency: verdict.categories
		});
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
		this.#messages = [];
		this.#alert = null;
		this.#pending = null;
	}

	async #answer(question: string, locale: Locale, emergencyAware: boolean): Promise<void> {
		this.#busy = true;
		try {
			this.#push(await this.#answerer.answer(question, { emergencyAware, locale }));
		} finally {
			this.#busy = false;
		}
	}

	#push(message: ChatMessage): void {
		this.#messages = [...this.#messages, message];
	}
}
