// Input limits for a patient message. The UI enforces MAX_MESSAGE_CHARS before sending; the safety
// functions themselves accept any length (they are linear and never throw), so a limit breach is a
// user-facing message, not a crash. Lengths are UTF-16 code units, like <textarea maxlength>.

/** Longest message a patient may send, in UTF-16 code units (an emoji may count as two). */
export const MAX_MESSAGE_CHARS = 4000;

export interface LengthCheck {
	ok: boolean;
	/** Length in UTF-16 code units. */
	length: number;
	max: number;
	/** Why the message cannot be sent: nothing but whitespace, or longer than `max`. */
	reason: 'empty' | 'too_long' | null;
}

/** Whether `text` can be sent: not blank and at most `max` (default MAX_MESSAGE_CHARS) long. */
export function checkLength(text: string, max: number = MAX_MESSAGE_CHARS): LengthCheck {
	const value = typeof text === 'string' ? text : '';
	const length = value.length;
	if (value.trim().length === 0) return { ok: false, length, max, reason: 'empty' };
	if (length > max) return { ok: false, length, max, reason: 'too_long' };
	return { ok: true, length, max, reason: null };
}
