// `npm run kb:build` (scripts/kb/build.ts) on tiny knowledge bases in temp directories, embedding with
// the real embed-tiny fixture through transformers.js in Node; and the committed static/kb/index.json
// being the build of kb/.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	buildKnowledgeBase,
	embeddingEntry,
	KbBuildError,
	kbFiles,
	type KbBuildOptions
} from '../../../scripts/kb/build';
import { loadEmbedder } from '../../../src/lib/retrieval/embed';
import { readPrebuiltIndex } from '../../../src/lib/retrieval/prebuilt';
import { fixtureModels, norm, type FixtureModels } from './embed-fixtures';

const FEVER_EN = `---
id: fever-en
title: "Fever"
lang: en
source: "NHS: High temperature (fever) in adults"
updated: 2026-11-20
---
Also called: high temperature, pyrexia.

A fever is a temperature of 38°C or more. Rest and drink plenty of fluids.

## When to get help

Call the emergency number if someone has a stiff neck, a rash that does not fade, or trouble breathing.
`;

const FEVER_ZH = `---
id: fever-zh
title: "发烧"
lang: zh-CN
source: "国家卫生健康委员会"
updated: 2026-11-20
---
常见说法：发热、高烧。

体温达到37.3°C以上就是发烧。注意休息，多喝水。如果出现颈部僵硬、呼吸困难，请立即拨打急救电话。
`;

const QA_CSV = `id,lang,question,answer,source,updated
qa-fasting-en,en,Do I need to fast before a blood test?,"Only some blood tests need fasting. Your clinic will tell you.",NHS: Blood tests,2026-11-20
`;

function kbDir(files: Record<string, string>): string {
	const dir = mkdtempSync(join(tmpdir(), 'kb-build-'));
	for (const [name, text] of Object.entries(files)) {
		mkdirSync(dirname(join(dir, name)), { recursive: true });
		writeFileSync(join(dir, name), text);
	}
	return dir;
}

let models: FixtureModels;
let catalogFile: string;
const temps: string[] = [];
beforeAll(async () => {
	models = await fixtureModels();
	catalogFile = join(models.dir, 'catalog.json');
}, 30_000);
afterAll(() => {
	models.remove();
	for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

const tiny = () => {
	const dir = kbDir({
		'en/fever.md': FEVER_EN,
		'zh/fever.md': FEVER_ZH,
		'qa/tests.en.csv': QA_CSV,
		'README.md': '# What this folder is\n'
	});
	temps.push(dir);
	return dir;
};

const withFixture = (kb: string, extra: KbBuildOptions = {}) =>
	buildKnowledgeBase({ kbDir: kb, catalogFile, modelsDir: models.dir, modelId: 'embed-tiny', ...extra });

describe('kbFiles', () => {
	it('lists .md, .json and .csv files in a stable order, leaving README.md out', () => {
		expect(kbFiles(tiny())).toEqual(['en/fever.md', 'qa/tests.en.csv', 'zh/fever.md']);
	});
});

describe('embeddingEntry', () => {
	it('is the default catalog’s multilingual-e5-small without a catalog file', () => {
		expect(embeddingEntry()).toMatchObject({
			id: 'Xenova/multilingual-e5-small',
			dimension: 384,
			dtype: 'q8',
			prefix: { query: 'query: ', passage: 'passage: ' },
			pooling: 'mean'
		});
	});

	it('is the mirror catalog’s entry when one is given (fixtures allowed)', () => {
		expect(embeddingEntry(catalogFile)).toMatchObject({ id: 'fixture-embed-tiny', dimension: 32 });
	});
});

describe('buildKnowledgeBase', () => {
	it('chunks and embeds the base with the fixture model, giving the same bytes every time', async () => {
		const kb = tiny();
		const first = await withFixture(kb);
		const second = await withFixture(kb);
		expect(second.text).toBe(first.text);
		expect(first).toMatchObject({ files: 3, documents: 3, lexicalOnly: null });
		const { index } = first;
		expect(index.model).toEqual({ id: 'fixture-embed-tiny', dimension: 32 });
		expect(new Set(index.chunks.map((c) => c.docId))).toEqual(
			new Set(['fever-en', 'fever-zh', 'qa-fasting-en'])
		);
		expect(index.chunks.map((c) => c.file)).toContain('qa/tests.en.csv');
		expect(index.vectors).toHaveLength(index.chunks.length);
		for (const vector of index.vectors ?? []) expect(norm(vector)).toBeCloseTo(1, 5);
	}, 30_000);

	it('writes vectors the app trusts with the same model, equal to embedding each chunk as a passage', async () => {
		const { text, index } = await withFixture(tiny());
		const reading = readPrebuiltIndex(JSON.parse(text), { id: 'fixture-embed-tiny', dimension: 32 });
		expect(reading.vectors).toBe('trusted');
		const embedder = await loadEmbedder(models.entry, {
			runtime: 'node',
			localModelPath: models.dir,
			localModelId: 'embed-tiny'
		});
		try {
			const again = await embedder.embed(
				index.chunks.map((c) => c.text),
				'passage'
			);
			reading.index.vectors?.forEach((vector, i) =>
				vector.forEach((x, j) => expect(x).toBeCloseTo(again[i]?.[j] ?? NaN, 6))
			);
		} finally {
			await embedder.dispose();
		}
		expect(
			readPrebuiltIndex(JSON.parse(text), { id: 'Xenova/multilingual-e5-small', dimension: 384 }).vectors
		).toBe('other-model');
	}, 30_000);

	it('lists every file’s problem and writes nothing', async () => {
		const kb = kbDir({
			'en/fever.md': FEVER_EN,
			'en/broken.md': 'no front matter here\n',
			'en/again.md': FEVER_EN.replace('title: "Fever"', 'title: "Fever again"'),
			'qa/bad.csv': QA_CSV.replace(',en,', ',fr,')
		});
		temps.push(kb);
		const failure = await withFixture(kb).catch((error: unknown) => error);
		expect(failure).toBeInstanceOf(KbBuildError);
		expect((failure as KbBuildError).problems).toEqual([
			'en/broken.md, line 1: front-matter; no opening "---" line',
			'qa/bad.csv, row 1: invalid-field; field lang',
			'en/fever.md: duplicate-id; id fever-en; also in en/again.md'
		]);
		expect((failure as Error).message.split('\n')[0]).toBe(`3 problem(s) in ${kb}/; nothing was written:`);
	});

	it('writes a lexical-only index when the model files are not there, or fails when they are required', async () => {
		const kb = tiny();
		const result = await withFixture(kb, { modelId: 'missing-model' });
		expect(result.index.model).toBeNull();
		expect(result.index.vectors).toBeNull();
		expect(result.lexicalOnly).toMatch(
			/^no model files for fixture-embed-tiny in .*missing-model\/ \(missing config\.json, onnx\/model\.onnx, tokenizer\.json, tokenizer_config\.json\)$/
		);
		await expect(withFixture(kb, { modelId: 'missing-model', embed: 'require' })).rejects.toThrow(
			/^Cannot embed: no model files for fixture-embed-tiny/
		);
		const never = await withFixture(kb, { embed: 'never' });
		expect(never.lexicalOnly).toBe('built with --no-embed');
		expect(never.index.contentHash).toBe(result.index.contentHash);
	});
});

describe('npm run kb:build (the command)', () => {
	it('writes the index and a summary; exits 1 listing the problems of a broken base', () => {
		const kb = tiny();
		const out = join(kb, 'out', 'index.json');
		const ok = spawnSync('npx', ['tsx', 'scripts/kb/build.ts', '--kb', kb, '--out', out, '--no-embed'], {
			encoding: 'utf8'
		});
		expect(ok.status).toBe(0);
		expect(ok.stdout).toContain(`kb:build: wrote ${out}`);
		expect(ok.stdout).toContain('3 documents from 3 files');
		expect(JSON.parse(readFileSync(out, 'utf8'))).toMatchObject({ format: 'med-qa-kb-index', model: null });

		const broken = kbDir({ 'en/broken.md': 'nothing\n' });
		temps.push(broken);
		const bad = spawnSync('npx', ['tsx', 'scripts/kb/build.ts', '--kb', broken, '--out', out, '--no-embed'], {
			encoding: 'utf8'
		});
		expect(bad.status).toBe(1);
		expect(bad.stderr).toContain('en/broken.md, line 1: front-matter; no opening "---" line');
	}, 30_000);
});

describe('static/kb/index.json', () => {
	it('holds the chunks of kb/ as it is now (run "npm run kb:build" after editing kb/)', async () => {
		const { index } = await buildKnowledgeBase({ embed: 'never' });
		const committed = readPrebuiltIndex(JSON.parse(readFileSync('static/kb/index.json', 'utf8')), null);
		expect(committed.index.contentHash).toBe(index.contentHash);
		expect(committed.index.chunks.length).toBe(index.chunks.length);
	}, 30_000);
});
