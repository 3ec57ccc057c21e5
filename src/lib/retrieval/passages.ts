// From search hits to the passages an answer is given and cites: the relevant ones, at most one per
// entry, best first, each with the citation shown under the answer (title, guideline, review date,
// the passage itself). Pure: no DOM, no IndexedDB.
//
// Relevance: fused ranks (RRF) say nothing about whether anything matched well, and the vector side
// always returns its nearest chunks, even for a question the base knows nothing about. So a hit is
// kept when its words matched well enough (BM25 at least MIN_LEXICAL_SHARE of the best hit's
// score, so a passage sharing only a common word with the question stays out), or, found by
// meaning alone, when its cosine similarity reaches `minSimilarity`.
import { passageUrl } from '../chat/links';
import type { Citation } from '../store/schema';
import type { KbChunk, KbHit } from './types';

/** A passage for the prompt (chat/system-prompt.ts ReferencePassage) with what the answer cites. */
export interface KbPassage {
	title: string;
	source: string;
	text: string;
	citation: Citation;
}

/** Most passages given with one question (each is an entry's best chunk). */
export const MAX_PASSAGES = 3;
/** A word match counts when its BM25 score is at least this share of the best one's (0, 1]. */
export const MIN_LEXICAL_SHARE = 0.5;
/**
 * Cosine similarity a hit found only by meaning needs. multilingual-e5 scores unrelated texts around
 * 0.7–0.8 and related ones above ~0.83 (its similarities are compressed near the top), so 0.84 keeps
 * only close matches; a deployer with another model tunes it here. Range [-1, 1].
 */
export const MIN_SIMILARITY = 0.84;
/** Longest snippet kept with a citation (characters); a chunk is shorter in practice (chunk.ts). */
export const MAX_SNIPPET_CHARS = 1200;

export interface PassageOptions {
	/** Default MAX_PASSAGES. */
	limit?: number;
	/** Default MIN_SIMILARITY. */
	minSimilarity?: number;
	/** Absolute links for same-origin paths (a citation's url must be http(s)); default none kept. */
	origin?: string;
}

/** The chunk's text without its leading title line (chunk.ts starts every chunk with it; the
 * passage's heading and the citation show the title already). */
export function bodyOf(chunk: Pick<KbChunk, 'title' | 'text'>): string {
	const text = chunk.text.startsWith(`${chunk.title}\n`)
		? chunk.text.slice(chunk.title.length + 1)
		: chunk.text;
	return text.trim() || chunk.text.trim();
}

/** What a citation shows of the passage: its body, cut at MAX_SNIPPET_CHARS. */
export function snippetOf(chunk: Pick<KbChunk, 'title' | 'text'>): string {
	const body = bodyOf(chunk);
	return body.length > MAX_SNIPPET_CHARS ? `${body.slice(0, MAX_SNIPPET_CHARS)}…` : body;
}

/** An absolute link for a passage's url, or null (chat/links.ts passageUrl: no "/\\evil"). */
function absoluteUrl(url: string | undefined, origin: string | undefined): string | null {
	if (url === undefined) return null;
	// Without an origin a path has nothing to resolve against; absolute URLs do not need one.
	return passageUrl(url, origin ?? 'null', origin !== undefined)?.href ?? null;
}

export function citationOf(chunk: KbChunk, origin?: string): Citation {
	return {
		id: chunk.id,
		title: chunk.title,
		source: chunk.source || null,
		url: absoluteUrl(chunk.url, origin),
		updated: chunk.updated || null,
		snippet: snippetOf(chunk)
	};
}

/** The relevant hits as passages: best first, one per entry, at most `limit`. */
export function selectPassages(hits: readonly KbHit[], options: PassageOptions = {}): KbPassage[] {
	const limit = Math.max(0, Math.floor(options.limit ?? MAX_PASSAGES));
	const minSimilarity = options.minSimilarity ?? MIN_SIMILARITY;
	const best = Math.max(0, ...hits.map((hit) => hit.lexicalScore ?? 0));
	const relevant = (hit: KbHit) =>
		(best > 0 && (hit.lexicalScore ?? 0) >= best * MIN_LEXICAL_SHARE) ||
		(hit.similarity ?? -1) >= minSimilarity;
	const seen = new Set<string>();
	const passages: KbPassage[] = [];
	for (const hit of hits) {
		if (passages.length >= limit) break;
		if (seen.has(hit.chunk.docId) || !relevant(hit)) continue;
		seen.add(hit.chunk.docId);
		passages.push({
			title: hit.chunk.title,
			source: hit.chunk.source,
			text: bodyOf(hit.chunk),
			citation: citationOf(hit.chunk, options.origin)
		});
	}
	return passages;
}
