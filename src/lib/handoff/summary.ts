// The clinician summary of one conversation: what a patient shows to staff ("show to staff"), on
// screen, on paper and in a QR code. This module builds the language-neutral structure; the page
// translates it, and qr-text.ts turns it into the compact text the QR code carries.
//
// Invariants:
// - Pure: no Svelte, DOM or IndexedDB; the input is what the store returns, never changed.
// - Only what is stored goes in, and the store keeps redacted text only, so the summary holds no
//   identifier the patient typed.
// - Emergency categories are the union of every question's verdict and the conversation's safety
//   flags, in CATEGORY_IDS order: marking a conversation reviewed (unflag) does not hide what the
//   safety layer recognised.
import { CATEGORY_IDS, type CategoryId } from '../safety/categories';
import { PLACEHOLDERS, type IdentifierKind } from '../safety/redact/types';
import type {
	Conversation,
	ConversationFlag,
	FlagSource,
	PatientProfile,
	StoredMessage
} from '../store/schema';

/** How an answer ended, as staff should read it. */
export const ANSWER_STATES = ['complete', 'stopped', 'interrupted', 'failed', 'no-model', 'writing'] as const;
export type AnswerState = (typeof ANSWER_STATES)[number];

/** Scripts the patient wrote in, told apart by their letters (Han → zh, Latin → en). */
export type PatientLanguage = 'zh' | 'en';

export interface SummaryAnswer {
	/** The cleaned answer as stored (redacted); '' when there is none (no model, failed early). */
	text: string;
	/** The app's advisory note shown beside the answer (e.g. on medicines), or null. */
	advisory: string | null;
	state: AnswerState;
	/** The engine's error code when `state` is 'failed'. */
	error: string | null;
	modelId: string | null;
	at: number;
}

export interface SummaryTurn {
	/** 1, 2, 3… */
	n: number;
	/** The question as stored (redacted). */
	question: string;
	askedAt: number;
	/** Emergency categories recognised in this question. */
	emergency: CategoryId[];
	/** Kinds of identifiers removed from this question (shown as placeholders in `question`). */
	redacted: IdentifierKind[];
	/** The newest answer to this question; null while none was given (e.g. the emergency alert). */
	answer: SummaryAnswer | null;
}

export interface SummaryFlag {
	source: FlagSource;
	categories: CategoryId[];
	note: string;
	at: number;
}

export interface ClinicianSummary {
	conversationId: string;
	title: string;
	startedAt: number;
	/** The newest activity in the conversation. */
	updatedAt: number;
	generatedAt: number;
	languages: PatientLanguage[];
	profile: PatientProfile | null;
	/** Every emergency category recognised, in CATEGORY_IDS order. */
	emergency: CategoryId[];
	/** The conversation's open flags, oldest first. */
	flags: SummaryFlag[];
	turns: SummaryTurn[];
}

function answerState(message: StoredMessage): AnswerState {
	if (message.notice === 'model-not-ready') return 'no-model';
	switch (message.status) {
		case 'done':
			return 'complete';
		case 'aborted':
			return message.interrupted ? 'interrupted' : 'stopped';
		case 'error':
			return 'failed';
		case 'streaming':
			return 'writing';
	}
}

const HAN = /\p{Script=Han}/u;
const LATIN_WORD = /\p{Script=Latin}{2,}/u;
/** Redaction placeholders of both languages: the app wrote them, not the patient. */
const PLACEHOLDER_TEXTS = Object.values(PLACEHOLDERS).flatMap((labels) => Object.values(labels));

/** Which scripts the questions are written in (placeholders such as [PHONE] are not counted). */
export function patientLanguages(questions: readonly string[]): PatientLanguage[] {
	const text = PLACEHOLDER_TEXTS.reduce(
		(rest, placeholder) => rest.replaceAll(placeholder, ' '),
		questions.join('\n')
	);
	const languages: PatientLanguage[] = [];
	if (HAN.test(text)) languages.push('zh');
	if (LATIN_WORD.test(text)) languages.push('en');
	return languages;
}

function copyFlag(flag: ConversationFlag): SummaryFlag {
	return { source: flag.source, categories: [...flag.categories], note: flag.note, at: flag.at };
}

/**
 * The summary of one conversation. `messages` are the conversation's messages in any order (they
 * are read by `seq`); assistant messages before the first question are left out. Never throws.
 */
export function buildSummary(
	conversation: Conversation,
	messages: readonly StoredMessage[],
	now: number = Date.now()
): ClinicianSummary {
	const ordered = [...messages]
		.filter((message) => message.conversationId === conversation.id)
		.sort((a, b) => a.seq - b.seq);
	const turns: SummaryTurn[] = [];
	for (const message of ordered) {
		if (message.role === 'user') {
			turns.push({
				n: turns.length + 1,
				question: message.text,
				askedAt: message.createdAt,
				emergency: [...message.emergency],
				redacted: [...message.redacted],
				answer: null
			});
			continue;
		}
		const turn = turns.at(-1);
		if (!turn) continue;
		// A regenerated answer replaces the earlier one: staff read what the patient saw last.
		turn.answer = {
			text: message.text,
			advisory: message.advisory,
			state: answerState(message),
			error: message.status === 'error' ? message.error : null,
			modelId: message.modelId,
			at: message.updatedAt
		};
	}
	const recognised = new Set<CategoryId>([
		...turns.flatMap((turn) => turn.emergency),
		...conversation.flags.flatMap((flag) => flag.categories)
	]);
	return {
		conversationId: conversation.id,
		title: conversation.title,
		startedAt: conversation.createdAt,
		updatedAt: conversation.updatedAt,
		generatedAt: now,
		languages: patientLanguages(turns.map((turn) => turn.question)),
		profile: conversation.profile ? { ...conversation.profile } : null,
		emergency: CATEGORY_IDS.filter((id) => recognised.has(id)),
		flags: conversation.flags.map(copyFlag).sort((a, b) => a.at - b.at),
		turns
	};
}

/** The time of the newest flag (the flagged list is ordered by it); 0 when there is none. */
export function latestFlagAt(conversation: Pick<Conversation, 'flags'>): number {
	return conversation.flags.reduce((latest, flag) => Math.max(latest, flag.at), 0);
}
