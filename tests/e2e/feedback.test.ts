// A patient rates an answer (with a reason), and staff download the ratings as a CSV file from the
// settings page (a blob: download link, which the content security policy allows).
import { readFileSync } from 'node:fs';
import { chatMessages, expect, test } from './fixtures';

const answers = JSON.parse(readFileSync('scripts/fixtures/model-answers.json', 'utf8')) as {
	'qwen3-tiny': { answer: string };
};

test.use({ locale: 'en-US' });
test.beforeEach(async ({ page }) => {
	await page.addInitScript(() => {
		Object.defineProperty(Navigator.prototype, 'gpu', { get: () => undefined, configurable: true });
	});
});

test('rate an answer as not helpful with a reason, then download the feedback as CSV', async ({ page }) => {
	await page.goto('/');
	await page.getByRole('button', { name: 'Download the model' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'is ready' })).toBeVisible({ timeout: 30_000 });
	const box = page.getByRole('textbox', { name: 'Your question' });
	await box.fill('I have had a fever of 38.5 °C for 2 days.');
	await box.press('Enter');
	const answer = chatMessages(page).last();
	await expect(answer).toContainText(answers['qwen3-tiny'].answer);

	const helpful = answer.getByRole('button', { name: 'Helpful', exact: true });
	const notHelpful = answer.getByRole('button', { name: 'Not helpful' });
	await expect(helpful).toHaveAttribute('aria-pressed', 'false');
	await notHelpful.click();
	await expect(notHelpful).toHaveAttribute('aria-pressed', 'true');
	await answer.getByRole('textbox', { name: 'What was wrong? (optional)' }).fill('Too vague, "no" dose');
	await answer.getByRole('button', { name: 'Send' }).click();
	await expect(answer.getByRole('status')).toHaveText('Thanks for your feedback.');

	await page.getByRole('link', { name: 'Settings' }).click();
	const section = page.getByRole('region', { name: 'Quality review' });
	await expect(section.getByText('1 feedback entry')).toBeVisible();
	const downloading = page.waitForEvent('download');
	await section.getByRole('button', { name: 'Download feedback (CSV)' }).click();
	const download = await downloading;
	expect(download.suggestedFilename()).toMatch(/^feedback-\d{4}-\d{2}-\d{2}\.csv$/);
	const csv = readFileSync(await download.path(), 'utf8');
	const [header, row] = csv.replace(/^\uFEFF/, '').split('\r\n');
	expect(header).toBe(
		'"created_at","rating","reason","question","answer","model_id","engine","conversation_id","message_id"'
	);
	expect(row).toContain(',"down","Too vague, ""no"" dose",');
	expect(row).toContain('fever of 38.5');
	await expect(section.getByRole('status')).toHaveText('The feedback file was downloaded.');
});
