// Kiosk mode on a waiting-room tablet, one patient after another: Finish wipes the session from the
// page and from IndexedDB while the model stays loaded; an idle kiosk counts down and wipes; a
// reload mid-answer keeps the current patient's partial answer; a session left stale is wiped
// before anything shows; staff turn kiosk mode on in the PIN-protected settings.
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { ask, chatMessages, expect, test } from './fixtures';

const answers = JSON.parse(readFileSync('scripts/fixtures/model-answers.json', 'utf8')) as {
	'qwen3-tiny': { answer: string };
	'qwen3-tiny-endless': { loop: string };
};
const FIXED = answers['qwen3-tiny'].answer;
const LOOP = answers['qwen3-tiny-endless'].loop;
/** The first patient's words: none of them may reach the next patient. */
const QUESTION = 'How long does a sprained ankle take to heal?';
const DRAFT = 'And my knee feels swollen too';

test.use({ locale: 'en-US' });
test.beforeEach(async ({ page }) => {
	// The ONNX test model on WASM (no WebGPU): small and quick to load.
	await page.addInitScript(() => {
		Object.defineProperty(Navigator.prototype, 'gpu', { get: () => undefined, configurable: true });
	});
});

const ready = (page: Page) => page.getByRole('status').filter({ hasText: 'is ready' });
const lastAnswer = (page: Page) => chatMessages(page).last();

/** Model files the page or its workers asked for from now on. */
function recordModelRequests(page: Page): string[] {
	const seen: string[] = [];
	page.context().on('request', (request) => {
		const path = new URL(request.url()).pathname;
		if (path.startsWith('/models/')) seen.push(path);
	});
	return seen;
}

/** Row counts of the app's conversation stores, and whether any row holds `text`. */
function stored(page: Page, text = QUESTION) {
	return page.evaluate(async (needle) => {
		const db = await new Promise<IDBDatabase>((resolve, reject) => {
			const request = indexedDB.open('health-qa');
			request.onsuccess = () => resolve(request.result);
			request.onerror = () => reject(request.error);
		});
		const all = async (name: string) =>
			db.objectStoreNames.contains(name)
				? new Promise<unknown[]>((resolve, reject) => {
						const request = db.transaction(name).objectStore(name).getAll();
						request.onsuccess = () => resolve(request.result);
						request.onerror = () => reject(request.error);
					})
				: [];
		const conversations = await all('conversations');
		const messages = await all('messages');
		const feedback = await all('feedback');
		db.close();
		return {
			conversations: conversations.length,
			messages: messages.length,
			feedback: feedback.length,
			holds: JSON.stringify([conversations, messages, feedback]).includes(needle)
		};
	}, text);
}

test('a patient on a kiosk asks, taps Finish, and the next patient sees nothing and is answered by the same loaded model', async ({
	page
}) => {
	await page.goto('/?kiosk=1');
	await expect(ready(page)).toBeVisible({ timeout: 30_000 });
	await expect(page.locator('html')).toHaveClass(/\bkiosk\b/);
	await expect(page.getByRole('link', { name: 'History' })).toHaveCount(0);
	const requests = recordModelRequests(page);

	await ask(page, QUESTION);
	await expect(lastAnswer(page)).toContainText(FIXED);
	await expect(page.getByRole('button', { name: 'New conversation' })).toHaveCount(0);
	await lastAnswer(page).getByRole('button', { name: 'Helpful', exact: true }).click();
	await expect(page.getByText('Thanks for your feedback.')).toBeVisible();
	await page.getByRole('textbox', { name: 'Your question' }).fill(DRAFT);
	await expect.poll(() => stored(page)).toEqual({ conversations: 1, messages: 2, feedback: 1, holds: true });

	await page.getByRole('button', { name: 'Finish' }).click();
	await expect(
		page.getByRole('status').filter({ hasText: 'Session cleared — ready for the next patient.' })
	).toBeVisible();
	await expect(page.getByText('No messages yet.')).toBeVisible();
	await expect(page.getByRole('textbox', { name: 'Your question' })).toHaveValue('');
	const text = await page.locator('body').textContent();
	expect(text).not.toContain('sprained');
	expect(text).not.toContain('knee');
	expect(await page.evaluate(() => window.scrollY)).toBe(0);
	expect(await stored(page)).toEqual({ conversations: 0, messages: 0, feedback: 0, holds: false });

	// The model stayed loaded: the next patient is answered with no model file fetched again.
	await expect(ready(page)).toBeVisible();
	await ask(page, 'Is 38.5 °C a fever?');
	await expect(lastAnswer(page)).toContainText(FIXED);
	expect(requests).toEqual([]);
	await expect(page.getByRole('log')).not.toContainText('sprained');
});

test('an idle kiosk counts down from 100 s, a touch cancels it, and 120 s of silence wipes the session', async ({
	page
}) => {
	await page.clock.install();
	await page.goto('/?kiosk=1');
	await expect(ready(page)).toBeVisible({ timeout: 30_000 });
	await ask(page, QUESTION);
	await expect(lastAnswer(page)).toContainText(FIXED);
	const countdown = page.getByRole('alertdialog', { name: 'Are you still there?' });

	// The count starts at the end of the answer.
	await page.clock.fastForward(90_000);
	await expect(countdown).toBeHidden();
	await page.clock.fastForward(10_000);
	await expect(countdown).toBeVisible();
	await expect(countdown.getByRole('button', { name: 'I’m still here' })).toBeFocused();
	await expect(countdown).toContainText(/Clearing in (20|19|18) seconds/);

	// Any touch cancels it: the patient is still there, and so is the conversation.
	await page.mouse.click(5, 5);
	await expect(countdown).toBeHidden();
	await expect(page.getByRole('log')).toContainText(QUESTION);

	// Silence again, counted from the touch.
	await page.clock.fastForward(99_000);
	await expect(countdown).toBeHidden();
	await page.clock.fastForward(1_000);
	await expect(countdown).toBeVisible();
	await page.clock.fastForward(20_000);
	await expect(
		page.getByRole('status').filter({ hasText: 'The session was cleared after a time without activity' })
	).toBeVisible();
	await expect(countdown).toBeHidden();
	await expect(page.getByText('No messages yet.')).toBeVisible();
	expect(await page.locator('body').textContent()).not.toContain('sprained');
	expect(await stored(page)).toEqual({ conversations: 0, messages: 0, feedback: 0, holds: false });
	// An empty kiosk stays quiet: no countdown without anyone there.
	await page.clock.fastForward(300_000);
	await expect(countdown).toBeHidden();
});

test('a reload mid-answer on a kiosk keeps the patient’s partial answer, marked interrupted', async ({
	page
}) => {
	await page.addInitScript(() =>
		localStorage.setItem('engine.preferred-model', 'fixture-qwen3-tiny-endless')
	);
	await page.goto('/?kiosk=1');
	await expect(ready(page)).toBeVisible({ timeout: 30_000 });
	await ask(page, QUESTION);
	await expect(lastAnswer(page)).toContainText(LOOP);
	// Stored while streaming (throttled): wait until the partial answer is in IndexedDB.
	await expect.poll(() => stored(page, LOOP.slice(0, 30)).then((s) => s.holds)).toBe(true);
	await page.reload();

	const kept = lastAnswer(page);
	await expect(kept.getByText('Interrupted when the page was closed.')).toBeVisible();
	await expect(kept).toContainText(LOOP.slice(0, 30));
	await expect(page.getByRole('log')).toContainText(QUESTION);
	// Finish still wipes it.
	await page.getByRole('button', { name: 'Finish' }).click();
	await expect(page.getByText('No messages yet.')).toBeVisible();
	expect(await stored(page)).toEqual({ conversations: 0, messages: 0, feedback: 0, holds: false });
});

test('a kiosk session left longer than the idle timeout is wiped before anything shows', async ({
	page,
	context
}) => {
	await page.goto('/?kiosk=1');
	await expect(ready(page)).toBeVisible({ timeout: 30_000 });
	await ask(page, QUESTION);
	await expect(lastAnswer(page)).toContainText(FIXED);
	await expect.poll(() => stored(page)).toMatchObject({ messages: 2, holds: true });
	// The tablet is switched off before the countdown; it is switched on again 10 minutes later.
	await page.close();

	const next = await context.newPage();
	await next.addInitScript((needle) => {
		const seen = { text: false };
		Object.defineProperty(window, 'seenEarlierPatient', { get: () => seen.text });
		new MutationObserver(() => {
			if (document.documentElement.textContent?.includes(needle)) seen.text = true;
		}).observe(document, { childList: true, subtree: true, characterData: true });
	}, 'sprained');
	await next.clock.install({ time: Date.now() + 10 * 60_000 });
	await next.goto('/');
	await expect(next.locator('html')).toHaveClass(/\bkiosk\b/);
	await expect(next.getByText('No messages yet.')).toBeVisible();
	await expect(next.getByRole('button', { name: 'Finish' })).toBeVisible();
	expect(await stored(next)).toEqual({ conversations: 0, messages: 0, feedback: 0, holds: false });
	expect(
		await next.evaluate(() => (window as unknown as { seenEarlierPatient: boolean }).seenEarlierPatient)
	).toBe(false);
});

test('only staff end kiosk mode (not ?kiosk=0); leaving it drops the kiosk session, so it never becomes personal history', async ({
	page
}) => {
	await page.goto('/?kiosk=1');
	await expect(ready(page)).toBeVisible({ timeout: 30_000 });
	await ask(page, QUESTION);
	await expect(lastAnswer(page)).toContainText(FIXED);
	await expect.poll(() => stored(page)).toMatchObject({ messages: 2, holds: true });

	// The address cannot end kiosk mode (nor can a link to it in an answer or a passage): the
	// session is still there, still a kiosk's.
	await page.goto('/?kiosk=0');
	await expect(page.getByRole('button', { name: 'Finish' })).toBeVisible();
	await expect(page.locator('html')).toHaveClass(/\bkiosk\b/);
	await expect(lastAnswer(page)).toContainText(FIXED);

	// Staff turn it off in the settings (no PIN set on this device).
	await page.goto('/settings');
	const kiosk = page.getByRole('region', { name: 'Kiosk mode' });
	await kiosk.getByRole('checkbox', { name: 'Use this device as a kiosk' }).uncheck();
	await kiosk.getByRole('button', { name: 'Save kiosk settings' }).click();
	await expect(kiosk.getByRole('status')).toHaveText('Saved. Kiosk mode is off.');
	await page.goto('/');
	await expect(page.getByText('No messages yet.')).toBeVisible();
	await expect(page.getByRole('button', { name: 'Finish' })).toHaveCount(0);
	await expect(page.locator('html')).not.toHaveClass(/\bkiosk\b/);
	expect(await page.locator('body').textContent()).not.toContain('sprained');
	expect(await stored(page)).toEqual({ conversations: 0, messages: 0, feedback: 0, holds: false });
});

test('staff turn kiosk mode on in the PIN-protected settings, and the chat page becomes a kiosk', async ({
	page
}) => {
	await page.goto('/settings');
	await page.getByLabel('New PIN (4 to 8 digits)').fill('2468');
	await page.getByLabel('Repeat the new PIN').fill('2468');
	await page.getByRole('button', { name: 'Set a PIN' }).click();
	await page.getByRole('button', { name: 'Lock settings' }).click();
	const kiosk = page.getByRole('region', { name: 'Kiosk mode' });
	await expect(kiosk).toHaveCount(0);
	await page.getByLabel('Staff PIN').fill('2468');
	await page.getByRole('button', { name: 'Unlock' }).click();

	await kiosk.getByRole('checkbox', { name: 'Use this device as a kiosk' }).check();
	const seconds = kiosk.getByRole('spinbutton', {
		name: 'Clear a session after this many seconds without activity'
	});
	await seconds.fill('30');
	await kiosk.getByRole('button', { name: 'Save kiosk settings' }).click();
	await expect(kiosk.getByRole('alert')).toHaveText('Enter a whole number of seconds from 60 to 600.');
	await seconds.fill('90');
	await kiosk.getByRole('button', { name: 'Save kiosk settings' }).click();
	await expect(kiosk.getByRole('status')).toHaveText('Saved. This device is a kiosk.');
	await expect(page.locator('html')).toHaveClass(/\bkiosk\b/);

	await page.getByRole('link', { name: 'Chat' }).click();
	await expect(page.getByRole('button', { name: 'Finish' })).toBeVisible();
	await expect(page.getByRole('link', { name: 'History' })).toHaveCount(0);
	// A patient cannot leave kiosk mode by editing the address.
	await page.goto('/?kiosk=0');
	await expect(page.getByRole('button', { name: 'Finish' })).toBeVisible();
	await expect(page.locator('html')).toHaveClass(/\bkiosk\b/);

	// Kept: after a reload the settings show it; staff turn it off again.
	await page.goto('/settings');
	await page.getByLabel('Staff PIN').fill('2468');
	await page.getByRole('button', { name: 'Unlock' }).click();
	await expect(kiosk.getByRole('checkbox', { name: 'Use this device as a kiosk' })).toBeChecked();
	await expect(seconds).toHaveValue('90');
	await kiosk.getByRole('checkbox', { name: 'Use this device as a kiosk' }).uncheck();
	await kiosk.getByRole('button', { name: 'Save kiosk settings' }).click();
	await expect(kiosk.getByRole('status')).toHaveText('Saved. Kiosk mode is off.');
	await page.getByRole('link', { name: 'Chat' }).click();
	await expect(page.getByRole('heading', { name: 'Ask a health question' })).toBeVisible();
	await expect(page.getByRole('button', { name: 'Finish' })).toHaveCount(0);
	await expect(page.locator('html')).not.toHaveClass(/\bkiosk\b/);
});
