// Emergency triage: the public surface of the triage model (src/lib/safety/triage/).
//
// `assess(text, locale)` reads a patient message and returns a level — 'emergency' (call the
// emergency number now), 'urgent' (see a doctor today) or 'routine' — with the categories and the
// patient's own words that showed it. `assessAnswer` checks a model answer the same way.
// Categories and levels: categories.ts. How a message is read: triage/assess.ts.

export { CATEGORY_IDS, STAFF_CATEGORY_IDS, LEVELS, isCategoryId, levelRank } from './categories';
export type { CategoryId, Level } from './categories';
export { assess, assessAnswer, warmUp } from './triage/assess';
export { validateExtraTerms, EXTRA_TERM_LIMITS } from './extra-terms';
export type { ExtraTerms, RejectedTerm } from './extra-terms';
export type {
	AssessOptions,
	Evidence,
	Finding,
	SuppressedEvidence,
	SuppressionReason,
	TriageVerdict,
	TriageVerdict as EmergencyVerdict
} from './triage/assess';
