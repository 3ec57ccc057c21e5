// The embed worker's logic, kept out of the worker entry so it runs (and is tested) without a Worker:
// `createEmbedHost(post, load)` takes requests (./embed-protocol.ts) and answers with events.
//
// Invariants:
// - Every request gets its answer: ping → pong; load → progress…, then ready or error; embed →
//   embedded…, then vectors or error; abort and unload → result. No exception escapes unposted.
// - One model at a time: a load replaces the loaded model (after it is ready). One load at a time
//   ('busy' otherwise). Embeds run while nothing is loading; concurrent embeds take turns batch by
//   batch (the embedder's own queue). An embed with nothing loaded is 'not-loaded'.
// - `abort` cancels a load (its downloads stop) or an embed (between batches); both then answer
//   'aborted'.
// - Vectors are transferred, not copied (the worker does not keep them).
import type { EmbeddingModelEntry, LoadProgress, OnnxDevice } from '../engine/protocol';
import {
	EmbedFailure,
	embedRequestId,
	isEmbedRequest,
	type EmbedEvent,
	type EmbedRequest
} from './embed-protocol';
import type { EmbedOptions } from './embed';
import type { EmbeddingModelInfo, EmbedKind } from './types';

/** What the host needs of a loaded model (embed.ts's TransformersEmbedder; tests may pass fakes). */
export interface LoadedEmbedder {
	readonly model: EmbeddingModelInfo;
	readonly device: OnnxDevice;
	embed(texts: readonly string[], kind: EmbedKind, options?: EmbedOptions): Promise<Float32Array[]>;
	dispose(): Promise<void>;
}

/** How the host loads a model (the worker passes embed.ts's loadEmbedder, imported on first use). */
export type LoadModel = (
	entry: EmbeddingModelEntry,
	options: { device?: OnnxDevice; signal: AbortSignal; onProgress(progress: LoadProgress): void }
) => Promise<LoadedEmbedder>;

/** Posts one event; `transfer` lists buffers handed over with it. */
export type PostEvent = (event: EmbedEvent, transfer?: Transferable[]) => void;

export interface EmbedHost {
	/** Handles one incoming message (anything: malformed messages are answered with an error). */
	handle(message: unknown): void;
}

type Request<T extends EmbedRequest['type']> = Extract<EmbedRequest, { type: T }>;

export function createEmbedHost(post: PostEvent, loadModel: LoadModel): EmbedHost {
	let loaded: LoadedEmbedder | null = null;
	let loading: { id: number; controller: AbortController } | null = null;
	const embedding = new Map<number, AbortController>();

	function send(event: EmbedEvent, transfer?: Transferable[]): void {
		try {
			post(event, transfer);
		} catch (error) {
			if (event.type === 'error') return; // Nothing more can be said.
			fail(event.id, new EmbedFailure('unknown', `could not send ${event.type}: ${String(error)}`));
		}
	}

	function fail(id: number, error: unknown): void {
		const failure =
			error instanceof EmbedFailure
				? error
				: new EmbedFailure('unknown', error instanceof Error ? error.message : String(error));
		try {
			post({ type: 'error', id, error: failure.toWire() });
		} catch {
			// The channel itself is gone.
		}
	}

	async function load(request: Request<'load'>): Promise<void> {
		if (loading) {
			fail(request.id, new EmbedFailure('busy', 'another embedding model is loading'));
			return;
		}
		const controller = new AbortController();
		loading = { id: request.id, controller };
		try {
			const embedder = await loadModel(request.model, {
				device: request.device,
				signal: controller.signal,
				onProgress: (progress) => send({ type: 'progress', id: request.id, progress })
			});
			if (controller.signal.aborted) {
				await embedder.dispose();
				throw new EmbedFailure('aborted', 'load cancelled');
			}
			const previous = loaded;
			loaded = embedder;
			if (previous && previous !== embedder) await previous.dispose();
			send({ type: 'ready', id: request.id, info: { model: embedder.model, device: embedder.device } });
		} catch (error) {
			fail(request.id, controller.signal.aborted ? new EmbedFailure('aborted', 'load cancelled') : error);
		} finally {
			loading = null;
		}
	}

	async function embed(request: Request<'embed'>): Promise<void> {
		const embedder = loaded;
		if (!embedder || loading) {
			const why = loading ? 'the embedding model is still loading' : 'no embedding model is loaded';
			fail(request.id, new EmbedFailure('not-loaded', why));
			return;
		}
		const controller = new AbortController();
		embedding.set(request.id, controller);
		try {
			const vectors = await embedder.embed(request.texts, request.kind, {
				signal: controller.signal,
				onProgress: (done, total) => {
					if (total > done) send({ type: 'embedded', id: request.id, done, total });
				}
			});
			send(
				{ type: 'vectors', id: request.id, vectors },
				vectors.map((vector) => vector.buffer)
			);
		} catch (error) {
			fail(request.id, error);
		} finally {
			embedding.delete(request.id);
		}
	}

	function abort(request: Request<'abort'>): void {
		const target = loading?.id === request.target ? loading.controller : embedding.get(request.target);
		target?.abort();
		send({ type: 'result', id: request.id, value: target !== undefined });
	}

	async function unload(request: Request<'unload'>): Promise<void> {
		loading?.controller.abort();
		for (const controller of embedding.values()) controller.abort();
		const previous = loaded;
		loaded = null;
		await previous?.dispose();
		send({ type: 'result', id: request.id, value: null });
	}

	function dispatch(request: EmbedRequest): Promise<void> | void {
		switch (request.type) {
			case 'ping':
				return send({ type: 'pong', id: request.id });
			case 'load':
				return load(request);
			case 'embed':
				return embed(request);
			case 'abort':
				return abort(request);
			case 'unload':
				return unload(request);
		}
	}

	return {
		handle(message: unknown): void {
			if (!isEmbedRequest(message)) {
				const id = embedRequestId(message);
				if (id !== null) fail(id, new EmbedFailure('unknown', 'malformed request'));
				return;
			}
			try {
				const pending = dispatch(message);
				if (pending) pending.catch((error: unknown) => fail(message.id, error));
			} catch (error) {
				fail(message.id, error);
			}
		}
	};
}
