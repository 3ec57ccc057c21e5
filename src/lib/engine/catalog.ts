// The effective model catalog: the default catalog (catalog.default.json) merged with the deployer's
// mirror catalog, /models/catalog.json on the app's own origin (static/models/catalog.json in the
// build), so a hospital can serve the model files itself.
//
// Mirror file format: the Catalog shape (src/lib/engine/protocol.ts), every field optional except
// `version: 1` and `models`, plus two switches:
//   "keepDefaults": false  drops the default entries, so only the mirror's models are offered (no
//                          request to the public hosts); default true.
//   "fixtures": true       keeps entries marked `fixture: true` (test servers set this); default false.
// A mirror entry whose id matches a default entry replaces it, taking any field it leaves out from the
// default entry (a mirror usually only sets `base` and `modelLib`); other ids are added and must be
// complete. Relative URLs resolve against the catalog file's URL ("/models/x/" and "x/" both land on
// the app's origin). A web-llm base is normalised the way web-llm itself does (it appends
// "resolve/main/" unless the URL has a /resolve/<revision>/ segment), so what the app shows, measures
// and allows is what web-llm will fetch.
//
// The embedding model (the knowledge base's vector search) is one `embedding` entry, beside `models`:
// a mirror's `embedding` with the default's id replaces it field by field (usually only `base`), another
// id must be complete, `null` means none (lexical search only); without the key the default is kept
// (unless keepDefaults is false). A fixture embedding is kept only with `fixtures: true`.
//
// Invariants: `loadCatalog` never rejects and never fetches from another origin; a missing mirror
// (404, or a static host's HTML fallback page) means the defaults without a warning; a malformed
// mirror means the defaults plus a warning; invalid entries are dropped one by one with a warning
// naming the entry and the field. The last good mirror file is remembered (localStorage) so the app
// still finds the mirror's models when it starts offline.
import defaults from './catalog.default.json';
import type { Catalog, EmbeddingModelEntry, EngineKind, ModelEntry, OnnxDevice } from './protocol';

/** Where the mirror catalog lives, relative to the app's origin. */
export const MIRROR_CATALOG_PATH = '/models/catalog.json';

/** Smallest and largest context window accepted from a catalog, in tokens. */
export const CONTEXT_WINDOW_RANGE = { min: 512, max: 131072 } as const;

export type CatalogWarningCode =
	| 'mirror-unreadable' // the mirror could not be fetched (server error, offline without a saved copy)
	| 'mirror-malformed' // not JSON, or not a catalog (no version 1, no models array)
	| 'mirror-saved-copy' // the mirror could not be fetched; the copy saved last time is used
	| 'entry-invalid' // one entry was dropped (detail names it and the field)
	| 'field-invalid' // a catalog-level field was ignored (contextWindow, a redirect host)
	| 'foreign-origin'; // the mirror URL was not on the app's origin: not fetched

export interface CatalogWarning {
	code: CatalogWarningCode;
	detail: string;
}

export interface LoadedCatalog {
	catalog: Catalog;
	/** Where the models came from: the defaults alone, the mirror fetched now, or its saved copy. */
	source: 'default' | 'mirror' | 'saved-mirror';
	warnings: CatalogWarning[];
}

/** A validated mirror catalog, before merging. */
export interface MirrorCatalog {
	contextWindow?: number;
	redirectHosts: string[];
	keepDefaults: boolean;
	fixtures: boolean;
	/** Entries as written; validated during the merge, when replaced defaults are known. */
	models: unknown[];
	/** The embedding entry as written: undefined when the mirror does not say, null for none. */
	embedding?: unknown;
}

/** Remembers the last good mirror file (its text). */
export interface CatalogMemo {
	get(): string | null;
	set(text: string | null): void;
}

const MEMO_KEY = 'engine.mirror-catalog';

/** localStorage-backed memo; a no-op where storage is unavailable (private windows may refuse it). */
export const localStorageMemo: CatalogMemo = {
	get() {
		try {
			return globalThis.localStorage?.getItem(MEMO_KEY) ?? null;
		} catch {
			return null;
		}
	},
	set(text) {
		try {
			if (text === null) globalThis.localStorage?.removeItem(MEMO_KEY);
			else globalThis.localStorage?.setItem(MEMO_KEY, text);
		} catch {
			// Full or refused: the app still works online; nothing to report to a patient.
		}
	}
};

type Fields = Record<string, unknown>;

function isFields(value: unknown): value is Fields {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const ENGINES: readonly EngineKind[] = ['webllm', 'onnx'];
const DEVICES: readonly OnnxDevice[] = ['webgpu', 'wasm'];

/** web-llm's own URL rule (cleanModelUrl in web-llm 0.2.86): a trailing slash, and resolve/main/ unless present. */
export function webllmModelUrl(base: string): string {
	let url = base.endsWith('/') ? base : `${base}/`;
	if (!/.+\/resolve\/.+\//.test(url)) url += 'resolve/main/';
	return new URL(url).href;
}

/** Resolves a catalog URL against the catalog file's URL; only http(s) results are accepted. */
export function resolveUrl(value: unknown, against: string): string | null {
	if (typeof value !== 'string' || value.trim() === '') return null;
	try {
		const url = new URL(value, against);
		return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
	} catch {
		return null;
	}
}

function positive(value: unknown): value is number {
	return typeof value === 'number' && Number.isFinite(value) && value > 0;
}

function nonEmpty(value: unknown): value is string {
	return typeof value === 'string' && value.trim().length > 0;
}

function contextWindowValue(value: unknown): value is number {
	return (
		typeof value === 'number' &&
		Number.isInteger(value) &&
		value >= CONTEXT_WINDOW_RANGE.min &&
		value <= CONTEXT_WINDOW_RANGE.max
	);
}

/**
 * Validates one catalog entry field by field. `against` resolves relative URLs; `inherit` is the
 * default entry a mirror entry with the same id replaces (fields the mirror leaves out come from it).
 * Returns the entry, or the first problem found ("base: not an http(s) URL").
 */
export function validateEntry(
	raw: unknown,
	against: string,
	inherit?: ModelEntry
): { entry: ModelEntry } | { error: string } {
	if (!isFields(raw)) return { error: 'not an object' };
	const r: Fields = inherit ? { ...inherit, ...raw } : raw;
	if (!nonEmpty(r.id) || !/^[\w.-]+$/.test(r.id))
		return { error: 'id: letters, digits, ".", "-" or "_" only' };
	const engine = ENGINES.find((e) => e === r.engine);
	if (!engine) return { error: `engine: one of ${ENGINES.join(', ')}` };
	if (!nonEmpty(r.label)) return { error: 'label: a non-empty string' };
	if (!positive(r.paramsB)) return { error: 'paramsB: a positive number' };
	if (!nonEmpty(r.quantization)) return { error: 'quantization: a non-empty string' };
	if (typeof r.requiresShaderF16 !== 'boolean') return { error: 'requiresShaderF16: true or false' };
	const resolved = resolveUrl(r.base, against);
	if (!resolved) return { error: 'base: not an http(s) URL' };
	const base =
		engine === 'webllm' ? webllmModelUrl(resolved) : resolved.endsWith('/') ? resolved : `${resolved}/`;
	if (!positive(r.downloadBytes)) return { error: 'downloadBytes: a positive number' };
	const entry: ModelEntry = {
		id: r.id,
		engine,
		label: r.label,
		paramsB: r.paramsB,
		quantization: r.quantization,
		requiresShaderF16: r.requiresShaderF16,
		base,
		downloadBytes: r.downloadBytes
	};
	if (engine === 'webllm') {
		const modelLib = resolveUrl(r.modelLib, against);
		if (!modelLib) return { error: 'modelLib: not an http(s) URL' };
		entry.modelLib = modelLib;
	} else {
		if (!isFields(r.dtype)) return { error: 'dtype: an object such as {"webgpu": "q4f16", "wasm": "q4"}' };
		const dtype: Partial<Record<OnnxDevice, string>> = {};
		for (const [device, value] of Object.entries(r.dtype)) {
			const known = DEVICES.find((d) => d === device);
			if (!known || !nonEmpty(value)) return { error: `dtype.${device}: webgpu or wasm, with a dtype name` };
			dtype[known] = value;
		}
		if (Object.keys(dtype).length === 0) return { error: 'dtype: at least one device' };
		entry.dtype = dtype;
	}
	if (r.vramRequiredMB !== undefined) {
		if (!positive(r.vramRequiredMB)) return { error: 'vramRequiredMB: a positive number' };
		entry.vramRequiredMB = r.vramRequiredMB;
	}
	if (r.bufferSizeRequiredBytes !== undefined) {
		if (!positive(r.bufferSizeRequiredBytes)) return { error: 'bufferSizeRequiredBytes: a positive number' };
		entry.bufferSizeRequiredBytes = r.bufferSizeRequiredBytes;
	}
	if (r.contextWindow !== undefined) {
		if (!contextWindowValue(r.contextWindow)) {
			return {
				error: `contextWindow: an integer from ${CONTEXT_WINDOW_RANGE.min} to ${CONTEXT_WINDOW_RANGE.max}`
			};
		}
		entry.contextWindow = r.contextWindow;
	}
	if (r.fixture !== undefined) {
		if (typeof r.fixture !== 'boolean') return { error: 'fixture: true or false' };
		if (r.fixture) entry.fixture = true;
	}
	return { entry };
}

/** An embedding model id: a folder name, or "owner/name" as on the model hosts. */
const EMBEDDING_ID = /^[\w.-]+(?:\/[\w.-]+)?$/;

/**
 * Validates the embedding entry field by field, like `validateEntry` (same `against` and `inherit`).
 * Returns the entry, or the first problem found ("prefix: …").
 */
export function validateEmbeddingEntry(
	raw: unknown,
	against: string,
	inherit?: EmbeddingModelEntry
): { entry: EmbeddingModelEntry } | { error: string } {
	if (!isFields(raw)) return { error: 'not an object' };
	const r: Fields = inherit && raw.id === inherit.id ? { ...inherit, ...raw } : raw;
	if (!nonEmpty(r.id) || !EMBEDDING_ID.test(r.id) || r.id.includes('..'))
		return { error: 'id: letters, digits, ".", "-" or "_", with at most one "/"' };
	if (!nonEmpty(r.label)) return { error: 'label: a non-empty string' };
	const resolved = resolveUrl(r.base, against);
	if (!resolved) return { error: 'base: not an http(s) URL' };
	if (!nonEmpty(r.dtype)) return { error: 'dtype: a dtype name such as "q8"' };
	if (typeof r.dimension !== 'number' || !Number.isInteger(r.dimension) || r.dimension < 1)
		return { error: 'dimension: a positive integer' };
	const prefix = r.prefix;
	if (!isFields(prefix) || typeof prefix.query !== 'string' || typeof prefix.passage !== 'string')
		return { error: 'prefix: {"query": "…", "passage": "…"} (empty strings for none)' };
	if (r.pooling !== 'mean' && r.pooling !== 'cls') return { error: 'pooling: "mean" or "cls"' };
	if (!positive(r.downloadBytes)) return { error: 'downloadBytes: a positive number' };
	const entry: EmbeddingModelEntry = {
		id: r.id,
		label: r.label,
		base: resolved.endsWith('/') ? resolved : `${resolved}/`,
		dtype: r.dtype,
		dimension: r.dimension,
		prefix: { query: prefix.query, passage: prefix.passage },
		pooling: r.pooling,
		downloadBytes: r.downloadBytes
	};
	if (r.fixture !== undefined) {
		if (typeof r.fixture !== 'boolean') return { error: 'fixture: true or false' };
		if (r.fixture) entry.fixture = true;
	}
	return { entry };
}

/** Origins only (scheme, host, port), as the CSP needs them. */
function redirectHost(value: unknown): string | null {
	const url = resolveUrl(value, 'https://invalid.invalid/');
	return url && typeof value === 'string' && /^https?:\/\//i.test(value) ? new URL(url).origin : null;
}

/** The default catalog, validated (a broken default is a bug: its entries would be missing in tests). */
export function defaultCatalog(): { catalog: Catalog; warnings: CatalogWarning[] } {
	const warnings: CatalogWarning[] = [];
	const models: ModelEntry[] = [];
	for (const raw of defaults.models) {
		const result = validateEntry(raw, 'https://invalid.invalid/');
		if ('entry' in result) models.push(result.entry);
		else warnings.push({ code: 'entry-invalid', detail: `default ${String(raw.id)}: ${result.error}` });
	}
	const redirectHosts = defaults.redirectHosts.flatMap((h) => redirectHost(h) ?? []);
	const catalog: Catalog = { version: 1, contextWindow: defaults.contextWindow, redirectHosts, models };
	const embedding = validateEmbeddingEntry(defaults.embedding, 'https://invalid.invalid/');
	if ('entry' in embedding) catalog.embedding = embedding.entry;
	else warnings.push({ code: 'entry-invalid', detail: `default embedding: ${embedding.error}` });
	return { catalog, warnings };
}

/** Checks the mirror file's top level; its entries are validated by `mergeCatalogs`. */
export function parseMirror(
	raw: unknown
): { mirror: MirrorCatalog; warnings: CatalogWarning[] } | { error: string } {
	if (!isFields(raw)) return { error: 'not a JSON object' };
	if (raw.version !== 1) return { error: 'version: must be 1' };
	if (!Array.isArray(raw.models)) return { error: 'models: must be an array' };
	const warnings: CatalogWarning[] = [];
	const mirror: MirrorCatalog = {
		redirectHosts: [],
		keepDefaults: raw.keepDefaults !== false,
		fixtures: raw.fixtures === true,
		models: raw.models
	};
	if (raw.embedding !== undefined) mirror.embedding = raw.embedding;
	if (raw.contextWindow !== undefined) {
		if (contextWindowValue(raw.contextWindow)) mirror.contextWindow = raw.contextWindow;
		else warnings.push({ code: 'field-invalid', detail: 'contextWindow: ignored, not an integer in range' });
	}
	if (raw.redirectHosts !== undefined) {
		const hosts: unknown[] = Array.isArray(raw.redirectHosts) ? raw.redirectHosts : [raw.redirectHosts];
		for (const host of hosts) {
			const origin = redirectHost(host);
			if (origin) mirror.redirectHosts.push(origin);
			else warnings.push({ code: 'field-invalid', detail: `redirectHosts: ignored ${JSON.stringify(host)}` });
		}
	}
	return { mirror, warnings };
}

/**
 * Merges a parsed mirror into the defaults: same id replaces (in the default's place), new ids are
 * appended in the mirror's order; fixture entries are kept only when the mirror says `fixtures: true`.
 * `catalogUrl` resolves the mirror's relative URLs.
 */
export function mergeCatalogs(
	base: Catalog,
	mirror: MirrorCatalog,
	catalogUrl: string
): { catalog: Catalog; warnings: CatalogWarning[] } {
	const warnings: CatalogWarning[] = [];
	const byId = new Map<string, ModelEntry>();
	if (mirror.keepDefaults) for (const entry of base.models) byId.set(entry.id, entry);
	const defaultsById = new Map(base.models.map((entry) => [entry.id, entry]));
	const seen = new Set<string>();
	mirror.models.forEach((raw, index) => {
		const id = isFields(raw) && typeof raw.id === 'string' ? raw.id : `#${index}`;
		if (seen.has(id)) {
			warnings.push({ code: 'entry-invalid', detail: `${id}: duplicate id, first one kept` });
			return;
		}
		seen.add(id);
		const result = validateEntry(raw, catalogUrl, defaultsById.get(id));
		if ('error' in result) {
			warnings.push({ code: 'entry-invalid', detail: `${id}: ${result.error}` });
			return;
		}
		byId.set(id, result.entry);
	});
	const models = [...byId.values()].filter((entry) => mirror.fixtures || !entry.fixture);
	const redirectHosts = [
		...new Set([...(mirror.keepDefaults ? base.redirectHosts : []), ...mirror.redirectHosts])
	];
	const catalog: Catalog = {
		version: 1,
		contextWindow: mirror.contextWindow ?? base.contextWindow,
		redirectHosts,
		models
	};
	const embedding = mergeEmbedding(base.embedding, mirror, catalogUrl, warnings);
	if (embedding && (mirror.fixtures || !embedding.fixture)) catalog.embedding = embedding;
	return { catalog, warnings };
}

/** The effective embedding entry: the mirror's (replacing or inheriting from the default's), else the default's. */
function mergeEmbedding(
	fallback: EmbeddingModelEntry | undefined,
	mirror: MirrorCatalog,
	catalogUrl: string,
	warnings: CatalogWarning[]
): EmbeddingModelEntry | undefined {
	const kept = mirror.keepDefaults ? fallback : undefined;
	if (mirror.embedding === undefined) return kept;
	if (mirror.embedding === null) return undefined;
	const result = validateEmbeddingEntry(mirror.embedding, catalogUrl, fallback);
	if ('entry' in result) return result.entry;
	const raw = mirror.embedding;
	const id = isFields(raw) && typeof raw.id === 'string' ? raw.id : 'embedding';
	warnings.push({ code: 'entry-invalid', detail: `embedding ${id}: ${result.error}` });
	return kept;
}

/** The context window a model runs with: its own, else the catalog's. */
export function contextWindowOf(model: ModelEntry, catalog: Pick<Catalog, 'contextWindow'>): number {
	return model.contextWindow ?? catalog.contextWindow;
}

export interface LoadCatalogOptions {
	/** The app's origin; default `location.origin`. */
	origin?: string;
	/** The mirror's path on that origin (include SvelteKit's `base` path if the app has one). */
	path?: string;
	fetch?: (url: string, init: RequestInit) => Promise<Response>;
	memo?: CatalogMemo;
}

/**
 * Loads the effective catalog. Never rejects: every problem becomes a warning and the defaults (or
 * the saved mirror) are used. Fetches only `path` on `origin`, revalidating (`cache: 'no-cache'`) so
 * a changed mirror is seen at once.
 */
export async function loadCatalog(options: LoadCatalogOptions = {}): Promise<LoadedCatalog> {
	const origin = options.origin ?? globalThis.location.origin;
	const memo = options.memo ?? localStorageMemo;
	const doFetch = options.fetch ?? ((url: string, init: RequestInit) => globalThis.fetch(url, init));
	const start = defaultCatalog();
	const warnings = [...start.warnings];
	const fallback = (source: LoadedCatalog['source'] = 'default'): LoadedCatalog => ({
		catalog: start.catalog,
		source,
		warnings
	});

	let url: URL;
	try {
		url = new URL(options.path ?? MIRROR_CATALOG_PATH, origin);
	} catch {
		warnings.push({ code: 'foreign-origin', detail: `cannot resolve ${options.path} on ${origin}` });
		return fallback();
	}
	if (url.origin !== new URL(origin).origin) {
		warnings.push({ code: 'foreign-origin', detail: `${url.href} is not on ${origin}: not fetched` });
		return fallback();
	}

	let text: string;
	let source: LoadedCatalog['source'] = 'mirror';
	try {
		const response = await doFetch(url.href, { cache: 'no-cache', credentials: 'same-origin' });
		if (response.status === 404 || response.status === 410) {
			memo.set(null);
			return fallback();
		}
		if (!response.ok) throw new Error(`HTTP ${response.status}`);
		text = await response.text();
		if (isHtml(response, text)) {
			// A static host's single-page fallback answers unknown paths with the app: no mirror.
			memo.set(null);
			return fallback();
		}
	} catch (error) {
		const saved = memo.get();
		const reason = error instanceof Error ? error.message : String(error);
		if (saved === null) {
			warnings.push({ code: 'mirror-unreadable', detail: `${url.pathname}: ${reason}` });
			return fallback();
		}
		warnings.push({
			code: 'mirror-saved-copy',
			detail: `${url.pathname}: ${reason}; using the copy saved earlier`
		});
		text = saved;
		source = 'saved-mirror';
	}

	let raw: unknown;
	try {
		raw = JSON.parse(text);
	} catch (error) {
		warnings.push({
			code: 'mirror-malformed',
			detail: `${url.pathname}: ${error instanceof Error ? error.message : String(error)}`
		});
		return fallback();
	}
	const parsed = parseMirror(raw);
	if ('error' in parsed) {
		warnings.push({ code: 'mirror-malformed', detail: `${url.pathname}: ${parsed.error}` });
		return fallback();
	}
	if (source === 'mirror') memo.set(text);
	const merged = mergeCatalogs(start.catalog, parsed.mirror, url.href);
	return { catalog: merged.catalog, source, warnings: [...warnings, ...parsed.warnings, ...merged.warnings] };
}

function isHtml(response: Response, text: string): boolean {
	const type = response.headers.get('content-type') ?? '';
	return /text\/html/i.test(type) || /^\s*</.test(text);
}
