import { describe, expect, it } from 'vitest';
import { splitClauses } from '../../../src/lib/safety/clauses';

const texts = (t: string) => splitClauses(t).map((c) => t.slice(c.start, c.end).trim());

describe('splitClauses', () => {
	it('splits on Chinese and English punctuation and newlines', () => {
		expect(texts('没有发烧，胸口痛。喘不过气\n头晕')).toEqual(['没有发烧', '胸口痛', '喘不过气', '头晕']);
		expect(texts('no fever, chest pain; dizzy!')).toEqual(['no fever', 'chest pain', 'dizzy']);
	});

	it('starts a new clause at a contrast word, which belongs to the new clause', () => {
		expect(texts('没有发烧但是胸口很痛')).toEqual(['没有发烧', '但是胸口很痛']);
		expect(texts('no fever but my chest hurts')).toEqual(['no fever', 'but my chest hurts']);
	});

	it('does not split inside decimals or words that contain 不过', () => {
		expect(texts('体温38.5度')).toEqual(['体温38.5度']);
		expect(texts('我喘不过气')).toEqual(['我喘不过气']);
	});

	it('numbers sentences and records what opened each clause', () => {
		const c = splitClauses('甲，乙。丙但丁');
		expect(c.map((x) => [x.sentence, x.opener])).toEqual([
			[0, 'start'],
			[0, 'comma'],
			[1, 'sentence'],
			[1, 'contrast']
		]);
	});

	it('returns no clauses for empty text', () => {
		expect(splitClauses('')).toEqual([]);
	});
});
