// A deterministic synthetic knowledge base for the retrieval bench: chunks of medical-ish text in
// Chinese and English (half each), with a realistic vocabulary shape — a few hundred common
// medical words drawn with a Zipf-like skew, thousands of rare names (medicines, places, tests),
// and the function words real sentences have — plus random unit vectors. Queries are questions
// built from the same vocabulary, as patients phrase them. Seeded PRNG: the same corpus every run.
import type { KbChunk, KbLang } from '../../src/lib/retrieval/types';

export function mulberry32(seed: number): () => number {
	let a = seed;
	return () => {
		a = (a + 0x6d2b79f5) | 0;
		let t = Math.imul(a ^ (a >>> 15), 1 | a);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const EN_COMMON = (
	'fever cough headache pain throat chest stomach skin rash blood pressure sugar heart breathing ' +
	'child baby adult elderly pregnancy medicine dose tablet liquid antibiotic vaccine injection ' +
	'infection virus bacteria allergy asthma diabetes insulin kidney liver lung bone joint muscle ' +
	'sleep tired dizzy nausea vomiting diarrhoea constipation burn cut bleeding swelling itching ' +
	'doctor nurse pharmacist hospital emergency clinic test scan urine stool sample result ' +
	'water food meal fasting exercise weight smoking alcohol stress anxiety mood memory ' +
	'symptom sign warning severe mild chronic acute daily weekly morning night temperature'
).split(' ');
const EN_FILLER = (
	'the a of and to in is that it for with as on be are this can you your if or not may should ' +
	'when what how do does have has will more than about after before most some any often usually'
).split(' ');
const ZH_COMMON = (
	'发烧 咳嗽 头痛 嗓子 胸口 胃部 皮肤 皮疹 血压 血糖 心脏 呼吸 孩子 婴儿 成人 老人 怀孕 药物 剂量 ' +
	'药片 口服液 抗生素 疫苗 注射 感染 病毒 细菌 过敏 哮喘 糖尿病 胰岛素 肾脏 肝脏 肺部 骨头 关节 肌肉 ' +
	'睡眠 疲劳 头晕 恶心 呕吐 腹泻 便秘 烧伤 割伤 出血 肿胀 瘙痒 医生 护士 药师 医院 急诊 门诊 检查 ' +
	'化验 尿液 大便 标本 结果 饮水 饮食 空腹 运动 体重 吸烟 饮酒 压力 焦虑 情绪 记忆 症状 体征 警示 ' +
	'严重 轻微 慢性 急性 每天 每周 早上 晚上 体温'
).split(' ');
const ZH_FILLER = (
	'的 了 是 在 和 要 可以 如果 应该 需要 不要 一般 通常 已经 还是 什么 怎么 为什么 有没有 比较 ' +
	'或者 以及 但是 因为 所以 之后 之前 多数 有些'
).split(' ');
const SYLLABLES = 'ba be bi bo ca ce co da de di do fa fe fi ga ge la le li lo ma me mi mo na ne no pa pe pi ra re ri ro sa se si so ta te ti to va ve vi xa za ze zo'.split(' ');
const HAN = '安百倍贝必冰丙波达德迪多恩芬福格海华吉佳金卡康可克拉来兰立利林灵龙洛马美明莫纳宁诺帕普奇瑞赛沙舒斯泰坦特维沃西新欣亚伊英泽正'.split('');

function rareNames(random: () => number, count: number, zh: boolean): string[] {
	const names = new Set<string>();
	while (names.size < count) {
		const parts = 2 + Math.floor(random() * 3);
		let name = '';
		for (let i = 0; i < parts; i++) {
			const pool = zh ? HAN : SYLLABLES;
			name += pool[Math.floor(random() * pool.length)] ?? '';
		}
		names.add(zh ? name : `${name}ne`);
	}
	return [...names];
}

/** Zipf-like pick: low indexes much more often than high ones. */
function zipf<T>(random: () => number, list: readonly T[]): T {
	const index = Math.floor(list.length * Math.pow(random(), 2.2));
	return list[Math.min(index, list.length - 1)] as T;
}

export interface Corpus {
	chunks: KbChunk[];
	vectors: Float32Array[];
	queries: { text: string; lang: KbLang; vector: Float32Array }[];
}

function unit(random: () => number, dimension: number): Float32Array {
	const v = new Float32Array(dimension);
	let norm = 0;
	for (let i = 0; i < dimension; i++) {
		// Box–Muller: Gaussian components give directions uniform on the sphere.
		const x = Math.sqrt(-2 * Math.log(random() + 1e-12)) * Math.cos(2 * Math.PI * random());
		v[i] = x;
		norm += x * x;
	}
	norm = Math.sqrt(norm);
	for (let i = 0; i < dimension; i++) v[i] = (v[i] ?? 0) / norm;
	return v;
}

/** `count` chunks (zh and en alternating, ~8 per document), their vectors, and `queryCount` queries. */
export function syntheticCorpus(count: number, dimension = 384, queryCount = 200, seed = 6): Corpus {
	const random = mulberry32(seed);
	const enRare = rareNames(random, 4000, false);
	const zhRare = rareNames(random, 4000, true);
	const enSentence = () => {
		const words: string[] = [];
		const length = 8 + Math.floor(random() * 12);
		for (let i = 0; i < length; i++) {
			const r = random();
			words.push(r < 0.45 ? zipf(random, EN_FILLER) : r < 0.9 ? zipf(random, EN_COMMON) : zipf(random, enRare));
		}
		const text = words.join(' ');
		return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
	};
	const zhSentence = () => {
		let text = '';
		const length = 6 + Math.floor(random() * 10);
		for (let i = 0; i < length; i++) {
			const r = random();
			text += r < 0.4 ? zipf(random, ZH_FILLER) : r < 0.9 ? zipf(random, ZH_COMMON) : zipf(random, zhRare);
			if (i === Math.floor(length / 2)) text += '，';
		}
		return `${text}。`;
	};
	const chunks: KbChunk[] = [];
	const vectors: Float32Array[] = [];
	for (let i = 0; i < count; i++) {
		const zh = i % 2 === 0;
		const doc = Math.floor(i / 16) * 2 + (zh ? 0 : 1);
		const ordinal = Math.floor(i / 2) % 8;
		const lang: KbLang = zh ? 'zh-CN' : 'en';
		const sentences = 3 + Math.floor(random() * 4);
		const title = zh ? `${zipf(random, ZH_COMMON)}与${zipf(random, ZH_COMMON)}` : `${zipf(random, EN_COMMON)} and ${zipf(random, EN_COMMON)}`;
		const text = Array.from({ length: sentences }, zh ? zhSentence : enSentence).join(zh ? '' : ' ');
		const docId = `doc-${doc}`;
		chunks.push({
			id: `${docId}#${ordinal}-${i.toString(16).padStart(8, '0')}`,
			docId,
			ordinal,
			title,
			lang,
			source: 'Synthetic',
			updated: '2026-01-01',
			file: `file-${Math.floor(doc / 10)}.md`,
			text
		});
		vectors.push(unit(random, dimension));
	}
	const queries: Corpus['queries'] = [];
	for (let i = 0; i < queryCount; i++) {
		const zh = i % 2 === 0;
		const text = zh
			? `${zipf(random, ZH_COMMON)}${zipf(random, ZH_FILLER)}${zipf(random, ZH_COMMON)}${random() < 0.3 ? zipf(random, zhRare) : ''}怎么办？`
			: `What should I do about ${zipf(random, EN_COMMON)} and ${zipf(random, EN_COMMON)}${random() < 0.3 ? ` after ${zipf(random, enRare)}` : ''}?`;
		queries.push({ text, lang: zh ? 'zh-CN' : 'en', vector: unit(random, dimension) });
	}
	return { chunks, vectors, queries };
}
