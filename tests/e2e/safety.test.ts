import { expect, test } from './fixtures';

test.describe('a patient in the UK describing chest pain', () => {
	test.use({ locale: 'en-GB' });

	test('sees an emergency alert at once, with 999 and first steps, before any model exists', async ({
		page
	}) => {
		await page.goto('/');
		const box = page.getByRole('textbox', { name: 'Your question' });
		await box.fill('My dad has crushing chest pain going down his left arm and he is sweating');
		await box.press('Enter');
		const alert = page.getByRole('alert').filter({ hasText: 'This may be an emergency' });
		await expect(alert).toBeVisible();
		await expect(alert.getByRole('link', { name: 'Call 999 now' })).toHaveAttribute('href', 'tel:999');
		await expect(alert.getByText('Recognised: heart warning signs')).toBeVisible();
		await expect(alert.getByRole('listitem').first()).toBeVisible();
		// No answer is being waited for: the question sits in the log, the alert comes first.
		await expect(page.getByRole('log').getByText('The on-device model is not set up yet')).toHaveCount(0);
		await alert.getByRole('button', { name: 'This is not an emergency — continue' }).click();
		await expect(alert).toBeHidden();
		await expect(page.getByRole('log').getByText('The on-device model is not set up yet')).toBeVisible();
	});

	test('thoughts of suicide also show the Samaritans line', async ({ page }) => {
		await page.goto('/');
		const box = page.getByRole('textbox', { name: 'Your question' });
		await box.fill("I don't want to live anymore, I want to end it tonight");
		await box.press('Enter');
		const alert = page.getByRole('alert').filter({ hasText: 'This may be an emergency' });
		await expect(alert.getByRole('link', { name: 'Samaritans: 116 123' })).toHaveAttribute(
			'href',
			'tel:116123'
		);
	});

	test('the alert is on screen within 100 ms of pressing Enter', async ({ page }) => {
		await page.goto('/');
		const box = page.getByRole('textbox', { name: 'Your question' });
		// The safety layer is its own chunk, loaded right after the page is drawn: a first question
		// (answered at once with the "no model" notice) shows it has arrived.
		await box.fill('What is a normal resting heart rate?');
		await box.press('Enter');
		await expect(page.getByRole('log').getByText('The on-device model is not set up yet')).toBeVisible();
		await box.fill('my husband collapsed and is not breathing');
		const elapsed = await page.evaluate(
			() =>
				new Promise<number>((resolve) => {
					const input = document.querySelector<HTMLTextAreaElement>('#question');
					const started = performance.now();
					new MutationObserver((_, observer) => {
						const alert = [...document.querySelectorAll('[role="alert"]')].find((el) =>
							el.textContent?.includes('This may be an emergency')
						);
						if (alert) {
							observer.disconnect();
							resolve(performance.now() - started);
						}
					}).observe(document.body, { childList: true, subtree: true });
					input?.dispatchEvent(
						new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true })
					);
				})
		);
		expect(elapsed).toBeLessThan(100);
	});

	test('a question sent the moment the page opens still gets the alert', async ({ page }) => {
		await page.goto('/');
		const box = page.getByRole('textbox', { name: 'Your question' });
		await box.fill('she is choking and her lips are turning blue');
		await box.press('Enter');
		await expect(page.getByRole('alert').filter({ hasText: 'This may be an emergency' })).toBeVisible();
		await expect(
			page.getByRole('log').getByText('she is choking and her lips are turning blue')
		).toBeVisible();
	});

	test('an urgent question shows the "see a doctor today" card and is answered', async ({ page }) => {
		await page.goto('/');
		const box = page.getByRole('textbox', { name: 'Your question' });
		await box.fill('There is a little blood in my urine since yesterday');
		await box.press('Enter');
		const card = page.getByRole('status').filter({ hasText: 'Please see a doctor today' });
		await expect(card).toBeVisible();
		await expect(card).not.toContainText('999');
		await expect(page.getByRole('alert').filter({ hasText: 'This may be an emergency' })).toHaveCount(0);
		await expect(page.getByRole('log').getByText('The on-device model is not set up yet')).toBeVisible();
		await card.getByRole('button', { name: 'I understand' }).click();
		await expect(card).toBeHidden();
	});

	test('a negated symptom is not an emergency', async ({ page }) => {
		await page.goto('/');
		const box = page.getByRole('textbox', { name: 'Your question' });
		await box.fill('No chest pain and no shortness of breath, just a runny nose for two days');
		await box.press('Enter');
		await expect(page.getByRole('log').getByText('The on-device model is not set up yet')).toBeVisible();
		await expect(page.getByRole('alert').filter({ hasText: 'This may be an emergency' })).toHaveCount(0);
	});
});

test.describe('a patient in China', () => {
	test.use({ locale: 'zh-CN' });

	test('sees the alert in Chinese with 120, and 12356 for self-harm', async ({ page }) => {
		await page.goto('/');
		const box = page.getByRole('textbox', { name: '您的问题' });
		await box.fill('我妈突然说话不清楚，一边手臂没力气');
		await box.press('Enter');
		const alert = page.getByRole('alert').filter({ hasText: '这可能是紧急情况' });
		await expect(alert.getByRole('link', { name: '请立即拨打 120' })).toBeVisible();
		await expect(alert.getByText('识别到：中风迹象')).toBeVisible();
		await box.fill('我不想活了，想吃一整瓶安眠药');
		await box.press('Enter');
		await expect(alert.getByRole('link', { name: /12356/ })).toBeVisible();
	});

	test('sees the calmer card in Chinese for an urgent question', async ({ page }) => {
		await page.goto('/');
		const box = page.getByRole('textbox', { name: '您的问题' });
		await box.fill('胸口有一点点闷，偶尔一下');
		await box.press('Enter');
		await expect(page.getByRole('status').filter({ hasText: '建议今天就去看医生' })).toBeVisible();
		await expect(page.getByRole('alert').filter({ hasText: '这可能是紧急情况' })).toHaveCount(0);
	});

	test('sees which identifiers were removed, and the number is gone from the page', async ({ page }) => {
		await page.goto('/');
		const box = page.getByRole('textbox', { name: '您的问题' });
		await box.fill('我叫王芳，手机 138 1234 5678，体温38.5℃，布洛芬一次吃多少？');
		await box.press('Enter');
		const log = page.getByRole('log');
		await expect(log.getByText('我叫[姓名]，手机 [手机号]，体温38.5℃，布洛芬一次吃多少？')).toBeVisible();
		await expect(log.getByText('为保护您的隐私，已移除：姓名和手机号。')).toBeVisible();
		await expect(page.locator('body')).not.toContainText('138 1234 5678');
		await expect(page.locator('body')).not.toContainText('王芳');
	});
});

test.describe('text that looks like markup', () => {
	test.use({ locale: 'en-US' });

	test('is shown as text, never rendered', async ({ page }) => {
		await page.goto('/');
		const box = page.getByRole('textbox', { name: 'Your question' });
		const markup = '<img src=x onerror="alert(1)"> **bold** <b>hi</b>';
		await box.fill(markup);
		await box.press('Enter');
		await expect(page.getByRole('log').getByText(markup)).toBeVisible();
		await expect(page.getByRole('log').locator('img')).toHaveCount(0);
	});
});
