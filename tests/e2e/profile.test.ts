// A patient fills in "About the patient": it is kept with the conversation, redacted (a phone number
// typed into it never reaches IndexedDB), comes back after a reload, and a new conversation starts
// without it.
import { expect, storedEverything, test } from './fixtures';

test.use({ locale: 'en-US' });

test('the patient profile is kept with the conversation, without the phone number typed into it', async ({
	page
}) => {
	await page.goto('/');
	await page.getByText('About the patient (optional)').click();
	const complaint = page.getByRole('textbox', { name: 'Main complaint' });
	await complaint.fill('Cough for 3 days, call me on 13812345678');
	await page.getByRole('textbox', { name: 'Medical history, allergies and medicines' }).fill('asthma');
	await page
		.getByRole('combobox', { name: 'Age group' })
		.selectOption({ label: 'Older adult (65 years or over)' });
	await page.getByRole('button', { name: 'Save' }).click();
	const status = page.getByRole('status').filter({ hasText: 'Saved.' });
	await expect(status).toContainText('Removed to protect your privacy: mobile number.');
	// The form shows what was kept: the number is gone.
	await expect(complaint).not.toHaveValue(/13812345678/);
	await expect(complaint).toHaveValue(/^Cough for 3 days, call me on /);

	const box = page.getByRole('textbox', { name: 'Your question' });
	await box.fill('What can I do about the cough?');
	await box.press('Enter');
	await expect(page.getByRole('log').getByText('What can I do about the cough?')).toBeVisible();

	await expect.poll(() => storedEverything(page)).toContain('asthma');
	const stored = await storedEverything(page);
	expect(stored).toContain('"ageGroup":"older-adult"');
	expect(stored).toContain('Cough for 3 days, call me on ');
	expect(stored).not.toContain('13812345678');

	// After a reload the conversation comes back with its profile.
	await page.reload();
	await page.getByText('About the patient (optional)').click();
	await expect(page.getByRole('textbox', { name: 'Main complaint' })).toHaveValue(/^Cough for 3 days/);
	await expect(page.getByRole('combobox', { name: 'Age group' })).toHaveValue('older-adult');

	// A new conversation starts without it.
	await page.getByRole('button', { name: 'New conversation' }).click();
	await expect(page.getByRole('textbox', { name: 'Main complaint' })).toHaveValue('');
	await expect(page.getByRole('textbox', { name: 'Medical history, allergies and medicines' })).toHaveValue(
		''
	);
});
