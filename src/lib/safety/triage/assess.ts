// The triage model: prepare → concept mentions (lexicon) → quantities → context (ConText) → rules
// → a verdict with a level, categories and evidence in the patient's own words.
//
// Invariants:
// - Pure, synchronous and total: never throws, for any string.
// - Both languages are always read, whatever the UI locale: patients mix scripts.
// - Evidence offsets index the ORIGINAL text.
// - `emergency` is true exactly when `level` is 'emergency'.
// - The model (lexicon tries, rules) is built once, on first use; `warmUp()` does it while idle.

import {
	CATEGORY_IDS,
	CONTEXT_CATEGORIES,
	STAFF_CATEGORY_IDS,
	isCategoryId,
	levelRank,
	type CategoryId,
	type Level
} from '../categories';
import { validateExtraTerms, type ExtraTerms } from '../extra-terms';
import lexiconFiles from '../data/lexicon';
import guard from '../data/typo-guard.json';
import { ContextKinds, readContext, type MentionState, type ReadMention } from './context';
import { Lexicon, maximal, type Mention } from './lexicon';
import { readQuantities } from './quantities';
import { CAPS, DERIVED, LOWERING_TOGETHER, RULES, loweringFlags, type RuleSpec, type Scope } from './rules';
import { originalSpan, prepare, type Prepared } from './text';

export interface Evidence {
	category: CategoryId;
	/** The matched text, exactly as the patient wrote it. */
	term: string;
	/** Offsets into the original text. */
	start: number;
	end: number;
}

export type SuppressionReason = 'negated' | 'history' | 'hypothetical' | 'general' | 'story' | 'treated';

export interface SuppressedEvidence extends Evidence {
	reason: SuppressionReason;
}

export interface Finding {
	category: CategoryId;
	level: Exclude<Level, 'routine'>;
	evidence: Evidence[];
}

export interface TriageVerdict {
	/** 'emergency' (call now), 'urgent' (see a doctor today) or 'routine'. */
	level: Level;
	/** level === 'emergency'. */
	emergency: boolean;
	/** The categories at `level`, in CATEGORY_IDS order (empty for routine). */
	categories: CategoryId[];
	/** Every category that fired, at its own level. */
	findings: Finding[];
	/** Evidence for the categories at `level`, sorted by position. */
	evidence: Evidence[];
	/** Red-flag mentions set aside and why (explanations and tuning; never shown as alarms). */
	suppressed: SuppressedEvidence[];
}

export interface AssessOptions {
	/** Staff-added literal terms per category (validated; invalid entries are ignored). */
	extraTerms?: ExtraTerms;
}

interface Need {
	concepts: ReadonlySet<number>;
	categories: readonly CategoryId[];
}

interface CompiledRule {
	category: CategoryId;
	level: Exclude<Level, 'routine'>;
	scope: Scope;
	needs: Need[];
	unless: ReadonlySet<number> | null;
	topic: Need[];
	keep: boolean;
	lower: number | null;
	/** Bit per need index: only these needs' mentions can lower the finding (null: every mention). */
	lowerFrom: number | null;
	/** Needs another category's finding (evaluated in the second pass). */
	late: boolean;
}

interface CompiledDerive {
	concepts: number[];
	needs: Need[];
	scope: Scope;
}

interface Model {
	lexicon: Lexicon;
	kinds: ContextKinds;
	rules: CompiledRule[];
	derived: CompiledDerive[];
	caps: Map<CategoryId, ReadonlySet<number>>;
	staffConcept: Map<CategoryId, number>;
	/** Concepts used by some rule (red flags), for the suppressed list. */
	redFlags: ReadonlySet<number>;
	childMarkers: ReadonlySet<number>;
	pregnancyMarkers: ReadonlySet<number>;
	/** who.*, cond.*, age.* concepts: states of the person, not events. */
	persistent: ReadonlySet<number>;
}

let model: Model | null = null;

function compileNeed(lexicon: Lexicon, source: string): Need {
	const concepts = new Set<number>();
	const categories: CategoryId[] = [];
	for (const part of source.split('|')) {
		const name = part.trim();
		if (name.startsWith('@')) {
			const c = name.slice(1);
			if (isCategoryId(c)) categories.push(c);
		} else if (name.length > 0) concepts.add(lexicon.id(name));
	}
	return { concepts, categories };
}

function compileRule(lexicon: Lexicon, spec: RuleSpec): CompiledRule {
	const needs = spec.needs.map((n) => compileNeed(lexicon, n));
	const topic = (spec.topic ?? []).map((n) => compileNeed(lexicon, n));
	return {
		category: spec.category,
		level: spec.level,
		scope: spec.scope,
		needs,
		unless: spec.unless === undefined ? null : compileNeed(lexicon, spec.unless).concepts,
		topic,
		keep: spec.keep === true,
		lower: spec.lower ?? null,
		lowerFrom: spec.lowerFrom === undefined ? null : spec.lowerFrom.reduce((bits, i) => bits | (1 << i), 0),
		late: [...needs, ...topic].some((n) => n.categories.length > 0)
	};
}

function buildModel(): Model {
	const lexicon = new Lexicon(lexiconFiles, guard.words);
	const staffConcept = new Map<CategoryId, number>();
	const specs: RuleSpec[] = [...RULES];
	for (const id of STAFF_CATEGORY_IDS) {
		const name = `staff.${id}`;
		staffConcept.set(id, lexicon.id(name));
		// The clinic chose the word as an emergency: "licked", "a little", "gone now" do not lower it.
		specs.push({ category: id, level: 'emergency', needs: [name], scope: 'clause', keep: true });
	}
	const rules = specs.map((s) => compileRule(lexicon, s));
	const derived = DERIVED.map((spec) => ({
		concepts: lexicon.expand([lexicon.id(spec.concept)]),
		needs: spec.needs.map((n) => compileNeed(lexicon, n)),
		scope: spec.scope
	}));
	const caps = new Map<CategoryId, ReadonlySet<number>>();
	for (const [category, need] of Object.entries(CAPS) as [CategoryId, string][])
		caps.set(category, compileNeed(lexicon, need).concepts);
	const redFlags = new Set<number>();
	for (const r of rules)
		for (const n of [...r.needs, ...r.topic]) for (const c of n.concepts) redFlags.add(c);
	const markers = (names: string[]) => new Set(names.map((n) => lexicon.id(n)));
	return {
		lexicon,
		kinds: new ContextKinds(lexicon),
		rules,
		derived,
		caps,
		staffConcept,
		redFlags,
		childMarkers: markers(['who.child', 'who.infant', 'age.under3m', 'age.under6m']),
		pregnancyMarkers: markers(['who.pregnant', 'who.postpartum']),
		persistent: new Set(lexicon.names.flatMap((n, i) => (/^(?:who|cond|age)\./.test(n) ? [i] : [])))
	};
}

function getModel(): Model {
	return (model ??= buildModel());
}

/** Builds the model now (it is otherwise built on the first message). */
export function warmUp(): void {
	assess('warm-up: chest pain 胸痛 心率150', 'en');
}

// ---------------------------------------------------------------------------------------------
// Staff-added terms (validated in ../extra-terms.ts)

function escapeRegExp(s: string): string {
	return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const extraCache = new Map<string, { re: RegExp; concepts: number[] }[]>();

/** Staff terms as mentions: English whole-word (spaces match any spacing), others anywhere. */
function staffMentions(m: Model, text: string, extra: ExtraTerms | undefined): Mention[] {
	if (extra === undefined) return [];
	const { terms } = validateExtraTerms(extra);
	const key = JSON.stringify(terms);
	let matchers = extraCache.get(key);
	if (matchers === undefined) {
		matchers = [];
		for (const [category, list] of Object.entries(terms) as [CategoryId, string[]][]) {
			const concept = m.staffConcept.get(category);
			if (concept === undefined) continue;
			for (const raw of list) {
				const folded = prepare(raw).text.trim();
				if (folded.length === 0) continue;
				const body = escapeRegExp(folded).replace(/\s+/g, '\\s+');
				const latin = /^[\x20-\x7e]+$/.test(folded);
				matchers.push({
					re: new RegExp(latin ? `(?<![a-z0-9])${body}(?![a-z0-9])` : body, 'g'),
					concepts: [concept]
				});
			}
		}
		if (extraCache.size > 64) extraCache.clear();
		extraCache.set(key, matchers);
	}
	const out: Mention[] = [];
	for (const { re, concepts } of matchers) {
		re.lastIndex = 0;
		for (const hit of text.matchAll(re))
			if (hit[0].length > 0) out.push({ start: hit.index, end: hit.index + hit[0].length, concepts });
	}
	return out;
}

// ---------------------------------------------------------------------------------------------
// Rule evaluation

type Accept = (state: MentionState) => boolean;

const NO_UNITS: readonly number[] = [];

/**
 * Affirmed (or topic-eligible) mentions indexed by scope unit and concept: one flat map per scope,
 * keyed unit × concepts + concept, so a long message costs no allocation per clause.
 */
class Facts {
	readonly #first: Record<Scope, Map<number, ReadMention>> = {
		clause: new Map(),
		sentence: new Map(),
		message: new Map()
	};
	/** concept → units (per scope) where it occurs, in order. */
	readonly #where: Record<Scope, Map<number, number[]>> = {
		clause: new Map(),
		sentence: new Map(),
		message: new Map()
	};
	readonly #width: number;

	constructor(read: readonly ReadMention[], accept: Accept, width: number, persistent?: ReadonlySet<number>) {
		this.#width = width;
		for (const m of read) {
			// Who someone is (pregnant, diabetic, a baby) holds even when said with a past cue.
			if (
				!accept(m.state) &&
				!(m.state === 'history' && persistent !== undefined && m.concepts.some((c) => persistent.has(c)))
			)
				continue;
			this.#add('clause', m.clause, m);
			this.#add('sentence', m.sentence, m);
			this.#add('message', 0, m);
		}
	}

	#add(scope: Scope, unit: number, m: ReadMention): void {
		const first = this.#first[scope];
		const where = this.#where[scope];
		for (const c of m.concepts) {
			const key = unit * this.#width + c;
			if (first.has(key)) continue;
			first.set(key, m);
			const list = where.get(c);
			if (list === undefined) where.set(c, [unit]);
			else if (list[list.length - 1] !== unit) list.push(unit);
		}
	}

	unitsWith(scope: Scope, concepts: ReadonlySet<number>): readonly number[] {
		const where = this.#where[scope];
		let only: number[] | undefined;
		let out: Set<number> | undefined;
		for (const c of concepts) {
			const units = where.get(c);
			if (units === undefined) continue;
			if (only === undefined) only = units;
			else {
				out ??= new Set(only);
				for (const u of units) out.add(u);
			}
		}
		return out !== undefined ? [...out] : (only ?? NO_UNITS);
	}

	find(scope: Scope, unit: number, concepts: ReadonlySet<number>): ReadMention | null {
		const first = this.#first[scope];
		const base = unit * this.#width;
		for (const c of concepts) {
			const m = first.get(base + c);
			if (m !== undefined) return m;
		}
		return null;
	}
}

const STATE_ORDER: readonly MentionState[] = [
	'affirmed',
	'history',
	'story',
	'treated',
	'general',
	'hypothetical',
	'negated'
];

/**
 * Adds derived signs (rules.ts DERIVED): first from affirmed parts, then, where none was derived,
 * from parts in any state, taking the most suppressed state of its parts.
 */
function derive(model: Model, read: ReadMention[]): ReadMention[] {
	const out = [...read];
	const seen = new Set<string>();
	for (const pass of [(s: MentionState) => s === 'affirmed', () => true] as Accept[]) {
		const facts = new Facts(read, pass, model.lexicon.names.length);
		model.derived.forEach((spec, di) => {
			const first = spec.needs[0];
			if (first === undefined) return;
			for (const unit of facts.unitsWith(spec.scope, first.concepts)) {
				const key = `${di}:${spec.scope}:${unit}`;
				if (seen.has(key)) continue;
				const parts: ReadMention[] = [];
				for (const need of spec.needs) {
					const m = facts.find(spec.scope, unit, need.concepts);
					if (m === null) break;
					parts.push(m);
				}
				if (parts.length !== spec.needs.length) continue;
				seen.add(key);
				let state: MentionState = 'affirmed';
				let flags = 0;
				let start = Infinity;
				let end = -1;
				for (const p of parts) {
					if (STATE_ORDER.indexOf(p.state) > STATE_ORDER.indexOf(state)) state = p.state;
					flags |= p.flags;
					start = Math.min(start, p.start);
					end = Math.max(end, p.end);
				}
				const head = parts[0] as ReadMention;
				out.push({
					start,
					end,
					concepts: spec.concepts,
					clause: head.clause,
					sentence: head.sentence,
					state,
					flags
				});
			}
		});
	}
	return out;
}

interface RawFinding {
	category: CategoryId;
	level: Exclude<Level, 'routine'>;
	mentions: ReadMention[];
}

function evaluate(model: Model, read: readonly ReadMention[], accept: Accept): RawFinding[] {
	const facts = new Facts(read, accept, model.lexicon.names.length, model.persistent);
	let topicFacts: Facts | null = null;
	const topic = () =>
		(topicFacts ??= new Facts(read, (s) => accept(s) || s === 'history', model.lexicon.names.length));
	const found: RawFinding[] = [];
	const byCategory = new Map<CategoryId, RawFinding[]>();
	const record = (f: RawFinding) => {
		found.push(f);
		const list = byCategory.get(f.category);
		if (list === undefined) byCategory.set(f.category, [f]);
		else list.push(f);
	};
	const tryRule = (rule: CompiledRule) => {
		const first = rule.needs[0];
		if (first === undefined) return;
		const categoryEvidence = (need: Need): ReadMention[] | null => {
			for (const c of need.categories) {
				const f = byCategory.get(c)?.[0];
				if (f !== undefined) return f.mentions;
			}
			return null;
		};
		const units = first.concepts.size > 0 ? facts.unitsWith(rule.scope, first.concepts) : [0];
		for (const unit of units) {
			const mentions: ReadMention[] = [];
			let flags = 0;
			let ok = true;
			for (let n = 0; n < rule.needs.length; n++) {
				const need = rule.needs[n] as Need;
				const m = need.concepts.size > 0 ? facts.find(rule.scope, unit, need.concepts) : null;
				if (m !== null) {
					mentions.push(m);
					if (rule.lowerFrom === null || (rule.lowerFrom & (1 << n)) !== 0) flags |= m.flags;
					continue;
				}
				const viaCategory = categoryEvidence(need);
				if (viaCategory === null) {
					ok = false;
					break;
				}
			}
			if (!ok) continue;
			for (const need of rule.topic) {
				const m = topic().find('message', 0, need.concepts);
				if (m === null && categoryEvidence(need) === null) ok = false;
				else if (m !== null) {
					mentions.push(m);
					if (rule.lowerFrom === null) flags |= m.flags;
				}
			}
			if (!ok) continue;
			if (rule.unless !== null && facts.find(rule.scope, unit, rule.unless) !== null) continue;
			let level = rule.level;
			if (level === 'emergency' && !rule.keep) {
				if ((flags & (rule.lower ?? loweringFlags(rule.category))) !== 0) level = 'urgent';
				const together = LOWERING_TOGETHER[rule.category];
				if (together !== undefined && (flags & together) === together) level = 'urgent';
				const cap = model.caps.get(rule.category);
				if (cap !== undefined && facts.find('message', 0, cap) !== null) level = 'urgent';
			}
			record({ category: rule.category, level, mentions });
			return;
		}
	};
	for (const rule of model.rules) if (!rule.late) tryRule(rule);
	for (const rule of model.rules) if (rule.late) tryRule(rule);
	return found;
}

function toEvidence(p: Prepared, category: CategoryId, m: ReadMention): Evidence {
	const { start, end } = originalSpan(p, m.start, m.end);
	return { category, term: p.source.slice(start, end), start, end };
}

function dedupe<T extends Evidence>(list: T[]): T[] {
	list.sort((a, b) => a.start - b.start || b.end - a.end);
	const out: T[] = [];
	const reach = new Map<CategoryId, number>();
	for (const e of list) {
		if ((reach.get(e.category) ?? -1) >= e.end) continue;
		reach.set(e.category, e.end);
		out.push(e);
	}
	return out;
}

const ROUTINE = (): TriageVerdict => ({
	level: 'routine',
	emergency: false,
	categories: [],
	findings: [],
	evidence: [],
	suppressed: []
});

/** Longest text whose set-aside evidence is computed (the message limit of the UI). */
const MAX_EXPLAINED = 4000;
/** Beyond this length, a chunk repeated word for word is read once (see distinctChunks). */
const DEDUPE_FROM = 2000;

/** Chunks longer than this are cut at a space (or between CJK characters) for deduplication. */
const CHUNK = 240;

/**
 * For long text: the folded text with each repeated chunk kept once (first occurrence), and its map
 * back to the original. Chunks end at clause punctuation, and long runs without any are cut at a
 * word boundary every CHUNK characters, so text built by repetition (the usual hostile input) keeps
 * only as many distinct chunks as its period has words. Repeating a clause adds nothing to what a
 * message says; beyond the UI's message limit this bounds the work.
 */
function distinctChunks(p: Prepared): Prepared {
	const text = p.text;
	const seen = new Set<string>();
	const parts: string[] = [];
	const origin: number[] = [];
	let kept = 0;
	const keep = (from: number, to: number) => {
		if (to <= from) return;
		const chunk = text.slice(from, to);
		const key = chunk.trim();
		if (key.length === 0 || seen.has(key)) return;
		seen.add(key);
		parts.push(chunk);
		for (let k = from; k < to; k++) origin.push(p.origin[k] ?? p.source.length);
		kept += to - from;
	};
	let from = 0;
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		const boundary =
			c === 0xff0c ||
			c === 0x2c ||
			c === 0x3002 ||
			c === 0x3b ||
			c === 0xff1b ||
			c === 0x21 ||
			c === 0x3f ||
			c === 0xff01 ||
			c === 0xff1f ||
			c === 0x0a;
		if (boundary) {
			keep(from, i + 1);
			from = i + 1;
		} else if (
			i - from >= CHUNK &&
			(c === 0x20 || c >= 0x3400 || i - from >= 2 * CHUNK) &&
			!(c >= 0xdc00 && c <= 0xdfff)
		) {
			// At a space or a CJK character; a run with neither (emoji, one endless word) is cut
			// anyway, never inside a surrogate pair.
			keep(from, i);
			from = i;
		}
	}
	keep(from, text.length);
	if (kept === text.length) return p;
	origin.push(p.source.length);
	return { text: parts.join(''), origin: Int32Array.from(origin), source: p.source };
}

function setAside(m: Model, p: Prepared, read: readonly ReadMention[]): SuppressedEvidence[] {
	const suppressed: SuppressedEvidence[] = [];
	for (const f of evaluate(m, read, () => true)) {
		for (const r of f.mentions) {
			if (r.state === 'affirmed') continue;
			const reason: SuppressionReason = r.state;
			suppressed.push({ ...toEvidence(p, f.category, r), reason });
		}
	}
	return dedupe(suppressed);
}

/** Reads one message (or answer) in full: the shared pipeline of `assess` and `assessAnswer`. */
function triage(text: string, options?: AssessOptions, answer = false): TriageVerdict {
	const source = typeof text === 'string' ? text : '';
	if (source.trim().length === 0) return ROUTINE();
	const m = getModel();
	const folded = prepare(source);
	const p = folded.text.length > DEDUPE_FROM ? distinctChunks(folded) : folded;
	const lexical = m.lexicon.scan(p.text);
	const staff = staffMentions(m, p.text, options?.extraTerms);
	const quantities = readQuantities(p.text, lexical, m.lexicon);
	const mentions =
		staff.length + quantities.length > 0
			? maximal([...lexical, ...staff], p.text)
					.concat(quantities)
					.sort((a, b) => a.start - b.start || b.end - a.end)
			: lexical;
	const read = derive(m, readContext(p.text, mentions, m.kinds, { answer }));
	if (read.length === 0) return ROUTINE();

	let raw = evaluate(m, read, (s) => s === 'affirmed');
	// In a patient's message, emergency advice counts only when reported ("the nurse told me to go to
	// A&E"); "should I go to A&E?" or "是先扶起来还是先打120" is a question, not advice.
	if (!answer && raw.some((f) => f.category === 'advised')) {
		const reported = m.lexicon.find('ctx.reported');
		if (!mentions.some((x) => x.concepts.includes(reported)))
			raw = raw.filter((f) => f.category !== 'advised');
	}
	// Best level per category, with the evidence of its findings at that level.
	const best = new Map<CategoryId, { level: Exclude<Level, 'routine'>; mentions: ReadMention[] }>();
	for (const f of raw) {
		const cur = best.get(f.category);
		if (cur === undefined || levelRank(f.level) > levelRank(cur.level))
			best.set(f.category, { level: f.level, mentions: [...f.mentions] });
		else if (cur.level === f.level) cur.mentions.push(...f.mentions);
	}
	let top: Level = 'routine';
	for (const b of best.values()) if (levelRank(b.level) > levelRank(top)) top = b.level;
	// Context categories join an emergency (or urgent finding) some other category established.
	if (top !== 'routine') {
		const others = [...best.entries()].some(([c, b]) => b.level === top && !CONTEXT_CATEGORIES.includes(c));
		if (others) {
			for (const [category, markers] of [
				['child', m.childMarkers],
				['pregnancy', m.pregnancyMarkers]
			] as const) {
				const marker = read.find((r) => r.state === 'affirmed' && r.concepts.some((c) => markers.has(c)));
				const cur = best.get(category);
				if (marker !== undefined && (cur === undefined || levelRank(cur.level) < levelRank(top)))
					best.set(category, { level: top, mentions: [marker] });
			}
		}
	}
	const findings: Finding[] = CATEGORY_IDS.filter((c) => best.has(c)).map((category) => {
		const b = best.get(category) as { level: Exclude<Level, 'routine'>; mentions: ReadMention[] };
		return { category, level: b.level, evidence: dedupe(b.mentions.map((r) => toEvidence(p, category, r))) };
	});
	const atTop = findings.filter((f) => f.level === top);
	const verdict: TriageVerdict = {
		level: top,
		emergency: top === 'emergency',
		categories: atTop.map((f) => f.category),
		findings,
		evidence: dedupe(atTop.flatMap((f) => f.evidence)),
		suppressed: []
	};

	// What would have fired had every mention counted: its set-aside evidence, with the reason (for
	// explanations; computed when first read, and left out beyond the longest message a patient can
	// send, to bound the work).
	if (source.length <= MAX_EXPLAINED && read.some((r) => r.state !== 'affirmed')) {
		let suppressed: SuppressedEvidence[] | null = null;
		Object.defineProperty(verdict, 'suppressed', {
			enumerable: true,
			get: () => (suppressed ??= setAside(m, p, read))
		});
	}
	return verdict;
}

/**
 * Assesses one patient message: emergency (call now), urgent (see a doctor today) or routine, with
 * the categories and the words that showed it. `locale` does not limit detection. Never throws.
 */
export function assess(text: string, locale?: string, options?: AssessOptions): TriageVerdict {
	void locale;
	try {
		return triage(text, options);
	} catch {
		// Unreachable by construction; a safety check must never take the page down.
		return ROUTINE();
	}
}

/**
 * Checks a model answer: raises the alert when the answer itself advises emergency care ("call 120
 * now", "go to A&E") or says the patient's signs are an emergency. Advice under a condition ("if
 * the pain spreads, call 999") or about signs in general does not count. Never throws.
 */
export function assessAnswer(answer: string, locale?: string): TriageVerdict {
	void locale;
	try {
		return triage(answer, undefined, true);
	} catch {
		return ROUTINE();
	}
}

export type { Mention };
