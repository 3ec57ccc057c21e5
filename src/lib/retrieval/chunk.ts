// Cutting a knowledge-base document into passages (chunks) for the index and the prompt. Pure.
//
// 1. Markdown → plain text with markdown-it's parser (no HTML is rendered): each paragraph,
//    heading, list item and table row becomes one block; emphasis, link and code marks are dropped,
//    link and image text kept. Raw HTML stays literal text (html: false), never markup.
// 2. Each block is cut into sentences with Intl.Segmenter (granularity 'sentence', 'zh' or 'en'
//    after the document's language); a block end is always a sentence end, so a list item
//    without a full stop does not run into the next one.
// 3. Sentences are packed into chunks of at most `maxChars` characters (title included), the
//    last sentence of a chunk repeated at the start of the next (one sentence of overlap, when it
//    is short), and a heading never left as the last line of a chunk.
// 4. Every chunk starts with the document's title on its own line (unless its text already
//    starts with it, as a Q&A pair's first chunk does), so a passage from the middle of an entry
//    still says what it is about, to BM25, to the embedding model and to the language model.
//
// Chunk size: the embedding models in view (multilingual-e5-small, MiniLM) read at most 512 and
// 256 tokens. English runs ~4–5 characters per token with their tokenizers, Chinese ~1 character
// per token, so the defaults are 800 characters for English (~180–220 tokens) and 256 for Chinese
// (~200–260 tokens): within both models' windows, about one topic's paragraph each.
//
// Ids: `${docId}#${ordinal}-${hash8(text)}` — the same document gives the same ids on every
// rebuild, and an edited passage gets a new id (so a stale vector is never reused for it).
import MarkdownIt from 'markdown-it';
import type { Token } from 'markdown-it';
import type { KbChunk, KbDocument, KbLang } from './types';

export interface ChunkOptions {
	/** Most characters per chunk, title included. Default: 800 for English, 256 for Chinese. Min 64. */
	maxChars?: number;
	/** Repeat the previous chunk's last sentence (if ≤ a third of maxChars). Default true. */
	overlap?: boolean;
}

export const DEFAULT_MAX_CHARS: Record<KbLang, number> = { en: 800, 'zh-CN': 256 };
const MIN_CHARS = 64;

let parser: InstanceType<typeof MarkdownIt> | null = null;

interface Block {
	text: string;
	heading: boolean;
}

/** The plain-text blocks of a Markdown body (paragraphs, headings, list items, table rows). */
export function markdownBlocks(markdown: string): Block[] {
	parser ??= new MarkdownIt({ html: false, linkify: false, typographer: false });
	const tokens = parser.parse(markdown, {});
	const blocks: Block[] = [];
	let row: string[] | null = null;
	let heading = false;
	for (const token of tokens) {
		switch (token.type) {
			case 'heading_open':
				heading = true;
				break;
			case 'heading_close':
				heading = false;
				break;
			case 'tr_open':
				row = [];
				break;
			case 'tr_close':
				if (row && row.some((cell) => cell.length > 0))
					blocks.push({ text: row.join(' | '), heading: false });
				row = null;
				break;
			case 'inline': {
				const text = inlineText(token.children ?? []);
				if (row) row.push(text);
				else if (text.length > 0) blocks.push({ text, heading });
				break;
			}
			case 'fence':
			case 'code_block':
				for (const line of token.content.split('\n')) {
					const text = line.replace(/\s+/g, ' ').trim();
					if (text.length > 0) blocks.push({ text, heading: false });
				}
				break;
		}
	}
	return blocks;
}

function inlineText(children: readonly Token[]): string {
	let out = '';
	for (const child of children) {
		if (child.type === 'text' || child.type === 'code_inline') out += child.content;
		else if (child.type === 'image') out += inlineText(child.children ?? []);
		else if (child.type === 'softbreak' || child.type === 'hardbreak') out += ' ';
	}
	return out.replace(/\s+/g, ' ').trim();
}

const segmenters = new Map<KbLang, Intl.Segmenter | null>();

/** The sentences of one block, trimmed, in order. */
export function sentences(text: string, lang: KbLang): string[] {
	if (!segmenters.has(lang)) {
		segmenters.set(
			lang,
			typeof Intl.Segmenter === 'function'
				? new Intl.Segmenter(lang === 'zh-CN' ? 'zh' : 'en', { granularity: 'sentence' })
				: null
		);
	}
	const segmenter = segmenters.get(lang);
	const out: string[] = [];
	if (segmenter) {
		for (const { segment } of segmenter.segment(text)) {
			const sentence = segment.trim();
			if (sentence.length > 0) out.push(sentence);
		}
	} else {
		// Without Intl.Segmenter: cut after sentence-final punctuation.
		for (const match of text.matchAll(/[^.!?。！？]+[.!?。！？]*["”’」』)）]*\s*/gu)) {
			const sentence = match[0].trim();
			if (sentence.length > 0) out.push(sentence);
		}
	}
	return out;
}

/** Pieces of a sentence longer than `max`: cut at a space where there is one (English), else at `max`. */
function splitLong(sentence: string, max: number): string[] {
	const pieces: string[] = [];
	let rest = sentence;
	while (rest.length > max) {
		let cut = rest.lastIndexOf(' ', max);
		if (cut < max / 2) cut = max;
		// Never cut a surrogate pair in two.
		const code = rest.charCodeAt(cut - 1);
		if (code >= 0xd800 && code <= 0xdbff) cut--;
		pieces.push(rest.slice(0, cut).trim());
		rest = rest.slice(cut).trim();
	}
	if (rest.length > 0) pieces.push(rest);
	return pieces;
}

/** 8 hex digits of FNV-1a (32-bit) over the UTF-16 code units: a short, stable content hash. */
export function hash8(text: string): string {
	let hash = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) {
		hash ^= text.charCodeAt(i);
		hash = Math.imul(hash, 0x01000193);
	}
	return (hash >>> 0).toString(16).padStart(8, '0');
}

interface Sentence {
	text: string;
	heading: boolean;
	/** First sentence of its block: joined with a line break, not a space. */
	blockStart: boolean;
}

function join(parts: readonly Sentence[], lang: KbLang): string {
	let out = '';
	for (const [index, part] of parts.entries()) {
		if (index > 0) out += part.blockStart ? '\n' : lang === 'zh-CN' ? '' : ' ';
		out += part.text;
	}
	return out;
}

const length = (parts: readonly Sentence[]) => parts.reduce((sum, part) => sum + part.text.length + 1, 0);

/** The document's passages, in order. Same document and options → same chunks and ids. */
export function chunkDocument(doc: KbDocument, options: ChunkOptions = {}): KbChunk[] {
	const maxChars = Math.max(MIN_CHARS, Math.floor(options.maxChars ?? DEFAULT_MAX_CHARS[doc.lang]));
	const overlap = options.overlap ?? true;
	const title = doc.title.replace(/\s+/g, ' ').trim();
	// The title line is part of every chunk's budget (cut if a title is absurdly long).
	const titleLine = title.slice(0, Math.floor(maxChars / 3));
	const budget = maxChars - titleLine.length - 1;

	const all: Sentence[] = [];
	for (const block of markdownBlocks(doc.body)) {
		let first = true;
		for (const sentence of sentences(block.text, doc.lang)) {
			for (const piece of splitLong(sentence, budget)) {
				all.push({ text: piece, heading: block.heading, blockStart: first });
				first = false;
			}
		}
	}

	const groups: Sentence[][] = [];
	let current: Sentence[] = [];
	for (const sentence of all) {
		if (current.length > 0 && length(current) + sentence.text.length > budget) {
			// A heading belongs with what follows it: carry trailing headings over.
			const carried: Sentence[] = [];
			while (current.length > 1 && current[current.length - 1]?.heading)
				carried.unshift(current.pop() as Sentence);
			groups.push(current);
			const last = current[current.length - 1];
			current = [];
			if (carried.length === 0 && overlap && last && !last.heading && last.text.length <= budget / 3)
				current.push({ ...last, blockStart: true });
			current.push(...carried);
			if (length(current) + sentence.text.length > budget) current = [...carried];
		}
		current.push(sentence);
	}
	if (current.length > 0) groups.push(current);

	return groups.map((group, ordinal) => {
		const passage = join(group, doc.lang);
		const text = passage.startsWith(title) ? passage : `${titleLine}\n${passage}`;
		const chunk: KbChunk = {
			id: `${doc.id}#${ordinal}-${hash8(text)}`,
			docId: doc.id,
			ordinal,
			title: doc.title,
			lang: doc.lang,
			source: doc.source,
			updated: doc.updated,
			file: doc.file,
			text
		};
		if (doc.url !== undefined) chunk.url = doc.url;
		return chunk;
	});
}
