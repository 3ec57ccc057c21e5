// `npm run kb:build`: the prebuilt knowledge-base index (src/lib/retrieval/prebuilt.ts). Reads every
// kb/**/*.{md,json,csv} but README.md files (they describe the folder), parses and validates them (all errors, per file, then stops), chunks them,
// embeds the chunks as passages with the catalog's embedding model through transformers.js in Node
// (onnxruntime-node, model files from a local directory, never the network), and writes
// static/kb/index.json. The same kb/ and model give the same bytes.
//
//   tsx scripts/kb/build.ts [--kb DIR] [--out FILE] [--catalog FILE] [--models DIR] [--model ID]
//                           [--no-embed | --require-model]
//
//   --kb DIR        the knowledge base (default kb)
//   --out FILE      where the index goes (default static/kb/index.json)
//   --catalog FILE  a mirror catalog applied over the default one, as the app applies
//                   /models/catalog.json (fixture entries allowed): its `embedding` entry is used
//   --models DIR    transformers.js's localModelPath: where model folders are (default static/models,
//                   the same-origin mirror, so a mirrored model serves the app and this build alike)
//   --model ID      the model's folder under --models (default: the embedding entry's id, e.g.
//                   static/models/Xenova/multilingual-e5-small/ with config.json, tokenizer.json,
//                   tokenizer_config.json and onnx/model_quantized.onnx)
//   --no-embed      write a lexical-only index (model null) without looking for a model
//   --require-model fail when the model's files are not there (default: warn and write a lexical-only
//                   index, which the app embeds on the device once it has downloaded the model)
//
// What ships: the model cannot be downloaded where this repository is developed, so the committed
// static/kb/index.json is lexical-only; a deployer with the model files gets vectors by running this
// again. The app never trusts vectors from another model (prebuilt.ts readPrebuiltIndex).
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';
import { defaultCatalog, mergeCatalogs, parseMirror } from '../../src/lib/engine/catalog';
import type { EmbeddingModelEntry } from '../../src/lib/engine/protocol';
import { chunkDocument } from '../../src/lib/retrieval/chunk';
import { loadEmbedder, type TransformersEmbedder } from '../../src/lib/retrieval/embed';
import { embeddingFiles } from '../../src/lib/retrieval/embed-model';
import type { KbFileError } from '../../src/lib/retrieval/errors';
import { parseKbFile, validateBase } from '../../src/lib/retrieval/parse';
import {
	buildPrebuiltIndex,
	serializePrebuiltIndex,
	type PrebuiltIndex
} from '../../src/lib/retrieval/prebuilt';
import type { KbChunk, KbDocument } from '../../src/lib/retrieval/types';

export interface KbBuildOptions {
	/** Default 'kb'. */
	kbDir?: string;
	/** A mirror catalog file applied over the defaults (fixtures allowed). */
	catalogFile?: string;
	/** Default 'static/models'. */
	modelsDir?: string;
	/** Default: the embedding entry's id. */
	modelId?: string;
	/** 'auto' (default): embed when the model's files are there; 'never'; 'require'. */
	embed?: 'auto' | 'never' | 'require';
	/** Told about each step (the CLI prints them). */
	log?: (line: string) => void;
}

export interface KbBuildResult {
	index: PrebuiltIndex;
	/** The file's text (serializePrebuiltIndex). */
	text: string;
	files: number;
	documents: number;
	/** Why the index has no vectors, when it has none. */
	lexicalOnly: string | null;
}

/** The base's files are wrong: one line per problem. */
export class KbBuildError extends Error {
	override readonly name = 'KbBuildError';
	readonly problems: string[];

	constructor(message: string, problems: string[] = []) {
		super(problems.length ? `${message}\n${problems.map((p) => `  ${p}`).join('\n')}` : message);
		this.problems = problems;
	}
}

/** A folder's README describes it; it is not an entry. */
const README = /(?:^|\/)readme\.md$/i;

/** kb/ files this build reads, as sorted posix paths relative to `kbDir` (README.md files left out). */
export function kbFiles(kbDir: string): string[] {
	if (!existsSync(kbDir) || !statSync(kbDir).isDirectory()) {
		throw new KbBuildError(`No knowledge base at ${kbDir}/ (pass --kb DIR).`);
	}
	return readdirSync(kbDir, { recursive: true, encoding: 'utf8' })
		.filter((file) => /\.(md|json|csv)$/i.test(file) && statSync(join(kbDir, file)).isFile())
		.map((file) => file.split(sep).join('/'))
		.filter((file) => !README.test(file))
		.sort();
}

/** One line for a file error: where, what, which field or id, and the parser's detail. */
export function describeFileError(error: KbFileError): string {
	const where = [
		error.file,
		error.line !== undefined ? `line ${error.line}` : null,
		error.row !== undefined ? `row ${error.row}` : null,
		error.item !== undefined ? `item ${error.item}` : null
	]
		.filter(Boolean)
		.join(', ');
	const what = [
		error.code,
		error.field ? `field ${error.field}` : null,
		error.id ? `id ${error.id}` : null,
		error.otherFile ? `also in ${error.otherFile}` : null,
		error.detail ?? null
	]
		.filter(Boolean)
		.join('; ');
	return `${where}: ${what}`;
}

/**
 * The embedding entry the app would use: the default catalog's, or the one `catalogFile` (a mirror
 * catalog) makes effective. null when the catalog has none.
 * @throws KbBuildError when the catalog file cannot be read
 */
export function embeddingEntry(catalogFile?: string): EmbeddingModelEntry | null {
	const base = defaultCatalog().catalog;
	if (!catalogFile) return base.embedding ?? null;
	let raw: unknown;
	try {
		raw = JSON.parse(readFileSync(catalogFile, 'utf8'));
	} catch (error) {
		throw new KbBuildError(`Cannot read the catalog ${catalogFile}: ${String(error)}`);
	}
	const parsed = parseMirror(raw);
	if ('error' in parsed)
		throw new KbBuildError(`The catalog ${catalogFile} is not a catalog: ${parsed.error}`);
	// Relative bases resolve against a stand-in origin: only the entry's other fields matter here.
	const merged = mergeCatalogs(
		base,
		{ ...parsed.mirror, fixtures: true },
		'http://localhost/models/catalog.json'
	);
	for (const warning of merged.warnings) {
		if (warning.detail.startsWith('embedding')) throw new KbBuildError(`${catalogFile}: ${warning.detail}`);
	}
	return merged.catalog.embedding ?? null;
}

/**
 * Reads, validates, chunks and (when the model is there) embeds the knowledge base.
 * @throws KbBuildError (file errors, a missing required model, an unreadable catalog), EmbedFailure
 */
export async function buildKnowledgeBase(options: KbBuildOptions = {}): Promise<KbBuildResult> {
	const kbDir = options.kbDir ?? 'kb';
	const log = options.log ?? (() => undefined);
	const mode = options.embed ?? 'auto';

	const names = kbFiles(kbDir);
	if (names.length === 0) throw new KbBuildError(`No .md, .json or .csv files in ${kbDir}/.`);
	const parsed: { file: string; documents: KbDocument[] }[] = [];
	const problems: string[] = [];
	for (const file of names) {
		const result = parseKbFile(file, new Uint8Array(readFileSync(join(kbDir, file))));
		if ('error' in result) problems.push(describeFileError(result.error));
		else parsed.push({ file, documents: result.documents });
	}
	problems.push(...validateBase(parsed).map(describeFileError));
	if (problems.length > 0) {
		throw new KbBuildError(`${problems.length} problem(s) in ${kbDir}/; nothing was written:`, problems);
	}
	const documents = parsed.flatMap((file) => file.documents);
	const chunks: KbChunk[] = documents.flatMap((doc) => chunkDocument(doc));
	log(`${names.length} files, ${documents.length} documents, ${chunks.length} chunks`);

	let embedder: TransformersEmbedder | null = null;
	let lexicalOnly: string | null = null;
	if (mode === 'never') {
		lexicalOnly = 'built with --no-embed';
	} else {
		const entry = embeddingEntry(options.catalogFile);
		const modelsDir = resolve(options.modelsDir ?? 'static/models');
		if (!entry) {
			lexicalOnly = 'the catalog names no embedding model';
		} else {
			const folder = join(modelsDir, options.modelId ?? entry.id);
			const missing = embeddingFiles(entry).filter((file) => !existsSync(join(folder, file)));
			if (missing.length > 0) {
				lexicalOnly = `no model files for ${entry.id} in ${relative(process.cwd(), folder) || '.'}/ (missing ${missing.join(', ')})`;
			} else {
				log(`embedding with ${entry.id} (dimension ${entry.dimension}, ${entry.dtype}) from ${folder}/`);
				embedder = await loadEmbedder(entry, {
					runtime: 'node',
					localModelPath: modelsDir,
					localModelId: options.modelId ?? entry.id
				});
			}
		}
		if (lexicalOnly && mode === 'require') throw new KbBuildError(`Cannot embed: ${lexicalOnly}.`);
	}

	try {
		let lastPercent = -1;
		const index = await buildPrebuiltIndex(chunks, embedder, {
			onProgress: (done, total) => {
				const percent = Math.floor((100 * done) / total);
				if (percent >= lastPercent + 10 || done === total) {
					lastPercent = percent;
					log(`embedded ${done}/${total} chunks`);
				}
			}
		});
		return {
			index,
			text: serializePrebuiltIndex(index),
			files: names.length,
			documents: documents.length,
			lexicalOnly
		};
	} finally {
		await embedder?.dispose();
	}
}

async function main(): Promise<void> {
	const { values } = parseArgs({
		options: {
			kb: { type: 'string', default: 'kb' },
			out: { type: 'string', default: 'static/kb/index.json' },
			catalog: { type: 'string' },
			models: { type: 'string', default: 'static/models' },
			model: { type: 'string' },
			'no-embed': { type: 'boolean', default: false },
			'require-model': { type: 'boolean', default: false }
		}
	});
	if (values['no-embed'] && values['require-model']) {
		throw new KbBuildError('--no-embed and --require-model contradict each other.');
	}
	const started = performance.now();
	const result = await buildKnowledgeBase({
		kbDir: values.kb,
		catalogFile: values.catalog,
		modelsDir: values.models,
		modelId: values.model,
		embed: values['no-embed'] ? 'never' : values['require-model'] ? 'require' : 'auto',
		log: (line) => console.log(`kb:build: ${line}`)
	});
	mkdirSync(dirname(values.out), { recursive: true });
	writeFileSync(values.out, result.text);
	const { index } = result;
	const byLang = new Map<string, number>();
	for (const chunk of index.chunks) byLang.set(chunk.lang, (byLang.get(chunk.lang) ?? 0) + 1);
	const langs = [...byLang].map(([lang, n]) => `${lang} ${n}`).join(', ');
	if (result.lexicalOnly) {
		console.warn(
			`kb:build: lexical-only index (${result.lexicalOnly}); the app embeds the chunks on the device after it downloads the model`
		);
	}
	console.log(
		`kb:build: wrote ${values.out} (${(Buffer.byteLength(result.text) / 1024).toFixed(0)} KB): ` +
			`${result.documents} documents from ${result.files} files, ${index.chunks.length} chunks (${langs}), ` +
			`${index.model ? `vectors ${index.model.id} × ${index.model.dimension}` : 'no vectors'}, ` +
			`content ${index.contentHash.slice(0, 12)}, ${((performance.now() - started) / 1000).toFixed(1)} s`
	);
}

if (import.meta.url === `file://${process.argv[1]}`) {
	main().catch((error: unknown) => {
		console.error(error instanceof Error ? error.message : error);
		process.exit(1);
	});
}
