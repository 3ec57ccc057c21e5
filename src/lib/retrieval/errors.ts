// What can be wrong with a knowledge-base file, as values people can read: a code, where it is
// (file, and line / CSV row / JSON item when known), and the field or id involved. The UI turns
// one into a zh or en sentence with `kbFileErrorMessage` and the i18n section `kb`; `detail` is
// technical text for diagnostics, never shown as the message.
//
// Also the one error the index and its persistence throw (`KbError`), with a code the UI maps.
import type { Messages } from '../i18n/en';

export type KbFileErrorCode =
	/** Not .md, .json or .csv. */
	| 'unsupported-type'
	/** Larger than MAX_FILE_BYTES: refused whole. */
	| 'too-large'
	/** Not UTF-8 text (invalid byte sequences, NUL or other control bytes). */
	| 'binary'
	/** Nothing but white space. */
	| 'empty'
	/** Markdown without a readable front matter block (missing, unclosed, not YAML, not key: value pairs). */
	| 'front-matter'
	/** Front matter longer than MAX_FRONT_MATTER_CHARS: refused before it is parsed. */
	| 'front-matter-too-large'
	/** Front matter whose YAML aliases expand past MAX_ALIASES (an alias bomb, "billion laughs"). */
	| 'too-many-aliases'
	/** JSON or CSV that cannot be read, or that is not the Q&A format. */
	| 'malformed'
	/** A required field (or the Markdown body) is missing or empty. */
	| 'missing-field'
	/** A field's value is not allowed (see KB_FIELD_RULES). */
	| 'invalid-field'
	/** The same id twice: within one file, or in two files of the base (`otherFile`). */
	| 'duplicate-id';

export interface KbFileError {
	code: KbFileErrorCode;
	/** The file's name as given (kb/ path or the uploaded file's name). */
	file: string;
	/** 1-based line in the file (Markdown, JSON syntax errors, CSV header). */
	line?: number;
	/** 1-based data row of a CSV file (the header is not counted). */
	row?: number;
	/** 1-based position in a JSON file's `items`. */
	item?: number;
	/** The field concerned (front matter key or column). */
	field?: KbField;
	/** The duplicated id. */
	id?: string;
	/** For a duplicate across files: the file that already has the id. */
	otherFile?: string;
	/** Technical detail for diagnostics (parser message); not translated, not the message. */
	detail?: string;
}

/** Fields of an entry, as named in front matter, CSV columns and JSON items. */
export type KbField = 'id' | 'title' | 'lang' | 'source' | 'updated' | 'url' | 'question' | 'answer' | 'body';

export function fileError(
	code: KbFileErrorCode,
	file: string,
	extra: Omit<KbFileError, 'code' | 'file'> = {}
): KbFileError {
	return { code, file, ...extra };
}

/** The error as one sentence in the locale of `messages` (the i18n section `kb`). */
export function kbFileErrorMessage(error: KbFileError, messages: Messages['kb']): string {
	const where =
		error.line !== undefined
			? messages.where.line(error.file, error.line)
			: error.row !== undefined
				? messages.where.row(error.file, error.row)
				: error.item !== undefined
					? messages.where.item(error.file, error.item)
					: messages.where.file(error.file);
	const field = error.field ?? 'body';
	const text = messages.fileErrors;
	switch (error.code) {
		case 'unsupported-type':
			return text.unsupportedType(where);
		case 'too-large':
			return text.tooLarge(where, MAX_FILE_BYTES / 1024 / 1024);
		case 'binary':
			return text.binary(where);
		case 'empty':
			return text.empty(where);
		case 'front-matter':
			return text.frontMatter(where);
		case 'front-matter-too-large':
			return text.frontMatterTooLarge(where, MAX_FRONT_MATTER_CHARS / 1024);
		case 'too-many-aliases':
			return text.tooManyAliases(where);
		case 'malformed':
			return text.malformed(where);
		case 'missing-field':
			return field === 'body' ? text.missingBody(where) : text.missingField(where, field);
		case 'invalid-field':
			return text.invalidField(where, field, messages.fieldRules[field]);
		case 'duplicate-id':
			return error.otherFile !== undefined
				? text.duplicateIdAcross(where, error.id ?? '', error.otherFile)
				: text.duplicateId(where, error.id ?? '');
	}
}

/** A file larger than this is refused whole (2 MiB: ~100× the longest entry the format expects). */
export const MAX_FILE_BYTES = 2 * 1024 * 1024;
/**
 * Longest Markdown front matter (characters): ~50× what its six fields need; the YAML parser's time
 * grows with deep nesting ("[[[[…"), and at this size it stays under a second.
 */
export const MAX_FRONT_MATTER_CHARS = 64 * 1024;

export type KbErrorCode =
	/** A chunk id is already in the index (remove the document first to replace it). */
	| 'duplicate-chunk'
	/** A vector's length differs from the index's model, or vectors came without a model. */
	| 'vector-dimension'
	/** A snapshot is not one this version can read (format, version, or damaged arrays). */
	| 'bad-snapshot'
	/** The browser refused to store more (QuotaExceededError). */
	| 'quota'
	/** IndexedDB cannot be used here (blocked, private mode, a newer version of the app open). */
	| 'unavailable'
	| 'unknown';

export class KbError extends Error {
	override readonly name = 'KbError';
	constructor(
		readonly code: KbErrorCode,
		/** Technical detail for diagnostics; people see a translated message chosen by `code`. */
		readonly detail = '',
		options?: { cause?: unknown }
	) {
		super(detail ? `${code}: ${detail}` : code, options);
	}
}
