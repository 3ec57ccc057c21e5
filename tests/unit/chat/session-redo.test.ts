import { describe, expect, it } from 'vitest';
import {
	ChatSession,
	type AnswerRecord,
	type Answerer,
	type AnswerRequest,
	type ChatMessage,
	type Recorder
} from '$lib/chat/session.svelte';

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * A scripted answerer (a test double): each call answers with the next script entry, streamed in
 * two halves; 'stop' answers are cut off as if the patient pressed stop. Remembers every request.
 */
function scriptedAnswerer(script: Array<{ raw: string; status?: 'done' | 'aborted' | 'error' } | 'notice'>) {
	const requests: AnswerRequest[] = [];
	const answerer: Answerer = {
		async answer(request) {
			requests.push(request);
			const step = script.shift();
			if (step === undefined || step === 'notice') return { kind: 'notice', notice: 'model-not-ready' };
			const half = step.raw.slice(0, Math.ceil(step.raw.length / 2));
			request.onText(half);
			request.onText(step.raw);
			return { kind: 'answer', raw: step.raw, status: step.status ?? 'done', modelId: 'm' };
		}
	};
	return { answerer, requests };
}

/** A recorder that remembers what it was told (a test double for the store). */
function memoryRecorder() {
	const log: string[] = [];
	const finished: ChatMessage[] = [];
	const profiles: unknown[] = [];
	const record = (kind: string): AnswerRecord => ({
		update: () => undefined,
		finish: (message) => {
			log.push(`${kind}:finish:${message.status}`);
			finished.push(message);
		}
	});
	const recorder: Recorder = {
		question: (m) => log.push(`question:${m.text}`),
		answer: () => record('answer'),
		reopen: (previousId, _m, options) => {
			log.push(`reopen:${previousId}:${options.regenerate ? 'regenerate' : 'continue'}`);
			return record('reopen');
		},
		profile: (profile) => profiles.push(profile)
	};
	return { recorder, log, finished, profiles };
}

async function cutOffAnswer(script: Parameters<typeof scriptedAnswerer>[0]) {
	const { answerer, requests } = scriptedAnswerer([{ raw: 'Take ibupro', status: 'aborted' }, ...script]);
	const memory = memoryRecorder();
	const session = new ChatSession(answerer, {}, memory.recorder);
	session.send('What helps a headache?', 'en');
	await settle();
	const answer = session.messages[1];
	if (!answer) throw new Error('no answer');
	return { session, answer, requests, ...memory };
}

describe('ChatSession.continueAnswer', () => {
	it('asks the model to go on from the partial answer and adds its words to the same message', async () => {
		const { session, answer, requests, log } = await cutOffAnswer([{ raw: 'fen with food.' }]);
		expect(session.canRedo(answer.id, 'continue')).toBe(true);
		expect(session.continueAnswer(answer.id, 'en')).toBe(true);
		await settle();
		const request = requests[1];
		expect(request?.partial).toBe('Take ibupro');
		expect(request?.question).toBe('What helps a headache?');
		expect(request?.history).toEqual([]);
		expect(session.messages).toHaveLength(2);
		expect(session.messages[1]).toMatchObject({
			id: answer.id,
			raw: 'Take ibuprofen with food.',
			status: 'done'
		});
		expect(session.messages[1]?.text.startsWith('Take ibuprofen with food.')).toBe(true);
		expect(log).toContain(`reopen:${answer.id}:continue`);
	});

	it('is not offered for a finished answer, nor for a question', async () => {
		const { answerer } = scriptedAnswerer([{ raw: 'Rest.' }]);
		const session = new ChatSession(answerer);
		session.send('I have a cold', 'en');
		await settle();
		const id = session.messages[1]?.id ?? '';
		expect(session.canRedo(id, 'continue')).toBe(false);
		expect(session.canRedo(id, 'regenerate')).toBe(true);
		expect(session.continueAnswer(id, 'en')).toBe(false);
		expect(session.canRedo(session.messages[0]?.id ?? '', 'regenerate')).toBe(false);
	});

	it('leaves the partial answer as it was when no model can answer', async () => {
		const { session, answer, finished } = await cutOffAnswer(['notice']);
		session.continueAnswer(answer.id, 'en');
		await settle();
		expect(session.messages[1]).toEqual(answer);
		expect(finished.at(-1)).toEqual(answer);
	});
});

describe('ChatSession.regenerate', () => {
	it('replaces the answer with a new one in the same place, and records it over the old one', async () => {
		const { session, answer, requests, log } = await cutOffAnswer([{ raw: 'Rest and drink water.' }]);
		expect(session.regenerate(answer.id, 'en')).toBe(true);
		await settle();
		expect(requests[1]?.partial).toBeUndefined();
		expect(session.messages).toHaveLength(2);
		const fresh = session.messages[1];
		expect(fresh?.id).not.toBe(answer.id);
		expect(fresh).toMatchObject({ raw: 'Rest and drink water.', status: 'done' });
		expect(JSON.stringify(session.messages)).not.toContain('ibupro');
		expect(log).toContain(`reopen:${answer.id}:regenerate`);
	});

	it('sends the earlier turns, not the answer it replaces, and keeps the emergency-aware prompt', async () => {
		const { answerer, requests } = scriptedAnswerer([
			{ raw: 'First.' },
			{ raw: 'Second.' },
			{ raw: 'Again.' }
		]);
		const session = new ChatSession(answerer);
		session.send('I have a cough', 'en');
		await settle();
		session.send('I have chest pain and cannot breathe', 'en');
		session.continueAfterAlert();
		await settle();
		session.regenerate(session.messages[3]?.id ?? '', 'en');
		await settle();
		expect(requests[2]?.history.map((m) => m.raw ?? m.text)).toEqual(['I have a cough', 'First.']);
		expect(requests[2]?.emergencyAware).toBe(true);
		expect(session.messages.map((m) => m.raw ?? m.text)).toEqual([
			'I have a cough',
			'First.',
			'I have chest pain and cannot breathe',
			'Again.'
		]);
	});
});

describe('ChatSession.setProfile', () => {
	it('redacts each field, feeds it to the answers and records it; blank is no profile', async () => {
		const { answerer, requests } = scriptedAnswerer([{ raw: 'Rest.' }]);
		const memory = memoryRecorder();
		const session = new ChatSession(answerer, {}, memory.recorder);
		const removed = session.setProfile(
			{ chiefComplaint: ' cough, call me on 13812345678 ', medicalHistory: 'asthma', ageGroup: 'adult' },
			'en'
		);
		expect(removed).toEqual(['phone']);
		expect(session.profile?.chiefComplaint).not.toContain('13812345678');
		expect(session.profile).toMatchObject({ medicalHistory: 'asthma', ageGroup: 'adult' });
		session.send('What helps?', 'en');
		await settle();
		expect(requests[0]?.profile).toEqual(session.profile);
		expect(memory.profiles).toEqual([session.profile]);
		session.setProfile({ chiefComplaint: '  ', medicalHistory: '' }, 'en');
		expect(session.profile).toBeNull();
		expect(memory.profiles.at(-1)).toBeNull();
	});

	it('is forgotten with the conversation', () => {
		const session = new ChatSession();
		session.setProfile({ chiefComplaint: 'headache' }, 'en');
		session.clear();
		expect(session.profile).toBeNull();
	});
});

describe('ChatSession retrieval', () => {
	it('passes the passages for each question to the answerer, and answers without them if retrieval fails', async () => {
		const { answerer, requests } = scriptedAnswerer([{ raw: 'One.' }, { raw: 'Two.' }]);
		const session = new ChatSession(answerer);
		let fail = false;
		session.setRetriever({
			async retrieve(question) {
				if (fail) throw new Error('index not ready');
				return [{ title: 'Fever', text: `about ${question}` }];
			}
		});
		session.send('fever', 'en');
		await settle();
		expect(requests[0]?.passages).toEqual([{ title: 'Fever', text: 'about fever' }]);
		// The question keeps the turn as sent (in memory), for sending it again unchanged.
		expect(session.messages[0]?.text).toBe('fever');
		expect(session.messages[0]?.prompt).toContain('about fever');
		fail = true;
		session.send('cough', 'en');
		await settle();
		expect(requests[1]?.passages).toEqual([]);
		expect(requests[1]?.history[0]?.prompt).toContain('about fever');
		expect(session.messages[3]?.raw).toBe('Two.');
	});
});
