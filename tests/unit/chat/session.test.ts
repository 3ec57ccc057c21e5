import { describe, expect, it } from 'vitest';
import { ChatSession, type Answerer, type ChatMessage } from '../../../src/lib/chat/session.svelte';

/** A recording answerer (a test double): remembers what it was asked and answers at once. */
function recordingAnswerer() {
	const calls: { question: string; emergencyAware: boolean; locale: string }[] = [];
	const answerer: Answerer = {
		async answer(question, options) {
			calls.push({ question, ...options });
			const reply: ChatMessage = {
				id: `a${calls.length}`,
				role: 'assistant',
				text: 'fake answer',
				redacted: [],
				emergency: []
			};
			return reply;
		}
	};
	return { answerer, calls };
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
			{ question: 'my phone is [PHONE], fever 38.5 °C for 2 days', emergencyAware: false, locale: 'en' }
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
		expect(result.sent && result.verdict.emergency).toBe(true);
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
		session.send('I have chest pain when I breathe in deeply', 'en');
		expect(session.alert).not.toBeNull();
		session.continueAfterAlert();
		await settle();
		expect(session.alert).toBeNull();
		expect(calls).toEqual([
			{ question: 'I have chest pain when I breathe in deeply', emergencyAware: true, locale: 'en' }
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
