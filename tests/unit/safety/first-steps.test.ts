import { describe, expect, it } from 'vitest';
import { CATEGORY_IDS } from '../../../src/lib/safety/emergency';
import { FIRST_STEPS, firstSteps, firstStepsFor } from '../../../src/lib/safety/first-steps';

describe('firstSteps', () => {
	it('has short steps in both languages for every category', () => {
		for (const id of CATEGORY_IDS) {
			for (const locale of ['zh-CN', 'en'] as const) {
				const steps = FIRST_STEPS[id][locale];
				expect(steps.length).toBeGreaterThanOrEqual(3);
				for (const s of steps) expect(s.length).toBeLessThan(140);
			}
		}
	});

	it('covers the key advice per category', () => {
		expect(firstSteps('cardiac', 'en').join(' ')).toMatch(/don't drive yourself/i);
		expect(firstSteps('stroke', 'en').join(' ')).toMatch(/time the symptoms started/);
		expect(firstSteps('poisoning', 'en').join(' ')).toMatch(/keep the container/i);
		expect(firstSteps('poisoning', 'en').join(' ')).toMatch(/don't make them vomit/i);
		expect(firstSteps('self_harm', 'en')[0]).toBe("You're not alone, and help is available right now.");
		expect(firstSteps('self_harm', 'zh-CN').join('')).toContain('不要独处');
	});

	it('uses English for any non-Chinese locale', () => {
		expect(firstSteps('burns', 'en-GB')).toEqual(FIRST_STEPS.burns.en);
	});
});

describe('firstStepsFor', () => {
	it('merges categories in canonical order without repeating a step', () => {
		const steps = firstStepsFor(['breathing', 'cardiac'], 'en', 20);
		expect(steps[0]).toBe("Call the emergency number now — don't wait to see if it passes.");
		expect(new Set(steps).size).toBe(steps.length);
		expect(steps.filter((s) => s === 'Call the emergency number now.')).toHaveLength(1);
	});

	it('caps the number of steps', () => {
		expect(firstStepsFor([...CATEGORY_IDS], 'zh-CN')).toHaveLength(8);
		expect(firstStepsFor([], 'en')).toEqual([]);
	});
});
