// The store's own guard of the app's first invariant: only redacted text is ever written.
// The chat session redacts before it stores; the store redacts again, so a caller that forgets
// (or an imported file) cannot put a phone or ID number into IndexedDB. `redact` is idempotent on
// redacted text (placeholders contain no identifiers), so this costs a linear scan and changes
// nothing in the normal case.
import { redact } from '../safety/redact';
import type { IdentifierKind } from '../safety/redact/types';

const HAN = /\p{Script=Han}/u;

/** Redacted `text`; placeholders are Chinese when the text is (e.g. [手机号]), English otherwise. */
export function scrub(text: string): string {
	return scrubWithKinds(text).text;
}

/** Redacted `text` and the kinds of identifier that had to be removed (normally none). */
export function scrubWithKinds(text: string): { text: string; kinds: IdentifierKind[] } {
	if (typeof text !== 'string' || text.length === 0) return { text: '', kinds: [] };
	const redaction = redact(text, HAN.test(text) ? 'zh-CN' : 'en');
	return { text: redaction.text, kinds: [...new Set(redaction.spans.map((span) => span.kind))] };
}

export function scrubNullable(text: string | null | undefined): string | null {
	return typeof text === 'string' ? scrub(text) : null;
}
