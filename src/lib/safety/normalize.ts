// Length-preserving normalisation for matching. Invariant: normalize(text).length === text.length and
// every output code unit stands for the input code unit at the same index, so match offsets found in
// the normalised string are offsets into the patient's original text.
//
// It folds full-width ASCII to ASCII, typographic quotes to ASCII quotes, odd spaces and control
// characters to a plain space, and a small set of traditional characters (those that occur in our
// term lists) to simplified, so "呼吸困難" matches "呼吸困难". Case is left to the regex `i` flag (or,
// for redaction, to a case-folded view: redact/chars.ts foldCase).

// Pairs by position: TRADITIONAL[i] folds to SIMPLIFIED[i].
const TRADITIONAL =
	'難氣頭腦風過說話臟壓悶發暈絞識醫嘔麼淚癇驚噁傷燒燙藥殺車禍歲嬰兒寶嚴劇腫嚨緊痺側邊臉講語應厲鮮紅當時現沒從來們媽爺孫懷產陣續斷無塊種樣親強鹼農滅蟲劑殘結東見視線動癲癱瘓膚謝臨歷腸體溫嗎這麽會還對勁覺聽';
const SIMPLIFIED =
	'难气头脑风过说话脏压闷发晕绞识医呕么泪痫惊恶伤烧烫药杀车祸岁婴儿宝严剧肿咙紧痹侧边脸讲语应厉鲜红当时现没从来们妈爷孙怀产阵续断无块种样亲强碱农灭虫剂残结东见视线动癫瘫痪肤谢临历肠体温吗这么会还对劲觉听';

function foldCode(code: number): number {
	// Full-width ASCII block → ASCII (same UTF-16 length: one unit each).
	if (code >= 0xff01 && code <= 0xff5e) return code - 0xfee0;
	if (code === 0x3000 || code === 0x00a0 || (code >= 0x2000 && code <= 0x200d) || code === 0xfeff)
		return 0x20;
	if (code === 0x2018 || code === 0x2019 || code === 0x201b || code === 0x2032 || code === 0x02bc)
		return 0x27;
	if (code === 0x201c || code === 0x201d || code === 0x201e) return 0x22;
	if (code === 0x2010 || code === 0x2011 || code === 0x2012 || code === 0x2013 || code === 0x2014)
		return 0x2d;
	if (code === 0x3002 || code === 0xff61) return 0x3002;
	if (code < 0x20 && code !== 0x0a && code !== 0x09 && code !== 0x0d) return 0x20;
	if (code === 0x7f) return 0x20;
	return code;
}

// FOLDED[code] is the code unit `code` normalises to, for every UTF-16 code unit.
const FOLDED = new Uint16Array(0x10000);
for (let code = 0; code < 0x10000; code++) FOLDED[code] = foldCode(code);
for (let i = 0; i < TRADITIONAL.length; i++) FOLDED[TRADITIONAL.charCodeAt(i)] = SIMPLIFIED.charCodeAt(i);

/** The code unit `code` normalises to (normalize() of a one-unit string, as a code unit). */
export const normalizedUnit = (code: number): number => FOLDED[code] ?? code;

/** Same-length normalised copy of `text` for matching (see the module comment). */
export function normalize(text: string): string {
	let changed = false;
	const parts: string[] = [];
	let runStart = 0;
	for (let i = 0; i < text.length; i++) {
		const code = text.charCodeAt(i);
		// Fast path: plain printable ASCII stays as it is.
		if ((code >= 0x20 && code < 0x7f) || code === 0x0a) continue;
		const folded = FOLDED[code] ?? code;
		if (folded !== code) {
			parts.push(text.slice(runStart, i), String.fromCharCode(folded));
			runStart = i + 1;
			changed = true;
		}
	}
	if (!changed) return text;
	parts.push(text.slice(runStart));
	return parts.join('');
}

/** True for a CJK unified ideograph (the Han characters our Chinese terms use). */
export function isHan(code: number): boolean {
	return (code >= 0x4e00 && code <= 0x9fff) || (code >= 0x3400 && code <= 0x4dbf);
}

/**
 * ASCII-only lower-casing (A–Z → a–z), which keeps the length and offsets intact. Term regexes run
 * on this without the `i` flag: V8 matches large case-sensitive alternations much faster.
 */
export function lowerAscii(text: string): string {
	return /[A-Z]/.test(text) ? text.replace(/[A-Z]+/g, (m) => m.toLowerCase()) : text;
}
