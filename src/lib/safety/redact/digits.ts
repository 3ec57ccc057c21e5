// Unlabelled numbers: runs of digit groups joined by single separators (space, dash, dot,
// parentheses), read once left to right and classified longest window first: resident ID (GB 11643
// check character) → payment card (Luhn) → US SSN (area/group/serial rules) → NHS number (mod 11)
// → phone. A phone pattern therefore never eats part of an ID or card. Anything that validates as
// none of them is left alone: it may be clinical (doses, blood pressure, counts, dates, rates).
//
// Phones: fast rules for the shapes that are unambiguous (Chinese mobiles 1[3-9] + 9 digits, +86,
// Chinese landlines with a 0 area code, UK 07/01/02 shapes, North American 3-3-4), then
// libphonenumber-js (phone.ts) for national numbers with a trunk 0 (Taiwan 09…, Australia 04…,
// (02) 2345-6789) and, after a phone word ("call", "电话", "number"…), for numbers without one
// (Hong Kong and Singapore eight-digit numbers). Extensions ("转 123", "ext. 45") join the number.

import {
	isLuhnValid,
	isNhsNumber,
	isProvinceCode,
	isResidentId15,
	isResidentId18,
	isSsnShape
} from '../checksums';
import type { SafetyLocale } from '../locale';
import { isAsciiLetter, isHanChar } from './chars';
import { isAadhaar, isIrishPps, isMyKad } from './idcodes';
import { DEFAULT_COUNTRIES, parsePhone, type PhoneBudget } from './phone';
import type { HitSet, IdentifierKind } from './types';

export interface Group {
	start: number;
	end: number;
	digits: string;
	/** Separator text before this group ('' for the first). */
	sep: string;
	paren: boolean;
}

export interface Run {
	groups: Group[];
	/** '+' or '00' directly before the first group (international prefix). */
	plus: boolean;
	start: number;
	/** Letter directly before the run (e.g. "A1c", "E12345678"): not an unlabelled identifier. */
	gluedBefore: boolean;
}

const MAX_GROUPS = 24;

/** Reads one run starting at `pos` ('+', '(' or a digit); null if no digit starts there. */
// Character codes (charCodeAt is NaN past the end, which is none of them).
const SPACE = 0x20;
const PLUS = 0x2b;
const OPEN = 0x28;
const CLOSE = 0x29;
const DASH = 0x2d;
const DOT = 0x2e;
const digitAt = (text: string, i: number): boolean => {
	const code = text.charCodeAt(i);
	return code >= 0x30 && code <= 0x39;
};

/** Three to four digits at `pos`, then a line break, the end, or a non-digit that is no letter. */
function lineGroupAt(text: string, pos: number): boolean {
	let n = 0;
	while (n < 6 && digitAt(text, pos + n)) n++;
	return n >= 3 && n <= 4;
}

export function readRun(text: string, pos: number): Run | null {
	let j = pos;
	let plus = false;
	if (text.charCodeAt(j) === PLUS && (digitAt(text, j + 1) || text.charCodeAt(j + 1) === SPACE)) {
		plus = true;
		j++;
		if (text.charCodeAt(j) === SPACE) j++;
	}
	if (!digitAt(text, j) && !(text.charCodeAt(j) === OPEN && digitAt(text, j + 1))) return null;
	const runStart = plus ? pos : j;
	const groups: Group[] = [];
	let sep = '';
	while (groups.length < MAX_GROUPS) {
		let paren = false;
		if (text.charCodeAt(j) === OPEN) {
			paren = true;
			j++;
		}
		const gStart = j;
		while (j < text.length && j - gStart < 20 && digitAt(text, j)) j++;
		if (j === gStart) break;
		groups.push({ start: gStart, end: j, digits: text.slice(gStart, j), sep, paren });
		let closed = false;
		if (paren && text.charCodeAt(j) === CLOSE) {
			j++;
			closed = true;
		}
		// Separator: up to three characters of space / dash / dot / parenthesis, then a digit. A
		// closing bracket may be followed by the next group directly: "(021)6234-5678".
		let k = j;
		let spaces = 0;
		let dashes = 0;
		let dots = 0;
		let parens = 0;
		// A number typed across lines ("138\n0013\n8000"): one line break between two groups of
		// three or four digits counts as a space.
		const groupLength = j - gStart;
		let newlines = 0;
		while (k < text.length && k - j < 3) {
			const c = text.charCodeAt(k);
			if (c === SPACE) spaces++;
			else if (
				c === 0x0a &&
				newlines === 0 &&
				groupLength >= 3 &&
				groupLength <= 5 &&
				lineGroupAt(text, k + 1)
			) {
				newlines++;
				spaces++;
			} else if (c === DASH) dashes++;
			else if (c === DOT) dots++;
			else if (c === CLOSE || c === OPEN) parens++;
			else break;
			k++;
		}
		const nextDigit = digitAt(text, k);
		if (k === j && closed && nextDigit) {
			sep = ')';
			continue;
		}
		if (
			k === j ||
			!nextDigit ||
			spaces > 2 ||
			dashes > 1 ||
			dots > 1 ||
			parens > 1 ||
			(dots === 1 && k - j > 1)
		)
			break;
		sep = k - j === 1 ? text.charAt(j) : text.slice(j, k);
		if (text.charCodeAt(k - 1) === OPEN) k--;
		j = k;
	}
	const first = groups[0];
	if (first === undefined) return null;
	if (!plus && first.digits.startsWith('00') && first.digits.length > 6) plus = true;
	return {
		groups,
		plus,
		start: runStart,
		gluedBefore: runStart > 0 && isAsciiLetter(text.charAt(runStart - 1))
	};
}

/** Every separator is '', ' ' or '-' and no group after the first is bracketed. */
function plainSeps(groups: readonly Group[]): boolean {
	return groups.every((g, i) => i === 0 || ((g.sep === '' || g.sep === ' ' || g.sep === '-') && !g.paren));
}

function sameShape(actual: readonly number[], ...shapes: (readonly number[])[]): boolean {
	for (const s of shapes) {
		if (s.length !== actual.length) continue;
		let same = true;
		for (let i = 0; i < s.length && same; i++) if (s[i] !== actual[i]) same = false;
		if (same) return true;
	}
	return false;
}

const CARD_SHAPES = [
	[4, 6, 5],
	[4, 6, 4],
	[6, 13],
	[6, 12]
] as const;
const SHAPE_SSN = [3, 2, 4] as const;
const ITIN = /^9\d{2}(?:5\d|6[0-5]|7\d|8[0-8]|9[0-24-9])\d{4}$/;
const SHAPE_334 = [3, 3, 4] as const;
const UK_SHAPES = [
	[5, 6],
	[3, 4, 4],
	[4, 3, 4],
	[5, 3, 3],
	[4, 7],
	[3, 8],
	[5, 5]
] as const;

interface Classified {
	kind: IdentifierKind;
	/** Extra characters consumed after the last group (the ID check character 'X'). */
	extra: number;
}

export interface DigitContext {
	/** The text scanned (the redaction view with Chinese digit runs written as digits). */
	text: string;
	/** foldCase(text), for numbers spelled out in words; without it they are not looked for. */
	lower?: string;
	hits: HitSet;
	locale: SafetyLocale;
	budget: PhoneBudget;
}

/** Classifies consecutive groups (`digits`: their digits) as one unlabelled identifier, or null. */
function classify(
	ctx: DigitContext,
	groups: readonly Group[],
	digits: string,
	plus: boolean,
	runStart: number
): Classified | null {
	const text = ctx.text;
	const last = groups[groups.length - 1];
	if (last === undefined) return null;
	const shape = groups.map((g) => g.digits.length);
	const plain = plainSeps(groups);
	const after = text.charAt(last.end);

	// Resident IDs (18 with check character, 15 legacy), any plain grouping of 3+ digit groups.
	if (plain && (groups.length === 1 || shape.slice(0, -1).every((len) => len >= 3)) && !plus) {
		if (
			digits.length === 17 &&
			(after === 'X' || after === 'x') &&
			!isAsciiLetter(text.charAt(last.end + 1))
		) {
			if (isResidentId18(digits + 'X')) return { kind: 'id_number', extra: 1 };
		}
		if (digits.length === 18 && isResidentId18(digits)) return { kind: 'id_number', extra: 0 };
		if (digits.length === 15 && isResidentId15(digits)) return { kind: 'id_number', extra: 0 };
	}
	if (isAsciiLetter(after) && !/^(?:ext|x\d)/i.test(text.slice(last.end, last.end + 3))) return null;
	// Payment cards: one block, blocks of four, or 4-6-5 / 4-6-4 (Amex, Diners); Luhn-valid.
	if (plain && !plus && digits.length >= 13 && digits.length <= 19 && isLuhnValid(digits)) {
		const fours = shape.slice(0, -1).every((n) => n === 4) && (shape[shape.length - 1] ?? 0) <= 4;
		if (groups.length === 1 || fours || sameShape(shape, ...CARD_SHAPES))
			return { kind: 'bank_card', extra: 0 };
	}
	// US social security number: 3-2-4; and the IRS's ITIN in the same shape (9, then a group of
	// 50–65, 70–88, 90–92 or 94–99).
	if (plain && !plus && sameShape(shape, SHAPE_SSN) && isSsnShape(digits)) return { kind: 'ssn', extra: 0 };
	if (plain && !plus && sameShape(shape, SHAPE_SSN) && ITIN.test(digits)) return { kind: 'ssn', extra: 0 };
	// NHS number: 3-3-4 or ten digits, mod 11.
	if (plain && !plus && (sameShape(shape, SHAPE_334) || groups.length === 1) && isNhsNumber(digits)) {
		return { kind: 'nhs_number', extra: 0 };
	}
	return classifyPhone(ctx, groups, digits, shape, plus, runStart);
}

function classifyPhone(
	ctx: DigitContext,
	groups: readonly Group[],
	digits: string,
	shape: readonly number[],
	plus: boolean,
	runStart: number
): Classified | null {
	let minGroup = Infinity;
	for (const len of shape) if (len < minGroup) minGroup = len;
	// Chinese mobile, optionally with +86 / 0086 / 86.
	let national = digits;
	let rest = groups;
	const first = groups[0];
	if (first !== undefined && (plus || first.digits === '86' || first.digits === '0086')) {
		if (first.digits === '86' || first.digits === '0086') {
			national = digits.slice(first.digits.length);
			rest = groups.slice(1);
		} else if (digits.startsWith('86') && digits.length === 13) national = digits.slice(2);
		else if (digits.startsWith('0086') && digits.length === 15) national = digits.slice(4);
	}
	if (national.length === 11 && /^1[3-9]\d{9}$/.test(national)) {
		const restMin = rest.length > 0 ? Math.min(...rest.map((g) => g.digits.length)) : 0;
		if (rest.length <= 1 || restMin >= 3) return { kind: 'phone', extra: 0 };
	}
	if (plus) {
		if (/^44(?:0)?7\d{9}$/.test(digits)) return { kind: 'phone', extra: 0 };
		if (digits.length >= 8 && digits.length <= 15) return { kind: 'landline', extra: 0 };
		return null;
	}
	// Chinese landline: 0 + 2–3 digit area code, 7–8 digit number ("010-12345678", "(0755) 8888 8888").
	const zero = digits.charCodeAt(0) === 0x30;
	if (zero && first !== undefined && /^0[1-9]\d{1,2}$/.test(first.digits)) {
		const number = digits.slice(first.digits.length);
		if (number.length >= 7 && number.length <= 8 && groups.length <= 3 && minGroup >= 3)
			return { kind: 'landline', extra: 0 };
	}
	if (zero && groups.length === 1 && /^0[1-9]\d{8,10}$/.test(digits)) {
		return { kind: /^07\d{9}$/.test(digits) ? 'phone' : 'landline', extra: 0 };
	}
	// UK: 07700 900123, 020 7946 0958, 0161 496 0000, 01632 960000.
	if (zero && /^0\d{9,10}$/.test(digits) && sameShape(shape, ...UK_SHAPES)) {
		return { kind: /^07/.test(digits) ? 'phone' : 'landline', extra: 0 };
	}
	// North American: (555) 123-4567, 555-123-4567, 555.123.4567, 1-555-123-4567. Formatted 3-3-4
	// accepts any exchange; a bare ten-digit block must be a valid NANP number (area and exchange 2–9).
	if (digits.length === 10 || digits.length === 11) {
		const nanp = digits.length === 11 && digits.startsWith('1') ? digits.slice(1) : digits;
		const nanpShape = digits.length === 11 ? shape.slice(1) : shape;
		if (/^[2-9]\d{9}$/.test(nanp) && sameShape(nanpShape, SHAPE_334)) return { kind: 'landline', extra: 0 };
		if (groups.length === 1 && /^[2-9]\d{2}[2-9]\d{6}$/.test(digits)) return { kind: 'landline', extra: 0 };
	}
	return parsedPhone(ctx, groups, digits, runStart);
}

// Words that announce a phone number within the 40 characters before it.
const PHONE_CUE =
	/(?:phone|mobile|cell|tel\b|call|ring|text|reach|contact|number|whats ?app|fax|landline|电话|手机|号码|联系|打|致电|热线|传真|座机|微信|短信)/i;

// Characters a PHONE_CUE match can start with (under its `i` flag).
const CUE_FIRST = new Set('pmctrnwflPMCTRNWFL电手号联打致热传座微短');
const CUE_FIRST_ASCII = new Uint8Array(128);
for (const c of CUE_FIRST) if (c.charCodeAt(0) < 128) CUE_FIRST_ASCII[c.charCodeAt(0)] = 1;

// Per text: the position of the last CUE_FIRST character before each position (-1: none), built on
// the first question, and the answers already given, by run start.
let cueText = '';
let cueLast: Int32Array | null = null;
const cueAnswers = new Map<number, boolean>();

/** PHONE_CUE matches within the 40 characters before `runStart`. */
function phoneCueBefore(text: string, runStart: number): boolean {
	if (text !== cueText || cueLast === null) {
		cueText = text;
		cueAnswers.clear();
		cueLast = new Int32Array(text.length + 1);
		let last = -1;
		for (let i = 0; i < text.length; i++) {
			cueLast[i] = last;
			const code = text.charCodeAt(i);
			if (code < 0x80 ? CUE_FIRST_ASCII[code] === 1 : code >= 0x4e00 && CUE_FIRST.has(text.charAt(i)))
				last = i;
		}
		cueLast[text.length] = last;
	}
	const from = Math.max(0, runStart - 40);
	// No character that can open a cue in the window: no cue, without running the regex.
	if ((cueLast[runStart] ?? -1) < from) return false;
	const known = cueAnswers.get(runStart);
	if (known !== undefined) return known;
	const answer = PHONE_CUE.test(text.slice(from, runStart));
	cueAnswers.set(runStart, answer);
	return answer;
}

// What directly follows a measurement rather than a phone number.
const UNIT_HAN = new Set(
	'次步岁天周月年元块个片粒颗支瓶盒袋毫克升分秒小时度斤米公里号日点台张页人例倍单位滴'.split('')
);

const UNIT_WORD =
	/^(?:mg|mcg|ug|g|kg|ml|l|dl|mmol|umol|nmol|iu|miu|u|units?|bpm|mmhg|cm|mm|km|m|lbs?|oz|kcal|cal|copies|cells|steps?|tablets?|pills?|caps?|capsules?|puffs?|drops?|times|hrs?|hours?|mins?|minutes?|secs?|days?|weeks?|months?|years?|yrs?|ng|pg|k|per|a\s+day)(?![a-z])/i;

function unitAfter(text: string, end: number): boolean {
	let i = end;
	while (i < text.length && i - end < 2 && text.charAt(i) === ' ') i++;
	const c = text.charAt(i);
	if (
		c === '%' ||
		c === '/' ||
		c === '×' ||
		c === '*' ||
		c === '^' ||
		c === '℃' ||
		c === '°' ||
		c === 'µ' ||
		c === 'μ'
	)
		return true;
	if (isAsciiLetter(c)) return UNIT_WORD.test(text.slice(i, i + 12));
	return isHanChar(c) && UNIT_HAN.has(c);
}

function dateShaped(groups: readonly Group[]): boolean {
	if (groups.length !== 3) return false;
	const sep = groups[1]?.sep ?? '';
	if (sep !== groups[2]?.sep || !(sep === '-' || sep === '.' || sep === '/' || sep === ' ')) return false;
	const a = groups[0]?.digits.length;
	const b = groups[1]?.digits.length;
	const c = groups[2]?.digits.length;
	return (
		(a === 4 && (b ?? 0) <= 2 && (c ?? 0) <= 2) || ((a ?? 0) <= 2 && (b ?? 0) <= 2 && (c === 4 || c === 2))
	);
}

function parsedPhone(
	ctx: DigitContext,
	groups: readonly Group[],
	digits: string,
	runStart: number
): Classified | null {
	if (digits.length < 7 || digits.length > 13) return null;
	const trunk = digits.startsWith('0') && digits.length >= 9;
	if (!trunk && !phoneCueBefore(ctx.text, runStart)) return null;
	const last = groups[groups.length - 1];
	if (last === undefined || dateShaped(groups) || unitAfter(ctx.text, last.end)) return null;
	const first = groups[0];
	const start = first !== undefined && first.paren ? first.start - 1 : (first?.start ?? runStart);
	let end = last.end;
	if (last.paren && ctx.text.charAt(end) === ')') end++;
	const parsed = parsePhone(ctx.text.slice(start, end), DEFAULT_COUNTRIES[ctx.locale], ctx.budget);
	if (parsed === null) return null;
	return { kind: parsed.mobile ? 'phone' : 'landline', extra: 0 };
}

const MAX_WINDOW = 6;
// "转 123", "ext. 45", "x12", and a Chinese office extension after a dash ("021 6234 5678-801").
const EXTENSION =
	/[ \t]*(?:转|分机|内线|ext\.?|extn\.?|extension|x|-(?=\d{1,5}(?![\d-])))[ \t.:：#]*\d{1,6}(?!\d)/iy;
const CARD_EXPIRY =
	/[ \t,，]*(?:exp(?:iry|ires|\.)?|valid thru|有效期(?:至)?)[ \t.:：]*(\d{2}\s?\/\s?\d{2}(?:\d{2})?)(?!\d)/iy;

const isDigitCode = (code: number): boolean => code >= 0x30 && code <= 0x39;

export function scanDigitRuns(ctx: DigitContext): void {
	const text = ctx.text;
	let i = 0;
	while (i < text.length) {
		const code = text.charCodeAt(i);
		if (
			(!isDigitCode(code) && code !== 0x2b && code !== 0x28) ||
			(i > 0 && isDigitCode(text.charCodeAt(i - 1)))
		) {
			i++;
			continue;
		}
		const run = readRun(text, i);
		if (run === null) {
			i++;
			continue;
		}
		const lastGroup = run.groups[run.groups.length - 1];
		const runEnd = lastGroup === undefined ? i + 1 : lastGroup.end;
		// "plus 44 7911 234 567": the '+' said as a word.
		// (Read only where an 's' or "s " ends right before the run.)
		const s1 = text.charCodeAt(run.start - 1);
		const endsInS =
			(s1 | 0x20) === 0x73 || (s1 === SPACE && (text.charCodeAt(run.start - 2) | 0x20) === 0x73);
		const word =
			run.plus || !endsInS ? null : PLUS_WORD.exec(text.slice(Math.max(0, run.start - 6), run.start));
		if (word !== null) {
			run.plus = true;
			run.start = Math.max(0, run.start - 6) + word.index;
		}
		if (!run.gluedBefore && !classifyForeignId(ctx, run)) {
			classifyRun(ctx, run);
			classifySpacedDigits(ctx, run);
		}
		i = Math.max(runEnd, i + 1);
	}
	if (ctx.lower !== undefined) scanSpelledNumbers(ctx, ctx.lower);
	// The message is not kept once the pass is done.
	cueText = '';
	cueLast = null;
	cueAnswers.clear();
}

/**
 * False when classify() is sure to return null for groups[s..e) (`digits`: the run's digits,
 * `count[k]`: how many precede group k), so the window need not be built: every rule wants a digit
 * count, a shape, a leading 0 or 1, a '+' or a phone word before it, and this checks those cheaply.
 * True means "ask classify()".
 */
function mayClassify(
	ctx: DigitContext,
	groups: readonly Group[],
	digits: string,
	count: Int32Array,
	s: number,
	e: number,
	plus: boolean,
	runStart: number
): boolean {
	const off = count[s] ?? 0;
	const n = (count[e] ?? 0) - off;
	// Nothing classifies outside 7–19 digits (phones 7–15, cards 13–19, resident IDs 15–18).
	if (n < 7 || n > 19) return false;
	// '+': the international branch.
	if (plus) return true;
	const first = groups[s];
	const last = groups[e - 1];
	if (first === undefined || last === undefined) return false;
	const zero = digits.charCodeAt(off) === 0x30;
	if (n >= 13) {
		// Resident IDs: groups of 3+ digits but the last, a province code, and for 18 (or 17 and
		// 'X') characters a birth year from 1880 to 2100.
		if (n === 15 || n === 17 || n === 18) {
			let idShape = true;
			for (let k = s; k < e - 1; k++) if ((groups[k]?.digits.length ?? 0) < 3) idShape = false;
			if (idShape && isProvinceCode(digits.charCodeAt(off) - 48, digits.charCodeAt(off + 1) - 48)) {
				if (n === 15) return true;
				let year = 0;
				for (let k = off + 6; k < off + 10; k++) year = year * 10 + digits.charCodeAt(k) - 48;
				const x = ctx.text.charCodeAt(last.end);
				if (year >= 1880 && year <= 2100 && (n === 18 || x === 0x58 || x === 0x78)) return true;
			}
		}
		// Cards: one block, blocks of four, 4-6-5, 4-6-4, 6-13, 6-12.
		if (e - s === 1) return true;
		let fours = (last.digits.length ?? 0) <= 4;
		for (let k = s; k < e - 1 && fours; k++) if (groups[k]?.digits.length !== 4) fours = false;
		if (fours) return true;
		const a = first.digits.length;
		const b = groups[s + 1]?.digits.length ?? 0;
		if (e - s === 3 && a === 4 && b === 6) return true;
		if (e - s === 2 && a === 6) return true;
		// Mobiles after 86 / 0086: eleven digits after them.
		if ((first.digits === '86' && n === 13) || (first.digits === '0086' && n === 15)) return true;
		// The parser's (13 digits at most): a trunk 0 or a phone word.
		return n === 13 && (zero || phoneCueBefore(ctx.text, runStart));
	}
	// Eleven digits: mobiles 1[3-9]…, NANP 1-3-3-4 (area code 2–9); the rest start with 0.
	const d1 = digits.charCodeAt(off + 1) - 48;
	if (n === 11 && digits.charCodeAt(off) === 0x31 && (d1 >= 3 || (d1 === 2 && e - s === 4))) return true;
	// SSN 3-2-4; NHS and NANP 3-3-4 or one block.
	if (n === 9 && e - s === 3) return true;
	if (n === 10 && (e - s === 1 || (first.digits.length === 3 && groups[s + 1]?.digits.length === 3))) {
		// NANP wants an area code of 2–9; the NHS number its mod 11 check.
		if (digits.charCodeAt(off) >= 0x32 || isNhsNumber(digits.slice(off, off + 10))) return true;
	}
	// Chinese landlines, UK numbers and trunk-0 numbers for the parser start with 0 and have 9+ digits.
	if (zero && n >= 9) return true;
	// The rest is the parser's, after a phone word.
	return phoneCueBefore(ctx.text, runStart);
}

function classifyRun(ctx: DigitContext, run: Run): void {
	const text = ctx.text;
	const groups = run.groups;
	const count = new Int32Array(groups.length + 1);
	let digits = '';
	for (let k = 0; k < groups.length; k++) {
		const g = groups[k]?.digits ?? '';
		count[k + 1] = (count[k] ?? 0) + g.length;
		digits += g;
	}
	let s = 0;
	while (s < groups.length) {
		let taken = false;
		for (let e = Math.min(groups.length, s + MAX_WINDOW); e > s; e--) {
			// Outside 7–19 digits nothing classifies (see mayClassify); fewer digits only get fewer.
			const n = (count[e] ?? 0) - (count[s] ?? 0);
			if (n > 19) continue;
			if (n < 7) break;
			const plus = s === 0 && run.plus;
			const runStart = s === 0 ? run.start : (groups[s]?.start ?? run.start);
			if (!mayClassify(ctx, groups, digits, count, s, e, plus, runStart)) continue;
			// A window over characters an earlier pass took cannot be added: not worth classifying
			// (nor a phone parser call).
			if (!ctx.hits.free(groups[s]?.start ?? 0, groups[e - 1]?.end ?? 0)) continue;
			const window = groups.slice(s, e);
			const first = window[0];
			const last = window[window.length - 1];
			if (first === undefined || last === undefined) continue;
			const found = classify(ctx, window, digits.slice(count[s], count[e]), plus, runStart);
			if (found === null) continue;
			let start = first.paren ? first.start - 1 : first.start;
			if (plus) start = run.start;
			let end = last.end + found.extra;
			if (last.paren && text.charAt(end) === ')') end++;
			if (found.kind === 'phone' || found.kind === 'landline') {
				EXTENSION.lastIndex = end;
				const ext = EXTENSION.exec(text);
				if (ext !== null) end += ext[0].length;
			}
			if (ctx.hits.add({ kind: found.kind, start, end })) {
				if (found.kind === 'bank_card') addCardExpiry(ctx, end);
				s = e;
				taken = true;
				break;
			}
		}
		if (!taken) s++;
	}
}

const PLUS_WORD = /(?<![A-Za-z])plus ?$/i;
const PPS_LETTERS = /^[A-W][A-IW]?(?![A-Za-z0-9])/;

/**
 * Identity numbers of other countries that are whole runs: an Irish PPS number (seven digits and
 * their check letters glued after: "6384921T"), an Aadhaar number in its printed 4-4-4 groups
 * (Verhoeff), a MyKad number (6-2-4 with dashes: a date of birth and a place-of-birth code). True
 * when the run was taken.
 */
function classifyForeignId(ctx: DigitContext, run: Run): boolean {
	const g = run.groups;
	const first = g[0];
	const last = g[g.length - 1];
	if (first === undefined || last === undefined || run.plus) return false;
	let end = -1;
	if (g.length === 1 && first.digits.length === 7) {
		const letters = PPS_LETTERS.exec(ctx.text.slice(first.end, first.end + 3));
		if (letters !== null && isIrishPps(first.digits + letters[0])) end = first.end + letters[0].length;
	} else if (g.length === 3 && !first.paren) {
		const second = g[1];
		const sep = second?.sep ?? '';
		if (second === undefined || sep !== last.sep || (sep !== ' ' && sep !== '-')) return false;
		const a = first.digits.length;
		const b = second.digits.length;
		const c = last.digits.length;
		const digits = first.digits + second.digits + last.digits;
		if (a === 4 && b === 4 && c === 4 && isAadhaar(digits)) end = last.end;
		if (a === 6 && b === 2 && c === 4 && sep === '-' && isMyKad(digits)) end = last.end;
		if (ctx.text.charAt(last.end) === '-' || isAsciiLetter(ctx.text.charAt(last.end))) end = -1;
	}
	return end !== -1 && ctx.hits.add({ kind: 'id_number', start: first.start, end });
}

// Digits said in words, as a number is read out ("oh four one two, three four five, six seven
// eight", "double seven"). On the case-folded view.
const DIGIT_WORD = /\b(?:zero|oh|o|one|two|three|four|five|six|seven|eight|nine|double|triple)\b/g;
const DIGIT_VALUE: Record<string, string> = {
	zero: '0',
	oh: '0',
	o: '0',
	one: '1',
	two: '2',
	three: '3',
	four: '4',
	five: '5',
	six: '6',
	seven: '7',
	eight: '8',
	nine: '9'
};
const DIGIT_NAMES = ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];
// Between two digit words: spaces, commas, dots, dashes (at most three).
const DIGIT_WORD_GAP = /^[\s,.-]{1,3}$/;

/**
 * Phone numbers spelled out digit by digit: a run of seven to fifteen digit words read as one
 * number, taken when it classifies as a phone number (a trunk 0, '+' or a phone word before it).
 */
function scanSpelledNumbers(ctx: DigitContext, lower: string): void {
	// Seven digit words: "one" to "nine" at least once, found with plain substring searches.
	if (!DIGIT_NAMES.some((w) => lower.includes(w))) return;
	let start = -1;
	let end = -1;
	let digits = '';
	let repeat = 1;
	const finish = (): void => {
		if (digits.length >= 7 && digits.length <= 15 && ctx.hits.free(start, end)) {
			const block: Group = { start, end, digits, sep: '', paren: false };
			const found = classifyBlock(ctx, block, false, start);
			if (found !== null && (found.kind === 'phone' || found.kind === 'landline'))
				ctx.hits.add({ kind: found.kind, start, end });
		}
		start = -1;
		digits = '';
		repeat = 1;
	};
	for (const m of lower.matchAll(DIGIT_WORD)) {
		const word = m[0];
		if (start !== -1 && !DIGIT_WORD_GAP.test(lower.slice(end, m.index))) finish();
		if (start === -1) {
			// A run opens on a digit or on double/triple, never on a bare "o".
			if (word === 'o') continue;
			start = m.index;
		}
		end = m.index + word.length;
		if (word === 'double' || word === 'triple') repeat = word === 'double' ? 2 : 3;
		else {
			digits += (DIGIT_VALUE[word] ?? '').repeat(repeat);
			repeat = 1;
		}
		if (digits.length > 15) finish();
	}
	if (start !== -1) finish();
}

/**
 * A number typed one digit at a time ("0 7 3 8 4 2 2 1 9 0 5"): seven or more single digits with
 * one space between them are read as one block of their digits, which must then classify (a phone
 * number with a trunk 0 or after a phone word, a card, an ID).
 */
function classifySpacedDigits(ctx: DigitContext, run: Run): void {
	const groups = run.groups;
	const first = groups[0];
	const last = groups[groups.length - 1];
	if (groups.length < 7 || first === undefined || last === undefined) return;
	for (let k = 0; k < groups.length; k++) {
		const g = groups[k];
		if (g === undefined || g.digits.length !== 1 || (k > 0 && g.sep !== ' ') || g.paren) return;
	}
	if (!ctx.hits.free(first.start, last.end)) return;
	const digits = groups.map((g) => g.digits).join('');
	if (digits.length > 19) return;
	const block: Group = { start: first.start, end: last.end, digits, sep: '', paren: false };
	const found = classifyBlock(ctx, block, run.plus, run.start);
	if (found !== null)
		ctx.hits.add({ kind: found.kind, start: run.plus ? run.start : first.start, end: last.end });
}

/** classify() of one block whose characters are not its digits alone (spaced, spelled out). */
function classifyBlock(ctx: DigitContext, block: Group, plus: boolean, runStart: number): Classified | null {
	const found = classify(ctx, [block], block.digits, plus, runStart);
	if (found !== null || block.digits.length < 7 || block.digits.length > 15) return found;
	// The parser reads the digits, not the spaced or spelled text.
	if (!(block.digits.startsWith('0') || plus || phoneCueBefore(ctx.text, runStart))) return null;
	const parsed = parsePhone((plus ? '+' : '') + block.digits, DEFAULT_COUNTRIES[ctx.locale], ctx.budget);
	return parsed === null ? null : { kind: parsed.mobile ? 'phone' : 'landline', extra: 0 };
}

function addCardExpiry(ctx: DigitContext, end: number): void {
	CARD_EXPIRY.lastIndex = end;
	const m = CARD_EXPIRY.exec(ctx.text);
	const value = m?.[1];
	if (m === null || value === undefined) return;
	const valueEnd = end + m[0].length;
	ctx.hits.add({ kind: 'bank_card', start: valueEnd - value.length, end: valueEnd });
}
