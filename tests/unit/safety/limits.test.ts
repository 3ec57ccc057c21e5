import { describe, expect, it } from 'vitest';
import { checkLength, MAX_MESSAGE_CHARS } from '../../../src/lib/safety/limits';

describe('checkLength', () => {
	it('accepts a normal message', () => {
		expect(checkLength('胸口痛')).toEqual({ ok: true, length: 3, max: MAX_MESSAGE_CHARS, reason: null });
	});

	it('rejects a blank message', () => {
		expect(checkLength('  \n ')).toEqual({ ok: false, length: 4, max: 4000, reason: 'empty' });
	});

	it('rejects a message over the limit and accepts one at it', () => {
		expect(checkLength('a'.repeat(4001))).toEqual({ ok: false, length: 4001, max: 4000, reason: 'too_long' });
		expect(checkLength('a'.repeat(4000)).ok).toBe(true);
	});

	it('counts UTF-16 code units like a textarea does', () => {
		expect(checkLength('😷').length).toBe(2);
	});

	it('takes a custom maximum and tolerates non-strings', () => {
		expect(checkLength('hello', 3).reason).toBe('too_long');
		expect(checkLength(undefined as unknown as string).reason).toBe('empty');
	});
});
