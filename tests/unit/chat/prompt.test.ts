import { describe, expect, it } from 'vitest';
import {
	buildTurns,
	CONTINUE_INSTRUCTION,
	joinContinuation,
	planTurns,
	textsToCount,
	userTurnContent,
	type TurnsInput
} from '$lib/chat/prompt';
import type { ChatMessage } from '$lib/chat/session.svelte';
import type { ReferencePassage } from '$lib/chat/system-prompt';

let next = 0;
const question = (text: string): ChatMessage => ({
	id: `m${++next}`,
	role: 'user',
	text,
	redacted: [],
	emergency: []
});
const answer = (raw: string): ChatMessage => ({
	id: `m${++next}`,
	role: 'assistant',
	// What is shown differs from what the model wrote: the notes must never go back.
	text: `${raw}\n\nThis is for reference only.`,
	raw,
	disclaimer: 'This is for reference only.',
	redacted: [],
	emergency: [],
	status: 'done'
});

const base = { locale: 'en', emergencyAware: false, contextWindow: 4096, answerTokens: 768 };
const passages: ReferencePassage[] = [
	{ title: 'Fever in adults', source: 'NHS', text: 'Drink plenty of fluids.\nRest.' }
];

/**
 * Runs a scripted conversation, returning the turns sent for each question. Each question keeps the
 * turn as it was sent (`prompt`), as the session does.
 */
function converse(questions: string[], perTurn: (i: number) => Partial<TurnsInput> = () => ({})) {
	const history: ChatMessage[] = [];
	return questions.map((text, i) => {
		const input = { ...base, question: text, history, ...perTurn(i) };
		const turns = buildTurns(input);
		history.push(
			{ ...question(text), prompt: userTurnContent(text, input.passages, input.locale) },
			answer(`Answer ${i + 1} in the model's own words.`)
		);
		return turns;
	});
}

describe('buildTurns', () => {
	it('keeps every earlier prompt, plus the model’s raw answer, as the exact start of the next', () => {
		const sent = converse(['I have a cough', 'And a fever of 38.5 °C', '我还头痛', 'What should I do?']);
		for (let i = 1; i < sent.length; i++) {
			const before = sent[i - 1] ?? [];
			const now = sent[i] ?? [];
			expect(now.slice(0, before.length)).toEqual(before);
			expect(now[before.length]).toEqual({
				role: 'assistant',
				content: `Answer ${i} in the model's own words.`
			});
			expect(now.at(-1)).toEqual({
				role: 'user',
				content: ['I have a cough', 'And a fever of 38.5 °C', '我还头痛', 'What should I do?'][i]
			});
		}
		expect(JSON.stringify(sent)).not.toContain('reference only');
	});

	it('puts a question’s passages into its own turn only, and earlier questions back as stored', () => {
		const water: ReferencePassage[] = [{ title: 'Fluids', text: 'Sip water often.' }];
		const sent = converse(['What helps a fever?', 'How much water?'], (i) => ({
			passages: i === 0 ? passages : water
		}));
		const [first, second] = sent;
		expect(first?.at(-1)?.content).toContain('⟦Reference 1: Fever in adults (source: NHS)⟧');
		expect(first?.at(-1)?.content.endsWith('What helps a fever?')).toBe(true);
		expect(second?.at(-1)?.content).toContain('⟦Reference 1: Fluids⟧');
		// Without a KV cache to keep (ONNX), the earlier question goes back as the patient asked it.
		expect(second?.[1]).toEqual({ role: 'user', content: 'What helps a fever?' });
		expect(second?.filter((turn) => turn.content.includes('⟦Reference')).length).toBe(1);
		expect(second?.[0]?.content).not.toContain('Fever in adults');
	});

	it('for web-llm, sends earlier questions exactly as they were sent, so the whole prompt is a prefix', () => {
		const water: ReferencePassage[] = [{ title: 'Fluids', text: 'Sip water often.' }];
		const sent = converse(['What helps a fever?', 'How much water?', 'Thanks'], (i) => ({
			passages: [passages, water, []][i],
			resendAsSent: true
		}));
		for (let i = 1; i < sent.length; i++) {
			const before = sent[i - 1] ?? [];
			expect(sent[i]?.slice(0, before.length)).toEqual(before);
		}
		// Each question's passages stay with that question; the system prompt never has any.
		expect(sent[2]?.[1]?.content).toContain('Fever in adults');
		expect(sent[2]?.[3]?.content).toContain('⟦Reference 1: Fluids⟧');
		expect(sent[2]?.[3]?.content).not.toContain('Fever in adults');
		expect(sent[2]?.at(-1)).toEqual({ role: 'user', content: 'Thanks' });
		expect(sent[2]?.[0]?.content).not.toContain('Reference');
	});

	it('changes the system prompt when the profile changes, and keeps it the same afterwards', () => {
		const before = { chiefComplaint: 'cough', medicalHistory: '' };
		const after = { chiefComplaint: 'cough', medicalHistory: 'asthma', ageGroup: 'older-adult' as const };
		const sent = converse(['q1', 'q2', 'q3', 'q4'], (i) => ({ profile: i < 2 ? before : after }));
		expect(sent[1]?.[0]).toEqual(sent[0]?.[0]);
		expect(sent[2]?.[0]).not.toEqual(sent[1]?.[0]);
		expect(sent[2]?.[0]?.content).toContain('Medical history: asthma');
		expect(sent[2]?.[0]?.content).toContain('Age group: older adult (65 years or over)');
		// From the change on, each prompt again starts with the whole previous one.
		expect(sent[3]?.slice(0, sent[2]?.length)).toEqual(sent[2]);
		// Only the system prompt differs: the turns after it are the same as without the change.
		expect(sent[2]?.slice(1)).toEqual(converse(['q1', 'q2', 'q3'])[2]?.slice(1));
	});

	it('drops the oldest turns whole, counted with the given tokenizer, and never the question', () => {
		const long = 'x'.repeat(400);
		const history = Array.from({ length: 12 }, (_, i) => [question(`${i} ${long}`), answer(long)]).flat();
		const perChar = (text: string) => text.length;
		const plan = planTurns({ ...base, question: 'last', history, count: perChar });
		expect(plan.tokens).toBeLessThanOrEqual(4096 - 768);
		expect(plan.firstPair).toBeGreaterThan(0);
		const users = plan.turns.filter((turn) => turn.role === 'user').map((turn) => turn.content);
		expect(users[0]?.startsWith(`${plan.firstPair} `)).toBe(true);
		expect(users.at(-1)).toBe('last');
		expect(plan.turns.slice(1, -1).map((turn) => turn.role)).toEqual(
			Array.from({ length: plan.turns.length - 2 }, (_, i) => (i % 2 === 0 ? 'user' : 'assistant'))
		);
	});

	it('continues a partial answer: the question, the partial answer, then the request to go on', () => {
		const history = [question('I have a cough'), answer('Rest.')];
		const turns = buildTurns({
			...base,
			locale: 'zh-CN',
			question: '吃什么药？',
			history,
			partial: '可以先'
		});
		expect(turns.slice(-3)).toEqual([
			{ role: 'user', content: '吃什么药？' },
			{ role: 'assistant', content: '可以先' },
			{ role: 'user', content: CONTINUE_INSTRUCTION['zh-CN'] }
		]);
		expect(turns.slice(1, 3).map((turn) => turn.content)).toEqual(['I have a cough', 'Rest.']);
	});
});

describe('textsToCount', () => {
	it('lists the system prompt, earlier turns and the newest turn, as sent', () => {
		const history = [question('Hi'), answer('Hello.')];
		const texts = textsToCount({ ...base, question: 'Fever?', history, passages });
		expect(texts).toHaveLength(4);
		expect(texts.slice(1, 3)).toEqual(['Hi', 'Hello.']);
		expect(texts[3]).toBe(userTurnContent('Fever?', passages, 'en'));
	});
});

describe('joinContinuation', () => {
	it('goes on directly inside a word or a Chinese sentence', () => {
		expect(joinContinuation('Take ibupro', 'fen with food.')).toBe('Take ibuprofen with food.');
		expect(joinContinuation('多喝水，注意', '休息。')).toBe('多喝水，注意休息。');
	});

	it('drops a repeat of the end of the partial answer', () => {
		expect(joinContinuation('Rest well. Do not take more th', 'Do not take more than 3 g a day.')).toBe(
			'Rest well. Do not take more than 3 g a day.'
		);
	});

	it('keeps the continuation’s own line break, and adds a space after a sentence', () => {
		expect(joinContinuation('Rest well.', '\n\n- Drink water.')).toBe('Rest well.\n\n- Drink water.');
		expect(joinContinuation('Rest well.', 'Drink water.')).toBe('Rest well. Drink water.');
		expect(joinContinuation('Try this:', '1. Rest')).toBe('Try this:\n1. Rest');
	});

	it('holds back, while streaming, text that may still turn out to repeat the end', () => {
		const partial = 'Rest well. Do not take more th';
		expect(joinContinuation(partial, 'Do not', { final: false })).toBe(partial);
		expect(joinContinuation(partial, 'Do not', { final: true })).toBe(`${partial}Do not`);
	});
});
