// Staff-added emergency words: validation only (small, so settings and the store can use it
// without loading the triage model). The model matches them in triage/assess.ts.
import { STAFF_CATEGORY_IDS, isCategoryId, type CategoryId } from './categories';

/** Extra literal terms per category, as staff enter them in settings. */
export type ExtraTerms = Partial<Record<CategoryId, readonly string[]>>;

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
 * characters, no duplicates, at most 200 per category. Never throws.
 */
export function validateExtraTerms(input: unknown): { terms: ExtraTerms; rejected: RejectedTerm[] } {
	const terms: Partial<Record<CategoryId, string[]>> = {};
	const rejected: RejectedTerm[] = [];
	if (typeof input !== 'object' || input === null) return { terms, rejected };
	for (const [category, list] of Object.entries(input)) {
		if (!isCategoryId(category) || !STAFF_CATEGORY_IDS.includes(category)) {
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
