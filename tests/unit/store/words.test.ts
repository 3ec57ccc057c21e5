import { describe, expect, it } from 'vitest';
import { indexTokens, isEmptyQuery, MAX_TOKEN_CHARS, normalizeForSearch, parseQuery } from '$lib/store/words';

describe('indexTokens', () => {
	it('keeps English words lower-cased, without apostrophes', () => {
		expect(indexTokens("Don't take Ibuprofen with ASPIRIN")).toEqual([
			'dont',
			'take',
			'ibuprofen',
			'with',
			'aspirin'
		]);
	});

	it('indexes a Chinese run by its bigrams and its last character', () => {
		expect(indexTokens('头疼得厉害')).toEqual(['头疼', '疼得', '得厉', '厉害', '害']);
	});

	it('splits runs at punctuation and at a change of script', () => {
		expect(indexTokens('发烧38.5度，咳嗽 cough')).toEqual([
			'发烧',
			'烧',
			'38.5',
			'度',
			'咳嗽',
			'嗽',
			'cough'
		]);
	});

	it('normalises full-width letters and digits (NFKC)', () => {
		expect(indexTokens('ＣＯＶＩＤ１９ 疫苗')).toEqual(['covid19', '疫苗', '苗']);
		expect(normalizeForSearch('ＡＢＣ')).toBe('abc');
	});

	it('gives each token once and cuts very long ones', () => {
		expect(indexTokens('fever fever FEVER')).toEqual(['fever']);
		expect(indexTokens('x'.repeat(100))).toEqual(['x'.repeat(MAX_TOKEN_CHARS)]);
		expect(indexTokens('')).toEqual([]);
	});
});

describe('parseQuery', () => {
	it('makes the last Latin word a prefix while it is being typed', () => {
		expect(parseQuery('Chest pa')).toMatchObject({ exact: ['chest'], prefixes: ['pa'] });
		expect(parseQuery('chest pain ')).toMatchObject({ exact: ['chest', 'pain'], prefixes: [] });
		// One letter is too short to be a useful prefix.
		expect(parseQuery('vitamin d')).toMatchObject({ exact: ['vitamin', 'd'], prefixes: [] });
	});

	it('looks for Chinese by bigrams and checks runs of three or more as phrases', () => {
		expect(parseQuery('高血压')).toEqual({
			exact: ['高血', '血压'],
			prefixes: [],
			phrases: ['高血压'],
			terms: ['高血压']
		});
		expect(parseQuery('头疼')).toMatchObject({ exact: ['头疼'], phrases: [] });
		expect(parseQuery('痛')).toMatchObject({ exact: [], prefixes: ['痛'] });
	});

	it('mixes both languages', () => {
		expect(parseQuery('hypertension 高血压')).toMatchObject({
			exact: ['hypertension', '高血', '血压'],
			phrases: ['高血压']
		});
	});

	it('has nothing to look for in a blank or punctuation-only query', () => {
		expect(isEmptyQuery(parseQuery('   '))).toBe(true);
		expect(isEmptyQuery(parseQuery('，。!?'))).toBe(true);
		expect(isEmptyQuery(parseQuery('a'))).toBe(false);
	});
});
