// Safety benchmark section: emergency recall (overall and per category), false alarms, PII left
// after redaction, clinical numbers lost, and assess+redact latency on 500-character messages.
//
// Reads the labelled set in tests/fixtures/safety/{emergency,non_emergency,pii}.jsonl. Latency is
// reported with a peer measured in the same run (a plain lower-case `includes` scan over every
// literal term) so the ratio is comparable across machines. Pure Node: run through tsx.

import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { assess, CATEGORY_IDS, isCategoryId, type CategoryId } from '../../src/lib/safety/emergency';
import { redact } from '../../src/lib/safety/redact';
import termsData from '../../src/lib/safety/terms/emergency.json';
import type { BenchSection } from './types';

export type { BenchSection } from './types';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const FIXTURES = join(ROOT, 'tests', 'fixtures', 'safety');

interface LabelledLine {
	text: string;
	locale: string;
	emergency: boolean;
	categories: string[];
}

interface PiiLine {
	text: string;
	locale: string;
	identifiers: string[];
	clinical: string[];
}

function readJsonl(name: string): unknown[] {
	const raw = readFileSync(join(FIXTURES, name), 'utf8');
	return raw
		.split(/\r?\n/)
		.filter((l) => l.trim().length > 0)
		.map((l) => JSON.parse(l) as unknown);
}

function isRecord(v: unknown): v is Record<string, unknown> {
	return typeof v === 'object' && v !== null;
}

function strings(v: unknown): string[] {
	return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

function labelled(v: unknown): LabelledLine | null {
	if (!isRecord(v) || typeof v.text !== 'string') return null;
	return {
		text: v.text,
		locale: typeof v.locale === 'string' ? v.locale : 'en',
		emergency: v.emergency === true,
		categories: strings(v.categories)
	};
}

function pii(v: unknown): PiiLine | null {
	if (!isRecord(v) || typeof v.text !== 'string') return null;
	return {
		text: v.text,
		locale: typeof v.locale === 'string' ? v.locale : 'en',
		identifiers: strings(v.identifiers),
		clinical: strings(v.clinical)
	};
}

function percentile(sorted: readonly number[], p: number): number {
	if (sorted.length === 0) return 0;
	const idx = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
	return sorted[idx] ?? 0;
}

const round = (n: number, digits = 3) => Number(n.toFixed(digits));

/** Realistic ~500-character messages: symptoms, history, numbers, identifiers, mixed scripts. */
export function latencyMessages(): string[] {
	const seeds = [
		'我叫王建国，今年68岁，手机13812345678。去年做过心脏支架，一直在吃阿司匹林100mg和阿托伐他汀20mg。今天早上起床以后觉得胸口有点闷，没有发烧，也没有咳嗽，但是走几步路就喘，血压150/95 mmHg，心率96次/分。想问一下需要调整药物吗？另外我的身份证号110101195603071233，病历号ZY2023001，医保卡在女儿那里。',
		"Hi, my name is Sarah Jones and my NHS number is 943 476 5919. I'm 34 weeks pregnant and for the last two days I've had a headache that comes and goes, no bleeding, no fluid leaking, baby moving normally. My blood pressure at the pharmacy was 138/88. I take 75 mg aspirin daily as advised. Is paracetamol 500 mg safe to take? You can reach me on 07700 900123 or sarah.jones@example.co.uk if needed. Thanks.",
		'孩子5岁，昨天晚上开始发烧，最高39.2℃，吃了布洛芬混悬液5ml以后退到37.8℃，精神还可以，能吃能喝，没有抽搐，也没有皮疹。今天早上又烧到38.6℃，咳嗽有痰。家里电话010-62345678，我的手机是139 1234 5678。想知道什么时候需要去医院？需要吃抗生素吗？之前对青霉素没有过敏。体重18公斤，身高110厘米。',
		"My dad (72) had a stroke two years ago and now takes clopidogrel 75mg and metformin 500mg twice a day. His sugar this morning was 8.4 mmol/L and BP 145/85. He seems fine today, no slurred speech, no weakness, walking normally. What diet changes would help prevent another stroke? His SSN is 123-45-6789 and card 4111 1111 1111 1111 were on the old form, please ignore. Call (555) 123-4567 after 5pm.",
		'最近一周老是头晕，早上起来比较明显，量血压130/85，血糖空腹6.1mmol/L。没有胸痛，没有呼吸困难，也没有说话不清楚。我妈以前中风过，所以有点担心。平时吃氨氯地平5mg，每天一次。想问问头晕的常见原因有哪些？要不要做头颅CT？护照号E12345678，邮箱 wang.li@example.com，联系电话 +86 139-8765-4321。'
	];
	return seeds.map((s) => (s.length >= 500 ? s.slice(0, 500) : (s + ' ' + s).slice(0, 500)));
}

function allLiteralTerms(): string[] {
	const out: string[] = [];
	for (const cat of Object.values(termsData.categories)) {
		for (const t of cat.zh) out.push(t.toLowerCase());
		for (const t of cat.en) out.push(t.toLowerCase());
	}
	return out;
}

function timeLoop(messages: readonly string[], iterations: number, fn: (m: string) => void): number[] {
	const times: number[] = [];
	for (let i = 0; i < iterations; i++) {
		const m = messages[i % messages.length] ?? '';
		const t0 = performance.now();
		fn(m);
		times.push(performance.now() - t0);
	}
	return times.sort((a, b) => a - b);
}

export async function run(): Promise<BenchSection> {
	const emergencies = readJsonl('emergency.jsonl').map(labelled).filter((x): x is LabelledLine => x !== null);
	const calm = readJsonl('non_emergency.jsonl').map(labelled).filter((x): x is LabelledLine => x !== null);
	const piiLines = readJsonl('pii.jsonl').map(pii).filter((x): x is PiiLine => x !== null);

	// Recall over lines labelled as emergencies (both files, in case a "non" file holds one).
	const positives = [...emergencies, ...calm].filter((l) => l.emergency);
	const negatives = [...emergencies, ...calm].filter((l) => !l.emergency);
	let caught = 0;
	const perCat = new Map<CategoryId, { total: number; hit: number }>();
	for (const line of positives) {
		const v = assess(line.text, line.locale);
		if (v.emergency) caught++;
		for (const c of line.categories) {
			if (!isCategoryId(c)) continue;
			const id: CategoryId = c;
			const entry = perCat.get(id) ?? { total: 0, hit: 0 };
			entry.total++;
			if (v.categories.includes(id)) entry.hit++;
			perCat.set(id, entry);
		}
	}
	let alarms = 0;
	for (const line of negatives) if (assess(line.text, line.locale).emergency) alarms++;

	let identifiersLeft = 0;
	let identifiersTotal = 0;
	let clinicalLost = 0;
	let clinicalTotal = 0;
	for (const line of piiLines) {
		const out = redact(line.text, line.locale).text;
		for (const id of line.identifiers) {
			identifiersTotal++;
			if (out.includes(id)) identifiersLeft++;
		}
		for (const c of line.clinical) {
			clinicalTotal++;
			if (!out.includes(c)) clinicalLost++;
		}
	}

	const recall = positives.length === 0 ? 0 : caught / positives.length;
	const falseAlarmRate = negatives.length === 0 ? 0 : alarms / negatives.length;

	// Latency: warm up, then time assess+redact and the peer on the same messages.
	const messages = latencyMessages();
	const terms = allLiteralTerms();
	const peer = (m: string) => {
		const lower = m.toLowerCase();
		let n = 0;
		for (const t of terms) if (lower.includes(t)) n++;
		return n;
	};
	const ours = (m: string) => {
		assess(m, 'zh-CN');
		redact(m, 'zh-CN');
	};
	timeLoop(messages, 300, ours);
	timeLoop(messages, 300, peer);
	const iterations = 3000;
	const oursTimes = timeLoop(messages, iterations, ours);
	const peerTimes = timeLoop(messages, iterations, peer);
	const p50 = percentile(oursTimes, 50);
	const p99 = percentile(oursTimes, 99);
	const peerP99 = percentile(peerTimes, 99);
	const ratio = peerP99 > 0 ? p99 / peerP99 : 0;

	const categoryBars = CATEGORY_IDS.map((id) => {
		const e = perCat.get(id);
		return { label: id, value: e === undefined || e.total === 0 ? 0 : round((100 * e.hit) / e.total, 1) };
	});

	return {
		id: 'safety',
		title: 'Safety: emergency detection and PII redaction',
		metrics: [
			{
				name: 'Emergency recall',
				value: round(100 * recall, 1),
				unit: '%',
				target: '≥ 99%',
				ok: recall >= 0.99,
				note: `${caught}/${positives.length} labelled emergencies detected`
			},
			...CATEGORY_IDS.map((id) => {
				const e = perCat.get(id);
				const value = e === undefined || e.total === 0 ? 0 : (100 * e.hit) / e.total;
				return {
					name: `Recall: ${id}`,
					value: round(value, 1),
					unit: '%',
					note: e === undefined ? 'no labelled examples' : `${e.hit}/${e.total}`
				};
			}),
			{
				name: 'False-alarm rate',
				value: round(100 * falseAlarmRate, 1),
				unit: '%',
				target: '≤ 5%',
				ok: falseAlarmRate <= 0.05,
				note: `${alarms}/${negatives.length} non-emergencies flagged`
			},
			{
				name: 'Identifiers left after redaction',
				value: identifiersLeft,
				unit: 'count',
				target: '0',
				ok: identifiersLeft === 0,
				note: `of ${identifiersTotal} labelled identifiers`
			},
			{
				name: 'Clinical numbers lost',
				value: clinicalLost,
				unit: 'count',
				target: '0',
				ok: clinicalLost === 0,
				note: `of ${clinicalTotal} labelled clinical values`
			},
			{ name: 'assess+redact p50 (500 chars)', value: round(p50), unit: 'ms', note: `${iterations} iterations` },
			{ name: 'assess+redact p99 (500 chars)', value: round(p99), unit: 'ms', target: '≤ 2 ms', ok: p99 <= 2 },
			{
				name: 'p99 ratio vs includes() scan',
				value: round(ratio, 2),
				unit: '×',
				note: `peer: lower-case includes() over ${terms.length} literal terms, p99 ${round(peerP99, 4)} ms`
			}
		],
		charts: [
			{ title: 'Recall per category', unit: '%', bars: categoryBars },
			{
				title: 'Latency on 500-character messages',
				unit: 'ms',
				bars: [
					{ label: 'assess+redact p50', value: round(p50) },
					{ label: 'assess+redact p99', value: round(p99) },
					{ label: 'includes() scan p99', value: round(peerP99, 4) }
				]
			}
		]
	};
}
