// FakeEngineAdapter: an EngineAdapter with no model behind it, named as a fake. It answers with a
// scripted list of tokens, instantly or paced, and can be told to fail; it records what it was asked.
// For unit tests of the worker host and client, the protocol benchmark, and UI-only tests. Never
// imported by the real worker (src/lib/engine/llm.worker.ts).
import { EngineFailure } from '../errors';
import type {
	AdapterChatOptions,
	AdapterChatResult,
	AdapterLoadOptions,
	CachedModel,
	ChatTurn,
	EngineAdapter,
	EngineError,
	EngineKind,
	GenerationParams,
	ModelEntry,
	ReadyInfo
} from '../protocol';

export interface FakeEngineOptions {
	kind?: EngineKind;
	/** The answer, token by token; default a short English sentence. */
	tokens?: string[] | ((messages: ChatTurn[]) => string[]);
	/** Progress events per load; default 3. */
	loadSteps?: number;
	/** Milliseconds between tokens (0: no timer at all); default 0. */
	tokenDelayMs?: number;
	/** With tokenDelayMs 0: yield to the event loop (setTimeout 0) after this many tokens, so aborts
	 * can arrive; 0 never yields. Default 0. */
	yieldEvery?: number;
	/** Makes the next loads fail with this error. */
	failLoad?: EngineError;
	/** Makes chats fail with this error after this many tokens. */
	failChat?: { afterTokens: number; error: EngineError };
	/** Never finishes loading (for cancel tests) unless the signal aborts. */
	hangLoad?: boolean;
	/** With hangLoad: ignores the signal too, like an engine that cannot stop a download. */
	ignoreAbort?: boolean;
	/** Models reported as cached, with sizes. */
	cachedModels?: CachedModel[];
}

const DEFAULT_TOKENS = ['Drink ', 'water ', 'and ', 'rest.'];

function wait(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

export class FakeEngineAdapter implements EngineAdapter {
	readonly kind: EngineKind;
	options: FakeEngineOptions;
	/** What the fake was asked, in order, for assertions. */
	readonly calls: { method: string; model?: string; messages?: ChatTurn[]; params?: GenerationParams }[] = [];
	loaded: ModelEntry | null = null;
	readonly deleted: string[] = [];

	constructor(options: FakeEngineOptions = {}) {
		this.options = options;
		this.kind = options.kind ?? 'webllm';
	}

	async load(model: ModelEntry, options: AdapterLoadOptions): Promise<ReadyInfo> {
		this.calls.push({ method: 'load', model: model.id });
		this.loaded = null;
		const steps = this.options.loadSteps ?? 3;
		for (let i = 1; i <= steps; i++) {
			if (options.signal?.aborted) throw new EngineFailure('aborted', 'fake load cancelled');
			options.onProgress({
				phase: 'download',
				fraction: i / steps,
				loadedBytes: i * 1000,
				totalBytes: steps * 1000,
				detail: `fake step ${i}/${steps}`
			});
			await Promise.resolve();
		}
		if (this.options.hangLoad) {
			await new Promise<void>((_resolve, reject) => {
				const signal = options.signal;
				if (!signal || this.options.ignoreAbort) return;
				signal.addEventListener('abort', () => reject(new EngineFailure('aborted', 'fake load cancelled')), {
					once: true
				});
			});
		}
		if (this.options.failLoad) throw EngineFailure.from(this.options.failLoad);
		this.loaded = model;
		return {
			engine: this.kind,
			modelId: model.id,
			device: this.kind === 'webllm' ? 'webgpu' : (options.device ?? 'wasm'),
			contextWindow: options.contextWindow
		};
	}

	async chat(
		messages: ChatTurn[],
		params: GenerationParams,
		options: AdapterChatOptions
	): Promise<AdapterChatResult> {
		this.calls.push({ method: 'chat', messages, params });
		if (!this.loaded) throw new EngineFailure('not-loaded', 'fake: no model loaded');
		const script = this.options.tokens ?? DEFAULT_TOKENS;
		const tokens = typeof script === 'function' ? script(messages) : script;
		const { tokenDelayMs = 0, yieldEvery = 0, failChat } = this.options;
		let text = '';
		let count = 0;
		const started = Date.now();
		for (const token of tokens) {
			if (options.signal.aborted) break;
			if (failChat && count === failChat.afterTokens) throw EngineFailure.from(failChat.error, text);
			text += token;
			count++;
			options.onToken(token);
			if (tokenDelayMs > 0) await wait(tokenDelayMs);
			else if (yieldEvery > 0 && count % yieldEvery === 0) await wait(0);
		}
		const seconds = Math.max((Date.now() - started) / 1000, 1e-6);
		return {
			text,
			finishReason: options.signal.aborted ? 'abort' : 'stop',
			usage: {
				promptTokens: messages.reduce((n, m) => n + m.content.length, 0),
				completionTokens: count,
				prefillTokensPerSecond: null,
				decodeTokensPerSecond: count / seconds
			}
		};
	}

	async unload(): Promise<void> {
		this.calls.push({ method: 'unload' });
		this.loaded = null;
	}

	async cached(models: ModelEntry[]): Promise<CachedModel[]> {
		this.calls.push({ method: 'cached' });
		const ids = new Set(models.map((m) => m.id));
		return (this.options.cachedModels ?? []).filter((c) => ids.has(c.modelId));
	}

	async delete(model: ModelEntry): Promise<void> {
		this.calls.push({ method: 'delete', model: model.id });
		this.deleted.push(model.id);
	}

	/** A deterministic stand-in for a tokenizer: one token per Unicode code point. */
	async countTokens(texts: string[]): Promise<number[]> {
		this.calls.push({ method: 'count' });
		if (!this.loaded) throw new EngineFailure('not-loaded', 'fake: no model loaded');
		return texts.map((text) => [...text].length);
	}
}
