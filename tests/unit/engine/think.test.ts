import { describe, expect, it } from 'vitest';
import { stripThink, ThinkStripper } from '../../../src/lib/engine/think';

describe('stripThink', () => {
	it('removes a thinking block and the blank lines after it', () => {
		expect(stripThink('<think>\nThe user asks about fever.\n</think>\n\nA fever of 38 °C is common.')).toBe(
			'A fever of 38 °C is common.'
		);
	});

	it('removes an empty block, a stray closing tag and an unterminated block', () => {
		expect(stripThink('<think>\n\n</think>\n\nRest.')).toBe('Rest.');
		expect(stripThink('Rest.</think>\n Drink water.')).toBe('Rest.Drink water.');
		expect(stripThink('Rest. <think>never closed')).toBe('Rest. ');
	});

	it('leaves text without tags alone, including a lone "<"', () => {
		expect(stripThink('Blood pressure < 120/80 is normal.')).toBe('Blood pressure < 120/80 is normal.');
		expect(stripThink('Ends with <')).toBe('Ends with <');
	});
});

describe('ThinkStripper', () => {
	it('gives the same text however the stream is cut', () => {
		const text = 'Before <think>hidden\nplan</think>\n\nAfter, with x < 3 and <b> kept.';
		const expected = stripThink(text);
		for (let size = 1; size <= text.length; size++) {
			const stripper = new ThinkStripper();
			let out = '';
			for (let i = 0; i < text.length; i += size) out += stripper.push(text.slice(i, i + size));
			out += stripper.flush();
			expect(out, `chunks of ${size}`).toBe(expected);
		}
		expect(expected).toBe('Before After, with x < 3 and <b> kept.');
	});

	it('holds back only what may still become a tag', () => {
		const stripper = new ThinkStripper();
		expect(stripper.push('Rest <th')).toBe('Rest ');
		expect(stripper.push('e clinic')).toBe('<the clinic');
	});
});
