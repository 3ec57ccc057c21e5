// History store benchmark section (issue 5): with 1,000 conversations / 20,000 bilingual messages
// stored, how long the history list takes to appear from a fresh open (target ≤ 200 ms) and the
// p95 of message search (target ≤ 50 ms).
//
// Runs in Node on fake-indexeddb (a pure-JavaScript, in-memory IndexedDB), NOT a browser's
// IndexedDB: absolute times differ from Chromium's, so each figure has a peer measured in the
// same run on the same data, and the ratio is what compares across machines:
// - list: reading all conversations and sorting them in memory (what the updatedAt index avoids);
// - search: a naive full scan (read every message, keep those containing every query term).
// The data is seeded through importConversationJson, so it is redacted and tokenised exactly as
// the app stores it. Deterministic (seeded PRNG).
import { performance } from 'node:perf_hooks';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { AppDatabase } from '../../src/lib/store/db';
import { listConversations } from '../../src/lib/store/conversations';
import { searchMessages } from '../../src/lib/store/search';
import { EXPORT_FORMAT, EXPORT_VERSION, importConversationJson } from '../../src/lib/store/transfer';
import { normalizeForSearch, parseQuery } from '../../src/lib/store/words';
import type { BenchSection } from './types';

export const CONVERSATIONS = 1000;
export const MESSAGES_PER_CONVERSATION = 20;
const LIST_RUNS = 15;
const QUERIES = 100;
const PEER_QUERIES = 20;
const LIST_TARGET_MS = 200;
const SEARCH_TARGET_MS = 50;

function mulberry32(seed: number): () => number {
	let a = seed;
	return () => {
		a = (a + 0x6d2b79f5) | 0;
		let t = Math.imul(a ^ (a >>> 15), 1 | a);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const random = mulberry32(5);
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;

const ZH_SYMPTOMS = ['头疼', '发烧', '咳嗽', '胸闷', '腹泻', '失眠', '皮疹', '腰痛', '喉咙痛', '头晕', '胃痛', '关节痛', '流鼻涕', '心慌', '便秘'];
const ZH_WHO = ['我', '我女儿', '我儿子', '我妈妈', '我爸爸', '孩子', '老人'];
const ZH_DURATION = ['两天', '三天', '一周', '半个月', '一个月', '昨天晚上开始'];
const ZH_DRUGS = ['布洛芬', '对乙酰氨基酚', '阿莫西林', '二甲双胍', '氨氯地平', '奥美拉唑', '氯雷他定'];
const ZH_CONDITIONS = ['高血压', '糖尿病', '哮喘', '胃炎', '过敏性鼻炎', '甲状腺功能减退', '冠心病'];
const EN_SYMPTOMS = ['headache', 'fever', 'cough', 'sore throat', 'back pain', 'rash', 'dizziness', 'nausea', 'insomnia', 'chest tightness', 'diarrhoea', 'joint pain', 'runny nose', 'palpitations', 'constipation'];
const EN_WHO = ['I', 'My daughter', 'My son', 'My mother', 'My father', 'My husband', 'My wife'];
const EN_DURATION = ['two days', 'three days', 'a week', 'two weeks', 'a month', 'last night'];
const EN_DRUGS = ['ibuprofen', 'paracetamol', 'amoxicillin', 'metformin', 'amlodipine', 'omeprazole', 'loratadine'];
const EN_CONDITIONS = ['high blood pressure', 'diabetes', 'asthma', 'gastritis', 'hay fever', 'hypothyroidism', 'heart disease'];

function zhQuestion(): string {
	const temp = (37 + random() * 2.5).toFixed(1);
	return pick([
		`${pick(ZH_WHO)}${pick(ZH_SYMPTOMS)}${pick(ZH_DURATION)}了，体温${temp}度，需要去医院吗？`,
		`有${pick(ZH_CONDITIONS)}的人可以吃${pick(ZH_DRUGS)}吗？每天吃几次比较合适？`,
		`${pick(ZH_WHO)}最近${pick(ZH_SYMPTOMS)}，还有点${pick(ZH_SYMPTOMS)}，是不是${pick(ZH_CONDITIONS)}引起的？`,
		`吃了${pick(ZH_DRUGS)}以后${pick(ZH_SYMPTOMS)}，要停药吗？我之前有${pick(ZH_CONDITIONS)}。`
	]);
}

function zhAnswer(): string {
	return [
		`${pick(ZH_SYMPTOMS)}常见的原因包括感染、疲劳和${pick(ZH_CONDITIONS)}等。`,
		`建议多休息、多喝温水，注意观察体温变化；如果症状持续超过${pick(ZH_DURATION)}或明显加重，请及时就医。`,
		`${pick(ZH_DRUGS)}应按照说明书或医生的建议使用，不要自行加量。`,
		`如果出现呼吸困难、意识不清或持续高烧，请立即拨打120。`
	].join('');
}

function enQuestion(): string {
	const temp = (37 + random() * 2.5).toFixed(1);
	return pick([
		`${pick(EN_WHO)} has had a ${pick(EN_SYMPTOMS)} for ${pick(EN_DURATION)}, temperature ${temp} °C. Should we see a doctor?`,
		`Can someone with ${pick(EN_CONDITIONS)} take ${pick(EN_DRUGS)}? How often is it safe?`,
		`${pick(EN_WHO)} keeps getting ${pick(EN_SYMPTOMS)} and some ${pick(EN_SYMPTOMS)}. Could it be ${pick(EN_CONDITIONS)}?`,
		`After starting ${pick(EN_DRUGS)} I noticed ${pick(EN_SYMPTOMS)}. Should I stop it? I also have ${pick(EN_CONDITIONS)}.`
	]);
}

function enAnswer(): string {
	return [
		`Common causes of ${pick(EN_SYMPTOMS)} include infections, tiredness and ${pick(EN_CONDITIONS)}.`,
		`Rest, drink plenty of fluids and keep an eye on your temperature; if it lasts more than ${pick(EN_DURATION)} or gets worse, see a doctor.`,
		`Take ${pick(EN_DRUGS)} only as the label or your doctor says, and do not increase the dose yourself.`,
		'If you have trouble breathing, confusion or a very high fever, call emergency services now.'
	].join(' ');
}

/** Conversation `index` of the seeded history, as an export file (also seeds history-page.ts). */
export function conversationFile(index: number, start: number): string {
	const language = index % 10 < 5 ? 'zh' : index % 10 < 9 ? 'en' : 'mixed';
	const messages = Array.from({ length: MESSAGES_PER_CONVERSATION }, (_, i) => {
		const user = i % 2 === 0;
		const zh = language === 'zh' || (language === 'mixed' && i % 4 < 2);
		const at = start + index * 3_600_000 + i * 30_000;
		return {
			role: user ? 'user' : 'assistant',
			text: user ? (zh ? zhQuestion() : enQuestion()) : zh ? zhAnswer() : enAnswer(),
			raw: user ? null : '',
			advisory: null,
			disclaimer: null,
			status: 'done',
			interrupted: false,
			error: null,
			notice: null,
			modelId: user ? null : 'Qwen3-4B-q4f16_1-MLC',
			engine: user ? null : 'webllm',
			emergency: [],
			redacted: [],
			citations: [],
			timings: null,
			createdAt: at,
			updatedAt: at
		};
	});
	const last = messages[messages.length - 1]?.createdAt ?? start;
	return JSON.stringify({
		format: EXPORT_FORMAT,
		version: EXPORT_VERSION,
		exportedAt: new Date(last).toISOString(),
		conversation: { title: '', createdAt: start + index * 3_600_000, updatedAt: last, profile: null, flags: [] },
		messages
	});
}

/** What people type: whole words, words still being typed, Chinese words and parts, both languages. */
const QUERY_POOL = [
	'headache',
	'fever',
	'cough',
	'sore thr',
	'back pain',
	'ibuprofen',
	'paracetamol dose',
	'metformin',
	'amlo',
	'high blood pressure',
	'diabetes',
	'asthma',
	'palpitations',
	'doctor',
	'temperature 38',
	'rash itchy',
	'hypothyroidism',
	'头疼',
	'发烧',
	'咳嗽',
	'高血压',
	'血压',
	'糖尿病',
	'布洛芬',
	'对乙酰氨基酚',
	'阿莫西林',
	'失眠',
	'喉咙',
	'喉咙痛',
	'温水',
	'就医',
	'甲状腺',
	'停药',
	'哮喘 asthma',
	'发烧 fever',
	'体温 38',
	'心慌',
	'过敏',
	'关节',
	'胃'
];

function percentile(sorted: readonly number[], p: number): number {
	if (sorted.length === 0) return 0;
	return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0;
}

const round = (n: number, digits = 2) => Number(n.toFixed(digits));
const open = (name: string) => new AppDatabase(name, { indexedDB, IDBKeyRange });

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
	const started = performance.now();
	const value = await work();
	return { ms: performance.now() - started, value };
}

export async function run(): Promise<BenchSection> {
	const name = `bench-store-${Date.now()}`;
	const seeding = open(name);
	const start = Date.UTC(2024, 0, 1);
	const seeded = await timed(async () => {
		for (let i = 0; i < CONVERSATIONS; i++) {
			const result = await importConversationJson(seeding, conversationFile(i, start));
			if (!result.ok) throw new Error(`seeding failed: ${result.code} ${result.detail}`);
		}
	});
	const messageCount = await seeding.messages.count();
	let tokens = 0;
	await seeding.messages.each((row) => (tokens += row.words.length));
	seeding.close();

	// List: a fresh open (a new connection, as after a page load), then the newest 50.
	const listTimes: number[] = [];
	const peerListTimes: number[] = [];
	for (let run = 0; run < LIST_RUNS; run++) {
		const db = open(name);
		const { ms, value } = await timed(() => listConversations(db, { limit: 50 }));
		if (value.length !== 50) throw new Error(`list returned ${value.length}`);
		listTimes.push(ms);
		db.close();
		const peer = open(name);
		peerListTimes.push(
			(await timed(async () => (await peer.conversations.toArray()).sort((a, b) => b.updatedAt - a.updatedAt).slice(0, 50))).ms
		);
		peer.close();
	}

	// Search: 100 queries from the pool (warm connection, as while a person types).
	const db = open(name);
	await db.open();
	const queries = Array.from({ length: QUERIES }, (_, i) => QUERY_POOL[i % QUERY_POOL.length] ?? '');
	for (const query of QUERY_POOL.slice(0, 5)) await searchMessages(db, query);
	const searchTimes: number[] = [];
	let hits = 0;
	for (const query of queries) {
		const { ms, value } = await timed(() => searchMessages(db, query, { limit: 20 }));
		searchTimes.push(ms);
		hits += value.length;
	}
	const peerTimes: number[] = [];
	for (const query of queries.slice(0, PEER_QUERIES)) {
		const { terms } = parseQuery(query);
		peerTimes.push(
			(
				await timed(async () =>
					(await db.messages.toArray())
						.filter((row) => {
							const text = normalizeForSearch(row.text);
							return terms.every((term) => text.includes(term));
						})
						.sort((a, b) => b.createdAt - a.createdAt)
						.slice(0, 20)
				)
			).ms
		);
	}
	await db.delete();

	listTimes.sort((a, b) => a - b);
	peerListTimes.sort((a, b) => a - b);
	searchTimes.sort((a, b) => a - b);
	peerTimes.sort((a, b) => a - b);
	const listP50 = percentile(listTimes, 50);
	const listMax = listTimes[listTimes.length - 1] ?? 0;
	const peerListP50 = percentile(peerListTimes, 50);
	const searchP50 = percentile(searchTimes, 50);
	const searchP95 = percentile(searchTimes, 95);
	const peerP95 = percentile(peerTimes, 95);
	const note = 'fake-indexeddb in Node (pure-JS, in-memory), not a browser IndexedDB';

	return {
		id: 'store',
		title: `History store: ${CONVERSATIONS.toLocaleString('en')} conversations / ${messageCount.toLocaleString('en')} messages (fake-indexeddb)`,
		metrics: [
			{
				name: 'History list (newest 50) from a fresh open, worst of 15',
				value: round(listMax),
				unit: 'ms',
				target: `≤ ${LIST_TARGET_MS} ms`,
				ok: listMax <= LIST_TARGET_MS,
				note
			},
			{ name: 'History list, median', value: round(listP50), unit: 'ms' },
			{
				name: 'History list / peer (read all conversations, sort in memory), medians',
				value: round(peerListP50 > 0 ? listP50 / peerListP50 : 0, 3),
				unit: '×',
				note: `peer median ${round(peerListP50)} ms`
			},
			{
				name: `Message search p95 (${QUERIES} queries, zh and en)`,
				value: round(searchP95),
				unit: 'ms',
				target: `≤ ${SEARCH_TARGET_MS} ms`,
				ok: searchP95 <= SEARCH_TARGET_MS,
				note
			},
			{ name: 'Message search p50', value: round(searchP50), unit: 'ms' },
			{
				name: `Message search p95 / peer p95 (naive full scan, ${PEER_QUERIES} queries)`,
				value: round(peerP95 > 0 ? searchP95 / peerP95 : 0, 4),
				unit: '×',
				note: `peer p95 ${round(peerP95)} ms`
			},
			{ name: 'Hits per query (limit 20), mean', value: round(hits / QUERIES, 1), unit: 'hits' },
			{ name: 'Search tokens per message, mean', value: round(tokens / messageCount, 1), unit: 'tokens' },
			{ name: 'Seeding through import (redact + tokenise + write)', value: round(seeded.ms / 1000, 1), unit: 's' }
		],
		charts: [
			{
				title: 'History list from a fresh open (median, ms)',
				unit: 'ms',
				bars: [
					{ label: 'updatedAt index, newest 50', value: round(listP50) },
					{ label: 'peer: read all, sort', value: round(peerListP50) }
				]
			},
			{
				title: 'Message search p95 (ms)',
				unit: 'ms',
				bars: [
					{ label: 'words index', value: round(searchP95) },
					{ label: 'peer: full scan', value: round(peerP95) }
				]
			}
		]
	};
}

// `npx tsx scripts/bench/store.ts` runs this section alone.
if (import.meta.url === `file://${process.argv[1]}`) {
	const section = await run();
	for (const m of section.metrics) console.log(`${m.name}: ${m.value} ${m.unit}${m.target ? ` (target ${m.target})` : ''}`);
}
