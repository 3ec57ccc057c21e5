// How many retrieved passages go into the newest user turn: the best ones, in their order, within a
// share of the model's context window, so the conversation and the answer keep the rest.
//
// Invariants:
// - Passages are counted as they are framed for the model (frameReferences), with the same counter
//   as the context budget (the model's tokenizer where it has counted the text, else the
//   conservative estimate). Each is counted framed on its own, preamble included, so the sum is an
//   upper bound of the framed set: what fits here fits in the prompt.
// - Order is kept; a passage that does not fit is skipped and a shorter later one may still go in.
// Pure: no DOM, no Svelte; never mutates its input.
import { frameReferences, type ReferencePassage } from './system-prompt';
import type { CountTokens } from './budget';

/** Share of the context window the passages may take (0, 1]; default a quarter. */
export const PASSAGE_SHARE = 0.25;

/** Each passage framed on its own: the texts `fitPassages` counts (count them with the tokenizer first). */
export function passageTexts(passages: readonly ReferencePassage[], locale: string): string[] {
	return passages.map((passage) => frameReferences([passage], locale));
}

export interface FitOptions {
	/** The model's context window, tokens. */
	contextWindow: number;
	count: CountTokens;
	locale: string;
	/** Share of the window for passages, (0, 1]; default PASSAGE_SHARE. */
	share?: number;
}

/** The passages, in order, whose framed size fits `share` of the context window. */
export function fitPassages(passages: readonly ReferencePassage[], options: FitOptions): ReferencePassage[] {
	const share =
		options.share !== undefined && options.share > 0 && options.share <= 1 ? options.share : PASSAGE_SHARE;
	let left = Math.floor(options.contextWindow * share);
	const texts = passageTexts(passages, options.locale);
	const kept: ReferencePassage[] = [];
	passages.forEach((passage, index) => {
		const cost = options.count(texts[index] ?? '');
		if (cost > left) return;
		left -= cost;
		kept.push(passage);
	});
	return kept;
}
