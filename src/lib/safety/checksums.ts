// Check digits for the identifiers the redactor recognises. Pure functions over digit strings;
// each returns false (never throws) for input of the wrong length or alphabet.

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const ID_CHECK_CHARS = '10X98765432';

/** Province-level codes that can open a mainland resident ID (GB/T 2260 first two digits). */
const PROVINCE_CODES = new Set([
	11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61,
	62, 63, 64, 65, 71, 81, 82, 83, 91
]);

/** The two digits (0–9 each) form a province-level code that can open a resident ID. */
export function isProvinceCode(tens: number, units: number): boolean {
	return PROVINCE_CODES.has(tens * 10 + units);
}

/** The GB 11643-1999 check character ('0'–'9' or 'X') for the first 17 digits, or null. */
export function residentIdCheckChar(first17: string): string | null {
	if (!/^\d{17}$/.test(first17)) return null;
	let sum = 0;
	for (let i = 0; i < 17; i++) sum += Number(first17.charCodeAt(i) - 48) * (ID_WEIGHTS[i] ?? 0);
	return ID_CHECK_CHARS.charAt(sum % 11);
}

function isValidDate(year: number, month: number, day: number): boolean {
	if (month < 1 || month > 12 || day < 1) return false;
	const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
	return day <= days;
}

/** An 18-character mainland resident ID: province code, plausible birth date, GB 11643 check char. */
export function isResidentId18(value: string): boolean {
	const id = value.toUpperCase();
	if (!/^\d{17}[\dX]$/.test(id)) return false;
	if (!PROVINCE_CODES.has(Number(id.slice(0, 2)))) return false;
	const year = Number(id.slice(6, 10));
	if (year < 1880 || year > 2100) return false;
	if (!isValidDate(year, Number(id.slice(10, 12)), Number(id.slice(12, 14)))) return false;
	return residentIdCheckChar(id.slice(0, 17)) === id.charAt(17);
}

/** A first-generation 15-digit resident ID (no check digit): province code and a 19YYMMDD birth date. */
export function isResidentId15(value: string): boolean {
	if (!/^\d{15}$/.test(value)) return false;
	if (!PROVINCE_CODES.has(Number(value.slice(0, 2)))) return false;
	return isValidDate(
		1900 + Number(value.slice(6, 8)),
		Number(value.slice(8, 10)),
		Number(value.slice(10, 12))
	);
}

/** Luhn (mod 10) check over a digit string of 12–19 digits, as used by payment cards. */
export function isLuhnValid(digits: string): boolean {
	if (!/^\d{12,19}$/.test(digits)) return false;
	let sum = 0;
	let double = false;
	for (let i = digits.length - 1; i >= 0; i--) {
		let d = digits.charCodeAt(i) - 48;
		if (double) {
			d *= 2;
			if (d > 9) d -= 9;
		}
		sum += d;
		double = !double;
	}
	return sum % 10 === 0;
}

/** NHS number: 10 digits, weights 10..2 over the first nine, check = 11 − (sum mod 11); 10 is invalid. */
export function isNhsNumber(digits: string): boolean {
	if (!/^\d{10}$/.test(digits)) return false;
	let sum = 0;
	for (let i = 0; i < 9; i++) sum += (digits.charCodeAt(i) - 48) * (10 - i);
	let check = 11 - (sum % 11);
	if (check === 11) check = 0;
	if (check === 10) return false;
	return check === digits.charCodeAt(9) - 48;
}

/** US SSN structure: 9 digits, area not 000/666/9xx, group not 00, serial not 0000. */
export function isSsnShape(digits: string): boolean {
	if (!/^\d{9}$/.test(digits)) return false;
	const area = digits.slice(0, 3);
	if (area === '000' || area === '666' || area.charAt(0) === '9') return false;
	return digits.slice(3, 5) !== '00' && digits.slice(5) !== '0000';
}

const letterValue = (c: string): number => c.charCodeAt(0) - 55; // 'A' → 10 … 'Z' → 35

/**
 * Hong Kong identity card (Registration of Persons Ordinance): one or two letters, six digits and a
 * check character ('0'–'9' or 'A'), with or without brackets around it: "A123456(3)", "AB9876543".
 * Weights 9..2 over the letters (a lone letter is padded with the value 36) and the six digits;
 * the check character makes the weighted sum a multiple of 11 ('A' stands for 10).
 */
export function isHkIdentityCard(value: string): boolean {
	const m = /^([A-Z]{1,2})(\d{6})\(?([0-9A])\)?$/.exec(value.toUpperCase());
	if (m === null) return false;
	const letters = m[1] ?? '';
	const body = (letters.length === 1 ? ' ' : '') + letters + (m[2] ?? '');
	let sum = 0;
	for (let i = 0; i < 8; i++) {
		const c = body.charAt(i);
		const v = c === ' ' ? 36 : c >= 'A' ? letterValue(c) : c.charCodeAt(0) - 48;
		sum += v * (9 - i);
	}
	const check = m[3] === 'A' ? 10 : Number(m[3]);
	return (sum + check) % 11 === 0;
}

// Taiwan: the letter's two-digit code (A=10 … H=17, I=34, J=18 … N=22, O=35, P=23 … V=29, W=32,
// X=30, Y=31, Z=33), as in the ROC national identification number rules.
const TW_LETTER_CODES: Record<string, number> = {
	A: 10,
	B: 11,
	C: 12,
	D: 13,
	E: 14,
	F: 15,
	G: 16,
	H: 17,
	I: 34,
	J: 18,
	K: 19,
	L: 20,
	M: 21,
	N: 22,
	O: 35,
	P: 23,
	Q: 24,
	R: 25,
	S: 26,
	T: 27,
	U: 28,
	V: 29,
	W: 32,
	X: 30,
	Y: 31,
	Z: 33
};

/**
 * Taiwan national ID (中華民國國民身分證統一編號) and the new-style resident certificate: a letter,
 * 1/2 (or 8/9 for residents), seven digits and a check digit; the weighted sum (1, 9 over the
 * letter's code, then 8..1, then 1) is a multiple of 10. "A123456789" is valid.
 */
export function isTaiwanId(value: string): boolean {
	const id = value.toUpperCase();
	if (!/^[A-Z][1289]\d{8}$/.test(id)) return false;
	const code = TW_LETTER_CODES[id.charAt(0)];
	if (code === undefined) return false;
	let sum = Math.floor(code / 10) + (code % 10) * 9;
	for (let i = 1; i < 9; i++) sum += (id.charCodeAt(i) - 48) * (9 - i);
	sum += id.charCodeAt(9) - 48;
	return sum % 10 === 0;
}
