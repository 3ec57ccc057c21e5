// Importing a conversation file, as a patient does it on the history page: every text in the file
// is redacted before it is stored (also the sources and the model id), a file that is not UTF-8 is
// refused and changes nothing, and an imported conversation is the patient's own, never part of a
// kiosk session (issue 11, items 3 and 4).
import type { Page } from '@playwright/test';
import { chatMessages, expect, storedEverything, test } from './fixtures';

const PHONE = '13812345678';
const ID_NUMBER = '11010519491231002X';
const IMPORT_LABEL = 'Import a conversation (JSON file)';

test.use({ locale: 'en-US' });
test.beforeEach(async ({ page }) => {
	// The ONNX test model on WASM (no WebGPU): small and quick to load.
	await page.addInitScript(() => {
		Object.defineProperty(Navigator.prototype, 'gpu', { get: () => undefined, configurable: true });
	});
});

interface FileOptions {
	title: string;
	at: number;
	question?: string;
	modelId?: string | null;
	citations?: unknown[];
}

/** A conversation file as the app exports it (format 1). */
function conversationFile({
	title,
	at,
	question = 'How should I treat a mild fever?',
	modelId = null,
	citations = []
}: FileOptions): string {
	const message = (role: 'user' | 'assistant', text: string, time: number) => ({
		role,
		text,
		raw: role === 'assistant' ? text : null,
		advisory: null,
		disclaimer: null,
		status: 'done',
		interrupted: false,
		error: null,
		notice: null,
		modelId: role === 'assistant' ? modelId : null,
		engine: null,
		emergency: [],
		redacted: [],
		citations: role === 'assistant' ? citations : [],
		timings: null,
		createdAt: time,
		updatedAt: time
	});
	return JSON.stringify({
		format: 'health-qa-conversation',
		version: 1,
		exportedAt: new Date(at).toISOString(),
		conversation: { title, createdAt: at, updatedAt: at + 1000, profile: null, flags: [] },
		messages: [message('user', question, at), message('assistant', 'Rest and drink fluids.', at + 1000)]
	});
}

async function importFile(page: Page, name: string, buffer: Buffer) {
	await page.getByLabel(IMPORT_LABEL).setInputFiles({ name, mimeType: 'application/json', buffer });
}

test('an imported file’s sources and model id keep no phone or ID number anywhere in IndexedDB', async ({
	page
}) => {
	await page.goto('/history');
	const file = conversationFile({
		title: 'Fever advice',
		at: Date.now() - 3_600_000,
		modelId: `Qwen3-${PHONE}`,
		citations: [
			{
				id: `fever-${PHONE}#1-ab12`,
				title: `Fever line ${PHONE}`,
				source: `Clinic of patient ${ID_NUMBER}`,
				url: `https://example.org/fever?tel=${PHONE}&id=${ID_NUMBER}`,
				updated: '2026-11-20',
				snippet: `Call ${PHONE}; patient ID ${ID_NUMBER}.`
			},
			{ id: `id-${ID_NUMBER}`, title: 'Second', source: null, url: `https://example.org/kb/${PHONE}` }
		]
	});
	await importFile(page, 'fever.json', Buffer.from(file));
	await expect(page.getByRole('status').filter({ hasText: 'Imported “Fever advice”' })).toBeVisible();

	const everything = await storedEverything(page);
	expect(everything).toContain('Rest and drink fluids.');
	expect(everything).toContain('Fever line [PHONE]');
	for (const needle of [PHONE, ID_NUMBER, ID_NUMBER.toLowerCase(), '1381234', '110105194912']) {
		expect(everything).not.toContain(needle);
	}
});

test('a file that is not UTF-8 is refused with a clear message and changes nothing', async ({ page }) => {
	await page.goto('/history');
	await importFile(
		page,
		'kept.json',
		Buffer.from(conversationFile({ title: 'Kept', at: Date.now() - 60_000 }))
	);
	await expect(page.getByRole('status').filter({ hasText: 'Imported “Kept”' })).toBeVisible();
	const before = await storedEverything(page);

	const [head, tail] = conversationFile({ title: 'Broken XX', at: Date.now() }).split('XX');
	// 0xFF never occurs in UTF-8: Blob.text() would have stored it as U+FFFD.
	await importFile(
		page,
		'latin1.json',
		Buffer.concat([Buffer.from(head ?? ''), Buffer.from([0xff]), Buffer.from(tail ?? '')])
	);
	await expect(page.getByRole('alert')).toContainText(
		'This file was not imported: it is not UTF-8 text (it may be damaged, or saved in another encoding). Nothing was changed.'
	);
	expect(await storedEverything(page)).toBe(before);
	await expect(page.getByText('Broken')).toHaveCount(0);
});

test('a conversation imported with a date in the future is the patient’s own: the kiosk neither shows it nor wipes it on Finish', async ({
	page
}) => {
	const mine = 'Notes from my cardiology appointment';
	await page.goto('/history');
	// Twelve hours ahead (within the day import allows): after the kiosk session's start.
	await importFile(
		page,
		'mine.json',
		Buffer.from(conversationFile({ title: 'Mine', at: Date.now() + 12 * 3_600_000, question: mine }))
	);
	await expect(page.getByRole('status').filter({ hasText: 'Imported “Mine”' })).toBeVisible();

	await page.goto('/?kiosk=1');
	await expect(page.getByText('No messages yet.')).toBeVisible();
	await expect(page.getByRole('log')).not.toContainText('cardiology');

	const box = page.getByRole('textbox', { name: 'Your question' });
	// A word no knowledge-base passage holds (the passages are in IndexedDB too).
	await box.fill('Is a wombat bite on the ankle dangerous?');
	await box.press('Enter');
	// The question is kept as soon as it is taken (the answer may still be on its way: Finish stops it).
	await expect(chatMessages(page).first()).toContainText('wombat');
	await expect
		.poll(async () => (await storedEverything(page)).includes('wombat'), { timeout: 60_000 })
		.toBe(true);
	// By now the kiosk has restored what it takes for the current session: nothing of the import.
	await expect(page.getByRole('log')).not.toContainText('cardiology');
	await page.getByRole('button', { name: 'Finish' }).click();
	await expect(
		page.getByRole('status').filter({ hasText: 'Session cleared — ready for the next patient.' })
	).toBeVisible();

	const everything = await storedEverything(page);
	expect(everything).not.toContain('wombat');
	expect(everything).toContain(mine);
});
