import { describe, expect, it } from 'vitest';
import { ChatSession, type Answerer } from '../../../src/lib/chat/session.svelte';

/** A recording answerer (a test double): remembers what it was asked and answers at once. */
function recordingAnswerer(raw = 'fake answer') {
	const calls: { question: string; emergencyAware: boolean; locale: string; history: string[] }[] = [];
	const answerer: Answerer = {
		async answer({ question, emergencyAware, locale, history, onText }) {
			calls.push({ question, emergencyAware, locale, history: history.map((m) => m.raw ?? m.text) });
			onText(raw);
			return { kind: 'answer', raw, status: 'done' };
		}
	};
	return { answerer, calls };
}

/** A streaming answerer (a test double) that writes one word at a time until stopped. */
function streamingAnswererForTests(words: string[]) {
	let release: () => void = () => {};
	const answerer: Answerer = {
		answer({ onText, signal }) {
			return new Promise((resolve) => {
				let text = '';
				let i = 0;
				const step = () => {
					if (signal.aborted) return resolve({ kind: 'answer', raw: text, status: 'aborted' });
					if (i === words.length) return resolve({ kind: 'answer', raw: text, status: 'done' });
					text += words[i++];
					onText(text);
					release = step;
				};
				step();
			});
		}
	};
	return { answerer, next: () => release() };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('ChatSession.send', () => {
	it('stores and forwards only the redacted question', async () => {
		const { answerer, calls } = recordingAnswerer();
		const session = new ChatSession(answerer);
		const result = session.send('my phone is 415-555-0132, fever 38.5 °C for 2 days', 'en');
		await settle();
		expect(result.sent).toBe(true);
		expect(session.messages[0]).toMatchObject({
			role: 'user',
			text: 'my phone is [PHONE], fever 38.5 °C for 2 days',
			redacted: ['landline'],
			emergency: []
		});
		expect(calls).toEqual([
			{
				question: 'my phone is [PHONE], fever 38.5 °C for 2 days',
				emergencyAware: false,
				locale: 'en',
				history: []
			}
		]);
		expect(session.messages.map((m) => m.text)).toEqual([
			'my phone is [PHONE], fever 38.5 °C for 2 days',
			'fake answer'
		]);
	});

	it('shows an emergency at once and does not ask the answerer', async () => {
		const { answerer, calls } = recordingAnswerer();
		const session = new ChatSession(answerer);
		const result = session.send('胸口压着痛，左手臂也麻，一直出冷汗', 'zh-CN');
		expect(session.alert?.categories).toContain('cardiac');
		expect(result.sent && result.verdict?.emergency).toBe(true);
		await settle();
		expect(calls).toEqual([]);
	});

	it('refuses blank and over-long messages and changes nothing', () => {
		const session = new ChatSession(recordingAnswerer().answerer);
		expect(session.send('  \n ', 'en')).toEqual({
			sent: false,
			check: { ok: false, length: 4, max: 4000, reason: 'empty' }
		});
		expect(session.send('x'.repeat(4001), 'en')).toEqual({
			sent: false,
			check: { ok: false, length: 4001, max: 4000, reason: 'too_long' }
		});
		expect(session.messages).toEqual([]);
	});

	it('honours staff-added terms', () => {
		const session = new ChatSession(recordingAnswerer().answerer, { poisoning: ['ate the rat bait'] });
		session.send('my toddler ate the rat bait', 'en');
		expect(session.alert?.categories).toContain('poisoning');
	});
});

describe('ChatSession.continueAfterAlert', () => {
	it('sends the waiting question on with an emergency-aware prompt', async () => {
		const { answerer, calls } = recordingAnswerer();
		const session = new ChatSession(answerer);
		session.send('I have crushing chest pain going into my jaw', 'en');
		expect(session.alert).not.toBeNull();
		session.continueAfterAlert();
		await settle();
		expect(session.alert).toBeNull();
		expect(calls).toEqual([
			{
				question: 'I have crushing chest pain going into my jaw',
				emergencyAware: true,
				locale: 'en',
				history: []
			}
		]);
	});

	it('does nothing when no question is waiting', async () => {
		const { answerer, calls } = recordingAnswerer();
		new ChatSession(answerer).continueAfterAlert();
		await settle();
		expect(calls).toEqual([]);
	});
});

describe('ChatSession.clear', () => {
	it('forgets every message and any alert', () => {
		const session = new ChatSession(recordingAnswerer().answerer);
		session.send('I cannot breathe and my lips are blue', 'en');
		session.clear();
		expect(session.messages).toEqual([]);
		expect(session.alert).toBeNull();
	});
});

describe('ChatSession answers', () => {
	it('stream into one assistant message, which is finished when done', async () => {
		const { answerer, next } = streamingAnswererForTests([
			'<think>hmm</think>',
			'Take ',
			'ibuprofen ',
			'200 mg.'
		]);
		const session = new ChatSession(answerer);
		session.send('What helps a headache?', 'en');
		expect(session.busy).toBe(true);
		expect(session.messages[1]).toMatchObject({ role: 'assistant', status: 'streaming', text: '' });
		next();
		expect(session.messages[1]?.text).toBe('Take');
		next();
		next();
		expect(session.messages[1]?.status).toBe('streaming');
		next();
		await settle();
		const answer = session.messages[1];
		expect(answer).toMatchObject({ status: 'done', text: 'Take ibuprofen 200 mg.' });
		// The raw text is kept exactly, for sending back to the model; notes sit beside it.
		expect(answer?.raw).toBe('<think>hmm</think>Take ibuprofen 200 mg.');
		expect(answer?.advisory).toBe("Follow your doctor's advice.");
		expect(answer?.disclaimer).toMatch(/reference only/);
		expect(session.busy).toBe(false);
	});

	it('stop keeps the partial text, marked as stopped, with no fallback sentence', async () => {
		const { answerer, next } = streamingAnswererForTests(['Rest ', 'and ', 'drink ', 'water.']);
		const session = new ChatSession(answerer);
		session.send('I have a cold', 'en');
		next();
		session.stop();
		next();
		await settle();
		expect(session.messages[1]).toMatchObject({ status: 'aborted', text: 'Rest and', disclaimer: null });
	});

	it('show the disclaimer once per conversation and pass the raw history on', async () => {
		const { answerer, calls } = recordingAnswerer('Drink fluids.');
		const session = new ChatSession(answerer);
		session.send('I have a sore throat', 'en');
		await settle();
		session.send('And a cough?', 'en');
		await settle();
		expect(session.messages[1]?.disclaimer).toBeTruthy();
		expect(session.messages[3]?.disclaimer).toBeNull();
		expect(calls[1]?.history).toEqual(['I have a sore throat', 'Drink fluids.']);
	});

	it('an answerer that throws ends the message as an error, keeping the question', async () => {
		const session = new ChatSession({
			answer: () => Promise.reject(new Error('worker-crashed'))
		});
		session.send('Is 38.5 a fever?', 'en');
		await settle();
		expect(session.messages.map((m) => m.role)).toEqual(['user', 'assistant']);
		expect(session.messages[1]).toMatchObject({ status: 'error', error: 'worker-crashed' });
	});
});

describe('ChatSession: triage levels and the answer check', () => {
	it('shows the "see a doctor today" card for an urgent question and answers it, telling the model', async () => {
		const seen: { urgentAware?: boolean }[] = [];
		const answerer: Answerer = {
			async answer(request) {
				seen.push({ urgentAware: request.urgentAware });
				return { kind: 'answer', raw: 'Rest and fluids.', status: 'done' };
			}
		};
		const session = new ChatSession(answerer);
		const result = session.send('a little blood in my urine since yesterday', 'en');
		expect(result.sent && result.verdict?.level).toBe('urgent');
		expect(session.alert).toBeNull();
		expect(session.urgent?.categories).toEqual(['bleeding']);
		expect(session.messages[0]).toMatchObject({ emergency: [], urgent: ['bleeding'] });
		await settle();
		expect(seen).toEqual([{ urgentAware: true }]);
		session.dismissUrgent();
		expect(session.urgent).toBeNull();
	});

	it('raises the alert when the answer itself advises emergency care, and marks the answer', async () => {
		const { answerer } = recordingAnswerer('This could be serious. Please call 999 now.');
		const session = new ChatSession(answerer);
		const result = session.send('I have had a headache since this morning', 'en');
		expect(result.sent && result.verdict?.level).toBe('routine');
		await settle();
		expect(session.alert?.emergency).toBe(true);
		expect(session.alertSource).toBe('answer');
		expect(session.messages[1]?.emergency).toContain('advised');
		session.continueAfterAlert();
		expect(session.alert).toBeNull();
	});

	it('does not raise it for conditional safety-netting', async () => {
		const { answerer } = recordingAnswerer(
			'Rest and drink water. If you get chest pain or trouble breathing, call 999.'
		);
		const session = new ChatSession(answerer);
		session.send('I have a cold', 'en');
		await settle();
		expect(session.alert).toBeNull();
	});

	it('does not raise it again after the patient dismissed the alert for this question', async () => {
		const { answerer } = recordingAnswerer('Please call 999 now.');
		const session = new ChatSession(answerer);
		session.send('crushing chest pain going into my jaw', 'en');
		expect(session.alertSource).toBe('question');
		session.continueAfterAlert();
		await settle();
		expect(session.alert).toBeNull();
	});
});
