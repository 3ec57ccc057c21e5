// The llm worker's logic, kept out of the worker entry so it runs (and is tested) without a Worker:
// `createWorkerHost(post, adapters)` takes requests (src/lib/engine/protocol.ts) and answers with
// events through `post`.
//
// Invariants:
// - Every request gets its answer: ping → pong; load → progress…, then ready or error; chat → token…,
//   then done (also after abort, with the partial text) or error (with the partial text); others →
//   result or error. No exception escapes unposted (a failing `post` is answered with an error too).
// - `count` answers with the loaded model's token counts ('not-loaded' while nothing is ready).
// - One model at a time: loading another model unloads the current one (across engines too). One load
//   at a time ('busy' otherwise; a load arriving while a cancelled load winds down waits for it). One
//   chat at a time ('busy' otherwise); a chat with nothing loaded is 'not-loaded'.
// - Adapters are created lazily, once per engine (their modules, and web-llm or transformers.js with
//   them, load only when first needed).
// - Thinking is stripped from the stream for every engine (ThinkStripper); `done.text` is the
//   adapter's final text with thinking stripped.
import { EngineFailure, toEngineError } from './errors';
import { isWorkerRequest, requestId } from './messages';
import type {
	EngineAdapter,
	EngineError,
	EngineKind,
	ModelEntry,
	WorkerEvent,
	WorkerRequest
} from './protocol';
import { stripThink, ThinkStripper } from './think';

/** How the host gets each engine's adapter (the worker passes lazy imports; tests pass fakes). */
export type AdapterFactories = Record<EngineKind, () => EngineAdapter | Promise<EngineAdapter>>;

export interface WorkerHost {
	/** Handles one incoming message (anything: malformed messages are answered with an error). */
	handle(message: unknown): void;
}

type Request<T extends WorkerRequest['type']> = Extract<WorkerRequest, { type: T }>;

interface Running {
	id: number;
	controller: AbortController;
	settled: Promise<void>;
}

interface Active {
	adapter: EngineAdapter;
	model: ModelEntry;
}

export function createWorkerHost(post: (event: WorkerEvent) => void, adapters: AdapterFactories): WorkerHost {
	const instances = new Map<EngineKind, Promise<EngineAdapter>>();
	let active: Active | null = null;
	let loading: Running | null = null;
	let chatting: Running | null = null;

	function send(event: WorkerEvent): void {
		try {
			post(event);
		} catch (error) {
			if (event.type === 'error') return; // Nothing more can be said.
			try {
				post({
					type: 'error',
					id: event.id,
					error: { code: 'unknown', detail: `could not send ${event.type}: ${toEngineError(error).detail}` }
				});
			} catch {
				// The channel itself is gone.
			}
		}
	}

	function fail(id: number, error: unknown, partialText?: string): void {
		const engineError: EngineError = toEngineError(error);
		send(
			partialText === undefined
				? { type: 'error', id, error: engineError }
				: { type: 'error', id, error: engineError, partialText }
		);
	}

	function adapterFor(kind: EngineKind): Promise<EngineAdapter> {
		const existing = instances.get(kind);
		if (existing) return existing;
		const factory = Object.hasOwn(adapters, kind) ? adapters[kind] : undefined;
		if (!factory)
			return Promise.reject(new EngineFailure('unknown', `no adapter for engine "${String(kind)}"`));
		const created = Promise.resolve()
			.then(factory)
			.catch((error: unknown) => {
				// A failed import (offline, blocked) may succeed later: do not remember the failure.
				instances.delete(kind);
				throw error;
			});
		instances.set(kind, created);
		return created;
	}

	function track(id: number, work: (signal: AbortSignal) => Promise<void>): Running {
		const controller = new AbortController();
		const running: Running = { id, controller, settled: Promise.resolve() };
		running.settled = work(controller.signal).catch((error: unknown) => fail(id, error));
		return running;
	}

	async function stopChat(): Promise<void> {
		const current = chatting;
		if (!current) return;
		current.controller.abort();
		await current.settled;
	}

	async function load(request: Request<'load'>): Promise<void> {
		if (loading && !loading.controller.signal.aborted) {
			fail(request.id, new EngineFailure('busy', 'another model is loading'));
			return;
		}
		if (loading) await loading.settled;
		if (loading) {
			// Another load queued behind the same cancelled one and started first.
			fail(request.id, new EngineFailure('busy', 'another model is loading'));
			return;
		}
		const running = track(request.id, async (signal) => {
			await stopChat();
			const adapter = await adapterFor(request.model.engine);
			const previous = active;
			active = null;
			if (previous && previous.adapter !== adapter) await previous.adapter.unload();
			try {
				const info = await adapter.load(request.model, {
					device: request.device,
					contextWindow: request.contextWindow,
					signal,
					onProgress: (progress) => send({ type: 'progress', id: request.id, progress })
				});
				if (signal.aborted) {
					await adapter.unload();
					throw new EngineFailure('aborted', 'load cancelled');
				}
				active = { adapter, model: request.model };
				send({ type: 'ready', id: request.id, info });
			} catch (error) {
				if (signal.aborted) throw new EngineFailure('aborted', 'load cancelled');
				throw error;
			}
		});
		loading = running;
		await running.settled;
		if (loading === running) loading = null;
	}

	async function chat(request: Request<'chat'>): Promise<void> {
		if (chatting) {
			fail(request.id, new EngineFailure('busy', 'another answer is being written'));
			return;
		}
		const current = active;
		if (!current || loading) {
			fail(
				request.id,
				new EngineFailure('not-loaded', loading ? 'the model is still loading' : 'no model is loaded')
			);
			return;
		}
		const stripper = new ThinkStripper();
		let visible = '';
		const running = track(request.id, async (signal) => {
			try {
				const result = await current.adapter.chat(request.messages, request.params, {
					signal,
					onToken: (delta) => {
						const shown = stripper.push(delta);
						if (shown.length === 0) return;
						visible += shown;
						send({ type: 'token', id: request.id, delta: shown });
					}
				});
				const tail = stripper.flush();
				if (tail.length > 0) send({ type: 'token', id: request.id, delta: tail });
				send({
					type: 'done',
					id: request.id,
					text: stripThink(result.text),
					finishReason: signal.aborted ? 'abort' : result.finishReason,
					usage: result.usage
				});
			} catch (error) {
				const engineError = toEngineError(error);
				if (engineError.code === 'device-lost' && active === current) active = null;
				fail(request.id, error, visible + stripper.flush());
			}
		});
		chatting = running;
		await running.settled;
		if (chatting === running) chatting = null;
	}

	function abort(request: Request<'abort'>): void {
		for (const running of [chatting, loading]) {
			if (running && running.id === request.target) {
				running.controller.abort();
				send({ type: 'result', id: request.id, value: true });
				return;
			}
		}
		send({ type: 'result', id: request.id, value: false });
	}

	async function unload(request: Request<'unload'>): Promise<void> {
		await stopChat();
		const pending = loading;
		if (pending) {
			pending.controller.abort();
			await pending.settled;
		}
		const previous = active;
		active = null;
		if (previous) await previous.adapter.unload();
		send({ type: 'result', id: request.id, value: null });
	}

	async function cached(request: Request<'cached'>): Promise<void> {
		const kinds = [...new Set(request.models.map((m) => m.engine))];
		const outcomes = await Promise.allSettled(
			kinds.map(async (kind) =>
				(await adapterFor(kind)).cached(request.models.filter((m) => m.engine === kind))
			)
		);
		const found = outcomes.flatMap((o) => (o.status === 'fulfilled' ? o.value : []));
		const failed = outcomes.find((o) => o.status === 'rejected');
		if (failed && found.length === 0 && outcomes.every((o) => o.status === 'rejected')) {
			fail(request.id, failed.reason);
			return;
		}
		send({ type: 'result', id: request.id, value: found });
	}

	/** Counts with the loaded model's tokenizer; nothing loaded (or a load running) → 'not-loaded'. */
	async function count(request: Request<'count'>): Promise<void> {
		const current = active;
		if (!current || loading) {
			fail(request.id, new EngineFailure('not-loaded', 'no model is loaded to count tokens with'));
			return;
		}
		send({ type: 'result', id: request.id, value: await current.adapter.countTokens(request.texts) });
	}

	async function remove(request: Request<'delete'>): Promise<void> {
		await (await adapterFor(request.model.engine)).delete(request.model);
		send({ type: 'result', id: request.id, value: null });
	}

	function dispatch(request: WorkerRequest): Promise<void> | void {
		switch (request.type) {
			case 'ping':
				return send({ type: 'pong', id: request.id });
			case 'load':
				return load(request);
			case 'chat':
				return chat(request);
			case 'abort':
				return abort(request);
			case 'unload':
				return unload(request);
			case 'cached':
				return cached(request);
			case 'delete':
				return remove(request);
			case 'count':
				return count(request);
		}
	}

	return {
		handle(message: unknown): void {
			if (!isWorkerRequest(message)) {
				const id = requestId(message);
				if (id !== null) fail(id, new EngineFailure('unknown', 'malformed request'));
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
