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

import { isLuhnValid, isNhsNumber, isResidentId15, isResidentId18, isSsnShape } from '../checksums';
import type { SafetyLocale } from '../locale';
import { isAsciiLetter, isDigit, isHanChar } from './chars';
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
export function readRun(text: string, pos: number): Run | null {
	let j = pos;
	let plus = false;
	if (text.charAt(j) === '+' && (isDigit(text.charAt(j + 1)) || text.charAt(j + 1) === ' ')) {
		plus = true;
		j++;
		if (text.charAt(j) === ' ') j++;
	}
	if (!isDigit(text.charAt(j)) && !(text.charAt(j) === '(' && isDigit(text.charAt(j + 1)))) return null;
	const runStart = plus ? pos : j;
	const groups: Group[] = [];
	let sep = '';
	while (groups.length < MAX_GROUPS) {
		let paren = false;
		if (text.charAt(j) === '(') {
			paren = true;
			j++;
		}
		const gStart = j;
		while (j < text.length && j - gStart < 20 && isDigit(text.charAt(j))) j++;
		if (j === gStart) break;
		groups.push({ start: gStart, end: j, digits: text.slice(gStart, j), sep, paren });
		let closed = false;
		if (paren && text.charAt(j) === ')') {
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
		while (k < text.length && k - j < 3) {
			const c = text.charAt(k);
			if (c === ' ') spaces++;
			else if (c === '-') dashes++;
			else if (c === '.') dots++;
			else if (c === ')' || c === '(') parens++;
			else break;
			k++;
		}
		const next = text.charAt(k);
		const nextOk = isDigit(next) || (text.charAt(k - 1) === '(' && isDigit(next));
		if (k === j && closed && isDigit(next)) {
			sep = ')';
			continue;
		}
		if (k === j || !nextOk || spaces > 2 || dashes > 1 || dots > 1 || parens > 1 || (dots === 1 && k - j > 1))
			break;
		sep = text.slice(j, k);
		if (text.charAt(k - 1) === '(') k--;
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

const SEP_PLAIN = /^(?:[ -]|)$/;

function plainSeps(groups: readonly Group[]): boolean {
	return groups.every((g, i) => i === 0 || (SEP_PLAIN.test(g.sep) && !g.paren));
}

function sameShape(actual: readonly number[], ...shapes: number[][]): boolean {
	return shapes.some((s) => s.length === actual.length && s.every((n, i) => n === actual[i]));
}

interface Classified {
	kind: IdentifierKind;
	/** Extra characters consumed after the last group (the ID check character 'X'). */
	extra: number;
}

export interface DigitContext {
	/** The text scanned (the redaction view with Chinese digit runs written as digits). */
	text: string;
	hits: HitSet;
	locale: SafetyLocale;
	budget: PhoneBudget;
}

/** Classifies consecutive groups as one unlabelled identifier, or null. */
function classify(
	ctx: DigitContext,
	groups: readonly Group[],
	plus: boolean,
	runStart: number
): Classified | null {
	const text = ctx.text;
	const last = groups[groups.length - 1];
	if (last === undefined) return null;
	const digits = groups.map((g) => g.digits).join('');
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
		if (groups.length === 1 || fours || sameShape(shape, [4, 6, 5], [4, 6, 4], [6, 13], [6, 12]))
			return { kind: 'bank_card', extra: 0 };
	}
	// US social security number: 3-2-4.
	if (plain && !plus && sameShape(shape, [3, 2, 4]) && isSsnShape(digits)) return { kind: 'ssn', extra: 0 };
	// NHS number: 3-3-4 or ten digits, mod 11.
	if (plain && !plus && (sameShape(shape, [3, 3, 4]) || groups.length === 1) && isNhsNumber(digits)) {
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
	const minGroup = Math.min(...shape);
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
	const restMin = rest.length > 0 ? Math.min(...rest.map((g) => g.digits.length)) : 0;
	if (/^1[3-9]\d{9}$/.test(national) && (rest.length <= 1 || restMin >= 3))
		return { kind: 'phone', extra: 0 };
	if (plus) {
		if (/^44(?:0)?7\d{9}$/.test(digits)) return { kind: 'phone', extra: 0 };
		if (digits.length >= 8 && digits.length <= 15) return { kind: 'landline', extra: 0 };
		return null;
	}
	// Chinese landline: 0 + 2–3 digit area code, 7–8 digit number ("010-12345678", "(0755) 8888 8888").
	if (first !== undefined && /^0[1-9]\d{1,2}$/.test(first.digits)) {
		const number = digits.slice(first.digits.length);
		if (number.length >= 7 && number.length <= 8 && groups.length <= 3 && minGroup >= 3)
			return { kind: 'landline', extra: 0 };
	}
	if (groups.length === 1 && /^0[1-9]\d{8,10}$/.test(digits)) {
		return { kind: /^07\d{9}$/.test(digits) ? 'phone' : 'landline', extra: 0 };
	}
	// UK: 07700 900123, 020 7946 0958, 0161 496 0000, 01632 960000.
	if (
		/^0\d{9,10}$/.test(digits) &&
		sameShape(shape, [5, 6], [3, 4, 4], [4, 3, 4], [5, 3, 3], [4, 7], [3, 8], [5, 5])
	) {
		return { kind: /^07/.test(digits) ? 'phone' : 'landline', extra: 0 };
	}
	// North American: (555) 123-4567, 555-123-4567, 555.123.4567, 1-555-123-4567. Formatted 3-3-4
	// accepts any exchange; a bare ten-digit block must be a valid NANP number (area and exchange 2–9).
	const nanp = digits.length === 11 && digits.startsWith('1') ? digits.slice(1) : digits;
	const nanpShape = digits.length === 11 ? shape.slice(1) : shape;
	if (/^[2-9]\d{9}$/.test(nanp) && sameShape(nanpShape, [3, 3, 4])) return { kind: 'landline', extra: 0 };
	if (groups.length === 1 && /^[2-9]\d{2}[2-9]\d{6}$/.test(digits)) return { kind: 'landline', extra: 0 };
	return parsedPhone(ctx, groups, digits, runStart);
}

// Words that announce a phone number within the 40 characters before it.
const PHONE_CUE =
	/(?:phone|mobile|cell|tel\b|call|ring|text|reach|contact|number|whats ?app|fax|landline|电话|手机|号码|联系|打|致电|热线|传真|座机|微信|短信)/i;

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
	const seps = groups.slice(1).map((g) => g.sep);
	if (seps[0] !== seps[1] || !['-', '.', '/', ' '].includes(seps[0] ?? '')) return false;
	const [a, b, c] = groups.map((g) => g.digits.length);
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
	const last = groups[groups.length - 1];
	if (last === undefined || dateShaped(groups) || unitAfter(ctx.text, last.end)) return null;
	const trunk = digits.startsWith('0') && digits.length >= 9;
	if (!trunk) {
		const before = ctx.text.slice(Math.max(0, runStart - 40), runStart);
		if (!PHONE_CUE.test(before)) return null;
	}
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

export function scanDigitRuns(ctx: DigitContext): void {
	const text = ctx.text;
	let i = 0;
	while (i < text.length) {
		const c = text.charAt(i);
		if ((!isDigit(c) && c !== '+' && c !== '(') || (i > 0 && isDigit(text.charAt(i - 1)))) {
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
		if (!run.gluedBefore) classifyRun(ctx, run);
		i = Math.max(runEnd, i + 1);
	}
}

function classifyRun(ctx: DigitContext, run: Run): void {
	const text = ctx.text;
	const groups = run.groups;
	let s = 0;
	while (s < groups.length) {
		let taken = false;
		for (let e = Math.min(groups.length, s + MAX_WINDOW); e > s; e--) {
			const window = groups.slice(s, e);
			const first = window[0];
			const last = window[window.length - 1];
			if (first === undefined || last === undefined) continue;
			const plus = s === 0 && run.plus;
			const found = classify(ctx, window, plus, s === 0 ? run.start : first.start);
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

function addCardExpiry(ctx: DigitContext, end: number): void {
	CARD_EXPIRY.lastIndex = end;
	const m = CARD_EXPIRY.exec(ctx.text);
	const value = m?.[1];
	if (m === null || value === undefined) return;
	const valueEnd = end + m[0].length;
	ctx.hits.add({ kind: 'bank_card', start: valueEnd - value.length, end: valueEnd });
}
