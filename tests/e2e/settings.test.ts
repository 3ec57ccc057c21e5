import { expect, test } from './fixtures';

test.describe('clinic staff on the settings page', () => {
	test.use({ locale: 'en-GB' });

	test('add an emergency word that then raises the alert in the chat, live', async ({ page }) => {
		await page.goto('/settings');
		await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
		await expect(page.getByText('No staff PIN is set')).toBeVisible();

		// Not an emergency by the built-in model; the clinic's own word makes it one.
		await page.getByRole('textbox', { name: 'Try a sentence' }).fill('my toddler licked the slug bait');
		await expect(page.getByText('Not an emergency.')).toBeVisible();
		await page.locator('summary', { hasText: 'poisoning or overdose' }).click();
		await page.getByRole('textbox', { name: 'poisoning or overdose' }).fill('slug bait\nx');
		// The "try a sentence" box shows the verdict with the words as typed, before saving.
		await page.getByRole('textbox', { name: 'Try a sentence' }).fill('my toddler licked the slug bait');
		await expect(page.getByText('Emergency: poisoning or overdose')).toBeVisible();
		await page.getByRole('button', { name: 'Save emergency words' }).click();
		await expect(page.getByRole('status').filter({ hasText: 'Saved.' }).first()).toBeVisible();
		// The one-letter line is refused with the reason.
		await expect(page.getByText('“x”: too short (at least 2 characters)')).toBeVisible();

		await page.getByRole('link', { name: 'Chat' }).click();
		const box = page.getByRole('textbox', { name: 'Your question' });
		await box.fill('My toddler licked the slug bait, what now?');
		await box.press('Enter');
		const alert = page.getByRole('alert').filter({ hasText: 'This may be an emergency' });
		await expect(alert.getByText('Recognised: poisoning or overdose')).toBeVisible();

		// Still there after a reload: it is stored, not just in memory.
		await page.goto('/settings');
		await expect(page.getByRole('textbox', { name: 'poisoning or overdose' })).toHaveValue('slug bait');
	});

	test('set the numbers for another region, and the alert shows them', async ({ page }) => {
		await page.goto('/settings');
		await page.getByRole('combobox', { name: 'Region' }).selectOption('default');
		await page.getByRole('textbox', { name: 'Emergency number for this region' }).fill('not a number');
		await page.getByRole('button', { name: 'Save numbers' }).click();
		await expect(page.getByText('Emergency number for this region: not a phone number.')).toBeVisible();
		await page.getByRole('textbox', { name: 'Emergency number for this region' }).fill('15');
		await page.getByRole('button', { name: 'Save numbers' }).click();
		await expect(page.getByRole('status').filter({ hasText: 'Saved.' }).first()).toBeVisible();

		await page.goto('/');
		const box = page.getByRole('textbox', { name: 'Your question' });
		await box.fill('She collapsed and is not breathing');
		await box.press('Enter');
		const alert = page.getByRole('alert').filter({ hasText: 'This may be an emergency' });
		await expect(alert.getByRole('link', { name: 'Call 15 now' })).toHaveAttribute('href', 'tel:15');
	});

	test('set a PIN; after a reload the settings stay locked until the right PIN', async ({ page }) => {
		await page.goto('/settings');
		await page.getByLabel('New PIN (4 to 8 digits)').fill('2580');
		await page.getByLabel('Repeat the new PIN').fill('2581');
		await page.getByRole('button', { name: 'Set a PIN' }).click();
		await expect(page.getByText('The two PINs are not the same.')).toBeVisible();
		await page.getByLabel('Repeat the new PIN').fill('2580');
		await page.getByRole('button', { name: 'Set a PIN' }).click();
		await expect(page.getByText('The PIN is set.')).toBeVisible();

		await page.reload();
		await expect(page.getByText('Enter the staff PIN to continue.')).toBeVisible();
		await expect(page.getByRole('heading', { name: 'Emergency words' })).toHaveCount(0);
		const pin = page.getByLabel('Staff PIN');
		await pin.fill('1111');
		await pin.press('Enter');
		await expect(page.getByText('That PIN is not right.')).toBeVisible();
		await pin.fill('2580');
		await page.getByRole('button', { name: 'Unlock' }).click();
		await expect(page.getByRole('heading', { name: 'Emergency words' })).toBeVisible();
		// Keyboard: the lock control is reachable and locks again.
		await page.getByRole('button', { name: 'Lock settings' }).focus();
		await page.keyboard.press('Enter');
		await expect(page.getByText('Enter the staff PIN to continue.')).toBeVisible();
	});
});

test.describe('someone guessing the staff PIN', () => {
	test.use({ locale: 'en-GB' });

	test('after five wrong PINs a reload does not reset the lock: the right PIN is still refused', async ({
		page
	}) => {
		await page.goto('/settings');
		await page.getByLabel('New PIN (4 to 8 digits)').fill('2580');
		await page.getByLabel('Repeat the new PIN').fill('2580');
		await page.getByRole('button', { name: 'Set a PIN' }).click();
		await expect(page.getByText('The PIN is set.')).toBeVisible();
		await page.reload();

		const pin = page.getByLabel('Staff PIN');
		for (const guess of ['0000', '1111', '2222', '3333', '4444']) {
			await pin.fill(guess);
			await pin.press('Enter');
			// The field empties once the attempt is done.
			await expect(pin).toHaveValue('');
		}
		const locked = page.getByText(/^Too many wrong PINs\. Try again in \d+ seconds\.$/);
		await expect(locked).toBeVisible();
		await expect(locked).toHaveAttribute('aria-live', 'polite');

		// A reload keeps the lock (it is stored), and shows the time left at once.
		await page.reload();
		await expect(locked).toBeVisible();
		await pin.fill('2580');
		await pin.press('Enter');
		await expect(pin).toHaveValue('');
		await expect(locked).toBeVisible();
		await expect(page.getByRole('heading', { name: 'Emergency words' })).toHaveCount(0);

		// So does another tab.
		const other = await page.context().newPage();
		await other.goto('/settings');
		await expect(other.getByText(/^Too many wrong PINs\./)).toBeVisible();
		await expect(other.getByRole('heading', { name: 'Emergency words' })).toHaveCount(0);
	});

	test('a PIN set in another tab closes the settings left open in this one', async ({ page, context }) => {
		await page.goto('/settings');
		await expect(page.getByRole('heading', { name: 'Emergency words' })).toBeVisible();
		const other = await context.newPage();
		await other.goto('/settings');
		await other.getByLabel('New PIN (4 to 8 digits)').fill('2468');
		await other.getByLabel('Repeat the new PIN').fill('2468');
		await other.getByRole('button', { name: 'Set a PIN' }).click();
		await expect(other.getByText('The PIN is set.')).toBeVisible();

		await expect(page.getByText('Enter the staff PIN to continue.')).toBeVisible();
		await expect(page.getByRole('heading', { name: 'Emergency words' })).toHaveCount(0);
		await expect(page.getByRole('button', { name: 'Set a PIN' })).toHaveCount(0);
	});
});

test.describe('settings whose PIN cannot be read', () => {
	test.use({ locale: 'en-GB' });

	test('a damaged PIN record keeps the settings closed: “settings unavailable”, no way to set a PIN', async ({
		page
	}) => {
		await page.goto('/settings');
		await expect(page.getByText('No staff PIN is set')).toBeVisible();
		// A record the app would not have written (one PBKDF2 iteration), put straight into IndexedDB.
		await page.evaluate(async () => {
			const db = await new Promise<IDBDatabase>((resolve, reject) => {
				const request = indexedDB.open('health-qa');
				request.onsuccess = () => resolve(request.result);
				request.onerror = () => reject(request.error);
			});
			await new Promise<void>((resolve, reject) => {
				const tx = db.transaction('settings', 'readwrite');
				tx.objectStore('settings').put({
					key: 'staffPin',
					value: { algorithm: 'PBKDF2-SHA-256', iterations: 1, salt: 'AAAA', hash: 'AAAA' },
					updatedAt: 0
				});
				tx.oncomplete = () => resolve();
				tx.onerror = () => reject(tx.error);
			});
			db.close();
		});
		await page.reload();
		await expect(page.getByRole('alert').filter({ hasText: 'Settings unavailable' })).toBeVisible();
		await expect(page.getByText('No staff PIN is set')).toHaveCount(0);
		await expect(page.getByRole('button', { name: 'Set a PIN' })).toHaveCount(0);
		await expect(page.getByRole('heading', { name: 'Emergency words' })).toHaveCount(0);
	});

	test('a newer version of the app in another tab closes the open settings: “settings unavailable”', async ({
		page,
		context
	}) => {
		await page.goto('/settings');
		await expect(page.getByRole('heading', { name: 'Emergency words' })).toBeVisible();
		const newer = await context.newPage();
		await newer.goto('/about');
		await newer.evaluate(async () => {
			const current = (await indexedDB.databases()).find((db) => db.name === 'health-qa')?.version ?? 1;
			await new Promise<void>((resolve, reject) => {
				const request = indexedDB.open('health-qa', current + 10);
				request.onsuccess = () => {
					request.result.close();
					resolve();
				};
				request.onerror = () => reject(request.error);
			});
		});
		const unavailable = page.getByRole('alert').filter({ hasText: 'Settings unavailable' });
		await expect(unavailable).toBeVisible();
		await expect(page.getByRole('heading', { name: 'Emergency words' })).toHaveCount(0);
		// Coming back to the page in the same tab (no reload) still finds it closed. (Chat and Settings
		// share a document; About would load a new one, with its own policy, and a new connection.)
		await page.getByRole('link', { name: 'Chat', exact: true }).click();
		await expect(unavailable).toHaveCount(0);
		await page.getByRole('link', { name: 'Settings', exact: true }).click();
		await expect(unavailable).toBeVisible();
		await expect(page.getByRole('button', { name: 'Set a PIN' })).toHaveCount(0);
	});
});

test.describe('Chinese-speaking staff', () => {
	test.use({ locale: 'zh-CN' });

	test('see the settings page in Chinese', async ({ page }) => {
		await page.goto('/settings');
		await expect(page.getByRole('heading', { level: 1, name: '设置' })).toBeVisible();
		await expect(page.getByRole('heading', { name: '紧急情况用语' })).toBeVisible();
		await expect(page.getByRole('heading', { name: '急救电话' })).toBeVisible();
	});
});
