// Opening a stored conversation from the history page: the chat page's address carries which
// conversation (`c`) and, from a search hit, which message to show (`m`): /?c=<id>&m=<id>.
// The chat page continues that conversation (StoreRecorder.resume) and scrolls to the message.
import { tick } from 'svelte';
import { replaceState } from '$app/navigation';
import { resolve } from '$app/paths';

/**
 * The query string of the chat page continuing conversation `id`, showing `messageId` when given;
 * links use it as resolve(`/?${openQuery(id)}`).
 */
export function openQuery(id: string, messageId?: string): string {
	const query = new URLSearchParams({ c: id });
	if (messageId) query.set('m', messageId);
	return query.toString();
}

/** What the address asks the chat page to open; nothing when it names no conversation. */
export function openRequest(search: string = location.search): {
	conversationId?: string;
	messageId?: string;
} {
	const query = new URLSearchParams(search);
	return { conversationId: query.get('c') ?? undefined, messageId: query.get('m') ?? undefined };
}

/**
 * After the messages are drawn: scrolls the `index`-th message of the conversation log into view and
 * moves focus there (a screen reader reads the hit; Tab goes on from it). A negative index does nothing.
 */
export async function revealMessage(index: number): Promise<void> {
	if (index < 0) return;
	await tick();
	const item = document.querySelectorAll<HTMLElement>('[role="log"] > li')[index];
	if (!item) return;
	item.tabIndex = -1;
	item.scrollIntoView({ block: 'center' });
	item.focus({ preventScroll: true });
}

/** A new conversation replaces the opened one: a reload must not bring the old one back. */
export function forgetOpened(): void {
	if (!openRequest().conversationId) return;
	replaceState(resolve('/'), {});
}
