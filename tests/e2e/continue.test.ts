// An answer cut off by a reload is offered "Continue" and "Regenerate": regenerate replaces it with a
// new, complete answer (also in IndexedDB); continue adds the model's continuation to the same answer.
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { ask, chatMessages, expect, test } from './fixtures';

const answers = JSON.parse(readFileSync('scripts/fixtures/model-answers.json', 'utf8')) as {
	'qwen3-tiny': { answer: string };
	'qwen3-tiny-endless': { loop: string };
};
const FIXED = answers['qwen3-tiny'].answer;
const LOOP = answers['qwen3-tiny-endless'].loop;

test.use({ locale: 'en-US' });
test.beforeEach(async ({ page }) => {
	// No WebGPU: the fixture models run on ONNX Runtime's WASM backend, the same on every machine.
	await page.addInitScript(() => {
		Object.defineProperty(Navigator.prototype, 'gpu', { get: () => undefined, configurable: true });
	});
});

/** The text of every stored message, as JSON (the app's IndexedDB database). */
function storedMessages(page: Page): Promise<string> {
	return page.evaluate(async () => {
		const db = await new Promise<IDBDatabase>((resolve, reject) => {
			const request = indexedDB.open('health-qa');
			request.onsuccess = () => resolve(request.result);
			request.onerror = () => reject(request.error);
		});
		if (!db.objectStoreNames.contains('messages')) return '[]';
		const rows = await new Promise<unknown[]>((resolve, reject) => {
			const request = db.transaction('messages').objectStore('messages').getAll();
			request.onsuccess = () => resolve(request.result);
			request.onerror = () => reject(request.error);
		});
		db.close();
		return JSON.stringify(rows);
	});
}

async function useModel(page: Page, id: string) {
	await page.getByRole('combobox', { name: 'Model' }).selectOption(id);
	await page.getByRole('button', { name: 'Download the model' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'is ready' })).toBeVisible({ timeout: 30_000 });
}

/** Asks the endless model, reloads mid-answer, and switches to the fixed-answer model. */
async function cutOffByReload(page: Page) {
	await page.goto('/');
	await useModel(page, 'fixture-qwen3-tiny-endless');
	await ask(page, 'Tell me about ibuprofen');
	// Wait until the throttled writer has stored a good part of the answer, then close mid-answer.
	await expect.poll(() => storedMessages(page)).toContain(LOOP.slice(0, 60));
	// After the reload the fixed-answer model is the one offered (the chat page offers a choice only
	// before a model is ready; the choice is remembered here).
	await page.evaluate(() => localStorage.setItem('engine.preferred-model', 'fixture-qwen3-tiny'));
	await page.reload();
	const answer = chatMessages(page).last();
	await expect(answer.getByText('Interrupted when the page was closed.')).toBeVisible();
	await expect(answer.getByRole('button', { name: 'Continue' })).toBeVisible();
	await expect(answer.getByRole('button', { name: 'Regenerate' })).toBeVisible();
	await page.getByRole('button', { name: 'Download the model' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'is ready' })).toContainText(
		'Test model (fixed answer)',
		{
			timeout: 30_000
		}
	);
	return answer;
}

test('regenerate replaces an answer cut off by a reload with a complete one, here and in storage', async ({
	page
}) => {
	const answer = await cutOffByReload(page);
	await answer.getByRole('button', { name: 'Regenerate' }).click();
	await expect(answer).toContainText(FIXED);
	await expect(answer).not.toContainText(LOOP.slice(0, 30));
	await expect(answer.getByRole('button', { name: 'Regenerate' })).toHaveCount(0);
	await expect(chatMessages(page)).toHaveCount(2);
	await expect.poll(() => storedMessages(page)).not.toContain(LOOP.slice(0, 30));

	await page.reload();
	const kept = chatMessages(page).last();
	await expect(kept).toContainText(FIXED);
	await expect(kept.getByText('Interrupted when the page was closed.')).toHaveCount(0);
});

test('continue adds the model’s continuation to the answer cut off by a reload', async ({ page }) => {
	const answer = await cutOffByReload(page);
	const partial = (await answer.innerText()).split('Interrupted when the page was closed.')[0] ?? '';
	expect(partial).toContain(LOOP.slice(0, 30));
	await answer.getByRole('button', { name: 'Continue' }).click();
	await expect(answer).toContainText(FIXED);
	// One answer: the partial text first, the continuation after it.
	await expect(chatMessages(page)).toHaveCount(2);
	const text = await answer.innerText();
	expect(text.indexOf(LOOP.slice(0, 30))).toBeLessThan(text.indexOf(FIXED.slice(0, 20)));
	await expect(answer.getByRole('button', { name: 'Continue' })).toHaveCount(0);

	await page.reload();
	const kept = chatMessages(page).last();
	await expect(kept).toContainText(LOOP.slice(0, 30));
	await expect(kept).toContainText(FIXED);
});
