// What a person does on the history page: rename, delete one, delete all, export, import. Each
// action ends in one outcome, shown in the page's live regions: a status (done) or an error (what
// went wrong; the store guarantees a failed action changed nothing). Outcomes are kept as
// functions of the current strings, so switching the language translates them too.
import type { Messages } from '$lib/i18n/en';
import { i18n } from '$lib/i18n/i18n.svelte';
import type { Locale } from '$lib/i18n/locale';
import {
	deleteAllConversations,
	deleteConversation,
	getConversation,
	renameConversation
} from '$lib/store/conversations';
import type { AppDatabase } from '$lib/store/db';
import { toStoreError } from '$lib/store/errors';
import type { Conversation } from '$lib/store/schema';
import {
	exportConversationJson,
	exportConversationMarkdown,
	importConversationFile,
	type ImportErrorCode
} from '$lib/store/transfer';
import { downloadText, readImportFile, safeFileName } from './files';

type Text = Messages['history'];
type Outcome = (t: Text) => string;

export const titleOf = (conversation: Pick<Conversation, 'title'>, t: Text): string =>
	conversation.title || t.untitled;

/** One formatter per language: a list formats many dates (a plain cache, nothing to react to). */
const timeFormats: Partial<Record<Locale, Intl.DateTimeFormat>> = {};

/** Date and time as people read them in the UI language. */
export function formatTime(ms: number): string {
	const locale = i18n.locale;
	const format = (timeFormats[locale] ??= new Intl.DateTimeFormat(locale, {
		dateStyle: 'medium',
		timeStyle: 'short'
	}));
	return format.format(ms);
}

export class HistoryActions {
	readonly #db: AppDatabase;
	#status = $state.raw<Outcome | null>(null);
	#error = $state.raw<Outcome | null>(null);
	#busy = $state(false);

	constructor(db: AppDatabase) {
		this.#db = db;
	}

	/** The last action's success, in the current language ('' when none). */
	get status(): string {
		return this.#status?.(i18n.t.history) ?? '';
	}

	/** The last action's failure, in the current language ('' when none). */
	get error(): string {
		return this.#error?.(i18n.t.history) ?? '';
	}

	/** An import is being read or written. */
	get busy(): boolean {
		return this.#busy;
	}

	#done(outcome: Outcome): true {
		this.#error = null;
		this.#status = outcome;
		return true;
	}

	#failed(outcome: Outcome): false {
		this.#status = null;
		this.#error = outcome;
		return false;
	}

	#storeFailed(error: unknown): false {
		const code = toStoreError(error).code;
		return this.#failed((t) => t.errors[code]);
	}

	/** `title` must not be blank (the form says so before calling). */
	async rename(conversation: Conversation, title: string): Promise<boolean> {
		try {
			const renamed = await renameConversation(this.#db, conversation.id, title);
			return this.#done((t) => t.renamed(titleOf(renamed, t)));
		} catch (error) {
			return this.#storeFailed(error);
		}
	}

	async remove(conversation: Conversation): Promise<boolean> {
		try {
			await deleteConversation(this.#db, conversation.id);
			return this.#done((t) => t.deleted(titleOf(conversation, t)));
		} catch (error) {
			return this.#storeFailed(error);
		}
	}

	async removeAll(): Promise<boolean> {
		try {
			await deleteAllConversations(this.#db);
			return this.#done((t) => t.deletedAll);
		} catch (error) {
			return this.#storeFailed(error);
		}
	}

	async exportAs(conversation: Conversation, format: 'md' | 'json'): Promise<boolean> {
		const t = i18n.t.history;
		try {
			const text =
				format === 'md'
					? await exportConversationMarkdown(this.#db, conversation.id, t.markdown, { formatTime })
					: await exportConversationJson(this.#db, conversation.id);
			const fileName = safeFileName(conversation.title, conversation.createdAt, format);
			downloadText(fileName, text, format === 'md' ? 'text/markdown' : 'application/json');
			return this.#done((t) => t.exported(fileName));
		} catch (error) {
			return this.#storeFailed(error);
		}
	}

	/** Adds the conversation in a chosen JSON file; a refused file changes nothing and says why. */
	async importFile(file: Blob): Promise<boolean> {
		this.#busy = true;
		this.#status = (t) => t.import.reading;
		this.#error = null;
		try {
			const source = await readImportFile(file);
			const result =
				source === null
					? { ok: false as const, code: 'too-large' as const }
					: await importConversationFile(this.#db, source);
			if (!result.ok) return this.#refused(result.code);
			const imported = await getConversation(this.#db, result.conversationId);
			const title = imported?.title ?? '';
			return this.#done((t) => t.import.done(titleOf({ title }, t), result.messageCount));
		} catch {
			// The file could not be read (removed or changed after it was chosen).
			return this.#refused('not-json');
		} finally {
			this.#busy = false;
		}
	}

	#refused(code: ImportErrorCode): false {
		return this.#failed((t) => t.import.refused(t.import.errors[code]));
	}
}
