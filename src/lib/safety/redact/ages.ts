// Ages over 89 (HIPAA Safe Harbor (C): "all ages over 89 and all elements of dates (including
// year) indicative of such age", which may only be kept as one category, 90 or older). An age that
// high narrows a patient down as a date of birth does, so it goes as a date of birth does (kind
// 'dob'); younger ages are clinical and stay. An age is a number with an age word: "94 years old",
// "a 96-year-old", "aged 91", "age 90", "she's ninety-one", "93岁", "九十四岁", "九旬".

import type { HitSet } from './types';

const MIN_AGE = 90;
const MAX_AGE = 130;

// Matched on the case-folded view (chars.ts foldCase): no `i` flag. The number, then an age word;
// or "age"/"aged" (and their Chinese forms) before it.
const EN_AGE_AFTER =
	/(?<![\d.,/:-])(\d{2,3})(?:\s?-\s?|\s)?(?:years?|yrs?|y\/o|y\.o\.?|yo)(?:(?:\s?-\s?|\s)old)?(?![a-z])(?!\s(?:and|or)\s(?:over|above|older)|\s?\+)/g;
const EN_AGE_BEFORE =
	/\b(?:age|aged)[:\s]\s{0,2}(\d{2,3})(?![\d%/+]|[.,:]\d|\s?(?:mg|kg|lbs?|cm|bpm|mmhg|percent|%|and\s(?:over|above|older)|or\s(?:over|above|older)|plus))/g;
const WORD_UNITS = 'one|two|three|four|five|six|seven|eight|nine';
const WORD_AGE = `(?:ninety(?:[- ](?:${WORD_UNITS}))?|(?:a|one)\\s(?:hundred)(?:\\s(?:and\\s)?(?:${WORD_UNITS}|ten))?)`;
// A number in words is an age after a person and "is"/"'s" or "aged", or before "years old".
const EN_WORD_AGE = new RegExp(
	`\\b(?:(?:i'm|im|i\\sam|he's|she's|he\\sis|she\\sis|they're|who's|who\\sis|[a-z]+'s|turned|turning|aged|age)\\s(${WORD_AGE})(?![a-z-])(?!\\s?(?:%|percent|over|bpm|beats|mmhg|mg|kg|pounds|lbs|degrees))|(${WORD_AGE})(?:\\s?-\\s?|\\s)years?(?:\\s?-\\s?|\\s)old)`,
	'g'
);
// 93岁, 91周岁, 九十四岁, 九十多岁, 一百零二岁, 九旬, 百岁.
// "90岁以上" names the category HIPAA allows, not one patient's age: it stays.
const ZH_AGE =
	/(?<![\d.])(\d{2,3})\s?(?:周岁|岁)(?!以上|以下|及以上|\+)|(?<![一二三四五六七八九十百零])(九十[一二三四五六七八九]?|一?百(?:零[一二三四五六七八九]|[一二]十[一二三四五六七八九]?)?)(?:多|来)?(?:周岁|岁)(?!以上|以下|及以上|\+)|九旬|百岁/g;

const DIGIT = /\d/;
const ZH_TENS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

function addAge(hits: HitSet, start: number, end: number, value: number): void {
	if (value >= MIN_AGE && value <= MAX_AGE) hits.add({ kind: 'dob', start, end });
}

/** The value of a Chinese numeral age (九十四 → 94, 一百零二 → 102, 九十 → 90). */
function zhValue(numeral: string): number {
	if (numeral.startsWith('九十')) return 90 + (ZH_TENS[numeral.charAt(2)] ?? 0);
	const rest = numeral.replace(/^一?百/, '');
	if (rest === '') return 100;
	if (rest.startsWith('零')) return 100 + (ZH_TENS[rest.charAt(1)] ?? 0);
	return 100 + (ZH_TENS[rest.charAt(0)] ?? 0) * 10 + (ZH_TENS[rest.charAt(2)] ?? 0);
}

/**
 * Finds ages over 89 in `text` (`lower`: foldCase(text)). Only the number goes: "Dad is
 * [DATE_OF_BIRTH] years old", "今年[出生日期]岁".
 */
export function findAges(text: string, lower: string, hits: HitSet): void {
	if (/[岁旬]/.test(text)) {
		for (const m of text.matchAll(ZH_AGE)) {
			const numeral = m[1] ?? m[2];
			if (numeral === undefined) hits.add({ kind: 'dob', start: m.index, end: m.index + m[0].length });
			else
				addAge(
					hits,
					m.index,
					m.index + numeral.length,
					m[1] !== undefined ? Number(numeral) : zhValue(numeral)
				);
		}
	}
	const words = lower.includes('ninety') || lower.includes('hundred');
	if (!words && !DIGIT.test(lower)) return;
	for (const re of [EN_AGE_AFTER, EN_AGE_BEFORE]) {
		re.lastIndex = 0;
		for (const m of lower.matchAll(re)) {
			const digits = m[1] ?? '';
			const start = m.index + m[0].search(/\d/);
			addAge(hits, start, start + digits.length, Number(digits));
		}
	}
	if (!words) return;
	for (const m of lower.matchAll(EN_WORD_AGE)) {
		const words = m[1] ?? m[2] ?? '';
		const start = m[1] !== undefined ? m.index + m[0].length - words.length : m.index;
		hits.add({ kind: 'dob', start, end: start + words.length });
	}
}
