// EngineClient: the main thread's side of the llm worker (src/lib/engine/llm.worker.ts). Promises in,
// protocol messages out; it imports only the protocol and pure helpers, never an engine library.
//
// Invariants:
// - Every promise settles. A request the worker never answers is ended by crash detection: the
//   worker's 'error' / 'messageerror' events, or a heartbeat (a ping every `heartbeatIntervalMs`
//   while a request is in flight; nothing heard for `heartbeatTimeoutMs` → terminate). Every pending
//   request then rejects with code 'worker-crashed' (a chat keeps its partial text in `partialText`),
//   `loaded` becomes null, `onCrash` is told which model was lost, and the next request starts a
//   fresh worker.
// - A chat that is aborted resolves (finishReason 'abort', the text so far); a chat that fails rejects
//   with EngineFailure carrying the text so far.
// - A load that is cancelled rejects at once with 'aborted'. The worker is asked to stop; if it has not
//   confirmed within `abortGraceMs` (an engine that cannot stop a download), it is terminated and the
//   next request starts a fresh one.
import { EngineFailure } from './errors';
import { isWorkerEvent } from './messages';
import {
	DEFAULT_GENERATION,
	type CachedModel,
	type ChatTurn,
	type GenerationParams,
	type LoadProgress,
	type ModelEntry,
	type OnnxDevice,
	type ReadyInfo,
	type Usage,
	type WorkerEvent,
	type WorkerRequest
} from './protocol';

export { EngineFailure } from './errors';

/** What the client needs of a Worker (a browser Worker satisfies it; tests pass a fake). */
export interface WorkerLike {
	postMessage(message: WorkerRequest): void;
	terminate(): void;
	addEventListener(type: 'message' | 'messageerror' | 'error', listener: (event: Event) => void): void;
}

export interface WorkerCrash {
	/** What was observed: the worker's error message, "messageerror", or the heartbeat timeout. */
	detail: string;
	/** The model that was loaded and is gone now (reload it to continue), if any. */
	lostModel: ModelEntry | null;
}

export interface EngineClientOptions {
	/** Default: the module worker src/lib/engine/llm.worker.ts. */
	createWorker?: () => WorkerLike;
	/** Ping period while a request is in flight, ms; default 3000. */
	heartbeatIntervalMs?: number;
	/** Silence after which the worker counts as hung, ms; default 20000 (loads may block the worker
	 * for seconds while a runtime compiles; a hang is still noticed within half a minute). */
	heartbeatTimeoutMs?: number;
	/** How long a cancelled load may take to stop before the worker is terminated, ms; default 5000. */
	abortGraceMs?: number;
	/** Told when the worker died or hung and was replaced. */
	onCrash?: (crash: WorkerCrash) => void;
}

export interface ChatResult {
	text: string;
	finishReason: 'stop' | 'length' | 'abort';
	usage: Usage;
}

export interface LoadOptions {
	/** ONNX only: where to run; web-llm always runs on WebGPU. */
	device?: OnnxDevice;
	/** Tokens; the catalog's value for this model (see catalog.ts contextWindowOf). */
	contextWindow: number;
	onProgress?: (progress: LoadProgress) => void;
	signal?: AbortSignal;
}

export interface ChatOptions {
	/** Each visible delta as it arrives. */
	onToken?: (delta: string) => void;
	signal?: AbortSignal;
}

const EMPTY_USAGE: Usage = {
	promptTokens: 0,
	completionTokens: 0,
	prefillTokensPerSecond: null,
	decodeTokensPerSecond: null
};

function defaultCreateWorker(): WorkerLike {
	return new Worker(new URL('./llm.worker.ts', import.meta.url), { type: 'module' });
}

type Pending =
	| {
			kind: 'load';
			model: ModelEntry;
			onProgress?: (progress: LoadProgress) => void;
			resolve(info: ReadyInfo): void;
			reject(error: EngineFailure): void;
			cleanup(): void;
	  }
	| {
			kind: 'chat';
			text: string;
			onToken?: (delta: string) => void;
			resolve(result: ChatResult): void;
			reject(error: EngineFailure): void;
			cleanup(): void;
	  }
	| {
			kind: 'call';
			resolve(value: unknown): void;
			reject(error: EngineFailure): void;
			cleanup(): void;
	  };

function isCachedModel(value: unknown): value is CachedModel {
	return (
		typeof value === 'object' &&
		value !== null &&
		'modelId' in value &&
		typeof value.modelId === 'string' &&
		'bytes' in value &&
		(value.bytes === null || typeof value.bytes === 'number')
	);
}

export class EngineClient {
	/** Told when the worker died or hung and was replaced; may be set after construction. */
	onCrash: ((crash: WorkerCrash) => void) | undefined;
	readonly #createWorker: () => WorkerLike;
	readonly #interval: number;
	readonly #timeout: number;
	readonly #grace: number;
	#worker: WorkerLike | null = null;
	#nextId = 1;
	readonly #pending = new Map<number, Pending>();
	/** Cancelled loads waiting for the worker to confirm: id → the timer that terminates it. */
	readonly #windingDown = new Map<number, ReturnType<typeof setTimeout>>();
	#heartbeat: ReturnType<typeof setInterval> | null = null;
	#lastHeard = 0;
	#loaded: { info: ReadyInfo; model: ModelEntry } | null = null;

	constructor(options: EngineClientOptions = {}) {
		this.#createWorker = options.createWorker ?? defaultCreateWorker;
		this.#interval = options.heartbeatIntervalMs ?? 3000;
		this.#timeout = options.heartbeatTimeoutMs ?? 20000;
		this.#grace = options.abortGraceMs ?? 5000;
		this.onCrash = options.onCrash;
	}

	/** The model the worker holds now, or null (never loaded, unloaded, cancelled, or lost in a crash). */
	get loaded(): { info: ReadyInfo; model: ModelEntry } | null {
		return this.#loaded;
	}

	/**
	 * Loads a model, replacing any loaded one. Progress arrives through onProgress. Rejects with
	 * EngineFailure: 'aborted' (signal), 'busy' (another load runs), 'no-webgpu', 'network', 'quota',
	 * 'model-files', 'model-library', 'device-lost', 'worker-crashed', 'unknown'.
	 */
	load(model: ModelEntry, options: LoadOptions): Promise<ReadyInfo> {
		const { signal, onProgress } = options;
		if (signal?.aborted)
			return Promise.reject(new EngineFailure('aborted', 'load cancelled before it started'));
		this.#loaded = null;
		return new Promise<ReadyInfo>((resolve, reject) => {
			const id = this.#nextId++;
			const onAbort = () => this.#cancelLoad(id);
			signal?.addEventListener('abort', onAbort, { once: true });
			this.#start(
				id,
				{ type: 'load', id, model, device: options.device, contextWindow: options.contextWindow },
				{
					kind: 'load',
					model,
					onProgress,
					resolve: (info) => {
						this.#loaded = { info, model };
						resolve(info);
					},
					reject,
					cleanup: () => signal?.removeEventListener('abort', onAbort)
				}
			);
		});
	}

	/**
	 * Streams an answer. Resolves with the full text, or the text so far when the signal aborts
	 * (finishReason 'abort'). Rejects with EngineFailure carrying `partialText`: 'not-loaded', 'busy',
	 * 'device-lost', 'context-overflow', 'worker-crashed', 'unknown'.
	 */
	chat(
		messages: ChatTurn[],
		params: GenerationParams = DEFAULT_GENERATION,
		options: ChatOptions = {}
	): Promise<ChatResult> {
		const { signal, onToken } = options;
		if (signal?.aborted) return Promise.resolve({ text: '', finishReason: 'abort', usage: EMPTY_USAGE });
		return new Promise<ChatResult>((resolve, reject) => {
			const id = this.#nextId++;
			const onAbort = () => this.#post({ type: 'abort', id: this.#nextId++, target: id });
			signal?.addEventListener('abort', onAbort, { once: true });
			this.#start(
				id,
				{ type: 'chat', id, messages, params },
				{
					kind: 'chat',
					text: '',
					onToken,
					resolve,
					reject,
					cleanup: () => signal?.removeEventListener('abort', onAbort)
				}
			);
		});
	}

	/** Unloads the model (frees GPU memory). Rejects only on 'worker-crashed' or 'unknown'. */
	async unload(): Promise<void> {
		this.#loaded = null;
		await this.#call((id) => ({ type: 'unload', id }));
	}

	/** Which of `models` are fully in the browser cache, with their sizes (bytes null when unknown). */
	async cached(models: ModelEntry[]): Promise<CachedModel[]> {
		const value = await this.#call((id) => ({ type: 'cached', id, models }));
		return Array.isArray(value) ? value.filter(isCachedModel) : [];
	}

	/** Removes one model's files from the browser cache. */
	async delete(model: ModelEntry): Promise<void> {
		await this.#call((id) => ({ type: 'delete', id, model }));
	}

	/**
	 * Tokens of each text for the loaded model's own tokenizer (no special tokens, no chat template).
	 * Rejects with EngineFailure: 'not-loaded', 'worker-crashed', 'unknown' (also for a malformed answer).
	 */
	async countTokens(texts: string[]): Promise<number[]> {
		if (texts.length === 0) return [];
		const value = await this.#call((id) => ({ type: 'count', id, texts }));
		if (
			!Array.isArray(value) ||
			value.length !== texts.length ||
			!value.every((n) => typeof n === 'number' && Number.isInteger(n) && n >= 0)
		) {
			throw new EngineFailure('unknown', 'the worker answered a token count that is not one count per text');
		}
		return value;
	}

	/** Terminates the worker; pending requests reject with 'aborted'. The client can be used again. */
	dispose(): void {
		this.#terminate();
		this.#failAll(
			(p) => new EngineFailure('aborted', 'engine client disposed', p.kind === 'chat' ? p.text : undefined)
		);
		this.#loaded = null;
	}

	#call(build: (id: number) => WorkerRequest): Promise<unknown> {
		return new Promise<unknown>((resolve, reject) => {
			const id = this.#nextId++;
			this.#start(id, build(id), { kind: 'call', resolve, reject, cleanup: () => undefined });
		});
	}

	#start(id: number, request: WorkerRequest, pending: Pending): void {
		this.#pending.set(id, pending);
		if (this.#heartbeat === null) {
			this.#lastHeard = Date.now();
			this.#heartbeat = setInterval(() => this.#beat(), this.#interval);
		}
		this.#post(request);
	}

	#post(request: WorkerRequest): void {
		let worker: WorkerLike;
		try {
			worker = this.#ensureWorker();
		} catch (error) {
			this.#crash(`the worker could not start: ${error instanceof Error ? error.message : String(error)}`);
			return;
		}
		try {
			worker.postMessage(request);
		} catch (error) {
			const pending = this.#pending.get(request.id);
			if (pending)
				this.#settle(request.id, pending, () =>
					pending.reject(new EngineFailure('unknown', `could not send ${request.type}: ${String(error)}`))
				);
		}
	}

	#ensureWorker(): WorkerLike {
		if (this.#worker) return this.#worker;
		const worker = this.#createWorker();
		this.#worker = worker;
		worker.addEventListener('message', (event) => {
			if (worker !== this.#worker || !('data' in event)) return;
			this.#receive(event.data);
		});
		worker.addEventListener('messageerror', () => {
			if (worker === this.#worker) this.#crash('a message from the worker could not be read (messageerror)');
		});
		worker.addEventListener('error', (event) => {
			if (worker !== this.#worker) return;
			event.preventDefault();
			const message =
				'message' in event && typeof event.message === 'string' && event.message
					? event.message
					: 'error event';
			this.#crash(`the worker failed: ${message}`);
		});
		return worker;
	}

	#beat(): void {
		if (this.#pending.size === 0) {
			this.#stopHeartbeat();
			return;
		}
		const silent = Date.now() - this.#lastHeard;
		if (silent >= this.#timeout) {
			this.#crash(`the worker did not answer for ${Math.round(silent / 1000)} s`);
			return;
		}
		this.#post({ type: 'ping', id: this.#nextId++ });
	}

	#stopHeartbeat(): void {
		if (this.#heartbeat !== null) clearInterval(this.#heartbeat);
		this.#heartbeat = null;
	}

	#receive(data: unknown): void {
		this.#lastHeard = Date.now();
		if (!isWorkerEvent(data)) return;
		const event: WorkerEvent = data;
		const winding = this.#windingDown.get(event.id);
		if (winding !== undefined) {
			this.#confirmCancel(event, winding);
			return;
		}
		const pending = this.#pending.get(event.id);
		if (!pending) return;
		switch (event.type) {
			case 'progress':
				if (pending.kind === 'load') pending.onProgress?.(event.progress);
				return;
			case 'ready':
				if (pending.kind === 'load') this.#settle(event.id, pending, () => pending.resolve(event.info));
				return;
			case 'token':
				if (pending.kind === 'chat') {
					pending.text += event.delta;
					pending.onToken?.(event.delta);
				}
				return;
			case 'done':
				if (pending.kind === 'chat') {
					this.#settle(event.id, pending, () =>
						pending.resolve({ text: event.text, finishReason: event.finishReason, usage: event.usage })
					);
				}
				return;
			case 'error': {
				const partial = pending.kind === 'chat' ? (event.partialText ?? pending.text) : undefined;
				this.#settle(event.id, pending, () => pending.reject(EngineFailure.from(event.error, partial)));
				return;
			}
			case 'result':
				if (pending.kind === 'call') this.#settle(event.id, pending, () => pending.resolve(event.value));
				return;
			case 'pong':
				return;
		}
	}

	#settle(id: number, pending: Pending, settle: () => void): void {
		this.#pending.delete(id);
		pending.cleanup();
		if (this.#pending.size === 0) this.#stopHeartbeat();
		settle();
	}

	#cancelLoad(id: number): void {
		const pending = this.#pending.get(id);
		if (!pending || pending.kind !== 'load') return;
		this.#settle(id, pending, () => pending.reject(new EngineFailure('aborted', 'load cancelled')));
		this.#post({ type: 'abort', id: this.#nextId++, target: id });
		this.#windingDown.set(
			id,
			setTimeout(() => {
				this.#windingDown.delete(id);
				// The engine could not stop in time: end the worker so its downloads stop too.
				this.#terminate();
				this.#failAll(
					(p) =>
						new EngineFailure(
							'worker-crashed',
							'the worker was restarted to stop a cancelled load',
							p.kind === 'chat' ? p.text : undefined
						)
				);
			}, this.#grace)
		);
	}

	#confirmCancel(event: WorkerEvent, timer: ReturnType<typeof setTimeout>): void {
		if (event.type === 'progress') return;
		clearTimeout(timer);
		this.#windingDown.delete(event.id);
		// Finished loading before the cancel arrived: free the model nobody wants now.
		if (event.type === 'ready') void this.unload().catch(() => undefined);
	}

	#crash(detail: string): void {
		const lostModel = this.#loaded?.model ?? null;
		this.#terminate();
		this.#loaded = null;
		this.#failAll((p) => new EngineFailure('worker-crashed', detail, p.kind === 'chat' ? p.text : undefined));
		this.onCrash?.({ detail, lostModel });
	}

	#terminate(): void {
		const worker = this.#worker;
		this.#worker = null;
		this.#stopHeartbeat();
		for (const timer of this.#windingDown.values()) clearTimeout(timer);
		this.#windingDown.clear();
		try {
			worker?.terminate();
		} catch {
			// Already gone.
		}
	}

	#failAll(reason: (pending: Pending) => EngineFailure): void {
		const all = [...this.#pending.entries()];
		this.#pending.clear();
		this.#stopHeartbeat();
		for (const [, pending] of all) {
			pending.cleanup();
			pending.reject(reason(pending));
		}
	}
}
