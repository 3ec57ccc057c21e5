import { describe, expect, it } from 'vitest';
import { kbTerms, MAX_TERMS } from '$lib/retrieval/tokens';

describe('kbTerms', () => {
	it('stems English words, drops function words, keeps numbers and negations', () => {
		expect(kbTerms('The vaccines are NOT given to babies with a fever of 38.5')).toEqual([
			'vaccin',
			'not',
			'given',
			'babi',
			'fever',
			'38.5'
		]);
		expect(kbTerms('vaccinated')).toEqual(kbTerms('vaccines'));
	});

	it('drops the question words patients type, which every passage would otherwise share', () => {
		expect(kbTerms('How should I use my EpiPen, and what do I do after?')).toEqual(['us', 'epipen', 'after']);
	});

	it('turns a Chinese run into its bigrams, wherever the segmenter cut, with repeats kept', () => {
		expect(kbTerms('头疼得厉害')).toEqual(['头疼', '疼得', '得厉', '厉害']);
		expect(kbTerms('发烧，发烧')).toEqual(['发烧', '发烧']);
		expect(kbTerms('胃')).toEqual(['胃']);
	});

	it('handles mixed scripts and full-width forms', () => {
		expect(kbTerms('布洛芬 ibuprofen ＣＯＶＩＤ１９疫苗')).toEqual([
			'布洛',
			'洛芬',
			'ibuprofen',
			'covid19',
			'疫苗'
		]);
	});

	it('is bounded for huge input', () => {
		expect(kbTerms('发热'.repeat(30_000))).toHaveLength(MAX_TERMS);
		expect(kbTerms('')).toEqual([]);
	});
});
