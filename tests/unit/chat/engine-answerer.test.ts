import { describe, expect, it } from 'vitest';
import { engineAnswerer } from '$lib/chat/engine-answerer';
import { answeredPairs, buildTurns, estimateTokens } from '$lib/chat/prompt';
import type { AnswerRequest, ChatMessage } from '$lib/chat/session.svelte';
import { EngineFailure } from '$lib/engine/client';
import type { EngineController } from '$lib/engine/engine.svelte';
import type { ChatTurn, ModelEntry } from '$lib/engine/protocol';

const MODEL: ModelEntry = {
	id: 'm',
	engine: 'onnx',
	label: 'M',
	paramsB: 0.6,
	quantization: 'q4',
	requiresShaderF16: false,
	base: '/models/m/',
	downloadBytes: 1
};

/**
 * A fake engine controller for tests: `script` decides what one chat does (stream deltas, then
 * resolve or reject). Records the turns it was sent and whether recovery was asked for.
 */
function fakeEngineForTests(
	script: (onToken: (delta: string) => void) => Promise<{ text: string; finishReason: 'stop' | 'abort' }>,
	phase: 'ready' | 'loading' | 'consent' = 'ready'
) {
	const sent: ChatTurn[][] = [];
	let recovered = 0;
	let wake: (ready: boolean) => void = () => {};
	const fake = {
		phase,
		catalog: { version: 1, contextWindow: 4096, redirectHosts: [], models: [MODEL] },
		client: { loaded: { model: MODEL, info: {} } },
		whenReady: () =>
			fake.phase === 'loading' ? new Promise<boolean>((r) => (wake = r)) : Promise.resolve(false),
		chat: (turns: ChatTurn[], options: { onToken: (d: string) => void }) => {
			sent.push(turns);
			return script(options.onToken).then((r) => ({ ...r, usage: {} }));
		},
		recover: async () => {
			recovered++;
		}
	};
	return {
		engine: fake as unknown as EngineController,
		sent,
		recovered: () => recovered,
		becomeReady: () => {
			fake.phase = 'ready';
			wake(true);
		}
	};
}

function request(overrides: Partial<AnswerRequest> = {}): AnswerRequest & { texts: string[] } {
	const texts: string[] = [];
	return {
		question: 'What helps a cold?',
		history: [],
		emergencyAware: false,
		locale: 'en',
		signal: new AbortController().signal,
		onText: (raw) => texts.push(raw),
		texts,
		...overrides
	};
}

describe('engineAnswerer', () => {
	it('streams the raw text and returns it with the model id', async () => {
		const { engine, sent } = fakeEngineForTests(async (onToken) => {
			onToken('Rest ');
			onToken('and fluids.');
			return { text: 'Rest and fluids.', finishReason: 'stop' };
		});
		const req = request();
		const result = await engineAnswerer(engine).answer(req);
		expect(result).toEqual({ kind: 'answer', raw: 'Rest and fluids.', status: 'done', modelId: 'm' });
		expect(req.texts).toEqual(['Rest ', 'Rest and fluids.']);
		expect(sent[0]?.[0]?.role).toBe('system');
		expect(sent[0]?.at(-1)).toEqual({ role: 'user', content: 'What helps a cold?' });
	});

	it('a GPU lost mid-answer keeps the partial text, reports the error, and restarts the engine', async () => {
		const { engine, recovered } = fakeEngineForTests(async (onToken) => {
			onToken('Drink ');
			throw new EngineFailure('device-lost', 'GPU device was lost', 'Drink ');
		});
		const result = await engineAnswerer(engine).answer(request());
		expect(result).toEqual({
			kind: 'answer',
			raw: 'Drink ',
			status: 'error',
			error: 'device-lost',
			modelId: 'm'
		});
		expect(recovered()).toBe(1);
	});

	it('a crashed worker is not restarted here (the controller reloads it), and a busy engine is left alone', async () => {
		for (const code of ['worker-crashed', 'busy'] as const) {
			const { engine, recovered } = fakeEngineForTests(async () => {
				throw new EngineFailure(code, 'x');
			});
			const result = await engineAnswerer(engine).answer(request());
			expect(result).toMatchObject({ status: 'error', error: code });
			expect(recovered()).toBe(0);
		}
	});

	it('waits for a model that is still loading, then answers', async () => {
		const fake = fakeEngineForTests(async () => ({ text: 'Yes.', finishReason: 'stop' }), 'loading');
		const waiting: boolean[] = [];
		const pending = engineAnswerer(fake.engine).answer(request({ onWaiting: (w) => waiting.push(w) }));
		await Promise.resolve();
		expect(waiting).toEqual([true]);
		fake.becomeReady();
		expect(await pending).toMatchObject({ kind: 'answer', raw: 'Yes.', status: 'done' });
		expect(waiting).toEqual([true, false]);
	});

	it('says the model is not ready when none is coming', async () => {
		const { engine } = fakeEngineForTests(async () => ({ text: '', finishReason: 'stop' }), 'consent');
		expect(await engineAnswerer(engine).answer(request())).toEqual({
			kind: 'notice',
			notice: 'model-not-ready'
		});
	});
});

const msg = (role: 'user' | 'assistant', text: string, extra: Partial<ChatMessage> = {}): ChatMessage => ({
	id: Math.random().toString(36),
	role,
	text,
	redacted: [],
	emergency: [],
	...extra
});

describe('buildTurns', () => {
	const history = [
		msg('user', 'I have a cough'),
		msg('assistant', 'Shown text with notes', { raw: '<think></think>Raw model text', status: 'done' }),
		msg('user', 'Still there?'),
		msg('assistant', '', { notice: 'model-not-ready', status: 'done', raw: '' }),
		msg('user', 'Any medicine?'),
		msg('assistant', 'Partial', { raw: 'Partial', status: 'aborted' })
	];

	it('sends earlier answers as the raw model text, and skips questions that got no answer', () => {
		expect(answeredPairs(history).map(([q, a]) => [q.content, a.content])).toEqual([
			['I have a cough', '<think></think>Raw model text'],
			['Any medicine?', 'Partial']
		]);
	});

	it('keeps the system prompt first and identical across turns, and the newest question last', () => {
		const input = { locale: 'en', emergencyAware: false, contextWindow: 4096, answerTokens: 768 };
		const first = buildTurns({ ...input, question: 'I have a cough', history: [] });
		const later = buildTurns({ ...input, question: 'And a fever?', history });
		expect(later[0]).toEqual(first[0]);
		expect(later.at(-1)).toEqual({ role: 'user', content: 'And a fever?' });
		expect(later).toHaveLength(1 + 4 + 1);
	});

	it('drops the oldest whole turns when the window is small, never the question', () => {
		const long = 'word '.repeat(600);
		const many = Array.from({ length: 10 }, (_, i) => [
			msg('user', `${i}: ${long}`),
			msg('assistant', long, { raw: long, status: 'done' })
		]).flat();
		const turns = buildTurns({
			question: 'last question',
			history: many,
			locale: 'en',
			emergencyAware: false,
			contextWindow: 4096,
			answerTokens: 768
		});
		const total = turns.reduce((sum, turn) => sum + estimateTokens(turn.content), 0);
		expect(total).toBeLessThanOrEqual(4096 - 768);
		expect(turns.at(-1)?.content).toBe('last question');
		const users = turns.filter((t) => t.role === 'user').map((t) => t.content);
		expect(users.at(-2)?.startsWith('9:')).toBe(true);
		expect(users.some((u) => u.startsWith('0:'))).toBe(false);
		// Whole pairs only: every kept question is followed by its answer.
		expect(turns.slice(1, -1).map((t) => t.role)).toEqual(
			Array.from({ length: turns.length - 2 }, (_, i) => (i % 2 === 0 ? 'user' : 'assistant'))
		);
	});

	it('counts Chinese characters as at least one token each', () => {
		expect(estimateTokens('头痛发烧三天')).toBeGreaterThanOrEqual(6);
	});
});
