// English words as patients type them, reduced to the keys the lexicon is written in.
//
// A raw word goes through, in order:
//   1. contractions: "can't" → "cant", "i'm" → "im", "baby's" → "baby", "they're" → "they";
//   2. texting forms: "u" → "you", "n" → "and", "rn" → "right now", "b4" → "before" (TEXTING below);
//   3. stretched letters: "soooo" → "so", "hurtsss" → "hurts";
//   4. a dropped final g: "hurtin" → "hurting", "bleedin" → "bleeding";
//   5. one-edit typos of a lexicon word: "breth" → "breath", "vommiting" → "vomiting"
//      (Damerau–Levenshtein distance 1, words of five letters or more, never a common English word:
//      the guard list is generated from a word-frequency list, see scripts/safety/gen-data.ts);
//   6. the Porter stem: "breathing" → "breath".
// The lexicon's own phrases go through the same steps, so both sides meet on the same keys.
// Results are cached per distinct word, so a 100k-character message of repeated words stays cheap.

import { stemmer } from 'stemmer';

/** Texting and spoken forms → what they stand for (before stemming). */
const TEXTING: Readonly<Record<string, string>> = {
	u: 'you',
	ya: 'you',
	yu: 'you',
	ur: 'your',
	urs: 'yours',
	r: 'are',
	n: 'and',
	nd: 'and',
	b4: 'before',
	bc: 'because',
	bcuz: 'because',
	bcoz: 'because',
	cuz: 'because',
	coz: 'because',
	cos: 'because',
	rn: 'right now',
	atm: 'at the moment',
	asap: 'as soon as possible',
	idk: 'dont know',
	dunno: 'dont know',
	dno: 'dont know',
	pls: 'please',
	plz: 'please',
	plss: 'please',
	tho: 'though',
	thru: 'through',
	wanna: 'want to',
	gonna: 'going to',
	gotta: 'got to',
	kinda: 'kind of',
	sorta: 'sort of',
	lotta: 'lot of',
	outta: 'out of',
	abt: 'about',
	w: 'with',
	wo: 'without',
	wit: 'with',
	ppl: 'people',
	sum1: 'someone',
	some1: 'someone',
	any1: 'anyone',
	no1: 'no one',
	every1: 'everyone',
	'2day': 'today',
	tdy: 'today',
	tmrw: 'tomorrow',
	tmr: 'tomorrow',
	tmw: 'tomorrow',
	'2moro': 'tomorrow',
	'2nite': 'tonight',
	tonite: 'tonight',
	nite: 'night',
	l8r: 'later',
	bf: 'boyfriend',
	gf: 'girlfriend',
	hubby: 'husband',
	hubs: 'husband',
	wifey: 'wife',
	bby: 'baby',
	bubs: 'baby',
	yo: 'years old',
	yr: 'year',
	yrs: 'years',
	hrs: 'hours',
	mins: 'minutes',
	min: 'minute',
	sec: 'second',
	secs: 'seconds',
	wk: 'week',
	wks: 'weeks',
	mo: 'month',
	mos: 'months',
	b: 'be',
	c: 'see',
	y: 'why',
	k: 'ok',
	kk: 'ok',
	okay: 'ok',
	v: 'very',
	rly: 'really',
	srsly: 'seriously',
	prob: 'probably',
	probs: 'probably',
	def: 'definitely',
	ive: 'i have',
	id: 'i would',
	imma: 'i am going to',
	aint: 'is not',
	wont: 'will not',
	cant: 'cannot',
	shouldnt: 'should not',
	couldnt: 'could not',
	wouldnt: 'would not',
	dont: 'do not',
	doesnt: 'does not',
	didnt: 'did not',
	isnt: 'is not',
	arent: 'are not',
	wasnt: 'was not',
	werent: 'were not',
	havent: 'have not',
	hasnt: 'has not',
	hadnt: 'had not',
	im: 'i am',
	hes: 'he is',
	shes: 'she is',
	thats: 'that is',
	whats: 'what is',
	theres: 'there is',
	lil: 'little',
	bit: 'bit',
	alot: 'a lot',
	sooo: 'so',
	gud: 'good',
	nvm: 'never mind',
	omg: 'oh my god'
};

/** Possessives and determiners: the lexicon's "~" slot matches one of these, or nothing. */
export const DETERMINERS: ReadonlySet<string> = new Set([
	'my',
	'his',
	'her',
	'their',
	'our',
	'your',
	'the',
	'a',
	'an',
	'its',
	'this',
	'that',
	'some'
]);

/** Step 1: contractions and apostrophes; returns the word without apostrophes. */
function uncontract(word: string): string {
	if (!word.includes("'")) return word;
	let w = word;
	if (w.endsWith("n't")) {
		const base = w.slice(0, -3);
		// "can't" → "cannot", "won't" → "will not", others "x not".
		if (base === 'ca') return 'cannot';
		if (base === 'wo') return 'will not';
		if (base === 'sha') return 'shall not';
		if (base === 'ai') return 'is not';
		return `${base} not`;
	}
	if (w === "i'm") return 'i am';
	if (w === "let's") return 'let us';
	if (w.endsWith("'s")) w = w.slice(0, -2);
	else if (w.endsWith("'re") || w.endsWith("'ve") || w.endsWith("'ll")) w = w.slice(0, -3);
	else if (w.endsWith("'d") || w.endsWith("'m")) w = w.slice(0, -2);
	return w.replace(/'/g, '');
}

function collapseRuns(word: string, keep: 1 | 2): string {
	return word.replace(/([a-z])\1{2,}/g, keep === 2 ? '$1$1' : '$1');
}

/** Damerau–Levenshtein distance, stopping early once it exceeds `max` (returns max + 1). */
export function editDistance(a: string, b: string, max = 1): number {
	if (Math.abs(a.length - b.length) > max) return max + 1;
	if (a === b) return 0;
	const n = a.length;
	const m = b.length;
	let prevPrev = new Array<number>(m + 1).fill(0);
	let prev = Array.from({ length: m + 1 }, (_, j) => j);
	for (let i = 1; i <= n; i++) {
		const cur = new Array<number>(m + 1).fill(0);
		cur[0] = i;
		let rowMin = cur[0];
		for (let j = 1; j <= m; j++) {
			const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
			let v = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
			if (
				i > 1 &&
				j > 1 &&
				a.charCodeAt(i - 1) === b.charCodeAt(j - 2) &&
				a.charCodeAt(i - 2) === b.charCodeAt(j - 1)
			)
				v = Math.min(v, (prevPrev[j - 2] ?? 0) + 1);
			cur[j] = v;
			if (v < rowMin) rowMin = v;
		}
		if (rowMin > max) return max + 1;
		prevPrev = prev;
		prev = cur;
	}
	return prev[m] ?? max + 1;
}

function deletes(word: string): string[] {
	const out: string[] = [];
	for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
	return out;
}

/** Minimum length of a word before it is checked for a typo. */
const TYPO_MIN = 5;

/**
 * Maps patients' words to lexicon keys (see the module comment). Built once from the lexicon's own
 * words (`vocabulary`) and the generated guard list (real English words one edit away from them).
 */
export class WordKeys {
	readonly #stems: ReadonlySet<string>;
	readonly #guard: ReadonlySet<string>;
	/** delete-variant → lexicon words (SymSpell with distance 1). */
	#deleteIndex: Map<string, string[]> | null = null;
	readonly #vocabulary: readonly string[];
	readonly #words: ReadonlySet<string>;
	readonly #cache = new Map<string, readonly string[]>();

	constructor(vocabulary: Iterable<string>, guard: Iterable<string>) {
		const words = [...new Set(vocabulary)].filter((w) => /^[a-z]+$/.test(w));
		this.#vocabulary = words;
		this.#words = new Set(words);
		this.#stems = new Set(words.map((w) => stem(w)));
		this.#guard = new Set(guard);
	}

	/** Whether `key` (a stem) is a key the lexicon uses. */
	hasStem(key: string): boolean {
		return this.#stems.has(key);
	}

	/** The lexicon keys for one raw lower-case word (usually one; texting forms may give more). */
	keys(raw: string): readonly string[] {
		const hit = this.#cache.get(raw);
		if (hit !== undefined) return hit;
		const out: string[] = [];
		const plain = uncontract(raw);
		const expanded = plain.includes(' ') ? plain : (TEXTING[plain] ?? plain);
		for (const part of expanded.split(' ')) if (part.length > 0) out.push(this.#key(part));
		if (this.#cache.size > 20000) this.#cache.clear();
		this.#cache.set(raw, out);
		return out;
	}

	#key(word: string): string {
		// Nothing a patient types is one 40-letter word: such runs are kept as they are (no stem,
		// no typo search), so hostile input costs nothing extra.
		if (!/[a-z]/.test(word) || word.length > 40) return word;
		let w = word;
		if (/([a-z])\1\1/.test(w)) {
			const two = collapseRuns(w, 2);
			const one = collapseRuns(w, 1);
			const mapped = TEXTING[one] ?? TEXTING[two];
			if (mapped !== undefined && !mapped.includes(' ')) return stem(mapped);
			w = this.#stems.has(stem(two)) ? two : this.#stems.has(stem(one)) ? one : two;
		}
		const s = stem(w);
		if (this.#stems.has(s) || this.#guard.has(w) || !/^[a-z]+$/.test(w)) return s;
		if (w.length === TYPO_MIN - 1) {
			// Four letters: only two swapped neighbours ("pian" → "pain"), the commonest short typo.
			const swapped = this.#transposition(w);
			return swapped === null ? s : stem(swapped);
		}
		if (w.length < TYPO_MIN) return s;
		if (w.endsWith('in')) {
			const withG = stem(`${w}g`);
			if (this.#stems.has(withG)) return withG;
		}
		const fixed = this.#correct(w);
		return fixed === null ? s : stem(fixed);
	}

	/** A lexicon word that is `word` with two neighbouring letters swapped, or null. */
	#transposition(word: string): string | null {
		for (let i = 0; i + 1 < word.length; i++) {
			const t = word.slice(0, i) + word.charAt(i + 1) + word.charAt(i) + word.slice(i + 2);
			if (t !== word && this.#words.has(t)) return t;
		}
		return null;
	}

	/** The one lexicon word one edit away from `word`, or null (none, or several disagreeing). */
	#correct(word: string): string | null {
		const index = (this.#deleteIndex ??= this.#buildIndex());
		const candidates = new Set<string>();
		const consider = (list: readonly string[] | undefined) => {
			if (list === undefined) return;
			for (const c of list) if (c !== word && editDistance(word, c) <= 1) candidates.add(c);
		};
		consider(index.get(word));
		for (const d of deletes(word)) consider(index.get(d));
		if (candidates.size === 0) return null;
		const stems = new Set([...candidates].map((c) => stem(c)));
		if (stems.size > 1) {
			// Prefer a candidate that keeps the first letter (typos rarely change it).
			const sameStart = [...candidates].filter((c) => c.charAt(0) === word.charAt(0));
			const sameStems = new Set(sameStart.map((c) => stem(c)));
			return sameStems.size === 1 ? (sameStart[0] ?? null) : null;
		}
		return [...candidates][0] ?? null;
	}

	#buildIndex(): Map<string, string[]> {
		const index = new Map<string, string[]>();
		const add = (key: string, word: string) => {
			const list = index.get(key);
			if (list === undefined) index.set(key, [word]);
			else if (!list.includes(word)) list.push(word);
		};
		for (const w of this.#vocabulary) {
			if (w.length < TYPO_MIN - 1) continue;
			add(w, w);
			for (const d of deletes(w)) add(d, w);
		}
		return index;
	}
}

const stemCache = new Map<string, string>();

// Words whose Porter stems collide with a different meaning: "fitted" (an IUD fitted) is not
// "fitting" (a seizure), "one" ("little one") is not "on", "dies" is not "di".
const KEEP_WHOLE: ReadonlySet<string> = new Set([
	'fit',
	'fits',
	'fitting',
	'fitted',
	'one',
	'ones',
	'dying',
	'died',
	'dies',
	'news',
	'lying',
	'lied',
	'lies',
	'stroked',
	'stroking',
	'passing',
	'passes',
	'downed',
	'breathing',
	'handful',
	'handfuls',
	'cupful',
	'cupfuls',
	'mouthful',
	'mouthfuls',
	'fistful',
	'spoonful',
	'bottleful'
]);

/** The Porter stem of a lower-case word (cached). */
export function stem(word: string): string {
	const hit = stemCache.get(word);
	if (hit !== undefined) return hit;
	const s = word.length > 2 && !KEEP_WHOLE.has(word) ? stemmer(word) : word;
	if (stemCache.size > 50000) stemCache.clear();
	stemCache.set(word, s);
	return s;
}

/** One English word of the folded text, with its lexicon keys. */
export interface Word {
	start: number;
	end: number;
	keys: readonly string[];
}

// Letters (and digits inside texting forms like "b4", "2day"), with inner apostrophes.
const WORD = /[a-z0-9]+(?:'[a-z]+)*/g;

/** The English words (and digit runs, for phrases such as "type 1") of the folded `text`, in order. */
export function englishWords(text: string, keys: WordKeys): Word[] {
	const out: Word[] = [];
	WORD.lastIndex = 0;
	for (const m of text.matchAll(WORD)) {
		const raw = m[0];
		out.push({ start: m.index, end: m.index + raw.length, keys: keys.keys(raw) });
	}
	return out;
}
