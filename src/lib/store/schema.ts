// The shapes of the rows kept in IndexedDB from schema version 2 on (conversations, messages,
// feedback), with the value lists an import is checked against. Pure: no Dexie, no DOM.
//
// Invariants:
// - Every free-text field holds REDACTED text only (the repositories pass it through `scrub`).
// - Optional facts are `null`, never missing, so an export and a re-import give equal rows.
// - `Conversation.messageCount`, `lastSeq` and `preview` are kept in step with the messages by the
//   repositories in the same transaction, so the history list is one indexed read.
import type { CategoryId } from '../safety/categories';
import type { IdentifierKind } from '../safety/redact/types';
import type { EngineKind } from '../engine/protocol';

export const MESSAGE_ROLES = ['user', 'assistant'] as const;
export type MessageRole = (typeof MESSAGE_ROLES)[number];

/** As in the chat session: 'streaming' only while a tab is writing the answer. */
export const MESSAGE_STATUSES = ['streaming', 'done', 'aborted', 'error'] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

const ENGINES: Record<EngineKind, true> = { webllm: true, onnx: true };
export const ENGINE_KINDS = Object.keys(ENGINES) as EngineKind[];

/** Age groups a patient may choose (no exact age is asked for). */
export const AGE_GROUPS = ['infant', 'child', 'adolescent', 'adult', 'older-adult'] as const;
export type AgeGroup = (typeof AGE_GROUPS)[number];

export const NOTICES = ['model-not-ready'] as const;
export type Notice = (typeof NOTICES)[number];

/** Optional, per conversation; goes into the system prompt (chat/system-prompt.ts). */
export interface PatientProfile {
	chiefComplaint: string;
	medicalHistory: string;
	ageGroup: AgeGroup | null;
}

export const FLAG_SOURCES = ['safety', 'patient'] as const;
export type FlagSource = (typeof FLAG_SOURCES)[number];

/** Why a conversation is flagged: an emergency the safety layer recognised, or the patient's own mark. */
export interface ConversationFlag {
	source: FlagSource;
	/** Emergency categories (source 'safety'); empty otherwise. */
	categories: CategoryId[];
	/** The patient's note (source 'patient'), redacted; '' when none. */
	note: string;
	at: number;
}

export interface Conversation {
	id: string;
	createdAt: number;
	/** Last change to the conversation or any of its messages; the history list is ordered by it. */
	updatedAt: number;
	/** '' until the first question (then its first line) or a rename; the UI shows "New conversation". */
	title: string;
	profile: PatientProfile | null;
	flagged: boolean;
	flags: ConversationFlag[];
	messageCount: number;
	/** `seq` of the newest message; 0 when there is none. */
	lastSeq: number;
	/** The newest message's text, one line, at most PREVIEW_CHARS. */
	preview: string;
	/**
	 * 1 on a conversation created in kiosk mode: it belongs to the kiosk session and is wiped with it
	 * (store/kiosk.ts). Absent on every other conversation (personal, imported), which a kiosk wipe
	 * never touches. A number, not `true`: IndexedDB cannot index booleans, and rows without the
	 * field stay out of the index, so the session is one small indexed read. Never exported.
	 */
	kiosk?: typeof KIOSK_TAG;
}

export const KIOSK_TAG = 1;

/** A knowledge-base passage an answer used. */
export interface Citation {
	id: string;
	title: string;
	source: string | null;
	url: string | null;
	/** When the entry was last reviewed (YYYY-MM-DD); absent in files exported before it was kept. */
	updated?: string | null;
	/** The passage as the model was given it, shown under the answer; absent in older exports. */
	snippet?: string | null;
}

export interface MessageTimings {
	startedAt: number | null;
	firstTokenAt: number | null;
	endedAt: number | null;
	prefillTokensPerSecond: number | null;
	decodeTokensPerSecond: number | null;
}

export interface StoredMessage {
	id: string;
	conversationId: string;
	/** 1, 2, 3… within the conversation: the display order. */
	seq: number;
	role: MessageRole;
	/** Redacted question, or the cleaned answer: what is shown, searched and exported. */
	text: string;
	/** Assistant: the model's text as generated (redacted); what goes back to the model. */
	raw: string | null;
	advisory: string | null;
	disclaimer: string | null;
	status: MessageStatus;
	/** The tab closed while this answer streamed (status is then 'aborted'). */
	interrupted: boolean;
	/** Status 'error': the engine's error code. */
	error: string | null;
	notice: Notice | null;
	modelId: string | null;
	engine: EngineKind | null;
	emergency: CategoryId[];
	redacted: IdentifierKind[];
	citations: Citation[];
	timings: MessageTimings | null;
	createdAt: number;
	updatedAt: number;
}

/** A message as stored: with its search tokens (`words`, a multiEntry index; see words.ts). */
export interface MessageRow extends StoredMessage {
	words: string[];
}

export const RATINGS = ['up', 'down'] as const;
export type Rating = (typeof RATINGS)[number];

/** One vote per answer: a new vote on the same answer replaces the old one. */
export interface FeedbackRow {
	id: string;
	messageId: string;
	conversationId: string;
	rating: Rating;
	/** Optional reason, redacted; '' when none. */
	reason: string;
	createdAt: number;
}

/** Display lengths (characters). */
export const TITLE_CHARS = 60;
export const PREVIEW_CHARS = 120;

/** Longest values accepted by rename, setProfile, feedback and import (characters). */
export const LIMITS = {
	title: 200,
	profileField: 2_000,
	note: 500,
	reason: 1_000,
	text: 100_000,
	raw: 200_000,
	short: 200,
	citations: 50
} as const;

export const isMessageRole = (value: unknown): value is MessageRole =>
	(MESSAGE_ROLES as readonly unknown[]).includes(value);
export const isMessageStatus = (value: unknown): value is MessageStatus =>
	(MESSAGE_STATUSES as readonly unknown[]).includes(value);
export const isAgeGroup = (value: unknown): value is AgeGroup =>
	(AGE_GROUPS as readonly unknown[]).includes(value);
export const isEngineKind = (value: unknown): value is EngineKind =>
	(ENGINE_KINDS as readonly unknown[]).includes(value);
export const isNotice = (value: unknown): value is Notice => (NOTICES as readonly unknown[]).includes(value);
export const isRating = (value: unknown): value is Rating => (RATINGS as readonly unknown[]).includes(value);
