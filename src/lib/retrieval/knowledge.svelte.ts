// The knowledge base as the pages see it: the persisted index (KbStore in IndexedDB), kept in step
// with the prebuilt index the app ships (/kb/index.json), staff uploads and removals, the optional
// embedding model (download with progress and cancel, then the passages it has not embedded yet),
// and search for a question: words and meaning once the model is ready, words alone before.
//
// Invariants:
// - Nothing here leaves the device: the only requests are the app's own /kb/index.json and the
//   embedding model's files from the catalog's base, and the model only after staff ask for it (or
//   when it is already in the browser cache).
// - Search never fails and never waits long: it waits for the base to open at most OPEN_WAIT_MS and
//   for the question's embedding at most QUERY_EMBED_MS, then searches by words; any failure is an
//   empty result (an answer without passages, never a lost question).
// - A file is indexed whole or not at all (parseKbFile, then KbStore.addFile's one transaction),
//   and each file of an upload on its own: one that fails in any way is reported, the next is read;
//   changes to the base run one at a time (#serial), so an upload, a removal, the prebuilt refresh
//   and re-embedding never interleave.
// - The prebuilt index is loaded on the first run and again when its content (or the model its
//   vectors were made with) changes. Its vectors are used only when made by the catalog's embedding
//   model (readPrebuiltIndex); otherwise its passages are embedded here once the model is ready.
//   Files staff uploaded are never replaced by it; built-in files it no longer has are removed.
import type { EmbeddingModelEntry, LoadProgress } from '$lib/engine/protocol';
import { RateEstimator, type RateEstimate } from '$lib/engine/rate';
import type { Locale } from '$lib/i18n/locale';
import { database, type AppDatabase, type KbFileRow } from '$lib/store/db';
import { chunkDocument } from './chunk';
import { EmbedClient, EmbedFailure } from './embed-client';
import type { EmbedErrorCode } from './embed-protocol';
import { embeddingCached, modelInfo, sameModel } from './embed-model';
import { fileError, KbError, MAX_FILE_BYTES, type KbErrorCode, type KbFileError } from './errors';
import { parseKbFile } from './parse';
import { selectPassages, type KbPassage } from './passages';
import { KbStore } from './persist';
import { fetchPrebuiltIndex, readPrebuiltIndex, type PrebuiltReading } from './prebuilt';
import type { KbChunk, KbHit, KbLang } from './types';

/** Longest wait for the base to open before a question is answered without passages (ms). */
export const OPEN_WAIT_MS = 5000;
/** Longest wait for a question's embedding before searching by words alone (ms). */
export const QUERY_EMBED_MS = 2000;
/** Passages embedded per call while catching up (progress moves after each). */
const EMBED_BATCH = 32;
/** kbMeta key: which prebuilt index the stored built-in files come from. */
const PREBUILT_KEY = 'prebuilt';

export type KbPhase = 'closed' | 'opening' | 'ready' | 'error';
/**
 * 'none': the catalog has no embedding model. 'absent': not loaded (never downloaded, cancelled).
 * 'loading': downloading or starting. 'embedding': embedding passages that have no vector yet.
 */
export type EmbedderPhase = 'none' | 'absent' | 'loading' | 'embedding' | 'ready' | 'error';

/** What became of one uploaded file. */
export type ImportOutcome =
	| { file: string; status: 'added'; entries: number; chunks: number }
	| { file: string; status: 'refused'; error: KbFileError }
	| { file: string; status: 'failed'; code: KbErrorCode };

export interface KbSource {
	file: string;
	origin: KbFileRow['origin'];
	entries: number;
	chunks: number;
}

/** What an upload needs of a File (a browser File; Node's File in tests). */
export type KbUpload = Pick<File, 'name' | 'size' | 'arrayBuffer'>;

export interface KnowledgeOptions {
	database?: () => AppDatabase;
	/** The catalog's embedding model; default the shared engine controller's catalog. */
	embeddingEntry?: () => Promise<EmbeddingModelEntry | null>;
	/** The prebuilt index's JSON, null when there is none; default GET /kb/index.json, revalidated. */
	fetchPrebuilt?: () => Promise<unknown>;
	client?: EmbedClient;
	/** Whether all the model's files are in the browser cache (then it loads without asking). */
	isCached?: (entry: EmbeddingModelEntry) => Promise<boolean>;
	/** Resolves same-origin guideline links in citations; default location.origin. */
	origin?: string;
	/** After the model is ready: default asks the service worker to keep the embed worker's code. */
	onEmbedderReady?: () => void;
}

/** The shared engine controller's catalog (read once per page; imported here only when used). */
async function catalogEmbedding(): Promise<EmbeddingModelEntry | null> {
	const { engine } = await import('$lib/engine/shared.svelte');
	const controller = engine();
	await controller.prepare();
	return controller.catalog?.embedding ?? null;
}

function keepEmbedCodeOffline(): void {
	navigator.serviceWorker?.ready
		.then((registration) => registration.active?.postMessage({ type: 'CACHE_EMBED_CODE' }))
		.catch(() => {
			// No service worker: the app is not available offline anyway.
		});
}

/** `promise`, or `fallback` once `ms` have passed. */
function within<T>(promise: Promise<T>, ms: number, fallback: T): Promise<T> {
	let timer: ReturnType<typeof setTimeout> | undefined;
	const late = new Promise<T>((resolve) => (timer = setTimeout(() => resolve(fallback), ms)));
	return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

const errorCode = (error: unknown): KbErrorCode => (error instanceof KbError ? error.code : 'unknown');

/** The language a question is written in (ties in ranking go to it); the UI's otherwise. */
export function questionLang(question: string, locale: Locale): KbLang {
	if (/[\u3400-\u9fff]/.test(question)) return 'zh-CN';
	if (/[A-Za-z]{2,}/.test(question)) return 'en';
	return locale;
}

export class KnowledgeBase {
	#phase = $state<KbPhase>('closed');
	#error = $state<KbErrorCode | null>(null);
	#sources = $state.raw<KbSource[]>([]);
	#entry = $state.raw<EmbeddingModelEntry | null>(null);
	#embedPhase = $state<EmbedderPhase>('none');
	#embedError = $state<EmbedErrorCode | null>(null);
	#progress = $state.raw<LoadProgress | null>(null);
	#rate = $state.raw<RateEstimate>({ bytesPerSecond: null, secondsLeft: null });
	#fromCache = $state(false);
	#cancelled = $state(false);
	#embedding = $state.raw<{ done: number; total: number } | null>(null);
	#importing = $state(false);
	#importProgress = $state.raw<{ done: number; total: number; file: string | null } | null>(null);
	#results = $state.raw<ImportOutcome[]>([]);
	#store: KbStore | null = null;
	#opened: Promise<KbStore | null> | null = null;
	#load: AbortController | null = null;
	#work: Promise<unknown> = Promise.resolve();
	readonly #client: EmbedClient;
	readonly #options: KnowledgeOptions;

	constructor(options: KnowledgeOptions = {}) {
		this.#options = options;
		this.#client = options.client ?? new EmbedClient();
		this.#client.onCrash = () => {
			if (this.#embedPhase === 'ready' || this.#embedPhase === 'embedding') {
				this.#embedPhase = 'error';
				this.#embedError = 'worker-crashed';
			}
		};
	}

	get phase(): KbPhase {
		return this.#phase;
	}
	/** Why the base could not be opened ('unavailable', 'quota', …). */
	get error(): KbErrorCode | null {
		return this.#error;
	}
	/** The files in the base: uploads first, then built-in, each by name. */
	get sources(): readonly KbSource[] {
		return this.#sources;
	}
	/** The catalog's embedding model (label, download size), or null for none. */
	get embeddingModel(): EmbeddingModelEntry | null {
		return this.#entry;
	}
	get embedderPhase(): EmbedderPhase {
		return this.#embedPhase;
	}
	get embedderError(): EmbedErrorCode | null {
		return this.#embedError;
	}
	get progress(): LoadProgress | null {
		return this.#progress;
	}
	get rate(): RateEstimate {
		return this.#rate;
	}
	/** The model being loaded is already in the browser cache (no download). */
	get fromCache(): boolean {
		return this.#fromCache;
	}
	/** The last download was cancelled. */
	get cancelled(): boolean {
		return this.#cancelled;
	}
	/** Passages embedded so far while catching up, or null. */
	get embedding(): { done: number; total: number } | null {
		return this.#embedding;
	}
	/** Words and meaning (the model is ready), or words alone. */
	get searchMode(): 'words' | 'hybrid' {
		return this.#embedPhase === 'ready' && this.#client.ready !== null ? 'hybrid' : 'words';
	}
	get importing(): boolean {
		return this.#importing;
	}
	/** Files done of the current (or last) upload, and the one being indexed. */
	get importProgress(): { done: number; total: number; file: string | null } | null {
		return this.#importProgress;
	}
	/** One outcome per file of the current (or last) upload, in order. */
	get results(): readonly ImportOutcome[] {
		return this.#results;
	}

	/** Opens the stored base (once), loading the prebuilt index on the first run. Never rejects. */
	open(): Promise<KbStore | null> {
		this.#opened ??= this.#open();
		return this.#opened;
	}

	async #open(): Promise<KbStore | null> {
		this.#phase = 'opening';
		try {
			const entry = await (this.#options.embeddingEntry ?? catalogEmbedding)().catch(() => null);
			this.#entry = entry;
			this.#embedPhase = entry ? 'absent' : 'none';
			const store = await KbStore.open(
				(this.#options.database ?? database)(),
				entry ? modelInfo(entry) : null
			);
			this.#store = store;
			const refresh = this.#serial(() => this.#loadPrebuilt(store));
			// First run: wait for the shipped content. Later runs search what is stored at once.
			if ((await store.files()).length === 0) await refresh;
			await this.#refreshSources();
			this.#phase = 'ready';
			if (entry && (await (this.#options.isCached ?? cachedWhole)(entry))) void this.#loadEmbedder(entry);
			return store;
		} catch (error) {
			this.#error = errorCode(error);
			this.#phase = 'error';
			return null;
		}
	}

	/** Runs changes to the base one after another; a failed one does not stop the next. */
	#serial<T>(task: () => Promise<T>): Promise<T> {
		const run = this.#work.then(task, task);
		this.#work = run.catch(() => undefined);
		return run;
	}

	async #refreshSources(): Promise<void> {
		const rows = (await this.#store?.files()) ?? [];
		this.#sources = rows
			.map((row) => ({
				file: row.file,
				origin: row.origin,
				entries: row.documents.length,
				chunks: row.chunks
			}))
			.sort(
				(a, b) =>
					Number(a.origin === 'builtin') - Number(b.origin === 'builtin') || a.file.localeCompare(b.file)
			);
	}

	/** Brings the built-in files in line with /kb/index.json when it changed. Offline: keeps them. */
	async #loadPrebuilt(store: KbStore): Promise<void> {
		let raw: unknown;
		try {
			raw = await (this.#options.fetchPrebuilt ?? defaultFetchPrebuilt)();
		} catch {
			return; // Offline, or the file is damaged: what is stored stays.
		}
		if (raw === null) return;
		let reading: PrebuiltReading;
		try {
			reading = readPrebuiltIndex(raw, store.index.model);
		} catch (error) {
			// For whoever deploys the app: their index file cannot be used.
			console.warn(
				`Knowledge base: /kb/index.json: ${error instanceof Error ? error.message : String(error)}`
			);
			return;
		}
		const marker = {
			contentHash: reading.index.contentHash,
			model: reading.vectors === 'trusted' ? (reading.builtWith?.id ?? null) : null
		};
		const db = store.db;
		const stored = (await db.kbMeta.get(PREBUILT_KEY))?.value as typeof marker | undefined;
		if (stored && stored.contentHash === marker.contentHash && stored.model === marker.model) return;

		// eslint-disable-next-line svelte/prefer-svelte-reactivity -- local working data, not state
		const byFile = new Map<string, { chunks: KbChunk[]; vectors: Float32Array[] }>();
		reading.index.chunks.forEach((chunk, i) => {
			const group = byFile.get(chunk.file) ?? { chunks: [], vectors: [] };
			byFile.set(chunk.file, group);
			group.chunks.push(chunk);
			const vector = reading.index.vectors?.[i];
			if (vector) group.vectors.push(vector);
		});
		const rows = await store.files();
		// eslint-disable-next-line svelte/prefer-svelte-reactivity -- local working data, not state
		const uploaded = new Set(rows.filter((row) => row.origin === 'upload').map((row) => row.file));
		for (const [file, group] of byFile) {
			if (uploaded.has(file)) continue;
			const vectors = group.vectors.length === group.chunks.length ? group.vectors : undefined;
			try {
				const result = await store.addFile({
					file,
					origin: 'builtin',
					documents: [],
					chunks: group.chunks,
					vectors
				});
				if ('error' in result)
					console.warn(`Knowledge base: ${file}: ${result.error.code} ${result.error.id ?? ''}`);
			} catch (error) {
				if (!(error instanceof KbError) || error.code !== 'duplicate-chunk') throw error;
				console.warn(`Knowledge base: ${file}: ${error.message}`);
			}
		}
		for (const row of rows)
			if (row.origin === 'builtin' && !byFile.has(row.file)) await store.removeFile(row.file);
		await db.kbMeta.put({ key: PREBUILT_KEY, value: marker });
		await this.#refreshSources();
		if (this.#client.ready) await this.#embedMissing(store);
	}

	/** Downloads (or loads from the cache) the embedding model, then embeds what has no vector. */
	async downloadEmbedder(): Promise<void> {
		const store = await this.open();
		const entry = this.#entry;
		if (!store || !entry) return;
		await this.#loadEmbedder(entry);
	}

	/** Stops the model download; finished files stay in the browser cache, so the next one resumes. */
	cancelDownload(): void {
		this.#load?.abort();
	}

	async #loadEmbedder(entry: EmbeddingModelEntry): Promise<void> {
		if (this.#embedPhase === 'loading' || this.#embedPhase === 'embedding' || this.#embedPhase === 'ready')
			return;
		const controller = new AbortController();
		this.#load = controller;
		this.#embedPhase = 'loading';
		this.#embedError = null;
		this.#cancelled = false;
		this.#progress = null;
		this.#fromCache = await (this.#options.isCached ?? cachedWhole)(entry);
		const estimator = new RateEstimator();
		this.#rate = estimator.estimate(0, null);
		try {
			const info = await this.#client.load(entry, {
				signal: controller.signal,
				onProgress: (progress) => {
					if (this.#load !== controller) return;
					this.#progress = progress;
					if (progress.phase === 'download' && progress.loadedBytes !== null)
						this.#rate = estimator.sample(performance.now(), progress.loadedBytes, progress.totalBytes);
				}
			});
			if (!sameModel(info.model, this.#store?.index.model ?? null))
				throw new EmbedFailure('model-mismatch', `${info.model.id} is not the index's model`);
		} catch (error) {
			const code = error instanceof EmbedFailure ? error.code : 'unknown';
			if (controller.signal.aborted || code === 'aborted') {
				this.#cancelled = true;
				this.#embedPhase = 'absent';
			} else {
				this.#embedError = code;
				this.#embedPhase = 'error';
			}
			return;
		} finally {
			if (this.#load === controller) this.#load = null;
		}
		this.#embedPhase = 'embedding';
		const store = this.#store;
		if (store) await this.#serial(() => this.#embedMissing(store)).catch(() => undefined);
		if (this.#embedPhase !== 'embedding') return;
		this.#embedPhase = 'ready';
		(this.#options.onEmbedderReady ?? keepEmbedCodeOffline)();
	}

	/** Embeds the passages without a vector (built-in ones from another model, earlier uploads). */
	async #embedMissing(store: KbStore): Promise<void> {
		let missing = store.missingVectors();
		const total = missing.length;
		let done = 0;
		this.#embedding = { done, total };
		try {
			while (missing.length > 0 && this.#client.ready) {
				const batch = missing.slice(0, EMBED_BATCH);
				const vectors = await this.#client.embed(
					batch.map((chunk) => chunk.text),
					'passage'
				);
				await store.setVectors(
					// eslint-disable-next-line svelte/prefer-svelte-reactivity -- an argument, not state
					new Map(batch.map((chunk, i) => [chunk.id, vectors[i] ?? new Float32Array()]))
				);
				missing = missing.slice(EMBED_BATCH);
				done += batch.length;
				this.#embedding = { done, total };
			}
		} catch (error) {
			this.#embedError =
				error instanceof EmbedFailure
					? error.code
					: error instanceof KbError && error.code === 'quota'
						? 'quota'
						: 'unknown';
			this.#embedPhase = 'error';
			throw error;
		} finally {
			this.#embedding = null;
		}
	}

	/**
	 * Adds uploaded files one by one: each is refused whole (a KbFileError to show) or stored whole,
	 * with one outcome per file in the order given — a file that cannot be read, parsed or stored
	 * never stops or drops the ones after it. Never rejects; a file that replaces one of the same
	 * name takes its place.
	 */
	async importFiles(files: readonly KbUpload[]): Promise<ImportOutcome[]> {
		const outcomes: ImportOutcome[] = [];
		this.#importing = true;
		this.#results = [];
		this.#importProgress = { done: 0, total: files.length, file: null };
		try {
			const store = await this.open();
			for (const file of files) {
				this.#importProgress = { done: outcomes.length, total: files.length, file: file.name };
				// Each file on its own: whatever one throws is its outcome, and the next is still read.
				const outcome: ImportOutcome = store
					? await this.#serial(() => this.#importOne(store, file)).catch((error: unknown): ImportOutcome => ({
							file: file.name,
							status: 'failed',
							code: errorCode(error)
						}))
					: { file: file.name, status: 'failed', code: this.#error ?? 'unavailable' };
				outcomes.push(outcome);
				this.#results = [...outcomes];
			}
			await this.#refreshSources().catch(() => undefined);
		} finally {
			this.#importProgress = { done: outcomes.length, total: files.length, file: null };
			this.#importing = false;
		}
		return outcomes;
	}

	async #importOne(store: KbStore, file: KbUpload): Promise<ImportOutcome> {
		const name = file.name;
		const refused = (error: KbFileError): ImportOutcome => ({ file: name, status: 'refused', error });
		// Refused before reading it: a 10 MB file is never loaded into memory.
		if (file.size > MAX_FILE_BYTES) return refused(fileError('too-large', name));
		let bytes: Uint8Array;
		try {
			bytes = new Uint8Array(await file.arrayBuffer());
		} catch (error) {
			return refused(
				fileError('binary', name, { detail: error instanceof Error ? error.message : String(error) })
			);
		}
		const parsed = parseKbFile(name, bytes);
		if ('error' in parsed) return refused(parsed.error);
		const chunks = parsed.documents.flatMap((document) => chunkDocument(document));
		let vectors: Float32Array[] | undefined;
		if (this.searchMode === 'hybrid') {
			// Without them now, the passages are embedded the next time the model is loaded.
			vectors = await this.#client
				.embed(
					chunks.map((chunk) => chunk.text),
					'passage'
				)
				.catch(() => undefined);
		}
		try {
			const result = await store.addFile({
				file: name,
				origin: 'upload',
				documents: parsed.documents,
				chunks,
				vectors
			});
			if ('error' in result) return refused(result.error);
			return { file: name, status: 'added', entries: parsed.documents.length, chunks: result.chunks };
		} catch (error) {
			if (error instanceof KbError && error.code === 'duplicate-chunk') {
				const other = store.index.get(error.detail);
				return refused(
					fileError('duplicate-id', name, { id: other?.docId ?? error.detail, otherFile: other?.file })
				);
			}
			return { file: name, status: 'failed', code: errorCode(error) };
		}
	}

	/**
	 * Removes a file and every passage from it.
	 * @throws KbError 'quota' | 'unavailable' | 'unknown' (storage refused; nothing was removed)
	 */
	async removeSource(file: string): Promise<void> {
		const store = await this.open();
		if (!store) throw new KbError(this.#error ?? 'unavailable');
		try {
			await this.#serial(() => store.removeFile(file));
		} finally {
			await this.#refreshSources().catch(() => undefined);
		}
	}

	/** The best passages for `query`, by words and meaning when the model is ready. Never rejects. */
	async search(
		query: string,
		options: { limit?: number; lang?: KbLang; signal?: AbortSignal } = {}
	): Promise<KbHit[]> {
		try {
			const store = await within(this.open(), OPEN_WAIT_MS, null);
			if (!store || options.signal?.aborted) return [];
			const vector = await this.#queryVector(query, store, options.signal);
			return store.index.search(query, { limit: options.limit, lang: options.lang, vector });
		} catch {
			return [];
		}
	}

	async #queryVector(query: string, store: KbStore, signal?: AbortSignal): Promise<Float32Array | undefined> {
		const ready = this.#client.ready;
		if (this.searchMode !== 'hybrid' || !ready || !sameModel(ready.model, store.index.model))
			return undefined;
		const vectors = await within(
			this.#client.embed([query], 'query', { signal }).catch(() => []),
			QUERY_EMBED_MS,
			[]
		);
		return vectors[0];
	}

	/** The passages an answer to `question` is given (and cites). Never rejects. */
	async passages(question: string, locale: Locale, signal?: AbortSignal): Promise<KbPassage[]> {
		const hits = await this.search(question, { limit: 12, lang: questionLang(question, locale), signal });
		return selectPassages(hits, { origin: this.#options.origin ?? globalThis.location?.origin });
	}

	/** For ChatSession.setRetriever. */
	readonly retriever = {
		retrieve: (question: string, locale: Locale, signal: AbortSignal) =>
			this.passages(question, locale, signal)
	};

	/** Ends the embed worker (tests; a page never needs it). */
	dispose(): void {
		this.#load?.abort();
		this.#client.dispose();
	}
}

async function cachedWhole(entry: EmbeddingModelEntry): Promise<boolean> {
	return (await embeddingCached(entry)).complete;
}

function defaultFetchPrebuilt(): Promise<unknown> {
	// Revalidated every start, so a deployment's new content is seen; the service worker answers
	// with its copy when offline.
	return fetchPrebuiltIndex({ fetch: (url, init) => fetch(url, { ...init, cache: 'no-cache' }) });
}

let shared: KnowledgeBase | null = null;

/** The page's one knowledge base (one embed worker per tab), shared by the chat and settings pages. */
export function knowledge(): KnowledgeBase {
	return (shared ??= new KnowledgeBase());
}
