// Issue 10, "found from outside": an e-mail typed with a full-width "。" before the domain and
// "我是…/本人…/I'm …" introductions were stored verbatim. Here a patient types them into the question
// and into "About the patient": none of them reaches IndexedDB (every object store: messages, the
// search-word index, the profile), localStorage, sessionStorage, Cache Storage or the summary page
// (whose QR code carries the same text). A phone, an ID number and a UK postcode go the same way.
import { expect, storedEverything, storedOutsideIndexedDb, test } from './fixtures';

const SECRETS = [
	'张伟',
	'zhangwei',
	'李娜',
	'Tom Baker',
	'Baker',
	'13912345678',
	'11010519491231002X',
	'SW1A 1AA'
];

test.use({ locale: 'zh-CN' });

test('a name after 我是/本人/I’m and an e-mail with a full-width 。 are never stored or shown to staff', async ({
	page
}) => {
	await page.goto('/', { waitUntil: 'networkidle' });
	await page.getByText('患者情况（选填）').click();
	await page.getByRole('textbox', { name: '主要不适' }).fill('本人李娜，咳嗽一周');
	await page.getByRole('button', { name: '保存' }).click();
	await expect(page.getByRole('status').filter({ hasText: '已保存' })).toContainText('为保护您的隐私');

	const box = page.getByRole('textbox', { name: '您的问题' });
	await box.fill(
		'我是张伟，邮箱 zhangwei@qq。com，手机 139 1234 5678，身份证 11010519491231002X，咳嗽三天了，晚上更厉害。I’m Tom Baker btw, postcode SW1A 1AA'
	);
	await box.press('Enter');
	const log = page.getByRole('log');
	await expect(log).toContainText('咳嗽三天了');
	for (const secret of SECRETS) await expect(log).not.toContainText(secret);

	await expect.poll(() => storedEverything(page)).toContain('咳嗽三天了');
	const stored = await storedEverything(page);
	expect(stored).toContain('咳嗽一周');
	for (const secret of SECRETS) expect(stored).not.toContain(secret);
	// Nor localStorage, sessionStorage or Cache Storage (the service worker's and the models' caches).
	// Once the service worker has cached the app (so the scan sees a full Cache Storage).
	await expect.poll(() => storedOutsideIndexedDb(page), { timeout: 30_000 }).toContain('/_app/');
	const elsewhere = await storedOutsideIndexedDb(page);
	for (const secret of SECRETS) expect(elsewhere).not.toContain(secret);

	await page.getByRole('button', { name: '给工作人员看' }).click();
	await expect(page.getByRole('heading', { level: 1, name: '给工作人员的摘要' })).toBeVisible();
	await expect(page.getByRole('img', { name: '包含本摘要文字的二维码' })).toBeVisible();
	const summary = (await page.locator('main').textContent()) ?? '';
	expect(summary).toContain('咳嗽三天了');
	for (const secret of SECRETS) expect(summary).not.toContain(secret);
});
