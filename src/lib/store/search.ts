// Full-text search over the stored (redacted) messages, Chinese and English, newest first.
//
// A message matches when it has every token of the query (words.ts): the `*words` multiEntry index
// gives the message ids of each token, and the sets are intersected (longest token first, as a
// guess at the rarest; an empty intersection stops early). Message ids sort by creation time in
// this browser (ids.ts; an imported conversation counts as created when it was imported), so the
// newest hits are chosen from the keys alone and only they are read. CJK phrases of three or more
// characters are then checked against the text itself, which removes bigram coincidences
// ("高血…血压" is not "高血压").
import type { AppDatabase } from './db';
import { guard } from './errors';
import type { MessageRole } from './schema';
import { isEmptyQuery, normalizeForSearch, parseQuery, type SearchQuery } from './words';

export interface SearchOptions {
	/** Most hits returned, 1–200, default 20. */
	limit?: number;
}

export interface SearchHit {
	conversationId: string;
	messageId: string;
	/** The conversation's title ('' when untitled). */
	title: string;
	role: MessageRole;
	seq: number;
	createdAt: number;
	/** About SNIPPET_CHARS of the message around the first match, "…" where cut. */
	snippet: string;
	/** [start, end) ranges of the query's terms within `snippet`, for highlighting. */
	highlights: [number, number][];
}

export const SNIPPET_CHARS = 100;
const SNIPPET_BEFORE = 30;

function escapeRegExp(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const CJK_CLASS = '\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Hangul}';
const CJK = new RegExp(`[${CJK_CLASS}]`, 'u');
/** Where a Latin token may start, as in words.ts: after anything but a letter or digit, or right after CJK. */
const WORD_START = `(?:(?<![\\p{L}\\p{N}])|(?<=[${CJK_CLASS}]))`;

/** A pattern finding any of the terms; Latin terms only at the start of a word. */
function termPattern(terms: readonly string[]): RegExp | null {
	if (terms.length === 0) return null;
	const parts = [...terms]
		.sort((a, b) => b.length - a.length)
		.map((term) => (CJK.test(term) ? '' : WORD_START) + escapeRegExp(term));
	return new RegExp(parts.join('|'), 'gu');
}

/**
 * `text` in search form (normalizeForSearch, character by character) and, for each of its code
 * units, the offset in `text` it came from, so matches found in search form are shown in the
 * original text (full-width punctuation and all).
 */
function searchForm(text: string): { form: string; origin: number[] } {
	let form = '';
	const origin: number[] = [];
	let offset = 0;
	for (const char of text) {
		const normal = char.normalize('NFKC').toLowerCase();
		for (let i = 0; i < normal.length; i++) origin.push(offset);
		form += normal;
		offset += char.length;
	}
	origin.push(text.length);
	return { form, origin };
}

/** A window of `text` around the first term, and where the terms are within it. */
export function snippetOf(
	text: string,
	terms: readonly string[]
): { snippet: string; highlights: [number, number][] } {
	const { form, origin } = searchForm(text);
	const pattern = termPattern(terms);
	const matches = pattern
		? [...form.matchAll(pattern)].map((m): [number, number] => [
				origin[m.index] ?? 0,
				origin[m.index + m[0].length] ?? text.length
			])
		: [];
	const at = matches[0]?.[0] ?? 0;
	const start = Math.max(0, Math.min(at - SNIPPET_BEFORE, text.length - SNIPPET_CHARS));
	const end = Math.min(text.length, start + SNIPPET_CHARS);
	const prefix = start > 0 ? '…' : '';
	const snippet = `${prefix}${text.slice(start, end).replace(/\s/g, ' ')}${end < text.length ? '…' : ''}`;
	const highlights = matches
		.filter(([s, e]) => s >= start && e <= end)
		.map(([s, e]): [number, number] => [s - start + prefix.length, e - start + prefix.length]);
	return { snippet, highlights };
}

async function candidateIds(db: AppDatabase, query: SearchQuery): Promise<string[]> {
	// Longer tokens are usually rarer: scan them first and stop as soon as nothing is left.
	const lookups = [
		...query.exact.map((token) => ({ token, prefix: false })),
		...query.prefixes.map((token) => ({ token, prefix: true }))
	].sort((a, b) => Number(a.prefix) - Number(b.prefix) || b.token.length - a.token.length);
	let result = new Set<string>();
	for (const [index, { token, prefix }] of lookups.entries()) {
		const where = db.messages.where('words');
		const keys = await (prefix ? where.startsWith(token) : where.equals(token)).primaryKeys();
		const previous = result;
		result = index === 0 ? new Set(keys) : new Set(keys.filter((key) => previous.has(key)));
		if (result.size === 0) return [];
	}
	return [...result];
}

/**
 * Messages containing every word of `query` (see words.ts: zh and en, case- and width-insensitive,
 * the last Latin word as a prefix), newest first. A blank query finds nothing. Rejects with a
 * StoreError ('unavailable', 'unknown').
 */
export function searchMessages(
	db: AppDatabase,
	query: string,
	options: SearchOptions = {}
): Promise<SearchHit[]> {
	const limit = Math.min(200, Math.max(1, Math.floor(options.limit ?? 20)));
	const parsed = parseQuery(query);
	if (isEmptyQuery(parsed)) return Promise.resolve([]);
	return guard(() =>
		db.transaction('r', db.messages, db.conversations, async () => {
			const ids = (await candidateIds(db, parsed)).sort().reverse();
			const hits: SearchHit[] = [];
			for (let from = 0; from < ids.length && hits.length < limit; from += limit) {
				const rows = await db.messages.bulkGet(ids.slice(from, from + limit));
				for (const row of rows) {
					if (!row || hits.length >= limit) continue;
					const text = normalizeForSearch(row.text);
					if (!parsed.phrases.every((phrase) => text.includes(phrase))) continue;
					hits.push({
						conversationId: row.conversationId,
						messageId: row.id,
						title: '',
						role: row.role,
						seq: row.seq,
						createdAt: row.createdAt,
						...snippetOf(row.text, parsed.terms)
					});
				}
			}
			const conversations = await db.conversations.bulkGet([
				...new Set(hits.map((hit) => hit.conversationId))
			]);
			const titles = new Map(conversations.flatMap((c) => (c ? [[c.id, c.title] as const] : [])));
			return hits.map((hit) => ({ ...hit, title: titles.get(hit.conversationId) ?? '' }));
		})
	);
}
