// Export of one conversation (Markdown to read, JSON to move to another device) and import of
// such a JSON file.
//
// Invariants of import:
// - The file is untrusted. It is checked strictly before anything is written: size, JSON syntax,
//   format name and version, every field's type, length and allowed values, no unknown fields,
//   no prototype-pollution keys (__proto__, constructor, prototype) anywhere.
// - The file's bytes must be UTF-8 (decoded with `fatal: true`: never replacement characters), and
//   no time in it may be later than now + MAX_FUTURE_MS.
// - Every text is scrubbed (redacted) again, the sources' id, title, source and passage too; what
//   has a strict shape is checked against it instead and dropped when it does not fit (a source
//   link: http(s) or a path on this site; the model id: a catalog id), so no field carries an
//   identifier into IndexedDB. Every id is new; the conversation and all its messages are written
//   in ONE transaction, so a refused or failed import changes nothing.
// - Import never throws: it returns { ok: false, code, detail }; the UI translates `code`
//   (`detail` names the offending field, for diagnostics).
import type { AppDatabase } from './db';
import {
	cleanProfile,
	messageFields,
	messagesOf,
	previewFrom,
	titleFrom,
	type NewMessage
} from './conversations';
import { guard, StoreError, toStoreError } from './errors';
import { newId } from './ids';
import {
	AGE_GROUPS,
	FLAG_SOURCES,
	isEngineKind,
	isMessageRole,
	isMessageStatus,
	isNotice,
	LIMITS,
	type AgeGroup,
	type Citation,
	type Conversation,
	type ConversationFlag,
	type MessageRow,
	type MessageTimings,
	type PatientProfile,
	type StoredMessage
} from './schema';
import { scrub, scrubNullable } from './scrub';
import { isCategoryId, type CategoryId } from '../safety/categories';
import { PLACEHOLDERS, type IdentifierKind } from '../safety/redact/types';

export const EXPORT_FORMAT = 'health-qa-conversation';
export const EXPORT_VERSION = 1;
/** Largest file import accepts, in characters of its text (≈ bytes for JSON). */
export const MAX_IMPORT_CHARS = 5_000_000;
/** Most messages one imported conversation may have. */
export const MAX_IMPORT_MESSAGES = 2_000;
/**
 * Latest time an imported file may hold, after now: a day covers time zones and a clock a little
 * off. A later time is refused ('future-time'): it would sort above everything and could be taken
 * for current activity.
 */
export const MAX_FUTURE_MS = 24 * 60 * 60 * 1000;

/** A message in an export: everything but its ids and order (the array order is the order). */
export type ExportedMessage = Omit<StoredMessage, 'id' | 'conversationId' | 'seq'>;

export interface ConversationExport {
	format: typeof EXPORT_FORMAT;
	version: typeof EXPORT_VERSION;
	/** ISO 8601. */
	exportedAt: string;
	conversation: Pick<Conversation, 'title' | 'createdAt' | 'updatedAt' | 'profile' | 'flags'>;
	messages: ExportedMessage[];
}

// ---------------------------------------------------------------------------------------------
// Export

async function load(
	db: AppDatabase,
	id: string
): Promise<{ conversation: Conversation; messages: StoredMessage[] }> {
	return guard(() =>
		db.transaction('r', db.conversations, db.messages, async () => {
			const conversation = await db.conversations.get(id);
			if (!conversation) throw new StoreError('not-found', `conversation ${id}`);
			const rows = await messagesOf(db, id).toArray();
			return { conversation, messages: rows.map(({ words: _words, ...message }) => message) };
		})
	);
}

/** The export object of one conversation. Rejects with StoreError 'not-found'. */
export async function conversationExport(
	db: AppDatabase,
	id: string,
	now = Date.now()
): Promise<ConversationExport> {
	const { conversation, messages } = await load(db, id);
	return {
		format: EXPORT_FORMAT,
		version: EXPORT_VERSION,
		exportedAt: new Date(now).toISOString(),
		conversation: {
			title: conversation.title,
			createdAt: conversation.createdAt,
			updatedAt: conversation.updatedAt,
			profile: conversation.profile,
			flags: conversation.flags
		},
		messages: messages.map(({ id: _id, conversationId: _c, seq: _s, ...message }) => message)
	};
}

/** One conversation as JSON text (format 'health-qa-conversation', version 1). */
export async function exportConversationJson(db: AppDatabase, id: string): Promise<string> {
	return `${JSON.stringify(await conversationExport(db, id), null, '\t')}\n`;
}

/** Words of the Markdown export, in the reader's language (the UI passes its i18n strings). */
export interface MarkdownLabels {
	untitled: string;
	exportedAt: string;
	profile: string;
	chiefComplaint: string;
	medicalHistory: string;
	ageGroup: string;
	ageGroups: Record<AgeGroup, string>;
	patient: string;
	assistant: string;
	/** The tab closed while the answer was written. */
	interrupted: string;
	/** The patient stopped the answer. */
	stopped: string;
	/** The answer failed (the error code follows in parentheses). */
	failed: string;
	modelNotReady: string;
}

export interface MarkdownOptions {
	/** How times are written; default ISO 8601 (UTC). */
	formatTime?: (ms: number) => string;
	/** Time of the export; default now. */
	now?: number;
}

/** `<tag`-like text would be raw HTML in most Markdown viewers: shown as text instead. */
const escapeHtml = (text: string): string =>
	text.replace(/&(?=#?\w+;)/g, '&amp;').replace(/<(?=[a-zA-Z/!?])/g, '&lt;');

/** Patient text is shown as typed: line starts that Markdown would read as structure are escaped. */
function escapeMarkdown(text: string): string {
	return escapeHtml(text)
		.split(/\r?\n/)
		.map((line) => line.replace(/^(\s*)([#>+*=|`~_-]|\d+[.)])/, '$1\\$2'))
		.join('  \n');
}

const blockquote = (text: string): string =>
	escapeHtml(text)
		.split(/\r?\n/)
		.map((line) => `> ${line}`)
		.join('\n');

/**
 * One conversation as Markdown: title, export time, the patient profile, then each question and
 * answer with its advisory, disclaimer and status. Rejects with StoreError 'not-found'.
 */
export async function exportConversationMarkdown(
	db: AppDatabase,
	id: string,
	labels: MarkdownLabels,
	options: MarkdownOptions = {}
): Promise<string> {
	const time = options.formatTime ?? ((ms: number) => new Date(ms).toISOString());
	const { conversation, messages } = await load(db, id);
	const out: string[] = [
		`# ${escapeMarkdown(conversation.title || labels.untitled)}`,
		'',
		`${labels.exportedAt}: ${time(options.now ?? Date.now())}`
	];
	const profile = conversation.profile;
	if (profile) {
		out.push('', `## ${labels.profile}`, '');
		if (profile.chiefComplaint)
			out.push(`- **${labels.chiefComplaint}**: ${escapeMarkdown(profile.chiefComplaint)}`);
		if (profile.medicalHistory)
			out.push(`- **${labels.medicalHistory}**: ${escapeMarkdown(profile.medicalHistory)}`);
		if (profile.ageGroup) out.push(`- **${labels.ageGroup}**: ${labels.ageGroups[profile.ageGroup]}`);
	}
	for (const message of messages) {
		out.push(
			'',
			`### ${message.role === 'user' ? labels.patient : labels.assistant} · ${time(message.createdAt)}`,
			''
		);
		if (message.role === 'user') {
			out.push(escapeMarkdown(message.text));
			continue;
		}
		if (message.notice === 'model-not-ready') out.push(`*${labels.modelNotReady}*`);
		else if (message.text) out.push(escapeHtml(message.text));
		if (message.advisory) out.push('', blockquote(message.advisory));
		if (message.disclaimer) out.push('', blockquote(message.disclaimer));
		if (message.status === 'aborted')
			out.push('', `*${message.interrupted ? labels.interrupted : labels.stopped}*`);
		if (message.status === 'error')
			out.push('', `*${labels.failed}${message.error ? ` (${escapeHtml(message.error)})` : ''}*`);
	}
	return `${out.join('\n')}\n`;
}

// ---------------------------------------------------------------------------------------------
// Import

export type ImportErrorCode =
	/** Larger than MAX_IMPORT_CHARS. */
	| 'too-large'
	/** Not JSON at all (a different or damaged file). */
	| 'not-json'
	/** JSON, but not a conversation exported by this app. */
	| 'wrong-format'
	/** A conversation from a newer (or unknown) version of the app. */
	| 'unsupported-version'
	/** More than MAX_IMPORT_MESSAGES messages. */
	| 'too-many-messages'
	/** A key that could alter objects' prototypes (__proto__, constructor, prototype): a hostile file. */
	| 'forbidden-key'
	/** Not UTF-8 text: invalid byte sequences, or a string with a lone surrogate (`"\ud800"`). */
	| 'not-utf8'
	/** A time later than now + MAX_FUTURE_MS (a wrong clock, or a made-up file). */
	| 'future-time'
	/** A field missing, unknown, of the wrong type or value, or too long. */
	| 'invalid-field'
	/** Storage is full: nothing was imported. */
	| 'quota'
	/** Storage could not be used (blocked, closed). */
	| 'failed';

export type ImportResult =
	| { ok: true; conversationId: string; messageCount: number }
	| { ok: false; code: ImportErrorCode; detail: string };

class Refusal extends Error {
	constructor(
		readonly code: ImportErrorCode,
		readonly detail: string
	) {
		super(`${code}: ${detail}`);
	}
}

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const MAX_TIME = 8.64e15;

type Json = Record<string, unknown>;

/** Walks the parsed value without recursion (a deeply nested file cannot overflow the stack). */
function findForbiddenKey(value: unknown): string | null {
	const stack: { value: unknown; path: string }[] = [{ value, path: '$' }];
	while (stack.length > 0) {
		const item = stack.pop();
		if (!item || typeof item.value !== 'object' || item.value === null) continue;
		const array = Array.isArray(item.value);
		for (const key of Object.keys(item.value)) {
			const path = array ? `${item.path}[${key}]` : `${item.path}.${key}`;
			if (FORBIDDEN_KEYS.has(key)) return path;
			stack.push({ value: (item.value as Json)[key], path });
		}
	}
	return null;
}

const invalid = (path: string, why: string): Refusal => new Refusal('invalid-field', `${path}: ${why}`);

function object(
	value: unknown,
	path: string,
	required: readonly string[],
	optional: readonly string[] = []
): Json {
	if (typeof value !== 'object' || value === null || Array.isArray(value))
		throw invalid(path, 'not an object');
	const record = value as Json;
	for (const key of Object.keys(record)) {
		if (!required.includes(key) && !optional.includes(key)) throw invalid(`${path}.${key}`, 'unknown field');
	}
	for (const key of required) if (!Object.hasOwn(record, key)) throw invalid(`${path}.${key}`, 'missing');
	return record;
}

/** A UTF-16 surrogate without its pair: JSON can escape one, UTF-8 cannot hold it. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function text(value: unknown, path: string, max: number): string {
	if (typeof value !== 'string') throw invalid(path, 'not a string');
	if (value.length > max) throw invalid(path, `longer than ${max} characters`);
	if (LONE_SURROGATE.test(value)) throw new Refusal('not-utf8', `${path}: a lone surrogate`);
	return value;
}

function nullableText(value: unknown, path: string, max: number): string | null {
	return value === null ? null : text(value, path, max);
}

function time(value: unknown, path: string): number {
	if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > MAX_TIME) {
		throw invalid(path, 'not a time');
	}
	return value;
}

function nullableNumber(value: unknown, path: string): number | null {
	if (value === null) return null;
	if (typeof value !== 'number' || !Number.isFinite(value) || value < 0)
		throw invalid(path, 'not a number ≥ 0');
	return value;
}

function list<T>(value: unknown, path: string, max: number, item: (value: unknown, path: string) => T): T[] {
	if (!Array.isArray(value)) throw invalid(path, 'not a list');
	if (value.length > max) throw invalid(path, `more than ${max} items`);
	return value.map((entry, index) => item(entry, `${path}[${index}]`));
}

function oneOf<T>(guardFn: (value: unknown) => value is T, allowed: string) {
	return (value: unknown, path: string): T => {
		if (!guardFn(value)) throw invalid(path, `not one of ${allowed}`);
		return value;
	};
}

const categoryId = oneOf(isCategoryId, 'the emergency categories');
const identifierKinds = new Set<unknown>(Object.keys(PLACEHOLDERS.en));
const identifierKind = oneOf((v): v is IdentifierKind => identifierKinds.has(v), 'the identifier kinds');

function profile(value: unknown, path: string): PatientProfile | null {
	if (value === null) return null;
	const record = object(value, path, ['chiefComplaint', 'medicalHistory', 'ageGroup']);
	const ageGroup = record.ageGroup;
	if (ageGroup !== null && !(AGE_GROUPS as readonly unknown[]).includes(ageGroup)) {
		throw invalid(`${path}.ageGroup`, `not one of ${AGE_GROUPS.join(', ')}`);
	}
	return {
		chiefComplaint: text(record.chiefComplaint, `${path}.chiefComplaint`, LIMITS.profileField),
		medicalHistory: text(record.medicalHistory, `${path}.medicalHistory`, LIMITS.profileField),
		ageGroup: ageGroup as AgeGroup | null
	};
}

function flag(value: unknown, path: string): ConversationFlag {
	const record = object(value, path, ['source', 'categories', 'note', 'at']);
	if (!(FLAG_SOURCES as readonly unknown[]).includes(record.source))
		throw invalid(`${path}.source`, 'not a flag source');
	return {
		source: record.source as ConversationFlag['source'],
		categories: list(record.categories, `${path}.categories`, 32, categoryId),
		note: scrub(text(record.note, `${path}.note`, LIMITS.note)),
		at: time(record.at, `${path}.at`)
	};
}

/** A web link, or a path on this site; anything else (javascript:, data:, `//host`) is no link. */
const LINK = /^(?:https?:\/\/[^\s\\]+|\/(?![/\\])[^\s\\]*)$/i;

/**
 * The citation's link, or null: only an http(s) URL or a same-origin path, and only when
 * redaction would leave it as it is (a URL carrying a phone number is dropped, not kept).
 */
function citationUrl(url: string | null): string | null {
	if (url === null || !LINK.test(url)) return null;
	return scrub(url) === url ? url : null;
}

/** A knowledge-base review date (YYYY-MM-DD), or null. */
const reviewDate = (value: string | null): string | null =>
	value !== null && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : null;

function citation(value: unknown, path: string): Citation {
	const record = object(value, path, ['id', 'title', 'source', 'url'], ['updated', 'snippet']);
	// Every text is redacted like message text: a file may carry identifiers in any field.
	const cited: Citation = {
		id: scrub(text(record.id, `${path}.id`, LIMITS.short)),
		title: scrub(text(record.title, `${path}.title`, LIMITS.short * 2)),
		source: scrubNullable(nullableText(record.source, `${path}.source`, LIMITS.short * 3)),
		url: citationUrl(nullableText(record.url, `${path}.url`, 2_000))
	};
	// Optional (knowledge-base answers keep them): the review date and the passage shown with the answer.
	if (record.updated !== undefined)
		cited.updated = reviewDate(nullableText(record.updated, `${path}.updated`, 10));
	if (record.snippet !== undefined)
		cited.snippet = scrubNullable(nullableText(record.snippet, `${path}.snippet`, 8_000));
	return cited;
}

/** The first citation of each id (the answer's Sources list is keyed by id; redaction can make two alike). */
const uniqueIds = (citations: Citation[]): Citation[] =>
	citations.filter((cited, index) => citations.findIndex((other) => other.id === cited.id) === index);

/** Model ids are catalog ids ("Qwen3-4B-q4f16_1-MLC", "Xenova/multilingual-e5-small"). */
const MODEL_ID = /^[\w.-]{1,100}(?:\/[\w.-]{1,100})?$/;

/**
 * The model id, or null: only a catalog-shaped id with no long run of digits (no real model id has
 * one; a phone or ID number has) that redaction leaves as it is.
 */
function modelId(value: string | null): string | null {
	if (value === null || !MODEL_ID.test(value) || /\d{6,}/.test(value)) return null;
	return scrub(value) === value ? value : null;
}

function timings(value: unknown, path: string): MessageTimings | null {
	if (value === null) return null;
	const keys = [
		'startedAt',
		'firstTokenAt',
		'endedAt',
		'prefillTokensPerSecond',
		'decodeTokensPerSecond'
	] as const;
	const record = object(value, path, keys);
	const at = (key: (typeof keys)[number]) =>
		record[key] === null ? null : time(record[key], `${path}.${key}`);
	return {
		startedAt: at('startedAt'),
		firstTokenAt: at('firstTokenAt'),
		endedAt: at('endedAt'),
		prefillTokensPerSecond: nullableNumber(record.prefillTokensPerSecond, `${path}.prefillTokensPerSecond`),
		decodeTokensPerSecond: nullableNumber(record.decodeTokensPerSecond, `${path}.decodeTokensPerSecond`)
	};
}

const MESSAGE_KEYS = [
	'role',
	'text',
	'raw',
	'advisory',
	'disclaimer',
	'status',
	'interrupted',
	'error',
	'notice',
	'modelId',
	'engine',
	'emergency',
	'redacted',
	'citations',
	'timings',
	'createdAt',
	'updatedAt'
] as const;

function message(value: unknown, path: string): NewMessage & { createdAt: number; updatedAt: number } {
	const record = object(value, path, MESSAGE_KEYS);
	if (!isMessageRole(record.role)) throw invalid(`${path}.role`, 'not user or assistant');
	if (!isMessageStatus(record.status)) throw invalid(`${path}.status`, 'not a message status');
	if (typeof record.interrupted !== 'boolean') throw invalid(`${path}.interrupted`, 'not true or false');
	if (record.notice !== null && !isNotice(record.notice)) throw invalid(`${path}.notice`, 'not a notice');
	if (record.engine !== null && !isEngineKind(record.engine))
		throw invalid(`${path}.engine`, 'not an engine');
	// An answer exported while it streamed is an interrupted answer here.
	const streaming = record.status === 'streaming';
	return {
		role: record.role,
		text: text(record.text, `${path}.text`, LIMITS.text),
		raw: nullableText(record.raw, `${path}.raw`, LIMITS.raw),
		advisory: nullableText(record.advisory, `${path}.advisory`, LIMITS.text),
		disclaimer: nullableText(record.disclaimer, `${path}.disclaimer`, LIMITS.text),
		status: streaming ? 'aborted' : record.status,
		interrupted: streaming || record.interrupted,
		error: nullableText(record.error, `${path}.error`, LIMITS.short),
		notice: record.notice,
		modelId: modelId(nullableText(record.modelId, `${path}.modelId`, LIMITS.short)),
		engine: record.engine,
		emergency: list(record.emergency, `${path}.emergency`, 32, categoryId) as CategoryId[],
		redacted: list(record.redacted, `${path}.redacted`, 32, identifierKind),
		citations: uniqueIds(list(record.citations, `${path}.citations`, LIMITS.citations, citation)),
		timings: timings(record.timings, `${path}.timings`),
		createdAt: time(record.createdAt, `${path}.createdAt`),
		updatedAt: time(record.updatedAt, `${path}.updatedAt`)
	};
}

/** Every time a message holds, with its path. */
function messageTimes(
	message: { createdAt: number; updatedAt: number; timings?: MessageTimings | null },
	path: string
) {
	const times: [string, number | null][] = [
		[`${path}.createdAt`, message.createdAt],
		[`${path}.updatedAt`, message.updatedAt],
		[`${path}.timings.startedAt`, message.timings?.startedAt ?? null],
		[`${path}.timings.firstTokenAt`, message.timings?.firstTokenAt ?? null],
		[`${path}.timings.endedAt`, message.timings?.endedAt ?? null]
	];
	return times.filter((entry): entry is [string, number] => entry[1] !== null);
}

function refuseFuture(times: readonly [string, number][], latest: number): void {
	const late = times.find(([, at]) => at > latest);
	if (late)
		throw new Refusal('future-time', `${late[0]}: ${new Date(late[1]).toISOString()} is in the future`);
}

/** The conversation and message rows a valid file becomes (fresh ids, scrubbed text). Throws a Refusal. */
function parse(source: string): { conversation: Conversation; rows: MessageRow[] } {
	if (typeof source !== 'string') throw new Refusal('not-json', 'not text');
	if (source.length > MAX_IMPORT_CHARS)
		throw new Refusal('too-large', `${source.length} > ${MAX_IMPORT_CHARS} characters`);
	let value: unknown;
	try {
		value = JSON.parse(source);
	} catch (error) {
		throw new Refusal('not-json', error instanceof Error ? error.message : String(error));
	}
	const forbidden = findForbiddenKey(value);
	if (forbidden) throw new Refusal('forbidden-key', forbidden);
	if (
		typeof value !== 'object' ||
		value === null ||
		Array.isArray(value) ||
		(value as Json).format !== EXPORT_FORMAT
	) {
		throw new Refusal('wrong-format', `format is not "${EXPORT_FORMAT}"`);
	}
	if ((value as Json).version !== EXPORT_VERSION) {
		throw new Refusal('unsupported-version', `version ${JSON.stringify((value as Json).version)}`);
	}
	const top = object(value, '$', ['format', 'version', 'exportedAt', 'conversation', 'messages']);
	text(top.exportedAt, '$.exportedAt', 64);
	if (Array.isArray(top.messages) && top.messages.length > MAX_IMPORT_MESSAGES) {
		throw new Refusal('too-many-messages', `${top.messages.length} > ${MAX_IMPORT_MESSAGES}`);
	}
	const head = object(top.conversation, '$.conversation', [
		'title',
		'createdAt',
		'updatedAt',
		'profile',
		'flags'
	]);
	const messages = list(top.messages, '$.messages', MAX_IMPORT_MESSAGES, message);
	const flags = list(head.flags, '$.conversation.flags', 8, flag);

	const now = Date.now();
	const createdAt = time(head.createdAt, '$.conversation.createdAt');
	const updatedAt = time(head.updatedAt, '$.conversation.updatedAt');
	refuseFuture(
		[
			['$.conversation.createdAt', createdAt],
			['$.conversation.updatedAt', updatedAt],
			...flags.map((f, i): [string, number] => [`$.conversation.flags[${i}].at`, f.at]),
			...messages.flatMap((m, i) => messageTimes(m, `$.messages[${i}]`))
		],
		now + MAX_FUTURE_MS
	);
	const conversationId = newId(now);
	const rows: MessageRow[] = messages.map(({ createdAt, updatedAt, ...fields }, index) => ({
		...messageFields(fields),
		id: newId(now),
		conversationId,
		seq: index + 1,
		createdAt,
		updatedAt
	}));
	const firstQuestion = rows.find((row) => row.role === 'user');
	const last = [...rows].reverse().find((row) => row.text.length > 0);
	const title = scrub(text(head.title, '$.conversation.title', LIMITS.title));
	const conversation: Conversation = {
		id: conversationId,
		createdAt,
		updatedAt,
		title: title || (firstQuestion ? titleFrom(firstQuestion.text) : ''),
		profile: cleanProfile(profile(head.profile, '$.conversation.profile')),
		flags,
		flagged: flags.length > 0,
		messageCount: rows.length,
		lastSeq: rows.length,
		preview: last ? previewFrom(last.text) : ''
	};
	return { conversation, rows };
}

/**
 * Adds the conversation in a JSON export as a new conversation (new ids; the original stays if
 * it is still here). A refused or failed import changes nothing and says why.
 */
export async function importConversationJson(db: AppDatabase, source: string): Promise<ImportResult> {
	let parsed: { conversation: Conversation; rows: MessageRow[] };
	try {
		parsed = parse(source);
	} catch (error) {
		if (error instanceof Refusal) return { ok: false, code: error.code, detail: error.detail };
		return {
			ok: false,
			code: 'invalid-field',
			detail: error instanceof Error ? error.message : String(error)
		};
	}
	try {
		await db.transaction('rw', db.conversations, db.messages, async () => {
			await db.conversations.add(parsed.conversation);
			await db.messages.bulkAdd(parsed.rows);
		});
	} catch (error) {
		const storeError = toStoreError(error);
		return { ok: false, code: storeError.code === 'quota' ? 'quota' : 'failed', detail: storeError.detail };
	}
	return { ok: true, conversationId: parsed.conversation.id, messageCount: parsed.rows.length };
}

/** Largest file import reads, in bytes: UTF-8 takes at most 3 bytes per UTF-16 unit of text. */
export const MAX_IMPORT_BYTES = MAX_IMPORT_CHARS * 3;

/**
 * The text of an import file's bytes: strict UTF-8 (a leading byte-order mark is dropped). A file
 * with an invalid byte sequence is refused ('not-utf8'), never read with replacement characters.
 */
export function decodeImportFile(
	bytes: ArrayBuffer | Uint8Array
): { ok: true; text: string } | { ok: false; code: ImportErrorCode; detail: string } {
	if (bytes.byteLength > MAX_IMPORT_BYTES)
		return { ok: false, code: 'too-large', detail: `${bytes.byteLength} > ${MAX_IMPORT_BYTES} bytes` };
	try {
		return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
	} catch (error) {
		return { ok: false, code: 'not-utf8', detail: error instanceof Error ? error.message : String(error) };
	}
}

/** `importConversationJson` of a file's bytes (decoded by `decodeImportFile`). */
export async function importConversationFile(
	db: AppDatabase,
	bytes: ArrayBuffer | Uint8Array
): Promise<ImportResult> {
	const decoded = decodeImportFile(bytes);
	return decoded.ok ? importConversationJson(db, decoded.text) : decoded;
}
