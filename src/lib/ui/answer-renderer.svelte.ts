// The answer renderer, loaded once on demand (see AnswerText.svelte) and shared by every answer.
import type { renderAnswer } from '$lib/chat/markdown';

export const renderer = $state<{ render: typeof renderAnswer | null }>({ render: null });

let loading: Promise<void> | null = null;

export function loadRenderer(): Promise<void> {
	loading ??= import('$lib/chat/markdown').then(
		(module) => {
			renderer.render = module.renderAnswer;
		},
		() => {
			// Offline before the chunk was cached: answers stay plain text, which is safe.
			loading = null;
		}
	);
	return loading;
}
