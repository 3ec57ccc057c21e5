// Reading knowledge-base files (the format is documented in the README, section "Knowledge base"):
// - Markdown (.md): YAML front matter (id, title, lang, source, updated; optional url, sample)
//   between two "---" lines, then the body.
// - Q&A pairs: CSV (.csv) with the header id,lang,question,answer,source,updated[,url], or JSON
//   (.json) { "format": "health-qa-kb-qa", "version": 1, "items": [...] }. A pair's title is its
//   question; its body is the question then the answer.
//
// Invariants: a file gives all its documents or one error, never part of them, so nothing is
// half-indexed. Checks run cheapest first (type, size, encoding) so a 10 MB or binary file is
// refused before it is decoded or parsed. Text that looks like instructions is kept as written: it
// is data, and chat/system-prompt.ts's frameReferences neutralises it where it meets the model.
// Pure: no DOM, no IndexedDB (TextDecoder, `yaml` and `papaparse` run in browsers, workers, Node).
//
// Hostile files: parseKbFile never throws, whatever the bytes — an unexpected failure of a parser
// is that file's error, so one bad file in an upload cannot stop the others. YAML is the `yaml`
// package (not js-yaml): parseDocument keeps aliases as nodes, and toJS expands them only up to
// MAX_ALIASES (its `maxAliasCount`: each use of an anchor is weighed by the aliases inside it, so
// "billion laughs" — nine anchors of nine aliases each — is refused as 'too-many-aliases' within
// a few dozen uses instead of building 10⁹ strings). Front matter is also limited to
// MAX_FRONT_MATTER_CHARS, as the parser's time grows with deep nesting ("[[[[…"). A `url` is
// refused unless chat/links.ts passageUrl keeps it.
import Papa from 'papaparse';
import { isMap, isScalar, LineCounter, parseDocument, type Document } from 'yaml';
import { passageUrl } from '../chat/links';
import { fileError, MAX_FILE_BYTES, MAX_FRONT_MATTER_CHARS, type KbField, type KbFileError } from './errors';
import type { KbDocument, KbLang } from './types';

export type KbFileResult = { documents: KbDocument[] } | { error: KbFileError };

/** The JSON Q&A format's marker and version. */
export const QA_FORMAT = 'health-qa-kb-qa';
export const QA_VERSION = 1;

/** Lowercase a–z, 0–9 and single '-' between them; the same id on every rebuild. */
const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const MAX_ID_CHARS = 120;
const MAX_TITLE_CHARS = 300;
const MAX_QUESTION_CHARS = 1000;
const MAX_SOURCE_CHARS = 500;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
/**
 * Most alias expansions the front matter may need (the `yaml` option maxAliasCount; 0 would refuse
 * every alias). Entries have six short fields and need none: 50 leaves room for a hand-written
 * anchor or two and stops any expansion bomb.
 */
export const MAX_ALIASES = 50;
/** A JSON syntax error's line is looked for with the YAML parser only in files up to this size. */
const MAX_YAML_LINE_SEARCH_CHARS = 64 * 1024;
/** Same-origin paths are checked against this stand-in origin: the rule does not depend on it. */
const PATH_BASE = 'https://kb.invalid';
// NUL and C0 controls other than tab, LF, CR, form feed: text files do not contain them.
// eslint-disable-next-line no-control-regex -- detecting control characters is the point
const BINARY = /[\u0000-\u0008\u000e-\u001a\u001c-\u001f]/;

type Kind = 'md' | 'json' | 'csv';

function kindOf(name: string): Kind | null {
	const match = /\.(md|markdown|json|csv)$/i.exec(name);
	if (!match) return null;
	const ext = (match[1] ?? '').toLowerCase();
	return ext === 'markdown' ? 'md' : (ext as Kind);
}

/** `zh`, `zh-CN`, `zh-Hans` → zh-CN; `en`, `en-GB`, `en-US` → en; anything else → null. */
export function kbLang(value: unknown): KbLang | null {
	if (typeof value !== 'string') return null;
	const tag = value.trim().toLowerCase();
	if (tag === 'zh' || tag === 'zh-cn' || tag === 'zh-hans' || tag === 'zh-hans-cn') return 'zh-CN';
	if (tag === 'en' || /^en-[a-z]{2}$/.test(tag)) return 'en';
	return null;
}

function validDate(value: string): boolean {
	const match = DATE.exec(value);
	if (!match) return false;
	const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
	const date = new Date(Date.UTC(year, month - 1, day));
	return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** An https URL, or a path on this site that stays on it (see chat/links.ts passageUrl). */
function validUrl(value: string): boolean {
	const parsed = passageUrl(value, PATH_BASE);
	return parsed !== null && (value.startsWith('/') || parsed.protocol === 'https:');
}

/** The text of a file, or why there is none. Refuses oversize files before decoding them. */
function decode(name: string, content: string | Uint8Array): string | KbFileError {
	let text: string;
	if (typeof content === 'string') {
		// Each character is at least one UTF-8 byte: a longer string is certainly too large.
		if (content.length > MAX_FILE_BYTES || new TextEncoder().encode(content).length > MAX_FILE_BYTES)
			return fileError('too-large', name);
		text = content;
	} else {
		if (content.byteLength > MAX_FILE_BYTES) return fileError('too-large', name);
		try {
			text = new TextDecoder('utf-8', { fatal: true }).decode(content);
		} catch (error) {
			return fileError('binary', name, { detail: error instanceof Error ? error.message : String(error) });
		}
	}
	if (BINARY.test(text)) return fileError('binary', name);
	text = text.replace(/^\ufeff/, '').replace(/\r\n?/g, '\n');
	if (text.trim().length === 0) return fileError('empty', name);
	return text;
}

/**
 * The documents in one knowledge-base file, or the first thing wrong with it. `name` decides the
 * type (.md, .json, .csv) and is kept as each document's `file`. Bytes must be UTF-8.
 */
export function parseKbFile(name: string, content: string | Uint8Array): KbFileResult {
	const kind = kindOf(name);
	if (kind === null) return { error: fileError('unsupported-type', name) };
	let result: KbFileResult;
	try {
		const text = decode(name, content);
		if (typeof text !== 'string') return { error: text };
		result =
			kind === 'md'
				? parseMarkdown(name, text)
				: kind === 'json'
					? parseQaJson(name, text)
					: parseQaCsv(name, text);
	} catch (error) {
		// A parser's own failure (stack overflow, a bug): this file's error, never the upload's.
		const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
		return { error: fileError(kind === 'md' ? 'front-matter' : 'malformed', name, { detail }) };
	}
	if ('error' in result) return result;
	const seen = new Map<string, number>();
	for (const [index, doc] of result.documents.entries()) {
		if (seen.has(doc.id)) {
			const where = kind === 'json' ? { item: index + 1 } : kind === 'csv' ? { row: index + 1 } : {};
			return { error: fileError('duplicate-id', name, { ...where, id: doc.id }) };
		}
		seen.set(doc.id, index);
	}
	return result;
}

// ---- Markdown ----------------------------------------------------------------------------------

function parseMarkdown(name: string, text: string): KbFileResult {
	const lines = text.split('\n');
	if ((lines[0] ?? '').trimEnd() !== '---')
		return { error: fileError('front-matter', name, { line: 1, detail: 'no opening "---" line' }) };
	const close = lines.findIndex((line, index) => index > 0 && /^(---|\.\.\.)\s*$/.test(line));
	if (close < 0)
		return { error: fileError('front-matter', name, { line: 1, detail: 'no closing "---" line' }) };
	const yamlText = lines.slice(1, close).join('\n');
	if (yamlText.length > MAX_FRONT_MATTER_CHARS)
		return { error: fileError('front-matter-too-large', name, { line: 2 }) };
	const lineCounter = new LineCounter();
	const doc = parseDocument(yamlText, { lineCounter, prettyErrors: false, uniqueKeys: true });
	const first = doc.errors[0];
	if (first) {
		return {
			error: fileError('front-matter', name, {
				// The front matter starts on the file's second line.
				line: lineCounter.linePos(first.pos[0]).line + 1,
				detail: first.message.split('\n')[0] ?? first.code
			})
		};
	}
	if (!isMap(doc.contents))
		return {
			error: fileError('front-matter', name, { line: 2, detail: 'not a list of "key: value" lines' })
		};
	// Line of a key's value in the file (front matter starts on line 2).
	const lineOf = (key: string): number => {
		const node = findValue(doc, key);
		return node === null ? 1 : lineCounter.linePos(node).line + 1;
	};
	let data: Record<string, unknown>;
	try {
		data = doc.toJS({ maxAliasCount: MAX_ALIASES }) as Record<string, unknown>;
	} catch (error) {
		// `yaml` throws a ReferenceError ("Excessive alias count …") past maxAliasCount.
		if (error instanceof ReferenceError)
			return { error: fileError('too-many-aliases', name, { line: 2, detail: error.message }) };
		throw error;
	}
	const fields = readFields(
		data,
		['id', 'title', 'lang', 'source', 'updated'],
		(field) => ({ line: lineOf(field) }),
		name,
		1
	);
	if ('error' in fields) return fields;
	const body = lines
		.slice(close + 1)
		.join('\n')
		.trim();
	if (body.length === 0)
		return { error: fileError('missing-field', name, { field: 'body', line: close + 2 }) };
	return { documents: [{ ...fields.value, body, file: name }] };
}

/** Offset of the value of top-level `key` in the front matter, or null. */
function findValue(doc: Document, key: string): number | null {
	if (!isMap(doc.contents)) return null;
	for (const pair of doc.contents.items) {
		if (isScalar(pair.key) && pair.key.value === key) {
			const node = pair.value as { range?: [number, number, number] } | null;
			return node?.range?.[0] ?? pair.key.range?.[0] ?? null;
		}
	}
	return null;
}

type Fields = Omit<KbDocument, 'body' | 'file'>;
type Where = Pick<KbFileError, 'line' | 'row' | 'item'>;

/**
 * The validated common fields of an entry. `titleField` is 'title' (Markdown) or 'question'
 * (Q&A); `missingLine` is where a missing field is reported in a Markdown file.
 */
function readFields(
	data: Record<string, unknown>,
	required: readonly KbField[],
	where: (field: KbField) => Where,
	name: string,
	missingLine: number | null
): { value: Fields } | { error: KbFileError } {
	const text = (field: KbField): string | null => {
		const value = data[field];
		return typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : null;
	};
	for (const field of required) {
		const value = data[field];
		if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
			const at = missingLine !== null ? { line: missingLine } : where(field);
			return { error: fileError('missing-field', name, { ...at, field }) };
		}
	}
	const invalid = (field: KbField) => ({
		error: fileError('invalid-field', name, { ...where(field), field })
	});
	const id = text('id');
	if (id === null || id.length > MAX_ID_CHARS || !ID.test(id)) return invalid('id');
	const titleField: KbField = required.includes('question') ? 'question' : 'title';
	const title =
		typeof data[titleField] === 'string' ? (data[titleField] as string).replace(/\s+/g, ' ').trim() : null;
	const titleMax = titleField === 'question' ? MAX_QUESTION_CHARS : MAX_TITLE_CHARS;
	if (title === null || title.length > titleMax) return invalid(titleField);
	const lang = kbLang(data.lang);
	if (lang === null) return invalid('lang');
	const source = typeof data.source === 'string' ? data.source.replace(/\s+/g, ' ').trim() : null;
	if (source === null || source.length > MAX_SOURCE_CHARS) return invalid('source');
	const updated = text('updated');
	if (updated === null || !validDate(updated)) return invalid('updated');
	const fields: Fields = { id, title, lang, source, updated };
	const url = data.url;
	if (url !== undefined && url !== null && url !== '') {
		if (typeof url !== 'string' || !validUrl(url.trim())) return invalid('url');
		fields.url = url.trim();
	}
	return { value: fields };
}

// ---- Q&A pairs ---------------------------------------------------------------------------------

const QA_FIELDS: readonly KbField[] = ['id', 'lang', 'question', 'answer', 'source', 'updated'];

function qaDocument(
	data: Record<string, unknown>,
	where: Where,
	name: string
): { document: KbDocument } | { error: KbFileError } {
	const fields = readFields(data, QA_FIELDS, () => where, name, null);
	if ('error' in fields) return fields;
	const answer = typeof data.answer === 'string' ? data.answer.trim() : null;
	if (answer === null) return { error: fileError('invalid-field', name, { ...where, field: 'answer' }) };
	return { document: { ...fields.value, body: `${fields.value.title}\n\n${answer}`, file: name } };
}

/** 1-based line of a JSON syntax error, when the engine's message says where. */
function jsonErrorLine(text: string, error: unknown): number | undefined {
	const message = error instanceof Error ? error.message : '';
	const line = /line (\d+)/i.exec(message);
	if (line) return Number(line[1]);
	const position = /position (\d+)/i.exec(message);
	if (position) return text.slice(0, Number(position[1])).split('\n').length;
	// V8's messages no longer say where: JSON is YAML, and the YAML parser reports positions.
	if (text.length > MAX_YAML_LINE_SEARCH_CHARS) return undefined;
	const lineCounter = new LineCounter();
	const offset = parseDocument(text, { lineCounter, prettyErrors: false }).errors[0]?.pos[0];
	return offset === undefined ? undefined : lineCounter.linePos(offset).line;
}

function parseQaJson(name: string, text: string): KbFileResult {
	let data: unknown;
	try {
		data = JSON.parse(text);
	} catch (error) {
		const line = jsonErrorLine(text, error);
		return {
			error: fileError('malformed', name, {
				...(line === undefined ? {} : { line }),
				detail: error instanceof Error ? error.message : String(error)
			})
		};
	}
	const root = data as { format?: unknown; version?: unknown; items?: unknown } | null;
	if (typeof root !== 'object' || root === null || Array.isArray(root) || root.format !== QA_FORMAT)
		return { error: fileError('malformed', name, { detail: `not { "format": "${QA_FORMAT}", … }` }) };
	if (root.version !== QA_VERSION)
		return {
			error: fileError('malformed', name, { detail: `version ${String(root.version)} is not ${QA_VERSION}` })
		};
	if (!Array.isArray(root.items))
		return { error: fileError('malformed', name, { detail: '"items" is not a list' }) };
	if (root.items.length === 0) return { error: fileError('empty', name) };
	const documents: KbDocument[] = [];
	for (const [index, item] of root.items.entries()) {
		const where = { item: index + 1 };
		if (typeof item !== 'object' || item === null || Array.isArray(item))
			return { error: fileError('malformed', name, { ...where, detail: 'an item is not an object' }) };
		const result = qaDocument(item as Record<string, unknown>, where, name);
		if ('error' in result) return result;
		documents.push(result.document);
	}
	return { documents };
}

function parseQaCsv(name: string, text: string): KbFileResult {
	const parsed = Papa.parse<Record<string, string>>(text, {
		header: true,
		skipEmptyLines: 'greedy',
		transformHeader: (header) => header.trim().toLowerCase()
	});
	const problem = parsed.errors[0];
	if (problem) {
		return {
			error: fileError('malformed', name, {
				...(problem.row === undefined ? {} : { row: problem.row + 1 }),
				detail: `${problem.code}: ${problem.message}`
			})
		};
	}
	const columns = parsed.meta.fields ?? [];
	for (const field of QA_FIELDS) {
		if (!columns.includes(field))
			return { error: fileError('missing-field', name, { line: 1, field, detail: `no "${field}" column` }) };
	}
	if (parsed.data.length === 0) return { error: fileError('empty', name) };
	const documents: KbDocument[] = [];
	for (const [index, row] of parsed.data.entries()) {
		const result = qaDocument(row, { row: index + 1 }, name);
		if ('error' in result) return result;
		documents.push(result.document);
	}
	return { documents };
}

// ---- The whole base ----------------------------------------------------------------------------

/**
 * Ids used in more than one file of the base: one error per later occurrence, naming the file
 * that has it first (files in the order given). Pure; within-file duplicates are parseKbFile's.
 */
export function validateBase(
	files: readonly { file: string; documents: readonly KbDocument[] }[]
): KbFileError[] {
	const owner = new Map<string, string>();
	const errors: KbFileError[] = [];
	for (const { file, documents } of files) {
		for (const doc of documents) {
			const other = owner.get(doc.id);
			if (other !== undefined && other !== file)
				errors.push(fileError('duplicate-id', file, { id: doc.id, otherFile: other }));
			else owner.set(doc.id, file);
		}
	}
	return errors;
}
