// Files the history page writes and reads: export downloads (a Blob behind a temporary
// a[download], nothing leaves the device) with names that are safe on every file system, and the
// text of a file chosen for import.
import { MAX_IMPORT_BYTES } from '$lib/store/transfer';

const NAME_CHARS = 40;
/** Reserved device names on Windows: a file called "con.md" cannot be saved there. */
const RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)$/i;

/**
 * A file name from a conversation's title and date: letters and digits of any script are kept,
 * everything else (slashes, quotes, control characters, dots, spaces) becomes "-", at most 40
 * characters of title; "conversation" when nothing is left. `2025-03-14` is the local date.
 */
export function safeFileName(title: string, createdAt: number, extension: 'md' | 'json'): string {
	const words = Array.from(
		title
			.normalize('NFKC')
			.toLowerCase()
			.replace(/[^\p{L}\p{N}]+/gu, '-')
	)
		.slice(0, NAME_CHARS)
		.join('')
		.replace(/^-+|-+$/g, '');
	const stem = words && !RESERVED.test(words) ? words : 'conversation';
	const date = new Date(createdAt);
	const pad = (n: number) => String(n).padStart(2, '0');
	return `${stem}-${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}.${extension}`;
}

/** Saves `text` as a download named `fileName` (UTF-8). */
export function downloadText(fileName: string, text: string, type: string): void {
	const url = URL.createObjectURL(new Blob([text], { type: `${type};charset=utf-8` }));
	const link = document.createElement('a');
	link.href = url;
	link.download = fileName;
	link.hidden = true;
	document.body.append(link);
	link.click();
	link.remove();
	// Revoked once the click has been handled and the download has started.
	setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/**
 * The bytes of a chosen file, or null when it is certainly too large to import (more than
 * MAX_IMPORT_BYTES: too long whatever it holds, so it is not even read into memory). The importer
 * decodes them as strict UTF-8 (`Blob.text()` would turn invalid bytes into U+FFFD) and checks the
 * exact length.
 */
export async function readImportFile(file: Blob): Promise<ArrayBuffer | null> {
	if (file.size > MAX_IMPORT_BYTES) return null;
	return file.arrayBuffer();
}
