// The history page of personal mode, as a patient uses it: two conversations kept as they happen,
// found again by a word in English or Chinese, continued at the hit, renamed (with the keyboard
// alone), exported as Markdown and JSON without any identifier in them, deleted one and all, and
// imported back, while a damaged or hostile file is refused with a clear message and changes
// nothing. Two tabs see each other's changes live; a tab outdated by a newer version of the app
// asks to reload; a kiosk has no history at all.
import { readFileSync } from 'node:fs';
import type { Download, Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';

const answers = JSON.parse(readFileSync('scripts/fixtures/model-answers.json', 'utf8')) as {
	'qwen3-tiny': { answer: string };
};

test.beforeEach(async ({ page }) => {
	await page.addInitScript(() => {
		Object.defineProperty(Navigator.prototype, 'gpu', { get: () => undefined, configurable: true });
	});
});

/** The messages of the conversation log (its own items, not lists inside an answer). */
const messagesOf = (page: Page): Locator => page.getByRole('log').locator(':scope > li');

async function ask(page: Page, question: string) {
	const box = page.getByRole('textbox', { name: 'Your question' });
	await box.fill(question);
	await box.press('Enter');
	await expect(messagesOf(page).last()).toContainText(answers['qwen3-tiny'].answer);
}

async function downloaded(
	page: Page,
	click: () => Promise<void>
): Promise<{ download: Download; text: string }> {
	const downloading = page.waitForEvent('download');
	await click();
	const download = await downloading;
	return { download, text: readFileSync(await download.path(), 'utf8') };
}

/** A conversation file as the app exports it (format 1), for seeding through import. */
function conversationFile(title: string, question: string, answer: string, at: number): string {
	const message = (role: 'user' | 'assistant', text: string, time: number) => ({
		role,
		text,
		raw: role === 'assistant' ? text : null,
		advisory: null,
		disclaimer: null,
		status: 'done',
		interrupted: false,
		error: null,
		notice: null,
		modelId: null,
		engine: null,
		emergency: [],
		redacted: [],
		citations: [],
		timings: null,
		createdAt: time,
		updatedAt: time
	});
	return JSON.stringify({
		format: 'health-qa-conversation',
		version: 1,
		exportedAt: new Date(at).toISOString(),
		conversation: { title, createdAt: at, updatedAt: at + 1000, profile: null, flags: [] },
		messages: [message('user', question, at), message('assistant', answer, at + 1000)]
	});
}

async function importText(page: Page, label: string | RegExp, name: string, text: string) {
	await page.getByLabel(label).setInputFiles({
		name,
		mimeType: 'application/json',
		buffer: Buffer.from(text)
	});
}

const items = (page: Page, listName: string): Locator =>
	page.getByRole('list', { name: listName, exact: true }).getByRole('listitem');

test.describe('a patient on a personal device', () => {
	test.use({ locale: 'en-US' });

	test('finds, continues, renames, exports, deletes and re-imports conversations', async ({ page }) => {
		test.setTimeout(120_000);
		await page.goto('/');
		await page.getByRole('button', { name: 'Download the model' }).click();
		await expect(page.getByRole('status').filter({ hasText: 'is ready' })).toBeVisible({ timeout: 30_000 });
		await ask(page, 'I have had a headache for three days. My number is 13812345678.');
		await page.getByRole('button', { name: 'New conversation' }).click();
		await ask(page, '我咳嗽一周了，身份证号11010519491231002X，需要去医院吗？');

		await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'History' }).click();
		await expect(page.getByRole('heading', { level: 1, name: 'Conversation history' })).toBeVisible();
		const list = items(page, 'Saved conversations');
		await expect(list).toHaveCount(2);
		// Newest first, titled by the first question, with the identifiers already removed.
		await expect(list.nth(0).getByRole('link')).toHaveText(/^我咳嗽一周了/);
		await expect(list.nth(1).getByRole('link')).toHaveText(/^I have had a headache/);
		await expect(list.nth(1)).toContainText('2 messages');
		await expect(page.getByText('13812345678')).toHaveCount(0);
		await expect(page.getByText('11010519491231002X')).toHaveCount(0);

		// Search in English: one hit, highlighted, which opens the conversation at that message.
		const search = page.getByRole('searchbox', { name: 'Search your conversations' });
		await search.fill('headache');
		await expect(
			page.getByRole('status').filter({ hasText: '1 message contains “headache”.' })
		).toBeVisible();
		const hits = items(page, 'Search results');
		await expect(hits).toHaveCount(1);
		await expect(hits.first().locator('mark')).toHaveText('headache');
		await hits.first().getByRole('link').click();
		await expect(page).toHaveURL(/\/\?c=[^&]+&m=/);
		await expect(messagesOf(page)).toHaveCount(2);
		await expect(messagesOf(page).first()).toContainText('I have had a headache');
		await expect(messagesOf(page).first()).toBeFocused();

		// Search in Chinese, with the interface in Chinese too.
		await page.goBack();
		await page.getByRole('button', { name: '中文' }).click();
		await expect(page.getByRole('heading', { level: 1, name: '对话历史' })).toBeVisible();
		await expect(items(page, '已保存的对话')).toHaveCount(2);
		const zhSearch = page.getByRole('searchbox', { name: '搜索你的对话' });
		await zhSearch.fill('咳嗽');
		await expect(page.getByRole('status').filter({ hasText: '有 1 条消息包含“咳嗽”。' })).toBeVisible();
		await expect(items(page, '搜索结果').first().locator('mark')).toHaveText('咳嗽');
		await zhSearch.fill('没有这个词');
		await expect(page.getByRole('status').filter({ hasText: '没有消息包含“没有这个词”。' })).toBeVisible();
		await page.getByRole('button', { name: 'English' }).click();
		await page.getByRole('button', { name: 'Clear the search' }).click();

		// Rename with the keyboard alone: Enter opens the field, Escape cancels, a blank name is
		// refused, Enter saves and focus returns to the button.
		// Second (older); a rename does not move it (the field hides the title while it is open).
		const headache = list.nth(1);
		const rename = headache.getByRole('button', { name: 'Rename' });
		await rename.focus();
		await page.keyboard.press('Enter');
		const field = headache.getByRole('textbox', { name: 'New name' });
		await expect(field).toBeFocused();
		await page.keyboard.press('Escape');
		await expect(field).toHaveCount(0);
		await expect(rename).toBeFocused();
		await page.keyboard.press('Enter');
		await page.keyboard.press('ControlOrMeta+a');
		await page.keyboard.press('Delete');
		await page.keyboard.press('Enter');
		await expect(headache.getByRole('alert')).toHaveText('Type a name, or press Escape to keep the old one.');
		await expect(field).toHaveAttribute('aria-invalid', 'true');
		await page.keyboard.type('Headache, three days');
		await page.keyboard.press('Enter');
		const renamed = list.filter({ hasText: 'Headache, three days' });
		await expect(renamed.getByRole('link', { name: 'Headache, three days' })).toBeVisible();
		await expect(
			page.getByRole('status').filter({ hasText: 'Renamed to “Headache, three days”.' })
		).toBeVisible();
		await expect(renamed.getByRole('button', { name: 'Rename' })).toBeFocused();

		// Export as Markdown and JSON: readable, safe file names, no identifier anywhere.
		const markdown = await downloaded(page, () =>
			renamed.getByRole('button', { name: 'Export as Markdown' }).click()
		);
		expect(markdown.download.suggestedFilename()).toMatch(/^headache-three-days-\d{4}-\d{2}-\d{2}\.md$/);
		expect(markdown.text).toMatch(/^# Headache, three days\n/);
		expect(markdown.text).toContain('### Patient');
		expect(markdown.text).toContain('I have had a headache for three days.');
		expect(markdown.text).toContain(answers['qwen3-tiny'].answer.slice(0, 20));
		const json = await downloaded(page, () =>
			renamed.getByRole('button', { name: 'Export as JSON' }).click()
		);
		expect(json.download.suggestedFilename()).toMatch(/^headache-three-days-\d{4}-\d{2}-\d{2}\.json$/);
		const exported = JSON.parse(json.text) as { format: string; messages: { text: string }[] };
		expect(exported.format).toBe('health-qa-conversation');
		expect(exported.messages).toHaveLength(2);
		for (const text of [markdown.text, json.text]) {
			expect(text).not.toContain('13812345678');
			expect(text).not.toContain('11010519491231002');
		}

		// Delete one, after a confirmation that can be cancelled.
		const cough = list.filter({ hasText: '我咳嗽一周了' });
		await cough.getByRole('button', { name: 'Delete' }).click();
		const confirm = page.getByRole('dialog', { name: 'Delete this conversation?' });
		await expect(confirm).toBeVisible();
		await confirm.getByRole('button', { name: 'Cancel' }).click();
		await expect(list).toHaveCount(2);
		await cough.getByRole('button', { name: 'Delete' }).click();
		await confirm.getByRole('button', { name: 'Delete the conversation' }).click();
		await expect(list).toHaveCount(1);
		await expect(page.getByRole('status').filter({ hasText: 'was deleted.' })).toBeVisible();

		// Import the exported file back: a second, separate copy.
		const importLabel = 'Import a conversation (JSON file)';
		await importText(page, importLabel, 'back.json', json.text);
		await expect(
			page.getByRole('status').filter({ hasText: 'Imported “Headache, three days” with 2 messages.' })
		).toBeVisible();
		await expect(list).toHaveCount(2);
		await expect(list.filter({ hasText: 'Headache, three days' })).toHaveCount(2);

		// Refused files say why, and the list stays as it was.
		const refusals: [string, string, string][] = [
			['damaged.json', json.text.slice(0, 200), 'it is not a JSON file, or it is damaged.'],
			[
				'hostile.json',
				json.text.replace('"format"', '"__proto__": { "isAdmin": true },\n\t"format"'),
				'it contains data that could be harmful, so it was refused.'
			],
			[
				'other.json',
				'{"name": "a shopping list", "items": []}',
				'it is not a conversation exported from this app.'
			],
			[
				'newer.json',
				json.text.replace('"version": 1', '"version": 9'),
				'it comes from a newer version of this app.'
			]
		];
		for (const [name, text, reason] of refusals) {
			await importText(page, importLabel, name, text);
			await expect(page.getByRole('alert')).toContainText(`This file was not imported: ${reason}`);
			await expect(page.getByRole('alert')).toContainText('Nothing was changed.');
			await expect(list).toHaveCount(2);
		}
		expect(await page.evaluate(() => ({}) as Record<string, unknown>)).toEqual({});
		expect(await page.evaluate(() => 'isAdmin' in Object.prototype)).toBe(false);

		// Delete all: the button stays disabled until the patient confirms they understand.
		await page.getByRole('button', { name: 'Delete all conversations' }).click();
		const all = page.getByRole('dialog', { name: 'Delete all conversations?' });
		await expect(all).toContainText('All 2 saved conversations');
		const everything = all.getByRole('button', { name: 'Delete everything' });
		await expect(everything).toBeDisabled();
		await all
			.getByRole('checkbox', { name: 'I understand that all my conversations will be deleted for good' })
			.check();
		await everything.click();
		await expect(page.getByText('No saved conversations yet.')).toBeVisible();
		await expect(
			page.getByRole('status').filter({ hasText: 'All conversations were deleted.' })
		).toBeVisible();
	});

	test('a tab outdated by a newer version of the app asks to reload and loses nothing', async ({
		page,
		context
	}) => {
		await page.goto('/history');
		await importText(
			page,
			'Import a conversation (JSON file)',
			'a.json',
			conversationFile('Kept', 'q', 'a', Date.now())
		);
		await expect(items(page, 'Saved conversations')).toHaveCount(1);
		// Another tab opens the database at a higher version, as a newer release of the app would.
		const newer = await context.newPage();
		await newer.goto('/about');
		await newer.evaluate(async () => {
			const current = (await indexedDB.databases()).find((db) => db.name === 'health-qa')?.version ?? 1;
			await new Promise<void>((resolve, reject) => {
				const request = indexedDB.open('health-qa', current + 10);
				request.onupgradeneeded = () =>
					request.transaction?.objectStore('conversations').createIndex('createdAt', 'createdAt');
				request.onsuccess = () => {
					request.result.close();
					resolve();
				};
				request.onerror = () => reject(request.error);
			});
		});
		await expect(
			page.getByRole('alert').filter({ hasText: 'This app was updated in another tab.' })
		).toBeVisible();
		await page.getByRole('button', { name: 'Reload' }).click();
		await expect(items(page, 'Saved conversations').getByRole('link', { name: 'Kept' })).toBeVisible();
	});
});

test.describe('a long history', () => {
	test.use({ locale: 'en-US' });

	test('shows the newest 50, then 50 more at a time', async ({ page }) => {
		await page.goto('/history');
		await expect(page.getByText('No saved conversations yet.')).toBeVisible();
		// 120 conversations written straight into the app's database, then a reload.
		await page.evaluate(async () => {
			const db = await new Promise<IDBDatabase>((resolve, reject) => {
				const request = indexedDB.open('health-qa');
				request.onsuccess = () => resolve(request.result);
				request.onerror = () => reject(request.error);
			});
			const tx = db.transaction('conversations', 'readwrite');
			for (let i = 0; i < 120; i++) {
				tx.objectStore('conversations').put({
					id: `c${String(i).padStart(4, '0')}`,
					createdAt: Date.UTC(2025, 0, 1) + i * 60_000,
					updatedAt: Date.UTC(2025, 0, 1) + i * 60_000,
					title: `Question number ${i}`,
					profile: null,
					flagged: i === 119,
					flags: i === 119 ? [{ source: 'safety', categories: ['cardiac'], note: '', at: 1 }] : [],
					messageCount: 2,
					lastSeq: 2,
					preview: `The answer to question ${i}`
				});
			}
			await new Promise((resolve) => (tx.oncomplete = resolve));
			db.close();
		});
		await page.reload();
		const list = items(page, 'Saved conversations');
		await expect(list).toHaveCount(50);
		await expect(page.getByText('Showing 50 of 120 conversations')).toBeVisible();
		await expect(list.first().getByRole('link')).toHaveText('Question number 119');
		await expect(list.first()).toContainText('Emergency signs');
		await expect(list.nth(1)).not.toContainText('Emergency signs');
		const more = page.getByRole('button', { name: 'Show more conversations' });
		await more.click();
		await expect(list).toHaveCount(100);
		await expect(list.nth(99).getByRole('link')).toHaveText('Question number 20');
		await more.click();
		await expect(list).toHaveCount(120);
		await expect(page.getByText('Showing 120 of 120 conversations')).toBeVisible();
		await expect(more).toHaveCount(0);
	});
});

test.describe('two tabs in Chinese', () => {
	test.use({ locale: 'zh-CN' });

	test('update each other live: import, rename, delete', async ({ page, context }) => {
		await page.goto('/history');
		await expect(page.getByRole('heading', { level: 1, name: '对话历史' })).toBeVisible();
		await expect(page.getByText('还没有保存的对话。')).toBeVisible();
		const other = await context.newPage();
		await other.goto('/history');
		await expect(other.getByText('还没有保存的对话。')).toBeVisible();

		const at = Date.now() - 60_000;
		await importText(
			page,
			'导入对话（JSON 文件）',
			'one.json',
			conversationFile('', '我发烧两天了', '多喝水。', at)
		);
		await importText(
			page,
			'导入对话（JSON 文件）',
			'two.json',
			conversationFile('', 'Is a rash after amoxicillin serious?', 'See a doctor.', at + 5000)
		);
		const mine = items(page, '已保存的对话');
		const theirs = items(other, '已保存的对话');
		await expect(theirs).toHaveCount(2);
		await expect(theirs.nth(0).getByRole('link')).toHaveText('Is a rash after amoxicillin serious?');
		await expect(other.getByText('共 2 条对话').or(other.getByText('显示 2 条，共 2 条对话'))).toBeVisible();

		// Search in both languages in the Chinese interface.
		await other.getByRole('searchbox', { name: '搜索你的对话' }).fill('发烧');
		await expect(items(other, '搜索结果')).toHaveCount(1);
		await expect(items(other, '搜索结果').first()).toContainText('我发烧两天了');
		await other.getByRole('searchbox', { name: '搜索你的对话' }).fill('amoxi');
		await expect(items(other, '搜索结果')).toHaveCount(1);
		await expect(items(other, '搜索结果').first().locator('mark')).toHaveText('amoxi');

		await mine.filter({ hasText: '我发烧两天了' }).getByRole('button', { name: '重命名' }).click();
		await page.getByRole('textbox', { name: '新名称' }).fill('发烧两天');
		await page.getByRole('textbox', { name: '新名称' }).press('Enter');
		await expect(theirs.getByRole('link', { name: '发烧两天', exact: true })).toBeVisible();
		// The search hits follow the rename too.
		await other.getByRole('searchbox', { name: '搜索你的对话' }).fill('发烧');
		await expect(items(other, '搜索结果').first()).toContainText('在“发烧两天”中');

		await theirs.filter({ hasText: 'amoxicillin' }).getByRole('button', { name: '删除' }).click();
		await other
			.getByRole('dialog', { name: '删除这条对话？' })
			.getByRole('button', { name: '删除对话' })
			.click();
		await expect(mine).toHaveCount(1);
		await expect(mine.first().getByRole('link')).toHaveText('发烧两天');
	});
});

test.describe('a kiosk', () => {
	test.use({ locale: 'en-US' });

	test('has no history: no link, and the page says it is off', async ({ page }) => {
		await page.goto('/');
		await expect(
			page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'History' })
		).toBeVisible();
		await page.goto('/?kiosk=1');
		await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link')).not.toHaveCount(0);
		await expect(
			page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'History' })
		).toHaveCount(0);
		// The kiosk either says history is off here or takes the patient back to the chat page; either
		// way no stored conversation, search box or import is shown.
		await page.goto('/history');
		await expect(
			page.getByRole('heading', {
				level: 1,
				name: /^(History is off on this device|Ask a health question)$/
			})
		).toBeVisible();
		await expect(page.getByRole('searchbox')).toHaveCount(0);
		await expect(page.getByRole('list', { name: 'Saved conversations' })).toHaveCount(0);
		await expect(page.getByLabel('Import a conversation (JSON file)')).toHaveCount(0);
	});
});
