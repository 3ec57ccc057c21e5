// Labelled identifiers: a label ("身份证号", "MRN", "member ID", "微信号"…), a short connector
// ("：", "是", "is", "no."), then the value. A label makes a checksum unnecessary: whatever value
// follows it is the patient's number. Labels follow HIPAA Safe Harbor's numbered identifiers
// (telephone/fax (D, E), SSN (G), medical record (H), health plan beneficiary (I), account (J),
// certificate/licence (K), vehicle (L), any other unique number (R)) and PIPL's 身份证件号码,
// 通讯联系方式, 金融账户 and 医疗健康 information.

import { isAsciiLetter, isDigit, isHanChar } from './chars';
import { readRun } from './digits';
import type { HitSet, IdentifierKind } from './types';

type LabelKind = Exclude<IdentifierKind, 'email' | 'name' | 'landline' | 'dob' | 'address' | 'url' | 'ip'>;

const NO = '(?:\\s*(?:number|no\\.?|num\\.?|#|id))?';

const LABEL_SOURCES: [LabelKind, string][] = [
	[
		'messaging',
		`微信号|微信账号|微信|weixin|wechat(?:\\s*id)?|\\bwx(?:id)?\\b|\\bvx\\b|v信|qq号码|qq号|\\bqq\\b|扣扣号|扣扣|企鹅号|whats\\s?app${NO}|telegram${NO}|\\btg\\b|\\bline(?=\\s*(?:id\\b|[:：]))(?:\\s*id)?|\\bsignal(?=\\s*(?:id\\b|[:：]))|skype(?:\\s*id)?|instagram|\\binsta\\b|\\big(?=\\s*[:：])|twitter|facebook|抖音号|抖音|用户名|登录名|登录账号|\\busername\\b|\\buser\\s*name\\b|\\blog\\s?in\\s*(?:id|name)\\b|小红书号|小红书|微博|钉钉号|钉钉|kakao(?:talk)?|viber|discord|snapchat`
	],
	[
		'insurance',
		`医保电子凭证|学生保险号|保险编号|保险号|医保卡号|医保卡|医保号|医保账号|医保|社会保障卡号?|社保卡号?|参保号|保单号码|保单号|保险单号|保险卡号|\\binsurance\\s*(?:number|no\\.?|id|#|policy|card)|\\bpolicy${NO}|\\bmember\\s*(?:id|number|no\\.?|#)|\\bsubscriber\\s*(?:id|number)|\\bgroup\\s*(?:number|no\\.?)|\\bhealth\\s*plan${NO}|\\bmedicare${NO}|\\bmedicaid\\s*cin\\b|\\bcin(?=\\s*(?:number|no\\b|#|is\\b|[:：]))|\\bmedicaid${NO}|\\bbeneficiary\\s*(?:id|number)|\\bmbi\\b|\\bhealth\\s*(?:insurance\\s*)?card${NO}|\\bhealth\\s*(?:number|no\\.?)|\\bohip${NO}|\\bphn\\b|\\bihi\\b|\\bcarte\\s*(?:vitale|soleil|sant[ée])|\\behic${NO}|\\bghic${NO}`
	],
	[
		'travel_document',
		`往来港澳通行证|港澳居民来往内地通行证|台湾居民来往大陆通行证|大陆居民往来台湾通行证|港澳通行证|台胞证|回乡证|通行证|\\b(?:mainland\\s*)?travel\\s*permits?\\s*for\\s*(?:taiwan|hong\\s*kong(?:\\s*and\\s*macao)?|macao)\\s*residents${NO}|\\bexit[-\\s]entry\\s*permit(?:\\s*for\\s*travell?ing\\s*to\\s*and\\s*from\\s*(?:hong\\s*kong\\s*and\\s*macao|taiwan))?${NO}|\\btravel\\s*(?:document|permit)${NO}|\\bhome\\s*return\\s*permit${NO}|\\brefugee\\s*travel\\s*document${NO}|\\bresidence\\s*permit${NO}|\\bbrp${NO}`
	],
	[
		'licence',
		`驾驶证号|驾驶证|驾照号|驾照|驾驶执照|行驶证号|行驶证|车牌号码|车牌号|车牌|号牌|\\bdriv(?:ing|er'?s?)\\s*licen[cs]e${NO}|\\bdl\\s*(?:number|no\\.?|#)|\\blicen[cs]e\\s*(?:number|no\\.?|#|plate)|\\bnumber\\s*plate|\\breg(?:istration)?\\s*(?:plate|number|no\\.?|mark)|\\b(?:car|vehicle|van|motorbike|motorcycle)\\s*(?:reg(?:istration)?|rego)\\b|\\breg\\b|\\brego\\b|\\bplate\\s*(?:number|no\\.?)|\\bplate(?=\\s*(?:[:：]\\s*)?(?=[a-z0-9]*[a-z])(?=[a-z0-9]*\\d)[a-z0-9]{5,8}\\b)`
	],
	[
		'id_number',
		`居民身份证号码|居民身份证|身份证号码|身份证号|身份证|身分证字号|身分证号|身分证|公民身份号码|证件号码|证件号|身份号码|军官证号?|士兵证号?|士官证号?|文职干部证号?|警官证号?|武警警官证号?|残疾人证号?|残疾证号?|居住证号?|永久居留身份证号?|外国人永久居留证号?|永久居留证号?|居留许可号?|居留证号?|永居证号?|出生医学证明编?号?|出生证明编?号?|户口簿号?|户口本号?|\\bnric${NO}|\\bfin\\s*(?:number|no\\.?)|\\bmykad${NO}|\\bic\\s*(?:number|no\\.?)|\\baadhaa?r${NO}|\\bpps\\s*(?:number|no\\.?)|\\bppsn\\b|\\bbsn\\b|\\bpesel\\b|\\bcpr[-\\s]?(?:number|nummer|no\\.?)|\\bpersonnummer\\b|\\bhkid\\b|\\bhong\\s*kong\\s*id(?:entity\\s*card)?${NO}|\\btaiwan(?:ese)?\\s*id${NO}|\\bid(?:[ -]?card)?${NO}|\\bidentity\\s*card${NO}|\\bnational\\s*id(?:entity)?(?:\\s*(?:card|number|no\\.?))?`
	],
	['passport', `护照号码|护照号|护照|\\bpassport${NO}`],
	[
		// HIPAA Safe Harbor (L) vehicle and (M) device identifiers and serial numbers.
		'device',
		`车架号码?|车辆识别代号|车辆识别码|车辆识别号|发动机号码?|序列号|设备序列号|设备编号|设备号|机身序列号|机身号|串号|\\bvin${NO}|\\bvehicle\\s*identification\\s*(?:number|no\\.?)|\\bchassis\\s*(?:number|no\\.?)|\\bserial\\s*(?:number|no\\.?|#)|\\bs/n\\b|\\bsn(?=\\s*[:：#])|\\bimei${NO}|\\bdevice\\s*(?:id|serial|number|no\\.?)|\\bmac\\s*address`
	],
	[
		'bank_card',
		`银行卡号|银行卡|信用卡号|信用卡|借记卡号|借记卡|储蓄卡号|储蓄卡|工资卡|银行账号|卡号|账号|账户号码|账户号|\\b(?:credit|debit|bank)\\s*card${NO}|\\bcard\\s*(?:number|no\\.?|#)|\\baccount\\s*(?:number|no\\.?|#)|\\biban\\b`
	],
	[
		'ssn',
		`社保号码|社保号|社会保障号码|社会保障号|社会保险号码|社会保险号|\\bssn\\b|\\bitin\\b|\\bsocial\\s*security${NO}|\\bsin\\s*(?:number|no\\.?)|\\bsocial\\s*insurance\\s*(?:number|no\\.?)|\\btfn\\b|\\btax\\s*file\\s*(?:number|no\\.?)`
	],
	['nhs_number', `\\bnhs${NO}|\\bchi\\s*(?:number|no\\.?)`],
	[
		'mrn',
		`病历号码|病历号|住院号|门诊号|病案号|就诊卡号|就诊卡|就诊号|档案号|登记号|检验单号|化验单号|检查单号|报告单号|报告编号|检验号|检查号|影像号|放射号|条码号|标本号|样本号|申请单号|挂号单号|挂号序号|预约单号|预约号码|就诊流水号|流水号|处方号|处方编号|发票号码|发票号|\\b(?:lab|specimen|sample|accession|requisition|order|encounter|visit|referral|booking|appointment)\\s*(?:number|no\\.?|#|id)|\\bmrn\\b|\\bhosp\\.?\\s*(?:no\\.?|number|#|id)|\\bhn(?=\\s*[:：#])|\\bur\\s*(?:no\\.?|number)|\\bchart\\s*(?:#|no\\.?|number)|\\bmedical\\s*record${NO}|\\bhospital\\s*(?:number|no\\.?|id|#)|\\bpatient\\s*(?:id|number|no\\.?|#)|\\bcase\\s*(?:number|no\\.?|#)|\\bunit\\s*number`
	],
	[
		'phone',
		`手机号码|手机号|手机|联系电话|电话号码|电话|联系方式|座机|传真|\\b(?:phone|mobile|cell|tel|telephone|fax|landline)${NO}|\\bph(?=\\s*[:：])|\\bmob(?=\\s*[:：])`
	]
];

// Matched on the case-folded view (chars.ts foldCase), so no `i` flag: the same matches as `giu` on
// the view, without V8's slow case-insensitive Unicode matching over the whole message.
//
// Two patterns, one for the labels written in Chinese characters and one for the rest, each with a
// group per kind. The Chinese one opens with a lookahead of its labels' first characters, so at a
// position no label starts from it fails on one character-class test instead of trying every label
// in turn (V8 tries the alternatives of an alternation one after another).

/** The top-level alternatives of a pattern source ("a|b(?:c|d)|e" → a, b(?:c|d), e). */
function alternatives(src: string): string[] {
	const out: string[] = [];
	let depth = 0;
	let inClass = false;
	let start = 0;
	for (let i = 0; i < src.length; i++) {
		const c = src.charAt(i);
		if (c === '\\') i++;
		else if (inClass) inClass = c !== ']';
		else if (c === '[') inClass = true;
		else if (c === '(') depth++;
		else if (c === ')') depth--;
		else if (c === '|' && depth === 0) {
			out.push(src.slice(start, i));
			start = i + 1;
		}
	}
	out.push(src.slice(start));
	return out;
}

const HAN_START = /^\p{Script=Han}/u;
const hanFirst = new Set<string>();
const HAN_SOURCES: [LabelKind, string][] = [];
const OTHER_SOURCES: [LabelKind, string][] = [];
for (const [kind, src] of LABEL_SOURCES) {
	const alts = alternatives(src);
	const han = alts.filter((a) => HAN_START.test(a));
	for (const a of han) hanFirst.add(a.charAt(0));
	const other = alts.filter((a) => !HAN_START.test(a));
	if (han.length > 0) HAN_SOURCES.push([kind, han.join('|')]);
	if (other.length > 0) OTHER_SOURCES.push([kind, other.join('|')]);
}
const groups = (sources: [LabelKind, string][]) =>
	sources.map(([kind, src]) => `(?<${kind}>${src})`).join('|');
const HAN_LABELS = new RegExp(`(?=[${[...hanFirst].join('')}])(?:${groups(HAN_SOURCES)})`, 'gu');
const OTHER_LABELS = new RegExp(groups(OTHER_SOURCES), 'g');
const HAN_ANY = /\p{Script=Han}/u;
// Between a label and its value: punctuation, "是/为/is/was", "number/no.", and a few words of
// description ending in 号/码 ("医保电子凭证号", "身份证上的号码是"). Also on the folded view. At most 17
// steps: a connector longer than 16 characters is refused anyway, and an unbounded one would read
// "id id id …" to the end of the message for every label in it.
const CONNECTOR =
	/(?:\p{Script=Han}{1,6}?(?:号码|编号|号|码))?(?:[\s:：#=＝.】\]）)]|是|为|的是|就是|号码|号|码|\bnumber\b|\bno\.?|\bis\b|\bare\b|\bwas\b|\bid\b|\bcard\b){0,17}/uy;
const EXTENSION =
	/[ \t]*(?:转|分机|内线|ext\.?|extn\.?|extension|x|-(?=\d{1,5}(?![\d-])))[ \t.:：#]*\d{1,6}(?!\d)/iy;

const DIGIT_LIMIT: Record<'id_number' | 'bank_card' | 'ssn' | 'nhs_number' | 'phone', [number, number]> = {
	id_number: [6, 18],
	bank_card: [8, 19],
	ssn: [7, 9],
	nhs_number: [8, 10],
	phone: [7, 15]
};

const isValueChar = (c: string) => isAsciiLetter(c) || isDigit(c);
const isInnerChar = (c: string) => c === '-' || c === '_' || c === '.' || c === '/' || c === ':' || c === '#';

/**
 * An alphanumeric value at `pos`: letters and digits with single inner '-', '_', '.', '/', and
 * single spaces before a further group that has a digit ("1EG4-TE5-MK73", "AB12 CDE", "BL-2023-118804",
 * "A123456(3)"). Returns its end, or -1 when there is none.
 */
// A Chinese certificate number: an issuing office's character(s), 字第, the number, 号 ("南字第2045187号").
const ZH_CERTIFICATE_NUMBER = /^\p{Script=Han}{1,3}字第\s?\d{4,12}\s?号?/u;
// A dose or a count after a label word ("reg 100mg"): no licence number.
const DOSE_VALUE = /^\d+(?:\.\d+)?(?:mg|mcg|ug|ml|g|kg|iu|units?|mmol|bpm)$/i;

// A handle after a platform's name, in any script: "微博@小雨的抗癌日记", "抖音：@健身达人阿杰".
const AT_HANDLE = /^@[\p{Script=Han}\p{L}\p{N}_.-]{1,20}/u;

function readValue(text: string, pos: number, kind: LabelKind): number {
	if (kind === 'messaging' && text.charAt(pos) === '@') {
		const handle = AT_HANDLE.exec(text.slice(pos, pos + 22));
		if (handle !== null && isHanChar(handle[0].charAt(1))) return pos + handle[0].length;
	}
	if (kind === 'id_number') {
		const certificate = ZH_CERTIFICATE_NUMBER.exec(text.slice(pos, pos + 24));
		if (certificate !== null) return pos + certificate[0].length;
	}
	let i = pos;
	if (kind === 'messaging' && text.charAt(i) === '@') i++;
	if (!isValueChar(text.charAt(i))) return -1;
	let end = -1;
	let groups = 0;
	while (i < text.length && i - pos < 40) {
		const gStart = i;
		while (
			i < text.length &&
			i - pos < 40 &&
			(isValueChar(text.charAt(i)) || (isInnerChar(text.charAt(i)) && isValueChar(text.charAt(i + 1))))
		)
			i++;
		if (i === gStart) break;
		groups++;
		end = i;
		// "A123456(3)": a bracketed check character.
		if (/^\([0-9A-Za-z]\)/.test(text.slice(i, i + 3))) {
			end = i + 3;
			break;
		}
		if (text.charAt(i) !== ' ' || groups >= 4) break;
		// Another group only when it is short and has a digit, or (plates) is 3 capitals: "AB12 CDE".
		const m = /^ ([A-Za-z0-9]{1,8})(?![A-Za-z0-9])/.exec(text.slice(i, i + 10));
		const next = m?.[1];
		if (next === undefined) break;
		const plate = kind === 'licence' && /^[A-Z]{3}$/.test(next);
		if (!/\d/.test(next) && !plate) break;
		if (kind === 'messaging') break;
		i++;
	}
	return end;
}

/** Finds every label and redacts the value after it (`lower`: foldCase(text)). */
export function findLabelled(text: string, lower: string, hits: HitSet): void {
	const matches = [...lower.matchAll(OTHER_LABELS)];
	if (HAN_ANY.test(lower)) {
		matches.push(...lower.matchAll(HAN_LABELS));
		matches.sort((a, b) => a.index - b.index);
	}
	for (const m of matches) {
		const groups = m.groups ?? {};
		const kind = LABEL_SOURCES.find(([k]) => groups[k] !== undefined)?.[0];
		if (kind === undefined) continue;
		const labelEnd = m.index + m[0].length;
		// A Latin label glued to a following letter is a longer word ("telegraph", "cellulitis").
		if (isAsciiLetter(m[0].charAt(m[0].length - 1)) && isAsciiLetter(text.charAt(labelEnd))) continue;
		CONNECTOR.lastIndex = labelEnd;
		const conn = CONNECTOR.exec(lower);
		const connText = conn === null ? '' : conn[0];
		if (connText.length > 16) continue;
		const pos = labelEnd + connText.length;
		redactValue(text, hits, kind, pos, connText);
	}
}

function redactValue(text: string, hits: HitSet, kind: LabelKind, pos: number, connText: string): void {
	const c = text.charAt(pos);
	const digitKind =
		kind === 'id_number' ||
		kind === 'bank_card' ||
		kind === 'ssn' ||
		kind === 'nhs_number' ||
		kind === 'phone';
	if (digitKind && (isDigit(c) || c === '+' || c === '(')) {
		readDigitValue(text, hits, kind, pos);
		return;
	}
	if (
		kind === 'messaging' &&
		(c === '+' || (isDigit(c) && /^[\d ()+-]{7,}/.test(text.slice(pos, pos + 20))))
	) {
		const end = digitRunEnd(text, pos, 15);
		if (end > pos) hits.add({ kind: 'messaging', start: pos, end });
		return;
	}
	if (kind === 'bank_card' || kind === 'ssn' || kind === 'nhs_number' || kind === 'phone') return;
	const end = readValue(text, pos, kind);
	if (end <= pos) return;
	const value = text.slice(pos, end);
	if (kind === 'messaging') {
		// A handle needs a digit, '_', '@' or an explicit "：" / "ID" before it ("my WhatsApp is broken").
		const explicit = /[:：]|id|号|是/i.test(connText);
		if (!/[\d_@]/.test(value) && !(explicit && value.length >= 4)) return;
	} else {
		// A document or record number has digits: at least three (two on a plate, "AB12 CDE"), so
		// a word after a label ("ID: type-2-diabetes") is not taken.
		const digits = value.replace(/\D/g, '').length;
		if (digits < (kind === 'licence' ? 2 : 3)) return;
		if (kind === 'licence' && DOSE_VALUE.test(value)) return;
		// A plate or licence starts with a group that has a digit, or a short group of capitals
		// ("ABC 123"): "reg insulin 10 units" has none.
		const first = value.split(/[ ]/)[0] ?? '';
		if (kind === 'licence' && !/\d/.test(first) && !/^[A-Z]{1,3}$/.test(first)) return;
	}
	if (value.length < 4 && kind !== 'messaging') return;
	if (isHanChar(text.charAt(end)) && kind === 'messaging' && !/\d/.test(value)) return;
	hits.add({ kind, start: pos, end });
}

function digitRunEnd(text: string, pos: number, max: number): number {
	const run = readRun(text, pos);
	if (run === null) return pos;
	let count = 0;
	let end = pos;
	for (const g of run.groups) {
		if (count > 0 && count + g.digits.length > max) break;
		count += g.digits.length;
		end = g.end;
	}
	if (text.charAt(end) === ')' && text.slice(pos, end).includes('(')) end++;
	return end;
}

function readDigitValue(
	text: string,
	hits: HitSet,
	kind: 'id_number' | 'bank_card' | 'ssn' | 'nhs_number' | 'phone',
	pos: number
): void {
	const run = readRun(text, pos);
	if (run === null) return;
	const [min, max] = DIGIT_LIMIT[kind];
	let count = 0;
	let end = pos;
	for (const g of run.groups) {
		if (count > 0 && count + g.digits.length > max) break;
		count += g.digits.length;
		end = g.end;
		if (count >= min && g === run.groups[0] && count >= 11) break;
	}
	if (count < min) return;
	// A check character glued to the digits: 'X' of a resident ID, the letters of an Irish PPS
	// number ("6384921T", "1234567FA").
	if (kind === 'id_number') {
		// A Chinese disability certificate adds two digits (category, grade) after the ID: "…123X41".
		const check = /^[A-Za-z]{1,2}(?![A-Za-z])\d{0,2}(?!\d)/.exec(text.slice(end, end + 5));
		if (check !== null) end += check[0].length;
	}
	if (text.charAt(end) === ')' && text.slice(pos, end).includes('(')) end++;
	let outKind: IdentifierKind = kind;
	if (kind === 'phone') {
		const numberEnd = end;
		EXTENSION.lastIndex = end;
		const ext = EXTENSION.exec(text);
		if (ext !== null) end += ext[0].length;
		const digits = text.slice(run.start, numberEnd).replace(/\D/g, '');
		outKind =
			/^(?:86|0086)?1[3-9]\d{9}$/.test(digits) || /^(?:44)?0?7\d{9}$/.test(digits) ? 'phone' : 'landline';
	}
	hits.add({ kind: outKind, start: run.start, end });
}
