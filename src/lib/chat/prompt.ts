// The messages sent to the model for one question: the system prompt first, then earlier turns,
// then the new question.
//
// Invariants (so the engine reuses its KV cache of earlier turns):
// - The system prompt depends only on locale, profile and the emergency flag (system-prompt.ts): it
//   is byte-identical across turns for the same profile.
// - Earlier answers go back as the model's RAW text (what it generated, character for character),
//   never the shown text with notes; earlier questions as the redacted text stored for them.
// - Retrieved passages go into the user turn of the question they were found for, framed as data
//   (frameReferences), never into the system prompt. They are never stored with the question. For
//   web-llm (`resendAsSent`) an earlier question goes back exactly as it was sent, passages included
//   (ChatMessage.prompt, kept in memory): web-llm reuses its KV cache only when every earlier message
//   is unchanged, and drops all of it otherwise. Without a cache (ONNX), or after a reload (the
//   cache is gone too), earlier questions go back as stored, without passages: a shorter prompt.
// - The budget (budget.ts) drops the oldest whole turns; the newest question is always sent.
// Pure: no DOM, no Svelte; never mutates its input.
import type { ChatTurn } from '../engine/protocol';
import { contentLocale, type SafetyLocale } from '../safety/locale';
import { fitTurns, estimateTokens, type Budgeted, type CountTokens, type TurnPair } from './budget';
import {
	buildSystemPrompt,
	frameReferences,
	type PatientProfile,
	type ReferencePassage
} from './system-prompt';
import type { ChatMessage } from './session.svelte';

export { estimateTokens } from './budget';

export interface TurnsInput {
	/** The patient's redacted question, as stored. */
	question: string;
	/** Earlier messages of this conversation, oldest first (before `question`). */
	history: readonly ChatMessage[];
	locale: string;
	emergencyAware: boolean;
	/** The question reads as urgent (see a doctor today). */
	urgentAware?: boolean;
	profile?: PatientProfile | null;
	/** Retrieved passages for this question only; none → the question alone. */
	passages?: readonly ReferencePassage[];
	/** Continue: the raw partial answer to `question` that the model is to go on with. */
	partial?: string;
	/** The model's context window in tokens. */
	contextWindow: number;
	/** Tokens kept free for the answer. */
	answerTokens: number;
	/** Tokens of a text: the model's tokenizer (TokenCounts); default the conservative estimate. */
	count?: CountTokens;
	/** The previous turn's `firstPair` (see budget.ts); default 0. */
	keepFrom?: number;
	/** Earlier questions go back as they were sent (with their passages) when known; default false. */
	resendAsSent?: boolean;
}

const QUESTION_LABEL: Record<SafetyLocale, string> = {
	'zh-CN': '患者的问题：',
	en: 'The patient’s question:'
};

/**
 * What "continue" asks the model, after the question and the partial answer.
 *
 * Why this design: the natural continuation (the partial answer as an unfinished last assistant
 * message) is refused by web-llm's chat API ("The last message should be from the `user` or
 * `tool`", getConversationFromChatCompletionRequest in 0.2.86), and a raw text completion would need
 * a copy of every model's chat template in the app. So the model gets the conversation, the partial
 * answer as its own earlier turn and this request in the patient's language; what it writes is joined
 * to the partial answer (joinContinuation) into ONE message whose raw text is the model's words only.
 * The instruction itself is never shown or stored. Cost: web-llm clears its KV cache after a stopped
 * answer anyway, and the next turn prefills once more (the joined answer is not what it recorded).
 */
export const CONTINUE_INSTRUCTION: Record<SafetyLocale, string> = {
	'zh-CN': '你上一条回答没有写完。请从中断的地方直接接着写，不要重复已经写过的内容，也不要加开场白。',
	en: 'Your previous answer was cut off. Continue it exactly where it stopped, without repeating what you already wrote and without any preamble.'
};

/**
 * Question–answer pairs from the history that the model answered (fully or partly). `asSent`: each
 * question as it was sent to the model (`prompt`) where known, else as stored.
 */
export function answeredPairs(
	history: readonly ChatMessage[],
	options: { asSent?: boolean } = {}
): Array<[ChatTurn, ChatTurn]> {
	const pairs: Array<[ChatTurn, ChatTurn]> = [];
	for (let i = 0; i < history.length - 1; i++) {
		const question = history[i];
		const answer = history[i + 1];
		if (question?.role !== 'user' || answer?.role !== 'assistant') continue;
		if (answer.notice || !answer.raw || answer.status === 'streaming') continue;
		pairs.push([
			{ role: 'user', content: (options.asSent ? question.prompt : undefined) ?? question.text },
			{ role: 'assistant', content: answer.raw }
		]);
	}
	return pairs;
}

/** The newest user turn: the question alone, or framed passages and then the question. */
export function userTurnContent(
	question: string,
	passages: readonly ReferencePassage[] | undefined,
	locale: string
): string {
	const references = frameReferences(passages ?? [], locale);
	if (references.length === 0) return question;
	return `${references}\n\n${QUESTION_LABEL[contentLocale(locale)]}\n${question}`;
}

/** The parts of a prompt before budgeting: system prompt, earlier pairs, and the turns always sent. */
export function turnParts(input: TurnsInput): { system: ChatTurn; pairs: TurnPair[]; tail: ChatTurn[] } {
	const system: ChatTurn = {
		role: 'system',
		content: buildSystemPrompt(input.locale, input.profile ?? {}, {
			emergencyAware: input.emergencyAware,
			urgentAware: input.urgentAware === true
		})
	};
	const question: ChatTurn = {
		role: 'user',
		content: userTurnContent(input.question, input.passages, input.locale)
	};
	const tail: ChatTurn[] =
		input.partial === undefined
			? [question]
			: [
					question,
					{ role: 'assistant', content: input.partial },
					{ role: 'user', content: CONTINUE_INSTRUCTION[contentLocale(input.locale)] }
				];
	return { system, pairs: answeredPairs(input.history, { asSent: input.resendAsSent }), tail };
}

/** Every text whose tokens the budget counts (for counting them with the model's tokenizer first). */
export function textsToCount(input: TurnsInput): string[] {
	const { system, pairs, tail } = turnParts(input);
	return [system, ...pairs.flat(), ...tail].map((turn) => turn.content);
}

/** The turns to send, with what the budget decided. */
export function planTurns(input: TurnsInput): Budgeted {
	return fitTurns({
		...turnParts(input),
		contextWindow: input.contextWindow,
		answerTokens: input.answerTokens,
		count: input.count ?? estimateTokens,
		keepFrom: input.keepFrom
	});
}

export function buildTurns(input: TurnsInput): ChatTurn[] {
	return planTurns(input).turns;
}

/** Characters an overlap must have before it counts as the model repeating itself. */
const MIN_OVERLAP = 4;
/** While streaming, how far back in the partial answer a repeat may start (characters). */
const MAX_REPEAT = 200;

/**
 * One answer from a partial answer and the model's continuation of it. A continuation that starts by
 * repeating the end of the partial answer (models often restart the cut sentence) is joined at the
 * overlap. Otherwise the continuation's own leading space or line break is kept; without one, a space
 * goes between a sentence's end and a new Latin word, a line break before a list item or heading,
 * and nothing elsewhere (a word or a Chinese sentence cut in the middle goes on directly).
 * `final` false (while it streams): a continuation that may still become such a repeat is held back.
 */
export function joinContinuation(
	partial: string,
	continuation: string,
	options: { final?: boolean } = {}
): string {
	const lead = /^\s*/.exec(continuation)?.[0] ?? '';
	const rest = continuation.slice(lead.length);
	if (partial.length === 0) return continuation;
	if (rest.length === 0) return partial;
	for (let k = Math.min(partial.length, rest.length); k >= MIN_OVERLAP; k--) {
		if (partial.endsWith(rest.slice(0, k))) return partial + rest.slice(k);
	}
	if (options.final === false && partial.slice(-MAX_REPEAT).includes(rest)) return partial;
	if (/\s$/.test(partial)) return partial + rest;
	if (lead.length > 0) return partial + lead + rest;
	if (/^([-*•]|\d+\.)\s|^#/.test(rest)) return `${partial}\n${rest}`;
	const space = /[.!?;:,)]$/.test(partial) && /^[\p{Script=Latin}\d(]/u.test(rest);
	return partial + (space ? ' ' : '') + rest;
}
