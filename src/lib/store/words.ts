// Search tokens for the messages' `words` multiEntry index, in Chinese and English. Pure.
//
// Text is NFKC-normalised (full-width "ＣＯＶＩＤ１９" → "covid19") and lower-cased, then split
// with Intl.Segmenter's word granularity (a letter/number regex where Intl.Segmenter is missing).
// - Latin (and other non-CJK) word segments are tokens as they are, apostrophes dropped
//   ("don't" → "dont"), cut to MAX_TOKEN_CHARS.
// - CJK: the segmenter's words depend on context ("头疼" alone, "头疼得" in a sentence), so a
//   query word could be segmented differently from the stored text. Consecutive CJK word segments
//   form a run, and a run is indexed by its character bigrams plus its last character
//   ("头疼得厉害" → 头疼 疼得 得厉 厉害 害). Any CJK substring of two or more characters is then
//   found through its bigrams, wherever the segmenter cut; a single character through the prefix
//   of a bigram (or the last character). The segmenter's own CJK words are sequences of these
//   bigrams, so storing them too would only duplicate entries.
// - Bigrams can match in a different order ("高血" … "血压" is not "高血压"), so a query also
//   returns its CJK runs as `phrases`, which search checks against the text itself.

/** Longer tokens (hashes, URLs glued together) are cut; query tokens are cut the same way. */
export const MAX_TOKEN_CHARS = 32;
/** At most this many distinct tokens per message; the rest of a huge message is not indexed. */
export const MAX_TOKENS = 4_096;
/** A final Latin query token shorter than this matches exactly, not as a prefix (too many words start with "h"). */
export const MIN_PREFIX_CHARS = 2;

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const APOSTROPHES = /['’]/g;
const FALLBACK_WORD = /[\p{L}\p{N}\p{M}]+(?:[.'’][\p{L}\p{N}\p{M}]+)*/gu;

interface Segment {
	segment: string;
	isWordLike: boolean;
}

let segmenter: Intl.Segmenter | null | undefined;

function* segments(text: string): Generator<Segment> {
	if (segmenter === undefined) {
		segmenter =
			typeof Intl.Segmenter === 'function' ? new Intl.Segmenter('zh', { granularity: 'word' }) : null;
	}
	if (segmenter) {
		for (const s of segmenter.segment(text)) yield { segment: s.segment, isWordLike: s.isWordLike === true };
		return;
	}
	let cursor = 0;
	for (const match of text.matchAll(FALLBACK_WORD)) {
		if (match.index > cursor) yield { segment: text.slice(cursor, match.index), isWordLike: false };
		yield { segment: match[0], isWordLike: true };
		cursor = match.index + match[0].length;
	}
	if (cursor < text.length) yield { segment: text.slice(cursor), isWordLike: false };
}

/** The form both stored text and queries are compared in. */
export function normalizeForSearch(text: string): string {
	return (typeof text === 'string' ? text : '').normalize('NFKC').toLowerCase();
}

/** A Latin (or other non-CJK) token, or a run of consecutive CJK characters. */
export type Piece = { kind: 'latin'; token: string } | { kind: 'cjk'; run: string[] };

/** Latin tokens and CJK runs (as arrays of code points), in text order. */
function pieces(normalized: string): Piece[] {
	const out: Piece[] = [];
	let run: string[] = [];
	const endRun = () => {
		if (run.length > 0) out.push({ kind: 'cjk', run });
		run = [];
	};
	for (const { segment, isWordLike } of segments(normalized)) {
		if (!isWordLike) {
			endRun();
			continue;
		}
		// Most segments are one script: a segment without CJK is one Latin token, no per-character walk.
		if (!CJK.test(segment)) {
			endRun();
			const token = segment.replace(APOSTROPHES, '').slice(0, MAX_TOKEN_CHARS);
			if (token.length > 0) out.push({ kind: 'latin', token });
			continue;
		}
		let latin = '';
		const endLatin = () => {
			const token = latin.replace(APOSTROPHES, '').slice(0, MAX_TOKEN_CHARS);
			if (token.length > 0) out.push({ kind: 'latin', token });
			latin = '';
		};
		for (const char of segment) {
			if (CJK.test(char)) {
				endLatin();
				run.push(char);
			} else {
				endRun();
				latin += char;
			}
		}
		endLatin();
	}
	endRun();
	return out;
}

/**
 * The Latin tokens and CJK runs of `text` (normalised), in text order with repeats: what other
 * tokenisers build on (the knowledge base's BM25 terms, src/lib/retrieval/tokens.ts).
 */
export function searchPieces(text: string): Piece[] {
	return pieces(normalizeForSearch(text));
}

function runTokens(run: readonly string[], into: Set<string>): void {
	for (let i = 0; i + 1 < run.length; i++) into.add(`${run[i]}${run[i + 1]}`);
	const last = run[run.length - 1];
	if (last !== undefined) into.add(last);
}

/** The distinct tokens a stored message is found by (at most MAX_TOKENS). */
export function indexTokens(text: string): string[] {
	const tokens = new Set<string>();
	for (const piece of pieces(normalizeForSearch(text))) {
		if (piece.kind === 'latin') tokens.add(piece.token);
		else runTokens(piece.run, tokens);
		if (tokens.size >= MAX_TOKENS) break;
	}
	return [...tokens].slice(0, MAX_TOKENS);
}

export interface SearchQuery {
	/** Tokens a message must have, exactly. */
	exact: string[];
	/** Tokens a message must have some token starting with: the last Latin word while typing, single CJK characters. */
	prefixes: string[];
	/** CJK runs of two or more characters the message text must contain as written (checked after the index). */
	phrases: string[];
	/** Everything to highlight in a snippet. */
	terms: string[];
}

/**
 * What a message must contain to match `query`: all its tokens. The last Latin word is a prefix
 * unless the query ends with a space or punctuation (the word is finished) or it is shorter than
 * MIN_PREFIX_CHARS. An empty query has no tokens (and matches nothing).
 */
export function parseQuery(query: string): SearchQuery {
	const normalized = normalizeForSearch(query);
	const all = pieces(normalized);
	const exact = new Set<string>();
	const prefixes = new Set<string>();
	const phrases = new Set<string>();
	const terms = new Set<string>();
	const typing = normalized.length > 0 && /[\p{L}\p{N}\p{M}'’]$/u.test(normalized);
	all.forEach((piece, index) => {
		if (piece.kind === 'latin') {
			terms.add(piece.token);
			const last = index === all.length - 1;
			if (last && typing && piece.token.length >= MIN_PREFIX_CHARS) prefixes.add(piece.token);
			else exact.add(piece.token);
			return;
		}
		const run = piece.run.join('');
		terms.add(run);
		if (piece.run.length === 1) prefixes.add(run);
		else {
			for (let i = 0; i + 1 < piece.run.length; i++) exact.add(`${piece.run[i]}${piece.run[i + 1]}`);
			if (piece.run.length > 2) phrases.add(run);
		}
	});
	// A prefix already required exactly adds nothing.
	for (const prefix of prefixes) if (exact.has(prefix)) prefixes.delete(prefix);
	return { exact: [...exact], prefixes: [...prefixes], phrases: [...phrases], terms: [...terms] };
}

/** Whether a query has anything to look for. */
export function isEmptyQuery(query: SearchQuery): boolean {
	return query.exact.length === 0 && query.prefixes.length === 0;
}
