// Conversations survive a reload (personal mode), an answer cut off by a reload is kept and marked
// interrupted, and nothing stored holds an identifier.
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { ask, chatMessages, expect, test } from './fixtures';

const answers = JSON.parse(readFileSync('scripts/fixtures/model-answers.json', 'utf8')) as {
	'qwen3-tiny': { answer: string };
	'qwen3-tiny-endless': { loop: string };
};

test.use({ locale: 'en-US' });
test.beforeEach(async ({ page }) => {
	await page.addInitScript(() => {
		Object.defineProperty(Navigator.prototype, 'gpu', { get: () => undefined, configurable: true });
	});
});

/** Every record of every object store of every IndexedDB database of the page, as JSON text. */
function dumpIndexedDb(page: Page): Promise<string> {
	return page.evaluate(async () => {
		const dump: unknown[] = [];
		for (const info of await indexedDB.databases()) {
			if (!info.name) continue;
			const db = await new Promise<IDBDatabase>((resolve, reject) => {
				const request = indexedDB.open(info.name as string);
				request.onsuccess = () => resolve(request.result);
				request.onerror = () => reject(request.error);
			});
			for (const name of Array.from(db.objectStoreNames)) {
				const rows = await new Promise<unknown[]>((resolve, reject) => {
					const request = db.transaction(name).objectStore(name).getAll();
					request.onsuccess = () => resolve(request.result);
					request.onerror = () => reject(request.error);
				});
				dump.push({ db: info.name, store: name, rows });
			}
			db.close();
		}
		return JSON.stringify(dump);
	});
}

test('a conversation survives a reload, and no phone or ID number is stored anywhere', async ({ page }) => {
	await page.goto('/');
	await page.getByRole('button', { name: 'Download the model' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'is ready' })).toBeVisible({ timeout: 30_000 });
	await ask(
		page,
		'My number is 13812345678 and my ID is 11010519491231002X. I have had a fever of 38.5 °C for 2 days.'
	);
	const log = page.getByRole('log');
	await expect(log.locator(':scope > li').last()).toContainText(answers['qwen3-tiny'].answer);
	// The final write lands a moment after the last words show; a reload before it would keep the
	// answer as interrupted (the next test). Wait for it, as a person reading the answer would.
	await expect.poll(async () => (await dumpIndexedDb(page)).includes('"status":"streaming"')).toBe(false);

	await page.reload();
	await expect(log.getByText('I have had a fever of 38.5 °C for 2 days.')).toBeVisible();
	await expect(log.locator(':scope > li').last()).toContainText(answers['qwen3-tiny'].answer);
	await expect(page.getByText('13812345678')).toHaveCount(0);

	const stored = await dumpIndexedDb(page);
	expect(stored).toContain('38.5');
	expect(stored).not.toContain('13812345678');
	expect(stored).not.toContain('11010519491231002');

	// A new conversation starts empty, and stays empty after a reload.
	await page.getByRole('button', { name: 'New conversation' }).click();
	await expect(page.getByText('No messages yet.')).toBeVisible();
});

test('an answer cut off by a reload is kept and marked interrupted', async ({ page }) => {
	await page.goto('/');
	await page.getByRole('combobox', { name: 'Model' }).selectOption('fixture-qwen3-tiny-endless');
	await page.getByRole('button', { name: 'Download the model' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'is ready' })).toBeVisible({ timeout: 30_000 });
	await ask(page, 'Tell me about ibuprofen');
	const answer = chatMessages(page).last();
	// Long enough that the throttled writer has saved part of it.
	await expect(answer).toContainText(answers['qwen3-tiny-endless'].loop);
	await page.waitForTimeout(700);
	await page.reload();
	const kept = chatMessages(page).last();
	await expect(kept.getByText('Interrupted when the page was closed.')).toBeVisible();
	await expect(kept).toContainText(answers['qwen3-tiny-endless'].loop.slice(0, 30));
});

// A kiosk keeps only the current patient's session, wiped on Finish or when idle: tests/e2e/kiosk.test.ts.
