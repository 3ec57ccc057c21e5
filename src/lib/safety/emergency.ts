// Emergency detection: does this message describe a present emergency, and which kinds?
//
// Owns the category ids, the compiled term matchers (from terms/emergency.json and terms/combos.json)
// and `assess`. Invariants:
// - Both languages are always searched, whatever the locale: patients mix scripts.
// - Evidence offsets index the ORIGINAL text (matching runs on a same-length normalised copy).
// - A term is dropped only when it is clearly negated, clearly past, or part of a general question
//   (rules in clauses.ts); when unsure it counts. Missing an emergency costs more than a false alarm.
// - Pure and total: never throws, for any string (empty, 100k characters, emoji, control characters).

import combosData from './terms/combos.json';
import termsData from './terms/emergency.json';
import {
	clauseIndexAt,
	clauseIsPersonal,
	clauseTense,
	CueSet,
	hasGeneralCue,
	isHistory,
	isNegated,
	splitClauses,
	SpanIndex,
	type Clause,
	type ClauseTense,
	type Span
} from './clauses';
import { lowerAscii, normalize } from './normalize';

export const CATEGORY_IDS = [
	'cardiac',
	'breathing',
	'stroke',
	'unconscious',
	'seizure',
	'bleeding',
	'poisoning',
	'self_harm',
	'anaphylaxis',
	'pregnancy',
	'child',
	'trauma',
	'burns',
	'headache'
] as const;

export type CategoryId = (typeof CATEGORY_IDS)[number];

export function isCategoryId(value: unknown): value is CategoryId {
	return typeof value === 'string' && (CATEGORY_IDS as readonly string[]).includes(value);
}

export interface Evidence {
	category: CategoryId;
	/** The matched text, exactly as the patient wrote it. */
	term: string;
	/** Offsets into the original text. */
	start: number;
	end: number;
}

export type SuppressionReason = 'negated' | 'history' | 'general';

export interface SuppressedEvidence extends Evidence {
	reason: SuppressionReason;
}

export interface EmergencyVerdict {
	emergency: boolean;
	/** Categories with affirmed evidence, in CATEGORY_IDS order. */
	categories: CategoryId[];
	/** Affirmed matches, sorted by position. */
	evidence: Evidence[];
	/** Matches that were set aside and why (for explanations and tuning; never shown as alarms). */
	suppressed: SuppressedEvidence[];
}

/** Extra literal terms per category, as staff enter them in settings. */
export type ExtraTerms = Partial<Record<CategoryId, readonly string[]>>;

export interface AssessOptions {
	/**
	 * Staff-added literal terms per category (matched case-insensitively; English words whole-word).
	 * Invalid entries are ignored; use `validateExtraTerms` to show staff what was rejected.
	 */
	extraTerms?: ExtraTerms;
}

// ---------------------------------------------------------------------------------------------
// Compiling term data

interface TermGroup {
	/** A scene-setting group (a child, a pregnancy, an allergen): its words never block cues. */
	context?: boolean;
	zh?: readonly string[];
	en?: readonly string[];
	zhPatterns?: readonly string[];
	enPatterns?: readonly string[];
}

interface CategoryTerms extends TermGroup {
	exclude?: readonly string[];
}

const GAP_ZH = '[^不没无未否但，。,.!?！？；;\\n]';
const WORD_NOT_NEGATION = "(?!(?:no|not|never|without|none|nor)\\b|[a-z]+n't\\b)[a-z']+";

/**
 * Expands the term-file macros: {gN} Chinese gap, {wN} whitespace then up to N English words,
 * {xN} up to N words each followed by whitespace, {poss} optional determiner between spaces.
 */
function expandMacros(source: string): string {
	return (
		source
			// Patients drop apostrophes ("cant", "didnt", "hes"): every apostrophe in a term is optional.
			.replace(/'(?!\?)/g, "'?")
			.replace(/\{g(\d{1,2})\}/g, (_m, n: string) => `${GAP_ZH}{0,${n}}`)
			.replace(/\{w(\d{1,2})\}/g, (_m, n: string) => `\\s+(?:${WORD_NOT_NEGATION}\\s+){0,${n}}?`)
			.replace(/\{x(\d{1,2})\}/g, (_m, n: string) => `(?:${WORD_NOT_NEGATION}\\s+){0,${n}}?`)
			.replace(/\{poss\}/g, '(?:\\s+(?:my|his|her|their|the|our|your|a|an))?\\s+')
	);
}

function escapeRegExp(s: string): string {
	return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function literalEn(term: string): string {
	return escapeRegExp(term.trim().toLowerCase())
		.replace(/'/g, "'?")
		.replace(/-/g, '[\\s-]?')
		.replace(/\s+/g, '[\\s-]+');
}

function isLatinTerm(term: string): boolean {
	return /^[\x20-\x7e]+$/.test(term);
}

/** One alternation source for a group: Chinese parts unbounded, English parts whole-word. */
function groupSource(group: TermGroup): string | null {
	const zh = [...(group.zh ?? [])].sort((a, b) => b.length - a.length).map(escapeRegExp);
	const zhP = (group.zhPatterns ?? []).map(expandMacros);
	const en = [...(group.en ?? [])].sort((a, b) => b.length - a.length).map(literalEn);
	const enP = (group.enPatterns ?? []).map(expandMacros);
	const parts: string[] = [];
	if (zhP.length + zh.length > 0) parts.push([...zhP, ...zh].join('|'));
	if (enP.length + en.length > 0) parts.push(`(?<![a-z0-9])(?:${[...enP, ...en].join('|')})(?![a-z0-9])`);
	return parts.length > 0 ? parts.join('|') : null;
}

/** Term regexes are case-sensitive on purpose: they run on ASCII-lower-cased text (faster). */
function compile(source: string | null): RegExp | null {
	if (source === null) return null;
	return new RegExp(source, 'g');
}

interface CompiledCategory {
	id: CategoryId;
	terms: RegExp | null;
	exclude: RegExp | null;
}

interface CompiledGroup {
	re: RegExp;
	context: boolean;
}

interface CompiledCombo {
	category: CategoryId;
	groups: CompiledGroup[];
}

function compileExclude(list: readonly string[] | undefined): RegExp | null {
	if (list === undefined || list.length === 0) return null;
	return compile(`(?<![a-z0-9])(?:${list.map(expandMacros).join('|')})`);
}

const CATEGORY_DATA: Record<string, CategoryTerms | undefined> = termsData.categories;

const COMPILED: CompiledCategory[] = CATEGORY_IDS.map((id) => {
	const data = CATEGORY_DATA[id];
	return {
		id,
		terms: data === undefined ? null : compile(groupSource(data)),
		exclude: data === undefined ? null : compileExclude(data.exclude)
	};
});

function compileGroups(category: string, list: readonly TermGroup[]): CompiledCombo | null {
	if (!isCategoryId(category)) return null;
	const groups: CompiledGroup[] = [];
	for (const g of list) {
		const re = compile(groupSource(g));
		if (re !== null) groups.push({ re, context: g.context === true });
	}
	return groups.length === list.length && groups.length > 0 ? { category, groups } : null;
}

/** Combos: every group must be affirmed. Context categories: the one marker group is affirmed and
 * some other category fired. Both are evaluated like combos; context ones are marked by kind. */
const COMBOS: (CompiledCombo & { kind: 'all' | 'context' })[] = [];
for (const combo of combosData.combos) {
	const c = compileGroups(combo.category, combo.groups);
	if (c !== null) COMBOS.push({ ...c, kind: 'all' });
}
for (const ctx of combosData.contextCategories) {
	const c = compileGroups(ctx.category, [ctx.marker]);
	if (c !== null) COMBOS.push({ ...c, kind: 'context' });
}

// ---------------------------------------------------------------------------------------------
// Staff-added terms

export const EXTRA_TERM_LIMITS = {
	/** Characters per term after trimming: at least 2 (single characters match far too much). */
	minLength: 2,
	maxLength: 60,
	/** Terms per category. */
	maxPerCategory: 200
} as const;

export interface RejectedTerm {
	category: string;
	term: unknown;
	reason:
		| 'unknown_category'
		| 'not_a_string'
		| 'too_short'
		| 'too_long'
		| 'control_characters'
		| 'duplicate'
		| 'too_many';
}

/**
 * Checks staff-entered terms: known category ids, strings of 2–60 characters without control
 * characters, no duplicates, at most 200 per category. Never throws; returns what was kept and why
 * the rest was rejected.
 */
export function validateExtraTerms(input: unknown): { terms: ExtraTerms; rejected: RejectedTerm[] } {
	const terms: Partial<Record<CategoryId, string[]>> = {};
	const rejected: RejectedTerm[] = [];
	if (typeof input !== 'object' || input === null) return { terms, rejected };
	for (const [category, list] of Object.entries(input)) {
		if (!isCategoryId(category)) {
			rejected.push({ category, term: list, reason: 'unknown_category' });
			continue;
		}
		const values: unknown[] = Array.isArray(list) ? list : [list];
		const kept: string[] = [];
		const seen = new Set<string>();
		for (const value of values) {
			if (typeof value !== 'string') {
				rejected.push({ category, term: value, reason: 'not_a_string' });
				continue;
			}
			const term = value.trim().replace(/\s+/g, ' ');
			// eslint-disable-next-line no-control-regex -- removing control characters is the point
			if (/[\u0000-\u001f\u007f]/.test(value.replace(/[\t\n\r ]/g, ''))) {
				rejected.push({ category, term: value, reason: 'control_characters' });
			} else if ([...term].length < EXTRA_TERM_LIMITS.minLength) {
				rejected.push({ category, term: value, reason: 'too_short' });
			} else if (term.length > EXTRA_TERM_LIMITS.maxLength) {
				rejected.push({ category, term: value, reason: 'too_long' });
			} else if (seen.has(term.toLowerCase())) {
				rejected.push({ category, term: value, reason: 'duplicate' });
			} else if (kept.length >= EXTRA_TERM_LIMITS.maxPerCategory) {
				rejected.push({ category, term: value, reason: 'too_many' });
			} else {
				seen.add(term.toLowerCase());
				kept.push(term);
			}
		}
		if (kept.length > 0) terms[category] = kept;
	}
	return { terms, rejected };
}

const extraCache = new Map<string, RegExp | null>();

function extraMatcher(terms: readonly string[]): RegExp | null {
	const key = terms.join('\u0000');
	const cached = extraCache.get(key);
	if (cached !== undefined || extraCache.has(key)) return cached ?? null;
	const zh: string[] = [];
	const en: string[] = [];
	for (const t of terms) (isLatinTerm(t) ? en : zh).push(normalize(t));
	const re = compile(groupSource({ zh, en }));
	if (extraCache.size > 64) extraCache.clear();
	extraCache.set(key, re);
	return re;
}

// ---------------------------------------------------------------------------------------------
// Assessing a message

interface RawMatch extends Span {
	category: CategoryId;
	/** -1 for a plain term; otherwise the combo index and group index. */
	combo: number;
	group: number;
	/** Scene-setting words: they never hide negation or history cues. */
	context: boolean;
}

function collect(re: RegExp, text: string, push: (start: number, end: number) => void): void {
	re.lastIndex = 0;
	for (const m of text.matchAll(re)) {
		if (m[0].length === 0) continue;
		push(m.index, m.index + m[0].length);
	}
}

function excludedSpans(re: RegExp | null, text: string): Span[] {
	const spans: Span[] = [];
	if (re !== null) collect(re, text, (start, end) => spans.push({ start, end }));
	return spans;
}

function overlaps(spans: readonly Span[], s: Span): boolean {
	for (const x of spans) if (x.start < s.end && s.start < x.end) return true;
	return false;
}

/**
 * Assesses one patient message for a present emergency. `locale` ('zh-CN', 'en', 'en-GB', …) does
 * not limit detection: both languages are always searched. Never throws.
 */
export function assess(text: string, locale?: string, options?: AssessOptions): EmergencyVerdict {
	void locale;
	const source = typeof text === 'string' ? text : '';
	const verdict: EmergencyVerdict = { emergency: false, categories: [], evidence: [], suppressed: [] };
	if (source.trim().length === 0) return verdict;
	const norm = lowerAscii(normalize(source));

	const validatedExtra =
		options?.extraTerms === undefined ? {} : validateExtraTerms(options.extraTerms).terms;
	const matches: RawMatch[] = [];
	for (const cat of COMPILED) {
		const excluded = excludedSpans(cat.exclude, norm);
		const add = (start: number, end: number) => {
			const span = { start, end };
			if (!overlaps(excluded, span))
				matches.push({ ...span, category: cat.id, combo: -1, group: -1, context: false });
		};
		if (cat.terms !== null) collect(cat.terms, norm, add);
		const extra = validatedExtra[cat.id];
		if (extra !== undefined) {
			const re = extraMatcher(extra);
			if (re !== null) collect(re, norm, add);
		}
	}
	COMBOS.forEach((combo, ci) => {
		combo.groups.forEach((g, gi) => {
			collect(g.re, norm, (start, end) =>
				matches.push({ start, end, category: combo.category, combo: ci, group: gi, context: g.context })
			);
		});
	});
	if (matches.length === 0) return verdict;

	const clauses: Clause[] = splitClauses(norm);
	const sentenceBounds = new Map<number, Span>();
	for (const c of clauses) {
		const b = sentenceBounds.get(c.sentence);
		if (b === undefined) sentenceBounds.set(c.sentence, { start: c.start, end: c.end });
		else b.end = c.end;
	}
	const spans = new SpanIndex(matches.filter((m) => !m.context));
	const cues = new CueSet(norm, spans);
	// Clause- and sentence-level readings are computed once each (long inputs have many matches).
	const tenseCache = new Map<number, ClauseTense>();
	const generalCache = new Map<number, boolean>();
	const personalCache = new Map<number, boolean>();

	const reasonFor = (m: RawMatch): SuppressionReason | null => {
		const ci = clauseIndexAt(clauses, m.start);
		const clause = clauses[ci];
		if (clause === undefined) return null;
		if (isNegated(norm, clauses, ci, m.start, spans)) return 'negated';
		let tense = tenseCache.get(ci);
		if (tense === undefined) {
			tense = clauseTense(cues, clause);
			tenseCache.set(ci, tense);
		}
		if (isHistory(norm, tense, m.end)) return 'history';
		let general = generalCache.get(clause.sentence);
		if (general === undefined) {
			const bounds = sentenceBounds.get(clause.sentence) ?? clause;
			general = hasGeneralCue(cues, bounds.start, bounds.end);
			generalCache.set(clause.sentence, general);
		}
		if (!general) return null;
		let personal = personalCache.get(ci);
		if (personal === undefined) {
			personal = clauseIsPersonal(norm, clause);
			personalCache.set(ci, personal);
		}
		return personal ? null : 'general';
	};

	const affirmed = new Set<CategoryId>();
	const evidence: Evidence[] = [];
	const comboHits = COMBOS.map((c) => c.groups.map((): RawMatch | null => null));
	for (const m of matches) {
		const reason = reasonFor(m);
		const ev: Evidence = {
			category: m.category,
			term: source.slice(m.start, m.end),
			start: m.start,
			end: m.end
		};
		if (reason !== null) {
			verdict.suppressed.push({ ...ev, reason });
			continue;
		}
		if (m.combo < 0) {
			affirmed.add(m.category);
			evidence.push(ev);
		} else {
			const hits = comboHits[m.combo];
			if (hits !== undefined && hits[m.group] == null) hits[m.group] = m;
		}
	}
	const fire = (ci: number) => {
		const combo = COMBOS[ci];
		const hits = comboHits[ci];
		if (combo === undefined || hits === undefined) return;
		affirmed.add(combo.category);
		for (const h of hits) {
			if (h !== null)
				evidence.push({
					category: combo.category,
					term: source.slice(h.start, h.end),
					start: h.start,
					end: h.end
				});
		}
	};
	const complete = (ci: number) => (comboHits[ci] ?? []).every((h) => h !== null);
	COMBOS.forEach((combo, ci) => {
		if (combo.kind === 'all' && complete(ci)) fire(ci);
	});
	// Context categories last: they only join an emergency some other category established.
	COMBOS.forEach((combo, ci) => {
		if (combo.kind !== 'context' || !complete(ci)) return;
		if ([...affirmed].some((c) => c !== combo.category)) fire(ci);
	});

	evidence.sort((a, b) => a.start - b.start || b.end - a.end);
	verdict.evidence = dedupe(evidence);
	verdict.suppressed = dedupe(verdict.suppressed.sort((a, b) => a.start - b.start || b.end - a.end));
	verdict.categories = CATEGORY_IDS.filter((id) => affirmed.has(id));
	verdict.emergency = verdict.categories.length > 0;
	return verdict;
}

/**
 * Drops duplicates and spans nested inside an earlier span of the same category. Expects the list
 * sorted by start ascending, then end descending.
 */
function dedupe<T extends Evidence>(list: T[]): T[] {
	const out: T[] = [];
	const reach = new Map<CategoryId, number>();
	for (const e of list) {
		if ((reach.get(e.category) ?? -1) >= e.end) continue;
		reach.set(e.category, e.end);
		out.push(e);
	}
	return out;
}
