// Unlabelled document numbers whose format or check character is distinctive enough on its own:
// Hong Kong identity cards (check character), Taiwan national IDs (checksum), PRC passports
// (E/G series, as issued since 2012 and before), and mainland vehicle plates (GA 36-2018: province
// abbreviation, issuing-office letter, optional separator dot, five characters, six for new-energy
// plates; I and O are never used). Also, for patients who live or were born abroad: Singapore
// NRIC/FIN numbers (check letter), US Medicare Beneficiary Identifiers (CMS
// MBI format: eleven positions, letters without S L O I B Z), UK number plates (DVLA current format:
// two letters, an age identifier 02–29 or 51–79, three letters without I and Q) and Irish plates
// (year, county code, serial), UK National Insurance numbers (HMRC format) and IBANs (ISO 13616,
// mod 97). Irish PPS, Aadhaar and MyKad numbers start with digits: the digit
// runs (digits.ts) read them.

import { isHkIdentityCard, isTaiwanId } from '../checksums';
import { isSingaporeNric } from './idcodes';
import type { HitSet, IdentifierKind } from './types';

const HKID = /(?<![A-Za-z0-9])[A-Z]{1,2}\d{6}(?:\([0-9A]\)|[0-9A])(?![A-Za-z0-9)])/g;
const TWID = /(?<![A-Za-z0-9])[A-Z][1289]\d{8}(?![A-Za-z0-9])/g;
const PASSPORT_CN = /(?<![A-Za-z0-9])(?:[EG]\d{8}|E[A-HJ-NP-Z]\d{7})(?![A-Za-z0-9])/g;
const PLATE_CN =
	/[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼][A-HJ-NP-Z][·•・. ]?[A-HJ-NP-Z0-9]{5,6}(?![A-Za-z0-9])/g;

const NRIC = /(?<![A-Za-z0-9])[STFG]\d{7}[A-Z](?![A-Za-z0-9])/g;
// CMS MBI: C A AN N A AN N A A N N (A: a letter but S L O I B Z), with or without the two dashes.
const MBI_LETTER = '[AC-HJKMNP-RT-Y]';
const MBI = new RegExp(
	`(?<![A-Za-z0-9])[1-9]${MBI_LETTER}[0-9AC-HJKMNP-RT-Y]\\d(-?)${MBI_LETTER}[0-9AC-HJKMNP-RT-Y]\\d\\1${MBI_LETTER}{2}\\d{2}(?![A-Za-z0-9])`,
	'g'
);
const UK_PLATE =
	/(?<![A-Za-z0-9])[A-HJ-PR-Y]{2}(?:0[2-9]|[12]\d|5[1-9]|[67]\d) ?[A-HJ-PR-Z]{3}(?![A-Za-z0-9])/g;
const IRISH_PLATE =
	/(?<![A-Za-z0-9-])(?:\d{2}|1[3-9][12]|2\d[12])([- ])(?:C|CE|CN|CW|D|DL|G|KE|KK|KY|L|LD|LH|LK|LM|LS|MH|MN|MO|OY|RN|SO|T|TN|TS|W|WD|WH|WW|WX)\1\d{1,6}(?![A-Za-z0-9-])/g;

/** Every match of `re` in `text` for which `valid` holds becomes a hit of `kind`. */
function addMatches(
	text: string,
	hits: HitSet,
	re: RegExp,
	kind: IdentifierKind,
	valid: (value: string) => boolean = () => true
): void {
	re.lastIndex = 0;
	for (const m of text.matchAll(re))
		if (valid(m[0])) hits.add({ kind, start: m.index, end: m.index + m[0].length });
}

/** The two-digit year of an Irish plate: 1987 to 2029. */
const irishYear = (plate: string): boolean => {
	const year = Number(plate.slice(0, 2));
	return year >= 87 || year <= 29;
};

// NRIC, MBI and both plates have a capital next to a digit, or a digit, a dash or space, and a capital.
const DOC_SHAPE = /[A-Z]\d|\d[- ]?[A-Z]/;
// UK National Insurance numbers (HMRC): two prefix letters (not D F I Q U V, the second not O,
// and never BG GB NK KN TN NT ZZ), six digits (often in pairs), a suffix A–D.
const NINO =
	/(?<![A-Za-z0-9])(?!BG|GB|NK|KN|TN|NT|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D](?![A-Za-z0-9])/g;
// IBAN (ISO 13616): country, two check digits, the account in groups of four; checked below.
const IBAN = /(?<![A-Za-z0-9])[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?(?![A-Za-z0-9])/g;
// IBAN lengths by country (SWIFT IBAN registry).
const IBAN_LENGTHS: Record<string, number> = {
	AD: 24,
	AE: 23,
	AT: 20,
	AZ: 28,
	BA: 20,
	BE: 16,
	BG: 22,
	BH: 22,
	BR: 29,
	CH: 21,
	CR: 22,
	CY: 28,
	CZ: 24,
	DE: 22,
	DK: 18,
	DO: 28,
	EE: 20,
	EG: 29,
	ES: 24,
	FI: 18,
	FO: 18,
	FR: 27,
	GB: 22,
	GE: 22,
	GI: 23,
	GL: 18,
	GR: 27,
	GT: 28,
	HR: 21,
	HU: 28,
	IE: 22,
	IL: 23,
	IS: 26,
	IT: 27,
	JO: 30,
	KW: 30,
	KZ: 20,
	LB: 28,
	LI: 21,
	LT: 20,
	LU: 20,
	LV: 21,
	MC: 27,
	MD: 24,
	ME: 22,
	MK: 19,
	MR: 27,
	MT: 31,
	MU: 30,
	NL: 18,
	NO: 15,
	PK: 24,
	PL: 28,
	PS: 29,
	PT: 25,
	QA: 29,
	RO: 24,
	RS: 22,
	SA: 24,
	SE: 24,
	SI: 19,
	SK: 24,
	SM: 27,
	TN: 24,
	TR: 26,
	UA: 29,
	VG: 24,
	XK: 20
};

/** An IBAN of its country's length whose check digits hold (mod 97 of the rearranged digits is 1). */
function isIban(value: string): boolean {
	const iban = value.replace(/ /g, '');
	if (IBAN_LENGTHS[iban.slice(0, 2)] !== iban.length) return false;
	const rearranged = iban.slice(4) + iban.slice(0, 4);
	let rest = 0;
	for (const c of rearranged) {
		const code = c.charCodeAt(0);
		const n = code >= 65 ? code - 55 : code - 48;
		rest = (n >= 10 ? rest * 100 + n : rest * 10 + n) % 97;
	}
	return rest === 1;
}

// A vehicle identification number (ISO 3779, 17 characters without I, O, Q) standing alone is taken
// only when its North American check digit (position 9, 49 CFR 565.15) holds.
const VIN = /\b(?=[A-HJ-NPR-Z0-9]*\d)(?=[A-HJ-NPR-Z0-9]*[A-Z])[A-HJ-NPR-Z0-9]{17}\b/g;
const VIN_WEIGHTS = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];
const VIN_LETTERS = '12345678.12345.7.923456789';

function isVin(value: string): boolean {
	let sum = 0;
	for (let i = 0; i < 17; i++) {
		const code = value.charCodeAt(i);
		const n = code <= 57 ? code - 48 : Number(VIN_LETTERS.charAt(code - 65));
		sum += n * (VIN_WEIGHTS[i] ?? 0);
	}
	const check = sum % 11;
	return value.charAt(8) === (check === 10 ? 'X' : String(check));
}

export function findDocuments(text: string, hits: HitSet): void {
	if (text.length >= 17) addMatches(text, hits, VIN, 'device', isVin);
	if (DOC_SHAPE.test(text)) {
		addMatches(text, hits, NRIC, 'id_number', isSingaporeNric);
		addMatches(text, hits, MBI, 'insurance');
		addMatches(text, hits, UK_PLATE, 'licence');
		addMatches(text, hits, IRISH_PLATE, 'licence', irishYear);
		addMatches(text, hits, NINO, 'id_number');
		addMatches(text, hits, IBAN, 'bank_card', isIban);
	}
	for (const m of text.matchAll(HKID))
		if (isHkIdentityCard(m[0])) hits.add({ kind: 'id_number', start: m.index, end: m.index + m[0].length });
	for (const m of text.matchAll(TWID))
		if (isTaiwanId(m[0])) hits.add({ kind: 'id_number', start: m.index, end: m.index + m[0].length });
	for (const m of text.matchAll(PASSPORT_CN))
		hits.add({ kind: 'passport', start: m.index, end: m.index + m[0].length });
	for (const m of text.matchAll(PLATE_CN)) {
		const digits = m[0].replace(/\D/g, '').length;
		if (digits >= 3) hits.add({ kind: 'licence', start: m.index, end: m.index + m[0].length });
	}
}
