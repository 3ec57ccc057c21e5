// Check characters of national identity numbers that a patient abroad may type without a label,
// each from its published algorithm: Singapore NRIC/FIN (ICA: weights 2 7 6 5 4 3 2, an offset for
// the T and G series, modulo 11 into a letter table), Ireland's PPS number (Revenue: weights 8 to 2,
// 9 for a second letter, modulo 23 into A–V, W for 0), India's Aadhaar (UIDAI: Verhoeff's dihedral
// check digit), and the shape rules of Malaysia's MyKad (JPN: a date of birth, a place-of-birth code,
// four digits).

const NRIC_ST = 'JZIHGFEDCBA';
const NRIC_FG = 'XWUTRQPNMLK';
const NRIC_WEIGHTS = [2, 7, 6, 5, 4, 3, 2];

/** "S8812345Z": a Singapore NRIC (S, T) or FIN (F, G) with its check letter. Upper case. */
export function isSingaporeNric(value: string): boolean {
	if (!/^[STFG]\d{7}[A-Z]$/.test(value)) return false;
	const series = value.charAt(0);
	let sum = series === 'T' || series === 'G' ? 4 : 0;
	for (let i = 0; i < 7; i++) sum += (value.charCodeAt(i + 1) - 48) * (NRIC_WEIGHTS[i] ?? 0);
	const table = series === 'S' || series === 'T' ? NRIC_ST : NRIC_FG;
	return table.charAt(sum % 11) === value.charAt(8);
}

/** "6384921T", "1234567FA": an Irish PPS number with its check letter. Upper case. */
export function isIrishPps(value: string): boolean {
	const m = /^(\d{7})([A-W])([A-IW]?)$/.exec(value);
	if (m === null) return false;
	const digits = m[1] ?? '';
	let sum = 0;
	for (let i = 0; i < 7; i++) sum += (digits.charCodeAt(i) - 48) * (8 - i);
	const second = m[3] ?? '';
	if (second !== '') sum += 9 * (second === 'W' ? 0 : second.charCodeAt(0) - 64);
	const check = sum % 23;
	return (check === 0 ? 'W' : String.fromCharCode(64 + check)) === m[2];
}

// Verhoeff's tables: the dihedral group D5 (multiplication) and the position permutation.
const VERHOEFF_D = [
	[0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
	[1, 2, 3, 4, 0, 6, 7, 8, 9, 5],
	[2, 3, 4, 0, 1, 7, 8, 9, 5, 6],
	[3, 4, 0, 1, 2, 8, 9, 5, 6, 7],
	[4, 0, 1, 2, 3, 9, 5, 6, 7, 8],
	[5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
	[6, 5, 9, 8, 7, 1, 0, 4, 3, 2],
	[7, 6, 5, 9, 8, 2, 1, 0, 4, 3],
	[8, 7, 6, 5, 9, 3, 2, 1, 0, 4],
	[9, 8, 7, 6, 5, 4, 3, 2, 1, 0]
];
const VERHOEFF_P = [
	[0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
	[1, 5, 7, 6, 2, 8, 3, 0, 9, 4],
	[5, 8, 0, 3, 7, 9, 6, 1, 4, 2],
	[8, 9, 1, 6, 0, 4, 3, 5, 2, 7],
	[9, 4, 5, 3, 1, 2, 6, 8, 7, 0],
	[4, 2, 8, 6, 5, 7, 3, 9, 0, 1],
	[2, 7, 9, 3, 8, 0, 6, 4, 1, 5],
	[7, 0, 4, 6, 9, 1, 3, 2, 5, 8]
];

/** A digit string whose last digit is its Verhoeff check digit. */
export function isVerhoeffValid(digits: string): boolean {
	if (!/^\d+$/.test(digits)) return false;
	let c = 0;
	for (let i = 0; i < digits.length; i++) {
		const d = digits.charCodeAt(digits.length - 1 - i) - 48;
		c = VERHOEFF_D[c]?.[VERHOEFF_P[i % 8]?.[d] ?? 0] ?? 0;
	}
	return c === 0;
}

/** Twelve digits, the first 2–9, with Verhoeff's check digit: an Aadhaar number. */
export function isAadhaar(digits: string): boolean {
	return /^[2-9]\d{11}$/.test(digits) && isVerhoeffValid(digits);
}

// MyKad place-of-birth codes: Malaysian states (01–16, 21–59) and countries of birth abroad.
const MYKAD_PLACES = /^(?:0[1-9]|1[0-6]|[2-5]\d|6[0-8]|7[124-9]|8[2-9]|9[0-389])$/;

/** "770618-10-5591": a MyKad number, a date of birth (YYMMDD) and a place-of-birth code first. */
export function isMyKad(value: string): boolean {
	const m = /^(\d{2})(\d{2})(\d{2})-?(\d{2})-?\d{4}$/.exec(value);
	if (m === null) return false;
	const month = Number(m[2]);
	const day = Number(m[3]);
	return month >= 1 && month <= 12 && day >= 1 && day <= 31 && MYKAD_PLACES.test(m[4] ?? '');
}
