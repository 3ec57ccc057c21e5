import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { readImportFile, safeFileName } from '$lib/ui/history/files';
import { historyPage, PAGE_SIZE } from '$lib/ui/history/list';
import { MAX_IMPORT_CHARS } from '$lib/store/transfer';
import { openDatabase } from '../store/open';

const march14 = new Date(2025, 2, 14, 9, 30).getTime();

describe('safeFileName', () => {
	it('keeps the words of the title in any script, with the local date', () => {
		expect(safeFileName('Fever for 2 days, 38.5 °C', march14, 'md')).toBe(
			'fever-for-2-days-38-5-c-2025-03-14.md'
		);
		expect(safeFileName('发烧两天了，要去医院吗？', march14, 'json')).toBe(
			'发烧两天了-要去医院吗-2025-03-14.json'
		);
	});

	it('removes path separators, dots, quotes and control characters', () => {
		const name = safeFileName('../../etc/passwd\u0000 "x" <y>|z:*?\\', march14, 'md');
		expect(name).toBe('etc-passwd-x-y-z-2025-03-14.md');
		expect(name).not.toMatch(/[/\\:*?"<>|]|\.\./);
		expect(name).not.toContain('\u0000');
	});

	it('falls back to "conversation" for an empty or reserved title, and cuts long ones', () => {
		expect(safeFileName('', march14, 'md')).toBe('conversation-2025-03-14.md');
		expect(safeFileName('???', march14, 'md')).toBe('conversation-2025-03-14.md');
		expect(safeFileName('CON', march14, 'json')).toBe('conversation-2025-03-14.json');
		expect(safeFileName('a'.repeat(300), march14, 'md')).toBe(`${'a'.repeat(40)}-2025-03-14.md`);
	});
});

describe('readImportFile', () => {
	it('reads a file as bytes, to be decoded as strict UTF-8', async () => {
		const bytes = await readImportFile(new Blob(['{"a":"发烧"}']));
		expect(bytes && new TextDecoder().decode(bytes)).toBe('{"a":"发烧"}');
	});

	it('does not read a file too large to be importable whatever it holds', async () => {
		const huge = new Blob([new Uint8Array(MAX_IMPORT_CHARS * 3 + 1)]);
		expect(await readImportFile(huge)).toBeNull();
	});
});

describe('historyPage', () => {
	it('lists the newest first with the total, beyond one store call of 500', async () => {
		const db = openDatabase();
		const at = Date.UTC(2025, 0, 1);
		await db.conversations.bulkAdd(
			Array.from({ length: 620 }, (_, i) => ({
				id: `c${String(i).padStart(4, '0')}`,
				createdAt: at + i,
				updatedAt: at + i,
				title: `conversation ${i}`,
				profile: null,
				flagged: false,
				flags: [],
				messageCount: 0,
				lastSeq: 0,
				preview: ''
			}))
		);
		const first = await historyPage(db, PAGE_SIZE);
		expect(first.total).toBe(620);
		expect(first.conversations).toHaveLength(50);
		expect(first.conversations[0]?.title).toBe('conversation 619');
		const most = await historyPage(db, 600);
		expect(most.conversations).toHaveLength(600);
		expect(most.conversations.at(-1)?.title).toBe('conversation 20');
		expect(new Set(most.conversations.map((c) => c.id)).size).toBe(600);
		expect((await historyPage(db, 1000)).conversations).toHaveLength(620);
	});
});
