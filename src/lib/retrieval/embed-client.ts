// EmbedClient: the main thread's side of the embed worker (./embed.worker.ts). Promises in, protocol
// messages out; it imports only the protocol and pure helpers, never transformers.js.
//
// Invariants:
// - The worker starts on the first request, so nothing is fetched before someone asks for the model.
// - Every promise settles. The worker's 'error' / 'messageerror' events reject every pending request
//   with 'worker-crashed', forget the loaded model and tell `onCrash`; the next request starts a
//   fresh worker.
// - A load that is cancelled rejects at once with 'aborted' and the worker is ended (its downloads and
//   any session being built stop with it); the next request starts a fresh one.
// - A load that fails, and an embed that fails with 'unknown' or 'device-lost', end the worker too:
//   ONNX Runtime keeps some failures for the worker's lifetime, and a fresh worker is cheap next to a
//   stuck one. The loaded model is then gone (`ready` is null) and must be loaded again.
import type { EmbeddingModelEntry, LoadProgress, OnnxDevice } from '../engine/protocol';
import {
	EmbedFailure,
	isEmbedEvent,
	type EmbedEvent,
	type EmbedReadyInfo,
	type EmbedRequest
} from './embed-protocol';
import type { Embedder, EmbedKind } from './types';

export { EmbedFailure } from './embed-protocol';

/** What the client needs of a Worker (a browser Worker satisfies it; tests pass a fake). */
export interface EmbedWorkerLike {
	postMessage(message: EmbedRequest): void;
	terminate(): void;
	addEventListener(type: 'message' | 'messageerror' | 'error', listener: (event: Event) => void): void;
}

export interface EmbedClientOptions {
	/** Default: the module worker src/lib/retrieval/embed.worker.ts. */
	createWorker?: () => EmbedWorkerLike;
	/** Told when the worker died and the loaded model was lost. */
	onCrash?: (detail: string) => void;
}

export interface EmbedLoadOptions {
	/** Default: WebGPU when the browser has an adapter, else WASM. */
	device?: OnnxDevice;
	/** Download progress (bytes and fraction, for a progress bar), then 'compile' and 'init'. */
	onProgress?: (progress: LoadProgress) => void;
	signal?: AbortSignal;
}

export interface EmbedCallOptions {
	/** Texts embedded so far, during a long call (re-embedding the knowledge base). */
	onProgress?: (done: number, total: number) => void;
	/** Stops between batches; the call rejects with 'aborted'. */
	signal?: AbortSignal;
}

function defaultCreateWorker(): EmbedWorkerLike {
	return new Worker(new URL('./embed.worker.ts', import.meta.url), { type: 'module' });
}

type Pending =
	| {
			kind: 'load';
			onProgress?: (progress: LoadProgress) => void;
			resolve(info: EmbedReadyInfo): void;
			reject(error: EmbedFailure): void;
			cleanup(): void;
	  }
	| {
			kind: 'embed';
			onProgress?: (done: number, total: number) => void;
			resolve(vectors: Float32Array[]): void;
			reject(error: EmbedFailure): void;
			cleanup(): void;
	  }
	| {
			kind: 'call';
			resolve(): void;
			reject(error: EmbedFailure): void;
			cleanup(): void;
	  };

export class EmbedClient {
	onCrash: ((detail: string) => void) | undefined;
	readonly #createWorker: () => EmbedWorkerLike;
	#worker: EmbedWorkerLike | null = null;
	#nextId = 1;
	readonly #pending = new Map<number, Pending>();
	#ready: EmbedReadyInfo | null = null;

	constructor(options: EmbedClientOptions = {}) {
		this.#createWorker = options.createWorker ?? defaultCreateWorker;
		this.onCrash = options.onCrash;
	}

	/** The loaded model and where it runs, or null (never loaded, unloaded, failed or lost). */
	get ready(): EmbedReadyInfo | null {
		return this.#ready;
	}

	/** The loaded model as an `Embedder` (what the index and the chat flow use), or null. */
	get embedder(): Embedder | null {
		const ready = this.#ready;
		if (!ready) return null;
		return { model: ready.model, embed: (texts, kind) => this.embed(texts, kind) };
	}

	/**
	 * Loads the embedding model (replacing a loaded one), downloading what the browser cache lacks.
	 * Rejects with EmbedFailure: 'aborted' (signal), 'busy', 'no-webgpu', 'network', 'quota',
	 * 'model-files', 'model-mismatch', 'device-lost', 'worker-crashed', 'unknown'.
	 */
	load(entry: EmbeddingModelEntry, options: EmbedLoadOptions = {}): Promise<EmbedReadyInfo> {
		const { signal, onProgress } = options;
		if (signal?.aborted)
			return Promise.reject(new EmbedFailure('aborted', 'load cancelled before it started'));
		return new Promise<EmbedReadyInfo>((resolve, reject) => {
			const id = this.#nextId++;
			const onAbort = () => {
				const pending = this.#pending.get(id);
				if (!pending) return;
				this.#settle(id, pending, () => pending.reject(new EmbedFailure('aborted', 'load cancelled')));
				this.#restart(new EmbedFailure('aborted', 'the embed worker was stopped to cancel a load'));
			};
			signal?.addEventListener('abort', onAbort, { once: true });
			this.#start(
				{ type: 'load', id, model: entry, device: options.device },
				{
					kind: 'load',
					onProgress,
					resolve: (info) => {
						this.#ready = info;
						resolve(info);
					},
					reject: (error) => {
						if (error.code !== 'busy' && error.code !== 'aborted') {
							this.#restart(
								new EmbedFailure('worker-crashed', 'the embed worker was restarted after a failed load')
							);
						}
						reject(error);
					},
					cleanup: () => signal?.removeEventListener('abort', onAbort)
				}
			);
		});
	}

	/**
	 * One unit-length vector per text, in order (the model's query or passage prefix is applied in the
	 * worker). Rejects with EmbedFailure: 'not-loaded', 'aborted', 'empty-text', 'model-mismatch',
	 * 'device-lost', 'worker-crashed', 'unknown'.
	 */
	embed(texts: readonly string[], kind: EmbedKind, options: EmbedCallOptions = {}): Promise<Float32Array[]> {
		const { signal, onProgress } = options;
		if (signal?.aborted) return Promise.reject(new EmbedFailure('aborted', 'embedding cancelled'));
		if (texts.length === 0) return Promise.resolve([]);
		return new Promise<Float32Array[]>((resolve, reject) => {
			const id = this.#nextId++;
			// Cancelling answers at once, like a cancelled load: the host is told to stop, and whatever it
			// still sends for this request (a last batch finished meanwhile) is ignored.
			const onAbort = () => {
				const pending = this.#pending.get(id);
				if (!pending) return;
				this.#post({ type: 'abort', id: this.#nextId++, target: id });
				this.#settle(id, pending, () => pending.reject(new EmbedFailure('aborted', 'embedding cancelled')));
			};
			signal?.addEventListener('abort', onAbort, { once: true });
			this.#start(
				{ type: 'embed', id, texts: [...texts], kind },
				{
					kind: 'embed',
					onProgress,
					resolve,
					reject: (error) => {
						if (error.code === 'unknown' || error.code === 'device-lost') {
							this.#restart(
								new EmbedFailure('worker-crashed', 'the embed worker was restarted after a failure')
							);
						}
						reject(error);
					},
					cleanup: () => signal?.removeEventListener('abort', onAbort)
				}
			);
		});
	}

	/** Frees the model (memory, GPU buffers). The files stay in the browser cache. */
	unload(): Promise<void> {
		this.#ready = null;
		if (!this.#worker) return Promise.resolve();
		return new Promise<void>((resolve, reject) => {
			const id = this.#nextId++;
			this.#start({ type: 'unload', id }, { kind: 'call', resolve, reject, cleanup: () => undefined });
		});
	}

	/** Ends the worker; pending requests reject with 'aborted'. The client can be used again. */
	dispose(): void {
		this.#restart(new EmbedFailure('aborted', 'embed client disposed'));
	}

	#start(request: EmbedRequest, pending: Pending): void {
		this.#pending.set(request.id, pending);
		this.#post(request);
	}

	#post(request: EmbedRequest): void {
		try {
			this.#ensureWorker().postMessage(request);
		} catch (error) {
			const pending = this.#pending.get(request.id);
			const detail = error instanceof Error ? error.message : String(error);
			if (pending) {
				this.#settle(request.id, pending, () =>
					pending.reject(new EmbedFailure('worker-crashed', `could not reach the embed worker: ${detail}`))
				);
			}
		}
	}

	#ensureWorker(): EmbedWorkerLike {
		if (this.#worker) return this.#worker;
		const worker = this.#createWorker();
		this.#worker = worker;
		worker.addEventListener('message', (event) => {
			if (worker === this.#worker && 'data' in event) this.#receive(event.data);
		});
		worker.addEventListener('messageerror', () => {
			if (worker === this.#worker) this.#crash('a message from the embed worker could not be read');
		});
		worker.addEventListener('error', (event) => {
			if (worker !== this.#worker) return;
			event.preventDefault();
			const message = 'message' in event && typeof event.message === 'string' ? event.message : '';
			this.#crash(`the embed worker failed: ${message || 'error event'}`);
		});
		return worker;
	}

	#receive(data: unknown): void {
		if (!isEmbedEvent(data)) return;
		const event: EmbedEvent = data;
		const pending = this.#pending.get(event.id);
		if (!pending) return;
		switch (event.type) {
			case 'progress':
				if (pending.kind === 'load') pending.onProgress?.(event.progress);
				return;
			case 'ready':
				if (pending.kind === 'load') this.#settle(event.id, pending, () => pending.resolve(event.info));
				return;
			case 'embedded':
				if (pending.kind === 'embed') pending.onProgress?.(event.done, event.total);
				return;
			case 'vectors':
				if (pending.kind === 'embed') {
					this.#settle(event.id, pending, () => {
						pending.onProgress?.(event.vectors.length, event.vectors.length);
						pending.resolve(event.vectors);
					});
				}
				return;
			case 'result':
				if (pending.kind === 'call') this.#settle(event.id, pending, () => pending.resolve());
				return;
			case 'error':
				this.#settle(event.id, pending, () => pending.reject(EmbedFailure.fromWire(event.error)));
				return;
			case 'pong':
				return;
		}
	}

	#settle(id: number, pending: Pending, settle: () => void): void {
		this.#pending.delete(id);
		pending.cleanup();
		settle();
	}

	#crash(detail: string): void {
		this.#restart(new EmbedFailure('worker-crashed', detail));
		this.onCrash?.(detail);
	}

	/** Ends the worker (the next request starts a new one) and rejects what is still pending. */
	#restart(reason: EmbedFailure): void {
		const worker = this.#worker;
		this.#worker = null;
		this.#ready = null;
		try {
			worker?.terminate();
		} catch {
			// Already gone.
		}
		const all = [...this.#pending.values()];
		this.#pending.clear();
		for (const pending of all) {
			pending.cleanup();
			pending.reject(reason);
		}
	}
}
