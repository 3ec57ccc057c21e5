// Personal names (HIPAA Safe Harbor (A): names of the individual and of relatives, employers and
// household members; PIPL 姓名). A name is taken only where something says it is one:
// - a cue: "我叫/我是/本人/姓名：/患者：/家属：/联系人：", "my name is", "name's", "I'm", "this is",
//   "it's … here", "Patient:", a title (Mr, Dr), a relative ("我老公…", "my son …", "Grandma …");
// - a sign-off at the end ("谢谢！李明", "——王小明", "Thanks, Aisha Rahman", "cheers mike", "- jenny");
// - its own shape: a Chinese name followed by 男/女 or an age ("江涛，男，34岁"), by a relation in
//   brackets ("石磊（我老公）"), by 的 + a relative ("马丽的宝宝"), or opening a sentence with two
//   given-name characters and a verb ("金建军昨晚…"); a known given name followed by a surname
//   ("May Thompson"), a pinyin surname and given name ("Chen Xiaohong"), a given name opening a
//   sentence with a verb ("Faith asked…").
// Chinese names are a surname from the Hundred Family Surnames (plus common modern ones, single or
// compound) and one or two given-name characters; words that merely start with a surname (高烧,
// 白细胞, 孙子, 马上, 周末, 金银花…) are refused by a word list and by characters no given name uses.
// Latin names are Unicode words (Zoë, José García-López, Siobhán Ní Bhriain, D'Angelo); a common
// English word (generated from a frequency list) is not a name, so "I'm tired" stays while
// "I'm Sarah" goes; given names that are everyday words (Will, May, Grace, Bill, Frank) are taken
// only where a cue or a surname says they are names.

import data from '../data/pii-names.json';
import {
	hasLatinOrUpper,
	isAllUpper,
	isHanChar,
	isHanCode,
	isLatinMarkNumberCode,
	isLetterCode,
	isUpperAt,
	isUpperIuAt
} from './chars';
import type { HitSet } from './types';

const ZH_SURNAMES = new Set([...data.zhSurnames]);
// ZH_SURNAMES.has(text.charAt(i)) by code unit (a one-unit string: surnames are BMP characters).
const ZH_SURNAME_UNIT = new Uint8Array(0x10000);
for (const c of ZH_SURNAMES) if (c.length === 1) ZH_SURNAME_UNIT[c.charCodeAt(0)] = 1;
const ZH_COMPOUND = new Set(data.zhCompoundSurnames);
// First characters of the compound surnames, by code unit.
const ZH_COMPOUND_FIRST = new Uint8Array(0x10000);
for (const c of ZH_COMPOUND) ZH_COMPOUND_FIRST[c.charCodeAt(0)] = 1;
const ZH_GIVEN = new Set([...data.zhGivenChars]);
const ZH_NOT_NAME = new Set([...data.zhNotNameChars]);
const ZH_NOT_WORDS = new Set(data.zhNotNameWords);
// Japanese surnames (two or three characters), read after a cue: "我是田中美咲".
const JA_SURNAMES = new Set(data.jaSurnames);
const KANA = /[\u3041-\u30ff]/;
const EN_GIVEN = new Set(data.enGiven.split(' '));
const EN_AMBIGUOUS = new Set(data.enAmbiguousGiven.split(' '));
// The wide list (Moby's first names): a name only where the shape says so, never alone mid-sentence.
const EN_GIVEN_WIDE = new Set(data.enGivenWide.split(' '));
const PINYIN = new Set(data.pinyinSurnames.split(' '));
const COMMON = new Set(data.enCommonWords.split(' '));
// Surnames that are also common words (Brown, White, King): a surname after a given name.
const SURNAME_WORDS = new Set(data.enSurnameWords.split(' '));
// Every other surname of the lists ("smith", "oconnor"), for names typed in lower case.
const SURNAMES = new Set(data.enSurnames.split(' '));

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const ZH_RELATIONS = data.zhRelations.map(escape).join('|');
// Carers, household staff and the Cantonese words for parents: a name right after them is theirs
// ("保姆 Siti Nurhaliza", "我阿爸陳大文", "孕妇 练晓敏").
const ZH_ROLES =
	'阿爸 阿妈 阿媽 老豆 老窦 阿公 阿嫲 阿爷 阿爺 老爸 老妈 保姆 护工 護工 月嫂 育儿嫂 护理员 陪护 孕妇 产妇 患儿 伤者 参保人 持证人 被保人 病患'
		.split(' ')
		.join('|');

type ZhMode = 'cued' | 'strict';

/**
 * Length of a Chinese name at `pos` (surname + one or two given characters), or 0. 'cued' (after
 * 我叫/姓名：…) accepts any character a given name can hold; 'strict' (no explicit cue) wants known
 * given-name characters.
 */
/** A character a given name can hold ('strict': a known given-name character). */
function okGivenChar(c: string, strict: boolean): boolean {
	return isHanChar(c) && !ZH_NOT_NAME.has(c) && (!strict || ZH_GIVEN.has(c));
}

function readZhName(text: string, pos: number, mode: ZhMode): number {
	const code = text.charCodeAt(pos);
	if (ZH_SURNAME_UNIT[code] !== 1 && ZH_COMPOUND_FIRST[code] !== 1) return 0;
	const two = text.slice(pos, pos + 2);
	const surname = ZH_COMPOUND.has(two) ? 2 : ZH_SURNAMES.has(text.charAt(pos)) ? 1 : 0;
	if (surname === 0) return 0;
	const c1 = text.charAt(pos + surname);
	if (!okGivenChar(c1, mode === 'strict')) {
		// A compound surname alone is still a name ("姓名：欧阳").
		return surname === 2 && !isHanChar(c1) && mode === 'cued' ? 2 : 0;
	}
	let len = surname + 1;
	const c2 = text.charAt(pos + len);
	const after = text.charAt(pos + len + 1);
	if (okGivenChar(c2, mode === 'strict') && (ZH_GIVEN.has(c2) || !isHanChar(after) || ZH_NOT_NAME.has(after)))
		len++;
	// 高烧, 孙子, 白细胞, 金银花: a word that starts with a surname is no name.
	for (let k = 2; k <= Math.min(4, len + 1); k++) if (ZH_NOT_WORDS.has(text.slice(pos, pos + k))) return 0;
	return len;
}

/**
 * Length of a Japanese name at `pos` after a cue: a known surname and one to three more kanji or
 * kana, up to a character that is neither (or 的); 0 when there is none.
 */
function readJaName(text: string, pos: number, strict = false): number {
	for (const k of [3, 2]) {
		if (!JA_SURNAMES.has(text.slice(pos, pos + k))) continue;
		let len = k;
		while (len < k + 3) {
			const c = text.charAt(pos + len);
			if (c === '的' || !(isHanChar(c) || KANA.test(c))) break;
			len++;
		}
		const next = text.charAt(pos + len);
		// After a soft cue ("我是…") two given characters or kana: "我是中村人" is no name.
		if (strict && len - k < 2 && !KANA.test(text.slice(pos + k, pos + len))) return 0;
		return len > k && (next === '' || next === '的' || !(isHanChar(next) || KANA.test(next))) ? len : 0;
	}
	return 0;
}

// ---------------------------------------------------------------------------------------------
// Latin-script names

const TOKEN = /[\p{L}\p{M}]+(?:['’-][\p{L}\p{M}]+)*/uy;
const PARTICLES = new Set([
	'de',
	'da',
	'das',
	'do',
	'dos',
	'van',
	'von',
	'der',
	'den',
	'del',
	'della',
	'la',
	'le',
	'di',
	'du',
	'bin',
	'binti',
	'bint',
	'al',
	'el',
	'ibn',
	'ní',
	'ni',
	'nic',
	'ó',
	'o',
	'mac',
	'mc',
	'ter',
	'ten',
	'y'
]);
const TITLES = new Set([
	'mr',
	'mrs',
	'ms',
	'miss',
	'mx',
	'dr',
	'prof',
	'professor',
	'sir',
	'dame',
	'mister',
	'madam',
	'nurse',
	'rev',
	'revd',
	'fr',
	'pastor',
	'rabbi',
	'imam',
	'sgt',
	'capt',
	'cllr'
]);
// Syllables of Hanyu Pinyin (initial + final), for "Zhang Wei", "Chen Xiaohong", "liu yang".
const PINYIN_WORD =
	/^(?:(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?(?:iang|iong|uang|ang|eng|ing|ong|ian|iao|uai|uan|van|ai|ei|ao|ou|an|en|in|un|ia|ie|iu|ua|uo|ui|ue|er|a|o|e|i|u|v|ü)){1,3}$/;
const EPONYM_AFTER =
	/^['’]?s?\s+(?:disease|syndrome|palsy|oesophagus|esophagus|sign|test|lymphoma|sarcoma|ulcer|cyst|tumou?r|disorder|reflex|manoeuvre|maneuver|phenomenon|law|criteria|score|scale|method)\b/i;
// First letters of EPONYM_AFTER's words, either case.
const EPONYM_FIRST = new Set('dspoetlucrmDSPOETLUCRM');

/** A code unit of /\s/. */
function isSpaceCode(code: number): boolean {
	return (
		code === 0x20 ||
		(code >= 0x09 && code <= 0x0d) ||
		code === 0xa0 ||
		code === 0x1680 ||
		(code >= 0x2000 && code <= 0x200a) ||
		code === 0x2028 ||
		code === 0x2029 ||
		code === 0x202f ||
		code === 0x205f ||
		code === 0x3000 ||
		code === 0xfeff
	);
}

/**
 * EPONYM_AFTER.test(text.slice(end, end + 24)): a disease word follows ("Crohn's disease"). The
 * regex runs only where its spaces can start (at end, after an apostrophe or an 's') and are
 * followed by a letter one of its words starts with.
 */
function eponymAfter(text: string, end: number): boolean {
	let possible = false;
	for (let q = end; q <= end + 2 && !possible; q++) {
		if (!isSpaceCode(text.charCodeAt(q))) continue;
		let r = q;
		while (r < end + 24 && isSpaceCode(text.charCodeAt(r))) r++;
		possible = EPONYM_FIRST.has(text.charAt(r));
	}
	return possible && EPONYM_AFTER.test(text.slice(end, end + 24));
}

interface LatinOptions {
	/** A lower-case first word is a name when it is a known given name ("im sarah", "cheers mike"). */
	lower: boolean;
	/** A capitalised given name that is also an everyday word (Will, May, Grace) counts. */
	ambiguous: boolean;
	/** A capitalised word that is no common English word counts as a name (Priya, Siobhán). */
	uncommon: boolean;
	/** After "my name is", a lower-case word that is no common word (or a pinyin surname) is the
	 * name ("my name is li na"). */
	lowerUncommon?: boolean;
	/** After an explicit cue, every following capitalised word but a function word belongs to the
	 * name ("I am Nguyen Van An"). */
	greedy?: boolean;
	/** A lower-case given name that is also an everyday word counts (a sign-off: "thanks, rob"). */
	lowerAmbiguous?: boolean;
}

const QUOTED_NICKNAME = /^ (['"(])[\p{Lu}][\p{L}\p{M}'-]{0,15}['")]/u;
const FUNCTION_WORDS = new Set([
	'and',
	'or',
	'but',
	'the',
	'a',
	'an',
	'i',
	'my',
	'is',
	'am',
	'are',
	'was',
	'from',
	'with',
	'in',
	'on',
	'at',
	'to',
	'for',
	'of',
	'here',
	'and',
	'who',
	'dob',
	'age',
	'aged',
	'mrn',
	'nhs',
	'id',
	'tel',
	'phone',
	'mobile'
]);

interface Token {
	start: number;
	end: number;
	word: string;
	lower: string;
	cap: boolean;
	/** A script without case (Hangul, kana…). */
	uncased: boolean;
}

// Longer than any word in the name lists: such a token is looked up as LONG_WORD, which no list holds.
const LONG_TOKEN = 32;
const LONG_WORD = '\u0000';

// The last token read. A token read from inside it (a position in one of its letter runs) ends where
// it ends, so a pass that tries every position of a long run ("叫叫叫…", a Han sentence after
// "名字是") reads the run once, not once per position.
let lastText = '';
let lastStart = -1;
let lastEnd = -1;

const isSurrogate = (code: number): boolean => code >= 0xd800 && code <= 0xdfff;

/**
 * TOKEN's end at `pos` read with the character tables, or -2 when a surrogate is in the way (an
 * astral letter: then TOKEN itself is asked), -1 when no token starts at `pos`.
 */
/**
 * 1: a letter or mark at i, 0: none (or the end), -1: a surrogate (TOKEN reads code points). With
 * `noHan`, a Han character is no letter: a Latin-script word ends where Chinese starts ("wei的家属").
 */
function letterAt(text: string, i: number, noHan = false): number {
	const code = text.charCodeAt(i);
	if (isSurrogate(code)) return -1;
	return i < text.length && isLetterCode(code) && !(noHan && isHanCode(code)) ? 1 : 0;
}

function scanToken(text: string, pos: number): number {
	let j = pos;
	const noHan = !isHanCode(text.charCodeAt(pos));
	for (;;) {
		const l = letterAt(text, j, noHan);
		if (l === -1) return -2;
		if (l === 0) break;
		j++;
	}
	if (j === pos) return -1;
	for (;;) {
		const joiner = text.charCodeAt(j);
		if (joiner !== 0x27 && joiner !== 0x2019 && joiner !== 0x2d) return j;
		const next = letterAt(text, j + 1, noHan);
		if (next === -1) return -2;
		if (next === 0) return j;
		j += 2;
		for (;;) {
			const l = letterAt(text, j, noHan);
			if (l === -1) return -2;
			if (l === 0) break;
			j++;
		}
	}
}

function tokenEnd(text: string, pos: number): number {
	if (text === lastText && pos > lastStart && pos < lastEnd) {
		const code = text.charCodeAt(pos);
		// A letter or mark that is a whole code point (not half of a surrogate pair).
		if (!isSurrogate(code) && isLetterCode(code) && isHanCode(code) === isHanCode(text.charCodeAt(lastStart)))
			return lastEnd;
	}
	let end = scanToken(text, pos);
	if (end === -2) {
		TOKEN.lastIndex = pos;
		const m = TOKEN.exec(text);
		end = m === null ? -1 : pos + m[0].length;
	}
	if (end === -1) return -1;
	lastText = text;
	lastStart = pos;
	lastEnd = end;
	return end;
}

function tokenAt(text: string, pos: number): Token | null {
	// A word boundary in Latin script: a Han character may stand right before ("我叫Lily").
	if (pos > 0 && isLatinMarkNumberCode(text.charCodeAt(pos - 1))) return null;
	let end = tokenEnd(text, pos);
	if (end === -1) return null;
	// A possessive is not part of the name: "Mike's".
	const s = text.charCodeAt(end - 1);
	const apostrophe = text.charCodeAt(end - 2);
	if (end - pos >= 2 && (s === 0x73 || s === 0x53) && (apostrophe === 0x27 || apostrophe === 0x2019))
		end -= 2;
	const word = text.slice(pos, end);
	const lower = word.length > LONG_TOKEN ? LONG_WORD : bareLower(word);
	return { start: pos, end, word, lower, cap: isUpperAt(text, pos), uncased: isUncasedAt(text, pos) };
}

// Letters only Vietnamese writes: ă, ơ, ư, đ and the tone-marked vowels of Latin Extended Additional.
const VIETNAMESE_LETTER = /[\u1ea0-\u1ef9ăâơưđĂÂƠƯĐ]/;
const MARKS = /\p{M}+/gu;

/**
 * `word` lower-cased with its accents taken off, so the name lists (kept without accents) know
 * "Seán", "Tomás", "Zoë" and "Nguyễn" as "sean", "tomas", "zoe" and "nguyen".
 */
function bareLower(word: string): string {
	const lower = word.toLowerCase();
	let ascii = true;
	for (let i = 0; i < lower.length && ascii; i++) ascii = lower.charCodeAt(i) < 0x7f;
	return !ascii ? lower.normalize('NFD').replace(MARKS, '').normalize('NFC').replace(/đ/g, 'd') : lower;
}

function isPinyinWord(lower: string): boolean {
	return lower.length <= 12 && PINYIN_WORD.test(lower);
}

/**
 * A letter of a script without case at `pos` (Hangul, kana, Thai, Arabic…; not Han): such a word
 * cannot show a name by its capital, so after a cue it is the name ("contact: 김민준").
 */
function isUncasedAt(text: string, pos: number): boolean {
	const code = text.charCodeAt(pos);
	return code > 0x7f && isLetterCode(code) && !isHanCode(code) && !isUpperIuAt(text, pos);
}

function firstIsName(t: Token, opts: LatinOptions): boolean {
	if (opts.uncommon && t.uncased && t.word.length >= 2) return true;
	if (t.word.length < 2 && !t.cap) return false;
	if (t.cap) {
		if (
			EN_GIVEN.has(t.lower) ||
			PINYIN.has(t.lower) ||
			EN_GIVEN_WIDE.has(t.lower) ||
			isHyphenatedGiven(t.lower)
		)
			return true;
		if (EN_AMBIGUOUS.has(t.lower)) return opts.ambiguous;
		return opts.uncommon && !COMMON.has(t.lower) && t.word.length >= 2 && !isAllUpper(t.word);
	}
	if (opts.lowerUncommon === true && (PINYIN.has(t.lower) || (!COMMON.has(t.lower) && t.word.length >= 3)))
		return true;
	if (opts.lowerAmbiguous === true && EN_AMBIGUOUS.has(t.lower)) return true;
	return opts.lower && (EN_GIVEN.has(t.lower) || isHyphenatedGiven(t.lower));
}

/** "mary-jane", "jean-luc": every part of a hyphenated word is a given name of the lists. */
function isHyphenatedGiven(lower: string): boolean {
	if (lower.indexOf('-') <= 0) return false;
	const parts = lower.split('-');
	return parts.every((w) => w.length >= 2 && (EN_GIVEN.has(w) || EN_GIVEN_WIDE.has(w)) && !COMMON.has(w));
}

/** Start of the last name read (after a title such as "Mr", which stays in the text). */
let nameStart = 0;

/** End of a Latin-script name starting at `pos` (its start in `nameStart`), or -1. */
function readLatinName(text: string, pos: number, opts: LatinOptions): number {
	let p = pos;
	nameStart = pos;
	// Neither capitalised (a title, a name) nor a lower-case word the name lists could hold (they
	// start with a–z, and count only with `lower`): no name, without reading the token.
	if (opts.lowerUncommon !== true && !isUpperAt(text, pos) && !(opts.uncommon && isUncasedAt(text, pos))) {
		const c = text.charCodeAt(pos);
		if (!opts.lower || c < 0x61 || c > 0x7a) return -1;
	}
	let first = tokenAt(text, p);
	let titled = false;
	if (first !== null && TITLES.has(first.lower) && first.cap) {
		// "Mr Oluwaseun Adeyemi": the title stays, the name after it goes.
		let q = first.end;
		if (text.charAt(q) === '.') q++;
		if (text.charAt(q) !== ' ') return -1;
		p = q + 1;
		nameStart = p;
		// "Dr. P. Raghunathan", "Dr J Smith": initials before the surname belong to the name.
		while (/^\p{Lu}\.?\s(?=\p{Lu})/u.test(text.slice(p, p + 4))) p += text.charAt(p + 1) === '.' ? 3 : 2;
		first = tokenAt(text, p);
		if (first === null || !first.cap) return -1;
		opts = { ...opts, uncommon: true, ambiguous: true };
		titled = !FUNCTION_WORDS.has(first.lower) && !isAllUpper(first.word);
	}
	if (first === null) return -1;
	// After a title any capitalised word is the name, everyday word or not ("Mrs Park", "Dr Bell").
	if (!titled && !firstIsName(first, opts)) {
		// "liu yang": a lower-case pinyin surname followed by a pinyin given name.
		const next = tokenAt(text, first.end + 1);
		const pair =
			opts.lower &&
			!first.cap &&
			PINYIN.has(first.lower) &&
			text.charAt(first.end) === ' ' &&
			next !== null &&
			!next.cap &&
			isPinyinWord(next.lower) &&
			!COMMON.has(next.lower);
		if (!pair) return -1;
	}
	if (eponymAfter(text, first.end)) return -1;
	let end = first.end;
	const pinyinFirst = PINYIN.has(first.lower);
	// A surname spelled with Vietnamese letters ("Phạm", "Nguyễn", "Đặng"): the capitalised words
	// after it are the rest of the name, everyday words or not ("Phạm Thu Trang").
	const vietnamese = pinyinFirst && first.cap && VIETNAMESE_LETTER.test(first.word);
	let count = 1;
	while (count < 4 && text.charAt(end) === ' ') {
		// A nickname in quotes inside the name: "Bartholomew 'Bart' Nwosu-Kingsley".
		const nick = opts.greedy === true ? QUOTED_NICKNAME.exec(text.slice(end, end + 24)) : null;
		if (nick !== null && isUpperAt(text, end + 2)) {
			const after = tokenAt(text, end + nick[0].length + 1);
			if (after !== null && after.cap && text.charAt(end + nick[0].length) === ' ') {
				end = after.end;
				count += 2;
				continue;
			}
		}
		let next = tokenAt(text, end + 1);
		if (next === null) break;
		if (PARTICLES.has(next.lower) && !next.cap && text.charAt(next.end) === ' ') {
			const after = tokenAt(text, next.end + 1);
			if (after === null || !after.cap) break;
			next = after;
		}
		// A middle initial between two parts of the name ("RUTH A OKAFOR", "Harold J. Kowalski").
		if (next.word.length === 1 && next.cap && first.cap) {
			const q = next.end + (text.charAt(next.end) === '.' ? 1 : 0);
			const after = text.charAt(q) === ' ' ? tokenAt(text, q + 1) : null;
			if (after !== null && after.cap && !FUNCTION_WORDS.has(after.lower) && !COMMON.has(after.lower)) {
				end = after.end;
				count += 2;
				continue;
			}
		}
		// "Bill HK$86,000": a short all-capitals token is an abbreviation, not a surname.
		if (next.cap && opts.greedy !== true && next.word.length <= 3 && isAllUpper(next.word) && !titled) break;
		const ok = next.cap
			? !COMMON.has(next.lower) ||
				SURNAME_WORDS.has(next.lower) ||
				EN_GIVEN.has(next.lower) ||
				(pinyinFirst && isPinyinWord(next.lower)) ||
				(vietnamese && !FUNCTION_WORDS.has(next.lower)) ||
				(opts.greedy === true && !FUNCTION_WORDS.has(next.lower) && !isAllUpper(next.word))
			: !first.cap &&
				(pinyinFirst ? isPinyinWord(next.lower) : !COMMON.has(next.lower) && next.word.length >= 3);
		if (!ok || (next.cap && !first.cap)) break;
		if (eponymAfter(text, next.end)) break;
		end = next.end;
		count++;
	}
	// A pinyin surname alone is not enough without a cue that allows uncommon words.
	if (count === 1 && pinyinFirst && !opts.uncommon) return -1;
	return end;
}

// ---------------------------------------------------------------------------------------------
// Cues

// Cues that name what follows (any given-name character is accepted after them) and softer ones
// (我是…, 本人…, 患者…: "我是高中生", "本人单亲") after which only known given-name characters count.
const ZH_NAMING_CUES =
	'我叫 我的名字叫 我的名字是 名字叫 名字是 我名叫 名叫 叫做 英文名叫 英文名是 英文名 中文名叫 中文名是 中文名 全名是 全名 真名 本名 原名 曾用名 小名 乳名 网名 本人姓名 患者姓名 病人姓名 姓名 家属签名 签名'.split(
		' '
	);
// Form fields that name a person: a payee, an account holder, a sender or addressee, an emergency
// contact.
const ZH_FORM_CUES =
	'收款人 付款人 汇款人 持卡人 开户人 开户名 账户名 户名 寄件人 收件人 收货人 委托人 被保险人 投保人 受益人 经办人 紧急联系人'.split(
		' '
	);
const ZH_COLON_CUES = '我是 本人 患者 病人 家属 联系人 就诊人 就诊者 申请人 监护人 名字 称呼'.split(' ');
// After 我叫 and 叫做 the words may be no name ("我叫救护车"): only a name that starts with a
// surname, or a transliterated one, counts.
const ZH_WEAK_NAMING = /^(?:我叫|叫做)/;
// Names of Chinese minorities written in characters: Uyghur, Kazakh and other transliterated names
// with the separating dot ("阿依古丽·买买提"), and Tibetan and Mongolian names, which have no
// surname: they are made of a few common elements ("次仁卓玛", "乌兰其其格").
const ZH_NAME_DOTS = new Set('·•・');
// Where a transliterated name ends: a break, or a word that follows a name.
const ZH_NAME_STOP = new Set('的了是在和与及说叫');
// Common elements of Tibetan and Mongolian names (two or three characters each).
const NAME_ELEMENTS = new Set(
	'扎西 多吉 次仁 卓玛 格桑 央金 拉姆 达瓦 旦增 丹增 平措 尼玛 德吉 白玛 索朗 洛桑 顿珠 边巴 普布 米玛 巴桑 强巴 曲珍 益西 贡布 措姆 仁青 桑吉 阿旺 次旦 嘎玛 加措 拉巴 琼达 才让 卓嘎 仓决 群培 罗布 德庆 乌兰 其其格 巴特尔 斯琴 苏日娜 娜仁 额尔敦 朝鲁 巴雅尔 那日苏 图雅 萨仁 阿拉坦 宝音 乌日娜 格日勒 孟和 毕力格 呼和 敖登 高娃 塔娜 其木格 托娅 乌云 吉日嘎拉 特木尔 巴图 布和 哈斯 道尔吉 青格勒 额尔德尼 满都拉 阿古拉 白音'.split(
		' '
	)
);

/** End of a run of name characters from `pos` (Han, not a stop word), at most `max` long. */
function nameRunEnd(text: string, pos: number, max: number): number {
	let i = pos;
	while (i < pos + max && isHanChar(text.charAt(i)) && !ZH_NAME_STOP.has(text.charAt(i))) i++;
	return i;
}

/** A name ends at `pos`: the end, a character that is not Han, or a stop word. */
const nameEndsAt = (text: string, pos: number): boolean =>
	pos >= text.length || !isHanChar(text.charAt(pos)) || ZH_NAME_STOP.has(text.charAt(pos));

/** Length of a transliterated name with dots ("买买提·吐尔逊"), two to eight characters a part. */
function readDottedName(text: string, pos: number): number {
	let end = pos;
	let parts = 0;
	for (;;) {
		const partEnd = nameRunEnd(text, end, 8);
		if (partEnd - end < 2 || !nameEndsAt(text, partEnd)) break;
		parts++;
		end = partEnd;
		if (parts === 4 || !ZH_NAME_DOTS.has(text.charAt(end))) break;
		end++;
	}
	if (ZH_NAME_DOTS.has(text.charAt(end - 1))) end--;
	return parts >= 2 ? end - pos : 0;
}

/** Length of a Tibetan or Mongolian name: one to three common elements up to a break ("次仁卓玛"). */
function readElementName(text: string, pos: number): number {
	let end = pos;
	for (let k = 0; k < 3; k++) {
		const len = NAME_ELEMENTS.has(text.slice(end, end + 3))
			? 3
			: NAME_ELEMENTS.has(text.slice(end, end + 2))
				? 2
				: 0;
		if (len === 0) break;
		end += len;
	}
	return end > pos && nameEndsAt(text, end) ? end - pos : 0;
}

const ZH_NO_NAME_FIRST = new Set('不未无匿保隐');

function readCuedName(text: string, pos: number, strong: boolean): number {
	const dotted = readDottedName(text, pos);
	if (dotted > 0) return dotted;
	const elements = readElementName(text, pos);
	if (elements > 0) return elements;
	if (
		ZH_SURNAMES.has(text.charAt(pos)) &&
		text.charAt(pos + 1) === ' ' &&
		okGivenChar(text.charAt(pos + 2), false)
	) {
		const more = okGivenChar(text.charAt(pos + 3), false) && !isHanChar(text.charAt(pos + 4));
		return more ? 4 : 3;
	}
	// "姓名：不详", "名字：保密": an answer that withholds the name is none.
	if (!strong || ZH_NO_NAME_FIRST.has(text.charAt(pos))) return 0;
	let run = 0;
	while (run < 5 && isHanChar(text.charAt(pos + run)) && !ZH_NOT_NAME.has(text.charAt(pos + run))) run++;
	return run >= 2 && run <= 4 && nameEndsAt(text, pos + run) ? run : 0;
}
const ZH_CONTACT_COLON_CUES = '找我 联系我 加我'.split(' ');
// Matched as three patterns: V8 skips ahead fast only while a pattern can start with few
// different characters, and one pattern with every cue would try them all at each position.
const ZH_CUE_PATTERNS = [
	new RegExp(
		`(?:${ZH_NAMING_CUES.join('|')})[是为]?\\s?[:：】\\]]?\\s?|(?:${ZH_COLON_CUES.join('|')})\\s?[:：】\\]]\\s?`,
		'g'
	),
	new RegExp(`(?:${ZH_FORM_CUES.join('|')})[是为]?\\s?[:：]?\\s?`, 'g'),
	new RegExp(`(?:${ZH_CONTACT_COLON_CUES.join('|')})\\s?[:：]\\s?`, 'g')
];
// 鄙人/敝人: the humble "I" of a formal message ("鄙人孙建国").
const ZH_CUE_SOFT = /(?:我是|本人是|本人|鄙人|敝人|患者|病人|家属|联系人|就诊人)\s?/g;
const ZH_CALLED = /叫\s?/g;
const ZH_RELATION = new RegExp(`(?:${ZH_RELATIONS}|${ZH_ROLES})(?:叫|是|名叫)?\\s?(?:[（(]\\s?)?`, 'g');
// First characters of the relation words: ZH_RELATION cannot match in a text without one.
const ZH_RELATION_FIRST = new Uint8Array(0x10000);
for (const r of [...data.zhRelations, ...ZH_ROLES.split('|')]) ZH_RELATION_FIRST[r.charCodeAt(0)] = 1;
// Last characters of the relation words: ZH_RELATION_END cannot match before any other.
const ZH_RELATION_LAST = new Uint8Array(0x10000);
for (const r of data.zhRelations) ZH_RELATION_LAST[r.charCodeAt(r.length - 1)] = 1;

/** Some code unit of `text` is marked in `table`. */
function hasUnit(text: string, table: Uint8Array): boolean {
	for (let i = 0; i < text.length; i++) if (table[text.charCodeAt(i)] === 1) return true;
	return false;
}
const ZH_SURNAME_GIVEN = /(?:我|本人|患者)?姓\s?/g;

// The English cues are matched on the case-folded view (chars.ts foldCase) without the `i` flag,
// which finds what `giu` found on the view (U+0345 is the one character `iu` adds to \p{L}) many
// times faster.
const EN_STRONG =
	/\b(?:my\s+name\s+is|my\s+name's|my\s+names|name's|names|i\s+am\s+called|i'm\s+called|im\s+called|call\s+me|(?:patient|full|first|last|given|family|sur|contact|carer|caregiver|parent|guardian|child's|baby's|son's|daughter's)\s*name\s*(?:is|[:：-])|(?:his|her|their|[\p{L}\u0345]+['’]s)\s+name\s+(?:is|was)|call\s+(?:him|her|them)|name\s*[:：]|(?:^|[.!?;]\s*)name\s+is|name\s+on\s+(?:the\s+|my\s+|his\s+|her\s+)?(?:card|it|form|record|file|letter|wristband|label|passport|id)\s*(?:is|[:：-])?|patient\s*[:：]|contact(?:\s+person)?\s*[:：]|signed\s*[:：,]?|from\s*[:：])\s*/gu;
// "called Lucy", "named Omar": only a known given name ("called Calpol" is a medicine).
const EN_CALLED = /\b(?:called|named)\s+(?=\p{Lu})/gu;
// "Hi, Oluwaseun here": a greeting, a capitalised name, then "here". (Under `giu` the lookahead
// \p{Lu} this had took any cased letter; the match is now checked with isUpperIuAt.)
const EN_GREETING = /\b(?:hi|hello|hey|morning|evening|afternoon)[,!]?\s+/g;
const EN_WEAK = /\b(?:i'm|i\s+am|im|this\s+is|it's|it\s+is)\s+/g;
const EN_RELATION =
	/\b(?:(my|our|her|his|their|the)\s+(?:(?:little|baby|eldest|youngest|older|younger|big|step|late|new|twin)\s+)?)?(son|daughter|nurse|midwife|doctor|gp|consultant|surgeon|physio|physiotherapist|therapist|pharmacist|dentist|counsell?or|psychiatrist|psychologist|paramedic|teacher|health\s+visitor|social\s+worker|key\s+worker|wife|husband|partner|mum|mom|mother|dad|father|brother|sister|baby|boy|girl|kid|child|grandson|granddaughter|grandma|grandmother|grandpa|grandfather|granny|gran|nan|nana|nanna|aunt|auntie|uncle|cousin|niece|nephew|friend|fianc[éÉ]e?|boyfriend|girlfriend|carer|neighbou?r|flatmate|roommate|twin|toddler|newborn|stepson|stepdaughter|colleague|boss)(?:\s*,)?\s+(?:\(\s*)?/g;
const EN_PARENT_OF =
	/\b(?:mum|mom|mother|mam|dad|father|parent|grandma|grandmother|grandpa|grandfather|guardian|carer)\s+of\s+/g;
const EN_SIGNOFF =
	/(?:^|[\s,.!?;:)])(?:thanks|thank\s+you|thx|ty|cheers|regards|kind\s+regards|best\s+regards|warm\s+regards|best\s+wishes|many\s+thanks|sincerely|yours\s+sincerely|yours\s+truly|yours\s+faithfully|love|bye|ta)\s*[,!.]*\s+/g;
const DASH_SIGNOFF = /(?:^|\s|[。！？!?.，,])(?:-{1,2}|~)\s*/g;
// What may follow a sign-off name: (spaces, then dots or bangs, then spaces) and the end, a line
// break or a bracket. Written so that a long run of spaces is read once, not once per split.
// A postscript may follow the sign-off ("cheers, Jono. ps my resting HR…").
const SIGNOFF_END = /^\s*(?:[.!。！~]+\s*)?(?:$|\n|\(|[pP]\.?\s?[sS]\b)/;
const DASH_SIGNOFF_END = /^\s*(?:[.!]+\s*)?$/;
const ZH_SIGNOFF =
	/(?:^|[\s。！!？?，,~…\-—]|谢谢|感谢|多谢)(\p{Script=Han}{2,4}?)(\s?(?:敬上|谨上|留|上))?([\s。！!~…]*)$/u;
const SENTENCE_VERB =
	/^\s(?:asked|asks|said|says|told|tells|wants|wanted|thinks|thought|needs|needed|has|had|is|was|keeps|kept|feels|felt|took|takes|started|fell|woke|got|gets|went|came|called|texted|vomited|can't|cannot|won't|doesn't|didn't|isn't|wasn't|hasn't|hadn't)\b/i;
const ZH_BRACKET_RELATION = new RegExp(`^\\s?[（(]\\s?(?:我的?|患者的?)?(?:${ZH_RELATIONS}|本人|患者)`);
const ZH_OF_RELATIVE = new RegExp(`^的(?:${ZH_RELATIONS}|病|情况)`);
// A two-character name opening a sentence and then speaking or a time word: "李娜说她头疼".
const ZH_SPEAKS = /^(?:说|讲|问|觉得|告诉|让|今天|昨天|最近|一直|刚才|已经|现在)/;
const ZH_PARTICLE = new Set('和跟与给让找问带陪帮替被');
const ZH_AFTER_PERSON = /^(?:[^\p{Script=Han}]|[一说讲问打去来看吃都也就还在的按要别不多少早快记])/u;
const ZH_START_NEXT =
	/^[昨今前最刚一经说去吃有是在得患被又因从早晚这那也都还已需要想感觉出住咳发头肚腰腿眼胸心血做]/;
const ZH_DATE_AFTER_NAME = /^\s?\d{2,4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?\s?/;
// Places that share a spelling with a given name.
const PLACES = new Set([
	'jordan',
	'georgia',
	'florence',
	'victoria',
	'chelsea',
	'austin',
	'sydney',
	'india',
	'china',
	'paris',
	'carolina',
	'virginia',
	'adelaide',
	'israel',
	'lincoln',
	'kennedy',
	'sherman',
	'dallas',
	'phoenix',
	'santiago',
	'lourdes',
	'mercedes'
]);

function add(hits: HitSet, start: number, end: number): void {
	if (end > start) hits.add({ kind: 'name', start, end });
}

const SENTENCE_BREAK = new Set('.!?\n:;。！？；(（');
const ZH_SENTENCE_BREAK = new Set('。！？!?\n；;，,：:');

function isSentenceStart(text: string, pos: number): boolean {
	let i = pos - 1;
	while (i >= 0 && (text.charAt(i) === ' ' || text.charAt(i) === '"' || text.charAt(i) === "'")) i--;
	return i < 0 || SENTENCE_BREAK.has(text.charAt(i));
}

const HAN_ANY = /\p{Script=Han}/u;

function findChineseNames(text: string, hits: HitSet): void {
	// Every cue, surname and sign-off below is Han: without a Han character there is nothing to find.
	if (!HAN_ANY.test(text)) return;
	for (const m of ZH_CUE_PATTERNS.flatMap((re) => [...text.matchAll(re)])) {
		const pos = skipOpenQuote(text, m.index + m[0].length);
		const len =
			readJaName(text, pos) ||
			readZhName(text, pos, 'cued') ||
			readCuedName(text, pos, !ZH_WEAK_NAMING.test(m[0]));
		if (len > 0) add(hits, pos, pos + len);
		else {
			const end = readLatinName(text, pos, { lower: true, ambiguous: true, uncommon: true });
			if (end > pos) add(hits, nameStart, end);
		}
	}
	for (const m of text.matchAll(ZH_CUE_SOFT)) {
		const pos = skipOpenQuote(text, m.index + m[0].length);
		let len =
			readJaName(text, pos, true) || readZhName(text, pos, 'strict') || readCuedName(text, pos, false);
		// "我是张三的家属": a two-character name ended by 的, a comma or the end.
		if (
			len === 0 &&
			readZhName(text, pos, 'cued') >= 2 &&
			/^(?:[的，,。！!？?\s]|$)/.test(text.slice(pos + 2, pos + 3))
		)
			len = ZH_COMPOUND.has(text.slice(pos, pos + 2)) ? 0 : 2;
		if (len > 0) add(hits, pos, pos + len);
		else {
			// "我是zhang wei的家属", "我是ZHANG Xiuying的孙女": a name the lists know, or pinyin.
			const end = readLatinName(text, pos, { lower: true, ambiguous: false, uncommon: false });
			if (end > pos) add(hits, nameStart, end);
		}
	}
	// 在下马丽，…: the humble "I" at the start of a clause, then a name that a clause break ends.
	for (const m of text.includes('在下') ? text.matchAll(/在下\s?/g) : []) {
		if (!opensClause(text, m.index)) continue;
		const pos = m.index + m[0].length;
		const len = readZhName(text, pos, 'strict');
		if (len > 0 && /^(?:$|[^\p{Script=Han}]|的|今年|是)/u.test(text.slice(pos + len, pos + len + 2)))
			add(hits, pos, pos + len);
	}
	// 本人姓上官名婉清 / 我姓王，…
	for (const m of text.matchAll(ZH_SURNAME_GIVEN)) {
		const pos = m.index + m[0].length;
		const sl = ZH_COMPOUND.has(text.slice(pos, pos + 2)) ? 2 : ZH_SURNAMES.has(text.charAt(pos)) ? 1 : 0;
		if (sl === 0) continue;
		const rest = text.slice(pos + sl, pos + sl + 6);
		// 名叫婉清 / 单名一个锋字 / 双名子健: the given name said after the surname.
		const given =
			/^[，,\s]?(?:(单名)(?:一个|是|叫)?|双名|名(?:叫|是|字是|字叫)?)\s?(\p{Script=Han}{1,2})/u.exec(
				text.slice(pos + sl, pos + sl + 10)
			);
		if (given === null && !/^(?:$|[\s，,。.！!？?；;]|今年|是|的)/.test(rest)) continue;
		add(hits, pos, pos + sl);
		let g = given?.[2];
		if (given === null || g === undefined) continue;
		const gs = pos + sl + given[0].length - g.length;
		if (given[1] !== undefined || (g.length === 2 && g.charAt(1) === '字')) g = g.charAt(0);
		add(hits, gs, gs + g.length);
	}
	for (const m of text.matchAll(ZH_CALLED)) {
		const pos = m.index + m[0].length;
		let len = readDottedName(text, pos) || readElementName(text, pos) || readZhName(text, pos, 'strict');
		// "今年36岁，叫闫冰，…": 叫 opening a clause, a surname and a whole clause is a name, whatever
		// its given characters.
		if (len === 0 && /^(?:|[，,。；;：:\s])$/.test(text.charAt(m.index - 1))) {
			const cued = readZhName(text, pos, 'cued');
			if (cued > 0 && /^(?:|[，,。；;！!？?\s])$/.test(text.charAt(pos + cued))) len = cued;
		}
		if (len > 0) add(hits, pos, pos + len);
		else {
			const end = readLatinName(text, pos, { lower: false, ambiguous: true, uncommon: true });
			if (end > pos) add(hits, nameStart, end);
		}
	}
	findZhSignoff(text, hits);
	for (const m of hasUnit(text, ZH_RELATION_FIRST) ? text.matchAll(ZH_RELATION) : []) {
		const pos = m.index + m[0].length;
		const len = readZhName(text, pos, 'strict');
		if (len > 0) add(hits, pos, pos + len);
		else if (/\s$/.test(m[0]) || /[（(]\s?$/.test(m[0])) {
			// "保姆 Siti Nurhaliza": a Latin-script name after the relation and a space.
			const end = readLatinName(text, pos, { lower: false, ambiguous: true, uncommon: true, greedy: true });
			if (end > pos) add(hits, nameStart, end);
		}
	}
	findZhTitled(text, hits);
	findZhAfterTitle(text, hits);
	findZhFamiliar(text, hits);
	findZhQuoted(text, hits);
	// Shapes: name + 男/女/age, name + (relation), name + 的 + relative, sign-off, sentence opening.
	for (let i = 0; i < text.length; i++) {
		const code = text.charCodeAt(i);
		if ((ZH_SURNAME_UNIT[code] !== 1 && ZH_COMPOUND_FIRST[code] !== 1) || hits.taken(i)) continue;
		const prev = text.charAt(i - 1);
		// Inside a sentence only after a word that takes a person: "和王建国一起", "告诉李秀英".
		const particle = ZH_PARTICLE.has(prev) || text.slice(i - 2, i) === '告诉';
		if (isHanChar(prev) && prev !== '谢' && !particle) continue;
		const len = readZhName(text, i, 'strict');
		if (len === 0) continue;
		const after = text.slice(i + len, i + len + 20);
		const start = isZhSentenceStart(text, i);
		const gendered =
			/^[，,、\s]*(?:男|女)(?:[，,、\s]|$|\d)|^[，,、\s]*\d{1,3}\s?岁/.test(after) ||
			// "刘洋今年 45岁": a name opening a sentence, then this year's age.
			(start &&
				/^[，,\s]*(?:今年|现年|现在)\s?(?:\d{1,3}|[一二三四五六七八九十两]{1,3})\s?(?:岁|周岁)/.test(after));
		const bracket = ZH_BRACKET_RELATION.test(after) || ZH_BRACKET_UNIT.test(after);
		const relative = start && ZH_OF_RELATIVE.test(after);
		// (A date may stand between the name and what follows: "皇甫静怡 2024-05-06 做的肠镜".)
		const next = after.replace(ZH_DATE_AFTER_NAME, '');
		const opening = start && ((len >= 3 && ZH_START_NEXT.test(next)) || ZH_SPEAKS.test(next));
		const inside = particle && len >= 3 && ZH_AFTER_PERSON.test(after);
		// Listed with a person: "我、张晓东和李娜都…", "她和刘洋"; or named in brackets after a
		// title: "王总（王建军）".
		const listed = ZH_LIST_JOIN.has(prev) && (ZH_PRONOUN.has(text.charAt(i - 2)) || hits.taken(i - 2));
		const glossed =
			(prev === '（' || prev === '(') &&
			(text.charAt(i + len) === '）' || text.charAt(i + len) === ')') &&
			(hits.taken(i - 2) || titleEndsAt(text, i - 1));
		if (gendered || bracket || relative || opening || inside || listed || glossed) add(hits, i, i + len);
	}
}

// ---------------------------------------------------------------------------------------------
// Forms of address: a surname (or a whole name) before a title names a person ("王医生", "张杰医生",
// "叶女士", "何老师", "王阿姨", "孙主任", "王总"), and so does 老/小 before a surname ("老陈", "小李").
// The title, 老 and 小 stay: only the name goes.

const ZH_TITLES =
	'护士长 医生 大夫 医师 护士 主任 院长 教授 老师 先生 女士 小姐 太太 夫人 阿姨 叔叔 伯伯 大爷 大妈 大娘 大叔 大姐 大哥 奶奶 爷爷 婆婆 阿婆 妈妈 爸爸 师傅 老板 经理 同学 律师 警官 博士 药师 总 姐 哥 叔 嫂'.split(
		' '
	);
// Titles by first character, longest first, for a scan that reads a title only where one starts.
const ZH_TITLES_BY_FIRST = new Map<string, string[]>();
for (const t of [...ZH_TITLES].sort((a, b) => b.length - a.length))
	ZH_TITLES_BY_FIRST.set(t.charAt(0), [...(ZH_TITLES_BY_FIRST.get(t.charAt(0)) ?? []), t]);
const ZH_TITLE_FIRST = new Uint8Array(0x10000);
for (const t of ZH_TITLES) ZH_TITLE_FIRST[t.charCodeAt(0)] = 1;

/** The title that starts at `pos` ('' when none). */
function titleAt(text: string, pos: number): string {
	if (ZH_TITLE_FIRST[text.charCodeAt(pos)] !== 1) return '';
	for (const t of ZH_TITLES_BY_FIRST.get(text.charAt(pos)) ?? []) if (text.startsWith(t, pos)) return t;
	return '';
}
const ZH_TITLE_END = new RegExp(`(?:${ZH_TITLES.join('|')})$`);
// A one-character title ("王总", "李姐") only before a break or a word that follows a person.
const ZH_SHORT_TITLE = new Set('总姐哥叔嫂');
const ZH_AFTER_SHORT_TITLE = new Set('说讲问让叫给帮跟和也都您你好他她来在的');
// What may stand right before such a name: a word that takes a person ("找白大夫", "让刘医生", "骨科梁大夫",
// "8床的王大爷", "这位张医生", "谢谢刘医生").
const ZH_BEFORE_TITLED = new Set('找让问给和跟与带陪叫请是的听说位个被把向对同科室院床谢喊见看等及、');
// 老/小 + surname: the same, without the measure words ("半个小时").
const ZH_BEFORE_FAMILIAR = new Set('找让问给和跟与带陪叫请是的听说被把向对同谢喊见看等及、');
// After 老陈 / 小李: a break, a title, or a word that follows a person.
const ZH_AFTER_FAMILIAR =
	/^(?:说|讲|问|让|叫|告诉|今年|昨天|今天|前天|最近|刚才|已经|一直|也|都|和|跟|在|给|帮|的(?:病|情况|孩子|宝宝|妈妈|爸爸|老公|老婆|儿子|女儿))/;
// After 小明 (小 + a given-name character): a speech or time word, or 的 + a relative.
const ZH_AFTER_NICKNAME = /^(?:说|讲|问|让|告诉|今年|昨天|今天|最近|刚才|已经|一直)/;
const ZH_LIST_JOIN = new Set('、和跟与及');
const ZH_PRONOUN = new Set('我你他她');
// A name glossed by its unit in brackets: "徐晨（产品部）".
const ZH_BRACKET_UNIT = /^\s?[（(][^）)]{1,8}?(?:部|科|组|室|处|办|中心|公司|医院|学校|班)[）)]/;

const ZH_RELATION_END = new RegExp(`(?:${ZH_RELATIONS})$`);

/**
 * The character before `pos` allows a name to start at `pos` (see ZH_BEFORE_TITLED), or a relation
 * word ends there ("邻居蒋阿姨", "同事冯主任").
 */
function opensName(text: string, pos: number, before: Set<string>): boolean {
	const prev = text.charAt(pos - 1);
	if (pos === 0 || !isHanChar(prev) || before.has(prev)) return true;
	return (
		ZH_RELATION_LAST[prev.charCodeAt(0)] === 1 && ZH_RELATION_END.test(text.slice(Math.max(0, pos - 5), pos))
	);
}

/** `pos` starts a clause: the start, or after a character that is not Han (punctuation, a space). */
function opensClause(text: string, pos: number): boolean {
	return pos === 0 || !isHanChar(text.charAt(pos - 1));
}

/** A title ends right before `end` ("王总" + "（"). */
function titleEndsAt(text: string, end: number): boolean {
	return end > 0 && ZH_TITLE_END.test(text.slice(Math.max(0, end - 3), end));
}

// Surnames that are also function words ("和医生说", "向医生咨询", "都是"): never a name alone.
const ZH_FUNCTION_SURNAMES = new Set('有和都从向于能那后');

/** Length of a surname at `pos` that can stand alone before a title (no function word: 和, 向, 于). */
function loneSurname(text: string, pos: number): number {
	const code = text.charCodeAt(pos);
	if (ZH_COMPOUND_FIRST[code] === 1 && ZH_COMPOUND.has(text.slice(pos, pos + 2))) return 2;
	return ZH_SURNAME_UNIT[code] === 1 && !ZH_FUNCTION_SURNAMES.has(text.charAt(pos)) ? 1 : 0;
}

/** A whole name of `k` characters (strict) starts at `s` and may start there (see opensName). */
function titledNameAt(text: string, s: number, k: number, hits: HitSet): boolean {
	const code = text.charCodeAt(s);
	if (s < 0 || (ZH_SURNAME_UNIT[code] !== 1 && ZH_COMPOUND_FIRST[code] !== 1)) return false;
	if (hits.taken(s) || !opensName(text, s, ZH_BEFORE_TITLED)) return false;
	// Four characters only as a compound surname and a two-character given name ("诸葛明亮先生").
	if (k === 4 && !ZH_COMPOUND.has(text.slice(s, s + 2))) return false;
	return readZhName(text, s, 'strict') === k && !ZH_COMPOUND.has(text.slice(s, s + k));
}

/** A surname (or a compound surname's first character) at `pos`. */
const surnameAt = (text: string, pos: number): boolean =>
	ZH_SURNAME_UNIT[text.charCodeAt(pos)] === 1 || ZH_COMPOUND_FIRST[text.charCodeAt(pos)] === 1;

function findZhTitled(text: string, hits: HitSet): void {
	for (let t = 1; t < text.length; t++) {
		// A title, with a surname one to three characters before it.
		if (ZH_TITLE_FIRST[text.charCodeAt(t)] !== 1) continue;
		if (!surnameAt(text, t - 1) && !surnameAt(text, t - 2) && !surnameAt(text, t - 3)) continue;
		const title = titleAt(text, t);
		if (title === '') continue;
		if (ZH_SHORT_TITLE.has(title)) {
			const next = text.charAt(t + 1);
			if (isHanChar(next) && !ZH_AFTER_SHORT_TITLE.has(next)) continue;
		}
		// A whole name (three or two characters) before the title, else the surname alone.
		let start = -1;
		if (titledNameAt(text, t - 4, 4, hits)) start = t - 4;
		else if (titledNameAt(text, t - 3, 3, hits)) start = t - 3;
		else if (titledNameAt(text, t - 2, 2, hits)) start = t - 2;
		else if (t >= 2 && loneSurname(text, t - 2) === 2 && opensName(text, t - 2, ZH_BEFORE_TITLED))
			start = t - 2;
		else if (t >= 1 && loneSurname(text, t - 1) === 1 && opensName(text, t - 1, ZH_BEFORE_TITLED))
			start = t - 1;
		// 谢谢医生: the character before makes a word with the surname.
		if (start === -1 || (t - start === 1 && ZH_NOT_WORDS.has(text.slice(start, t + title.length)))) continue;
		if (start > 0 && ZH_NOT_WORDS.has(text.slice(start - 1, start + 1))) continue;
		add(hits, start, t);
	}
}

/**
 * A name after a role word: "医生王建国说", "心内科主任刘明", "护士李婷让我". Three characters, or
 * two before a break or a word that follows a person (one-character titles are left out).
 */
function findZhAfterTitle(text: string, hits: HitSet): void {
	for (let t = 0; t < text.length - 2; t++) {
		if (ZH_TITLE_FIRST[text.charCodeAt(t)] !== 1) continue;
		const title = titleAt(text, t);
		if (title.length < 2) continue;
		const pos = t + title.length;
		if (!surnameAt(text, pos) || hits.taken(pos)) continue;
		const len = readZhName(text, pos, 'strict');
		if (len < 2) continue;
		const after = text.slice(pos + len, pos + len + 4);
		if (
			len >= 3
				? ZH_AFTER_PERSON.test(after) || after === ''
				: after === '' || !isHanChar(after.charAt(0)) || ZH_SPEAKS.test(after)
		)
			add(hits, pos, pos + len);
		t = pos - 1;
	}
}

function findZhFamiliar(text: string, hits: HitSet): void {
	for (const m of text.matchAll(/[老小]/g)) {
		const i = m.index;
		if (!opensName(text, i, ZH_BEFORE_FAMILIAR)) continue;
		const c = text.charAt(i + 1);
		const two = text.slice(i, i + 2);
		if (ZH_NOT_WORDS.has(two) || ZH_NOT_WORDS.has(text.slice(i, i + 3))) continue;
		const after = text.slice(i + 2, i + 8);
		if (loneSurname(text, i + 1) === 1) {
			const next = after.charAt(0);
			const titled = titleStartsAt(after);
			if (next === '' || !isHanChar(next) || titled || ZH_AFTER_FAMILIAR.test(after)) add(hits, i + 1, i + 2);
		} else if (
			m[0] === '小' &&
			ZH_GIVEN.has(c) &&
			(ZH_AFTER_NICKNAME.test(after) || ZH_OF_RELATIVE.test(after))
		) {
			// 小明的妈妈, 小宝今年三岁: a pet name.
			add(hits, i, i + 2);
		}
	}
}

const titleStartsAt = (after: string): boolean => titleAt(after, 0) !== '';

// A name in quotes: "应该是“徐雅婷”不是“徐雅庭”", "「欧阳娜娜」". Only in a message that talks
// about names (名, 叫, 姓, 签, 写), and only when the quote holds exactly a name whose first given
// character is a known one.
const ZH_QUOTED = /["“「『]([\p{Script=Han}]{2,4})["”」』]/gu;
const ZH_NAME_TALK = /[名叫姓签写]/;

function findZhQuoted(text: string, hits: HitSet): void {
	if (!ZH_NAME_TALK.test(text)) return;
	for (const m of text.matchAll(ZH_QUOTED)) {
		const inner = m[1] ?? '';
		const pos = m.index + 1;
		const len = readZhName(text, pos, 'cued');
		if (len !== inner.length) continue;
		const surname = ZH_COMPOUND.has(inner.slice(0, 2)) ? 2 : 1;
		if (len > surname && ZH_GIVEN.has(inner.charAt(surname))) add(hits, pos, pos + len);
	}
}

const OPEN_QUOTE = new Set('「『"\'《【“');

/** `pos`, or the position after an opening quote there ("我叫「欧阳娜娜」"). */
function skipOpenQuote(text: string, pos: number): number {
	return OPEN_QUOTE.has(text.charAt(pos)) ? pos + 1 : pos;
}

/** A Chinese name signed at the very end: "…谢谢！李明", "…——王小明", "…。何佳". */
function findZhSignoff(text: string, hits: HitSet): void {
	const m = ZH_SIGNOFF.exec(text.length > 64 ? text.slice(-64) : text);
	const name = m?.[1];
	if (m === null || name === undefined) return;
	const offset = Math.max(0, text.length - 64);
	const start = offset + m.index + m[0].length - (m[3]?.length ?? 0) - (m[2]?.length ?? 0) - name.length;
	const sl = ZH_COMPOUND.has(name.slice(0, 2)) ? 2 : ZH_SURNAMES.has(name.charAt(0)) ? 1 : 0;
	if (sl === 0 || name.length <= sl || name.length > sl + 2) return;
	const given = name.slice(sl);
	if (!ZH_GIVEN.has(given.charAt(0)) || [...given].some((c) => ZH_NOT_NAME.has(c))) return;
	for (let k = 2; k <= name.length; k++) if (ZH_NOT_WORDS.has(name.slice(0, k))) return;
	add(hits, start, start + name.length);
}

function isZhSentenceStart(text: string, pos: number): boolean {
	let i = pos - 1;
	while (i >= 0 && text.charAt(i) === ' ') i--;
	return i < 0 || ZH_SENTENCE_BREAK.has(text.charAt(i));
}

/** Some of `words` occurs in `lower` (a scan is skipped when none of the words it needs is there). */
const hasAny = (lower: string, words: readonly string[]): boolean => words.some((w) => lower.includes(w));
// Words every match of the cue pattern holds (folded), by pattern.
const STRONG_NEEDS = ['name', 'call', 'patient', 'contact', 'signed', 'from'];
const WEAK_NEEDS = ['i'];
const GREETING_NEEDS = ['h', 'ning', 'noon'];
const SIGNOFF_NEEDS = ['t', 'cheers', 'regards', 'sincerely', 'love', 'bye'];
const CALLED_NEEDS = ['called', 'named'];

function findLatinNames(text: string, lower: string, hits: HitSet): void {
	// Every Latin name below is a capitalised word or a word of the name lists, all of which have
	// ASCII letters: without either there is nothing to find.
	if (!hasLatinOrUpper(text)) return;
	for (const m of hasAny(lower, STRONG_NEEDS) ? lower.matchAll(EN_STRONG) : []) {
		const pos = m.index + m[0].length;
		const end = readLatinName(text, pos, {
			lower: true,
			ambiguous: true,
			uncommon: true,
			greedy: true,
			lowerUncommon: true
		});
		if (end > pos) add(hits, nameStart, end);
		else {
			const len = readZhName(text, pos, 'cued');
			if (len > 0) add(hits, pos, pos + len);
		}
	}
	for (const m of hasAny(lower, WEAK_NEEDS) ? lower.matchAll(EN_WEAK) : []) {
		const pos = m.index + m[0].length;
		let end = readLatinName(text, pos, { lower: true, ambiguous: true, uncommon: true, greedy: true });
		// "it's dev patel": in lower case, an unknown first word before a known surname.
		if (end <= pos) end = lowerPairEnd(text, pos);
		if (end <= pos) continue;
		// "it's … here", "it's Grace, …": "it's" alone is too common a start ("it's bad").
		if (/^it/i.test(m[0]) && !/^\s*(?:here\b|,|\.|!|\(|-|$)/.test(text.slice(end, end + 6))) continue;
		add(hits, nameStart, end);
	}
	for (const m of hasAny(text, CALLED_NEEDS) ? text.matchAll(EN_CALLED) : []) {
		const pos = m.index + m[0].length;
		const end = readLatinName(text, pos, { lower: false, ambiguous: true, uncommon: false });
		if (end > pos) add(hits, nameStart, end);
	}
	// A greeting counts only before "here" ("Hi, Oluwaseun here").
	for (const m of hasAny(lower, GREETING_NEEDS) && lower.includes('here')
		? lower.matchAll(EN_GREETING)
		: []) {
		const pos = m.index + m[0].length;
		if (!isUpperIuAt(text, pos)) continue;
		// "hi, chloé here": in lower case a known given name.
		const end = readLatinName(text, pos, { lower: true, ambiguous: true, uncommon: true, greedy: true });
		if (end > pos && /^,?\s+here\b/i.test(text.slice(end, end + 8))) add(hits, nameStart, end);
	}
	for (const m of lower.matchAll(EN_RELATION)) {
		const pos = m.index + m[0].length;
		// "the nurse Kelly": after "the" only a capitalised name.
		const the = m[1] === 'the';
		let possessive = m[1] !== undefined && !the;
		let determined = the;
		// "Sarah's boy Aiden": a name in the possessive before the relation is a name too, and
		// stands for "my/her"; any word in the possessive ("my neighbour's son Oisín") determines
		// the relation as "the" does.
		if (!possessive && !the) {
			const owner = possessiveName(text, m.index);
			if (owner !== null) {
				add(hits, owner.start, owner.end);
				possessive = true;
			} else determined = /\p{L}['’]s\s{1,2}$/u.test(text.slice(Math.max(0, m.index - 4), m.index));
		}
		// Without "my/our/…" the relation word opens the match: it must be capitalised ("Grandma …").
		if (!possessive && !determined && !isUpperAt(text, m.index)) continue;
		if (determined && !isUpperAt(text, pos)) continue;
		const end = readLatinName(text, pos, { lower: possessive, ambiguous: true, uncommon: true });
		if (end > pos) add(hits, nameStart, end);
		else if (possessive) {
			// "my mother 李淑芬": a Chinese name after an English relation word.
			const len = readZhName(text, pos, 'cued');
			if (len > 0) add(hits, pos, pos + len);
		}
	}
	// "(dad of Minh, 5)", "mother of Aoife": the child named after a parent word and "of".
	for (const m of lower.includes(' of ') ? lower.matchAll(EN_PARENT_OF) : []) {
		const pos = m.index + m[0].length;
		const end = readLatinName(text, pos, { lower: false, ambiguous: true, uncommon: true });
		if (end > pos) add(hits, nameStart, end);
	}
	for (const m of hasAny(lower, SIGNOFF_NEEDS) ? lower.matchAll(EN_SIGNOFF) : []) {
		const pos = m.index + m[0].length;
		const end = readLatinName(text, pos, {
			lower: true,
			ambiguous: true,
			uncommon: true,
			lowerAmbiguous: true
		});
		if (end > pos && SIGNOFF_END.test(text.slice(end))) add(hits, nameStart, end);
	}
	for (const m of text.matchAll(DASH_SIGNOFF)) {
		const pos = m.index + m[0].length;
		const end = readLatinName(text, pos, { lower: true, ambiguous: false, uncommon: true });
		if (end > pos && DASH_SIGNOFF_END.test(text.slice(end))) add(hits, nameStart, end);
	}
	// Titles anywhere: "Dr Smith", "Mrs Patel" (the title stays).
	for (const m of text.matchAll(
		/\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Nurse|Rev|Revd|Fr|Pastor|Rabbi|Imam|Sgt|Capt|Cllr)\.?\s(?=\p{Lu})/gu
	)) {
		// The name would start right after the title: already taken, it cannot be added.
		if (hits.taken(m.index + m[0].length)) continue;
		const end = readLatinName(text, m.index, { lower: false, ambiguous: true, uncommon: true });
		if (end > m.index) add(hits, nameStart, end);
	}
	// Shapes: given name + surname, pinyin surname + given name, a given name opening a sentence
	// with a verb, a known given name inside a sentence.
	const cap = /\p{Lu}[\p{L}\p{M}]*(?:['’-][\p{L}\p{M}]+)*/gu;
	for (const m of text.matchAll(cap)) {
		const pos = m.index;
		if (hits.taken(pos)) continue;
		const t = tokenAt(text, pos);
		if (t === null) continue;
		const start = isSentenceStart(text, pos);
		const ambiguous = EN_AMBIGUOUS.has(t.lower);
		const given = (EN_GIVEN.has(t.lower) || isHyphenatedGiven(t.lower)) && !PLACES.has(t.lower);
		const wide = EN_GIVEN_WIDE.has(t.lower) && !PLACES.has(t.lower);
		const pinyin = PINYIN.has(t.lower) && !COMMON.has(t.lower);
		if (!given && !wide && !ambiguous && !pinyin) continue;
		// "St John's wort", "St Mary's": a saint's name is a plant or a place.
		if (/\bSt\.?\s$/.test(text.slice(Math.max(0, pos - 4), pos))) continue;
		// "12 Jan", "May 3rd", "June 2024": a month beside a number is a date.
		if (MONTH_NAMES.has(t.lower) && numberBeside(text, pos, t.end)) continue;
		const end = readLatinName(text, pos, { lower: false, ambiguous: true, uncommon: false });
		if (end <= pos) continue;
		const multi = end > t.end;
		// What follows the first word, past a closing quote ("'Maggie' is what everyone calls…").
		const q = text.charAt(t.end);
		const rest = text.slice(q === "'" || q === '"' ? t.end + 1 : t.end, t.end + 13);
		if (multi && (given || wide || pinyin || !start)) add(hits, pos, end);
		else if (multi && ambiguous && start && !COMMON.has((tokenAt(text, t.end + 1)?.lower ?? '') + ''))
			add(hits, pos, end);
		else if (!multi && (given || wide || ambiguous) && start && SENTENCE_VERB.test(rest)) add(hits, pos, end);
		// "Bobby here, …": a given name introducing the writer.
		else if (!multi && (given || wide) && start && HERE_AFTER.test(rest)) add(hits, pos, end);
		else if (!multi && given && !start && !eponymAfter(text, t.end)) add(hits, pos, end);
	}
	findLowerCaseNames(text, hits);
	// "from Seán Ó Gallchóir: …" opening the message.
	const from = /^\s{0,3}from\s{1,2}/i.exec(text.slice(0, 10));
	if (from !== null) {
		const pos = from[0].length;
		const end = readLatinName(text, pos, { lower: true, ambiguous: true, uncommon: true, greedy: true });
		if (end > pos && /^\s?[:：,-]/.test(text.slice(end, end + 3))) add(hits, nameStart, end);
	}
}

/**
 * End of a lower-case "given surname" pair at `pos` whose first word is no common word and whose
 * second is a known surname ("dev patel"), or -1.
 */
function lowerPairEnd(text: string, pos: number): number {
	const first = tokenAt(text, pos);
	if (first === null || first.cap || first.word.length < 2 || COMMON.has(first.lower)) return -1;
	if (text.charAt(first.end) !== ' ') return -1;
	const second = tokenAt(text, first.end + 1);
	if (second === null || second.cap || COMMON.has(second.lower) || !isSurname(second.lower)) return -1;
	nameStart = pos;
	return second.end;
}

const HERE_AFTER = /^,?\s{1,2}here(?:\s?[,.!;:-]|\s*$)/i;
// Months that are also given names.
const MONTH_NAMES = new Set(['jan', 'april', 'may', 'june', 'july', 'august']);

/** A number right before `start` or right after `end` ("12 Jan", "May 3rd", "June, 2024"). */
function numberBeside(text: string, start: number, end: number): boolean {
	return (
		/\d\s?$/.test(text.slice(Math.max(0, start - 2), start)) || /^\.?,?\s?\d/.test(text.slice(end, end + 4))
	);
}

const isLowerAscii = (code: number): boolean => code >= 0x61 && code <= 0x7a;

/**
 * "john smith, dob …": a name typed in lower case is a known given name (not one that is also a
 * word) followed by a space and a known surname. Read once, word by word: each run of a–z that is
 * a whole word (no letter, mark, apostrophe or hyphen before it, a space after it) is looked up.
 */
function findLowerCaseNames(text: string, hits: HitSet): void {
	let i = 0;
	while (i < text.length) {
		if (!isLowerAscii(text.charCodeAt(i))) {
			i++;
			continue;
		}
		let j = i + 1;
		while (j < text.length && isLowerAscii(text.charCodeAt(j))) j++;
		const before = i > 0 ? text.charCodeAt(i - 1) : 0x20;
		const whole =
			!isLetterCode(before) &&
			before !== 0x27 &&
			before !== 0x2019 &&
			before !== 0x2d &&
			text.charCodeAt(j) === 0x20;
		if (whole && j - i >= 2 && j - i <= 15) {
			const first = text.slice(i, j);
			if (EN_GIVEN.has(first) && !COMMON.has(first) && !hits.taken(i)) {
				const next = tokenAt(text, j + 1);
				if (next !== null && !next.cap && isSurname(next.lower)) add(hits, i, next.end);
				// "siobhan here, …" opening a sentence: the writer introducing themself.
				else if (isSentenceStart(text, i) && HERE_AFTER.test(text.slice(j, j + 10))) add(hits, i, j);
			}
		}
		i = j;
	}
}

// ---------------------------------------------------------------------------------------------
// A name in a record: a clause that is nothing but a Chinese name, next to identifiers already
// taken ("[地址]，陈大文，HKID [身份证号]", "…602室，李文静 138 5712 0936"). Runs after every other
// pass, so the phone numbers and ID numbers around it are known.

// The clause breaks, by code unit.
const RECORD_BREAK = new Uint8Array(0x10000);
for (const c of '，,、；;。\n ：:—-~()（）') RECORD_BREAK[c.charCodeAt(0)] = 1;
const isRecordBreak = (text: string, i: number): boolean => RECORD_BREAK[text.charCodeAt(i)] === 1;
// How far after the name the next identifier may start ("，HKID K284619(5)", "，WhatsApp 9187 6543").
const RECORD_REACH = 14;

/**
 * Length of a name at `pos` for a record: a two-character name of known characters ("王芳", not
 * "年龄" or "全角"), or a three-character one with at least one known given character ("陈大文").
 */
function recordName(text: string, pos: number): number {
	const len = readZhName(text, pos, 'cued');
	if (len < 2) return 0;
	const surname = ZH_COMPOUND.has(text.slice(pos, pos + 2)) ? 2 : 1;
	const given = len - surname;
	let known = 0;
	for (let k = pos + surname; k < pos + len; k++) if (ZH_GIVEN.has(text.charAt(k))) known++;
	return given > 0 && (known === given || (given === 2 && known === 1)) ? len : 0;
}

export function findRecordNames(text: string, hits: HitSet): void {
	if (!HAN_ANY.test(text)) return;
	let i = 0;
	while (i < text.length) {
		// A clause starts at i: the start, or after a break; a name starts with a surname.
		const code = text.charCodeAt(i);
		if (
			(i > 0 && !isRecordBreak(text, i - 1)) ||
			(ZH_SURNAME_UNIT[code] !== 1 && ZH_COMPOUND_FIRST[code] !== 1)
		) {
			i++;
			continue;
		}
		const len = recordName(text, i);
		const end = i + len;
		if (len < 2 || hits.taken(i) || !(end === text.length || isRecordBreak(text, end))) {
			i += Math.max(1, len);
			continue;
		}
		// Taken just before the break before the name, or soon after the break after it.
		let before = i - 2;
		while (before >= 0 && text.charAt(before) === ' ') before--;
		let takenAfter = false;
		for (let k = end + 1; k < end + 1 + RECORD_REACH && k < text.length && !takenAfter; k++)
			takenAfter = hits.taken(k);
		if ((before >= 0 && hits.taken(before)) || takenAfter) add(hits, i, end);
		i = end;
	}
}

const POSSESSIVE_BEFORE = /(?:^|[^\p{L}\p{M}'’-])(\p{Lu}[\p{L}\p{M}]*)['’]s\s{1,2}$/u;

/** The name in the possessive right before `pos` ("Sarah's " before "boy"), or null. */
function possessiveName(text: string, pos: number): { start: number; end: number } | null {
	// "'s" and one or two spaces before `pos`, read by code unit before any regex runs.
	let q = pos - 1;
	if (text.charCodeAt(q) !== 0x20 && text.charCodeAt(q) !== 0x09) return null;
	if (text.charCodeAt(q - 1) === 0x20) q--;
	const s = text.charCodeAt(q - 1);
	const apostrophe = text.charCodeAt(q - 2);
	if (s !== 0x73 || (apostrophe !== 0x27 && apostrophe !== 0x2019)) return null;
	const before = text.slice(Math.max(0, pos - 34), pos);
	const m = POSSESSIVE_BEFORE.exec(before);
	const word = m?.[1];
	if (m === null || word === undefined) return null;
	// The word ends before the "'s" and the spaces that end `before`.
	const spaces = before.length - before.trimEnd().length;
	const start = pos - spaces - 2 - word.length;
	const t = tokenAt(text, start);
	if (t === null || t.word !== word) return null;
	const named =
		EN_GIVEN.has(t.lower) ||
		EN_AMBIGUOUS.has(t.lower) ||
		PINYIN.has(t.lower) ||
		(!COMMON.has(t.lower) && !isAllUpper(t.word) && t.word.length >= 3);
	return named && !PLACES.has(t.lower) ? { start, end: t.end } : null;
}

const isSurname = (lower: string): boolean => SURNAMES.has(lower) || SURNAME_WORDS.has(lower);

/**
 * A web host label that starts with a given name and a surname run together ("janesmithrecovers",
 * "drjohnbaker" does not: it must start with the name), lower case.
 */
export function isPersonHost(label: string): boolean {
	if (label.length < 6 || label.length > 40 || !/^[a-z]+$/.test(label)) return false;
	for (let i = 3; i <= Math.min(12, label.length - 3); i++) {
		if (!EN_GIVEN.has(label.slice(0, i))) continue;
		for (let j = i + 3; j <= Math.min(i + 14, label.length); j++)
			if (isSurname(label.slice(i, j))) return true;
	}
	return false;
}

// ---------------------------------------------------------------------------------------------
// A name said again: once a name is found, its other mentions are the same person ("Will
// Thompson … yes Will is my actual name", "乌兰其其格 … 其其格的女儿", "王小明 … 小明说"). Runs after
// every other pass. At most MAX_REPEATED distinct names are looked for, each in one pass.

const MAX_REPEATED = 16;
// After an everyday-word name, words that make it the word ("Will it…", "May I…").
// Words that make a term with an everyday-word name before them ("Grace period", "Bill total").
const TERM_AFTER = new Set('period periods total amount payment paid due date number'.split(' '));
const WORD_AFTER = new Set(
	'i you he she it we they this that there the a an my your his her be not you’re i’m'.split(' ')
);

/** The given name of a Chinese name (the part after its surname or first element), or ''. */
function zhGivenPart(name: string): string {
	// A name made of Tibetan or Mongolian elements loses its first element ("乌兰其其格" → "其其格").
	const first = NAME_ELEMENTS.has(name.slice(0, 3)) ? 3 : NAME_ELEMENTS.has(name.slice(0, 2)) ? 2 : 0;
	if (first > 0 && readElementName(name, 0) === name.length) return name.slice(first);
	const surname = ZH_COMPOUND.has(name.slice(0, 2)) ? 2 : ZH_SURNAMES.has(name.charAt(0)) ? 1 : 0;
	return surname > 0 ? name.slice(surname) : '';
}

export function findRepeatedNames(text: string, hits: HitSet): void {
	const zh = new Set<string>();
	const latin = new Set<string>();
	for (const h of hits.hits) {
		if (h.kind !== 'name' || zh.size + latin.size >= MAX_REPEATED) continue;
		const name = text.slice(h.start, h.end);
		if (HAN_ANY.test(name)) {
			if (name.length < 2 || !/^\p{Script=Han}+$/u.test(name)) continue;
			zh.add(name);
			const given = zhGivenPart(name);
			if (given.length >= 2) zh.add(given);
		} else
			for (const word of name.split(/[\s'’-]+/))
				if (word.length >= 2 && isUpperAt(word, 0) && !TITLES.has(word.toLowerCase())) latin.add(word);
	}
	for (const name of zh) {
		for (let at = text.indexOf(name); at !== -1; at = text.indexOf(name, at + name.length)) {
			// A whole name, not a piece of a longer run of the same characters.
			if (hits.free(at, at + name.length)) add(hits, at, at + name.length);
		}
	}
	if (latin.size === 0) return;
	const words = [...latin].map(escape).join('|');
	for (const m of text.matchAll(new RegExp(`(?<![\\p{L}\\p{M}'’-])(?:${words})(?![\\p{L}\\p{M}])`, 'gu'))) {
		if (!hits.free(m.index, m.index + m[0].length)) continue;
		const next = /^\s+([\p{L}’']+)/u.exec(text.slice(m.index + m[0].length, m.index + m[0].length + 12))?.[1];
		const lower = bareLower(m[0]);
		if (EN_AMBIGUOUS.has(lower) && next !== undefined && WORD_AFTER.has(next.toLowerCase())) continue;
		// "Bell palsy", "Grace period": a name that is also a word, before a word it makes a term with.
		if (
			(EN_AMBIGUOUS.has(lower) || COMMON.has(lower)) &&
			(eponymAfter(text, m.index + m[0].length) || (next !== undefined && TERM_AFTER.has(next.toLowerCase())))
		)
			continue;
		add(hits, m.index, m.index + m[0].length);
	}
}

/** A known given name ("jane" in a URL slug "jane-doe-acl"), lower case. */
export function isGivenName(word: string): boolean {
	return EN_GIVEN.has(word);
}

/** Finds names in `text` (`lower`: foldCase(text)). */
// A name followed by the same name in another script, in brackets or after a slash:
// "麦嘉欣（Mak Ka Yan）", "Tanaka Yoshiko（田中良子）", "LIU Xiaoming / 刘晓明", "陳大文（Chan Tai Man）".
const GLOSS_OPEN = /^\s?(?:[（(]|\/\s?)\s?/;
const GLOSS_LATIN = /^(?:\p{Lu}[\p{L}\p{M}'’-]*)(?:\s\p{Lu}[\p{L}\p{M}'’-]*){0,3}(?=\s?[）),，/\n]|\s*$)/u;
const GLOSS_HAN = /^\p{Script=Han}{2,4}(?=\s?[）),，/\n]|\s*$)/u;

const GLOSS_OTHER =
	/^[\p{Script=Hangul}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Cyrillic}\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Devanagari}\p{Script=Thai}\p{M}]{2,}(?:\s[\p{Script=Hangul}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Cyrillic}\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Devanagari}\p{Script=Thai}\p{M}]+){0,3}(?=\s?[）)])/u;
// "Olamide Adeyinka, 45, …": two or three capitalised words that are no everyday words, then a
// comma and an age, opening the message or a clause after a colon.
const NAME_AGE =
	/(?:^|[:：;]\s{0,2}|\n)(\p{Lu}[\p{Ll}\p{M}'’-]+(?:\s\p{Lu}[\p{Ll}\p{M}'’-]+){1,2}),\s?(?:aged\s)?\d{1,2}(?:\s?(?:y|yo|yrs|years?(?:\s+old)?))?(?=[,.;\s])/gu;

function findNameAge(text: string, hits: HitSet): void {
	for (const m of text.matchAll(NAME_AGE)) {
		const name = m[1] ?? '';
		const start = m.index + m[0].indexOf(name);
		const words = name.split(' ').map((w) => bareLower(w));
		if (words.some((w) => COMMON.has(w) && !EN_GIVEN.has(w) && !SURNAMES.has(w))) continue;
		hits.add({ kind: 'name', start, end: start + name.length });
	}
}

function findGlosses(text: string, hits: HitSet): void {
	const names = hits.hits.filter((h) => h.kind === 'name');
	for (const h of names) {
		const open = GLOSS_OPEN.exec(text.slice(h.end, h.end + 4));
		if (open === null) continue;
		const pos = h.end + open[0].length;
		if (hits.taken(pos)) continue;
		const rest = text.slice(pos, pos + 48);
		const latin = GLOSS_LATIN.exec(rest);
		if (latin !== null && latin[0].split(' ').every((w) => !FUNCTION_WORDS.has(w.toLowerCase()))) {
			const words = latin[0].split(' ').map((w) => bareLower(w));
			// Romanised names: every word a name-list word or not an everyday word ("Chan Tai Man").
			if (words.every((w) => !COMMON.has(w) || PINYIN.has(w) || EN_GIVEN.has(w) || SURNAMES.has(w)))
				hits.add({ kind: 'name', start: pos, end: pos + latin[0].length });
			continue;
		}
		// Hangul, kana, Cyrillic, Arabic, Devanagari…: a word of a script the name lists do not hold.
		const other = GLOSS_OTHER.exec(rest);
		if (other !== null) {
			hits.add({ kind: 'name', start: pos, end: pos + other[0].length });
			continue;
		}
		const han = GLOSS_HAN.exec(rest);
		if (han === null) continue;
		const len = readJaName(text, pos) || readZhName(text, pos, 'strict');
		if (len === han[0].length) hits.add({ kind: 'name', start: pos, end: pos + len });
	}
}

export function findNames(text: string, lower: string, hits: HitSet): void {
	findChineseNames(text, hits);
	findLatinNames(text, lower, hits);
	findNameAge(text, hits);
	findGlosses(text, hits);
	// The message is not kept once the pass is done.
	lastText = '';
	lastStart = -1;
	lastEnd = -1;
}
