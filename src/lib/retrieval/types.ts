// The knowledge base's shared nouns: what a parsed document, a chunk, an embedder and the hybrid
// index are. Parsing and chunking (parse.ts, chunk.ts), the index (index.ts), the embedder worker
// (embed*.ts) and the Node index builder (scripts/kb/) all meet here, so none of them imports
// another's internals. Pure types: no DOM, no IndexedDB, no worker.

/** Languages a knowledge-base entry is written in (front matter `lang`; `zh` is read as `zh-CN`). */
export type KbLang = 'zh-CN' | 'en';

/** One knowledge-base entry after parsing and validation: a Markdown file, or one Q&A pair. */
export interface KbDocument {
	/** Unique across the whole base; stable across rebuilds (front matter `id`, or the Q&A row's id). */
	id: string;
	title: string;
	lang: KbLang;
	/** The public guideline or publisher it follows, shown with the citation. */
	source: string;
	/** ISO date (YYYY-MM-DD) of the last review. */
	updated: string;
	/** Optional link to the guideline (https only, or a same-origin path). */
	url?: string;
	/** Markdown body (a Q&A pair's answer, with its question as the first line). */
	body: string;
	/** The file it came from (kb/ relative path, or the uploaded file's name): a "source" staff can remove. */
	file: string;
}

/** One passage of a document, cut on sentence boundaries. */
export interface KbChunk {
	/** `${docId}#${n}` plus a short content hash: the same text gives the same id on every rebuild. */
	id: string;
	docId: string;
	/** Position of the chunk within its document, from 0. */
	ordinal: number;
	title: string;
	lang: KbLang;
	source: string;
	updated: string;
	url?: string;
	file: string;
	/** Plain text of the passage (Markdown syntax removed), what is embedded, searched and quoted. */
	text: string;
}

/** Which side of an asymmetric retriever a text is on (e5 models prefix "query: " / "passage: "). */
export type EmbedKind = 'query' | 'passage';

/** The embedding model a vector was made with: an index built with another model is rebuilt, not trusted. */
export interface EmbeddingModelInfo {
	/** e.g. "Xenova/multilingual-e5-small" or the fixture's id. */
	id: string;
	dimension: number;
}

export interface Embedder {
	readonly model: EmbeddingModelInfo;
	/** Unit-length vectors, one per text, in order. */
	embed(texts: readonly string[], kind: EmbedKind): Promise<Float32Array[]>;
}

/** One search result, best first. */
export interface KbHit {
	chunk: KbChunk;
	/** Fused score (higher is better); comparable only within one search. */
	score: number;
	/** Ranks (from 1) in each list the fusion used; null when the chunk was not in that list. */
	lexicalRank: number | null;
	vectorRank: number | null;
	/** BM25 score when the chunk was in the lexical list (absolute: usable as a relevance floor). */
	lexicalScore?: number | null;
	/** Cosine similarity with the query vector when the chunk was in the vector list. */
	similarity?: number | null;
}

export interface KbSearchOptions {
	/** Most results returned. Default 5. */
	limit?: number;
	/** The query's embedding; without it the search is lexical only (before or without the model). */
	vector?: Float32Array;
	/** Prefer this language's chunks on ties; never excludes the other language. */
	lang?: KbLang;
}
