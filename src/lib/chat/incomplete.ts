// Which stored conversations miss messages the patient saw: written while storage was full, and the
// page closed before they could be stored (chat/recorder.ts keeps them in memory until then). The
// recorder notes the conversations it still owes writes to; a note left by a page that closed marks
// the conversation incomplete in the history and on the chat page, on the next load.
//
// Invariants: only conversation ids are kept (never any text a patient typed); best-effort, in
// localStorage (its own small quota, so usually still writable when IndexedDB is full); any failure
// to read or write is "no note".

/** The note's place: read and write a set of conversation ids. */
export interface IncompleteNotes {
	read(): Set<string>;
	write(ids: ReadonlySet<string>): void;
}

const KEY = 'health-qa.incomplete';

function storage(): Storage | null {
	try {
		return typeof localStorage === 'undefined' ? null : localStorage;
	} catch {
		return null;
	}
}

/** localStorage, where it can be used; else nothing is noted. */
export const localNotes: IncompleteNotes = {
	read() {
		try {
			const value: unknown = JSON.parse(storage()?.getItem(KEY) ?? '[]');
			return new Set(Array.isArray(value) ? value.filter((id): id is string => typeof id === 'string') : []);
		} catch {
			return new Set();
		}
	},
	write(ids) {
		try {
			if (ids.size === 0) storage()?.removeItem(KEY);
			else storage()?.setItem(KEY, JSON.stringify([...ids]));
		} catch {
			// Best-effort: nothing more can be done when this storage refuses too.
		}
	}
};

/** The conversations noted as incomplete (the history list marks them). */
export function incompleteConversations(notes: IncompleteNotes = localNotes): Set<string> {
	return notes.read();
}
