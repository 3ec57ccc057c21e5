// Safety benchmark section: emergency triage and identifier redaction on the labelled sets, each
// reported for its two parts (tests/fixtures/safety/README.md):
//   dev/     lines the rules were tuned on;
//   frozen/  lines written before the rules were tuned and never used to tune them.
// The gap between the two is the overfitting figure. Also: per-category recall, the urgent level,
// assess+redact latency on 500-character messages, and the hostile inputs of issue 10 ("100k
// characters, mixed scripts, emoji, full-width and zero-width characters, repeated words built to
// make a regex backtrack"), each timed beside a peer measured in the same run (a lower-case
// includes() scan over every lexicon surface; a single regex replace over the hostile input), so the
// ratios compare across machines. Pure Node: run through tsx.

import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import lexiconFiles from '../../src/lib/safety/data/lexicon/index';
import { assess, CATEGORY_IDS, isCategoryId, type CategoryId } from '../../src/lib/safety/emergency';
import { surfaces } from '../../src/lib/safety/triage/lexicon';
import { redact } from '../../src/lib/safety/redact';
import type { BenchMetric, BenchSection } from './types';

export type { BenchSection } from './types';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const FIXTURES = join(ROOT, 'tests', 'fixtures', 'safety');

interface TriageLine {
	text: string;
	locale: string;
	level: 'emergency' | 'urgent' | 'routine';
	categories: string[];
	hard: boolean;
}

interface PiiLine {
	text: string;
	locale: string;
	identifiers: string[];
	clinical: string[];
}

function readJsonl(path: string): Record<string, unknown>[] {
	return readFileSync(path, 'utf8')
		.split(/\r?\n/)
		.filter((l) => l.trim().length > 0)
		.map((l) => JSON.parse(l) as Record<string, unknown>);
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

function files(part: 'dev' | 'frozen', prefix: string): string[] {
	return readdirSync(join(FIXTURES, part))
		.filter((f) => f.startsWith(prefix) && f.endsWith('.jsonl'))
		.sort()
		.map((f) => join(FIXTURES, part, f));
}

function triageLines(part: 'dev' | 'frozen'): TriageLine[] {
	return files(part, 'triage').flatMap((f) =>
		readJsonl(f).flatMap((v) =>
			typeof v.text === 'string'
				? [
						{
							text: v.text,
							locale: typeof v.locale === 'string' ? v.locale : 'en',
							level: v.level === 'emergency' || v.level === 'urgent' ? v.level : 'routine',
							categories: strings(v.categories),
							hard: v.hard === true
						} satisfies TriageLine
					]
				: []
		)
	);
}

function piiLines(part: 'dev' | 'frozen'): PiiLine[] {
	return files(part, 'pii').flatMap((f) =>
		readJsonl(f).flatMap((v) =>
			typeof v.text === 'string'
				? [
						{
							text: v.text,
							locale: typeof v.locale === 'string' ? v.locale : 'en',
							identifiers: strings(v.identifiers),
							clinical: strings(v.clinical)
						}
					]
				: []
		)
	);
}

const round = (n: number, digits = 3) => Number(n.toFixed(digits));
const pct = (n: number) => round(100 * n, 1);

interface TriageFigures {
	lines: number;
	hardShare: number;
	recall: number;
	caught: number;
	positives: number;
	falseAlarms: number;
	alarms: number;
	negatives: number;
	urgentAsUrgent: number;
	urgent: number;
	levelAgreement: number;
	perCategory: Map<CategoryId, { total: number; hit: number }>;
}

function triageFigures(lines: readonly TriageLine[]): TriageFigures {
	let caught = 0;
	let alarms = 0;
	let urgentOk = 0;
	let agree = 0;
	const perCategory = new Map<CategoryId, { total: number; hit: number }>();
	for (const line of lines) {
		const v = assess(line.text, line.locale);
		if (v.level === line.level) agree++;
		if (line.level === 'emergency') {
			if (v.emergency) caught++;
			for (const c of line.categories) {
				if (!isCategoryId(c)) continue;
				const e = perCategory.get(c) ?? { total: 0, hit: 0 };
				e.total++;
				if (v.emergency) e.hit++;
				perCategory.set(c, e);
			}
		} else if (v.emergency) alarms++;
		if (line.level === 'urgent' && v.level === 'urgent') urgentOk++;
	}
	const positives = lines.filter((l) => l.level === 'emergency').length;
	const negatives = lines.length - positives;
	const urgent = lines.filter((l) => l.level === 'urgent').length;
	return {
		lines: lines.length,
		hardShare: lines.filter((l) => l.hard).length / Math.max(1, lines.length),
		recall: caught / Math.max(1, positives),
		caught,
		positives,
		falseAlarms: alarms / Math.max(1, negatives),
		alarms,
		negatives,
		urgentAsUrgent: urgentOk,
		urgent,
		levelAgreement: agree / Math.max(1, lines.length),
		perCategory
	};
}

function piiFigures(lines: readonly PiiLine[]) {
	let left = 0;
	let total = 0;
	let lost = 0;
	let clinical = 0;
	for (const line of lines) {
		const out = redact(line.text, line.locale).text;
		for (const id of line.identifiers) {
			total++;
			if (out.includes(id)) left++;
		}
		for (const c of line.clinical) {
			clinical++;
			if (!out.includes(c)) lost++;
		}
	}
	return { left, total, lost, clinical };
}

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

/** The hostile inputs of issue 10, about 100,000 characters each. */
export function hostileInputs(): [string, string][] {
	return [
		['repeated English', 'my chest hurts and '.repeat(5300)],
		['repeated Chinese', '胸口很痛，喘不过气，'.repeat(10000)],
		['Chinese, no punctuation', '胸口很痛喘不过气'.repeat(12500)],
		['mixed scripts', '我妈 chest pain 很厉害 还出冷汗 '.repeat(4000)],
		['emoji', '😷🤒'.repeat(25000)],
		['full-width', 'ＭＹ　ＣＨＥＳＴ　ＨＵＲＴＳ　'.repeat(7000)],
		['zero-width', 'c\u200bh\u200be\u200bs\u200bt '.repeat(10000)],
		['negations to backtrack', `${'no not never without '.repeat(4500)}chest pain`],
		['one endless word', 'a'.repeat(100000)],
		['digits', '1234567890 '.repeat(9000)],
		['Chinese numerals', '一二三四五六七八九十'.repeat(10000)],
		['identifier shapes', '138 1234 name: a@b. '.repeat(5000)]
	];
}

function allSurfaces(): string[] {
	const out: string[] = [];
	for (const file of lexiconFiles)
		for (const entry of Object.values(file.concepts)) out.push(...surfaces(entry.zh), ...surfaces(entry.en));
	return out.filter((s) => !/[~*]/.test(s));
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

function percentile(sorted: readonly number[], p: number): number {
	if (sorted.length === 0) return 0;
	return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0;
}

/** Median of `runs` timings of fn(input), after one warm-up call. */
function median(fn: () => void, runs = 5): number {
	fn();
	const times: number[] = [];
	for (let i = 0; i < runs; i++) {
		const t0 = performance.now();
		fn();
		times.push(performance.now() - t0);
	}
	return times.sort((a, b) => a - b)[Math.floor(runs / 2)] ?? 0;
}

function triageMetrics(part: 'dev' | 'frozen', f: TriageFigures): BenchMetric[] {
	const name = part === 'dev' ? 'dev (tuned on)' : 'frozen (never tuned on)';
	return [
		{
			name: `Emergency recall, ${name}`,
			value: pct(f.recall),
			unit: '%',
			target: '≥ 97%',
			ok: f.recall >= 0.97,
			note: `${f.caught}/${f.positives} labelled emergencies; ${f.lines} lines, ${pct(f.hardShare)} % hard negatives`
		},
		{
			name: `False alarms, ${name}`,
			value: pct(f.falseAlarms),
			unit: '%',
			target: '≤ 8%',
			ok: f.falseAlarms <= 0.08,
			note: `${f.alarms}/${f.negatives} urgent or routine lines raised an emergency`
		},
		{
			name: `Urgent lines read as urgent, ${name}`,
			value: pct(f.urgentAsUrgent / Math.max(1, f.urgent)),
			unit: '%',
			note: `${f.urgentAsUrgent}/${f.urgent}; level agreement overall ${pct(f.levelAgreement)} %`
		}
	];
}

/**
 * The safety layer as the app ships it: one minified ES bundle (esbuild, as Vite's dependency), so
 * timings are not those of the TypeScript loader's wrappers.
 */
async function shippedSafety(): Promise<typeof import('../../src/lib/safety/index')> {
	const { build } = await import('esbuild');
	const out = join(mkdtempSync(join(tmpdir(), 'bench-safety-')), 'safety.mjs');
	await build({
		entryPoints: [join(ROOT, 'src', 'lib', 'safety', 'index.ts')],
		bundle: true,
		minify: true,
		format: 'esm',
		platform: 'neutral',
		outfile: out,
		logLevel: 'error'
	});
	return (await import(pathToFileURL(out).href)) as typeof import('../../src/lib/safety/index');
}

export async function run(): Promise<BenchSection> {
	const shipped = await shippedSafety();
	const built = performance.now();
	shipped.assess('warm-up', 'en');
	const buildMs = performance.now() - built;

	const dev = triageFigures(triageLines('dev'));
	const frozen = triageFigures(triageLines('frozen'));
	const piiDev = piiFigures(piiLines('dev'));
	const piiFrozen = piiFigures(piiLines('frozen'));

	// Latency on realistic messages, beside a peer that only looks every surface up.
	const messages = latencyMessages();
	const terms = allSurfaces().map((t) => t.toLowerCase());
	const peer = (m: string) => {
		const lower = m.toLowerCase();
		let n = 0;
		for (const t of terms) if (lower.includes(t)) n++;
		return n;
	};
	const ours = (m: string) => {
		shipped.assess(m, 'zh-CN');
		shipped.redact(m, 'zh-CN');
	};
	timeLoop(messages, 300, ours);
	timeLoop(messages, 100, peer);
	const oursTimes = timeLoop(messages, 2000, ours);
	const peerTimes = timeLoop(messages, 500, peer);
	const assessOnly = timeLoop(messages, 2000, (m) => shipped.assess(m, 'zh-CN'));
	const p50 = percentile(oursTimes, 50);
	const p99 = percentile(oursTimes, 99);
	const assessP50 = percentile(assessOnly, 50);
	const assessP99 = percentile(assessOnly, 99);
	const peerP50 = percentile(peerTimes, 50);

	// Hostile inputs: assess and redact, each the median of five runs, beside one regex replace.
	const hostile = hostileInputs().map(([label, text]) => {
		const a = median(() => shipped.assess(text, 'en'));
		const r = median(() => shipped.redact(text, 'en'));
		const peerMs = median(() => text.replace(/[a-z]/g, '#'));
		return { label, a, r, peerMs };
	});
	const worstAssess = Math.max(...hostile.map((h) => h.a));
	const worstRedact = Math.max(...hostile.map((h) => h.r));
	const worstPeer = Math.max(...hostile.map((h) => h.peerMs));

	const category = (id: CategoryId, f: TriageFigures) => {
		const e = f.perCategory.get(id);
		return e === undefined || e.total === 0 ? 0 : pct(e.hit / e.total);
	};

	return {
		id: 'safety',
		title: 'Safety: emergency triage and identifier redaction (dev and frozen parts)',
		metrics: [
			...triageMetrics('dev', dev),
			...triageMetrics('frozen', frozen),
			{
				name: 'Overfitting gap (recall, dev − frozen)',
				value: round(100 * (dev.recall - frozen.recall), 1),
				unit: 'points',
				note: `false alarms: frozen − dev = ${round(100 * (frozen.falseAlarms - dev.falseAlarms), 1)} points`
			},
			{
				name: 'Identifiers left, dev',
				value: piiDev.left,
				unit: 'count',
				target: '0',
				ok: piiDev.left === 0,
				note: `of ${piiDev.total}; clinical details lost ${piiDev.lost}/${piiDev.clinical}`
			},
			{
				name: 'Identifiers left, frozen',
				value: piiFrozen.left,
				unit: 'count',
				target: '0',
				ok: piiFrozen.left === 0,
				note: `of ${piiFrozen.total}; clinical details lost ${piiFrozen.lost}/${piiFrozen.clinical}`
			},
			{
				name: 'Clinical details lost, frozen',
				value: piiFrozen.lost,
				unit: 'count',
				target: '≤ 1',
				ok: piiFrozen.lost <= 1
			},
			{
				name: 'assess p50 (500 chars)',
				value: round(assessP50),
				unit: 'ms',
				target: '< 1 ms',
				ok: assessP50 < 1,
				note: `p99 ${round(assessP99)} ms; the shipped bundle`
			},
			{ name: 'assess+redact p50 (500 chars)', value: round(p50), unit: 'ms', note: `peer includes() scan p50 ${round(peerP50, 4)} ms` },
			{
				name: 'assess+redact p99 (500 chars)',
				value: round(p99),
				unit: 'ms',
				target: '≤ 2 ms',
				ok: p99 <= 2,
				note: 'includes garbage collection pauses'
			},
			{ name: 'p50 ratio vs includes() scan', value: round(p50 / Math.max(1e-6, peerP50), 2), unit: '×', note: `peer: ${terms.length} surfaces` },
			{ name: 'Triage model build (first message)', value: round(buildMs, 1), unit: 'ms', note: 'once per page, while idle' },
			{
				name: 'Hostile input, worst assess (≈100k chars)',
				value: round(worstAssess, 1),
				unit: 'ms',
				target: '≤ 10 ms',
				ok: worstAssess <= 10,
				note: `${round(worstAssess / Math.max(1e-6, worstPeer), 1)}× a regex replace over the same input`
			},
			{
				name: 'Hostile input, worst redact (≈100k chars)',
				value: round(worstRedact, 1),
				unit: 'ms',
				target: '≤ 10 ms',
				ok: worstRedact <= 10,
				note: `${round(worstRedact / Math.max(1e-6, worstPeer), 1)}× a regex replace over the same input`
			}
		],
		charts: [
			{
				title: 'Emergency recall per category, frozen part',
				unit: '%',
				bars: CATEGORY_IDS.filter((id) => (frozen.perCategory.get(id)?.total ?? 0) > 0).map((id) => ({ label: id, value: category(id, frozen) }))
			},
			{
				title: 'Emergency recall per category, dev part',
				unit: '%',
				bars: CATEGORY_IDS.filter((id) => (dev.perCategory.get(id)?.total ?? 0) > 0).map((id) => ({ label: id, value: category(id, dev) }))
			},
			{
				title: 'Hostile inputs (ms, median of 5)',
				unit: 'ms',
				bars: hostile.flatMap((h) => [
					{ label: `${h.label}: assess`, value: round(h.a, 2) },
					{ label: `${h.label}: redact`, value: round(h.r, 2) }
				])
			}
		]
	};
}
