// The context budget: which earlier turns go to the model with the new question.
//
// Invariants:
// - The prompt (system prompt, kept turns, the fixed tail) plus the answer's budget fits the model's
//   context window, counted with `count` plus the chat template's own tokens per message.
// - The system prompt and the tail (the new question, or a question, partial answer and "continue")
//   are always sent; earlier turns drop oldest first, in whole question–answer pairs.
// - Once turns are dropped they stay dropped (`keepFrom`), and when dropping is needed it goes down to
//   `refill` of the budget: the first kept turn then stays the same for the next turns, so the prompt
//   keeps its prefix and the engine its KV cache, instead of losing both on every turn once full.
// Pure: no DOM, no Svelte, no worker. Never mutates its input.
import type { ChatTurn } from '../engine/protocol';

/**
 * Tokens the chat template adds around each message (Qwen3, ChatML): "<|im_start|>" role "\n" before
 * the content and "<|im_end|>" "\n" after it (scripts/bench/prefill.ts checks this against the real
 * tokenizer).
 */
export const TEMPLATE_TOKENS_PER_MESSAGE = 5;
/**
 * Tokens added to each earlier answer: web-llm gets it back with the empty thinking block it recorded
 * ("<think>\n\n</think>\n\n", 4 tokens; see recordedReply in engine/adapters/webllm.ts). The ONNX
 * engine's template leaves it out, so there this only keeps the count on the safe side.
 */
export const TEMPLATE_TOKENS_PER_ANSWER = 4;
/**
 * Tokens after the last message, before the answer: "<|im_start|>" "assistant" "\n", and the empty
 * thinking block "<think>\n\n</think>\n\n" (4 tokens) that disabling thinking adds.
 */
export const TEMPLATE_TOKENS_REPLY = 7;
/** Default share of the budget a prompt is cut down to when turns must drop (range (0, 1]). */
export const DEFAULT_REFILL = 0.75;

/** Tokens of one text (the model's tokenizer, or an estimate). */
export type CountTokens = (text: string) => number;

/**
 * A deliberately high token estimate: one token per CJK character, one per three other characters,
 * plus four. Qwen3's real counts are lower for both. Used only until the model's own tokenizer has
 * counted a text (TokenCounts), e.g. while the model is still loading or if counting fails.
 */
export function estimateTokens(text: string): number {
	let cjk = 0;
	for (const char of text) if (/[\u3000-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]/.test(char)) cjk++;
	const other = [...text].length - cjk;
	return cjk + Math.ceil(other / 3) + 4;
}

export type TurnPair = readonly [ChatTurn, ChatTurn];

export interface BudgetInput {
	system: ChatTurn;
	/** Earlier question–answer pairs, oldest first. */
	pairs: readonly TurnPair[];
	/** Always sent, after the kept pairs, in this order; the last one is a user turn. */
	tail: readonly ChatTurn[];
	/** The model's context window, tokens (> 0). */
	contextWindow: number;
	/** Tokens kept free for the answer (≥ 0). */
	answerTokens: number;
	count: CountTokens;
	/** Index of the oldest pair that may be sent (the previous turn's `firstPair`); default 0. */
	keepFrom?: number;
	/** When pairs must drop, the prompt is cut to this share of the budget; (0, 1], default 0.75. */
	refill?: number;
}

export interface Budgeted {
	turns: ChatTurn[];
	/** Index in `pairs` of the oldest pair sent (pairs.length when none). */
	firstPair: number;
	/** The prompt's tokens, template included. */
	tokens: number;
	/** False when even the system prompt and the tail do not fit (the engine will refuse it). */
	fits: boolean;
}

/** Keeps the newest whole pairs that fit `contextWindow − answerTokens`, template included. */
export function fitTurns(input: BudgetInput): Budgeted {
	const cost = (turn: ChatTurn) =>
		input.count(turn.content) +
		TEMPLATE_TOKENS_PER_MESSAGE +
		(turn.role === 'assistant' ? TEMPLATE_TOKENS_PER_ANSWER : 0);
	const budget = input.contextWindow - input.answerTokens;
	const refill =
		input.refill !== undefined && input.refill > 0 && input.refill <= 1 ? input.refill : DEFAULT_REFILL;
	const fixed =
		cost(input.system) + input.tail.reduce((sum, turn) => sum + cost(turn), 0) + TEMPLATE_TOKENS_REPLY;
	const costs = input.pairs.map(([question, answer]) => cost(question) + cost(answer));
	let first = Math.min(Math.max(0, Math.floor(input.keepFrom ?? 0)), input.pairs.length);
	let tokens = fixed + costs.slice(first).reduce((sum, n) => sum + n, 0);
	if (tokens > budget) {
		const target = Math.floor(budget * refill);
		while (first < input.pairs.length && tokens > target) tokens -= costs[first++] ?? 0;
	}
	return {
		turns: [input.system, ...input.pairs.slice(first).flat(), ...input.tail],
		firstPair: first,
		tokens,
		fits: tokens <= budget
	};
}

/**
 * Token counts by text, from the model's own tokenizer. Earlier messages never change, so each text
 * is counted once; `count` falls back to `estimateTokens` for a text not counted yet. Holds at most
 * `limit` texts (oldest forgotten first). One instance per tokenizer: `reset` when the model changes.
 */
export class TokenCounts {
	readonly #counts = new Map<string, number>();
	readonly #limit: number;
	#owner: string | null = null;

	/** `limit`: texts remembered, ≥ 1, default 1,000. */
	constructor(limit = 1000) {
		this.#limit = Math.max(1, Math.floor(limit));
	}

	/** Forgets every count when `owner` (the model id) is not the one the counts came from. */
	useFor(owner: string): void {
		if (owner === this.#owner) return;
		this.#counts.clear();
		this.#owner = owner;
	}

	/** Texts among these that have no count yet, each once. */
	missing(texts: readonly string[]): string[] {
		return [...new Set(texts)].filter((text) => !this.#counts.has(text));
	}

	/** Remembers the counts of `texts` (same order). */
	set(texts: readonly string[], counts: readonly number[]): void {
		texts.forEach((text, i) => {
			const n = counts[i];
			if (n === undefined) return;
			this.#counts.delete(text);
			this.#counts.set(text, n);
		});
		for (const oldest of this.#counts.keys()) {
			if (this.#counts.size <= this.#limit) break;
			this.#counts.delete(oldest);
		}
	}

	readonly count: CountTokens = (text) => this.#counts.get(text) ?? estimateTokens(text);
}
