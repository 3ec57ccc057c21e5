// The on-device model end to end, in real Chromium, with the generated test models served from
// localhost as a hospital mirror would serve real ones (scripts/serve.js --fixtures): consent before
// any download, the real llm worker and the real ONNX Runtime (WASM and WebGPU through SwiftShader),
// stop mid-answer, offline reload from the browser cache, and a broken web-llm library.
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { ask, chatMessages, expect, test } from './fixtures';

const answers = JSON.parse(readFileSync('scripts/fixtures/model-answers.json', 'utf8')) as {
	'qwen3-tiny': { answer: string };
	'qwen3-tiny-endless': { loop: string };
};
const FIXED = answers['qwen3-tiny'].answer;
const LOOP = answers['qwen3-tiny-endless'].loop;

/** Model files (not the catalog) that the page or its workers asked for. */
function recordModelRequests(page: Page): string[] {
	const seen: string[] = [];
	page.context().on('request', (request) => {
		const path = new URL(request.url()).pathname;
		if (path.startsWith('/models/fixtures/')) seen.push(path);
	});
	return seen;
}

const lastAnswer = (page: Page) => chatMessages(page).last();

test.describe('a patient whose browser has no WebGPU', () => {
	test.use({ locale: 'en-US' });
	test.beforeEach(async ({ page }) => {
		await page.addInitScript(() => {
			Object.defineProperty(Navigator.prototype, 'gpu', { get: () => undefined, configurable: true });
		});
	});

	test('is asked before anything is downloaded, then gets the answer from the model on WASM', async ({
		page
	}) => {
		const requests = recordModelRequests(page);
		await page.goto('/');
		const card = page.getByRole('region', { name: 'Download Test model (fixed answer) to this device?' });
		await expect(card).toBeVisible();
		await expect(card.getByText('It will run with ONNX Runtime · processor (slower).')).toBeVisible();
		await expect(card.getByText('This browser has no usable WebGPU')).toBeVisible();
		await expect(card.getByText(/about 11 MB/).first()).toBeVisible();
		// The textbox works before any model: the question waits with an honest notice.
		await ask(page, 'What helps a fever?');
		await expect(lastAnswer(page).getByText('The on-device model is not set up yet')).toBeVisible();
		expect(requests, 'no model file before consent').toEqual([]);

		await card.getByRole('button', { name: 'Download the model' }).click();
		await expect(page.getByRole('status').filter({ hasText: 'is ready' })).toContainText(
			'Test model (fixed answer) is ready (ONNX Runtime · processor (slower)).'
		);
		expect(requests.length).toBeGreaterThan(0);
		await ask(page, '发烧了怎么办？');
		await expect(lastAnswer(page)).toContainText(FIXED);
		await expect(lastAnswer(page)).toContainText("Follow your doctor's advice.");
	});
});

test.describe('a patient with the app open in two tabs', () => {
	test.use({ locale: 'en-US' });

	test('gets one engine: the second tab says so, and takes over when the first closes', async ({ page }) => {
		await page.goto('/');
		await expect(page.getByRole('button', { name: 'Download the model' })).toBeVisible();
		const second = await page.context().newPage();
		await second.goto('/');
		await expect(second.getByText('The model is already running in another tab of this app.')).toBeVisible();
		await expect(second.getByRole('button', { name: 'Download the model' })).toHaveCount(0);
		// Emergency checks do not need the engine: the second tab still raises the alert.
		await second
			.getByRole('textbox', { name: 'Your question' })
			.fill('He is not breathing and his lips are blue');
		await second.getByRole('textbox', { name: 'Your question' }).press('Enter');
		await expect(second.getByRole('alert').filter({ hasText: 'This may be an emergency' })).toBeVisible();
		await page.close();
		await expect(second.getByRole('button', { name: 'Download the model' })).toBeVisible();
	});
});

test.describe('a kiosk set up by staff', () => {
	test.use({ locale: 'zh-CN' });

	test('downloads the model without asking, and answers in Chinese', async ({ page }) => {
		await page.addInitScript(() => {
			Object.defineProperty(Navigator.prototype, 'gpu', { get: () => undefined, configurable: true });
		});
		await page.goto('/?kiosk=1');
		await expect(page.getByRole('status').filter({ hasText: '已就绪' })).toBeVisible();
		await expect(page.getByRole('button', { name: '下载模型' })).toHaveCount(0);
		await ask(page, '孩子发烧38.5度怎么办？', '您的问题');
		await expect(lastAnswer(page)).toContainText(FIXED);
		await expect(lastAnswer(page)).toContainText('请遵医嘱。');
		// Remembered: a reload without the parameter stays in kiosk mode.
		await page.goto('/');
		await expect(page.getByRole('status').filter({ hasText: '已就绪' })).toBeVisible();
	});
});

test.describe('a patient whose browser has little storage left', () => {
	test.use({ locale: 'en-US' });

	test('is told before downloading, and cannot start a download that would not fit', async ({ page }) => {
		await page.addInitScript(() => {
			const estimate = async () => ({ usage: 9_000_000, quota: 10_000_000 });
			Object.defineProperty(StorageManager.prototype, 'estimate', { value: estimate, configurable: true });
		});
		await page.goto('/');
		await expect(
			page.getByRole('alert').filter({ hasText: 'There is not enough storage for this model' })
		).toBeVisible();
		await expect(page.getByRole('button', { name: 'Download the model' })).toBeDisabled();
	});
});

test.describe('clinic staff managing stored models', () => {
	test.use({ locale: 'en-US' });

	test('see the downloaded model with its size, delete it, and the chat asks again', async ({ page }) => {
		await page.addInitScript(() => {
			Object.defineProperty(Navigator.prototype, 'gpu', { get: () => undefined, configurable: true });
		});
		await page.goto('/settings');
		const section = page.getByRole('region', { name: 'Models on this device' });
		await expect(section.getByText('No model is stored on this device.')).toBeVisible();

		await page.goto('/');
		await page.getByRole('button', { name: 'Download the model' }).click();
		await expect(page.getByRole('status').filter({ hasText: 'is ready' })).toBeVisible();

		await page.getByRole('link', { name: 'Settings' }).click();
		const item = section.getByRole('listitem').filter({ hasText: 'Test model (fixed answer) (fp32)' });
		await expect(item).toContainText(/\d+(\.\d)? MB on this device · in use/);
		await item.getByRole('button', { name: 'Delete Test model (fixed answer) (fp32)' }).click();
		await expect(section.getByRole('status')).toHaveText(
			'Test model (fixed answer) (fp32) was deleted from this device.'
		);
		await expect(section.getByText('No model is stored on this device.')).toBeVisible();

		await page.getByRole('link', { name: 'Chat' }).click();
		await expect(page.getByRole('button', { name: 'Download the model' })).toBeVisible();
	});
});

test.describe('a patient with WebGPU', () => {
	test.use({ locale: 'en-US' });

	test('picks the ONNX model, which runs on WebGPU, answers, and comes back offline from the cache', async ({
		page,
		context
	}) => {
		await page.goto('/');
		await page.getByRole('combobox', { name: 'Model' }).selectOption('fixture-qwen3-tiny');
		const card = page.getByRole('region', { name: 'Download Test model (fixed answer) to this device?' });
		await expect(card.getByText('It will run with ONNX Runtime · graphics processor.')).toBeVisible();
		await card.getByRole('button', { name: 'Download the model' }).click();
		await expect(page.getByRole('status').filter({ hasText: 'is ready' })).toContainText(
			'(ONNX Runtime · graphics processor)'
		);
		await ask(page, 'Is 38.5 °C a fever?');
		await expect(lastAnswer(page)).toContainText(FIXED);
		await page.evaluate(() => navigator.serviceWorker.ready);
		// The service worker keeps the engine's code once a model is ready (ONNX Runtime's wasm last).
		await page.waitForFunction(async () => {
			for (const key of await caches.keys()) {
				const cache = await caches.open(key);
				const requests = await cache.keys();
				if (requests.some((request) => request.url.endsWith('.wasm'))) return true;
			}
			return false;
		});

		// Offline: the app, the engine code, the catalog and the model all come from this device.
		await context.setOffline(true);
		const requests = recordModelRequests(page);
		await page.reload();
		await expect(page.getByRole('status').filter({ hasText: 'is ready' })).toContainText(
			'Test model (fixed answer) is ready',
			{ timeout: 30_000 }
		);
		await expect(page.getByRole('button', { name: 'Download the model' })).toHaveCount(0);
		await ask(page, 'And for a child?');
		await expect(lastAnswer(page)).toContainText(FIXED);
		// Whatever was asked for was answered by the cache: no download was needed.
		expect(requests.filter((path) => path.endsWith('.onnx'))).toEqual([]);
	});

	test('stops an answer midway and keeps what was written', async ({ page }) => {
		await page.goto('/');
		await page.getByRole('combobox', { name: 'Model' }).selectOption('fixture-qwen3-tiny-endless');
		await page.getByRole('button', { name: 'Download the model' }).click();
		await expect(page.getByRole('status').filter({ hasText: 'is ready' })).toBeVisible();
		await ask(page, 'Tell me about ibuprofen');
		const answer = lastAnswer(page);
		await expect(answer).toContainText(LOOP.slice(0, 20));
		await page.getByRole('button', { name: 'Stop' }).click();
		await expect(answer.getByText('Stopped. The answer above is incomplete.')).toBeVisible();
		const kept = await answer.locator('.text').innerText();
		expect(kept.length).toBeGreaterThan(10);
		expect(LOOP.repeat(50).startsWith(kept.trim())).toBe(true);
		await page.waitForTimeout(500);
		expect(await answer.locator('.text').innerText()).toBe(kept);
		await expect(page.getByRole('button', { name: 'Stop' })).toHaveCount(0);
	});

	test('a mirror with a broken web-llm library gives a clear error and the ONNX fallback', async ({
		page
	}) => {
		await page.goto('/');
		const first = page.getByRole('region', { name: /Download Test model \(broken web-llm library\)/ });
		await expect(first.getByText('It will run with WebGPU (web-llm).')).toBeVisible();
		await first.getByRole('button', { name: 'Download the model' }).click();
		await expect(
			page.getByRole('alert').filter({ hasText: 'could not be loaded on this device' })
		).toBeVisible({
			timeout: 30_000
		});
		const fallback = page.getByRole('region', { name: /Download Test model \(fixed answer\)/ });
		await expect(fallback.getByText('The WebGPU engine could not start here')).toBeVisible();
		await fallback.getByRole('button', { name: 'Download the model' }).click();
		await expect(page.getByRole('status').filter({ hasText: 'is ready' })).toContainText('ONNX Runtime');
		await ask(page, 'What helps a cold?');
		await expect(lastAnswer(page)).toContainText(FIXED);
	});
});
