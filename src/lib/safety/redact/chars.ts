// Character classes and the two same-length views the redaction passes match on.
//
// Invariant: every view has the length of the original text and position i of a view stands for
// position i of the original, so offsets found in a view index the patient's text.

import { normalize } from '../normalize';

export const isDigit = (c: string): boolean => c >= '0' && c <= '9';
export const isAsciiLetter = (c: string): boolean => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
export const isUpperAscii = (c: string): boolean => c >= 'A' && c <= 'Z';

const LETTER = /^[\p{L}\p{M}]$/u;
const HAN = /^\p{Script=Han}$/u;

/** A letter or combining mark of any script (Zoë, José, Ní, ß, 王). */
export const isLetter = (c: string): boolean =>
	c.length > 0 && (isAsciiLetter(c) || (c > '\u007f' && LETTER.test(c)));
export const isHanChar = (c: string): boolean => c.length > 0 && c >= '\u2e80' && HAN.test(c);
/** A Latin-script letter (ASCII or accented), not Han. */
export const isLatinLetter = (c: string): boolean =>
	isAsciiLetter(c) || (c > '\u007f' && c < '\u0250' && isLetter(c));
export const isAlnum = (c: string): boolean => isDigit(c) || isAsciiLetter(c);

// Traditional characters that occur in the labels, addresses and surnames the passes look for,
// paired by position with their simplified forms (on top of the pairs normalize() already folds).
const TRADITIONAL =
	'區號樓棟單門診證護醫險電話機碼陳劉張楊趙吳孫馬黃鄭謝韓馮鄧葉蘇盧蔣賈閻鍾範譚鄒陸顧龍萬錢湯喬賀賴龔歐陽諸東長軒轅龐聶鮑藍羅許鄉駕駛執車帳戶銀聯絡郵編縣鎮臺灣處層園華興廣豐衛齊簽屬親齡傳緊繫媽兒婦讓為鄰週貴遼寧黑龍蘭嶺鳳鵬飛靜麗紅軍國慶偉濤強懷貞燕鳴龜夢艷蓮潔麗鈞銘鋒鑫錦瑩嬌顏晉閩贛鄂湘桂瓊渝蜀黔滇陝甘蒙疆藏港澳門碼頁網龍號館莊瑪麥陰陳鐵';
const SIMPLIFIED =
	'区号楼栋单门诊证护医险电话机码陈刘张杨赵吴孙马黄郑谢韩冯邓叶苏卢蒋贾阎钟范谭邹陆顾龙万钱汤乔贺赖龚欧阳诸东长轩辕庞聂鲍蓝罗许乡驾驶执车账户银联络邮编县镇台湾处层园华兴广丰卫齐签属亲龄传紧系妈儿妇让为邻周贵辽宁黑龙兰岭凤鹏飞静丽红军国庆伟涛强怀贞燕鸣龟梦艳莲洁丽钧铭锋鑫锦莹娇颜晋闽赣鄂湘桂琼渝蜀黔滇陕甘蒙疆藏港澳门码页网龙号馆庄玛麦阴陈铁';
const FOLD = new Map<string, string>();
for (let i = 0; i < TRADITIONAL.length && i < SIMPLIFIED.length; i++)
	FOLD.set(TRADITIONAL.charAt(i), SIMPLIFIED.charAt(i));

/**
 * The view most passes match on: normalize() (full-width ASCII, odd spaces, quotes, dashes) plus
 * the traditional characters above, and the ideographic full stop kept as '。'.
 */
export function redactionView(text: string): string {
	const norm = normalize(text);
	let out = '';
	let runStart = 0;
	for (let i = 0; i < norm.length; i++) {
		const code = norm.charCodeAt(i);
		if (code < 0x4e00) continue;
		const folded = FOLD.get(norm.charAt(i));
		if (folded !== undefined) {
			out += norm.slice(runStart, i) + folded;
			runStart = i + 1;
		}
	}
	return runStart === 0 ? norm : out + norm.slice(runStart);
}

// Chinese digits as a patient types a number out (一三八…, 幺 for 1 on the phone, 〇/零/○ for 0).
const ZH_DIGIT_CHARS = '〇○零一幺二两三四五六七八九';
const ZH_DIGIT_VALUES = '00011223456789';
const ZH_DIGITS = new Map<string, string>();
for (let i = 0; i < ZH_DIGIT_CHARS.length; i++)
	ZH_DIGITS.set(ZH_DIGIT_CHARS.charAt(i), ZH_DIGIT_VALUES.charAt(i));

export const zhDigit = (c: string): string | undefined => ZH_DIGITS.get(c);

/**
 * `view` with runs of at least `minRun` Chinese digits (spaces and dashes allowed between them)
 * written as ASCII digits, so a phone number typed in words reads like one typed in digits.
 * Shorter runs (三天, 两片, 一二三) stay as they are. Returns the mask of converted positions too.
 */
export function zhDigitView(view: string, minRun = 7): { text: string; converted: Uint8Array | null } {
	let converted: Uint8Array | null = null;
	let out = '';
	let cursor = 0;
	let i = 0;
	while (i < view.length) {
		if (zhDigit(view.charAt(i)) === undefined) {
			i++;
			continue;
		}
		let j = i;
		let count = 0;
		let last = i;
		while (j < view.length) {
			const c = view.charAt(j);
			if (zhDigit(c) !== undefined) {
				count++;
				j++;
				last = j;
			} else if ((c === ' ' || c === '-') && zhDigit(view.charAt(j + 1)) !== undefined) j++;
			else break;
		}
		if (count >= minRun) {
			converted ??= new Uint8Array(view.length);
			out += view.slice(cursor, i);
			for (let k = i; k < last; k++) {
				const c = view.charAt(k);
				out += zhDigit(c) ?? c;
				converted[k] = 1;
			}
			cursor = last;
		}
		i = Math.max(j, i + 1);
	}
	if (converted === null) return { text: view, converted: null };
	return { text: out + view.slice(cursor), converted };
}
