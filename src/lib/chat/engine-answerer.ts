// Answers questions with the on-device model: waits for a model that is still loading, builds the
// turns (prompt.ts), streams the raw text, and turns engine failures into an answer with status
// 'error' that keeps the partial text. No model and none coming → the "model not ready" notice.
import { contextWindowOf } from '$lib/engine/catalog';
import { EngineFailure } from '$lib/engine/client';
import type { EngineController } from '$lib/engine/engine.svelte';
import { DEFAULT_GENERATION } from '$lib/engine/protocol';
import { buildTurns } from './prompt';
import type { Answerer, AnswerRequest, AnswerResult } from './session.svelte';
import type { PatientProfile } from './system-prompt';

export function engineAnswerer(
	engine: EngineController,
	profile: () => PatientProfile = () => ({})
): Answerer {
	return {
		async answer(request: AnswerRequest): Promise<AnswerResult> {
			if (engine.phase !== 'ready') {
				request.onWaiting?.(true);
				const ready = await engine.whenReady(request.signal);
				request.onWaiting?.(false);
				if (request.signal.aborted) return { kind: 'answer', raw: '', status: 'aborted' };
				if (!ready) return { kind: 'notice', notice: 'model-not-ready' };
			}
			const loaded = engine.client.loaded;
			const catalog = engine.catalog;
			if (!loaded || !catalog) return { kind: 'notice', notice: 'model-not-ready' };
			const turns = buildTurns({
				question: request.question,
				history: request.history,
				locale: request.locale,
				emergencyAware: request.emergencyAware,
				profile: profile(),
				contextWindow: contextWindowOf(loaded.model, catalog),
				answerTokens: DEFAULT_GENERATION.max_tokens
			});
			let raw = '';
			try {
				const result = await engine.chat(turns, {
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
