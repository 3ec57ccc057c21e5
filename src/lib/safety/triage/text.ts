// Text preparation for triage: one folded copy of the message to match on, with a map from every
// folded code unit back to the patient's original text, so evidence is always reported in the
// patient's own characters.
//
// Folding (each step keeps the map exact):
// - case: Latin letters are lower-cased; accents are removed from Latin letters (José → jose);
// - width: full-width ASCII (ＣＨＥＳＴ, １２０) becomes ASCII; odd spaces become a plain space;
// - invisible characters are removed: zero-width spaces and joiners, soft hyphens, word joiners,
//   bidirectional controls, the byte-order mark (so "che\u200bst" reads "chest");
// - punctuation variants: typographic quotes → ASCII quotes, dashes → "-", ｡ → 。;
// - script: traditional Chinese characters used by the lexicon fold to simplified (呼吸困難 →
//   呼吸困难), from a table generated with OpenCC (scripts/safety/gen-data.ts);
// - control characters other than newline become a space; CR becomes a newline.
// Pure and linear; never throws.

import t2s from '../data/t2s.json';

export interface Prepared {
	/** The folded text that every matcher reads. */
	text: string;
	/**
	 * origin[i] is the index in the original text of folded code unit i; origin[text.length] is the
	 * original length, so a folded span [s, e) maps to the original span [origin[s], originEnd(e)).
	 */
	origin: Int32Array;
	/** The original text. */
	source: string;
}

const T2S: Readonly<Record<string, string>> = t2s.map;

/** Full-width punctuation kept as it is: ！（），：；？ */
const KEPT_FULL_WIDTH: ReadonlySet<number> = new Set([
	0xff01, 0xff08, 0xff09, 0xff0c, 0xff1a, 0xff1b, 0xff1f
]);

function escapeClass(chars: string): string {
	return chars.replace(/[\\\]^-]/g, '\\$&');
}

/**
 * Anything prepare() would change: upper-case or non-ASCII Latin letters, control characters,
 * the full-width block, odd spaces and invisible characters, typographic punctuation, and the
 * traditional characters of the table. Text without any (most messages) is returned as it is.
 */
const NEEDS_FOLDING = new RegExp(
	`[A-Z\\u0000-\\u0009\\u000b-\\u001f\\u007f-\\u2fff\\u3000\\uff00\\uff02-\\uff07\\uff0a\\uff0b\\uff0d-\\uff19\\uff1c-\\uff1e\\uff20-\\uffef\\ufeff${escapeClass(Object.keys(t2s.map).join(''))}]`,
	'u'
);

function isInvisible(code: number): boolean {
	return (
		(code >= 0x200b && code <= 0x200f) ||
		(code >= 0x202a && code <= 0x202e) ||
		(code >= 0x2060 && code <= 0x2069) ||
		code === 0xfeff ||
		code === 0x00ad ||
		code === 0x180e ||
		code === 0x034f
	);
}

function isSpace(code: number): boolean {
	return (
		code === 0x3000 ||
		code === 0x00a0 ||
		(code >= 0x2000 && code <= 0x200a) ||
		code === 0x202f ||
		code === 0x205f ||
		code === 0x1680 ||
		code === 0x0009 ||
		code === 0x000b ||
		code === 0x000c
	);
}

/** The folded form of one character (a code point as a string); '' removes it. */
function foldChar(code: number, ch: string): string {
	if (code < 0x80) {
		if (code >= 0x41 && code <= 0x5a) return String.fromCharCode(code + 32);
		if (code === 0x0d) return '\n';
		if (code < 0x20 && code !== 0x0a) return ' ';
		if (code === 0x7f) return ' ';
		return ch;
	}
	// Full-width ASCII folds, except the CJK punctuation the clause splitter reads as it is
	// (！（），：；？): keeping them spares most Chinese text the slow path.
	if (KEPT_FULL_WIDTH.has(code)) return ch;
	if (code >= 0xff01 && code <= 0xff5e) return foldChar(code - 0xfee0, String.fromCharCode(code - 0xfee0));
	if (isInvisible(code)) return '';
	if (isSpace(code)) return ' ';
	if (code >= 0x80 && code < 0xa0) return ' ';
	switch (code) {
		case 0x2018:
		case 0x2019:
		case 0x201b:
		case 0x2032:
		case 0x02bc:
		case 0x00b4:
		case 0x0060:
			return "'";
		case 0x201c:
		case 0x201d:
		case 0x201e:
		case 0x2033:
			return '"';
		case 0x2010:
		case 0x2011:
		case 0x2012:
		case 0x2013:
		case 0x2014:
		case 0x2015:
		case 0x2212:
			return '-';
		case 0xff61:
			return '。';
		case 0xff64:
			return '、';
		case 0x2028:
		case 0x2029:
			return '\n';
	}
	// Latin letters with diacritics, Greek, Cyrillic: lower-case and drop combining marks.
	if (code < 0x2000) {
		const lower = ch.toLowerCase();
		if (code >= 0xc0 && code <= 0x24f) return lower.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
		if (code >= 0x300 && code <= 0x36f) return '';
		return lower;
	}
	if (code >= 0x3400) {
		const simplified = T2S[ch];
		if (simplified !== undefined) return simplified;
	}
	return ch;
}

// Traditional characters of the table, as a bitmap over U+3400–U+9FFF (the CJK fast path).
const TRAD_FROM = 0x3400;
const TRAD_BITS = new Uint8Array(0x9fff - TRAD_FROM + 1);
for (const ch of Object.keys(T2S)) {
	const code = ch.codePointAt(0) ?? 0;
	if (code >= TRAD_FROM && code <= 0x9fff) TRAD_BITS[code - TRAD_FROM] = 1;
}

/** Whether the character at `code` stays as it is (the fast path of prepare). */
function unchanged(code: number): boolean {
	if (code < 0x80) return (code >= 0x20 && code < 0x7f && !(code >= 0x41 && code <= 0x5a)) || code === 0x0a;
	if (code >= 0x3001 && code < 0xff00)
		return code < TRAD_FROM || code > 0x9fff || TRAD_BITS[code - TRAD_FROM] === 0;
	return KEPT_FULL_WIDTH.has(code);
}

/** Folds `source` for matching; see the module comment. */
export function prepare(source: string): Prepared {
	const text = typeof source === 'string' ? source : '';
	if (!NEEDS_FOLDING.test(text)) return identity(text);
	// One pass; the folded text is built by concatenation (V8 ropes) and the map is written in place,
	// without closures, so a message where every character folds (full-width text) stays linear and cheap.
	let out = '';
	let origin = new Int32Array(text.length + 16);
	let o = 0;
	let changed = false;
	let plainFrom = 0;
	for (let i = 0; i < text.length;) {
		const code = text.charCodeAt(i);
		if (unchanged(code)) {
			i += 1;
			continue;
		}
		const full = code >= 0xd800 && code <= 0xdbff ? (text.codePointAt(i) ?? code) : code;
		const width = full > 0xffff ? 2 : 1;
		const ch = width === 2 ? text.slice(i, i + 2) : text.charAt(i);
		const folded = foldChar(full, ch);
		if (folded === ch) {
			i += width;
			continue;
		}
		changed = true;
		const need = o + (i - plainFrom) + folded.length + 1;
		if (need > origin.length) origin = grown(origin, need);
		if (i > plainFrom) {
			out += text.slice(plainFrom, i);
			for (let k = plainFrom; k < i; k++) origin[o++] = k;
		}
		out += folded;
		for (let k = 0; k < folded.length; k++) origin[o++] = i;
		i += width;
		plainFrom = i;
	}
	if (!changed) return identity(text);
	const need = o + (text.length - plainFrom) + 1;
	if (need > origin.length) origin = grown(origin, need);
	if (text.length > plainFrom) {
		out += text.slice(plainFrom);
		for (let k = plainFrom; k < text.length; k++) origin[o++] = k;
	}
	origin[o++] = text.length;
	return { text: out, origin: origin.slice(0, o), source: text };
}

function grown(origin: Int32Array<ArrayBuffer>, need: number): Int32Array<ArrayBuffer> {
	const bigger = new Int32Array(Math.max(need, origin.length * 2));
	bigger.set(origin);
	return bigger;
}

function identity(text: string): Prepared {
	const origin = new Int32Array(text.length + 1);
	for (let k = 0; k <= text.length; k++) origin[k] = k;
	return { text, origin, source: text };
}

/** The original-text span of folded span [start, end). */
export function originalSpan(prepared: Prepared, start: number, end: number): { start: number; end: number } {
	const o = prepared.origin;
	const s = o[start] ?? prepared.source.length;
	// The end is just after the original character that produced folded unit end - 1.
	let e: number;
	if (end <= start) e = s;
	else {
		const last = o[end - 1] ?? s;
		const next = o[end] ?? prepared.source.length;
		// A surrogate pair or a character folded to several units ends where the next one starts.
		e = next > last ? next : last + 1;
	}
	return { start: s, end: Math.max(s, e) };
}

/** True for a CJK ideograph. */
export function isHan(code: number): boolean {
	return (
		(code >= 0x4e00 && code <= 0x9fff) ||
		(code >= 0x3400 && code <= 0x4dbf) ||
		(code >= 0xf900 && code <= 0xfaff)
	);
}
