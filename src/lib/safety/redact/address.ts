// Home addresses and postcodes (HIPAA Safe Harbor (B): street address, city, ZIP code and other
// geographic subdivisions smaller than a state; PIPL 住址 / 行踪轨迹).
//
// Chinese: anchored on a building number ("88号", "312号楼", "B栋", "1502室"), grown to the right over
// the following building/unit/room parts and to the left over the street and the province, city and
// district before it, up to punctuation or a word such as 住/在/是. Kept only when it really is an
// address: a street suffix (路/街/道/巷/弄/胡同/里/村), a compound (小区/花园/公寓/大厦/苑…), two or more
// building parts, or an address word before it. Dates ("3月5号"), beds ("3号床") and lines ("5号线")
// are not anchors.
// English: a street line (number + name + suffix, "12 Baker Street", or number + French/Spanish/
// Italian prefix, "14 Rue des Lilas"), then Apt/Unit/Flat, city + state + ZIP, UK postcode (the
// official format: outward code + inward code whose letters exclude C, I, K, M, O, V) or a European
// postcode and city; and standalone UK postcodes, ZIP codes after a state or a "ZIP" label, and
// Chinese postcodes after 邮编.

import { isAsciiLetter, isDigit, isHanChar } from './chars';
import type { HitSet } from './types';

// ---------------------------------------------------------------------------------------------
// Chinese

const ZH_TOKEN =
	/([0-9]{1,5}|[A-Za-z]|[一二三四五六七八九十百〇零]{1,4})\s?(号楼|号院|号|弄|栋|幢|座|单元|室|楼|层)/y;
// A named building may open with Latin letters ("SOHO现代城"); it counts only when a block, unit or
// room follows it.
const BUILDING =
	/(?:[A-Za-z]{1,10}\s?)?\p{Script=Han}{1,10}?(?:广场|大厦|中心|花园|小区|公寓|苑|大楼|商城|家园|新村|公馆|华府|国际|天地|写字楼|科技园|产业园|园区|城|府|湾)/uy;
const STRONG = new Set(['号楼', '号院', '号', '弄', '栋', '幢', '单元', '室']);
const ZH_ANCHOR = /([0-9]{1,5}|[A-Za-z]|[一二三四五六七八九十百]{1,4})\s?(?:号楼|号院|号|弄|栋|幢|单元|室)/g;
const NOT_AFTER =
	/^(?:床|病房|房间|诊室|窗口|线|桌|位|机|门诊|药|针|片|检查|手术|复查|开始|出院|住院|晚上|早上|上午|下午|中午|凌晨)/;
const LEFT_STOP = new Set(
	'，,。.；;：:！!？?、（()）“”"\'\n\t[]【】<>《》在住址是到于往送寄我的和跟与从离近附'.split('')
);
const ROAD = /(?:路|街|道|巷|弄|胡同|里|村|大道)/;
const ZH_ADDRESS_CUE = /(?:地址|住址|住在|家住|我住|家在|寄到|寄往|寄至|送到|位于)\s?[:：]?\s?/g;
const ZH_DIVISIONS =
	/(?:[\p{Script=Han}0-9]{1,7}?(?:自治区|自治州|街道|小区|社区|新村|花园|大街|大道|胡同|省|市|区|县|旗|镇|乡|村|组|屯|路|街|巷|弄)){2,7}/uy;
const ZH_LEVEL_SUFFIX =
	/自治区|自治州|街道|小区|社区|新村|花园|大街|大道|胡同|省|市|区|县|旗|镇|乡|村|组|屯|路|街|巷|弄/g;
const ZH_BELOW_CITY = /(?:区|县|旗|镇|乡|村|组|屯|街道|小区|社区|新村|花园|路|街|巷|弄|胡同|大道)$/;
// The last characters ZH_BELOW_CITY accepts, and how far ZH_DIVISIONS can read (7 × (7 + 4)).
const BELOW_CITY_LAST = new Set('区县旗镇乡村组屯道园路街巷弄同');
const DIVISIONS_REACH = 77;
// Where a chain of divisions may start without an address word: a clause start or 在/住/到/去/回/从/自,
// before a province-level name or any division.
const ZH_PROVINCE =
	/^(?:北京|天津|上海|重庆|河北|山西|辽宁|吉林|黑龙江|江苏|浙江|安徽|福建|江西|山东|河南|湖北|湖南|广东|海南|四川|贵州|云南|陕西|甘肃|青海|台湾|内蒙古|广西|西藏|宁夏|新疆)/;
const ZH_CHAIN_START = /(?:^|[^\p{Script=Han}0-9]|在|住|到|去|回|从|自)(?=\p{Script=Han})/gu;
const ZH_CHAIN_START_NEEDS = /[镇乡村组屯路街巷弄道区园同]/;
const ZH_BELOW_COUNTY = /(?:镇|乡|村|组|屯|街道|社区|小区|新村|路|街|巷|弄|胡同|大道)$/;
const BELOW_COUNTY_LAST = new Set('镇乡村组屯道区园路街巷弄同');
const COMPOUND =
	/(?:小区|花园|公寓|大厦|苑|家园|新村|社区|园|城|广场|山庄|公馆|华府|别墅|宿舍|新区|三区|二区|一区)/;
const ADDRESS_CUE = /(?:地址|住址|住在|家住|我住|住|寄到|寄往|寄至|送到|收货|位于|家在)\s?[:：]?\s?$/;

/** The address may grow left over the character before `s` (a fact about the text at s only). */
function growsLeft(text: string, s: number): boolean {
	const c = text.charAt(s - 1);
	// A single space between a street part and a number ("文三路 259 号").
	if (c === ' ')
		return isHanChar(text.charAt(s - 2)) && (isDigit(text.charAt(s)) || isHanChar(text.charAt(s)));
	if (LEFT_STOP.has(c)) return false;
	return isHanChar(c) || isDigit(c) || isAsciiLetter(c) || c === '-';
}

// The last left edge found: from `edgeFrom` the growth stops at `edgeStop` (or, when it was cut at
// 40 characters, somewhere at or before `edgeStop`). The stop depends on the text, not on where the
// growth started, so an anchor further right that grows back to edgeFrom stops there too: a row of
// anchors reads its street once, not once per anchor.
let edgeText = '';
let edgeFrom = -1;
let edgeStop = -1;

/** Start of the address that ends at `from`: at most 40 characters back. */
function leftEdge(text: string, from: number): number {
	const limit = from - 40;
	if (text !== edgeText || from < edgeFrom) {
		edgeText = text;
		edgeFrom = -1;
	}
	let s = from;
	let stop = -1;
	while (s > 0 && s > limit) {
		if (s === edgeFrom) {
			stop = edgeStop;
			break;
		}
		if (!growsLeft(text, s)) {
			stop = s;
			break;
		}
		s--;
	}
	// Cut at 40 characters (or at the start): the growth stops there or before.
	if (stop === -1) stop = s;
	edgeFrom = from;
	edgeStop = stop;
	return Math.max(stop, limit, 0);
}

/** The last taken position in [start, end), or -1. */
function lastTaken(hits: HitSet, start: number, end: number): number {
	for (let i = end - 1; i >= start; i--) if (hits.taken(i)) return i;
	return -1;
}

// A building-number anchor ends in one of these.
const ZH_ANCHOR_NEEDS = /[号弄栋幢单室]/;

function findChineseAddresses(text: string, hits: HitSet): void {
	ZH_ANCHOR.lastIndex = 0;
	let resume = 0;
	// A taken position (-1: none known), kept while anchors move right: taken stays taken.
	let blocked = -1;
	for (const m of ZH_ANCHOR_NEEDS.test(text) ? text.matchAll(ZH_ANCHOR) : []) {
		const anchor = m.index;
		if (anchor < resume || hits.taken(anchor)) continue;
		const prev = text.charAt(anchor - 1);
		if (prev === '月' || prev === '第' || prev === '几' || (isDigit(prev) && !/[A-Za-z]/.test(m[1] ?? '')))
			continue;
		// The left edge first: when a character between it and the anchor is already taken, the
		// address cannot be added, and nothing else below needs reading.
		const start = leftEdge(text, anchor);
		if (blocked < start || blocked >= anchor) blocked = lastTaken(hits, start, anchor);
		if (blocked >= start && blocked < anchor) continue;
		// Right: consecutive building/unit/room tokens, with at most one space between.
		let end = anchor;
		let strong = 0;
		let tokens = 0;
		let pos = anchor;
		let lastSuffix = '';
		while (tokens < 8) {
			let p = pos;
			if (tokens > 0 && (text.charAt(p) === ' ' || text.charAt(p) === '-' || text.charAt(p) === '附')) p++;
			ZH_TOKEN.lastIndex = p;
			const t = ZH_TOKEN.exec(text);
			if (t === null) break;
			tokens++;
			const suffix = t[2] ?? '';
			if (STRONG.has(suffix)) strong++;
			lastSuffix = suffix;
			pos = p + t[0].length;
			end = pos;
		}
		if (tokens === 0 || NOT_AFTER.test(text.slice(end, end + 4))) continue;
		// A named building after the number, then its block and room: "103号维多利广场A座2305".
		for (let more = 0; more < 2; more++) {
			BUILDING.lastIndex = end;
			const b = BUILDING.exec(text);
			if (b === null) break;
			let p = end + b[0].length;
			let grown = false;
			for (let k = 0; k < 4; k++) {
				if (text.charAt(p) === ' ') p++;
				ZH_TOKEN.lastIndex = p;
				const t = ZH_TOKEN.exec(text);
				if (t === null) break;
				p += t[0].length;
				lastSuffix = t[2] ?? '';
				grown = true;
			}
			if (!grown) break;
			end = p;
		}
		// A room number after the unit or building: "2 单元 501".
		if (
			lastSuffix === '单元' ||
			lastSuffix === '栋' ||
			lastSuffix === '幢' ||
			lastSuffix === '号楼' ||
			lastSuffix === '座'
		) {
			const room = /^\s?(\d{3,4})(?!\d)/.exec(text.slice(end, end + 6));
			if (room !== null) end += room[0].length;
		}
		const left = text.slice(start, anchor);
		const cue = ADDRESS_CUE.test(text.slice(Math.max(0, start - 6), start));
		const street = ROAD.test(left) || COMPOUND.test(left) || cue;
		if (!(strong >= 2 || (strong >= 1 && street))) continue;
		if (hits.add({ kind: 'address', start, end })) resume = end;
	}
	// No house number (rural addresses, or stopped at the street): after an address word, a chain
	// of two or more divisions ending in 省/市/区/县/镇/乡/村/街道/小区…: "家住河南省周口市太康县王集乡李庄村".
	// The chain must end in a division below the city, and ZH_DIVISIONS reads at most 7 levels of
	// 7 + 4 characters: without such a last character within that reach there is nothing to add.
	let below = -1;
	for (const m of text.matchAll(ZH_ADDRESS_CUE)) {
		const pos = m.index + m[0].length;
		// Already inside an address: it cannot be added again.
		if (hits.taken(pos)) continue;
		if (below < pos) {
			below = pos;
			while (below < text.length && !BELOW_CITY_LAST.has(text.charAt(below))) below++;
		}
		if (below >= pos + DIVISIONS_REACH) continue;
		ZH_DIVISIONS.lastIndex = pos;
		const d = ZH_DIVISIONS.exec(text);
		if (d === null) continue;
		const levels = d[0].match(ZH_LEVEL_SUFFIX)?.length ?? 0;
		if (levels >= 2 && ZH_BELOW_CITY.test(d[0]))
			hits.add({ kind: 'address', start: pos, end: pos + d[0].length });
	}
	// Without an address word: a chain of three or more divisions down to a township, village or
	// street ("河南省周口市郸城县石槽镇李楼村三组"), from a province-level name or the start of a clause.
	// A chain is read once: the next start is looked for after it.
	// As above, nothing is read from a start with no last character of a chain within reach.
	let from = 0;
	let last = -1;
	for (const m of ZH_CHAIN_START_NEEDS.test(text) ? text.matchAll(ZH_CHAIN_START) : []) {
		const pos = m.index + m[0].length;
		if (pos < from || hits.taken(pos)) continue;
		if (last < pos) {
			last = pos;
			while (last < text.length && !BELOW_COUNTY_LAST.has(text.charAt(last))) last++;
		}
		if (last >= pos + DIVISIONS_REACH) continue;
		ZH_DIVISIONS.lastIndex = pos;
		const d = ZH_DIVISIONS.exec(text);
		if (d === null) continue;
		const levels = d[0].match(ZH_LEVEL_SUFFIX)?.length ?? 0;
		// It starts with a province-level name, or its first level is a city or county of at most
		// four characters ("周口市…", not "我妈在四川省…").
		const province = ZH_PROVINCE.test(d[0].slice(0, 3));
		const city = /^[\p{Script=Han}]{1,4}?[市县州盟]/u.test(d[0]);
		if (levels >= 3 && ZH_BELOW_COUNTY.test(d[0]) && (province || city)) {
			from = pos + d[0].length;
			hits.add({ kind: 'address', start: pos, end: from });
		}
	}
	// Postcode after 邮编 / 邮政编码.
	for (const p of text.matchAll(/(?:邮编|邮政编码)\s?[:：]?\s?(\d{6})(?!\d)/g)) {
		const value = p[1] ?? '';
		const vs = p.index + p[0].length - value.length;
		hits.add({ kind: 'address', start: vs, end: vs + value.length });
	}
}

// ---------------------------------------------------------------------------------------------
// English and other Latin-script addresses

const SUFFIX =
	'Street|St|Road|Rd|Avenue|Ave|Av|Lane|Ln|Drive|Dr|Close|Cl|Way|Court|Ct|Place|Pl|Crescent|Cres|Gardens|Gdns|Terrace|Terr|Grove|Gr|Square|Sq|Hill|Row|Mews|Walk|Park|Boulevard|Blvd|Highway|Hwy|Parkway|Pkwy|Circle|Cir|Trail|Trl|Parade|Rise|View|Green|Wharf|Quay|Embankment|Broadway|Strasse|Straße|Weg|Gasse|Platz|Loop|Alley|Plaza|Commons|Heights|Meadows|Point|Pike|Run|Crossing|Causeway|Esplanade';
const LOWER_SUFFIX = 'street|road|avenue|lane|drive|close|crescent|terrace|boulevard|grove|gardens|square';
const PREFIX =
	'Rue|Avenue|Av\\.|Boulevard|Bd|Via|Viale|Calle|Avenida|Av\\.|Rua|Chemin|Allée|Piazza|Plaza|Carrer|Strada|Rua|Paseo|Camino';

// The street number may carry a unit number before a slash, as Australia writes it ("3/15 Smith
// St", "1204/100 Harris St"), and the suffix a direction after it ("48 Lakeshore Rd W").
const STREET_SUFFIXED = new RegExp(
	`(?<![\\p{L}\\p{N}.,/])(\\d{1,5}[A-Za-z]?(?:/\\d{1,5}[A-Za-z]?)?)\\s{1,2}((?:(?:\\p{Lu}[\\p{L}'’.-]*|\\d{1,3}(?:st|nd|rd|th))\\s{1,2}){1,4}?)(?:${SUFFIX})(?![\\p{L}])\\.?(?:\\s(?:N|S|E|W|NE|NW|SE|SW|North|South|East|West)(?![\\p{L}\\p{N}]))?`,
	'gu'
);
const STREET_LOWER = new RegExp(
	`(?<![\\p{L}\\p{N}.,/])(\\d{1,5})\\s((?:\\p{Ll}[\\p{L}'’-]*\\s){1,3}?)(?:${LOWER_SUFFIX})(?![\\p{L}])`,
	'gu'
);
// The street name: one to five words of letters, apostrophes and hyphens, one whitespace between
// them, up to a comma, semicolon, line break or the end. (Written as word (space word){0,4}: as
// (?:word\s?){1,5} a word could be cut into pieces in every possible way, and a long word that is
// not followed by a comma took that many steps.)
const STREET_PREFIXED = new RegExp(
	`(?<![\\p{L}\\p{N}.,/])(\\d{1,5}[A-Za-z]?),?\\s{1,2}(?:${PREFIX})\\s{1,2}[\\p{L}'’-]+(?:\\s[\\p{L}'’-]+){0,4}?\\s?(?=[,;\\n]|$)`,
	'gu'
);
const STREET_NAME_FIRST = new RegExp(
	`(?<![\\p{L}\\p{N}])(?:Calle|Avenida|Rua|Via|Viale|Piazza|Plaza|Paseo|Carrer|Strada|Corso|Travessa|Largo)\\s(?:[\\p{L}'’.-]+\\s){0,4}?\\d{1,4}[A-Za-z]?(?![\\p{L}\\p{N}])`,
	'gu'
);
const STREET_GERMAN =
	/(?<![\p{L}\p{N}])\p{Lu}\p{Ll}+(?:straße|strasse|weg|gasse|platz|allee|ring|damm|ufer|steig)\s\d{1,4}[a-z]?(?![\p{L}\p{N}])/gu;
// Words that make "3 tablets a day Park…" or "10 mg St John's wort" not a street line.
const NOT_STREET_WORD =
	/^(?:mg|mcg|ml|g|kg|iu|units?|tablets?|pills?|caps?|capsules?|puffs?|times?|days?|weeks?|months?|years?|hours?|mins?|minutes?|am|pm|st|nd|rd|th|and|or|of|the|at|in|on|for|to|a|an)$/i;

const UK_POSTCODE_SRC =
	'(?:GIR ?0AA|[A-PR-UWYZ](?:\\d{1,2}|[A-HK-Y]\\d{1,2}|\\d[A-HJKPSTUW]|[A-HK-Y]\\d[ABEHMNPRV-Y]) ?\\d[ABD-HJLNP-UW-Z]{2})';
const UK_POSTCODE = new RegExp(`(?<![A-Za-z0-9])${UK_POSTCODE_SRC}(?![A-Za-z0-9])`, 'g');
const UK_POSTCODE_LABELLED = new RegExp(
	`(?:post\\s?code|postal\\s?code)\\s?(?:is|:)?\\s{0,2}(${UK_POSTCODE_SRC})(?![A-Za-z0-9])`,
	'gi'
);
// Canada Post: letter digit letter, space, digit letter digit (no D, F, I, O, Q, U; no W or Z first).
const CA_POSTCODE_SRC = '[ABCEGHJ-NPRSTVXY]\\d[ABCEGHJ-NPRSTV-Z] \\d[ABCEGHJ-NPRSTV-Z]\\d';
const CA_PROVINCES = 'AB|BC|MB|NB|NL|NS|NT|NU|ON|PE|QC|SK|YT';
const CA_POSTCODE = new RegExp(`(?<![A-Za-z0-9])${CA_POSTCODE_SRC}(?![A-Za-z0-9])`, 'g');
// Eircode (Ireland): a routing key (a letter of A C D E F H K N P R T V W X Y and two digits, or
// D6W), a space, four characters of those letters and digits. Standalone only with a letter and
// a digit among the four; after "Eircode" any.
const EIRCODE_SRC = '(?:[AC-FHKNPRTV-Y]\\d{2}|D6W) ?[0-9AC-FHKNPRTV-Y]{4}';
const EIRCODE = new RegExp(`(?<![A-Za-z0-9])${EIRCODE_SRC}(?![A-Za-z0-9])`, 'g');
const EIRCODE_LABELLED = new RegExp(`\\beircode\\s?(?:is|:)?\\s{0,2}(${EIRCODE_SRC})(?![A-Za-z0-9])`, 'gi');
const STATES =
	'AL|AK|AZ|AR|CA|CO|CT|DE|DC|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|PR';
const AU_STATE_POSTCODE_SRC = '(?:NSW|VIC|QLD|WA|SA|TAS|ACT|NT)\\s{1,2}\\d{4}(?!\\d)';
const STATE_ZIP = new RegExp(`(?<![A-Za-z])(?:${STATES})\\s{1,2}(\\d{5}(?:-\\d{4})?)(?![\\d-])`, 'g');
const ZIP_LABELLED = /\b(?:zip(?:\s?code)?|postal\s?code)\s?(?:is|:)?\s{0,2}(\d{5}(?:-\d{4})?)(?![\d-])/gi;

const UNIT =
	/,?\s{0,2}(?:apt|apartment|unit|suite|ste|flat|fl|floor|room|rm|#)\.?\s{0,2}#?\s?[A-Za-z0-9-]{1,6}(?![\p{L}\p{N}])/iuy;
const CITY_BEFORE_CODE = new RegExp(
	`,?\\s{1,2}\\p{Lu}[\\p{L}'’.-]+(?:\\s\\p{Lu}[\\p{L}'’.-]+){0,2}(?=,?\\s{1,2}(?:(?:${STATES})\\s{1,2}\\d{5}|${AU_STATE_POSTCODE_SRC}|${UK_POSTCODE_SRC}(?![A-Za-z0-9])|(?:${CA_PROVINCES})\\s{1,2}${CA_POSTCODE_SRC}))`,
	'uy'
);
const CA_POSTCODE_TAIL = new RegExp(
	`,?\\s{1,2}(?:(?:${CA_PROVINCES}),?\\s{1,2})?${CA_POSTCODE_SRC}(?![A-Za-z0-9])`,
	'y'
);
const STATE_ZIP_TAIL = new RegExp(`,?\\s{1,2}(?:${STATES})\\s{1,2}\\d{5}(?:-\\d{4})?(?![\\d-])`, 'y');
const AU_POSTCODE_TAIL = new RegExp(`,?\\s{1,2}${AU_STATE_POSTCODE_SRC}`, 'y');
const UK_POSTCODE_TAIL = new RegExp(`,?\\s{1,2}${UK_POSTCODE_SRC}(?![A-Za-z0-9])`, 'y');
const EU_POSTCODE_CITY = /,?\s{1,2}\d{4,5}\s\p{Lu}[\p{L}'’-]+/uy;
const CITY_TAIL = /,\s{1,2}\p{Lu}[\p{L}'’.-]+(?:\s\p{Lu}[\p{L}'’.-]+){0,2}(?=\s*(?:[.;!?\n]|$| -))/uy;
const UNIT_BEFORE =
	/(?:(?:flat|apt|apartment|unit|suite|room|rm|building|bldg|block|blk|floor|fl)\.?\s?#?\s?[A-Za-z0-9-]{1,6},?\s{1,2}){1,3}(?:no\.?\s?)?$|\bno\.?\s?$|\b(?:flat|apt|apartment|unit|suite|villa|townhouse)\s{1,2}$/i;
const DIVISION_TAIL =
	/,\s{1,2}(?:\p{Lu}[\p{L}'’-]+\s){1,2}(?:District|County|Province|Prefecture|Township|Town|Village|New Area|Subdistrict)(?![\p{L}])/uy;

function extendLatin(text: string, start: number, end: number): { start: number; end: number } {
	const before = UNIT_BEFORE.exec(text.slice(Math.max(0, start - 48), start));
	if (before !== null) start -= before[0].length;
	for (let step = 0; step < 6; step++) {
		let moved = false;
		for (const re of [
			UNIT,
			CITY_BEFORE_CODE,
			STATE_ZIP_TAIL,
			AU_POSTCODE_TAIL,
			UK_POSTCODE_TAIL,
			CA_POSTCODE_TAIL,
			EU_POSTCODE_CITY
		]) {
			re.lastIndex = end;
			const m = re.exec(text);
			if (m !== null && m[0].length > 0) {
				end += m[0].length;
				moved = true;
				break;
			}
		}
		if (!moved) break;
	}
	for (let step = 0; step < 3; step++) {
		DIVISION_TAIL.lastIndex = end;
		const d = DIVISION_TAIL.exec(text);
		if (d === null) break;
		end += d[0].length;
	}
	CITY_TAIL.lastIndex = end;
	const city = CITY_TAIL.exec(text);
	if (city !== null) end += city[0].length;
	return { start, end };
}

// What each pattern cannot match without (plain regexes, which V8 scans fast): a street number and
// the whitespace after it, a Spanish/Italian/Portuguese street word, a German street suffix, a
// state or postcode letter before the digits.
const STREET_NEEDS = new Map<RegExp, RegExp>([
	[STREET_SUFFIXED, /\d[A-Za-z]?\s/],
	[STREET_LOWER, /\d\s/],
	[STREET_PREFIXED, /\d[A-Za-z]?,?\s/],
	[
		STREET_NAME_FIRST,
		/(?:Calle|Avenida|Rua|Via|Viale|Piazza|Plaza|Paseo|Carrer|Strada|Corso|Travessa|Largo)\s/
	],
	[STREET_GERMAN, /(?:straße|strasse|weg|gasse|platz|allee|ring|damm|ufer|steig)\s\d/]
]);
const STATE_ZIP_NEEDS = /[A-Z]\s{1,2}\d{5}/;
const UK_POSTCODE_NEEDS = /\d[ABD-HJLNP-UW-Z]{2}|GIR ?0AA/;
const DIGIT = /\d/;

// Asia-Pacific and Gulf address lines in English: Hong Kong's floor notation ("Flat B, 12/F"),
// Taiwan's "No. 390, Sec. 1, Fuxing S. Rd.", Malaysia's "22 Jalan Ampang", "Apt 1204, Marina
// Heights". Each is followed by its comma-separated parts (building, estate, district, city,
// postcode) while they start with a capital or a digit.
const ASIA_LINE =
	/(?<![\p{L}\p{N}])(?:(?:Flat|Flt|Rm|Room|Unit|Shop)\.?\s?[A-Z0-9]{1,4},\s?\d{1,2}\/F\b|\d{1,2}\/F,\s?(?=\p{Lu})|No\.\s?\d{1,4}(?:-\d{1,3})?,\s?(?:Ln\.|Lane|Aly\.|Alley|Sec\.|Section)\s?\d{1,4}|\d{1,4}[A-Z]?,?\s(?:Jalan|Jln\.?|Lorong|Persiaran|Lebuh|Lebuhraya|Soi|Thanon)\s\p{Lu}[\p{L}'’-]*(?:\s\p{Lu}[\p{L}'’-]*){0,2}|(?:Apt|Apartment|Villa)\.?\s?\d{1,5}[A-Z]?,\s(?=\p{Lu}))/gu;
const CHAIN_PART =
	/,\s{1,2}(?:[\p{Lu}\d][\p{L}\p{M}\d'’./-]*)(?:\s[\p{Lu}\d][\p{L}\p{M}\d'’./-]*){0,3}(?=[,;\n]|\.?\s*$|\.\s|\s[—–-]\s)/uy;
const FIRST_PART = /(?:[\p{Lu}\d][\p{L}\p{M}\d'’./-]*)(?:\s[\p{Lu}\d][\p{L}\p{M}\d'’./-]*){0,3}/uy;
const ASIA_NEEDS =
	/\/F\b|No\.\s?\d|Jalan|Jln|Lorong|Persiaran|Lebuh|Soi |Thanon|Apt|Apartment|Villa|Flat|Rm|Room|Unit|Shop/;

function findAsiaAddresses(text: string, hits: HitSet): void {
	if (!ASIA_NEEDS.test(text)) return;
	for (const m of text.matchAll(ASIA_LINE)) {
		let end = m.index + m[0].length;
		// A line that ends on ", " continues with its first part ("12/F, Tower 3").
		if (/,\s?$/.test(m[0])) {
			FIRST_PART.lastIndex = end;
			const f = FIRST_PART.exec(text);
			if (f === null) continue;
			end += f[0].length;
		}
		for (let k = 0; k < 7; k++) {
			CHAIN_PART.lastIndex = end;
			const c = CHAIN_PART.exec(text);
			if (c === null) break;
			end += c[0].length;
		}
		// At least one part after the anchor: "Room 3, 2/F" alone could be a ward.
		if (end > m.index + m[0].length) hits.add({ kind: 'address', start: m.index, end });
	}
}

function findLatinAddresses(text: string, lower: string, hits: HitSet): void {
	// Every street line, postcode and ZIP code has a digit.
	if (!DIGIT.test(text)) return;
	findAsiaAddresses(text, hits);
	const streets: { start: number; end: number }[] = [];
	for (const [re, needs] of STREET_NEEDS) {
		if (!needs.test(text)) continue;
		re.lastIndex = 0;
		for (const m of text.matchAll(re)) {
			const words = (m[2] ?? '')
				.trim()
				.split(/\s+/)
				.filter((w) => w.length > 0);
			if (words.some((w) => NOT_STREET_WORD.test(w))) continue;
			streets.push({ start: m.index, end: m.index + m[0].length });
		}
	}
	streets.sort((a, b) => a.start - b.start);
	for (const s of streets) {
		const span = extendLatin(text, s.start, s.end);
		hits.add({ kind: 'address', start: span.start, end: span.end });
	}
	// The labelled forms need "post…" or "zip" (any case): skip their scans when neither occurs.
	const labelled = lower.includes('post') || lower.includes('zip');
	for (const re of [UK_POSTCODE_LABELLED, ZIP_LABELLED, STATE_ZIP]) {
		if (re === STATE_ZIP ? !STATE_ZIP_NEEDS.test(text) : !labelled) continue;
		re.lastIndex = 0;
		for (const m of text.matchAll(re)) {
			const value = m[1] ?? '';
			const vs = m.index + m[0].length - value.length;
			hits.add({ kind: 'address', start: vs, end: vs + value.length });
		}
	}
	UK_POSTCODE.lastIndex = 0;
	for (const m of UK_POSTCODE_NEEDS.test(text) ? text.matchAll(UK_POSTCODE) : [])
		hits.add({ kind: 'address', start: m.index, end: m.index + m[0].length });
	for (const m of text.matchAll(CA_POSTCODE))
		hits.add({ kind: 'address', start: m.index, end: m.index + m[0].length });
	if (lower.includes('eircode'))
		for (const m of text.matchAll(EIRCODE_LABELLED)) {
			const value = m[1] ?? '';
			const vs = m.index + m[0].length - value.length;
			hits.add({ kind: 'address', start: vs, end: vs + value.length });
		}
	for (const m of text.matchAll(EIRCODE)) {
		const unique = m[0].slice(-4);
		if (m[0].includes(' ') && /[A-Z]/.test(unique) && /\d/.test(unique))
			hits.add({ kind: 'address', start: m.index, end: m.index + m[0].length });
	}
}

/** Finds addresses in `text` (`lower`: foldCase(text)). */
export function findAddresses(text: string, lower: string, hits: HitSet): void {
	findChineseAddresses(text, hits);
	findLatinAddresses(text, lower, hits);
	// The message is not kept once the pass is done.
	edgeText = '';
	edgeFrom = -1;
}
