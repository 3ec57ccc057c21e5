import { describe, expect, it } from 'vitest';
import {
	estimateTokens,
	fitTurns,
	TEMPLATE_TOKENS_PER_ANSWER,
	TEMPLATE_TOKENS_PER_MESSAGE,
	TEMPLATE_TOKENS_REPLY,
	TokenCounts,
	type BudgetInput,
	type TurnPair
} from '$lib/chat/budget';
import type { ChatTurn } from '$lib/engine/protocol';

/** A counter for tests: one token per character, so costs are easy to work out by hand. */
const perChar = (text: string) => text.length;
const system: ChatTurn = { role: 'system', content: 'S'.repeat(95) };
const tail: ChatTurn[] = [{ role: 'user', content: 'Q'.repeat(95) }];
/** Pairs of 90 + 90 characters: 194 tokens each with the template (5 per message, 4 per answer). */
const pairs: TurnPair[] = Array.from({ length: 10 }, (_, i) => [
	{ role: 'user', content: `${i}`.padEnd(90, 'u') },
	{ role: 'assistant', content: `${i}`.padEnd(90, 'a') }
]);
const fixed = 100 + 100 + TEMPLATE_TOKENS_REPLY;
const base: BudgetInput = { system, pairs, tail, contextWindow: 2400, answerTokens: 200, count: perChar };

describe('fitTurns', () => {
	it('sends everything, in order, when it fits, and counts the template', () => {
		const result = fitTurns(base);
		expect(result.turns).toEqual([system, ...pairs.flat(), ...tail]);
		expect(result.tokens).toBe(
			fixed + 10 * (180 + 2 * TEMPLATE_TOKENS_PER_MESSAGE + TEMPLATE_TOKENS_PER_ANSWER)
		);
		expect(result.firstPair).toBe(0);
		expect(result.fits).toBe(true);
	});

	it('drops the oldest whole pairs, down to the refill share of the budget', () => {
		// Budget 1420: all ten pairs (2107 with the rest) do not fit; cut to 0.75 of it, four pairs stay.
		const result = fitTurns({ ...base, contextWindow: 2000, answerTokens: 580 });
		const target = Math.floor((2000 - 580) * 0.75);
		expect(result.tokens).toBeLessThanOrEqual(target);
		expect(result.firstPair).toBe(10 - Math.floor((target - fixed) / 194));
		const kept = result.turns.slice(1, -1);
		expect(kept).toEqual(pairs.slice(result.firstPair).flat());
		expect(result.turns.at(-1)).toBe(tail[0]);
	});

	it('keeps the same first pair on the next turns while they fit, so the prefix stays the same', () => {
		const small = { ...base, contextWindow: 1600, answerTokens: 200 };
		const first = fitTurns({ ...small, pairs: pairs.slice(0, 7) });
		expect(first.firstPair).toBeGreaterThan(0);
		const next = fitTurns({ ...small, pairs: pairs.slice(0, 8), keepFrom: first.firstPair });
		expect(next.firstPair).toBe(first.firstPair);
		expect(next.turns.slice(0, first.turns.length - 1)).toEqual(first.turns.slice(0, -1));
		// Without remembering, the start would move on every turn once the window is full.
		expect(fitTurns({ ...small, pairs: pairs.slice(0, 8) }).firstPair).toBe(first.firstPair + 1);
	});

	it('always sends the system prompt and the tail, and says when even they do not fit', () => {
		const result = fitTurns({ ...base, contextWindow: 300, answerTokens: 200 });
		expect(result.turns).toEqual([system, ...tail]);
		expect(result.fits).toBe(false);
	});

	it('never changes its input', () => {
		const copy = structuredClone(base.pairs);
		fitTurns({ ...base, contextWindow: 900 });
		expect(base.pairs).toEqual(copy);
	});

	it('adds the template tokens per message', () => {
		const one = fitTurns({ ...base, pairs: [] });
		expect(one.tokens).toBe(95 + 95 + 2 * TEMPLATE_TOKENS_PER_MESSAGE + TEMPLATE_TOKENS_REPLY);
	});
});

describe('TokenCounts', () => {
	it('uses the model counts it was given and the estimate for the rest', () => {
		const counts = new TokenCounts();
		counts.set(['hello world'], [2]);
		expect(counts.count('hello world')).toBe(2);
		expect(counts.count('头痛发烧')).toBe(estimateTokens('头痛发烧'));
		expect(counts.missing(['hello world', 'new text', 'new text'])).toEqual(['new text']);
	});

	it('forgets the counts of another model, and the oldest texts past its limit', () => {
		const counts = new TokenCounts(2);
		counts.useFor('model-a');
		counts.set(['a', 'b', 'c'], [1, 1, 1]);
		expect(counts.missing(['a', 'b', 'c'])).toEqual(['a']);
		counts.useFor('model-b');
		expect(counts.missing(['b', 'c'])).toEqual(['b', 'c']);
	});
});

describe('estimateTokens', () => {
	it('counts Chinese characters as at least one token each', () => {
		expect(estimateTokens('头痛发烧三天')).toBeGreaterThanOrEqual(6);
	});
});
