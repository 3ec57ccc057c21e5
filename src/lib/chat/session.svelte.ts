// One conversation on screen: the order of the safety steps for each question, and what the page shows.
//
// Invariants (DESIGN.md "one question, end to end"):
// - `assess` runs on the ORIGINAL text first, before anything else, and never waits for a model:
//   an emergency alert is shown synchronously in `send`. (The safety layer is its own chunk, loaded
//   right after the page: a question sent before it arrives waits for that chunk only.)
// - Three levels: 'emergency' shows the alert and holds the question until the person says it is
//   not an emergency; 'urgent' shows the "see a doctor today" card and the answer goes on (the
//   model is told); 'routine' is answered.
// - The answer is checked too: when the model's own answer advises emergency care (assessAnswer),
//   the alert is raised then, once per answer.
// - Only the REDACTED text is kept in state, shown in the message list, or handed to an answerer.
// - When an emergency is shown, the question waits until the person says it is not an emergency;
//   then it goes on with an emergency-aware prompt.
// - The turn controller: safety → retrieval (when a retriever is set) → prompt and engine (the
//   answerer) → finish → store (the recorder), for a new answer, a continued one ("continue": the
//   model goes on from a partial answer, added to the same message) and a regenerated one (a new
//   answer replaces the old, also in the store).
// Storage (issue 5) and the engine (issue 4) plug in behind `recorder` and `answerer`.
import type { CategoryId } from '$lib/safety/categories';
import type { ExtraTerms } from '$lib/safety/extra-terms';
import { finish, stripThinking } from '$lib/safety/finish';
import { checkLength, type LengthCheck } from '$lib/safety/limits';
import { loadSafety, loadedSafety, type SafetyModule } from '$lib/safety/load';
import type { IdentifierKind } from '$lib/safety/redact/types';
import type { TriageVerdict } from '$lib/safety/triage/assess';
import type { Locale } from '$lib/i18n/locale';
import type { Citation, PatientProfile } from '$lib/store/schema';
import { joinContinuation, userTurnContent } from './prompt';
import type { ReferencePassage } from './system-prompt';

export type AnswerStatus = 'streaming' | 'done' | 'aborted' | 'error';

export interface ChatMessage {
	id: string;
	role: 'user' | 'assistant';
	/** Redacted text (user) or the cleaned answer (assistant): what is shown, stored and exported. */
	text: string;
	/**
	 * User: the turn exactly as last sent to the model (the question with its reference passages).
	 * Memory only, never stored: sent again as it was, it lets web-llm reuse its KV cache.
	 */
	prompt?: string;
	/** Kinds of identifiers that were removed from this message, for the "we removed…" note. */
	redacted: IdentifierKind[];
	/**
	 * Emergency categories recognised in this message (user messages), or raised by this answer
	 * itself when it advised emergency care (assistant messages).
	 */
	emergency: CategoryId[];
	/** User: "see a doctor today" categories (the urgent level), when the message was not an emergency. */
	urgent?: CategoryId[];
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
	/** Assistant: the knowledge-base passages the model was given for this answer (shown as sources). */
	citations?: Citation[];
}

/** The writes of one answer as it streams. */
export interface AnswerRecord {
	update(raw: string, text: string): void;
	finish(message: ChatMessage): void;
}

/** Where the conversation is kept as it happens (IndexedDB in the app; nothing in tests). */
export interface Recorder {
	question(message: ChatMessage): void;
	answer(message: ChatMessage): AnswerRecord;
	/**
	 * The answer recorded for `previousId` is written again as `message` (continue: the same answer
	 * goes on; regenerate: a new answer replaces it, and feedback on the old one is removed).
	 */
	reopen?(previousId: string, message: ChatMessage, options: { regenerate: boolean }): AnswerRecord;
	/** This conversation's patient profile (redacted), or null for none. */
	profile?(profile: PatientProfile | null): void;
}

/** Reference passages for a question (the knowledge base); none is a valid answer. */
export interface Retriever {
	retrieve(question: string, locale: Locale, signal: AbortSignal): Promise<readonly ReferencePassage[]>;
}

/** What the patient typed into the profile form (optional, every field may be blank). */
export interface ProfileInput {
	chiefComplaint?: string;
	medicalHistory?: string;
	ageGroup?: PatientProfile['ageGroup'];
}

/** What an answerer is asked: the redacted question, the conversation so far, and how to stream. */
export interface AnswerRequest {
	question: string;
	/** Earlier messages of this conversation (redacted user text; assistant `raw`), oldest first. */
	history: readonly ChatMessage[];
	emergencyAware: boolean;
	/** The question reads as urgent (see a doctor today): the model is asked to say so. */
	urgentAware?: boolean;
	locale: Locale;
	/** This conversation's patient profile (redacted), for the system prompt. */
	profile?: PatientProfile | null;
	/** Reference passages for this question only (framed into the newest user turn). */
	passages?: readonly ReferencePassage[];
	/** Continue: the raw partial answer to `question` the model goes on from. */
	partial?: string;
	signal: AbortSignal;
	/** Called with the whole raw text so far (of the continuation, when continuing), as it grows. */
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
	/**
	 * The passages (best first) that fit the prompt's share for them; without it all are sent. Called
	 * before the question's prompt is recorded, so what is sent and what is cited are the same.
	 */
	fitPassages?(passages: readonly ReferencePassage[], locale: Locale): Promise<readonly ReferencePassage[]>;
}

/**
 * `verdict` is null when the question waits for the safety layer to finish loading (the first
 * moments after the page opened); it is then checked, shown and answered as soon as it arrives.
 */
export type SendResult = { sent: true; verdict: TriageVerdict | null } | { sent: false; check: LengthCheck };

/** Where an alert came from: the question, or the model's own answer. */
export type AlertSource = 'question' | 'answer';

/** One answer to write: for a new question, or again for an earlier one (`replaces`). */
interface Turn {
	question: string;
	locale: Locale;
	emergencyAware: boolean;
	urgentAware?: boolean;
	mode: 'new' | 'continue' | 'regenerate';
	/** The question's message. */
	questionId: string;
	/** The answer written again (continue, regenerate). */
	replaces?: ChatMessage;
	/** Messages before the question; default: all but the question just pushed. */
	history?: readonly ChatMessage[];
}

/** The citations of the passages given (after `earlier` ones, for a continued answer), each once. */
function citationsOf(passages: readonly ReferencePassage[], earlier: readonly Citation[] = []): Citation[] {
	const all = [...earlier, ...passages.flatMap((passage) => (passage.citation ? [passage.citation] : []))];
	return all.filter((citation, index) => all.findIndex((other) => other.id === citation.id) === index);
}

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
	#alert = $state.raw<TriageVerdict | null>(null);
	#alertSource = $state<AlertSource>('question');
	#urgent = $state.raw<TriageVerdict | null>(null);
	/** Questions sent before the safety layer loaded, in order. */
	#waiting: { original: string; locale: Locale }[] = [];
	#profile = $state.raw<PatientProfile | null>(null);
	#pending: { question: string; questionId: string; locale: Locale } | null = null;
	#busy = $state(false);
	#controller: AbortController | null = null;
	#extraTerms: ExtraTerms | (() => ExtraTerms);
	#answerer: Answerer;
	#retriever: Retriever | null = null;

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

	/** Looks up reference passages for each question from now on (the knowledge base loads later). */
	setRetriever(retriever: Retriever | null): void {
		this.#retriever = retriever;
	}

	/** Shows an earlier conversation again (e.g. after a reload); nothing is sent anywhere. */
	restore(messages: readonly ChatMessage[], profile: PatientProfile | null = null): void {
		this.#messages = [...messages];
		this.#profile = profile;
	}

	get messages(): readonly ChatMessage[] {
		return this.#messages;
	}

	/** The emergency shown now, if any. */
	get alert(): TriageVerdict | null {
		return this.#alert;
	}

	/** Whether the alert shown was raised by the question or by the model's answer. */
	get alertSource(): AlertSource {
		return this.#alertSource;
	}

	/** The "see a doctor today" card shown now, if any. */
	get urgent(): TriageVerdict | null {
		return this.#urgent;
	}

	/** Closes the "see a doctor today" card (the answer is not affected). */
	dismissUrgent(): void {
		this.#urgent = null;
	}

	get busy(): boolean {
		return this.#busy;
	}

	/** This conversation's patient profile (redacted), or null when none was given. */
	get profile(): PatientProfile | null {
		return this.#profile;
	}

	/**
	 * Sets this conversation's patient profile: each text is redacted like a question, blank fields
	 * are empty, an all-blank profile is none. It goes into the system prompt from the next answer on
	 * and is recorded with the conversation. Returns the kinds of identifiers that were removed.
	 */
	setProfile(input: ProfileInput, locale: Locale): IdentifierKind[] | Promise<IdentifierKind[]> {
		const safety = loadedSafety();
		if (safety === null) return loadSafety().then((loaded) => this.#setProfile(input, locale, loaded));
		return this.#setProfile(input, locale, safety);
	}

	#setProfile(input: ProfileInput, locale: Locale, safety: SafetyModule): IdentifierKind[] {
		const kinds: IdentifierKind[] = [];
		const clean = (value: string | undefined): string => {
			const redaction = safety.redact((value ?? '').trim(), locale);
			for (const span of redaction.spans) if (!kinds.includes(span.kind)) kinds.push(span.kind);
			return redaction.text;
		};
		const profile: PatientProfile = {
			chiefComplaint: clean(input.chiefComplaint),
			medicalHistory: clean(input.medicalHistory),
			ageGroup: input.ageGroup ?? null
		};
		const blank = !profile.chiefComplaint && !profile.medicalHistory && !profile.ageGroup;
		this.#profile = blank ? null : profile;
		this.#recorder?.profile?.(this.#profile);
		return kinds;
	}

	/**
	 * Checks, redacts and records a question. Returns at once; an answer (if any) follows.
	 * A blank or over-long message is refused with the reason, and nothing changes.
	 */
	send(original: string, locale: Locale): SendResult {
		const check = checkLength(original);
		if (!check.ok) return { sent: false, check };
		const safety = loadedSafety();
		if (safety === null || this.#waiting.length > 0) {
			this.#waiting.push({ original, locale });
			if (this.#waiting.length === 1)
				void loadSafety().then((loaded) => {
					for (const next of this.#waiting.splice(0)) this.#take(next.original, next.locale, loaded);
				});
			return { sent: true, verdict: null };
		}
		return { sent: true, verdict: this.#take(original, locale, safety) };
	}

	#take(original: string, locale: Locale, safety: SafetyModule): TriageVerdict {
		const extraTerms = typeof this.#extraTerms === 'function' ? this.#extraTerms() : this.#extraTerms;
		const verdict = safety.assess(original, locale, { extraTerms });
		const redaction = safety.redact(original, locale);
		const kinds = redaction.spans
			.map((span) => span.kind)
			.filter((kind, index, all) => all.indexOf(kind) === index);
		const question: ChatMessage = {
			id: newId(),
			role: 'user',
			text: redaction.text,
			redacted: kinds,
			emergency: verdict.emergency ? verdict.categories : [],
			...(verdict.level === 'urgent' ? { urgent: verdict.categories } : {})
		};
		this.#push(question);
		this.#recorder?.question(question);
		this.#urgent = verdict.level === 'urgent' ? verdict : null;
		if (verdict.emergency) {
			this.#alert = verdict;
			this.#alertSource = 'question';
			this.#pending = { question: redaction.text, questionId: question.id, locale };
		} else {
			this.#alert = null;
			this.#pending = null;
			void this.#answer({
				question: redaction.text,
				questionId: question.id,
				locale,
				emergencyAware: false,
				urgentAware: verdict.level === 'urgent',
				mode: 'new'
			});
		}
		return verdict;
	}

	/**
	 * "This is not an emergency — continue": the waiting question goes on, emergency-aware. For an
	 * alert the answer raised, the answer is already there: the alert just closes.
	 */
	continueAfterAlert(): void {
		const pending = this.#pending;
		this.#alert = null;
		this.#pending = null;
		if (pending) void this.#answer({ ...pending, emergencyAware: true, mode: 'new' });
	}

	/**
	 * The answer check: when the answer so far advises emergency care, the alert is raised (once per
	 * answer) and the answer message carries the categories, so the conversation is flagged for
	 * staff like an emergency question. Nothing happens when an alert is already on screen.
	 */
	#checkAnswer(id: string, text: string, emergencyAware: boolean): void {
		const safety = loadedSafety();
		// After "this is not an emergency — continue" the patient has seen the alert for this question.
		if (safety === null || emergencyAware || this.#alert !== null || this.#checked.has(id)) return;
		const verdict = safety.assessAnswer(text);
		if (!verdict.emergency) return;
		this.#checked.add(id);
		this.#alert = verdict;
		this.#alertSource = 'answer';
		this.#update(id, { emergency: verdict.categories });
	}
	// Not state: which answers were already checked (nothing is drawn from it).
	// eslint-disable-next-line svelte/prefer-svelte-reactivity
	#checked = new Set<string>();

	/**
	 * Whether the answer `id` can be written again: a finished model answer (not a notice) to a
	 * question, while no other answer is being written. `continue` also needs text to go on from.
	 */
	canRedo(id: string, mode: 'continue' | 'regenerate'): boolean {
		if (this.#busy) return false;
		const index = this.#messages.findIndex((message) => message.id === id);
		const answer = this.#messages[index];
		if (!answer || answer.role !== 'assistant' || answer.notice || answer.status === 'streaming')
			return false;
		if (this.#messages[index - 1]?.role !== 'user') return false;
		return mode === 'regenerate' || (answer.status !== 'done' && Boolean(answer.raw));
	}

	/**
	 * "Continue": the model goes on from the partial answer `id` (stopped, cut off by a reload, or
	 * failed); its continuation is added to the same message. Returns false when that is not possible.
	 */
	continueAnswer(id: string, locale: Locale): boolean {
		return this.#redo(id, locale, 'continue');
	}

	/** "Regenerate": a new answer to the same question replaces the answer `id`, here and in the store. */
	regenerate(id: string, locale: Locale): boolean {
		return this.#redo(id, locale, 'regenerate');
	}

	/** Removes everything of this conversation from memory, the patient profile included. */
	clear(): void {
		this.#controller?.abort();
		this.#messages = [];
		this.#alert = null;
		this.#urgent = null;
		this.#pending = null;
		this.#profile = null;
		this.#waiting = [];
	}

	/** Stops the answer being generated, keeping what was written so far. */
	stop(): void {
		this.#controller?.abort();
	}

	#redo(id: string, locale: Locale, mode: 'continue' | 'regenerate'): boolean {
		if (!this.canRedo(id, mode)) return false;
		const index = this.#messages.findIndex((message) => message.id === id);
		const question = this.#messages[index - 1];
		const answer = this.#messages[index];
		if (!question || !answer) return false;
		this.#alert = null;
		this.#pending = null;
		void this.#answer({
			question: question.text,
			questionId: question.id,
			locale,
			// The answer exists, so an emergency alert on this question was already dismissed.
			emergencyAware: question.emergency.length > 0,
			urgentAware: (question.urgent?.length ?? 0) > 0,
			mode,
			replaces: answer,
			history: this.#messages.slice(0, index - 1)
		});
		return true;
	}

	async #answer(turn: Turn): Promise<void> {
		const { question, locale, emergencyAware, mode } = turn;
		const urgentAware = turn.urgentAware === true;
		// A new question was just pushed: everything before it is history.
		const history = turn.history ?? this.#messages.slice(0, -1);
		const replaced = turn.replaces ?? null;
		const disclaimerShown = this.#messages.some((message) => message.disclaimer && message !== replaced);
		const controller = new AbortController();
		this.#controller?.abort();
		this.#controller = controller;
		this.#busy = true;
		// Continue writes on into the same message; a new or regenerated answer is a fresh message.
		const base = mode === 'continue' ? (replaced?.raw ?? '') : '';
		const id = mode === 'continue' && replaced ? replaced.id : newId();
		const started: ChatMessage = {
			id,
			role: 'assistant',
			text: mode === 'continue' && replaced ? replaced.text : '',
			raw: base,
			redacted: [],
			emergency: [],
			status: 'streaming'
		};
		let record: AnswerRecord | undefined;
		if (replaced) {
			this.#messages = this.#messages.map((message) => (message === replaced ? started : message));
			record = this.#recorder?.reopen?.(replaced.id, started, { regenerate: mode === 'regenerate' });
		} else {
			this.#push(started);
			record = this.#recorder?.answer(started);
		}
		const joined = (raw: string, final: boolean) =>
			mode === 'continue' ? joinContinuation(base, raw, { final }) : raw;
		try {
			// Without a retriever the answer starts at once (no await in between).
			const passages = this.#retriever ? await this.#retrieve(question, locale, controller.signal) : [];
			this.#update(turn.questionId, { prompt: userTurnContent(question, passages, locale) });
			// The sources shown with the answer are exactly the passages the model is given.
			const cited = citationsOf(passages, mode === 'continue' ? replaced?.citations : undefined);
			const result = await this.#answerer.answer({
				question,
				history,
				emergencyAware,
				urgentAware,
				locale,
				profile: this.#profile,
				passages,
				partial: mode === 'continue' ? base : undefined,
				signal: controller.signal,
				onText: (delta) => {
					const raw = joined(delta, false);
					const text = stripThinking(raw).trim();
					this.#update(id, { raw, text });
					record?.update(raw, text);
					// A finished sentence is enough to raise the alert while the answer still streams.
					if (/[.!?。！？\n]\s*$/u.test(text)) this.#checkAnswer(id, text, emergencyAware);
				},
				onWaiting: (waiting) => this.#update(id, { waiting })
			});
			if (result.kind === 'notice') {
				// Nothing was written: a redone answer stays as it was; a new one becomes the notice.
				if (replaced) this.#messages = this.#messages.map((m) => (m.id === id ? replaced : m));
				else this.#update(id, { notice: result.notice, status: 'done', raw: '', waiting: false });
				return;
			}
			const raw = joined(result.raw, true);
			const finished = finish(raw, { locale, disclaimerShown });
			const complete = result.status === 'done';
			this.#update(id, {
				raw,
				// A stopped or failed answer keeps its partial text; the fallback sentence is for a
				// model that finished and said nothing useful.
				text: complete || !finished.fallback ? finished.text : '',
				advisory: finished.advisory,
				disclaimer: complete ? finished.disclaimer : null,
				status: result.status,
				waiting: false,
				error: result.error,
				modelId: result.modelId,
				citations: cited
			});
			this.#checkAnswer(id, finished.text, emergencyAware);
		} catch (error) {
			this.#update(id, {
				status: 'error',
				waiting: false,
				error: error instanceof Error ? error.message : String(error)
			});
		} finally {
			const final = this.#messages.find((message) => message.id === id) ?? replaced;
			if (final) record?.finish(final);
			if (this.#controller === controller) this.#controller = null;
			this.#busy = false;
		}
	}

	/**
	 * Passages for the question that fit the prompt, or none: retrieval never holds up or fails an
	 * answer (a failed search or fit means an answer without passages).
	 */
	async #retrieve(question: string, locale: Locale, signal: AbortSignal): Promise<ReferencePassage[]> {
		if (!this.#retriever) return [];
		try {
			const found = await this.#retriever.retrieve(question, locale, signal);
			if (found.length === 0 || !this.#answerer.fitPassages) return [...found];
			return [...(await this.#answerer.fitPassages(found, locale))];
		} catch {
			return [];
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
