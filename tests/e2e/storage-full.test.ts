// Issue 11.7, "nothing lost after storage recovers": a patient asks while the browser's storage is
// full, then storage works again; the question and answer that could not be written then are
// stored after all, in order, and the "not being saved" notice goes once saving works.
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { ask, chatMessages, expect, storedEverything, test } from './fixtures';

const { answer } = (
	JSON.parse(readFileSync('scripts/fixtures/model-answers.json', 'utf8')) as {
		'qwen3-tiny': { answer: string };
	}
)['qwen3-tiny'];

const notReady = 'The on-device model is not set up yet';

test.use({ locale: 'en-US' });
test.beforeEach(async ({ page }) => {
	await page.addInitScript(() => {
		Object.defineProperty(Navigator.prototype, 'gpu', { get: () => undefined, configurable: true });
	});
});

/**
 * A full disk, switched on and off: while it is on, IndexedDB refuses every write in the page with a
 * QuotaExceededError, as Chromium does when the origin's quota is used up. (Chromium's own quota
 * override through DevTools did not make small IndexedDB writes fail here.)
 */
function fullDisk(page: Page) {
	return page.addInitScript(() => {
		const flag = globalThis as { storageFull?: boolean };
		flag.storageFull = false;
		for (const method of ['put', 'add'] as const) {
			const original = IDBObjectStore.prototype[method];
			IDBObjectStore.prototype[method] = function (this: IDBObjectStore, ...args: [unknown, IDBValidKey?]) {
				if (flag.storageFull) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
				return original.apply(this, args);
			};
		}
	});
}

const setFull = (page: Page, full: boolean) =>
	page.evaluate((on) => ((globalThis as { storageFull?: boolean }).storageFull = on), full);

test('a patient asks while storage is full; once it works again both questions and answers are kept', async ({
	page
}) => {
	// Two answers on a shared CPU (the ONNX engine without WebGPU).
	test.setTimeout(180_000);
	await fullDisk(page);
	await page.goto('/');
	await page.getByRole('button', { name: 'Download the model' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'is ready' })).toBeVisible({ timeout: 90_000 });
	const notice = page.getByRole('alert').filter({ hasText: 'storage is full' });
	const log = page.getByRole('log');

	// The disk fills up: nothing more can be written.
	await setFull(page, true);
	await ask(page, 'While the disk was full: I have a fever of 38.5 °C.');
	await expect(chatMessages(page).last()).toContainText(answer, { timeout: 60_000 });
	await expect(notice).toBeVisible();
	await expect(notice).toContainText('Not saved yet: the 2 most recent messages.');

	// Space is back: the next question is saved, and so is everything that waited.
	await setFull(page, false);
	await ask(page, 'After space came back: should I see a doctor?');
	await expect(chatMessages(page).last()).toContainText(answer, { timeout: 60_000 });
	await expect(chatMessages(page)).toHaveCount(4);
	await expect(notice).toHaveCount(0);
	await expect.poll(async () => (await storedEverything(page)).includes('"status":"streaming"')).toBe(false);

	await page.reload();
	await expect(chatMessages(page)).toHaveCount(4);
	await expect(chatMessages(page).nth(0)).toContainText(
		'While the disk was full: I have a fever of 38.5 °C.'
	);
	await expect(chatMessages(page).nth(1)).toContainText(answer);
	await expect(chatMessages(page).nth(2)).toContainText('After space came back: should I see a doctor?');
	await expect(chatMessages(page).nth(3)).toContainText(answer);
	await expect(log.getByText('Interrupted when the page was closed.')).toHaveCount(0);
	await expect(notice).toHaveCount(0);

	// The history lists the one conversation, named after its first question.
	await page.getByRole('link', { name: 'History' }).click();
	await expect(page.getByRole('list', { name: 'Saved conversations' }).getByRole('listitem')).toHaveCount(1);
	await expect(page.getByText('While the disk was full: I have a fever of 38.5 °C.')).toBeVisible();
});

test('the tab closes while storage is full: on the next load the conversation is marked incomplete', async ({
	page
}) => {
	// No model: the app's "not set up yet" notice answers, and is kept like an answer.
	await fullDisk(page);
	await page.goto('/');
	await ask(page, 'Saved: I have a cough.');
	await expect(chatMessages(page).last()).toContainText(notReady);
	await expect.poll(async () => (await storedEverything(page)).includes('"status":"streaming"')).toBe(false);

	await setFull(page, true);
	await ask(page, 'Never saved: and a headache.');
	await expect(chatMessages(page).last()).toContainText(notReady);
	await expect(page.getByRole('alert').filter({ hasText: 'storage is full' })).toContainText(
		'Not saved yet: the 2 most recent messages.'
	);

	// The page goes before space comes back (the reload turns the full disk off).
	await page.reload();
	await expect(chatMessages(page)).toHaveCount(2);
	await expect(page.getByText('Part of this conversation is missing')).toBeVisible();
	await page.getByRole('link', { name: 'History' }).click();
	const item = page.getByRole('list', { name: 'Saved conversations' }).getByRole('listitem');
	await expect(item).toHaveCount(1);
	await expect(item).toContainText('Not everything was saved');
});
