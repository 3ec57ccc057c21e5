// PII redaction: replaces identifiers with typed placeholders before anything is stored or prompted.
//
// Invariants:
// - Only the redacted text leaves this function together with spans of { kind, start, end,
//   placeholder, outputStart, outputEnd }: the original identifier text is never returned.
// - Spans never overlap; start/end index the ORIGINAL text, outputStart/outputEnd the redacted text.
// - Passes run from most to least specific, and a later pass never touches characters an earlier
//   one took: e-mail → labelled identifiers (身份证/ID/card/MRN/phone labels) → names → unlabelled
//   passports → digit runs. Digit runs are whole runs bounded by non-digits and classified longest
//   first (resident ID → bank card → SSN → NHS → phones), so a phone pattern never eats part of an ID.
// - Unlabelled long numbers are redacted only when they validate (GB 11643 check character, Luhn,
//   NHS mod 11) or have an unmistakable phone shape; anything else is left alone because it may be
//   clinical (doses, temperatures, blood pressure, lab values, dates, ages, weights, durations, rates).
// - Landlines and phone numbers whose type is unknown (US, UK fixed lines) are kind 'landline'
//   ([电话]/[PHONE]); mobile numbers are kind 'phone' ([手机号]/[PHONE]).
// - Pure and total: never throws; linear-time scanning (no backtracking-prone regexes), so a
//   100,000-character message is fine.

import { isLuhnValid, isNhsNumber, isResidentId15, isResidentId18, isSsnShape } from './checksums';
import { contentLocale, type SafetyLocale } from './locale';
import { normalize } from './normalize';

export type IdentifierKind =
	| 'phone'
	| 'landline'
	| 'id_number'
	| 'passport'
	| 'bank_card'
	| 'email'
	| 'ssn'
	| 'nhs_number'
	| 'mrn'
	| 'name';

export interface RedactionSpan {
	kind: IdentifierKind;
	/** Offsets of the removed identifier in the ORIGINAL text. */
	start: number;
	end: number;
	placeholder: string;
	/** Offsets of the placeholder in the redacted text. */
	outputStart: number;
	outputEnd: number;
}

export interface Redaction {
	text: string;
	spans: RedactionSpan[];
}

export const PLACEHOLDERS: Record<SafetyLocale, Record<IdentifierKind, string>> = {
	'zh-CN': {
		phone: '[手机号]',
		landline: '[电话]',
		id_number: '[身份证号]',
		passport: '[护照号]',
		bank_card: '[银行卡号]',
		email: '[邮箱]',
		ssn: '[社保号]',
		nhs_number: '[NHS号]',
		mrn: '[病历号]',
		name: '[姓名]'
	},
	en: {
		phone: '[PHONE]',
		landline: '[PHONE]',
		id_number: '[ID_NUMBER]',
		passport: '[PASSPORT]',
		bank_card: '[BANK_CARD]',
		email: '[EMAIL]',
		ssn: '[SSN]',
		nhs_number: '[NHS_NUMBER]',
		mrn: '[MRN]',
		name: '[NAME]'
	}
};

interface Hit {
	kind: IdentifierKind;
	start: number;
	end: number;
}

/** Accepted hits, kept non-overlapping. */
class HitSet {
	readonly hits: Hit[] = [];

	free(start: number, end: number): boolean {
		for (const h of this.hits) if (h.start < end && start < h.end) return false;
		return true;
	}

	add(hit: Hit): boolean {
		if (hit.end <= hit.start || !this.free(hit.start, hit.end)) return false;
		this.hits.push(hit);
		return true;
	}
}

const isDigit = (c: string) => c >= '0' && c <= '9';
const isAsciiLetter = (c: string) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');

// ---------------------------------------------------------------------------------------------
// E-mail: anchored on '@' and expanded by hand, so long letter runs cannot trigger backtracking.

const EMAIL_LOCAL = /[A-Za-z0-9._%+-]/;
const EMAIL_DOMAIN = /[A-Za-z0-9.-]/;

function findEmails(norm: string, hits: HitSet): void {
	let at = norm.indexOf('@');
	while (at !== -1) {
		let s = at;
		while (s > 0 && at - s < 64 && EMAIL_LOCAL.test(norm.charAt(s - 1))) s--;
		let e = at + 1;
		while (e < norm.length && e - at < 255 && EMAIL_DOMAIN.test(norm.charAt(e))) e++;
		while (e > at + 1 && (norm.charAt(e - 1) === '.' || norm.charAt(e - 1) === '-')) e--;
		while (s < at && norm.charAt(s) === '.') s++;
		const domain = norm.slice(at + 1, e);
		if (s < at && /^[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$/.test(domain)) {
			hits.add({ kind: 'email', start: s, end: e });
		}
		at = norm.indexOf('@', Math.max(e, at + 1));
	}
}

// ---------------------------------------------------------------------------------------------
// Digit runs: groups of digits joined by single separators (space, dash, dot, parentheses).

interface Group {
	start: number;
	end: number;
	digits: string;
	/** Separator text before this group ('' for the first). */
	sep: string;
	paren: boolean;
}

interface Run {
	groups: Group[];
	/** '+' or '00' directly before the first group (international prefix). */
	plus: boolean;
	start: number;
	/** Letter directly before the run (e.g. "A1c", "E12345678"): not an unlabelled identifier. */
	gluedBefore: boolean;
}

/** Reads one run starting at or just after `pos`; returns null if no digit starts there. */
function readRun(norm: string, pos: number): Run | null {
	let j = pos;
	let plus = false;
	if (norm.charAt(j) === '+' && (isDigit(norm.charAt(j + 1)) || norm.charAt(j + 1) === ' ')) {
		plus = true;
		j++;
		if (norm.charAt(j) === ' ') j++;
	}
	if (!isDigit(norm.charAt(j)) && !(norm.charAt(j) === '(' && isDigit(norm.charAt(j + 1)))) return null;
	const runStart = plus ? pos : j;
	const groups: Group[] = [];
	let sep = '';
	for (;;) {
		let paren = false;
		if (norm.charAt(j) === '(') {
			paren = true;
			j++;
		}
		const gStart = j;
		while (j < norm.length && isDigit(norm.charAt(j))) j++;
		if (j === gStart) break;
		groups.push({ start: gStart, end: j, digits: norm.slice(gStart, j), sep, paren });
		if (paren && norm.charAt(j) === ')') j++;
		// Separator: up to three characters of space / dash / dot / parenthesis, then a digit.
		let k = j;
		let spaces = 0;
		let dashes = 0;
		let dots = 0;
		let parens = 0;
		while (k < norm.length && k - j < 3) {
			const c = norm.charAt(k);
			if (c === ' ') spaces++;
			else if (c === '-') dashes++;
			else if (c === '.') dots++;
			else if (c === ')' || c === '(') parens++;
			else break;
			k++;
		}
		const next = norm.charAt(k);
		const nextOk = isDigit(next) || (norm.charAt(k - 1) === '(' && isDigit(next));
		if (k === j || !nextOk || spaces > 2 || dashes > 1 || dots > 1 || parens > 1 || (dots === 1 && k - j > 1))
			break;
		sep = norm.slice(j, k);
		if (norm.charAt(k - 1) === '(') k--;
		j = k;
	}
	const first = groups[0];
	if (first === undefined) return null;
	if (!plus && first.digits.startsWith('00') && first.digits.length > 6) plus = true;
	return {
		groups,
		plus,
		start: runStart,
		gluedBefore: runStart > 0 && isAsciiLetter(norm.charAt(runStart - 1))
	};
}

const SEP_PLAIN = /^(?:[ -]|)$/;

function plainSeps(groups: readonly Group[]): boolean {
	return groups.every((g, i) => i === 0 || (SEP_PLAIN.test(g.sep) && !g.paren));
}

function lens(groups: readonly Group[]): number[] {
	return groups.map((g) => g.digits.length);
}

function sameShape(actual: readonly number[], ...shapes: number[][]): boolean {
	return shapes.some((s) => s.length === actual.length && s.every((n, i) => n === actual[i]));
}

interface Classified {
	kind: IdentifierKind;
	/** Extra characters consumed after the last group (the ID check character 'X'). */
	extra: number;
}

/** Classifies consecutive groups as one unlabelled identifier, or null. */
function classify(norm: string, groups: readonly Group[], plus: boolean): Classified | null {
	const last = groups[groups.length - 1];
	if (last === undefined) return null;
	const digits = groups.map((g) => g.digits).join('');
	const shape = lens(groups);
	const plain = plainSeps(groups);
	const minGroup = Math.min(...shape);
	const after = norm.charAt(last.end);

	// Resident IDs (18 with check character, 15 legacy), any plain grouping of 3+ digit groups.
	if (plain && (groups.length === 1 || shape.slice(0, -1).every((len) => len >= 3)) && !plus) {
		if (
			digits.length === 17 &&
			(after === 'X' || after === 'x') &&
			!isAsciiLetter(norm.charAt(last.end + 1))
		) {
			if (isResidentId18(digits + 'X')) return { kind: 'id_number', extra: 1 };
		}
		if (digits.length === 18 && isResidentId18(digits)) return { kind: 'id_number', extra: 0 };
		if (digits.length === 15 && isResidentId15(digits)) return { kind: 'id_number', extra: 0 };
	}
	if (isAsciiLetter(after)) return null;
	// Payment cards: one block, blocks of four, or 4-6-5; Luhn-valid.
	if (plain && !plus && digits.length >= 13 && digits.length <= 19 && isLuhnValid(digits)) {
		const fours = shape.slice(0, -1).every((n) => n === 4) && (shape[shape.length - 1] ?? 0) <= 4;
		if (groups.length === 1 || fours || sameShape(shape, [4, 6, 5], [6, 13], [6, 12]))
			return { kind: 'bank_card', extra: 0 };
	}
	// US social security number: 3-2-4.
	if (plain && !plus && sameShape(shape, [3, 2, 4]) && isSsnShape(digits)) return { kind: 'ssn', extra: 0 };
	// NHS number: 3-3-4 or ten digits, mod 11.
	if (plain && !plus && (sameShape(shape, [3, 3, 4]) || groups.length === 1) && isNhsNumber(digits)) {
		return { kind: 'nhs_number', extra: 0 };
	}
	return classifyPhone(groups, digits, shape, plus, minGroup);
}

function classifyPhone(
	groups: readonly Group[],
	digits: string,
	shape: readonly number[],
	plus: boolean,
	minGroup: number
): Classified | null {
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
		// +86 landline without the trunk 0, then any other international number.
		if (digits.startsWith('44') && /^44(?:0)?7\d{9}$/.test(digits)) return { kind: 'phone', extra: 0 };
		if (digits.length >= 8 && digits.length <= 15 && minGroup >= 1) return { kind: 'landline', extra: 0 };
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
	// North American: (555) 123-4567, 555-123-4567, 555.123.4567, 1-555-123-4567.
	const nanp = digits.length === 11 && digits.startsWith('1') ? digits.slice(1) : digits;
	const nanpShape = digits.length === 11 ? shape.slice(1) : shape;
	// Formatted 3-3-4 accepts any exchange (555-123-4567 style); a bare ten-digit block must be a
	// valid NANP number (area and exchange 2–9) to be taken for a phone.
	if (/^[2-9]\d{9}$/.test(nanp) && sameShape(nanpShape, [3, 3, 4])) return { kind: 'landline', extra: 0 };
	if (groups.length === 1 && /^[2-9]\d{2}[2-9]\d{6}$/.test(digits)) return { kind: 'landline', extra: 0 };
	return null;
}

const MAX_WINDOW = 6;

function scanDigitRuns(norm: string, hits: HitSet): void {
	let i = 0;
	while (i < norm.length) {
		const c = norm.charAt(i);
		if (!isDigit(c) && c !== '+' && c !== '(') {
			i++;
			continue;
		}
		if (i > 0 && isDigit(norm.charAt(i - 1))) {
			i++;
			continue;
		}
		const run = readRun(norm, i);
		if (run === null) {
			i++;
			continue;
		}
		const lastGroup = run.groups[run.groups.length - 1];
		const runEnd = lastGroup === undefined ? i + 1 : lastGroup.end;
		if (!run.gluedBefore) classifyRun(norm, run, hits);
		i = Math.max(runEnd, i + 1);
	}
}

function classifyRun(norm: string, run: Run, hits: HitSet): void {
	const groups = run.groups;
	let s = 0;
	while (s < groups.length) {
		let taken = false;
		for (let e = Math.min(groups.length, s + MAX_WINDOW); e > s; e--) {
			const window = groups.slice(s, e);
			const plus = s === 0 && run.plus;
			const found = classify(norm, window, plus);
			const first = window[0];
			const last = window[window.length - 1];
			if (found === null || first === undefined || last === undefined) continue;
			let start = first.paren ? first.start - 1 : first.start;
			if (plus) start = run.start;
			let end = last.end + found.extra;
			if (last.paren && norm.charAt(end) === ')') end++;
			if (hits.add({ kind: found.kind, start, end })) {
				s = e;
				taken = true;
				break;
			}
		}
		if (!taken) s++;
	}
}

// ---------------------------------------------------------------------------------------------
// Labelled identifiers: a label, a short connector, then the value (checksums not required).

type LabelKind = Exclude<IdentifierKind, 'email' | 'name' | 'landline'>;

const LABEL_SOURCES: [LabelKind, string][] = [
	[
		'id_number',
		'居民身份证号码|居民身份证|身份证号码|身份证号|身份证|证件号码|证件号|身份号码|\\bid(?:[ -]?card)?(?:\\s*(?:number|no\\.?|#))?|\\bidentity\\s+card(?:\\s*(?:number|no\\.?))?|\\bnational\\s+id(?:entity)?(?:\\s*(?:card|number|no\\.?))?'
	],
	['passport', '护照号码|护照号|护照|\\bpassport(?:\\s*(?:number|no\\.?|#))?'],
	[
		'bank_card',
		'银行卡号|银行卡|信用卡号|信用卡|借记卡号|借记卡|储蓄卡号|储蓄卡|银行账号|卡号|账号|账户号码|账户号|\\b(?:credit|debit|bank)\\s*card(?:\\s*(?:number|no\\.?|#))?|\\bcard\\s*(?:number|no\\.?|#)|\\baccount\\s*(?:number|no\\.?|#)'
	],
	[
		'ssn',
		'社保号码|社保卡号|社保号|社会保障号码|社会保障号|社会保险号码|社会保险号|\\bssn\\b|\\bsocial\\s+security(?:\\s*(?:number|no\\.?|#))?'
	],
	['nhs_number', '\\bnhs(?:\\s*(?:number|no\\.?|#))?'],
	[
		'mrn',
		'病历号码|病历号|住院号|门诊号|病案号|就诊卡号|就诊号|医保卡号|医保号|\\bmrn\\b|\\bmedical\\s+record(?:\\s*(?:number|no\\.?|#))?|\\bhospital\\s+(?:number|no\\.?|id)|\\bpatient\\s+(?:id|number|no\\.?)'
	],
	[
		'phone',
		'手机号码|手机号|手机|联系电话|电话号码|电话|联系方式|座机|\\b(?:phone|mobile|cell|tel|telephone)(?:\\s*(?:number|no\\.?|#))?'
	]
];

const LABELS = new RegExp(LABEL_SOURCES.map(([kind, src]) => `(?<${kind}>${src})`).join('|'), 'giu');
const CONNECTOR = /(?:[\s:：#=＝]|是|为|号码|号|码|\bnumber\b|\bno\.?|\bis\b|\bare\b)*/y;
const ALNUM_VALUE = /[A-Za-z0-9][A-Za-z0-9-]{3,24}(?![A-Za-z0-9])/y;

const DIGIT_LIMIT: Record<'id_number' | 'bank_card' | 'ssn' | 'nhs_number' | 'phone', [number, number]> = {
	id_number: [6, 18],
	bank_card: [8, 19],
	ssn: [7, 9],
	nhs_number: [8, 10],
	phone: [7, 15]
};

function findLabelled(norm: string, hits: HitSet): void {
	LABELS.lastIndex = 0;
	for (const m of norm.matchAll(LABELS)) {
		const groups = m.groups ?? {};
		const kind = LABEL_SOURCES.find(([k]) => groups[k] !== undefined)?.[0];
		if (kind === undefined) continue;
		const labelEnd = m.index + m[0].length;
		CONNECTOR.lastIndex = labelEnd;
		const conn = CONNECTOR.exec(norm);
		let pos = conn === null ? labelEnd : labelEnd + Math.min(conn[0].length, 16);
		if (pos - labelEnd > 16) continue;
		if (kind === 'passport' || kind === 'mrn') {
			ALNUM_VALUE.lastIndex = pos;
			const v = ALNUM_VALUE.exec(norm);
			if (v !== null && /\d/.test(v[0])) hits.add({ kind, start: pos, end: pos + v[0].length });
			continue;
		}
		const run = readRun(norm, pos);
		if (run === null) continue;
		const [min, max] = DIGIT_LIMIT[kind];
		let count = 0;
		let end = pos;
		for (const g of run.groups) {
			if (count > 0 && count + g.digits.length > max) break;
			count += g.digits.length;
			end = g.end;
			if (count >= min && g === run.groups[0] && count >= 11) break;
		}
		if (count < min) continue;
		if (kind === 'id_number' && /[Xx]/.test(norm.charAt(end)) && !isAsciiLetter(norm.charAt(end + 1))) end++;
		if (norm.charAt(end) === ')' && norm.slice(pos, end).includes('(')) end++;
		pos = run.start;
		let outKind: IdentifierKind = kind;
		if (kind === 'phone') {
			const digits = norm.slice(pos, end).replace(/\D/g, '');
			outKind =
				/^(?:86|0086)?1[3-9]\d{9}$/.test(digits) || /^(?:44)?0?7\d{9}$/.test(digits) ? 'phone' : 'landline';
		}
		hits.add({ kind: outKind, start: pos, end });
	}
}

// ---------------------------------------------------------------------------------------------
// Names: only after an explicit introduction ("我叫…", "姓名：", "my name is …").

const COMPOUND_SURNAMES =
	'欧阳 司马 诸葛 上官 东方 皇甫 尉迟 公孙 慕容 长孙 宇文 司徒 夏侯 轩辕 令狐 钟离 端木 南宫 西门 独孤'.split(
		' '
	);
const SURNAMES = new Set(
	'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖萧田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝'.split(
		''
	)
);
// Characters that end a name early (only from the third character on, so names stay ≥ 2).
const NAME_STOP = new Set(
	'今是的了在有我你从住来患想要最因得现已刚和跟也都就还又说问请叫岁年男女病医今天去做吃'.split('')
);
const ZH_NAME_LABEL =
	/(?:我叫|我的名字叫|我的名字是|名字叫|本人姓名(?:是|为)?[:：]?|患者姓名(?:是|为)?[:：]?|病人姓名(?:是|为)?[:：]?|姓名(?:是|为)?[:：]|名字[:：])[ \t]*/gu;
const EN_NAME_LABEL =
	/\b(?:my name is|my name's|i am called|i'm called|call me|(?:patient |full )?name\s*:)[ \t]*/giu;
const EN_NAME_STOP = new Set([
	'I',
	'And',
	'But',
	'The',
	'A',
	'An',
	'My',
	'Im',
	"I'm",
	'It',
	'This',
	'Is',
	'Am',
	'Age',
	'Aged',
	'Dob',
	'DOB',
	'From'
]);

const isHanChar = (c: string) => /\p{Script=Han}/u.test(c);

function readChineseName(norm: string, pos: number): number {
	let len = 0;
	while (len < 4 && isHanChar(norm.charAt(pos + len))) len++;
	if (len < 2) return 0;
	const two = norm.slice(pos, pos + 2);
	const compound = COMPOUND_SURNAMES.includes(two);
	if (!compound && !SURNAMES.has(norm.charAt(pos))) return 0;
	let end = 2;
	while (end < len && !NAME_STOP.has(norm.charAt(pos + end))) end++;
	if (compound && end < 3 && len >= 3) end = 3;
	return end;
}

function readLatinName(norm: string, pos: number): number {
	const re = /[A-Z][A-Za-z'.-]*/y;
	let end = pos;
	let words = 0;
	let p = pos;
	while (words < 3) {
		re.lastIndex = p;
		const m = re.exec(norm);
		const word = m === null ? '' : m[0].replace(/[.'-]+$/, '');
		if (word.length === 0 || EN_NAME_STOP.has(word)) break;
		end = p + word.length;
		if (word.length < (m?.[0].length ?? 0)) {
			words++;
			break;
		}
		words++;
		if (norm.charAt(end) !== ' ') break;
		p = end + 1;
	}
	return end - pos;
}

function findNames(norm: string, hits: HitSet): void {
	ZH_NAME_LABEL.lastIndex = 0;
	for (const m of norm.matchAll(ZH_NAME_LABEL)) {
		const pos = m.index + m[0].length;
		const len = readChineseName(norm, pos) || readLatinName(norm, pos);
		if (len > 0) hits.add({ kind: 'name', start: pos, end: pos + len });
	}
	EN_NAME_LABEL.lastIndex = 0;
	for (const m of norm.matchAll(EN_NAME_LABEL)) {
		const pos = m.index + m[0].length;
		const len = readLatinName(norm, pos) || readChineseName(norm, pos);
		if (len > 0) hits.add({ kind: 'name', start: pos, end: pos + len });
	}
}

// ---------------------------------------------------------------------------------------------

const PASSPORT_CN = /(?<![A-Za-z0-9])(?:[EG]\d{8}|E[A-HJ-NP-Z]\d{7})(?![A-Za-z0-9])/g;

/**
 * Replaces identifiers in `text` with placeholders in the locale's language ('zh-CN' → Chinese
 * labels, anything else → English). Never throws; non-string input is treated as empty.
 */
export function redact(text: string, locale?: string): Redaction {
	const source = typeof text === 'string' ? text : '';
	if (source.length === 0) return { text: '', spans: [] };
	const norm = normalize(source);
	const hits = new HitSet();
	findEmails(norm, hits);
	findLabelled(norm, hits);
	findNames(norm, hits);
	PASSPORT_CN.lastIndex = 0;
	for (const m of norm.matchAll(PASSPORT_CN))
		hits.add({ kind: 'passport', start: m.index, end: m.index + m[0].length });
	scanDigitRuns(norm, hits);

	const labels = PLACEHOLDERS[contentLocale(locale)];
	const sorted = [...hits.hits].sort((a, b) => a.start - b.start);
	let out = '';
	let cursor = 0;
	const spans: RedactionSpan[] = [];
	for (const h of sorted) {
		out += source.slice(cursor, h.start);
		const placeholder = labels[h.kind];
		spans.push({
			kind: h.kind,
			start: h.start,
			end: h.end,
			placeholder,
			outputStart: out.length,
			outputEnd: out.length + placeholder.length
		});
		out += placeholder;
		cursor = h.end;
	}
	out += source.slice(cursor);
	return { text: out, spans };
}
