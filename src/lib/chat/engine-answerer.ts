// Answers questions with the on-device model: waits for a model that is still loading, counts the
// prompt's texts with the model's own tokenizer (in the worker; each text once, see TokenCounts),
// budgets and builds the turns (prompt.ts, budget.ts), streams the raw text, and turns engine
// failures into an answer with status 'error' that keeps the partial text. No model and none coming
// → the "model not ready" notice.
import { CONTEXT_WINDOW_RANGE, contextWindowOf } from '$lib/engine/catalog';
import { EngineFailure } from '$lib/engine/client';
import type { EngineController } from '$lib/engine/engine.svelte';
import { DEFAULT_GENERATION } from '$lib/engine/protocol';
import { estimateTokens, TokenCounts } from './budget';
import { fitPassages, passageTexts } from './passages';
import { planTurns, textsToCount, type TurnsInput } from './prompt';
import type { Answerer, AnswerRequest, AnswerResult, ChatMessage } from './session.svelte';

/** Conversations whose budget start (`firstPair`) is remembered; older ones start again at 0. */
const REMEMBERED_CONVERSATIONS = 20;

export function engineAnswerer(engine: EngineController): Answerer {
	const counts = new TokenCounts();
	// The oldest turn sent last time, per conversation (keyed by its first message), so a prompt
	// that had to drop turns keeps the same start, and its KV cache, on the next turns.
	const firstPairs = new Map<string, number>();
	const conversationKey = (history: readonly ChatMessage[]) => history[0]?.id ?? null;

	/** Counts the texts the model's tokenizer has not counted yet; on failure the estimate stays. */
	async function countNew(input: TurnsInput): Promise<void> {
		await countMissing(textsToCount(input));
	}

	async function countMissing(texts: readonly string[]): Promise<void> {
		const missing = counts.missing(texts);
		if (missing.length === 0) return;
		try {
			counts.set(missing, await engine.client.countTokens(missing));
		} catch {
			// Counting is an optimisation of the budget: the conservative estimate keeps it safe.
		}
	}

	return {
		/**
		 * The passages that fit a quarter of the context window, counted like the budget: with the
		 * model's tokenizer once it is loaded, before that with the conservative estimate.
		 */
		async fitPassages(passages, locale) {
			const loaded = engine.client.loaded;
			const choice = engine.choice?.model;
			const catalog = engine.catalog;
			const contextWindow =
				loaded?.info.contextWindow ??
				(choice && catalog ? contextWindowOf(choice, catalog) : CONTEXT_WINDOW_RANGE.min);
			if (!loaded) return fitPassages(passages, { contextWindow, count: estimateTokens, locale });
			counts.useFor(loaded.model.id);
			await countMissing(passageTexts(passages, locale));
			return fitPassages(passages, { contextWindow, count: counts.count, locale });
		},
		async answer(request: AnswerRequest): Promise<AnswerResult> {
			if (engine.phase !== 'ready') {
				request.onWaiting?.(true);
				const ready = await engine.whenReady(request.signal);
				request.onWaiting?.(false);
				if (request.signal.aborted) return { kind: 'answer', raw: '', status: 'aborted' };
				if (!ready) return { kind: 'notice', notice: 'model-not-ready' };
			}
			const loaded = engine.client.loaded;
			if (!loaded) return { kind: 'notice', notice: 'model-not-ready' };
			counts.useFor(loaded.model.id);
			const key = conversationKey(request.history);
			const input: TurnsInput = {
				question: request.question,
				history: request.history,
				locale: request.locale,
				emergencyAware: request.emergencyAware,
				urgentAware: request.urgentAware === true,
				profile: request.profile,
				passages: request.passages,
				partial: request.partial,
				contextWindow: loaded.info.contextWindow,
				answerTokens: DEFAULT_GENERATION.max_tokens,
				count: counts.count,
				// Only web-llm keeps a KV cache across turns, and only for unchanged earlier messages.
				resendAsSent: loaded.model.engine === 'webllm',
				keepFrom: key === null ? 0 : (firstPairs.get(key) ?? 0)
			};
			await countNew(input);
			const plan = planTurns(input);
			if (key !== null) {
				firstPairs.delete(key);
				firstPairs.set(key, plan.firstPair);
				for (const oldest of firstPairs.keys()) {
					if (firstPairs.size <= REMEMBERED_CONVERSATIONS) break;
					firstPairs.delete(oldest);
				}
			}
			let raw = '';
			try {
				const result = await engine.chat(plan.turns, {
					signal: request.signal,
					onToken: (delta) => {
						raw += delta;
						request.onText(raw);
					}
				});
				return {
					kind: 'answer',
					raw: result.text,
					status: result.finishReason === 'abort' ? 'aborted' : 'done',
					modelId: loaded.model.id
				};
			} catch (error) {
				if (!(error instanceof EngineFailure)) throw error;
				// The engine may be broken now (lost GPU device, poisoned runtime): restart it from the
				// cache so the next question works; a crashed worker is restarted by the controller.
				if (error.code === 'device-lost' || error.code === 'unknown' || error.code === 'model-files') {
					void engine.recover();
				}
				return {
					kind: 'answer',
					raw: error.partialText ?? raw,
					status: 'error',
					error: error.code,
					modelId: loaded.model.id
				};
			}
		}
	};
}
