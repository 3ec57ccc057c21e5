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
	phase: 'ready' | 'loading' | 'consent' = 'ready',
	options: { contextWindow?: number; countFails?: boolean; engine?: 'webllm' | 'onnx' } = {}
) {
	const sent: ChatTurn[][] = [];
	/** The texts the worker was asked to count, per request. */
	const counted: string[][] = [];
	let recovered = 0;
	let wake: (ready: boolean) => void = () => {};
	const fake = {
		phase,
		catalog: { version: 1, contextWindow: 4096, redirectHosts: [], models: [MODEL] },
		client: {
			loaded: {
				model: { ...MODEL, engine: options.engine ?? MODEL.engine },
				info: { contextWindow: options.contextWindow ?? 4096 }
			},
			// One token per character: far more than the estimate for English, so budgets differ.
			countTokens: async (texts: string[]) => {
				counted.push(texts);
				if (options.countFails) throw new EngineFailure('unknown', 'no tokenizer');
				return texts.map((text) => text.length);
			}
		},
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
		counted,
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

describe('engineAnswerer token counting', () => {
	const pair = (i: number, text: string) => [
		msg('user', `${i} ${text}`, { id: `q${i}` }),
		msg('assistant', text, { id: `a${i}`, raw: text, status: 'done' })
	];

	it('counts each text once with the model tokenizer, and budgets with those counts', async () => {
		const fake = fakeEngineForTests(async () => ({ text: 'Ok.', finishReason: 'stop' }), 'ready', {
			contextWindow: 2000
		});
		const answerer = engineAnswerer(fake.engine);
		const long = 'x'.repeat(300);
		const history = [...pair(0, long), ...pair(1, long)];
		await answerer.answer(request({ question: 'first', history }));
		// The system prompt, two questions, the answer text (the same twice: counted once), the question.
		expect(fake.counted[0]).toHaveLength(5);
		await answerer.answer(request({ question: 'second', history: [...history, ...pair(2, long)] }));
		// Only what is new is counted: the new question of the pair (its answer text is known) and this one.
		expect(fake.counted[1]).toEqual([`2 ${long}`, 'second']);
	});

	it('fits the prompt to the window as the tokenizer counts it, where the estimate would not', async () => {
		const long = 'x'.repeat(300);
		const many = Array.from({ length: 6 }, (_, i) => pair(i, long)).flat();
		const sentWith = async (countFails: boolean) => {
			const fake = fakeEngineForTests(async () => ({ text: 'Ok.', finishReason: 'stop' }), 'ready', {
				contextWindow: 4000,
				countFails
			});
			await engineAnswerer(fake.engine).answer(request({ question: 'last', history: many }));
			return fake.sent[0] ?? [];
		};
		const counted = await sentWith(false);
		const tokens = counted.reduce((sum, turn) => sum + turn.content.length + 5, 7);
		expect(tokens).toBeLessThanOrEqual(4000 - 768);
		expect(counted.at(-1)).toEqual({ role: 'user', content: 'last' });
		// The estimate takes English at a third of a token per character: it sends more turns.
		expect((await sentWith(true)).length).toBeGreaterThan(counted.length);
	});

	it('sends an earlier question as it was sent to web-llm (cache kept), as stored to ONNX', async () => {
		const history = [
			msg('user', 'Fever?', { prompt: 'Reference: rest.\n\nFever?' }),
			msg('assistant', 'Rest.', { raw: 'Rest.', status: 'done' })
		];
		for (const engine of ['webllm', 'onnx'] as const) {
			const fake = fakeEngineForTests(async () => ({ text: 'Ok.', finishReason: 'stop' }), 'ready', {
				engine
			});
			await engineAnswerer(fake.engine).answer(request({ history }));
			expect(fake.sent[0]?.[1]?.content).toBe(engine === 'webllm' ? 'Reference: rest.\n\nFever?' : 'Fever?');
		}
	});

	it('falls back to the estimate when the tokenizer cannot count', async () => {
		const fake = fakeEngineForTests(async () => ({ text: 'Ok.', finishReason: 'stop' }), 'ready', {
			countFails: true
		});
		const result = await engineAnswerer(fake.engine).answer(request());
		expect(result).toMatchObject({ kind: 'answer', status: 'done' });
		expect(fake.sent[0]?.at(-1)).toEqual({ role: 'user', content: 'What helps a cold?' });
	});

	it('sends the profile, the passages and a partial answer to continue', async () => {
		const fake = fakeEngineForTests(async () => ({ text: 'more.', finishReason: 'stop' }));
		await engineAnswerer(fake.engine).answer(
			request({
				locale: 'en',
				profile: { chiefComplaint: 'headache', medicalHistory: '', ageGroup: 'adult' },
				passages: [{ title: 'Headache', text: 'Rest in a dark room.' }],
				partial: 'You can'
			})
		);
		const sent = fake.sent[0] ?? [];
		expect(sent[0]?.content).toContain('Chief complaint: headache');
		expect(sent.at(-3)?.content).toContain('Rest in a dark room.');
		expect(sent.at(-2)).toEqual({ role: 'assistant', content: 'You can' });
		expect(sent.at(-1)?.content).toMatch(/^Your previous answer was cut off/);
	});
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
