// The answer renderer, loaded once on demand (see AnswerText.svelte) and shared by every answer. It
// gives TrustedHTML (the `answer-html` Trusted Types policy, ./trusted-html.ts): the page's policy
// lets no plain string into {@html}.
import { trustedAnswerRenderer, type AnswerHtml } from './trusted-html';

export const renderer = $state<{ render: ((text: string, origin: string) => AnswerHtml) | null }>({
	render: null
});

let loading: Promise<void> | null = null;

export function loadRenderer(): Promise<void> {
	loading ??= import('$lib/chat/markdown').then(
		(module) => {
			renderer.render = trustedAnswerRenderer(module.renderAnswer);
		},
		() => {
			// Offline before the chunk was cached: answers stay plain text, which is safe.
			loading = null;
		}
	);
	return loading;
}
