// The on-device model as the pages see it: which model this device should run and why, the consent
// step before a large download, download progress with rate and time left, cancel, the ready
// engine, and recovery (a crashed worker or lost GPU reloads the model from the browser cache; a
// failed web-llm load offers the ONNX fallback).
//
// Invariants:
// - Nothing is fetched from another origin until the person agrees (`accept`), except in kiosk mode,
//   where staff agreed for everyone. A model already in the browser cache loads without asking:
//   nothing is downloaded.
// - The textbox never waits for any of this; questions asked while loading wait for `ready`.
// - Only this module talks to the EngineClient; it imports no engine library (they live in the worker).
import { loadCatalog, contextWindowOf, type LoadedCatalog } from './catalog';
import { chooseModel, type ModelChoice, type ModelOption } from './choose';
import { EngineClient, EngineFailure } from './client';
import { device } from './device.svelte';
import { probeCached } from './cache-probe';
import { RateEstimator, type RateEstimate } from './rate';
import {
	DEFAULT_GENERATION,
	type Catalog,
	type ChatTurn,
	type EngineError,
	type LoadProgress,
	type ModelEntry,
	type ReadyInfo
} from './protocol';

export type EnginePhase =
	| 'starting' // reading the catalog, probing the device, checking the cache
	| 'consent' // waiting for the person to agree to a download
	| 'declined' // the person said "not now"
	| 'loading' // downloading and/or preparing the model
	| 'ready'
	| 'error' // the last load failed (see `error`); `retry` or choose another model
	| 'elsewhere'; // another tab of this app holds the engine; this one takes over when that tab closes

const PREFERRED_KEY = 'engine.preferred-model';
/** One engine per browser profile: a second tab must not load a second multi-GB copy. */
const ENGINE_LOCK = 'health-qa-llm-engine';
const KIOSK_KEY = 'kiosk';

function readPreference(key: string): string | null {
	try {
		return localStorage.getItem(key);
	} catch {
		return null;
	}
}

function writePreference(key: string, value: string | null): void {
	try {
		if (value === null) localStorage.removeItem(key);
		else localStorage.setItem(key, value);
	} catch {
		// Private windows may refuse storage: the choice then lasts for this page only.
	}
}

/** Mirrors the staff setting (IndexedDB, settings behind the PIN) for this synchronous read. */
const KIOSK_STAFF_KEY = 'kiosk.staff';

/**
 * Kiosk mode: on when staff turned it on in settings, or when `?kiosk=1` turned it on (remembered).
 * The address can only turn it on: leaving kiosk mode, however it was entered, is the staff
 * setting's part (Settings → Kiosk, behind the PIN), so neither a patient editing the address nor
 * a link in an answer (`/?kiosk=0`) ends it for the patients after.
 */
export function kioskMode(search: string = location.search): boolean {
	if (/[?&]kiosk=1(?:&|#|$)/.test(search)) writePreference(KIOSK_KEY, '1');
	return readPreference(KIOSK_STAFF_KEY) === '1' || readPreference(KIOSK_KEY) === '1';
}

/** Whether staff turned kiosk mode on (as mirrored here; see store/kiosk.ts for the stored setting). */
export function staffKioskMode(): boolean {
	return readPreference(KIOSK_STAFF_KEY) === '1';
}

/** The staff setting: on; or off, which also ends kiosk mode turned on by `?kiosk=1`. */
export function setStaffKioskMode(on: boolean): void {
	writePreference(KIOSK_STAFF_KEY, on ? '1' : null);
	if (!on) writePreference(KIOSK_KEY, '0');
}

/** Asks the service worker to cache the engines' code, so a model that ran once also runs offline. */
function keepEngineCodeOffline(): void {
	navigator.serviceWorker?.ready
		.then((registration) => registration.active?.postMessage({ type: 'CACHE_ENGINE_CODE' }))
		.catch(() => {
			// No service worker: the app is not available offline anyway.
		});
}

export class EngineController {
	readonly client: EngineClient;
	#catalog = $state.raw<LoadedCatalog | null>(null);
	#choice = $state.raw<ModelChoice | null>(null);
	#phase = $state<EnginePhase>('starting');
	#progress = $state.raw<LoadProgress | null>(null);
	#rate = $state.raw<RateEstimate>({ bytesPerSecond: null, secondsLeft: null });
	#fromCache = $state(false);
	#ready = $state.raw<ReadyInfo | null>(null);
	#error = $state.raw<EngineError | null>(null);
	#cancelled = $state(false);
	#quota = $state<number | null>(null);
	#webllmFailed = false;
	#load: AbortController | null = null;
	#waiters: Array<() => void> = [];
	#started: Promise<void> | null = null;
	#prepared: Promise<void> | null = null;

	constructor(client: EngineClient = new EngineClient()) {
		this.client = client;
		client.onCrash = (crash) => {
			this.#ready = null;
			if (crash.lostModel) void this.#reloadAfterCrash(crash.lostModel);
		};
	}

	get phase(): EnginePhase {
		return this.#phase;
	}
	get choice(): ModelChoice | null {
		return this.#choice;
	}
	get catalog(): Catalog | null {
		return this.#catalog?.catalog ?? null;
	}
	get options(): ModelOption[] {
		return this.#choice?.alternatives ?? [];
	}
	get progress(): LoadProgress | null {
		return this.#progress;
	}
	get rate(): RateEstimate {
		return this.#rate;
	}
	/** The model being loaded is already on this device (no download). */
	get fromCache(): boolean {
		return this.#fromCache;
	}
	get ready(): ReadyInfo | null {
		return this.#ready;
	}
	get error(): EngineError | null {
		return this.#error;
	}
	/** The last download was cancelled by the person. */
	get cancelled(): boolean {
		return this.#cancelled;
	}
	/** Bytes the browser still allows this origin, when known. */
	get quota(): number | null {
		return this.#quota;
	}

	/** Reads the catalog, chooses a model, and loads it when that needs no download (or in kiosk mode). */
	start(options: { kiosk?: boolean } = {}): Promise<void> {
		this.#started ??= this.#start(options.kiosk ?? false).catch((error: unknown) =>
			this.#fail({ code: 'unknown', detail: error instanceof Error ? error.message : String(error) })
		);
		return this.#started;
	}

	/** Reads the catalog and chooses a model, without loading anything (settings use this). */
	prepare(): Promise<void> {
		this.#prepared ??= (async () => {
			this.#catalog = await loadCatalog();
			// For whoever deploys the app: what was wrong with their catalog file.
			for (const warning of this.#catalog.warnings)
				console.warn(`Model catalog: ${warning.code}: ${warning.detail}`);
			await this.#choose(readPreference(PREFERRED_KEY) ?? undefined);
		})();
		return this.#prepared;
	}

	async #start(kiosk: boolean): Promise<void> {
		await this.prepare();
		if (!(await this.#acquireEngineLock(kiosk))) {
			this.#phase = 'elsewhere';
			this.#wake();
			return;
		}
		await this.#afterLock(kiosk);
	}

	/**
	 * Web Locks: the tab that holds the lock owns the engine until it closes. Without the API (old
	 * browsers) every tab runs its own. When another tab holds it, this tab queues for it and carries
	 * on from here when it is released.
	 */
	#acquireEngineLock(kiosk: boolean): Promise<boolean> {
		const locks = navigator.locks;
		if (!locks) return Promise.resolve(true);
		const hold = () => new Promise<void>(() => {}); // released when the tab closes
		return new Promise((resolve) => {
			locks
				.request(ENGINE_LOCK, { ifAvailable: true }, (lock) => {
					resolve(lock !== null);
					if (lock === null) {
						void locks.request(ENGINE_LOCK, () => {
							void this.#afterLock(kiosk);
							return hold();
						});
						return undefined;
					}
					return hold();
				})
				.catch(() => resolve(true));
		});
	}

	async #afterLock(kiosk: boolean): Promise<void> {
		const model = this.#choice?.model;
		if (!model) {
			this.#wake();
			return;
		}
		if (kiosk || (await this.#isCached(model))) {
			await this.#loadModel(model);
			return;
		}
		this.#phase = 'consent';
		this.#wake();
	}

	async #choose(preferredId?: string): Promise<void> {
		const catalog = this.#catalog?.catalog;
		if (!catalog) return;
		const report = await device.probe();
		const memory = (navigator as Navigator & { deviceMemory?: number }).deviceMemory;
		try {
			this.#choice = chooseModel({
				catalog,
				gpu: report.gpu,
				deviceMemoryGB: memory,
				preferredId,
				webllmFailed: this.#webllmFailed
			});
		} catch (error) {
			this.#choice = null;
			this.#fail({ code: 'model-files', detail: error instanceof Error ? error.message : String(error) });
			return;
		}
		const { quota, usage } = report.storage;
		this.#quota = quota !== undefined ? Math.max(0, quota - (usage ?? 0)) : null;
	}

	/** From the Cache API alone: the worker (and the engine's code) is not started just to look. */
	#isCached(model: ModelEntry): Promise<boolean> {
		const device = this.#choice?.model.id === model.id ? this.#choice.device : 'wasm';
		return probeCached(model, device);
	}

	/** The person picked another model (remembered). Loads it if it is cached, else asks again. */
	async select(id: string): Promise<void> {
		writePreference(PREFERRED_KEY, id);
		this.#cancel();
		await this.#choose(id);
		const model = this.#choice?.model;
		if (!model) return;
		if (await this.#isCached(model)) await this.#loadModel(model);
		else this.#phase = 'consent';
	}

	/** The person agreed to download the chosen model. */
	async accept(): Promise<void> {
		const model = this.#choice?.model;
		if (!model) return;
		// Ask the browser to keep the model under storage pressure; refusal is not an error.
		try {
			await navigator.storage?.persist?.();
		} catch {
			// Not granted: the files still cache, they may just be evicted under pressure.
		}
		const storage = await device.probe(true).then((report) => report.storage);
		if (storage.quota !== undefined) {
			this.#quota = Math.max(0, storage.quota - (storage.usage ?? 0));
			if (this.#quota < model.downloadBytes) {
				this.#fail({ code: 'quota', detail: `needs ${model.downloadBytes} bytes, ${this.#quota} free` });
				return;
			}
		}
		await this.#loadModel(model);
	}

	decline(): void {
		this.#phase = 'declined';
	}

	/** Back to the consent card (from "declined", "error" or a cancelled download). */
	review(): void {
		this.#error = null;
		this.#phase = 'consent';
	}

	/** Stops a download; what was downloaded stays cached, so the next attempt resumes. */
	cancel(): void {
		this.#cancel();
		this.#cancelled = true;
		this.#phase = 'consent';
		this.#wake();
	}

	#cancel(): void {
		this.#load?.abort();
		this.#load = null;
	}

	retry(): Promise<void> {
		const model = this.#choice?.model;
		return model ? this.#loadModel(model) : Promise.resolve();
	}

	async #loadModel(model: ModelEntry): Promise<void> {
		const catalog = this.#catalog?.catalog;
		const choice = this.#choice;
		if (!catalog || !choice) return;
		this.#cancel();
		const controller = new AbortController();
		this.#load = controller;
		this.#phase = 'loading';
		this.#error = null;
		this.#cancelled = false;
		this.#ready = null;
		this.#progress = null;
		this.#fromCache = await this.#isCached(model);
		const estimator = new RateEstimator();
		this.#rate = estimator.estimate(0, null);
		try {
			const info = await this.client.load(model, {
				device: choice.device,
				contextWindow: contextWindowOf(model, catalog),
				signal: controller.signal,
				onProgress: (progress) => {
					if (this.#load !== controller) return;
					this.#progress = progress;
					if (progress.phase === 'download' && progress.loadedBytes !== null) {
						this.#rate = estimator.sample(performance.now(), progress.loadedBytes, progress.totalBytes);
					}
				}
			});
			if (this.#load !== controller) return;
			this.#ready = info;
			this.#phase = 'ready';
			this.#wake();
			keepEngineCodeOffline();
		} catch (cause) {
			if (this.#load !== controller || controller.signal.aborted) return;
			const error: EngineError =
				cause instanceof EngineFailure
					? { code: cause.code, detail: cause.detail }
					: { code: 'unknown', detail: String(cause) };
			// One ONNX failure poisons ONNX Runtime in that worker: start the next attempt in a fresh one.
			if (model.engine === 'onnx') this.client.dispose();
			if (model.engine === 'webllm' && error.code !== 'network' && error.code !== 'quota') {
				// web-llm cannot run here: offer the ONNX fallback, saying why.
				this.#webllmFailed = true;
				await this.#choose();
				this.#error = error;
				this.#phase = 'consent';
				this.#wake();
				return;
			}
			this.#fail(error);
		} finally {
			if (this.#load === controller) this.#load = null;
		}
	}

	/**
	 * After a failed answer that may have broken the engine (a lost GPU device, or an ONNX Runtime
	 * whose session chain is poisoned after one failure): a fresh worker, and the same model again
	 * from the browser cache. The conversation is untouched.
	 */
	async recover(): Promise<void> {
		const model = this.client.loaded?.model ?? this.#choice?.model;
		if (!model || this.#phase === 'loading') return;
		this.client.dispose();
		this.#ready = null;
		await this.#loadModel(model);
	}

	#fail(error: EngineError): void {
		this.#error = error;
		this.#phase = 'error';
		this.#wake();
	}

	/** Questions waiting for the model learn whether it became ready. */
	#wake(): void {
		const waiters = this.#waiters;
		this.#waiters = [];
		for (const wake of waiters) wake();
	}

	async #reloadAfterCrash(model: ModelEntry): Promise<void> {
		if (this.#phase === 'loading') return;
		await this.#loadModel(model);
	}

	/** Resolves when a model is ready; false when none is loading and none is ready. */
	whenReady(signal?: AbortSignal): Promise<boolean> {
		if (this.#phase === 'ready') return Promise.resolve(true);
		if (this.#phase !== 'loading' && this.#phase !== 'starting') return Promise.resolve(false);
		return new Promise((resolve) => {
			const wake = () => resolve(this.#phase === 'ready');
			this.#waiters.push(wake);
			signal?.addEventListener('abort', () => resolve(false), { once: true });
		});
	}

	/** Streams one answer from the ready model. */
	chat(
		messages: ChatTurn[],
		options: { onToken: (delta: string) => void; signal: AbortSignal; maxTokens?: number }
	) {
		return this.client.chat(
			messages,
			{ ...DEFAULT_GENERATION, max_tokens: options.maxTokens ?? DEFAULT_GENERATION.max_tokens },
			{ onToken: options.onToken, signal: options.signal }
		);
	}

	/** Catalog models fully in the browser cache, with their sizes. */
	async cachedModels(): Promise<Array<{ model: ModelEntry; bytes: number | null }>> {
		await this.prepare();
		const models = this.#catalog?.catalog.models ?? [];
		const cached = await this.client.cached(models);
		return models.flatMap((model) => {
			const entry = cached.find((item) => item.modelId === model.id);
			return entry ? [{ model, bytes: entry.bytes }] : [];
		});
	}

	/** Deletes one cached model; unloads it first when it is the loaded one. */
	async deleteModel(model: ModelEntry): Promise<void> {
		if (this.client.loaded?.model.id === model.id) {
			await this.client.unload();
			this.#ready = null;
			this.#phase = 'consent';
		}
		await this.client.delete(model);
	}
}
