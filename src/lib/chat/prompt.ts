// The messages sent to the model for one question: the system prompt first (byte-identical across
// turns for the same profile, so the engine reuses its KV cache), then earlier turns, then the new
// question. Earlier answers go back as the model's RAW text (what it generated, character for
// character), never the shown text with notes, because web-llm reuses its cache only when every
// earlier message matches what it saw and generated.
//
// The context budget here is an estimate (issue 5 counts with the model's own tokenizer): oldest
// turns drop in whole question–answer pairs until the estimate fits the window minus the answer's
// budget. The newest question is always kept.
import type { ChatTurn } from '$lib/engine/protocol';
import { buildSystemPrompt, type PatientProfile } from './system-prompt';
import type { ChatMessage } from './session.svelte';

/**
 * A deliberately high token estimate: one token per CJK character, one per three other characters,
 * plus a few per message for the chat template's markers. Real Qwen3 counts are lower for both.
 */
export function estimateTokens(text: string): number {
	let cjk = 0;
	for (const char of text) if (/[\u3000-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]/.test(char)) cjk++;
	const other = [...text].length - cjk;
	return cjk + Math.ceil(other / 3) + 4;
}

export interface TurnsInput {
	question: string;
	history: readonly ChatMessage[];
	locale: string;
	emergencyAware: boolean;
	profile?: PatientProfile;
	/** The model's context window in tokens. */
	contextWindow: number;
	/** Tokens kept free for the answer. */
	answerTokens: number;
}

/** Question–answer pairs from the history that the model answered (fully or partly). */
export function answeredPairs(history: readonly ChatMessage[]): Array<[ChatTurn, ChatTurn]> {
	const pairs: Array<[ChatTurn, ChatTurn]> = [];
	for (let i = 0; i < history.length - 1; i++) {
		const question = history[i];
		const answer = history[i + 1];
		if (question?.role !== 'user' || answer?.role !== 'assistant') continue;
		if (answer.notice || !answer.raw || answer.status === 'streaming') continue;
		pairs.push([
			{ role: 'user', content: question.text },
			{ role: 'assistant', content: answer.raw }
		]);
	}
	return pairs;
}

export function buildTurns(input: TurnsInput): ChatTurn[] {
	const system: ChatTurn = {
		role: 'system',
		content: buildSystemPrompt(input.locale, input.profile, { emergencyAware: input.emergencyAware })
	};
	const question: ChatTurn = { role: 'user', content: input.question };
	const budget = input.contextWindow - input.answerTokens;
	let used = estimateTokens(system.content) + estimateTokens(question.content);
	const pairs = answeredPairs(input.history);
	const kept: Array<[ChatTurn, ChatTurn]> = [];
	for (let i = pairs.length - 1; i >= 0; i--) {
		const pair = pairs[i];
		if (!pair) continue;
		const cost = estimateTokens(pair[0].content) + estimateTokens(pair[1].content);
		if (used + cost > budget) break;
		used += cost;
		kept.unshift(pair);
	}
	return [system, ...kept.flat(), question];
}
