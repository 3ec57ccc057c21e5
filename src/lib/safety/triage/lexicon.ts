// The concept lexicon: surface forms in Chinese and English → concept ids, compiled into two tries
// (Chinese by character, English by word key), and the scan that turns a folded message into
// concept mentions.
//
// Data format (src/lib/safety/data/lexicon/*.json): { "concepts": { "<id>[+<id>…]": { "zh": "a|b",
// "en": "x y|z" } } }. A key with "+" gives every surface all of those concepts ("胸痛" is both a
// chest and a pain). Surfaces are "|"-separated; "(a|b|)" inside a surface expands to alternatives
// (an empty one makes the group optional). English surfaces are words: "~" matches one determiner
// or possessive or nothing ("hit ~ head"), "*" matches any one word.
//
// Matching segments the text (see `maximal`): a mention inside a longer one is dropped, so "不停" (a
// persistence word) hides the "不" inside it, "heartburn" hides "heart", and blockers ("x.*"
// concepts such as 抽血 or "panic attack") hide what they contain.

import { DETERMINERS, WordKeys, englishWords } from './english';

export interface LexiconFile {
	concepts: Record<string, { zh?: string; en?: string; note?: string }>;
	/** concept → concepts it implies (a specific sign is also its general kind). */
	implies?: Record<string, string[]>;
}

export interface Mention {
	/** Folded-text offsets. */
	start: number;
	end: number;
	/** Concept indexes (see Lexicon.name). */
	concepts: readonly number[];
}

interface Node {
	next: Map<string, Node>;
	concepts: number[] | null;
}

const DET = '\u0001det';
const ANY = '\u0001any';

function node(): Node {
	return { next: new Map(), concepts: null };
}

/** Splits on top-level "|" (not inside parentheses). */
function splitTop(source: string): string[] {
	const out: string[] = [];
	let depth = 0;
	let from = 0;
	for (let i = 0; i < source.length; i++) {
		const c = source.charAt(i);
		if (c === '(') depth++;
		else if (c === ')') depth = Math.max(0, depth - 1);
		else if (c === '|' && depth === 0) {
			out.push(source.slice(from, i));
			from = i + 1;
		}
	}
	out.push(source.slice(from));
	return out;
}

const MAX_VARIANTS = 256;

/** Expands "(a|b|)" groups into every variant (at most MAX_VARIANTS). */
export function expandGroups(surface: string): string[] {
	const open = surface.indexOf('(');
	if (open === -1) return [surface];
	let depth = 0;
	let close = -1;
	for (let i = open; i < surface.length; i++) {
		const c = surface.charAt(i);
		if (c === '(') depth++;
		else if (c === ')' && --depth === 0) {
			close = i;
			break;
		}
	}
	if (close === -1) return [surface.replace(/[()]/g, '')];
	const head = surface.slice(0, open);
	const tail = surface.slice(close + 1);
	const out: string[] = [];
	for (const alt of splitTop(surface.slice(open + 1, close))) {
		for (const rest of expandGroups(alt + tail)) {
			out.push(head + rest);
			if (out.length >= MAX_VARIANTS) return out;
		}
	}
	return out;
}

export function surfaces(source: string | undefined): string[] {
	if (source === undefined) return [];
	const out: string[] = [];
	for (const part of splitTop(source)) {
		for (const variant of expandGroups(part.trim())) {
			const s = variant.replace(/\s+/g, ' ').trim();
			if (s.length > 0) out.push(s);
		}
	}
	return out;
}

function addConcepts(n: Node, concepts: readonly number[]): void {
	n.concepts ??= [];
	for (const c of concepts) if (!n.concepts.includes(c)) n.concepts.push(c);
}

export class Lexicon {
	readonly names: string[] = [];
	readonly #ids = new Map<string, number>();
	readonly #zh = node();
	readonly #en = node();
	readonly keys: WordKeys;
	readonly #implies = new Map<number, number[]>();

	constructor(files: readonly LexiconFile[], guard: readonly string[]) {
		for (const file of files)
			for (const [from, to] of Object.entries(file.implies ?? {}))
				this.#implies.set(this.id(from), [
					...(this.#implies.get(this.id(from)) ?? []),
					...to.map((t) => this.id(t))
				]);
		const zhEntries: [string, number[]][] = [];
		const enEntries: [string, number[]][] = [];
		const vocabulary: string[] = [];
		for (const file of files) {
			for (const [key, entry] of Object.entries(file.concepts)) {
				const ids = this.expand(key.split('+').map((name) => this.id(name.trim())));
				for (const s of surfaces(entry.zh)) zhEntries.push([s, ids]);
				for (const s of surfaces(entry.en)) {
					enEntries.push([s, ids]);
					for (const w of s.split(' ')) if (/^[a-z]+$/.test(w)) vocabulary.push(w);
				}
			}
		}
		this.keys = new WordKeys(vocabulary, guard);
		for (const [s, ids] of zhEntries) this.#addZh(s, ids);
		for (const [s, ids] of enEntries) this.#addEn(s, ids);
	}

	/** The index of concept `name` (created on first use, so rules may name concepts too). */
	id(name: string): number {
		let id = this.#ids.get(name);
		if (id === undefined) {
			id = this.names.length;
			this.names.push(name);
			this.#ids.set(name, id);
		}
		return id;
	}

	/** `ids` with every concept they imply, transitively. */
	expand(ids: readonly number[]): number[] {
		const out = [...ids];
		for (let i = 0; i < out.length; i++)
			for (const j of this.#implies.get(out[i] ?? -1) ?? []) if (!out.includes(j)) out.push(j);
		return out;
	}

	/** The index of an existing concept, or -1. */
	find(name: string): number {
		return this.#ids.get(name) ?? -1;
	}

	#addZh(surface: string, ids: readonly number[]): void {
		let n = this.#zh;
		for (const ch of surface) {
			let next = n.next.get(ch);
			if (next === undefined) {
				next = node();
				n.next.set(ch, next);
			}
			n = next;
		}
		if (n !== this.#zh) addConcepts(n, ids);
	}

	#addEn(surface: string, ids: readonly number[]): void {
		let n = this.#en;
		for (const word of surface.split(' ')) {
			const keys = word === '~' ? [DET] : word === '*' ? [ANY] : this.keys.keys(word.toLowerCase());
			for (const k of keys) {
				let next = n.next.get(k);
				if (next === undefined) {
					next = node();
					n.next.set(k, next);
				}
				n = next;
			}
		}
		if (n !== this.#en) addConcepts(n, ids);
	}

	/** Adds a surface at run time (staff-added terms), to the trie of its script. */
	addSurface(surface: string, ids: readonly number[]): void {
		if (/^[\x20-\x7e]+$/.test(surface)) this.#addEn(surface.toLowerCase().replace(/\s+/g, ' ').trim(), ids);
		else this.#addZh(surface, ids);
	}

	/** Every maximal concept mention in the folded text, sorted by start. */
	scan(text: string): Mention[] {
		const found: Mention[] = [];
		this.#scanZh(text, found);
		this.#scanEn(text, found);
		return maximal(found, text);
	}

	#scanZh(text: string, out: Mention[]): void {
		const root = this.#zh.next;
		// A surface that starts or ends with a Latin letter or digit ("cr2032", "显示hi") must not
		// match inside an English word ("grabbed" holds "bb").
		const wordChar = (c: string) => /[a-z0-9]/.test(c);
		for (let i = 0; i < text.length; i++) {
			let n = root.get(text.charAt(i));
			if (n === undefined) continue;
			const openOk = !wordChar(text.charAt(i)) || !wordChar(text.charAt(i - 1));
			let j = i + 1;
			for (;;) {
				if (n.concepts !== null && openOk && (!wordChar(text.charAt(j - 1)) || !wordChar(text.charAt(j))))
					out.push({ start: i, end: j, concepts: n.concepts });
				if (j >= text.length) break;
				const next: Node | undefined = n.next.get(text.charAt(j));
				if (next === undefined) break;
				n = next;
				j++;
			}
		}
	}

	#scanEn(text: string, out: Mention[]): void {
		if (!/[a-z]/.test(text)) return;
		const words = englishWords(text, this.keys);
		// Flatten: a texting form with several keys ("rn" → right now) gives several key slots.
		const keys: string[] = [];
		const starts: number[] = [];
		const ends: number[] = [];
		for (const w of words) {
			for (const k of w.keys) {
				keys.push(k);
				starts.push(w.start);
				ends.push(w.end);
			}
		}
		const root = this.#en;
		const walk = (n: Node, at: number, first: number) => {
			if (n.concepts !== null && at > first)
				out.push({ start: starts[first] ?? 0, end: ends[at - 1] ?? 0, concepts: n.concepts });
			if (at >= keys.length) return;
			const k = keys[at] ?? '';
			const exact = n.next.get(k);
			if (exact !== undefined) walk(exact, at + 1, first);
			const any = n.next.get(ANY);
			if (any !== undefined) walk(any, at + 1, first);
			const det = n.next.get(DET);
			if (det !== undefined) {
				// The determiner slot: skip it, or take this word when it is a determiner.
				walk(det, at, first);
				if (DETERMINERS.has(k)) walk(det, at + 1, first);
			}
		};
		for (let i = 0; i < keys.length; i++) {
			// Only words that can start a phrase open a walk (most words cannot).
			const k = keys[i] ?? '';
			if (root.next.has(k) || root.next.has(DET)) walk(root, i, i);
		}
	}
}

/**
 * Segments overlapping mentions: longer mentions win; between two of the same length, one that
 * starts with a negation word loses (in "没有呼吸困难", "呼吸困难" beats "没有呼吸", leaving "没有" to
 * negate it), otherwise the earlier one wins. Mentions with the same span merge their concepts.
 * Linear in the total length of the mentions.
 */
export function maximal(list: Mention[], text = ''): Mention[] {
	if (list.length < 2) return list;
	// Same span: merge concepts.
	list.sort((a, b) => a.start - b.start || a.end - b.end);
	const merged: Mention[] = [];
	for (const m of list) {
		const last = merged[merged.length - 1];
		if (last !== undefined && last.start === m.start && last.end === m.end) {
			const concepts = [...last.concepts];
			for (const c of m.concepts) if (!concepts.includes(c)) concepts.push(c);
			merged[merged.length - 1] = { ...last, concepts };
		} else merged.push(m);
	}
	// Same length: a reading that starts with a negation word loses ("没有呼吸" vs "呼吸困难"), otherwise
	// the earlier one wins ("误喝" vs "喝了").
	const negStart = new Map<Mention, number>();
	for (const m of merged)
		negStart.set(
			m,
			/^(?:没|不|无|未|别|非|no |not )/u.test(text.slice(m.start, Math.min(m.end, m.start + 4))) ? 1 : 0
		);
	const byPriority = [...merged].sort(
		(a, b) =>
			b.end - b.start - (a.end - a.start) ||
			(negStart.get(a) ?? 0) - (negStart.get(b) ?? 0) ||
			a.start - b.start
	);
	let extent = 0;
	for (const m of merged) extent = Math.max(extent, m.end);
	const taken = new Uint8Array(extent);
	const kept: Mention[] = [];
	for (const m of byPriority) {
		let free = true;
		for (let i = m.start; i < m.end; i++) {
			if (taken[i] === 1) {
				free = false;
				break;
			}
		}
		if (!free) continue;
		for (let i = m.start; i < m.end; i++) taken[i] = 1;
		kept.push(m);
	}
	return kept.sort((a, b) => a.start - b.start || b.end - a.end);
}
