import { expect, test } from './fixtures';

test.use({ locale: 'en-US' });

test('once the service worker is ready, the app opens with the network off', async ({ page, context }) => {
	await page.goto('/');
	await page.evaluate(async () => {
		await navigator.serviceWorker.ready;
	});
	await expect.poll(() => page.evaluate(() => Boolean(navigator.serviceWorker.controller))).toBe(true);
	await context.setOffline(true);
	await page.reload();
	await expect(page.getByRole('textbox', { name: 'Your question' })).toBeVisible();
	await expect(page.getByText('You are offline.')).toBeVisible();
	await page.goto('/about');
	await expect(page.getByRole('heading', { level: 1, name: 'About & privacy' })).toBeVisible();
	await context.setOffline(false);
});
