// The one way HTML made from text reaches the page: the answer's Markdown, rendered by
// $lib/chat/markdown (raw HTML escaped, a fixed set of tags and attributes), becomes TrustedHTML
// through the `answer-html` Trusted Types policy, created once. The policy's createHTML IS the
// renderer: it takes the answer's Markdown, never HTML, so nothing else can be passed off as an
// answer's HTML through it. With Trusted Types enforced (the page's CSP, src/lib/csp.js), any other
// string given to innerHTML or {@html} throws.
import type { renderAnswer } from '$lib/chat/markdown';
import { TRUSTED_TYPES_POLICIES } from '$lib/csp-routes.js';
import { trustedTypesFactory, type TrustedHTML, type TrustedTypePolicy } from '$lib/trusted-types';

/** TrustedHTML where the browser has Trusted Types; the renderer's string elsewhere. */
export type AnswerHtml = string | TrustedHTML;

type Render = typeof renderAnswer;

let policy: TrustedTypePolicy | null | undefined;

/**
 * The answer renderer behind the `answer-html` policy (created on the first call; the renderer is
 * the first call's, loaded once by answer-renderer.svelte.ts).
 */
export function trustedAnswerRenderer(render: Render): (text: string, origin: string) => AnswerHtml {
	policy ??=
		trustedTypesFactory()?.createPolicy(TRUSTED_TYPES_POLICIES.answer, {
			createHTML: (text: string, origin: string) => render(text, origin)
		}) ?? null;
	const trusted = policy;
	if (!trusted) return render;
	// {@html} assigns a TrustedHTML object to innerHTML unchanged.
	return (text, origin) => trusted.createHTML(text, origin);
}
