// BM25 terms of knowledge-base text and of queries, in Chinese and English. Pure.
//
// Built on the conversation search's tokeniser (store/words.ts: NFKC, lower case, Intl.Segmenter
// words, CJK runs), with two differences that suit ranking rather than "contains every word":
// - Repeats are kept: a term's frequency in a chunk is what BM25 weighs.
// - A CJK run is its character bigrams ("头疼得厉害" → 头疼 疼得 得厉 厉害); a one-character run
//   is that character. The segmenter's CJK words depend on context, bigrams do not, so a query
//   finds a passage whatever the segmenter did on either side. (store/words.ts also adds each
//   run's last character, for prefix search while typing; ranking has no use for it.)
// - English words are reduced to their Porter stem ("vaccines", "vaccinated" → "vaccin") and a
//   short list of function words is dropped: they carry no meaning for ranking and their long
//   posting lists are what makes a query slow at 100k chunks.
// Index and query go through the same function, so they always agree.
import { stemmer } from 'stemmer';
import { searchPieces } from '../store/words';

/**
 * Bumped whenever kbTerms gives different terms for the same text (stop words, stemming, CJK
 * handling): a saved index made with another version is rebuilt, never searched with new terms.
 */
export const TOKENIZER_VERSION = 1;

/** At most this many terms are taken from one text (a chunk is far shorter; this bounds bad input). */
export const MAX_TERMS = 20_000;

/**
 * English function words never indexed nor searched: pronouns, articles, auxiliaries, question
 * words and connectives (NLTK's English list, narrowed). Questions are full of them ("how do I…",
 * "what should my…") and BM25 would otherwise let a passage that shares only those outrank one
 * that shares the rare word that matters. Kept: negations ("no", "not", "don't" change what a
 * passage says) and words of time, amount and position that carry meaning in health texts
 * ("before", "after", "during", "under", "over", "more", "very", "again").
 */
export const ENGLISH_STOP_WORDS: ReadonlySet<string> = new Set(
	(
		'a about am an and any are as at be because been being but by can could did do does ' +
		'doing down for from had has have having he her here hers herself him himself his how i ' +
		'if in into is it its itself just me my myself nor now of off on once or other our ours ' +
		'ourselves out own she should so some such than that the their theirs them themselves ' +
		'then there these they this those through to until up was we were what when where which ' +
		'while who whom why will with would you your yours yourself yourselves'
	).split(' ')
);

const LATIN_WORD = /^[a-z]+$/;

/** A Latin token as a term: stop words dropped (null), words stemmed, numbers and codes kept. */
function latinTerm(token: string): string | null {
	if (ENGLISH_STOP_WORDS.has(token)) return null;
	return LATIN_WORD.test(token) && token.length > 2 ? stemmer(token) : token;
}

/** The BM25 terms of `text`, in order, repeats kept (at most MAX_TERMS). */
export function kbTerms(text: string): string[] {
	const out: string[] = [];
	for (const piece of searchPieces(text)) {
		if (piece.kind === 'latin') {
			const term = latinTerm(piece.token);
			if (term !== null) out.push(term);
		} else if (piece.run.length === 1) {
			out.push(piece.run[0] ?? '');
		} else {
			for (let i = 0; i + 1 < piece.run.length; i++) out.push(`${piece.run[i]}${piece.run[i + 1]}`);
		}
		if (out.length >= MAX_TERMS) return out.slice(0, MAX_TERMS);
	}
	return out;
}
