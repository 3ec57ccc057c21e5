// PII redaction: replaces identifiers with typed placeholders before anything a patient types is
// stored, shown or sent to the on-device model.
//
// What counts as an identifier: HIPAA Safe Harbor's 18 identifiers (45 CFR 164.514(b)(2)) and the
// personal and sensitive personal information of China's PIPL (个人信息保护法), as far as a patient
// can type them: names, phone and fax numbers, e-mail, messaging ids, URLs, IP addresses, resident
// and other ID cards, passports and travel permits, bank cards, SSN, NHS numbers, medical record and
// health-plan numbers, licences and vehicle plates, dates of birth, home addresses and postcodes.
//
// Invariants:
// - Only the redacted text leaves this function together with spans of { kind, start, end,
//   placeholder, outputStart, outputEnd }: the original identifier text is never returned.
// - Spans never overlap; start/end index the ORIGINAL text, outputStart/outputEnd the redacted text
//   (every pass matches on same-length views of the text, see redact/chars.ts: the normalised view,
//   and its case-folded copy for the case-insensitive patterns, which then need no `i` flag).
// - Passes run from most to least specific, and a later pass never takes characters an earlier one
//   took: e-mail, URL, IP → labelled identifiers → dates of birth → addresses → names → unlabelled
//   document numbers (HK/Taiwan IDs, passports, plates) → digit runs (resident ID, card, SSN, NHS,
//   phone, in that order).
// - Unlabelled numbers are taken only when they validate (GB 11643, Luhn, NHS mod 11, HKID, Taiwan
//   ID, libphonenumber) or have an unmistakable phone shape; the rest may be clinical (doses,
//   temperatures, blood pressure, lab values, dates, ages, weights, durations, rates, counts).
// - Pure, synchronous and total: never throws, for any string. Every pass is linear: scanners with
//   bounded look-ahead, regexes without nested or ambiguous unbounded quantifiers (no `\s*…\s*`
//   around an optional part, no word that can be cut into pieces), connectors read at most a fixed
//   number of steps, a token or a left edge read once per run rather than once per position, a
//   bounded number of phone parser calls (a repeated number is parsed once), character classes
//   from tables rather than a regex per character, and a cheap "cannot match" check before each
//   long-text scan that needs a word or character the text lacks. Hostile 100,000-character
//   messages take milliseconds (scripts/bench, not a unit test, measures it).

import { contentLocale } from './locale';
import { findAddresses } from './redact/address';
import { findAges } from './redact/ages';
import { redactionViews } from './redact/chars';
import { findDatesOfBirth } from './redact/dates';
import { scanDigitRuns } from './redact/digits';
import { findDocuments } from './redact/documents';
import { findLabelled } from './redact/labels';
import { findNames, findRecordNames, findRepeatedNames, isGivenName, isPersonHost } from './redact/names';
import { HitSet, PLACEHOLDERS, type RedactionSpan, type Redaction } from './redact/types';
import { findEmails, findHandles, findIps, findSpelledEmails, findUrls } from './redact/web';

export { PLACEHOLDERS } from './redact/types';
export type { IdentifierKind, Redaction, RedactionSpan } from './redact/types';

function collect(source: string, locale: string | undefined): HitSet {
	const safety = contentLocale(locale);
	// The view the passes match on, and the same view case-folded for the case-insensitive
	// patterns (redact/chars.ts redactionViews, foldCase).
	const { text, lower } = redactionViews(source);
	const hits = new HitSet(text.length);
	findEmails(text, hits);
	findSpelledEmails(text, lower, hits);
	findUrls(text, lower, hits, isGivenName, isPersonHost);
	findHandles(text, lower, hits);
	findIps(text, hits);
	findLabelled(text, lower, hits);
	findDatesOfBirth(text, lower, hits);
	findAges(text, lower, hits);
	findAddresses(text, lower, hits);
	findNames(text, lower, hits);
	findDocuments(text, hits);
	scanDigitRuns({ text, lower, hits, locale: safety, budget: { calls: 0 } });
	findRecordNames(text, hits);
	findRepeatedNames(text, hits);
	return hits;
}

/**
 * Replaces identifiers in `text` with placeholders in the locale's language ('zh-CN' → Chinese
 * labels, anything else → English). Never throws; non-string input is treated as empty.
 */
export function redact(text: string, locale?: string): Redaction {
	const source = typeof text === 'string' ? text : '';
	if (source.length === 0) return { text: '', spans: [] };
	let hits: HitSet;
	try {
		hits = collect(source, locale);
	} catch {
		// Defensive: no pass is known to throw. Should one ever do, nothing is kept rather than
		// something leaking: the whole message becomes one placeholder.
		hits = new HitSet(source.length);
		hits.add({ kind: 'name', start: 0, end: source.length });
	}
	const labels = PLACEHOLDERS[contentLocale(locale)];
	const sorted = [...hits.hits].sort((a, b) => a.start - b.start);
	let out = '';
	let cursor = 0;
	const spans: RedactionSpan[] = [];
	for (const h of sorted) {
		out += source.slice(cursor, h.start);
		const placeholder = labels[h.kind];
		spans.push({
			kind: h.kind,
			start: h.start,
			end: h.end,
			placeholder,
			outputStart: out.length,
			outputEnd: out.length + placeholder.length
		});
		out += placeholder;
		cursor = h.end;
	}
	out += source.slice(cursor);
	return { text: out, spans };
}
