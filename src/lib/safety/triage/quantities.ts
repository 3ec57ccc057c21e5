// Numbers in patients' words and what they measure: pill counts, vital signs, durations, ages,
// weeks of pregnancy. Each reading past a threshold becomes a concept mention ("vital.hr_very_high",
// "q.pills_many", …) that the triage rules use like any word, and that ConText reads like any word
// ("last year my BP was 210/120" is history).
//
// Numbers: digits ("39.5", "39,5"), Chinese numerals (四十多 → 40, 一百八 → 180, 十来 → 10, 二三十 →
// 20, 两 → 2), English number words ("forty two", "a dozen", "a couple"). Thresholds:
// - Vital signs, adults: NEWS2 (Royal College of Physicians, 2017) single-parameter red scores, with
//   the Manchester Triage System discriminators and the Chinese 急诊预检分诊专家共识 (2018) where they
//   are stricter: heart rate ≥ 150 (or ≤ 40 at rest), SpO2 ≤ 91 %, respiratory rate ≥ 30 or ≤ 8,
//   systolic ≤ 90, temperature ≥ 41 °C (MTS "very hot") or ≤ 35 °C.
// - Blood pressure: ACC/AHA 2017 hypertensive crisis ≥ 180 systolic or ≥ 120 diastolic.
// - Glucose: ADA Standards of Care hypoglycaemia level 2 < 3.0 mmol/L (54 mg/dL); hyperglycaemic
//   crisis ≥ 33.3 mmol/L (600 mg/dL, HHS); ≥ 16.7 mmol/L (300 mg/dL) needs ketones checked.
// - Infants: NICE NG143 — under 3 months with ≥ 38 °C is red; 3–6 months with ≥ 39 °C is amber.
// - Pills: ten or more tablets at once, or a whole pack (NPIS/TOXBASE treats any deliberate
//   ingestion of that size as a presentation); a dosing schedule ("2 tablets 3 times a day") is not.

import type { Lexicon, Mention } from './lexicon';

interface NumberToken {
	start: number;
	end: number;
	value: number;
}

const ZH_DIGITS: Readonly<Record<string, number>> = {
	零: 0,
	〇: 0,
	一: 1,
	幺: 1,
	二: 2,
	两: 2,
	三: 3,
	四: 4,
	五: 5,
	六: 6,
	七: 7,
	八: 8,
	九: 9
};
const ZH_UNITS: Readonly<Record<string, number>> = { 十: 10, 百: 100, 千: 1000, 万: 10000 };

/** Value of a Chinese numeral (a lower bound for 几/多/来: 四十多 → 40, 十几 → 10, 几十 → 20). */
export function chineseNumber(s: string): number | null {
	let text = s.replace(/[多余来]$/u, '');
	if (text.length === 0) return null;
	if (text === '半') return 0.5;
	// "二三十" (twenty or thirty) and "七八" (seven or eight): the smaller reading.
	const range = /^([一二两三四五六七八九])([二三四五六七八九])(十|百)?$/u.exec(text);
	if (range !== null) {
		const a = ZH_DIGITS[range[1] ?? ''] ?? 0;
		const unit = range[3] === undefined ? 1 : (ZH_UNITS[range[3]] ?? 1);
		return a * unit;
	}
	// "一百九几" (a hundred and ninety-something): the lower bound.
	text = text.replace(/([一二两三四五六七八九])几$/u, '$1');
	text = text.replace(/几/g, (_m, i: number) => (i === 0 ? '二' : '一'));
	let total = 0;
	let section = 0;
	let digit: number | null = null;
	let lastUnit = 1;
	for (const ch of text) {
		const d = ZH_DIGITS[ch];
		if (d !== undefined) {
			digit = d;
			continue;
		}
		const u = ZH_UNITS[ch];
		if (u === undefined) return null;
		if (u === 10000) {
			total += (section + (digit ?? 0)) * u;
			section = 0;
		} else section += (digit ?? 1) * u;
		digit = null;
		lastUnit = u;
	}
	// "一百八" = 180, "三万五" = 35000: a trailing digit counts one unit below the last one.
	if (digit !== null) section += lastUnit >= 100 ? digit * (lastUnit / 10) : digit;
	return total + section;
}

const EN_NUMBERS: Readonly<Record<string, number>> = {
	one: 1,
	two: 2,
	three: 3,
	four: 4,
	five: 5,
	six: 6,
	seven: 7,
	eight: 8,
	nine: 9,
	ten: 10,
	eleven: 11,
	twelve: 12,
	thirteen: 13,
	fourteen: 14,
	fifteen: 15,
	sixteen: 16,
	seventeen: 17,
	eighteen: 18,
	nineteen: 19,
	twenty: 20,
	thirty: 30,
	forty: 40,
	fourty: 40,
	fifty: 50,
	sixty: 60,
	seventy: 70,
	eighty: 80,
	ninety: 90,
	dozen: 12,
	dozens: 24,
	couple: 2,
	several: 4,
	handful: 5,
	hundred: 100
};

const NUMBER_RE =
	/(\d+(?:\.\d+)?(?:,\d{1,2}(?!\d))?(?:点[\d一二三四五六七八九几])?)|([零〇一二两三四五六七八九十百千万几]+[多余来]?|半)|\b((?:a )?(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fourty|fifty|sixty|seventy|eighty|ninety|dozens?|couple|several|handful|hundred)(?:[ -](?:one|two|three|four|five|six|seven|eight|nine|hundred))?)\b/gu;

function englishNumber(s: string): number | null {
	const words = s
		.replace(/^a /, '')
		.split(/[ -]/)
		.filter((w) => w.length > 0);
	let value = 0;
	for (const w of words) {
		const v = EN_NUMBERS[w];
		if (v === undefined) return null;
		if (v === 100) value = (value || 1) * 100;
		else value += v;
	}
	return value;
}

function numbers(text: string): NumberToken[] {
	const out: NumberToken[] = [];
	NUMBER_RE.lastIndex = 0;
	for (const m of text.matchAll(NUMBER_RE)) {
		let value: number | null = null;
		if (m[1] !== undefined) {
			// "33点5", "33点几" (spoken decimals; 几 reads as .5).
			const spoken = /点(.)$/u.exec(m[1]);
			const digits = m[1].replace(/点.$/u, '').replace(',', '.');
			value = Number(digits);
			if (spoken !== null) {
				const d = /\d/.test(spoken[1] ?? '')
					? Number(spoken[1])
					: spoken[1] === '几'
						? 5
						: (ZH_DIGITS[spoken[1] ?? ''] ?? 0);
				value += d / 10;
			}
		} else if (m[2] !== undefined) {
			// "一百六一会儿一百七": the 一 belongs to the next word (一会儿, 一下, 一直).
			let zh = m[2];
			if (
				zh.length > 2 &&
				zh.endsWith('一') &&
				/^[会下阵直点些边起样共]/u.test(text.charAt(m.index + zh.length))
			)
				zh = zh.slice(0, -1);
			value = chineseNumber(zh);
			if (zh !== m[2] && value !== null && Number.isFinite(value)) {
				out.push({ start: m.index, end: m.index + zh.length, value });
				continue;
			}
		} else if (m[3] !== undefined) value = englishNumber(m[3]);
		// A lone Chinese digit counts only before a unit or measure word: "一直", "三高" are words.
		if (
			m[2] !== undefined &&
			/^[一二两三四五六七八九几]$/u.test(m[2]) &&
			!/^\s*(?:片|粒|颗|丸|次|个|天|周|星期|月|岁|小时|分钟|瓶|盒|板|包|口|杯|度|下|块|支|袋|米|层|楼|秒)/u.test(
				text.slice(m.index + 1, m.index + 3)
			)
		)
			continue;
		if (value !== null && Number.isFinite(value))
			out.push({ start: m.index, end: m.index + m[0].length, value });
	}
	return out;
}

// Units, read right after a number (spaces allowed).
const UNIT_RE =
	/^[\s-]*(?:(?<pct>%|％|percent|per cent)|(?<bpm>bpm|beats?(?: per| a| \/)? ?min(?:ute)?|次\/分(?:钟)?|次每分(?:钟)?|次\s*\/\s*min|下\/分|次一分钟)|(?<mmhg>mm ?hg|毫米汞柱)|(?<cel>°\s*c\b|℃|度|c\b|degrees? c(?:elsius)?|celsius|centigrade)|(?<fah>°\s*f\b|℉|f\b|degrees? f(?:ahrenheit)?|fahrenheit)|(?<deg>°|degrees?)|(?<mmol>mmol(?!\s*\/\s*mol)(?:\s*\/\s*l)?|毫摩尔)|(?<mgdl>mg\s*\/\s*dl|mgdl)|(?<pills>片|粒|颗|丸|tablets?|tabs?|pills?|capsules?|caps)|(?<min>分钟|mins?\b|minutes?)|(?<hour>个?小时|hours?|hrs?\b)|(?<day>天|days?\b)|(?<week>周|个?星期|weeks?)|(?<month>个月|月大|months?)|(?<year>岁|years? old|yrs? old|yo\b|y\/o)|(?<breaths>breaths?(?: per| a| \/)? ?min(?:ute)?))/u;

interface Reading {
	start: number;
	end: number;
	concept: string;
}

/** Labels the quantity parser looks for (lexicon concept names). */
const LABELS = [
	'v.hr',
	'v.hr_device',
	'v.spo2',
	'v.bp',
	'v.temp',
	'v.env',
	'v.glucose',
	'v.rr',
	'v.pain',
	'v.ketone',
	'v.hba1c'
] as const;
type Label = (typeof LABELS)[number];

// Up to three words between a count and the medicine ("30 of my nan's sleeping pills").
const PILL_FOLLOW = /^\s*(?:(?:of|x)\s+)?(?:[a-z']+\s+){0,3}/u;

const THIS_YEAR = new Date().getFullYear();

/**
 * Derives quantity concepts from the folded text. `mentions` are the lexicon mentions (labels such
 * as "心率" or "blood sugar" and medicine names come from there).
 */
export function readQuantities(text: string, mentions: readonly Mention[], lexicon: Lexicon): Mention[] {
	const labelIds = new Map<number, Label>();
	for (const l of LABELS) {
		const id = lexicon.find(l);
		if (id >= 0) labelIds.set(id, l);
	}
	// "心跳好快一百五几", "heart racing at 150": a palpitation word labels the number after it.
	const palpitations = lexicon.find('sx.palpitations');
	if (palpitations >= 0) labelIds.set(palpitations, 'v.hr');
	const medicine = lexicon.find('sub.medicine');
	const othersMedicine = lexicon.find('sub.others_medicine');
	const dosing = lexicon.find('q.dosing');
	const labels: { start: number; end: number; label: Label }[] = [];
	const medicineStarts: number[] = [];
	const dosingSpans: { start: number; end: number }[] = [];
	for (const m of mentions) {
		for (const c of m.concepts) {
			const l = labelIds.get(c);
			if (l !== undefined) labels.push({ start: m.start, end: m.end, label: l });
			if (c === medicine || c === othersMedicine) medicineStarts.push(m.start);
			if (c === dosing) dosingSpans.push({ start: m.start, end: m.end });
		}
	}
	const out: Reading[] = [];
	const nums = numbers(text);
	const add = (start: number, end: number, concept: string) => out.push({ start, end, concept });

	let hrLabels: typeof labels | undefined;
	for (let i = 0; i < nums.length; i++) {
		const n = nums[i] as NumberToken;
		const after = text.slice(n.end, n.end + 24);
		const unit = UNIT_RE.exec(after);
		const g = unit?.groups ?? {};
		const unitEnd = n.end + (unit?.[0].length ?? 0);
		const isTimeUnit =
			g.min !== undefined ||
			g.hour !== undefined ||
			g.day !== undefined ||
			g.week !== undefined ||
			g.month !== undefined ||
			g.year !== undefined;
		let label = isTimeUnit || g.pills !== undefined ? null : nearestLabel(text, labels, n.start);
		// "pulse on the oximeter is 36": no saturation is that low; the pulse word names it.
		if (label === 'v.spo2' && n.value < 50 && g.pct === undefined) {
			const hr = nearestLabel(text, (hrLabels ??= labels.filter((l) => l.label === 'v.hr')), n.start);
			if (hr !== null) label = hr;
		}
		const v = n.value;

		// Years and ages in the past are history ("in 2019", "when I was 19", "19岁那年").
		if (Number.isInteger(v) && v >= 1900 && v <= 2100 && unit === null) {
			const before = text.slice(Math.max(0, n.start - 8), n.start);
			const after4 = text.slice(n.end, n.end + 2);
			if (
				v < THIS_YEAR &&
				(/\b(?:in|since|from|back in|around|circa|during)\s+$/.test(before) || /^\s*年/u.test(after4))
			) {
				add(n.start, n.end, 'ctx.hist');
				continue;
			}
		}
		if (
			/\b(?:had|was|were|got)\b[^,.;!?]{0,40}\bat\s+$/.test(text.slice(Math.max(0, n.start - 48), n.start)) &&
			Number.isInteger(v) &&
			(v <= 18 || (v >= 25 && v <= 110)) &&
			unit === null &&
			!/^\s*(?:am|pm|:|点|o ?clock)/.test(after)
		) {
			add(n.start, n.end, 'ctx.hist');
			continue;
		}
		if (
			/\bwhen (?:i|he|she|we|they) (?:was|were) (?:a |about |around )?$/.test(
				text.slice(Math.max(0, n.start - 24), n.start)
			) ||
			/\b(?:at (?:the )?age(?: of)?)\s+$/.test(text.slice(Math.max(0, n.start - 14), n.start)) ||
			(g.year !== undefined && /^[\s]*(?:的时候|时候|时|那年|那会儿)/u.test(text.slice(unitEnd, unitEnd + 4)))
		) {
			add(n.start, unitEnd, 'ctx.hist');
			continue;
		}

		// "type 2", "2型", "30 miles", "5 kg", "3000 steps": not a reading.
		if (
			/\btype\s*$/.test(text.slice(Math.max(0, n.start - 6), n.start)) ||
			/^\s*(?:型|公里|千米|斤|公斤|克|毫克|毫升|厘米|步|卡)/u.test(after) ||
			/^\s*(?:miles?|mi|km|kms|kilomet\w*|kg|kgs|kilos?|lbs?|pounds?|stone|steps|mg(?!\s*\/\s*dl)|mcg|ug|ml|cm|mm|inch\w*|feet|ft|calories|kcal|units?|iu)\b/.test(
				after
			)
		)
			continue;
		// A count of times ("血糖有两次低到3.5", "twice", "3 times this week") is no reading; a rate per
		// minute ("150次/分", "心率120次每分钟") is.
		if (
			(/^\s*(?:次|回|遍|趟|顿)(?!\s*(?:[/／每]|一分|分))/u.test(after) ||
				/^\s*times\b(?!\s*(?:a|per|each|every)\s*min)/.test(after)) &&
			!/(?:分钟|每分|一分|min|minute)\s*$/u.test(text.slice(Math.max(0, n.start - 8), n.start))
		)
			continue;
		// Scores ("NEWS2 3分"), HbA1c (mmol/mol or %) and per-mol units are not vital signs.
		if (/^\s*分(?!钟)/u.test(after) || label === 'v.hba1c' || /^\s*mmol\s*\/\s*mol/.test(after)) continue;

		// Blood pressure: "180/120", "200 over 110", "七十/四十", "高压180低压110".
		let bp: { length: number; dia: number } | null = null;
		const digits = /^\s*(?:[/／]|over\b)\s*(\d{2,3})/.exec(after);
		const next = nums[i + 1];
		if (digits !== null) bp = { length: digits[0].length, dia: Number(digits[1]) };
		else if (next !== undefined) {
			const slash = /^\s*(?:[/／]|over\b)\s*/.exec(after);
			if (slash !== null && next.start === n.end + slash[0].length && Number.isInteger(next.value))
				bp = { length: next.end - n.end, dia: next.value };
		}
		if (bp !== null && Number.isInteger(v)) {
			const dia = bp.dia;
			const looksLikeBp =
				label === 'v.bp' ||
				/^\s*[/／]\s*\d{2,3}\s*(?:mm ?hg|毫米汞柱)/.test(after) ||
				(v >= 80 && v <= 300 && dia >= 40 && dia < v);
			if (looksLikeBp && v > dia) {
				const end = n.end + bp.length;
				bloodPressure(v, dia, n.start, end, add);
				i++;
				continue;
			}
		}
		if (label === 'v.bp' && (unit === null || g.mmhg !== undefined)) {
			// The nearest keyword says which number it is; a lone reading is the systolic one
			// ("血压两百多", "bp 200 over something").
			const before = text.slice(Math.max(0, n.start - 10), n.start);
			const sys = lastMatch(before, /高压|收缩压|上压|systolic|top number/g);
			const dia = lastMatch(before, /低压|舒张压|下压|diastolic|bottom number/g);
			if (dia > sys) bloodPressure(0, v, n.start, unitEnd, add);
			else if (sys >= 0 || (v >= 50 && v <= 300)) bloodPressure(v, 0, n.start, unitEnd, add);
		}

		if (g.pct !== undefined || label === 'v.spo2') {
			if ((label === 'v.spo2' || g.pct !== undefined) && label !== 'v.glucose' && label !== 'v.pain') {
				if (label === 'v.spo2' && v >= 50 && v <= 100) spo2(v, n.start, unitEnd, add);
			}
			continue;
		}
		// "一分钟一百八十多下": beats counted over a minute.
		const perMinute =
			/(?:一分钟|每分钟|1分钟)\s*$/u.test(text.slice(Math.max(0, n.start - 5), n.start)) &&
			/^\s*(?:下|次)/u.test(after) &&
			label !== 'v.rr';
		if (perMinute && v >= 15 && v <= 300) {
			heartRate(v, n.start, n.end + 1, add);
			continue;
		}
		if (g.bpm !== undefined || label === 'v.hr' || (label === 'v.hr_device' && unit === null)) {
			if (label !== 'v.rr' && v >= 15 && v <= 300) heartRate(v, n.start, unitEnd, add);
			continue;
		}
		if (g.breaths !== undefined || label === 'v.rr') {
			if (
				g.breaths !== undefined ||
				g.bpm !== undefined ||
				/次|\/\s*min|per min|a min/.test(after.slice(0, 12)) ||
				label === 'v.rr'
			)
				respiratoryRate(v, n.start, unitEnd, add);
			continue;
		}
		if (g.mmol !== undefined || g.mgdl !== undefined || label === 'v.glucose') {
			if (label === 'v.glucose' || g.mmol !== undefined || g.mgdl !== undefined) {
				const mmol = g.mgdl !== undefined || (g.mmol === undefined && v > 35) ? v / 18 : v;
				if (mmol > 0.5 && mmol < 120) glucose(mmol, n.start, unitEnd, add);
			}
			continue;
		}
		if (label === 'v.ketone') {
			if (v >= 3 && v < 20) add(n.start, unitEnd, 'vital.ketone_high');
			else if (v >= 1.5 && v < 3) add(n.start, unitEnd, 'vital.ketone_raised');
			continue;
		}
		if (label === 'v.pain') {
			const outOf = /^\s*(?:\/|out of|分之)\s*10|^\s*分/.exec(after);
			if ((outOf !== null || v <= 10) && v >= 7 && v <= 10) add(n.start, unitEnd, 'pain.severe');
			continue;
		}
		const isTempUnit = g.cel !== undefined || g.fah !== undefined || g.deg !== undefined;
		if (isTempUnit || label === 'v.temp' || label === 'v.env') {
			let celsius = v;
			if (g.fah !== undefined || (v >= 93 && v <= 112)) celsius = ((v - 32) * 5) / 9;
			// "量不到35度", "below 35": under the number said.
			if (
				/(?:不到|不足|低于|below|under|less than)\s*$/u.test(text.slice(Math.max(0, n.start - 10), n.start))
			)
				celsius -= 0.1;
			const outside =
				/^\s*(?:outside|outdoors|out there|in the sun|today|weather|室外|外面|户外|天气|高温)/u.test(
					text.slice(unitEnd, unitEnd + 14)
				);
			if (label === 'v.env' || outside || (g.deg !== undefined && label === null && celsius > 43)) {
				if (celsius >= 35 && celsius < 60) add(n.start, unitEnd, 'env.hot');
				else if (celsius <= -5) add(n.start, unitEnd, 'env.cold');
			} else if (celsius >= 30 && celsius <= 45 && (label === 'v.temp' || isTempUnit))
				temperature(celsius, n.start, unitEnd, add);
			continue;
		}
		if (g.pills !== undefined) {
			if (!nearDosing(dosingSpans, n.start, unitEnd)) pills(v, n.start, unitEnd, add);
			continue;
		}
		if (
			g.min !== undefined ||
			g.hour !== undefined ||
			g.day !== undefined ||
			g.week !== undefined ||
			g.month !== undefined ||
			g.year !== undefined
		) {
			const tail = text.slice(unitEnd, unitEnd + 12);
			const before = text.slice(Math.max(0, n.start - 10), n.start);
			const old =
				/(?:宝宝|宝贝|孩子|婴儿|儿子|女儿|小孩|新生儿|娃|baby|son|daughter|infant|newborn|grandson|granddaughter|(?:^|\s)(?:he|she|baby|they)(?:'s| is| s)?|aged|age)\s*(?:才|刚|刚满|今年|现在|is|just|only|only just)?\s*$/u.test(
					before
				) ||
				/^[\s-]*(?:old|大|的(?:宝宝|孩子|婴儿)|baby|boy|girl|infant|宝宝|婴儿)/u.test(tail) ||
				g.year !== undefined ||
				(g.month !== undefined && /月大/.test(unit?.[0] ?? ''));
			const pregnant =
				/^\s*(?:pregnant|along|gestation)/.test(tail) ||
				/(?:孕|怀孕|妊娠|怀了)\s*$/u.test(text.slice(Math.max(0, n.start - 4), n.start));
			const duration =
				/\b(?:for|past|last|over|in the|every|within|about)\s+(?:the\s+)?(?:past\s+|last\s+)?$/.test(
					text.slice(Math.max(0, n.start - 14), n.start)
				) ||
				/^\s*(?:ago|before|later|now|straight|postpartum|post|after|since)|^\s*(?:了|前|以来|之前|以后|后)/u.test(
					tail
				) ||
				/(?:持续|已经|有|快|近|这|最近)\s*$/u.test(text.slice(Math.max(0, n.start - 3), n.start));
			const gestation = g.week !== undefined && Number.isInteger(v) && v >= 4 && v <= 42 && !old && !duration;
			// "3 months after a stroke", "两年前中风后": the duration dates the mention that follows.
			const since = /^\s*(?:after|since|on from|post)\b|^\s*(?:以后|之后|后)/u.exec(tail);
			if (since !== null && (g.week !== undefined || g.month !== undefined || g.year !== undefined) && !old)
				add(n.start, unitEnd + since[0].length, 'ctx.histnear');
			if (g.week !== undefined && (pregnant || gestation)) {
				add(n.start, unitEnd, 'who.pregnant');
				if (v < 37 && v >= 20) add(n.start, unitEnd, 'preg.preterm');
			} else if (old || /(?:出生|生下来|生了)\s*$/u.test(text.slice(Math.max(0, n.start - 4), n.start))) {
				const months =
					g.year !== undefined
						? v * 12
						: g.month !== undefined
							? v
							: g.week !== undefined
								? v / 4.345
								: g.day !== undefined
									? v / 30.4
									: 99;
				if (months < 3) add(n.start, unitEnd, 'age.under3m');
				else if (months < 6) add(n.start, unitEnd, 'age.under6m');
				if (months < 12) add(n.start, unitEnd, 'who.infant');
				else if (months < 16 * 12) add(n.start, unitEnd, 'who.child');
				else if (months >= 65 * 12) add(n.start, unitEnd, 'who.elderly');
			} else {
				const minutes =
					g.min !== undefined
						? v
						: g.hour !== undefined
							? v * 60
							: g.day !== undefined
								? v * 1440
								: g.week !== undefined
									? v * 10080
									: g.month !== undefined
										? v * 43800
										: 0;
				if (minutes >= 5) add(n.start, unitEnd, 'q.over5min');
				if (minutes >= 20) add(n.start, unitEnd, 'q.over20min');
				if (minutes >= 1440 * 3) add(n.start, unitEnd, 'q.over3days');
				if (minutes >= 1440 * 5) add(n.start, unitEnd, 'q.over5days');
				if (minutes >= 1440 * 14) add(n.start, unitEnd, 'q.weeks');
			}
			continue;
		}
		// "like 30 of them", after the medicine was named.
		if (
			Number.isInteger(v) &&
			v >= 2 &&
			/^\s*of (?:them|those|these|em|it)\b/.test(after) &&
			medicineStarts.some((s) => s < n.start && n.start - s < 80)
		) {
			pills(v, n.start, n.end, add);
			continue;
		}
		// A bare count followed by a medicine ("forty paracetamol", "30 of my sleeping pills"); not a
		// clock time ("ibuprofen at 10 and paracetamol at 12") or a count joined by "and/then".
		const clock =
			(v <= 24 &&
				/\b(?:at|by|around|about|till|until|from|before|after|@)\s*$/.test(
					text.slice(Math.max(0, n.start - 8), n.start)
				)) ||
			/^\s*(?:am|pm|a\.m|p\.m|o ?clock|点|时)/u.test(after);
		if (Number.isInteger(v) && v >= 2 && !clock && !/^\s*(?:and|then|or|plus|&)\b/.test(after)) {
			const follow = PILL_FOLLOW.exec(after);
			const at = n.end + (follow?.[0].length ?? 0);
			if (
				medicineStarts.some((s) => s >= n.end && s <= at + 1) &&
				!nearDosing(dosingSpans, n.start, at + 12) &&
				!/^\s*(?:mg|g|ml|mcg|µg|毫克|克|毫升)\b/u.test(after)
			)
				pills(v, n.start, at, add);
		}
	}
	return out.map((r) => ({
		start: r.start,
		end: Math.max(r.end, r.start + 1),
		concepts: lexicon.expand([lexicon.id(r.concept)])
	}));
}

function lastMatch(text: string, re: RegExp): number {
	let last = -1;
	for (const m of text.matchAll(re)) last = m.index;
	return last;
}

function nearDosing(spans: readonly { start: number; end: number }[], start: number, end: number): boolean {
	return spans.some((s) => s.start < end + 16 && s.end > start - 16);
}

/** The label mention closest before `pos` within a short window (or just after, for "bpm"-less "HR"). */
function nearestLabel(
	text: string,
	labels: readonly { start: number; end: number; label: Label }[],
	pos: number
): Label | null {
	let best: Label | null = null;
	let bestGap = Infinity;
	for (const l of labels) {
		if (l.end > pos || pos - l.end > 28) continue;
		const gap = text.slice(l.end, pos);
		if (/[。！？!?;；\n]/.test(gap)) continue;
		const words = gap.match(/[a-z]+/g)?.length ?? 0;
		const han = gap.match(/[\u4e00-\u9fff]/gu)?.length ?? 0;
		if (words > 5 || han > 8) continue;
		const score = pos - l.end + (l.label === 'v.hr_device' ? 20 : 0);
		if (score < bestGap) {
			bestGap = score;
			best = l.label;
		}
	}
	return best;
}

type Add = (start: number, end: number, concept: string) => void;

function bloodPressure(sys: number, dia: number, start: number, end: number, add: Add): void {
	if (sys >= 220 || dia >= 130) add(start, end, 'vital.bp_extreme');
	if (sys >= 180 || dia >= 120) add(start, end, 'vital.bp_crisis');
	if (sys > 0 && sys <= 70) add(start, end, 'vital.bp_very_low');
	if (sys > 0 && sys <= 90) add(start, end, 'vital.bp_low');
}

function heartRate(v: number, start: number, end: number, add: Add): void {
	if (v >= 150) add(start, end, 'vital.hr_very_high');
	else if (v >= 131) add(start, end, 'vital.hr_high');
	if (v >= 120) add(start, end, 'vital.hr_raised');
	if (v <= 30) add(start, end, 'vital.hr_very_low');
	else if (v <= 40) add(start, end, 'vital.hr_low');
}

function respiratoryRate(v: number, start: number, end: number, add: Add): void {
	if (v >= 30 && v <= 100) add(start, end, 'vital.rr_very_high');
	else if (v >= 25 && v < 30) add(start, end, 'vital.rr_high');
	if (v > 60 && v <= 120) add(start, end, 'vital.rr_infant_high');
	if (v > 0 && v <= 8) add(start, end, 'vital.rr_low');
}

function spo2(v: number, start: number, end: number, add: Add): void {
	// Below a COPD patient's target range too (BTS 2017: 88–92 %).
	if (v <= 85) add(start, end, 'vital.spo2_very_low');
	if (v <= 91) add(start, end, 'vital.spo2_low');
	else if (v <= 94) add(start, end, 'vital.spo2_borderline');
}

function temperature(c: number, start: number, end: number, add: Add): void {
	if (c >= 41) add(start, end, 'vital.temp_very_high');
	if (c >= 40) add(start, end, 'vital.temp_40');
	if (c >= 39) add(start, end, 'vital.temp_39');
	if (c >= 38) add(start, end, 'vital.temp_fever');
	if (c <= 35) add(start, end, 'vital.temp_low');
	if (c <= 32) add(start, end, 'vital.temp_very_low');
}

function glucose(mmol: number, start: number, end: number, add: Add): void {
	if (mmol < 4) add(start, end, 'vital.glucose_low');
	if (mmol < 3) add(start, end, 'vital.glucose_very_low');
	// 2.2 mmol/L is 40 mg/dL (the usual meter cut-offs round to either).
	if (mmol <= 2.25) add(start, end, 'vital.glucose_critical');
	if (mmol >= 13.9) add(start, end, 'vital.glucose_raised');
	if (mmol >= 16.7) add(start, end, 'vital.glucose_high');
	if (mmol >= 33.3) add(start, end, 'vital.glucose_very_high');
}

function pills(count: number, start: number, end: number, add: Add): void {
	if (count >= 10) add(start, end, 'q.pills_many');
	else if (count >= 5) add(start, end, 'q.pills_some');
}
