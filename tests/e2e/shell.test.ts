import { expect, test } from './fixtures';

test.use({ locale: 'en-US' });

test.describe('a patient opening the app', () => {
	test('sees the question box and can type before any model exists', async ({ page }) => {
		await page.goto('/');
		await expect(page.getByRole('heading', { level: 1, name: 'Ask a health question' })).toBeVisible();
		const box = page.getByRole('textbox', { name: 'Your question' });
		await expect(box).toBeEditable();
		await box.fill('Is it fine to take ibuprofen with food?');
		await box.press('Enter');
		const log = page.getByRole('log', { name: 'Conversation' });
		await expect(log.getByText('Is it fine to take ibuprofen with food?')).toBeVisible();
		await expect(log.getByText('The on-device model is not set up yet')).toBeVisible();
		await expect(box).toHaveValue('');
	});

	test('Shift+Enter adds a new line instead of sending', async ({ page }) => {
		await page.goto('/');
		const box = page.getByRole('textbox', { name: 'Your question' });
		await box.fill('first line');
		await box.press('Shift+Enter');
		await box.pressSequentially('second line');
		await expect(box).toHaveValue('first line\nsecond line');
		await expect(page.getByRole('log').getByRole('listitem')).toHaveCount(0);
		await page.getByRole('button', { name: 'Send' }).click();
		await expect(page.getByRole('log').getByText(/first line\s+second line/)).toBeVisible();
	});

	test('an empty or over-long message gets a clear message and nothing is sent', async ({ page }) => {
		await page.goto('/');
		const box = page.getByRole('textbox', { name: 'Your question' });
		await box.fill('   ');
		await box.press('Enter');
		await expect(page.getByText('Type a question first.')).toBeVisible();
		await box.fill('a'.repeat(4500));
		await box.press('Enter');
		await expect(page.getByText('Your message is 4500 characters long; the limit is 4000.')).toBeVisible();
		await expect(page.getByRole('log').getByRole('listitem')).toHaveCount(0);
		await expect(box).toHaveValue('a'.repeat(4500));
	});

	test('switches the interface between English and Chinese and remembers the choice', async ({ page }) => {
		await page.goto('/');
		await expect(page.locator('html')).toHaveAttribute('lang', 'en');
		await page.getByRole('button', { name: '中文' }).click();
		await expect(page.getByRole('heading', { level: 1, name: '健康咨询' })).toBeVisible();
		await expect(page.getByRole('textbox', { name: '您的问题' })).toBeVisible();
		await expect(page.getByRole('button', { name: '发送' })).toBeVisible();
		await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
		await page.reload();
		await expect(page.getByRole('heading', { level: 1, name: '健康咨询' })).toBeVisible();
		await page.getByRole('button', { name: 'English' }).click();
		await expect(page.getByRole('heading', { level: 1, name: 'Ask a health question' })).toBeVisible();
	});

	test('reads what stays on the device on the about page', async ({ page }) => {
		await page.goto('/');
		await page.getByRole('link', { name: 'About & privacy' }).click();
		await expect(page.getByRole('heading', { level: 1, name: 'About & privacy' })).toBeVisible();
		await expect(
			page.getByText('There are no analytics, no trackers and no third-party services.')
		).toBeVisible();
	});
});

test.describe('a Chinese-speaking patient', () => {
	test.use({ locale: 'zh-CN' });

	test('gets the Chinese interface by default', async ({ page }) => {
		await page.goto('/');
		await expect(page.getByRole('heading', { level: 1, name: '健康咨询' })).toBeVisible();
		await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
	});
});

test.describe('the device panel', () => {
	test("shows SwiftShader's WebGPU adapter and the storage figures", async ({ page }) => {
		await page.goto('/');
		await page.getByRole('button', { name: 'About this device' }).click();
		const dialog = page.getByRole('dialog', { name: 'About this device' });
		await expect(dialog).toBeVisible();
		await expect(dialog.getByTestId('device-webgpu')).toHaveText('Yes');
		await expect(dialog.getByTestId('device-adapter')).toContainText('swiftshader');
		await expect(dialog.getByText('16-bit shaders (shader-f16)')).toBeVisible();
		await expect(dialog.getByText('Storage used / available')).toBeVisible();
		await expect(dialog.getByText('Online', { exact: true })).toBeVisible();
		await page.keyboard.press('Escape');
		await expect(dialog).toBeHidden();
	});
});

test.describe('a browser without WebGPU or service workers', () => {
	test.beforeEach(async ({ page }) => {
		await page.addInitScript(() => {
			delete (Navigator.prototype as unknown as Record<string, unknown>).gpu;
			delete (Navigator.prototype as unknown as Record<string, unknown>).serviceWorker;
		});
	});

	test('still opens, says what is missing and what still works', async ({ page }) => {
		await page.goto('/');
		const notices = page.getByRole('region', { name: 'Device notices' });
		await expect(
			notices.getByText(/no usable WebGPU.*Emergency checks and everything else still work/)
		).toBeVisible();
		await expect(notices.getByText(/cannot keep the app for offline use/)).toBeVisible();
		const box = page.getByRole('textbox', { name: 'Your question' });
		await box.fill('What is a normal resting heart rate?');
		await box.press('Enter');
		await expect(page.getByRole('log').getByText('What is a normal resting heart rate?')).toBeVisible();
		await page.getByRole('button', { name: 'About this device' }).click();
		await expect(page.getByTestId('device-webgpu')).toHaveText('Not available (no-api)');
	});
});
