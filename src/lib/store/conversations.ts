// Conversations and their messages: the history of personal mode.
//
// Invariants:
// - Every write is one Dexie transaction: it happens whole or not at all, also when two tabs
//   write at once (IndexedDB serialises overlapping read-write transactions), and a failure such
//   as a full disk (StoreError 'quota') leaves what was stored unchanged.
// - Text is scrubbed (redacted again) and tokenised for search here, whatever the caller did.
// - A conversation's messageCount, lastSeq and preview change in the same transaction as its
//   messages; `updatedAt` follows message activity (a rename does not move it up the list).
// Every function rejects with a StoreError: 'not-found', 'quota', 'unavailable' or 'unknown'.
import Dexie from 'dexie';
import { isCategoryId, type CategoryId } from '../safety/categories';
import type { IdentifierKind } from '../safety/redact/types';
import type { EngineKind } from '../engine/protocol';
import type { AppDatabase } from './db';
import { guard, StoreError } from './errors';
import { newId } from './ids';
import {
	isAgeGroup,
	KIOSK_TAG,
	LIMITS,
	PREVIEW_CHARS,
	TITLE_CHARS,
	type Citation,
	type Conversation,
	type ConversationFlag,
	type FlagSource,
	type MessageRole,
	type MessageRow,
	type MessageStatus,
	type MessageTimings,
	type Notice,
	type PatientProfile,
	type StoredMessage
} from './schema';
import { scrub, scrubNullable, scrubWithKinds } from './scrub';
import { indexTokens } from './words';

/**
 * A message to store. Structurally a subset of the chat session's ChatMessage, so one can be passed
 * as it is (its `id` and `waiting` are ignored: the store gives its own, time-ordered id).
 */
export interface NewMessage {
	role: MessageRole;
	text: string;
	raw?: string | null;
	advisory?: string | null;
	disclaimer?: string | null;
	/** Default 'done'. */
	status?: MessageStatus;
	interrupted?: boolean;
	error?: string | null;
	notice?: Notice | null;
	modelId?: string | null;
	engine?: EngineKind | null;
	emergency?: readonly CategoryId[];
	redacted?: readonly IdentifierKind[];
	citations?: readonly Citation[];
	timings?: MessageTimings | null;
}

/** What may change in a stored message (role, order and conversation never change). */
export type MessagePatch = Partial<Omit<NewMessage, 'role'>>;

export interface NewConversation {
	title?: string;
	profile?: PatientProfile | null;
	/** Created in kiosk mode: tagged as the kiosk session's, wiped with it (default false). */
	kiosk?: boolean;
}

export interface ListOptions {
	/** 1–500, default 50. */
	limit?: number;
	/** Default 0. */
	offset?: number;
}

const oneLine = (text: string): string => text.replace(/\s+/g, ' ').trim();

function clip(text: string, max: number): string {
	const chars = Array.from(text);
	return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : text;
}

/** A title from the first question: its first line, at most TITLE_CHARS. */
export function titleFrom(text: string): string {
	const firstLine = text.split(/\r?\n/).find((line) => line.trim().length > 0) ?? '';
	return clip(oneLine(firstLine), TITLE_CHARS);
}

export const previewFrom = (text: string): string => clip(oneLine(text), PREVIEW_CHARS);

/** Blank profiles are stored as null; each field is scrubbed, trimmed and cut to LIMITS.profileField. */
export function cleanProfile(profile: Partial<PatientProfile> | null | undefined): PatientProfile | null {
	if (!profile) return null;
	const field = (value: unknown) =>
		typeof value === 'string' ? scrub(value.trim()).slice(0, LIMITS.profileField) : '';
	const clean: PatientProfile = {
		chiefComplaint: field(profile.chiefComplaint),
		medicalHistory: field(profile.medicalHistory),
		ageGroup: isAgeGroup(profile.ageGroup) ? profile.ageGroup : null
	};
	return clean.chiefComplaint || clean.medicalHistory || clean.ageGroup ? clean : null;
}

const unique = <T>(values: readonly T[]): T[] => [...new Set(values)];

/** Scrubbed, normalised message fields with their search tokens (no ids, no seq, no times). */
export function messageFields(
	message: NewMessage
): Omit<MessageRow, 'id' | 'conversationId' | 'seq' | 'createdAt' | 'updatedAt'> {
	const text = scrubWithKinds(message.text);
	return {
		role: message.role,
		text: text.text,
		raw: scrubNullable(message.raw),
		advisory: scrubNullable(message.advisory),
		disclaimer: scrubNullable(message.disclaimer),
		status: message.status ?? 'done',
		interrupted: message.interrupted ?? false,
		error: scrubNullable(message.error),
		notice: message.notice ?? null,
		modelId: message.modelId ?? null,
		engine: message.engine ?? null,
		emergency: unique((message.emergency ?? []).filter(isCategoryId)),
		redacted: unique([...(message.redacted ?? []), ...text.kinds]),
		citations: (message.citations ?? []).map((c) => ({ ...c })),
		timings: message.timings ? { ...message.timings } : null,
		words: indexTokens(text.text)
	};
}

/** The row without its search tokens. */
export function toStoredMessage(row: MessageRow): StoredMessage {
	const { words: _words, ...message } = row;
	return message;
}

/** Messages of one conversation, in order, through the [conversationId+seq] index. */
export function messagesOf(db: AppDatabase, conversationId: string) {
	return db.messages
		.where('[conversationId+seq]')
		.between([conversationId, Dexie.minKey], [conversationId, Dexie.maxKey]);
}

function addSafetyFlag(
	flags: readonly ConversationFlag[],
	categories: readonly CategoryId[],
	at: number
): ConversationFlag[] {
	const existing = flags.find((flag) => flag.source === 'safety');
	const merged: ConversationFlag = {
		source: 'safety',
		categories: unique([...(existing?.categories ?? []), ...categories]),
		note: '',
		at
	};
	return [...flags.filter((flag) => flag !== existing), merged];
}

/** The conversation after `message` was added as its newest message. */
export function withNewMessage(
	conversation: Conversation,
	message: StoredMessage,
	now: number
): Conversation {
	const flags =
		message.role === 'user' && message.emergency.length > 0
			? addSafetyFlag(conversation.flags, message.emergency, now)
			: conversation.flags;
	return {
		...conversation,
		title: conversation.title || (message.role === 'user' ? titleFrom(message.text) : ''),
		updatedAt: Math.max(conversation.updatedAt, now),
		messageCount: conversation.messageCount + 1,
		lastSeq: message.seq,
		preview: message.text ? previewFrom(message.text) : conversation.preview,
		flags,
		flagged: flags.length > 0
	};
}

async function requireConversation(db: AppDatabase, id: string): Promise<Conversation> {
	const conversation = await db.conversations.get(id);
	if (!conversation) throw new StoreError('not-found', `conversation ${id}`);
	return conversation;
}

export function createConversation(db: AppDatabase, init: NewConversation = {}): Promise<Conversation> {
	const now = Date.now();
	const conversation: Conversation = {
		id: newId(now),
		createdAt: now,
		updatedAt: now,
		title: clip(oneLine(scrub(init.title ?? '')), LIMITS.title),
		profile: cleanProfile(init.profile),
		flagged: false,
		flags: [],
		messageCount: 0,
		lastSeq: 0,
		preview: '',
		...(init.kiosk ? { kiosk: KIOSK_TAG } : {})
	};
	return guard(async () => {
		await db.conversations.add(conversation);
		return conversation;
	});
}

export function getConversation(db: AppDatabase, id: string): Promise<Conversation | undefined> {
	return guard(() => db.conversations.get(id));
}

/** Newest activity first, each with its message count and last message preview. */
export function listConversations(db: AppDatabase, options: ListOptions = {}): Promise<Conversation[]> {
	const limit = Math.min(500, Math.max(1, Math.floor(options.limit ?? 50)));
	const offset = Math.max(0, Math.floor(options.offset ?? 0));
	return guard(() => db.conversations.orderBy('updatedAt').reverse().offset(offset).limit(limit).toArray());
}

export function countConversations(db: AppDatabase): Promise<number> {
	return guard(() => db.conversations.count());
}

/** A blank title goes back to "untitled" (the UI's "New conversation"). */
export function renameConversation(db: AppDatabase, id: string, title: string): Promise<Conversation> {
	const clean = clip(oneLine(scrub(title)), LIMITS.title);
	return guard(() =>
		db.transaction('rw', db.conversations, async () => {
			const conversation = { ...(await requireConversation(db, id)), title: clean };
			await db.conversations.put(conversation);
			return conversation;
		})
	);
}

/** `null` (or all fields blank) removes the profile. */
export function setProfile(
	db: AppDatabase,
	id: string,
	profile: Partial<PatientProfile> | null
): Promise<Conversation> {
	const clean = cleanProfile(profile);
	return guard(() =>
		db.transaction('rw', db.conversations, async () => {
			const conversation = { ...(await requireConversation(db, id)), profile: clean };
			await db.conversations.put(conversation);
			return conversation;
		})
	);
}

/**
 * Flags a conversation for staff attention. Source 'safety' merges categories into one flag; source
 * 'patient' replaces the patient's earlier flag (its note is scrubbed and cut to LIMITS.note).
 */
export function flagConversation(
	db: AppDatabase,
	id: string,
	flag: { source: FlagSource; categories?: readonly CategoryId[]; note?: string }
): Promise<Conversation> {
	const now = Date.now();
	return guard(() =>
		db.transaction('rw', db.conversations, async () => {
			const conversation = await requireConversation(db, id);
			const flags =
				flag.source === 'safety'
					? addSafetyFlag(conversation.flags, (flag.categories ?? []).filter(isCategoryId), now)
					: [
							...conversation.flags.filter((f) => f.source !== 'patient'),
							{
								source: 'patient' as const,
								categories: [],
								note: scrub(flag.note ?? '').slice(0, LIMITS.note),
								at: now
							}
						];
			const next = { ...conversation, flags, flagged: flags.length > 0 };
			await db.conversations.put(next);
			return next;
		})
	);
}

/** Removes the flags of one source (or all flags). */
export function unflagConversation(db: AppDatabase, id: string, source?: FlagSource): Promise<Conversation> {
	return guard(() =>
		db.transaction('rw', db.conversations, async () => {
			const conversation = await requireConversation(db, id);
			const flags = source ? conversation.flags.filter((f) => f.source !== source) : [];
			const next = { ...conversation, flags, flagged: flags.length > 0 };
			await db.conversations.put(next);
			return next;
		})
	);
}

/** The conversation, its messages and their feedback, in one transaction. Deleting a missing id is not an error. */
export function deleteConversation(db: AppDatabase, id: string): Promise<void> {
	return guard(() =>
		db.transaction('rw', db.conversations, db.messages, db.feedback, async () => {
			await messagesOf(db, id).delete();
			await db.feedback.where('conversationId').equals(id).delete();
			await db.conversations.delete(id);
		})
	);
}

/** Every conversation, message and feedback row (settings stay). */
export function deleteAllConversations(db: AppDatabase): Promise<void> {
	return guard(() =>
		db.transaction('rw', db.conversations, db.messages, db.feedback, async () => {
			await db.messages.clear();
			await db.feedback.clear();
			await db.conversations.clear();
		})
	);
}

/** The conversation's messages, oldest first. An unknown conversation has none. */
export function getMessages(db: AppDatabase, conversationId: string): Promise<StoredMessage[]> {
	return guard(async () => (await messagesOf(db, conversationId).toArray()).map(toStoredMessage));
}

export function getMessage(db: AppDatabase, id: string): Promise<StoredMessage | undefined> {
	return guard(async () => {
		const row = await db.messages.get(id);
		return row && toStoredMessage(row);
	});
}

/**
 * Adds a message at the end of a conversation: the first question names an untitled conversation,
 * a question with emergency categories flags it. Returns the message as stored (scrubbed, with
 * its id and seq).
 */
export function appendMessage(
	db: AppDatabase,
	conversationId: string,
	message: NewMessage
): Promise<StoredMessage> {
	const now = Date.now();
	const fields = messageFields(message);
	return guard(() =>
		db.transaction('rw', db.conversations, db.messages, async () => {
			const conversation = await requireConversation(db, conversationId);
			const row: MessageRow = {
				...fields,
				id: newId(now),
				conversationId,
				seq: conversation.lastSeq + 1,
				createdAt: now,
				updatedAt: now
			};
			await db.messages.add(row);
			const stored = toStoredMessage(row);
			await db.conversations.put(withNewMessage(conversation, stored, now));
			return stored;
		})
	);
}

/** Changes a stored message (e.g. the streaming answer); the newest message also updates the preview. */
export function updateMessage(db: AppDatabase, id: string, patch: MessagePatch): Promise<StoredMessage> {
	const now = Date.now();
	return guard(() =>
		db.transaction('rw', db.conversations, db.messages, async () => {
			const row = await db.messages.get(id);
			if (!row) throw new StoreError('not-found', `message ${id}`);
			const fields = messageFields({ ...toStoredMessage(row), ...patch, role: row.role });
			const next: MessageRow = { ...row, ...fields, updatedAt: now };
			await db.messages.put(next);
			const conversation = await db.conversations.get(row.conversationId);
			if (conversation) {
				await db.conversations.put({
					...conversation,
					updatedAt: Math.max(conversation.updatedAt, now),
					preview:
						row.seq === conversation.lastSeq && next.text ? previewFrom(next.text) : conversation.preview
				});
			}
			return toStoredMessage(next);
		})
	);
}
