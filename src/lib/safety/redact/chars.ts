// Character classes and the two same-length views the redaction passes match on.
//
// Invariant: every view has the length of the original text and position i of a view stands for
// position i of the original, so offsets found in a view index the patient's text.

import { normalize, normalizedUnit } from '../normalize';

export const isDigit = (c: string): boolean => c >= '0' && c <= '9';
export const isAsciiLetter = (c: string): boolean => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
export const isUpperAscii = (c: string): boolean => c >= 'A' && c <= 'Z';

const LETTER = /^[\p{L}\p{M}]$/u;
const HAN = /^\p{Script=Han}$/u;

// Classes of single UTF-16 code units, filled from Unicode property regexes a block of 256 units at
// a time (one scan per class over the block), so a lookup gives exactly what the regex gives for
// that one-unit string (a lone surrogate is in no class) and no regex runs once per position.
const CLASS_LETTER = 1; // [\p{L}\p{M}]
const CLASS_HAN = 2; // \p{Script=Han}
const CLASS_LATIN_MARK_NUMBER = 4; // [\p{Script=Latin}\p{M}\p{N}]
const CLASS_UPPER = 8; // \p{Lu}
const CLASS_UPPER_IU = 16; // \p{Lu} under the `iu` flags: any character with a case pairing
const CLASS_SOURCES: [number, RegExp][] = [
	[CLASS_LETTER, /[\p{L}\p{M}]/gu],
	[CLASS_HAN, /\p{Script=Han}/gu],
	[CLASS_LATIN_MARK_NUMBER, /[\p{Script=Latin}\p{M}\p{N}]/gu],
	[CLASS_UPPER, /\p{Lu}/gu],
	[CLASS_UPPER_IU, /\p{Lu}/giu]
];
const unitClasses = new Uint8Array(0x10000);
const blockDone = new Uint8Array(0x100);

function fillBlock(block: number): void {
	const base = block << 8;
	let chars = '';
	for (let k = 0; k < 256; k++) {
		const code = base + k;
		// Surrogates stand alone here and belong to no class: a space keeps the positions.
		chars += code >= 0xd800 && code <= 0xdfff ? ' ' : String.fromCharCode(code);
	}
	for (const [bit, re] of CLASS_SOURCES) {
		re.lastIndex = 0;
		for (const m of chars.matchAll(re))
			unitClasses[base + m.index] = (unitClasses[base + m.index] ?? 0) | bit;
	}
	blockDone[block] = 1;
}

function unitClass(code: number): number {
	if (blockDone[code >> 8] === 0) fillBlock(code >> 8);
	return unitClasses[code] ?? 0;
}

/** isLetter for the code unit `code` (a UTF-16 unit, as charCodeAt gives). */
export const isLetterCode = (code: number): boolean =>
	(code >= 0x61 && code <= 0x7a) ||
	(code >= 0x41 && code <= 0x5a) ||
	(code > 0x7f && (unitClass(code) & CLASS_LETTER) !== 0);
/** isHanChar for the code unit `code`. */
export const isHanCode = (code: number): boolean => code >= 0x2e80 && (unitClass(code) & CLASS_HAN) !== 0;
/** /[\p{Script=Latin}\p{M}\p{N}]/u for the code unit `code`. */
export const isLatinMarkNumberCode = (code: number): boolean =>
	(unitClass(code) & CLASS_LATIN_MARK_NUMBER) !== 0;

const isLead = (code: number): boolean => code >= 0xd800 && code <= 0xdbff;
const UPPER_AT = /^\p{Lu}/u;
const UPPER_IU_AT = /^\p{Lu}/iu;
// Answers for code points outside the BMP (read from a surrogate pair), by code point.
const astralUpper = new Map<number, boolean>();
const astralUpperIu = new Map<number, boolean>();

/** re.test(text.slice(pos, pos + 2)) for a lead surrogate at `pos`, cached by code point. */
function astralTest(text: string, pos: number, re: RegExp, cache: Map<number, boolean>): boolean {
	const trail = text.charCodeAt(pos + 1);
	// A lone lead surrogate is in no class.
	if (!(trail >= 0xdc00 && trail <= 0xdfff)) return false;
	const point = text.codePointAt(pos) ?? 0;
	let known = cache.get(point);
	if (known === undefined) cache.set(point, (known = re.test(text.slice(pos, pos + 2))));
	return known;
}

/** /[A-Za-z]|\p{Lu}/u.test(text): an ASCII letter or an upper-case letter of any script. */
export function hasLatinOrUpper(text: string): boolean {
	for (let i = 0; i < text.length; i++) {
		const code = text.charCodeAt(i);
		if (code < 0x80) {
			if ((code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a)) return true;
		} else if (isLead(code)) {
			if (astralTest(text, i, UPPER_AT, astralUpper)) return true;
		} else if ((unitClass(code) & CLASS_UPPER) !== 0) return true;
	}
	return false;
}

const ALL_UPPER = /^\p{Lu}+$/u;

/** /^\p{Lu}+$/u.test(word): every character is an upper-case letter ("NHS", "ÉMILE"). */
export function isAllUpper(word: string): boolean {
	if (word.length === 0) return false;
	for (let i = 0; i < word.length; i++) {
		const code = word.charCodeAt(i);
		if (code >= 0xd800 && code <= 0xdfff) return ALL_UPPER.test(word);
		if ((unitClass(code) & CLASS_UPPER) === 0) return false;
	}
	return true;
}

/** UPPER_AT.test(text.slice(pos)): the code point at `pos` is an upper-case letter. */
export function isUpperAt(text: string, pos: number): boolean {
	if (pos >= text.length) return false;
	const code = text.charCodeAt(pos);
	if (isLead(code)) return astralTest(text, pos, UPPER_AT, astralUpper);
	return (unitClass(code) & CLASS_UPPER) !== 0;
}

/** /^\p{Lu}/iu.test(text.slice(pos)): the code point at `pos` has a case (what `iu` makes of \p{Lu}). */
export function isUpperIuAt(text: string, pos: number): boolean {
	if (pos >= text.length) return false;
	const code = text.charCodeAt(pos);
	if (isLead(code)) return astralTest(text, pos, UPPER_IU_AT, astralUpperIu);
	return (unitClass(code) & CLASS_UPPER_IU) !== 0;
}

/** A letter or combining mark of any script (Zoë, José, Ní, ß, 王). */
export const isLetter = (c: string): boolean =>
	c.length === 1
		? isLetterCode(c.charCodeAt(0))
		: c.length > 0 && (isAsciiLetter(c) || (c > '\u007f' && LETTER.test(c)));
export const isHanChar = (c: string): boolean =>
	c.length === 1 ? isHanCode(c.charCodeAt(0)) : c.length > 0 && c >= '\u2e80' && HAN.test(c);
/** A Latin-script letter (ASCII or accented), not Han. */
export const isLatinLetter = (c: string): boolean =>
	isAsciiLetter(c) || (c > '\u007f' && c < '\u0250' && isLetter(c));
export const isAlnum = (c: string): boolean => isDigit(c) || isAsciiLetter(c);

// Traditional characters that occur in the labels, addresses and surnames the passes look for,
// paired by position with their simplified forms (on top of the pairs normalize() already folds).
const TRADITIONAL =
	'區號樓棟單門診證護醫險電話機碼陳劉張楊趙吳孫馬黃鄭謝韓馮鄧葉蘇盧蔣賈閻鍾範譚鄒陸顧龍萬錢湯喬賀賴龔歐陽諸東長軒轅龐聶鮑藍羅許鄉駕駛執車帳戶銀聯絡郵編縣鎮臺灣處層園華興廣豐衛齊簽屬親齡傳緊繫媽兒婦讓為鄰週貴遼寧黑龍蘭嶺鳳鵬飛靜麗紅軍國慶偉濤強懷貞燕鳴龜夢艷蓮潔麗鈞銘鋒鑫錦瑩嬌顏晉閩贛鄂湘桂瓊渝蜀黔滇陝甘蒙疆藏港澳門碼頁網龍號館莊瑪麥陰陳鐵';
const SIMPLIFIED =
	'区号楼栋单门诊证护医险电话机码陈刘张杨赵吴孙马黄郑谢韩冯邓叶苏卢蒋贾阎钟范谭邹陆顾龙万钱汤乔贺赖龚欧阳诸东长轩辕庞聂鲍蓝罗许乡驾驶执车账户银联络邮编县镇台湾处层园华兴广丰卫齐签属亲龄传紧系妈儿妇让为邻周贵辽宁黑龙兰岭凤鹏飞静丽红军国庆伟涛强怀贞燕鸣龟梦艳莲洁丽钧铭锋鑫锦莹娇颜晋闽赣鄂湘桂琼渝蜀黔滇陕甘蒙疆藏港澳门码页网龙号馆庄玛麦阴陈铁';
// FOLD_TO[code] is the simplified code unit for a traditional one (0: none). All are BMP characters.
const FOLD_TO = new Uint16Array(0x10000);
for (let i = 0; i < TRADITIONAL.length && i < SIMPLIFIED.length; i++)
	FOLD_TO[TRADITIONAL.charCodeAt(i)] = SIMPLIFIED.charCodeAt(i);

/**
 * The view most passes match on: normalize() (full-width ASCII, odd spaces, quotes, dashes) plus
 * the traditional characters above, and the ideographic full stop kept as '。'.
 */
export function redactionView(text: string): string {
	const norm = normalize(text);
	let out = '';
	let runStart = 0;
	for (let i = 0; i < norm.length; i++) {
		const code = norm.charCodeAt(i);
		if (code < 0x4e00) continue;
		const folded = FOLD_TO[code] ?? 0;
		if (folded !== 0) {
			out += norm.slice(runStart, i) + String.fromCharCode(folded);
			runStart = i + 1;
		}
	}
	return runStart === 0 ? norm : out + norm.slice(runStart);
}

// Chinese digits as a patient types a number out (一三八…, 幺 for 1 on the phone, 〇/零/○ for 0).
const ZH_DIGIT_CHARS = '〇○零一幺二两三四五六七八九';
const ZH_DIGIT_VALUES = '00011223456789';
const ZH_DIGITS = new Map<string, string>();
// ZH_DIGIT_CODE[code] is 1 + the digit's value (0: not a Chinese digit).
const ZH_DIGIT_CODE = new Uint8Array(0x10000);
for (let i = 0; i < ZH_DIGIT_CHARS.length; i++) {
	ZH_DIGITS.set(ZH_DIGIT_CHARS.charAt(i), ZH_DIGIT_VALUES.charAt(i));
	ZH_DIGIT_CODE[ZH_DIGIT_CHARS.charCodeAt(i)] = ZH_DIGIT_VALUES.charCodeAt(i) - 47;
}

export const zhDigit = (c: string): string | undefined => ZH_DIGITS.get(c);
const isZhDigitAt = (view: string, i: number): boolean =>
	i < view.length && (ZH_DIGIT_CODE[view.charCodeAt(i)] ?? 0) !== 0;

/**
 * `view` with runs of at least `minRun` Chinese digits (spaces and dashes allowed between them)
 * written as ASCII digits, so a phone number typed in words reads like one typed in digits.
 * Shorter runs (三天, 两片, 一二三) stay as they are. Returns the mask of converted positions too.
 */
export function zhDigitView(view: string, minRun = 7): { text: string; converted: Uint8Array | null } {
	let converted: Uint8Array | null = null;
	let out = '';
	let cursor = 0;
	let i = 0;
	while (i < view.length) {
		if (!isZhDigitAt(view, i)) {
			i++;
			continue;
		}
		let j = i;
		let count = 0;
		let last = i;
		while (j < view.length) {
			const code = view.charCodeAt(j);
			if ((ZH_DIGIT_CODE[code] ?? 0) !== 0) {
				count++;
				j++;
				last = j;
			} else if ((code === 0x20 || code === 0x2d) && isZhDigitAt(view, j + 1)) j++;
			else break;
		}
		if (count >= minRun) {
			converted ??= new Uint8Array(view.length);
			out += view.slice(cursor, i);
			for (let k = i; k < last; k++) {
				const d = ZH_DIGIT_CODE[view.charCodeAt(k)] ?? 0;
				out += d !== 0 ? String.fromCharCode(d + 47) : view.charAt(k);
				converted[k] = 1;
			}
			cursor = last;
		}
		i = Math.max(j, i + 1);
	}
	if (converted === null) return { text: view, converted: null };
	return { text: out + view.slice(cursor), converted };
}

const FOLDS_CASE = /[A-Z\u017f\u212a]/;
const CHUNK = 8192;

/**
 * `view` with A–Z lower-cased and the two non-ASCII letters that case-fold onto ASCII letters
 * (U+017F ſ → s, U+212A Kelvin sign → k), nothing else: same length, same offsets. A case-sensitive
 * regex of ASCII letters matches this view exactly where the same regex with the `iu` flags matches
 * the view itself (`\b` included: under `iu` the word characters are [A-Za-z0-9_ſK]), and V8 runs
 * case-sensitive patterns many times faster than `iu` ones over a long message.
 */
export function foldCase(view: string): string {
	if (!FOLDS_CASE.test(view)) return view;
	const parts: string[] = [];
	const units = new Uint16Array(Math.min(CHUNK, view.length));
	for (let base = 0; base < view.length; base += CHUNK) {
		const n = Math.min(CHUNK, view.length - base);
		for (let k = 0; k < n; k++) {
			const code = view.charCodeAt(base + k);
			units[k] =
				code >= 0x41 && code <= 0x5a ? code + 32 : code === 0x17f ? 0x73 : code === 0x212a ? 0x6b : code;
		}
		parts.push(String.fromCharCode.apply(null, Array.from(units.subarray(0, n))));
	}
	return parts.join('');
}

// ---------------------------------------------------------------------------------------------
// Both views in one pass: collect() needs zhDigitView(redactionView(text)).text and its foldCase(),
// and building them as strings piece by piece costs a string per changed character (every
// full-width comma of a Chinese message, every zero-width space). Here the code units go through
// one table into a buffer, the Chinese digit runs are rewritten in it, and each view is decoded once.

// VIEW_UNIT[code]: the unit redactionView() makes of `code` (normalize(), then the traditional fold).
const VIEW_UNIT = new Uint16Array(0x10000);
for (let code = 0; code < 0x10000; code++) {
	const norm = normalizedUnit(code);
	const folded = norm >= 0x4e00 ? (FOLD_TO[norm] ?? 0) : 0;
	VIEW_UNIT[code] = folded !== 0 ? folded : norm;
}

const UTF16 = (() => {
	try {
		// TextDecoder reads bytes: only on a little-endian platform is a Uint16Array UTF-16LE.
		const littleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
		return littleEndian && typeof TextDecoder === 'function' ? new TextDecoder('utf-16le') : null;
	} catch {
		return null;
	}
})();

/** The string of `units` (TextDecoder would replace a lone surrogate, so `wellFormed` says there is none). */
function decode(units: Uint16Array, wellFormed: boolean): string {
	if (UTF16 !== null && wellFormed) return UTF16.decode(units);
	const parts: string[] = [];
	for (let base = 0; base < units.length; base += CHUNK)
		parts.push(
			String.fromCharCode.apply(
				null,
				units.subarray(base, Math.min(units.length, base + CHUNK)) as unknown as number[]
			)
		);
	return parts.join('');
}

/** zhDigitView's rewrite, in place on the view's code units; true when a run was rewritten. */
function zhDigitRuns(units: Uint16Array, minRun: number): boolean {
	const n = units.length;
	const isZh = (i: number): boolean => i < n && (ZH_DIGIT_CODE[units[i] ?? 0] ?? 0) !== 0;
	let changed = false;
	let i = 0;
	while (i < n) {
		if (!isZh(i)) {
			i++;
			continue;
		}
		let j = i;
		let count = 0;
		let last = i;
		while (j < n) {
			const code = units[j] ?? 0;
			if ((ZH_DIGIT_CODE[code] ?? 0) !== 0) {
				count++;
				j++;
				last = j;
			} else if ((code === 0x20 || code === 0x2d) && isZh(j + 1)) j++;
			else break;
		}
		if (count >= minRun) {
			for (let k = i; k < last; k++) {
				const d = ZH_DIGIT_CODE[units[k] ?? 0] ?? 0;
				if (d !== 0) units[k] = d + 47;
			}
			changed = true;
		}
		i = Math.max(j, i + 1);
	}
	return changed;
}

function copyUnits(source: string): Uint16Array {
	const units = new Uint16Array(source.length);
	for (let k = 0; k < source.length; k++) units[k] = source.charCodeAt(k);
	return units;
}

const isFoldedByCase = (code: number): boolean =>
	(code >= 0x41 && code <= 0x5a) || code === 0x17f || code === 0x212a;

/**
 * `{ text: zhDigitView(redactionView(source)).text, lower: foldCase(text) }`, computed in one pass
 * over the code units (the same tables as those functions, so the same strings).
 */
export function redactionViews(source: string): { text: string; lower: string } {
	const n = source.length;
	let units: Uint16Array | null = null;
	let zh = false;
	let cased = false;
	let ascii = true;
	let wellFormed = true;
	for (let i = 0; i < n; i++) {
		const code = source.charCodeAt(i);
		const unit = VIEW_UNIT[code] ?? code;
		if (unit !== code && units === null) {
			units = new Uint16Array(n);
			for (let k = 0; k < i; k++) units[k] = source.charCodeAt(k);
		}
		if (units !== null) units[i] = unit;
		if (code < 0x80) {
			if (code >= 0x41 && code <= 0x5a) cased = true;
			continue;
		}
		ascii = false;
		if ((ZH_DIGIT_CODE[unit] ?? 0) !== 0) zh = true;
		else if (unit === 0x17f || unit === 0x212a) cased = true;
		else if (unit >= 0xd800 && unit <= 0xdfff) {
			const lead = unit < 0xdc00;
			const other = source.charCodeAt(lead ? i + 1 : i - 1);
			if (!(lead ? other >= 0xdc00 && other <= 0xdfff : other >= 0xd800 && other <= 0xdbff))
				wellFormed = false;
		}
		// Full-width A–Z become ASCII capitals in the view.
		if (unit >= 0x41 && unit <= 0x5a) cased = true;
	}
	if (zh) {
		const mapped = units !== null;
		units ??= copyUnits(source);
		// Only the digit check needed the copy, and no run was long enough: the view is the text.
		if (!zhDigitRuns(units, 7) && !mapped) units = null;
	}
	const text = units === null ? source : decode(units, wellFormed);
	if (!cased) return { text, lower: text };
	// ASCII only: toLowerCase() folds A–Z and nothing else.
	if (ascii) return { text, lower: text.toLowerCase() };
	units ??= copyUnits(source);
	for (let k = 0; k < n; k++) {
		const code = units[k] ?? 0;
		if (isFoldedByCase(code)) units[k] = code === 0x17f ? 0x73 : code === 0x212a ? 0x6b : code + 32;
	}
	return { text, lower: decode(units, wellFormed) };
}
