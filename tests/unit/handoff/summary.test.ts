import { describe, expect, it } from 'vitest';
import { buildSummary, latestFlagAt, patientLanguages } from '$lib/handoff/summary';
import { conversation, message, T0 } from './fixtures';

describe('buildSummary', () => {
	it('pairs each question with its answer, with profile, flags and emergency categories', () => {
		const flags = [
			{ source: 'patient' as const, categories: [], note: '', at: T0 + 9_000 },
			{ source: 'safety' as const, categories: ['cardiac' as const], note: '', at: T0 + 5_000 }
		];
		const chat = conversation({
			profile: { chiefComplaint: '胸痛两小时', medicalHistory: '高血压', ageGroup: 'older-adult' },
			flagged: true,
			flags
		});
		const question = message({
			role: 'user',
			text: '我胸口压榨样疼痛，电话[PHONE]',
			emergency: ['cardiac'],
			redacted: ['phone']
		});
		const answer = message({
			role: 'assistant',
			text: '请立即拨打120。',
			advisory: '用药请遵医嘱',
			modelId: 'qwen3-tiny'
		});
		expect(buildSummary(chat, [question, answer], T0 + 10_000)).toEqual({
			conversationId: 'c1',
			title: 'Chest pain',
			startedAt: T0,
			updatedAt: T0 + 60_000,
			generatedAt: T0 + 10_000,
			languages: ['zh'],
			profile: { chiefComplaint: '胸痛两小时', medicalHistory: '高血压', ageGroup: 'older-adult' },
			emergency: ['cardiac'],
			flags: [flags[1], flags[0]],
			turns: [
				{
					n: 1,
					question: '我胸口压榨样疼痛，电话[PHONE]',
					askedAt: question.createdAt,
					emergency: ['cardiac'],
					redacted: ['phone'],
					answer: {
						text: '请立即拨打120。',
						advisory: '用药请遵医嘱',
						state: 'complete',
						error: null,
						modelId: 'qwen3-tiny',
						at: answer.updatedAt
					}
				}
			]
		});
	});

	it('reads messages by seq, keeps the newest answer of a question and leaves out other conversations', () => {
		const q1 = message({ role: 'user', text: 'first' });
		const a1 = message({ role: 'assistant', text: 'old answer' });
		const a1b = message({ role: 'assistant', text: 'regenerated answer' });
		const q2 = message({ role: 'user', text: 'second' });
		const other = message({ role: 'user', text: 'someone else', conversationId: 'c2' });
		const summary = buildSummary(conversation(), [q2, a1b, other, a1, q1], T0);
		expect(summary.turns.map((turn) => [turn.question, turn.answer?.text ?? null])).toEqual([
			['first', 'regenerated answer'],
			['second', null]
		]);
	});

	it('leaves out an answer that comes before any question', () => {
		const stray = message({ role: 'assistant', text: 'orphan' });
		expect(buildSummary(conversation(), [stray], T0).turns).toEqual([]);
	});

	it('tells how each answer ended', () => {
		const messages = [
			message({ role: 'user', text: 'a' }),
			message({ role: 'assistant', text: '', notice: 'model-not-ready' }),
			message({ role: 'user', text: 'b' }),
			message({ role: 'assistant', text: 'part', status: 'aborted' }),
			message({ role: 'user', text: 'c' }),
			message({ role: 'assistant', text: 'part', status: 'aborted', interrupted: true }),
			message({ role: 'user', text: 'd' }),
			message({ role: 'assistant', text: '', status: 'error', error: 'device-lost' }),
			message({ role: 'user', text: 'e' }),
			message({ role: 'assistant', text: 'so far', status: 'streaming' })
		];
		const answers = buildSummary(conversation(), messages, T0).turns.map((turn) => [
			turn.answer?.state,
			turn.answer?.error
		]);
		expect(answers).toEqual([
			['no-model', null],
			['stopped', null],
			['interrupted', null],
			['failed', 'device-lost'],
			['writing', null]
		]);
	});

	it('lists every emergency category once, in the safety module’s order, also after a review removed the flags', () => {
		const messages = [
			message({ role: 'user', text: 'x', emergency: ['stroke', 'breathing'] }),
			message({ role: 'user', text: 'y', emergency: ['breathing', 'cardiac'] })
		];
		const reviewed = conversation({ flags: [] });
		expect(buildSummary(reviewed, messages, T0).emergency).toEqual(['cardiac', 'breathing', 'stroke']);
		const flaggedOnly = conversation({
			flags: [{ source: 'safety', categories: ['burns'], note: '', at: T0 }]
		});
		expect(buildSummary(flaggedOnly, [], T0).emergency).toEqual(['burns']);
	});

	it('does not change its input', () => {
		const chat = Object.freeze(
			conversation({
				flags: [Object.freeze({ source: 'safety' as const, categories: [], note: '', at: T0 })]
			})
		);
		const messages = Object.freeze([
			Object.freeze(message({ role: 'user', text: 'q', emergency: ['cardiac'] })),
			Object.freeze(message({ role: 'assistant', text: 'a' }))
		]);
		const summary = buildSummary(chat, messages, T0);
		summary.turns[0]?.emergency.push('burns');
		expect(summary.turns[0]?.emergency).toEqual(['cardiac', 'burns']);
		expect(messages[0]?.emergency).toEqual(['cardiac']);
	});
});

describe('patientLanguages', () => {
	it('tells Chinese and English apart by their letters, not by placeholders or digits', () => {
		expect(patientLanguages(['发烧38.5度'])).toEqual(['zh']);
		expect(patientLanguages(['I have a fever'])).toEqual(['en']);
		expect(patientLanguages(['发烧了，can I take ibuprofen?'])).toEqual(['zh', 'en']);
		expect(patientLanguages(['电话 [PHONE]，身份证 [ID_NUMBER]'])).toEqual(['zh']);
		expect(patientLanguages(['call me on [手机号]'])).toEqual(['en']);
		expect(patientLanguages(['120', ''])).toEqual([]);
	});
});

describe('latestFlagAt', () => {
	it('is the newest flag’s time, 0 without flags', () => {
		expect(latestFlagAt({ flags: [] })).toBe(0);
		expect(
			latestFlagAt({
				flags: [
					{ source: 'safety', categories: [], note: '', at: 5 },
					{ source: 'patient', categories: [], note: '', at: 9 }
				]
			})
		).toBe(9);
	});
});
