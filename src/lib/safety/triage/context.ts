// Clause structure and ConText-style scope: for every clinical mention, whether the patient says
// it is happening to someone now, or it is negated, past, hypothetical, a general question, or a
// story (film, news, a course), and whether it comes with explicit mildness, a resolution, a benign
// cause or a long history.
//
// Follows ConText (Harkema et al., J Biomed Inform 2009), the extension of NegEx (Chapman et al.
// 2001): trigger terms (lexicon concepts "ctx.*") with a direction, a scope that ends at the clause
// (punctuation, contrast words such as but/但是) and pseudo-triggers that are longer lexicon entries
// hiding the trigger inside them ("not only", "不停", "can't breathe"). Invariants, because missing
// an emergency costs more than a false alarm:
// - A negation reaches forward only inside its own clause and within a short window; "no fever but
//   chest pain" keeps the chest pain. English comma lists are negated only as a disjunction ("no
//   fever, chest pain or cough").
// - A hypothetical ("if", "万一") reaches to the end of its clause only.
// - History needs a past cue and no present cue (now/again/still/现在/又…) in the clause, or a
//   time-only clause just before it ("Two years ago, I had a stroke").
// - A general question or a story suppresses only clauses that name nobody having it now.
// - Stories need an explicit frame ("in the film", "电视剧里"), never a bare "TV".
// Pure; linear in the number of mentions times a small window.

import { isHan } from './text';
import type { Lexicon, Mention } from './lexicon';

export interface Clause {
	start: number;
	end: number;
	sentence: number;
	opener: 'start' | 'sentence' | 'comma' | 'contrast';
}

// Sentence ends; commas and spaces between Han characters; contrast words (they open a new clause
// and belong to it); an English "and" that starts a new subject.
const BOUNDARY =
	/([。！？!?；;\n]+|\.(?![0-9])|…+)|([，,：:]+|(?<=[\u4e00-\u9fff])[ \t]+(?=[\u4e00-\u9fff])| - )|((?<!不|非)但是?|可是|然而|(?<=^|[\s，,。；;！!？?])不过|(?<!冷|忘|推|退)却|只是|而是|反而|除了|\b(?:but|however|although|though|except|apart from|other than|besides|whereas|tho)\b|(?<=,\s?)yet\b|\band (?=(?:i|he|she|they|we|it|my|his|her|now|then|today|suddenly|this)\b))/gu;

/** Clauses of the folded text in order (empty ones dropped). */
export function splitClauses(text: string): Clause[] {
	const clauses: Clause[] = [];
	let sentence = 0;
	let start = 0;
	let opener: Clause['opener'] = 'start';
	const push = (end: number) => {
		if (end > start && /\S/.test(text.slice(start, end))) clauses.push({ start, end, sentence, opener });
	};
	BOUNDARY.lastIndex = 0;
	for (const m of text.matchAll(BOUNDARY)) {
		const at = m.index;
		if (m[1] !== undefined) {
			push(at);
			sentence++;
			start = at + m[0].length;
			opener = 'sentence';
		} else if (m[2] !== undefined) {
			push(at);
			start = at + m[0].length;
			if (opener !== 'sentence' || clauses.length > 0) opener = 'comma';
		} else {
			push(at);
			start = at;
			opener = 'contrast';
		}
	}
	push(text.length);
	if (clauses.length === 0 && text.length > 0)
		clauses.push({ start: 0, end: text.length, sentence: 0, opener: 'start' });
	return clauses;
}

/** Index of the clause containing `pos` (clauses are sorted; binary search). */
export function clauseAt(clauses: readonly Clause[], pos: number): number {
	let lo = 0;
	let hi = clauses.length - 1;
	let found = 0;
	while (lo <= hi) {
		const mid = (lo + hi) >> 1;
		const c = clauses[mid];
		if (c === undefined) break;
		if (c.start <= pos) {
			found = mid;
			lo = mid + 1;
		} else hi = mid - 1;
	}
	return found;
}

export type MentionState =
	'affirmed' | 'negated' | 'history' | 'hypothetical' | 'general' | 'story' | 'treated';

export const FLAG_MILD = 1;
export const FLAG_RESOLVED = 2;
export const FLAG_BENIGN = 4;
export const FLAG_CHRONIC = 8;
/** The sentence places it on an earlier day (yesterday, 前天, last week). */
export const FLAG_EARLIER = 16;

/** Kinds of context trigger, from the concept name. */
const TRIGGER_KINDS = [
	'neg',
	'negnever',
	'negpost',
	'hist',
	'histnear',
	'present',
	'now',
	'hypo',
	'hypopost',
	'general',
	'generalnear',
	'story',
	'treated',
	'frame',
	'person',
	'mild',
	'resolved',
	'recur',
	'benign',
	'chronic',
	'earlier',
	'compare',
	'hypoanswer'
] as const;
type TriggerKind = (typeof TRIGGER_KINDS)[number];

export interface ReadMention extends Mention {
	clause: number;
	sentence: number;
	state: MentionState;
	flags: number;
}

/** Which concepts are context triggers (and of which kind) and which are clinical. */
export class ContextKinds {
	/** Per concept index: trigger kind, 'clinical', or 'none' (blockers, pseudo-triggers). */
	readonly #kind: (TriggerKind | 'clinical' | 'none')[] = [];

	constructor(lexicon: Lexicon) {
		lexicon.names.forEach((name, i) => {
			if (name.startsWith('ctx.')) {
				const kind = name.slice(4).split('.')[0] ?? '';
				this.#kind[i] = (TRIGGER_KINDS as readonly string[]).includes(kind) ? (kind as TriggerKind) : 'none';
			} else if (name.startsWith('x.')) this.#kind[i] = 'none';
			else this.#kind[i] = 'clinical';
		});
	}

	kind(concept: number): TriggerKind | 'clinical' | 'none' {
		return this.#kind[concept] ?? 'clinical';
	}
}

/** Trigger positions of one kind, sorted by start. */
class Triggers {
	readonly starts: number[] = [];
	readonly ends: number[] = [];

	add(m: Mention): void {
		this.starts.push(m.start);
		this.ends.push(m.end);
	}

	/** Index of the last trigger starting before `pos`, or -1. */
	lastBefore(pos: number): number {
		let lo = 0;
		let hi = this.starts.length;
		while (lo < hi) {
			const mid = (lo + hi) >> 1;
			if ((this.starts[mid] ?? Infinity) < pos) lo = mid + 1;
			else hi = mid;
		}
		return lo - 1;
	}

	/** Whether some trigger starts in [from, to). */
	any(from: number, to: number): boolean {
		const i = this.lastBefore(to);
		return i >= 0 && (this.starts[i] ?? -1) >= from;
	}

	/** Index of the first trigger starting at or after `pos`, or -1. */
	firstFrom(pos: number): number {
		const i = this.lastBefore(pos) + 1;
		return i < this.starts.length ? i : -1;
	}
}

// "Never … before" speaks of the past only: it does not deny the present ("never suicidal before,
// but tonight I have a plan").
const NEVER_BEFORE = /before|until now|till now|until today|in my life|以前|之前|从前|这之前|过去/u;
// "Never been / never had / 从来没…过": the present perfect and the experiential 过 speak of the past.
const NEVER_PAST =
	/^\s*(?:been|had|thought|felt|done|tried|wanted|attempted|considered)\b|^[^，,。；;！!？?]{0,8}过/u;

// Gap text that ends a negation's reach even without punctuation.
const SCOPE_BREAK =
	/而且|并且|还有|现在|反而|就是|只有|只是|倒是|\band (?:now|then|i|my|he|she|his|her|it|this|suddenly|today)\b|\bnow\b|\bthen\b|\bsuddenly\b|\bbut\b/u;

function gapWords(gap: string): { words: number; han: number } {
	let han = 0;
	for (let i = 0; i < gap.length; i++) if (isHan(gap.charCodeAt(i))) han++;
	const words = gap.match(/[a-z0-9]+/g)?.length ?? 0;
	return { words, han };
}

/** A possessive inside the mention ("middle of my chest") makes it about someone. */
const POSSESSIVE = /\b(?:my|his|her|our|their)\b|[我他她]/u;

/** A state after "has gone" / "went" makes it a change ("gone white"), not a resolution. */
const GONE_TO =
	/^\s*(?:all\s+)?(?:white|black|blue|grey|gray|pale|numb|red|purple|cold|floppy|limp|quiet|dark|blurry|blurred|weak|stiff|very|really|so|completely|totally)\b/u;

/** Words that make a following past time a start ("since 2 weeks ago"), not the time of the event. */
const SINCE_WHEN = /\b(?:since|for|from|started|starting|began|begun|start)\b|开始|以来|起/u;

function withinWindow(text: string, from: number, to: number, maxWords: number, maxHan: number): boolean {
	if (to - from > 90) return false;
	const { words, han } = gapWords(text.slice(from, to));
	return words <= maxWords && han <= maxHan;
}

// English comma lists after a negation ("no fever, chest pain, or cough").
const LIST_ITEM_STOP =
	/\b(?:i|im|my|me|he|she|his|her|they|we|now|still|have|has|had|is|am|are|was|feel|feels|felt|got|getting|having|really|very|severe|suddenly|again|today|started|keep|keeps|since|this)\b/u;

function isBareListItem(text: string, clause: Clause): boolean {
	const body = text
		.slice(clause.start, clause.end)
		.trim()
		.replace(/^(?:or|nor|and|any|or any)\s+/, '');
	if (!/^[a-z' -]+$/.test(body)) return false;
	if (body.split(/\s+/).length > 5) return false;
	return !LIST_ITEM_STOP.test(body);
}

/**
 * Reads every clinical mention of a message in context. `mentions` are the maximal lexicon mentions
 * (and quantity concepts) sorted by start; returns the clinical ones with state and flags.
 */
export interface ContextOptions {
	/**
	 * Reading a model answer: advice under a condition spans its whole sentence ("If the pain
	 * spreads, call 999"; "如果出现胸痛，请拨打120"), and "when"/"出现" open a condition too.
	 */
	answer?: boolean;
}

export function readContext(
	text: string,
	mentions: readonly Mention[],
	kinds: ContextKinds,
	options: ContextOptions = {}
): ReadMention[] {
	const clauses = splitClauses(text);
	const triggers = new Map<TriggerKind, Triggers>();
	for (const k of TRIGGER_KINDS) triggers.set(k, new Triggers());
	const clinical: Mention[] = [];
	for (const m of mentions) {
		let isClinical = false;
		for (const c of m.concepts) {
			const k = kinds.kind(c);
			if (k === 'clinical') isClinical = true;
			else if (k !== 'none') triggers.get(k)?.add(m);
		}
		if (isClinical) clinical.push(m);
	}
	const t = (k: TriggerKind) => triggers.get(k) as Triggers;
	const sentenceSpan = new Map<number, { start: number; end: number }>();
	for (const c of clauses) {
		const s = sentenceSpan.get(c.sentence);
		if (s === undefined) sentenceSpan.set(c.sentence, { start: c.start, end: c.end });
		else s.end = c.end;
	}
	const presentIn = (from: number, to: number) => t('present').any(from, to) || t('now').any(from, to);
	// "not streaks, actual mouthfuls": a negated mildness word is no mildness.
	const negatedMild = (at: number): boolean => {
		const neg = t('neg');
		const i = neg.lastBefore(at);
		return i >= 0 && (neg.ends[i] ?? 0) <= at && withinWindow(text, neg.ends[i] ?? 0, at, 1, 1);
	};

	const negatedBy = (kind: 'neg' | 'negnever', clause: Clause, at: number): boolean => {
		const neg = t(kind);
		for (let i = neg.lastBefore(at); i >= 0; i--) {
			const s = neg.starts[i] ?? 0;
			const e = neg.ends[i] ?? 0;
			if (s < clause.start || at - e > 90) break;
			if (e > at) continue;
			const gap = text.slice(e, at);
			if (SCOPE_BREAK.test(gap)) continue;
			if (withinWindow(text, e, at, 6, 10)) return true;
		}
		return false;
	};
	// "Never had a headache this bad": a comparison, the worst ever, not a denial.
	const compared = (clause: Clause) => t('compare').any(clause.start, clause.end);
	const neverBefore = (clause: Clause, at: number): boolean => {
		if (!negatedBy('negnever', clause, at) || compared(clause)) return false;
		if (NEVER_BEFORE.test(text.slice(clause.start, clause.end))) return true;
		const never = t('negnever');
		const i = never.lastBefore(at);
		return i >= 0 && NEVER_PAST.test(text.slice(never.ends[i] ?? at, clause.end));
	};
	const negatedIn = (clause: Clause, at: number): boolean =>
		negatedBy('neg', clause, at) ||
		(negatedBy('negnever', clause, at) && !compared(clause) && !neverBefore(clause, at));

	// Clauses that hold a clinical mention (a "time-only" clause holds none).
	const clinicalClauses = new Set<number>();
	for (const m of clinical) clinicalClauses.add(clauseAt(clauses, m.start));
	const read: ReadMention[] = [];
	for (const m of clinical) {
		const ci = clauseAt(clauses, m.start);
		const clause = clauses[ci] ?? { start: 0, end: text.length, sentence: 0, opener: 'start' as const };
		const sentence = sentenceSpan.get(clause.sentence) ?? clause;
		let state: MentionState = 'affirmed';
		let flags = 0;

		// Negation: before the mention in its clause, after it (negpost), or a negated English list.
		let negated = negatedIn(clause, m.start);
		if (!negated) {
			const post = t('negpost');
			const j = post.firstFrom(m.end);
			if (j >= 0) {
				const ps = post.starts[j] ?? 0;
				const pe = post.ends[j] ?? 0;
				// A trailing negation ("胸痛也没有", "x-ray came back normal") closes its clause.
				const rest = text.slice(pe, clause.end).replace(/[\s了呢啊吧哦的]/gu, '');
				if (ps < clause.end && withinWindow(text, m.end, ps, 3, 6) && rest.length <= 3) negated = true;
			}
		}
		if (!negated) {
			for (let k = ci; k > 0 && ci - k < 8; k--) {
				const c = clauses[k];
				const prev = clauses[k - 1];
				if (c === undefined || prev === undefined) break;
				if (c.opener !== 'comma' || prev.sentence !== c.sentence || !isBareListItem(text, c)) break;
				if (negatedIn(prev, prev.end)) {
					let last = ci;
					while (
						last - ci < 8 &&
						clauses[last + 1]?.opener === 'comma' &&
						clauses[last + 1]?.sentence === c.sentence
					)
						last++;
					const tail = text.slice(prev.start, clauses[last]?.end ?? c.end);
					negated = /\b(?:or|nor)\b/.test(tail);
					break;
				}
			}
		}
		if (negated) state = 'negated';
		else if (neverBefore(clause, m.start)) state = 'history';

		// History.
		if (state === 'affirmed') {
			const present = presentIn(clause.start, clause.end);
			const hist = t('hist');
			const past = hist.any(clause.start, clause.end);
			// A past time right after the mention is its own time, whatever follows ("a car accident
			// last year and still has back pain", "since my heart attack 3 yrs ago") — unless it only
			// says since when ("chest pain since 2 weeks ago").
			const hi = hist.firstFrom(m.end);
			const hs = hist.starts[hi] ?? Infinity;
			const ownTime =
				hi >= 0 &&
				hs < clause.end &&
				withinWindow(text, m.end, hs, 3, 4) &&
				!SINCE_WHEN.test(text.slice(m.end, hs)) &&
				!presentIn(m.end, hs);
			// "3 months after a stroke": a time said right before the mention dates it alone.
			const near = t('histnear');
			const ni = near.lastBefore(m.start);
			const nearBefore =
				ni >= 0 &&
				(near.starts[ni] ?? -1) >= clause.start &&
				(near.ends[ni] ?? 0) <= m.start &&
				withinWindow(text, near.ends[ni] ?? 0, m.start, 2, 3);
			if ((past && (!present || ownTime)) || nearBefore) state = 'history';
			else if (!past && !present) {
				// A clause with no time of its own takes it from a time-only clause just before it in
				// the sentence ("Two years ago, I had a stroke"; "去年，中风过").
				const prev = clauses[ci - 1];
				const prevTimeOnly =
					prev !== undefined &&
					prev.sentence === clause.sentence &&
					t('hist').any(prev.start, prev.end) &&
					!presentIn(prev.start, prev.end) &&
					!clinicalClauses.has(ci - 1);
				if (prevTimeOnly) state = 'history';
				else if (text.charAt(m.end) === '过' && !/[来去气]/u.test(text.charAt(m.end + 1))) state = 'history';
			}
		}

		// Hypothetical: a trigger earlier in the sentence, or "…的话" after it in the clause.
		if (state === 'affirmed' && !t('now').any(clause.start, clause.end)) {
			const hypo = t('hypo');
			const i = hypo.lastBefore(m.start);
			if (i >= 0 && (hypo.starts[i] ?? -1) >= clause.start) state = 'hypothetical';
			else if (options.answer === true) {
				// The sentence opens with a condition: everything in it depends on that condition.
				const opener = clauses.find((c) => c.sentence === clause.sentence);
				const conditional = (k: TriggerKind) => {
					const j = t(k).firstFrom(sentence.start);
					return (
						j >= 0 &&
						opener !== undefined &&
						(t(k).starts[j] ?? Infinity) < opener.end &&
						withinWindow(text, sentence.start, t(k).starts[j] ?? 0, 2, 2)
					);
				};
				if (conditional('hypo') || conditional('hypoanswer')) state = 'hypothetical';
			} else {
				const post = t('hypopost');
				const j = post.firstFrom(m.end);
				if (j >= 0 && (post.starts[j] ?? Infinity) < clause.end) state = 'hypothetical';
			}
		}

		// General questions and stories: suppressed only where nobody is said to have it now.
		if (state === 'affirmed') {
			const near = t('generalnear');
			const i = near.lastBefore(m.start);
			const nearBefore =
				i >= 0 &&
				(near.starts[i] ?? -1) >= clause.start &&
				withinWindow(text, near.ends[i] ?? 0, m.start, 3, 4);
			const j = near.firstFrom(m.end);
			const nearAfter =
				j >= 0 &&
				(near.starts[j] ?? Infinity) < clause.end &&
				withinWindow(text, m.end, near.starts[j] ?? 0, 2, 3);
			const personal =
				t('person').any(clause.start, clause.end) ||
				t('now').any(clause.start, clause.end) ||
				POSSESSIVE.test(text.slice(m.start, m.end));
			if (nearBefore || nearAfter) state = 'general';
			else if (
				!personal &&
				!t('present').any(clause.start, clause.end) &&
				t('general').any(sentence.start, sentence.end)
			)
				state = 'general';
			else if (t('story').any(sentence.start, sentence.end) && !t('now').any(clause.start, clause.end))
				state = 'story';
			// Already in clinicians' care ("she's in ICU after the crash", "住院了"): a relative asking.
			else if (t('treated').any(sentence.start, sentence.end) && !t('now').any(clause.start, clause.end))
				state = 'treated';
			// The message says what it is for ("想了解一下", "exam question", "not me"): a general
			// question wherever nobody is said to have it now.
			else if (t('frame').any(0, text.length) && !personal) state = 'general';
		}

		// Modifiers that lower the level but never hide a finding.
		const mild = t('mild');
		const mi = mild.lastBefore(m.start);
		if (
			mi >= 0 &&
			!negatedMild(mild.starts[mi] ?? 0) &&
			(mild.starts[mi] ?? -1) >= clause.start &&
			withinWindow(text, mild.ends[mi] ?? 0, m.start, 3, 5)
		)
			flags |= FLAG_MILD;
		const mj = mild.firstFrom(m.end);
		if (
			mj >= 0 &&
			!negatedMild(mild.starts[mj] ?? 0) &&
			(mild.starts[mj] ?? Infinity) < clause.end &&
			withinWindow(text, m.end, mild.starts[mj] ?? 0, 3, 5)
		)
			flags |= FLAG_MILD;
		const resolved = t('resolved');
		const ri = resolved.firstFrom(m.end);
		if (ri >= 0 && (resolved.starts[ri] ?? Infinity) < sentence.end) {
			const after = resolved.ends[ri] ?? 0;
			// "the skin has gone white" is a change, not a resolution.
			const becoming = GONE_TO.test(text.slice(after, after + 12));
			if (!becoming && !t('recur').any(after, sentence.end) && !t('now').any(after, sentence.end))
				flags |= FLAG_RESOLVED;
		}
		// A clause that only says how much ("…, just a small amount") qualifies the one before it.
		const next = clauses[ci + 1];
		if (next !== undefined && next.sentence === clause.sentence && !clinicalClauses.has(ci + 1)) {
			const k = mild.firstFrom(next.start);
			const ks = mild.starts[k] ?? Infinity;
			const ke = mild.ends[k] ?? 0;
			if (k >= 0 && ks < next.end && !negatedMild(ks)) {
				const rest = gapWords(text.slice(next.start, ks) + ' ' + text.slice(ke, next.end));
				if (rest.words <= 2 && rest.han <= 1) flags |= FLAG_MILD;
			}
		}
		if (t('benign').any(clause.start, clause.end)) flags |= FLAG_BENIGN;
		// "slipped disc for years and tonight both my legs went weak": a long history said before a
		// word of the present ("tonight", "今天", "suddenly") is the background, not this sign's.
		if (t('chronic').any(clause.start, clause.end)) {
			const chronic = t('chronic');
			const before = chronic.lastBefore(m.start);
			const onlyBefore = !chronic.any(m.start, clause.end);
			const cs = chronic.starts[before] ?? -1;
			const background = onlyBefore && cs >= clause.start && presentIn(chronic.ends[before] ?? cs, m.start);
			if (!background) flags |= FLAG_CHRONIC;
		}
		if (t('earlier').any(sentence.start, sentence.end)) flags |= FLAG_EARLIER;

		read.push({ ...m, clause: ci, sentence: clause.sentence, state, flags });
	}
	return read;
}
