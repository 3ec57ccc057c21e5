import { describe, expect, it } from 'vitest';
import {
	foldCase,
	hasLatinOrUpper,
	isAllUpper,
	isHanChar,
	isLetter,
	isUpperAt,
	isUpperIuAt,
	redactionView,
	redactionViews,
	zhDigitView
} from '../../../src/lib/safety/redact/chars';

// The one-pass views and the character tables must give exactly what the plain definitions give.

// Characters every step treats specially: case (ſ and the Kelvin sign fold onto s and k under `iu`;
// İ changes length under toLowerCase), full-width forms, odd spaces, zero-width and control
// characters, quotes and dashes, Chinese digits, traditional characters, surrogates (paired and lone).
const ALPHABET = [
	...'aZ5 -.\t\n\r',
	'ſ',
	'\u212a',
	'İ',
	'é',
	'É',
	'Σ',
	'Ａ',
	'ｚ',
	'１',
	'＠',
	'。',
	'｡',
	'\u200b',
	'\u3000',
	'\u00a0',
	'\ufeff',
	'\u0001',
	'\u007f',
	'’',
	'“',
	'—',
	...'一二〇○零幺两九十王區難號',
	'😀',
	'𠀀',
	'\ud83d',
	'\ude00'
];

function strings(count: number, seed: number): string[] {
	let state = seed;
	const next = () => (state = (state * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
	const out: string[] = [];
	for (let k = 0; k < count; k++) {
		let s = '';
		const n = Math.floor(next() * 40);
		for (let j = 0; j < n; j++) s += ALPHABET[Math.floor(next() * ALPHABET.length)];
		out.push(s);
	}
	return out;
}

describe('redact views', () => {
	it('builds both views in one pass exactly as the step-by-step definitions do', () => {
		for (const s of [...strings(5000, 7), '一二三四五六七 八九', 'ＭＲＮ：AB1', '叫'.repeat(300)]) {
			const text = zhDigitView(redactionView(s)).text;
			expect(redactionViews(s)).toEqual({ text, lower: foldCase(text) });
		}
	});

	it('keeps the length: offsets found in a view index the original text', () => {
		for (const s of strings(500, 11)) {
			const v = redactionViews(s);
			expect(v.text.length).toBe(s.length);
			expect(v.lower.length).toBe(s.length);
		}
	});
});

describe('character tables', () => {
	it('agree with the Unicode property regexes for every BMP code unit', () => {
		const mismatches: string[] = [];
		for (let code = 0; code < 0x10000; code += 1) {
			const c = String.fromCharCode(code);
			const checks: [string, boolean, boolean][] = [
				['isLetter', isLetter(c), /^[\p{L}\p{M}]$/u.test(c)],
				['isHanChar', isHanChar(c), /^\p{Script=Han}$/u.test(c)],
				['isUpperAt', isUpperAt(c, 0), /^\p{Lu}/u.test(c)],
				['isUpperIuAt', isUpperIuAt(c, 0), /^\p{Lu}/iu.test(c)],
				['hasLatinOrUpper', hasLatinOrUpper('一' + c), /[A-Za-z]|\p{Lu}/u.test(c)],
				['isAllUpper', isAllUpper('A' + c), /^\p{Lu}+$/u.test('A' + c)]
			];
			for (const [name, got, want] of checks)
				if (got !== want) mismatches.push(`${name} U+${code.toString(16)}`);
		}
		expect(mismatches).toEqual([]);
	});

	it('read astral characters as code points', () => {
		for (const s of ['𐐀', '𐐨', '𠀀', '😀', '\ud801', '\ud801x', 'x\udc00']) {
			expect(isUpperAt(s, 0)).toBe(/^\p{Lu}/u.test(s));
			expect(isUpperIuAt(s, 0)).toBe(/^\p{Lu}/iu.test(s));
			expect(hasLatinOrUpper(s)).toBe(/[A-Za-z]|\p{Lu}/u.test(s));
			expect(isAllUpper(s)).toBe(/^\p{Lu}+$/u.test(s));
		}
	});
});
