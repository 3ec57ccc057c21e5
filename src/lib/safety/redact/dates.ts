// Dates of birth, only when labelled as such (HIPAA Safe Harbor (C): all elements of dates except
// the year directly related to an individual, birth date first; PIPL 个人信息). Symptom, visit and
// test dates are clinical and stay: only the date right after a birth label is taken.

import type { HitSet } from './types';

// Matched on the case-folded view (chars.ts foldCase): the matches of `giu` on the view, faster.
const DOB_LABEL =
	/出生日期|出生年月日|出生年月|出生时间|出生于|出生在|出生|生日|生于|\bdate\s+of\s+birth\b|\bbirth\s*date\b|\bd\.\s?o\.\s?b\.?|\bdob\b|\bborn(?:\s+(?:on|in))?\b|\bbirthday\b/g;
// "b." is the genealogists' "born", taken after a bracket, a comma or a semicolon: "(b. 12 Aug 1936)".
const BORN_ABBREVIATION = /(?:^|[([,;])\s?b\./g;
// Between the label and the date: punctuation, "is", "was", "on", "the", "是", "为", "：". At most 13
// steps: a connector longer than 12 characters is refused anyway.
const DOB_CONNECTOR = /(?:[\s:：=,，(（.…-]|是|为|在|于|\bis\b|\bwas\b|\bon\b|\bthe\b){0,16}/iy;

const MONTHS =
	'january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec';
const ORD = '(?:st|nd|rd|th)?';
const ZH_NUM = '[〇零○一二三四五六七八九十]';
// The calendar said before a month ("农历八月十五"), the lunar months' own names (正月, 冬月, 腊月)
// and days (初一 to 初十, 十一 to 三十, 廿一).
const ZH_CALENDAR = '(?:农历|阴历|阳历|公历|旧历)?';
const ZH_MONTH = `(?:正月|冬月|腊月|${ZH_NUM}{1,2}月)`;
const ZH_DAY =
	'(?:初[一二三四五六七八九十]|廿[一二三四五六七八九]?|[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])';

// Each pattern is anchored (sticky) at the position after the connector; quantifiers are bounded.
const DATE_PATTERNS: RegExp[] = [
	// 1985年3月7日, 85年6月12日, 1985 年 3 月, 1985-03-07, 1985/3/7, 1956.08.21
	/\d{2,4}\s?年\s?\d{1,2}\s?月(?:\s?\d{1,2}\s?[日号])?/y,
	/\d{4}([-/.])\d{1,2}\1\d{1,2}(?!\d)/y,
	// 85.3.7, 92-11-08 (two-digit year first)
	/\d{2}([-/.])\d{1,2}\1\d{1,2}(?!\d)/y,
	// 03/07/1985, 7-3-85, 85.3.7 (two-digit first part with a two-digit year)
	/\d{1,2}([-/.])\d{1,2}\1(?:\d{4}|\d{2})(?!\d)/y,
	// 7 March 1985, 7th of March, 1985, 29 Feb 2016
	new RegExp(
		`\\d{1,2}${ORD}\\s{0,2}(?:of\\s{1,2})?(?:${MONTHS})\\.?,?\\s{0,2}(?:\\d{4}|'?\\d{2})(?!\\d)`,
		'iy'
	),
	// 8-Apr-1944, 08/Apr/44, 8 Apr. 1944
	new RegExp(`\\d{1,2}[-/ ](?:${MONTHS})\\.?[-/ ](?:\\d{4}|'?\\d{2})(?!\\d)`, 'iy'),
	// March 7th 1985, Jan 5, 1948
	new RegExp(`(?:${MONTHS})\\.?\\s{0,2}\\d{1,2}${ORD},?\\s{0,2}(?:\\d{4}|'?\\d{2})(?!\\d)`, 'iy'),
	// 一九八八年二月二十九日, 一九五八年农历八月十五, 1958年农历八月十五
	new RegExp(`(?:${ZH_NUM}{2,4}|\\d{2,4})\\s?年${ZH_CALENDAR}${ZH_MONTH}(?:${ZH_DAY}[日号]?)?`, 'y'),
	// Without a year: 3月7日, 三月七号, 农历八月十五, 正月初八, 7 March, March 7th
	/\d{1,2}\s?月\s?\d{1,2}\s?[日号]?/y,
	new RegExp(`${ZH_CALENDAR}${ZH_MONTH}${ZH_DAY}[日号]?`, 'y'),
	new RegExp(`\\d{1,2}${ORD}\\s{0,2}(?:of\\s{1,2})?(?:${MONTHS})(?![a-z])`, 'iy'),
	new RegExp(`(?:${MONTHS})\\.?\\s{0,2}\\d{1,2}${ORD}(?![\\d:])`, 'iy'),
	// Eight digits: 19850307 (year first) or 07031985 (year last)
	/(?:(?:19|20)\d{6}|\d{4}(?:19|20)\d{2})(?!\d)/y,
	// Year and month: 1968.3, 1968-03, 1968/3
	/\d{4}[-/.]\d{1,2}(?![\d./-])/y,
	// Month and year: 03/1985, 3-1985, 03.85 is too short to tell from a dose
	/\d{1,2}[-/.](?:19|20)\d{2}(?![\d./-])/y,
	// Month and year, year alone: March 1985, 1985年, 1985
	new RegExp(`(?:${MONTHS})\\.?,?\\s{0,2}\\d{4}(?!\\d)`, 'iy'),
	/(?:19|20)\d{2}\s?年?(?!\d)/y
];

// What a date can start with: a digit, a Chinese numeral (or a calendar's or lunar month's first
// character), or the first three letters of a month.
const ZH_NUM_CHARS = new Set('〇零○一二三四五六七八九十农阴阳公旧正冬腊');
const MONTH_STARTS = new Set('jan feb mar apr may jun jul aug sep oct nov dec'.split(' '));

/** Some DATE_PATTERNS entry can match at `pos` (a check on its first characters only). */
function mayStartDate(text: string, lower: string, pos: number): boolean {
	const code = text.charCodeAt(pos);
	if (code >= 0x30 && code <= 0x39) return true;
	if (ZH_NUM_CHARS.has(text.charAt(pos))) return true;
	return MONTH_STARTS.has(lower.slice(pos, pos + 3));
}

// A date said before the birth word: "85年3月7日出生的", "1990年5月生人", "一九六二年腊月初三生的".
const DATE_BEFORE_BIRTH = new RegExp(
	`(?:(?:${ZH_NUM}{2,4}|\\d{2,4})\\s?年${ZH_CALENDAR}|${ZH_CALENDAR})(?:\\d{1,2}\\s?月(?:\\s?\\d{1,2}\\s?[日号])?|${ZH_MONTH}(?:${ZH_DAY}[日号]?)?)\\s?$|\\d{4}[-/.]\\d{1,2}[-/.]\\d{1,2}\\s?$`
);
const BIRTH_AFTER = /出生|生人|生的|年生|月生|日生|号生/g;

function findDatesBeforeBirth(text: string, hits: HitSet): void {
	for (const m of text.matchAll(BIRTH_AFTER)) {
		// The date ends at the birth word (年生/月生/日生: at its 生).
		const end = m[0].length === 2 && m[0].charAt(1) === '生' && m[0] !== '出生' ? m.index + 1 : m.index;
		const before = text.slice(Math.max(0, end - 20), end);
		const d = DATE_BEFORE_BIRTH.exec(before);
		if (d === null) continue;
		const date = d[0].replace(/\s+$/, '');
		const start = end - d[0].length;
		hits.add({ kind: 'dob', start, end: start + date.length });
	}
}

export function findDatesOfBirth(text: string, lower: string, hits: HitSet): void {
	if (text.includes('生')) findDatesBeforeBirth(text, hits);
	DOB_LABEL.lastIndex = 0;
	const labels = [...lower.matchAll(DOB_LABEL)];
	if (lower.includes('b.')) labels.push(...lower.matchAll(BORN_ABBREVIATION));
	for (const m of labels) {
		const labelEnd = m.index + m[0].length;
		DOB_CONNECTOR.lastIndex = labelEnd;
		const conn = DOB_CONNECTOR.exec(text);
		const pos = labelEnd + (conn === null ? 0 : conn[0].length);
		if (pos - labelEnd > 12) continue;
		if (!mayStartDate(text, lower, pos)) continue;
		for (const re of DATE_PATTERNS) {
			re.lastIndex = pos;
			const d = re.exec(text);
			if (d === null) continue;
			// "born in 3 days"? a bare number followed by a time unit is not a date.
			const end = pos + d[0].replace(/\s+$/, '').length;
			if (/^\s?(?:天|周|个月|days?|weeks?|months?|hours?|小时)/i.test(text.slice(end, end + 7))) break;
			hits.add({ kind: 'dob', start: pos, end });
			break;
		}
	}
}
