// Phone numbers that the fast digit-run rules (digits.ts) leave undecided are checked with
// libphonenumber-js (Google's libphonenumber), its findPhoneNumbersInText matcher (which also
// applies Google's candidate checks: no dates, times or page ranges) over the 'min' metadata
// (number patterns and lengths per country, no type data) cut down to DEFAULT_COUNTRIES by
// scripts/safety/make-phone-metadata.ts: the parser only sees numbers without a +country code.
// Only bounded candidate slices are handed to it, never the whole message, and at most
// MAX_PARSER_CALLS calls run per message, so a hostile 100,000-character message stays fast (the
// parser costs tens of microseconds a call).

import { findPhoneNumbersInText, type MetadataJson } from 'libphonenumber-js/core';
import metadataJson from '../data/pii-phone-metadata.json';
import type { PhoneCountry } from './countries';

export { DEFAULT_COUNTRIES } from './countries';

const metadata = metadataJson as unknown as MetadataJson;

/**
 * Upper bound on parser calls per message (each is bounded: the slice is at most 48 characters).
 * A slice seen before in the same message is answered from its first parse, without a call.
 */
export const MAX_PARSER_CALLS = 256;

export interface PhoneBudget {
	calls: number;
	/** Results for the slices already parsed in this message (a repeated number is parsed once). */
	seen?: Map<readonly PhoneCountry[], Map<string, ParsedPhone | null>>;
}

export interface ParsedPhone {
	mobile: boolean;
}

// Mobile ranges by country calling code and national number (for the [手机号] / [电话] choice; the
// 'min' metadata has no number types, and an unknown type is shown as a phone number).
const MOBILE: Record<string, RegExp> = {
	'86': /^1[3-9]\d{9}$/,
	'44': /^7\d{9}$/,
	'886': /^9\d{8}$/,
	'61': /^4\d{8}$/,
	'852': /^[4-79]\d{7}$/,
	'65': /^[89]\d{7}$/,
	'853': /^6\d{7}$/
};

/**
 * Parses `slice` (one candidate number, already cut out of the text) as a phone number valid in one
 * of `countries`; null when none accepts it whole. `slice` must hold at least 7 digits.
 */
export function parsePhone(
	slice: string,
	countries: readonly PhoneCountry[],
	budget: PhoneBudget
): ParsedPhone | null {
	if (slice.length > 48) return null;
	budget.seen ??= new Map();
	let seen = budget.seen.get(countries);
	if (seen === undefined) budget.seen.set(countries, (seen = new Map()));
	const known = seen.get(slice);
	if (known !== undefined) return known;
	const result = parseOnce(slice, countries, budget);
	// Out of budget is no answer about this slice: only real answers are kept.
	if (result !== OUT_OF_BUDGET) seen.set(slice, result);
	return result === OUT_OF_BUDGET ? null : result;
}

const OUT_OF_BUDGET = 'out of budget';

function parseOnce(
	slice: string,
	countries: readonly PhoneCountry[],
	budget: PhoneBudget
): ParsedPhone | null | typeof OUT_OF_BUDGET {
	const digits = slice.replace(/\D/g, '').length;
	for (const country of countries) {
		if (budget.calls >= MAX_PARSER_CALLS) return OUT_OF_BUDGET;
		budget.calls++;
		let found;
		try {
			found = findPhoneNumbersInText(slice, { defaultCountry: country }, metadata);
		} catch {
			return null;
		}
		const match = found[0];
		if (match === undefined || found.length !== 1) continue;
		// The match must cover every digit of the candidate, not a piece of it.
		const covered = slice.slice(match.startsAt, match.endsAt).replace(/\D/g, '').length;
		if (covered < digits - (match.number.ext?.length ?? 0)) continue;
		if (!match.number.isValid()) continue;
		const mobile = MOBILE[match.number.countryCallingCode]?.test(match.number.nationalNumber) ?? false;
		return { mobile };
	}
	return null;
}
