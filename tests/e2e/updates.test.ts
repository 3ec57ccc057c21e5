// A kiosk tab is never closed, and still updates: it checks for a new version by itself (hourly and
// whenever it becomes visible again), and reloads into it between patients — after Finish, never
// while a patient's conversation is on screen, and without anyone reloading it by hand.
//
// A new version is "deployed" for real: the test serves its own copy of the build (on the port after
// the slow server's), changes the service worker in it and restarts the server on it.
import { appendFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { serve } from '../../scripts/serve.js';
import { chatMessages, expect, test } from './fixtures';

const PORT = Number(process.env.E2E_PORT ?? 4174) + 2;
const ORIGIN = `http://127.0.0.1:${PORT}`;
const QUESTION = 'My knee hurts after running, what can I do?';

/** What the "new version" adds to the service worker: it says which build it is. */
const BUILD_2 = `
self.addEventListener('message', (event) => {
	if (event.data && event.data.type === 'E2E_BUILD') event.source.postMessage({ build: 2 });
});
`;

/** The build the controlling service worker belongs to: 2 for the new one, 1 otherwise. */
function controllerBuild(page: Page): Promise<number> {
	return page.evaluate(
		() =>
			new Promise<number>((resolve) => {
				const controller = navigator.serviceWorker.controller;
				if (!controller) return resolve(0);
				navigator.serviceWorker.addEventListener('message', (event: MessageEvent<{ build: number }>) =>
					resolve(event.data.build)
				);
				controller.postMessage({ type: 'E2E_BUILD' });
				setTimeout(() => resolve(1), 2_000);
			})
	);
}

const waitingVersion = (page: Page) =>
	page.evaluate(async () => Boolean((await navigator.serviceWorker.getRegistration())?.waiting));

let dir = '';
let server: Server | null = null;

async function startServer(): Promise<void> {
	server = await serve({ port: PORT, dir, fixtures: true });
}

async function stopServer(): Promise<void> {
	const running = server;
	server = null;
	if (!running) return;
	running.closeAllConnections();
	await new Promise((resolve) => running.close(resolve));
}

test.use({ locale: 'en-US' });
test.beforeEach(async ({ context }) => {
	dir = mkdtempSync(join(tmpdir(), 'health-qa-build-'));
	cpSync('build', dir, { recursive: true });
	await startServer();
	// The ONNX engine on the processor answers with the tiny fixture model.
	await context.addInitScript(() => {
		Object.defineProperty(Navigator.prototype, 'gpu', { get: () => undefined, configurable: true });
	});
});
test.afterEach(async () => {
	await stopServer();
	rmSync(dir, { recursive: true, force: true });
});

test('a kiosk left open picks up a new version after Finish, never during a conversation', async ({
	page
}) => {
	// Two service worker installs and a model loading on a busy two-core machine.
	test.setTimeout(180_000);
	await page.goto(`${ORIGIN}/?kiosk=1`);
	await page.evaluate(async () => {
		await navigator.serviceWorker.ready;
	});
	await expect.poll(() => page.evaluate(() => Boolean(navigator.serviceWorker.controller))).toBe(true);
	// A patient asks: their words are on screen (whether the model, which a kiosk loads by itself,
	// has answered yet does not matter here).
	const box = page.getByRole('textbox', { name: 'Your question' });
	await box.fill(QUESTION);
	await box.press('Enter');
	await expect(chatMessages(page).first()).toContainText(QUESTION);
	// Marks this document: gone once the page has reloaded.
	await page.evaluate(() => Reflect.set(window, 'sameDocument', true));

	// A new version is deployed; the kiosk tab is not reloaded by anyone. It checks for a new version
	// when it becomes visible again (and hourly).
	await stopServer();
	appendFileSync(join(dir, 'service-worker.js'), BUILD_2);
	await startServer();
	await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
	await expect.poll(() => waitingVersion(page), { timeout: 30_000 }).toBe(true);

	// Mid-conversation: nothing changes, and the patient is not asked about updates.
	await page.waitForTimeout(2_000);
	expect(await page.evaluate(() => Reflect.get(window, 'sameDocument'))).toBe(true);
	await expect(page.getByRole('log')).toContainText(QUESTION);
	await expect(page.getByRole('button', { name: 'Reload' })).toHaveCount(0);
	expect(await controllerBuild(page)).toBe(1);

	// Finish: the session is wiped and its notice shown; then the kiosk reloads into the new version.
	const reloaded = page.waitForEvent('load', { timeout: 40_000 });
	await page.getByRole('button', { name: 'Finish' }).click();
	await expect(
		page.getByRole('status').filter({ hasText: 'Session cleared — ready for the next patient.' })
	).toBeVisible();
	await expect(page.getByRole('log')).not.toContainText(QUESTION);
	await reloaded;
	await expect(page.getByRole('textbox', { name: 'Your question' })).toBeVisible();
	expect(await page.evaluate(() => Reflect.get(window, 'sameDocument'))).toBeUndefined();
	expect(await controllerBuild(page)).toBe(2);
	expect(await waitingVersion(page)).toBe(false);
	await expect(page.getByText('No messages yet.')).toBeVisible();
});
