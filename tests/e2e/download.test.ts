// The model download over a slow link (the second test server sends model files at 1.5 MB/s):
// progress with bytes, rate, time left and the current file; cancel; and a reload halfway that
// resumes without fetching completed files again and never treats a partial model as ready.
import type { Page } from '@playwright/test';
import { SLOW_PORT } from '../../playwright.config';
import { expect, test } from './fixtures';

test.use({ baseURL: `http://localhost:${SLOW_PORT}`, locale: 'en-US' });

test.beforeEach(async ({ page }) => {
	// WASM: the same download, and the quickest start once the files are here.
	await page.addInitScript(() => {
		Object.defineProperty(Navigator.prototype, 'gpu', { get: () => undefined, configurable: true });
	});
});

/** Model file paths the page or its workers requested (whole-file GETs, not 1-byte probes). */
function recordDownloads(page: Page): string[] {
	const seen: string[] = [];
	page.context().on('request', (request) => {
		const path = new URL(request.url()).pathname;
		if (path.startsWith('/models/fixtures/') && !request.headers()['range']) seen.push(path);
	});
	return seen;
}

test('shows progress with figures and the file, and can be cancelled', async ({ page }) => {
	await page.goto('/');
	await page.getByRole('button', { name: 'Download the model' }).click();
	const panel = page.getByRole('region', { name: 'Model download' });
	const bar = panel.getByRole('progressbar', { name: 'Model download' });
	await expect(bar).toBeVisible();
	await expect(panel).toContainText(/\d+(\.\d)? MB of 11(\.\d)? MB/);
	// The rate in the unit that fits it (kB/s when this shared machine is busy, MB/s otherwise).
	await expect(panel).toContainText(/\d+(\.\d+)? [kM]B\/s · about \d+ sec left/);
	await expect(panel).toContainText('Now: tokenizer.json');
	await expect(bar).toHaveAttribute('aria-valuetext', /%/);
	// The textbox stays usable while the model downloads.
	await page.getByRole('textbox', { name: 'Your question' }).fill('Can I type now?');

	await panel.getByRole('button', { name: 'Cancel download' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'The download was stopped' })).toBeVisible();
	await expect(page.getByRole('button', { name: 'Download the model' })).toBeVisible();
	await expect(page.getByRole('textbox', { name: 'Your question' })).toHaveValue('Can I type now?');
});

test('a reload halfway resumes: finished files are not fetched again, and the model is ready only when complete', async ({
	page
}) => {
	const before = recordDownloads(page);
	await page.goto('/');
	await page.getByRole('button', { name: 'Download the model' }).click();
	const panel = page.getByRole('region', { name: 'Model download' });
	await expect(panel).toContainText('Now: tokenizer.json');
	// The small files finish first; wait until one of them has been downloaded in full.
	await expect.poll(() => before.filter((path) => path.endsWith('/config.json')).length).toBeGreaterThan(0);

	await page.reload();
	// Part of the model is cached, but not all of it: the app asks again instead of calling it ready.
	await expect(page.getByRole('button', { name: 'Download the model' })).toBeVisible();
	await expect(page.getByRole('status').filter({ hasText: 'is ready' })).toHaveCount(0);

	const after = recordDownloads(page);
	await page.getByRole('button', { name: 'Download the model' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'is ready' })).toBeVisible({ timeout: 30_000 });
	expect(after.filter((path) => path.endsWith('/config.json'))).toEqual([]);
	expect(after.some((path) => path.endsWith('/tokenizer.json'))).toBe(true);
});
