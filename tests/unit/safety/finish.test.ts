import { describe, expect, it } from 'vitest';
import {
	DISCLAIMER,
	FALLBACK_SENTENCE,
	finish,
	MEDICATION_ADVISORY,
	mentionsMedication,
	renderFinished,
	stripThinking
} from '../../../src/lib/safety/finish';

describe('finish', () => {
	it('returns the exact structured shape and keeps the raw text untouched', () => {
		const raw = '<think>the user asks about fever</think>\n多喝水，注意休息。';
		expect(finish(raw, { locale: 'zh-CN' })).toEqual({
			text: '多喝水，注意休息。',
			advisory: null,
			disclaimer: DISCLAIMER['zh-CN'],
			fallback: false,
			raw
		});
	});

	it('adds the medication advisory beside an answer that names a medicine', () => {
		const r = finish('可以服用布洛芬缓解疼痛。', { locale: 'zh-CN' });
		expect(r.advisory).toBe('请遵医嘱。');
		expect(r.text).toBe('可以服用布洛芬缓解疼痛。');
	});

	it('adds the English advisory for a dose', () => {
		expect(finish('Take 500 mg every 6 hours.', { locale: 'en' }).advisory).toBe(MEDICATION_ADVISORY.en);
		expect(finish('Paracetamol can help.', { locale: 'en-GB' }).advisory).toBe(
			"Follow your doctor's advice."
		);
	});

	it('does not add the advisory when the answer already says it', () => {
		expect(finish('布洛芬可以止痛，请遵医嘱。', { locale: 'zh-CN' }).advisory).toBeNull();
		expect(finish("Ibuprofen may help; follow your doctor's advice.", { locale: 'en' }).advisory).toBeNull();
	});

	it('does not add the advisory when no medicine or dose is named', () => {
		expect(finish('Rest and drink plenty of fluids.', { locale: 'en' }).advisory).toBeNull();
	});

	describe('disclaimer', () => {
		it('is added once per conversation', () => {
			expect(finish('Rest well.', { locale: 'en' }).disclaimer).toBe(DISCLAIMER.en);
			expect(finish('Rest well.', { locale: 'en', disclaimerShown: true }).disclaimer).toBeNull();
		});

		it('is not added when the answer already contains one', () => {
			expect(finish(`多休息。${DISCLAIMER['zh-CN']}`, { locale: 'zh-CN' }).disclaimer).toBeNull();
			expect(finish('Rest. This is for reference only.', { locale: 'en' }).disclaimer).toBeNull();
		});

		it('is idempotent: finishing a rendered answer adds nothing new', () => {
			const first = finish('可以服用布洛芬。', { locale: 'zh-CN' });
			const again = finish(renderFinished(first), { locale: 'zh-CN' });
			expect(again.advisory).toBeNull();
			expect(again.disclaimer).toBeNull();
			expect(renderFinished(again)).toBe(renderFinished(first));
		});
	});

	describe('fallback', () => {
		it.each(['', '   \n ', '<think>hmm</think>', '<think>still thinking'])(
			'replaces the empty answer "%s"',
			(raw) => {
				const r = finish(raw, { locale: 'zh-CN' });
				expect(r.text).toBe(FALLBACK_SENTENCE['zh-CN']);
				expect(r.fallback).toBe(true);
				expect(r.raw).toBe(raw);
			}
		);

		it('appends the fallback sentence to an unsure answer', () => {
			const r = finish("I'm not sure what causes this.", { locale: 'en' });
			expect(r.fallback).toBe(true);
			expect(r.text).toBe(`I'm not sure what causes this.\n\n${FALLBACK_SENTENCE.en}`);
		});

		it('recognises Chinese uncertainty', () => {
			expect(finish('这个我无法确定。', { locale: 'zh-CN' }).fallback).toBe(true);
			expect(finish('不确定是什么原因。', { locale: 'zh-CN' }).text).toBe(
				`不确定是什么原因。\n\n${FALLBACK_SENTENCE['zh-CN']}`
			);
		});

		it('does not append the sentence twice', () => {
			const r = finish(FALLBACK_SENTENCE['zh-CN'], { locale: 'zh-CN' });
			expect(r.text).toBe(FALLBACK_SENTENCE['zh-CN']);
		});
	});

	it('treats a non-string answer as empty', () => {
		expect(finish(undefined as unknown as string, { locale: 'en' }).text).toBe(FALLBACK_SENTENCE.en);
	});
});

describe('stripThinking', () => {
	it('removes closed blocks, an unclosed opening tag with what follows, and stray closers', () => {
		expect(stripThinking('<think>a</think>答案<think>b</think>')).toBe('答案');
		expect(stripThinking('<think>\nreasoning without end')).toBe('');
		expect(stripThinking('answer</think> more')).toBe('answer more');
		expect(stripThinking('< think >x</ think >ok')).toBe('ok');
		expect(stripThinking('<THINK>x</THINK>ok')).toBe('ok');
	});
});

describe('mentionsMedication', () => {
	it('finds medicine names, doses and frequencies in both languages', () => {
		expect(mentionsMedication('阿莫西林')).toBe(true);
		expect(mentionsMedication('每次2片')).toBe(true);
		expect(mentionsMedication('twice a day')).toBe(true);
		expect(mentionsMedication('metformin')).toBe(true);
	});

	it('does not treat temperatures or durations as doses', () => {
		expect(mentionsMedication('体温38.5℃，持续3天')).toBe(false);
		expect(mentionsMedication('rest for 2 days')).toBe(false);
	});
});

describe('renderFinished', () => {
	it('joins answer, advisory and disclaimer with blank lines, skipping nulls', () => {
		expect(renderFinished({ text: 'A', advisory: 'B', disclaimer: 'C' })).toBe('A\n\nB\n\nC');
		expect(renderFinished({ text: 'A', advisory: null, disclaimer: 'C' })).toBe('A\n\nC');
		expect(renderFinished({ text: 'A', advisory: null, disclaimer: null })).toBe('A');
	});
});
