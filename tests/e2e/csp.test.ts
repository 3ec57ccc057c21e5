// The Content-Security-Policy as a patient meets it (src/lib/csp.js, src/lib/csp-routes.js): every
// page draws and a question is answered without one violation; the pages that never load a model
// (about, history, summary) cannot connect to the model hosts; Trusted Types are enforced, so a
// string put into innerHTML by anything but the app's policies throws.
//
// Violations are read from the page's `securitypolicyviolation` events (reported to the test through
// a binding, so they survive the new document each policy boundary loads), not from the network:
// the fixture aborts every request to another host anyway.
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { chatMessages, expect, test } from './fixtures';

const answers = JSON.parse(readFileSync('scripts/fixtures/model-answers.json', 'utf8')) as {
	'qwen3-tiny': { answer: string };
};

interface Violation {
	page: string;
	directive: string;
	blocked: string;
}

/** Collects every CSP violation any document of `page` reports, from its first script on. */
async function recordViolations(page: Page): Promise<Violation[]> {
	const violations: Violation[] = [];
	await page.exposeBinding('reportViolation', (_source, violation: Violation) => {
		violations.push(violation);
	});
	await page.addInitScript(() => {
		document.addEventListener('securitypolicyviolation', (event) => {
			const report = Reflect.get(window, 'reportViolation') as (violation: unknown) => void;
			report({ page: location.pathname, directive: event.effectiveDirective, blocked: event.blockedURI });
		});
	});
	return violations;
}

test.use({ locale: 'en-US' });

test('a patient asks a question and reads every page without one policy violation', async ({
	page,
	context
}) => {
	// The ONNX engine on the processor answers with the tiny fixture model.
	await context.addInitScript(() => {
		Object.defineProperty(Navigator.prototype, 'gpu', { get: () => undefined, configurable: true });
	});
	// A model download and load, then five pages, on a busy two-core machine.
	test.setTimeout(180_000);
	const violations = await recordViolations(page);
	await page.goto('/');
	// The service worker registered (a script URL through the default Trusted Types policy).
	await page.evaluate(async () => {
		await navigator.serviceWorker.ready;
	});
	await page.getByRole('button', { name: 'Download the model' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'is ready' })).toBeVisible({ timeout: 90_000 });
	const box = page.getByRole('textbox', { name: 'Your question' });
	await box.fill('I have a fever, what can I take?');
	await box.press('Enter');
	// The answer is drawn from its Markdown as HTML (the answer-html policy), not as plain text.
	const answer = chatMessages(page).last().locator('.answer');
	await expect(answer).toContainText(answers['qwen3-tiny'].answer, { timeout: 60_000 });
	await expect(answer.locator('p').first()).toBeVisible();
	await expect(answer).not.toHaveClass(/plain/);

	const nav = page.getByRole('navigation', { name: 'Main' });
	for (const [link, heading] of [
		['About & privacy', 'About & privacy'],
		['History', 'History'],
		['Settings', 'Settings'],
		['Chat', 'Ask a health question']
	]) {
		await nav.getByRole('link', { name: link }).click();
		await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
	}
	await page.goto('/summary');
	await expect(page.getByRole('heading', { level: 1, name: 'Summary for staff' })).toBeVisible();
	expect(violations).toEqual([]);
});

test.describe('the pages that never load a model', () => {
	test.use({
		allowedConsoleErrors: [
			[
				/^Connecting to 'https:\/\/huggingface\.co\/.*violates the following Content Security Policy directive: "connect-src 'self'"/,
				/^Fetch API cannot load https:\/\/huggingface\.co\/.*Refused to connect/
			],
			{ scope: 'test' }
		]
	});

	test('cannot connect to a model host, also when reached from the chat page', async ({ page }) => {
		const violations = await recordViolations(page);
		const modelFile = 'https://huggingface.co/onnx-community/Qwen3-0.6B-ONNX/resolve/main/config.json';
		const fetchModelFile = () =>
			page.evaluate(
				(url) =>
					fetch(url).then(
						() => 'fetched',
						(error: unknown) => String(error)
					),
				modelFile
			);

		// The chat page may (its policy names the model hosts).
		await page.goto('/');
		const policy = page.locator('meta[http-equiv="content-security-policy"]');
		await expect(policy).toHaveAttribute('content', /connect-src 'self' [^;]*https:\/\/huggingface\.co/);

		// Its link to About loads the about page under the about page's own policy.
		await page.getByRole('link', { name: 'About & privacy' }).click();
		await expect(page.getByRole('heading', { level: 1, name: 'About & privacy' })).toBeVisible();
		await expect(policy).toHaveAttribute('content', /connect-src 'self';/);
		expect(await fetchModelFile()).toMatch(/^TypeError/);
		for (const path of ['/history', '/summary']) {
			await page.goto(path);
			expect(await fetchModelFile()).toMatch(/^TypeError/);
		}
		// Once per policy: the page's <meta> policy and the same policy as the response header.
		await expect
			.poll(() => [...new Set(violations.map((v) => JSON.stringify(v)))].map((v) => JSON.parse(v)))
			.toEqual(
				['/about', '/history', '/summary'].map((path) => ({
					page: path,
					directive: 'connect-src',
					blocked: modelFile
				}))
			);
	});
});

test.describe('Trusted Types', () => {
	test.use({
		allowedConsoleErrors: [
			[
				/This document requires 'TrustedHTML' assignment/,
				/This document requires 'TrustedScriptURL' assignment/
			],
			{ scope: 'test' }
		]
	});

	test('a string put into innerHTML, or a worker from another host, throws a TypeError', async ({ page }) => {
		const violations = await recordViolations(page);
		for (const path of ['/', '/about']) {
			await page.goto(path);
			await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
			const outcome = await page.evaluate(() => {
				const attempt = (sink: () => void) => {
					try {
						sink();
						return 'allowed';
					} catch (error) {
						return error instanceof TypeError ? 'TypeError' : String(error);
					}
				};
				return {
					innerHTML: attempt(() => {
						document.createElement('div').innerHTML = '<img src=x>';
					}),
					worker: attempt(() => new Worker('https://example.com/worker.js'))
				};
			});
			expect(outcome, path).toEqual({ innerHTML: 'TypeError', worker: 'TypeError' });
		}
		expect(violations.map((v) => v.directive)).toEqual(Array(4).fill('require-trusted-types-for'));
	});
});
