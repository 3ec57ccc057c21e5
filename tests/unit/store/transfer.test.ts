import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import {
	appendMessage,
	createConversation,
	getConversation,
	getMessages,
	setProfile
} from '$lib/store/conversations';
import {
	conversationExport,
	exportConversationJson,
	exportConversationMarkdown,
	importConversationFile,
	importConversationJson,
	MAX_FUTURE_MS,
	MAX_IMPORT_BYTES,
	MAX_IMPORT_CHARS,
	MAX_IMPORT_MESSAGES,
	type MarkdownLabels
} from '$lib/store/transfer';
import type { AppDatabase } from '$lib/store/db';
import { openDatabase, simulateQuota } from './open';

/** A time far beyond any import's allowance (2100-01-01T00:00:00.000Z). */
const Y2100 = Date.UTC(2100, 0, 1);

const LABELS: MarkdownLabels = {
	untitled: 'New conversation',
	exportedAt: 'Exported',
	profile: 'Patient profile',
	chiefComplaint: 'Chief complaint',
	medicalHistory: 'Medical history',
	ageGroup: 'Age group',
	ageGroups: {
		infant: 'Infant',
		child: 'Child',
		adolescent: 'Adolescent',
		adult: 'Adult',
		'older-adult': 'Older adult'
	},
	patient: 'Patient',
	assistant: 'Assistant',
	interrupted: 'Interrupted',
	stopped: 'Stopped',
	failed: 'Failed',
	modelNotReady: 'The model is not ready yet.'
};

async function sampleConversation(db: AppDatabase): Promise<string> {
	const { id } = await createConversation(db);
	await setProfile(db, id, { chiefComplaint: '头痛三天', medicalHistory: 'migraine', ageGroup: 'adult' });
	await appendMessage(db, id, {
		role: 'user',
		text: 'Can I take ibuprofen for a headache?',
		emergency: [],
		redacted: ['phone']
	});
	await appendMessage(db, id, {
		role: 'assistant',
		text: 'Ibuprofen can help with **headache** pain.',
		raw: 'Ibuprofen can help with **headache** pain.',
		advisory: 'Follow the dose on the label or your doctor’s advice.',
		disclaimer: 'This is general information, not a diagnosis.',
		status: 'done',
		modelId: 'Qwen3-4B-q4f16_1-MLC',
		engine: 'webllm',
		citations: [{ id: 'kb-12', title: 'Headache', source: 'Handbook', url: 'https://example.org/headache' }],
		timings: {
			startedAt: 1,
			firstTokenAt: 2,
			endedAt: 3,
			prefillTokensPerSecond: 100,
			decodeTokensPerSecond: 12.5
		}
	});
	await appendMessage(db, id, { role: 'user', text: '# not a heading <img src=x onerror=alert(1)>' });
	await appendMessage(db, id, {
		role: 'assistant',
		text: 'Half an ans',
		status: 'aborted',
		interrupted: true
	});
	return id;
}

async function counts(db: AppDatabase): Promise<number[]> {
	return [await db.conversations.count(), await db.messages.count(), await db.feedback.count()];
}

describe('exportConversationMarkdown', () => {
	it('has the title, profile, question, answer, advisory, disclaimer and status, in the given words', async () => {
		const db = openDatabase();
		const id = await sampleConversation(db);
		const markdown = await exportConversationMarkdown(db, id, LABELS, { now: 0 });
		expect(markdown).toContain(
			'# Can I take ibuprofen for a headache?\n\nExported: 1970-01-01T00:00:00.000Z'
		);
		expect(markdown).toContain('- **Chief complaint**: 头痛三天');
		expect(markdown).toContain('- **Age group**: Adult');
		expect(markdown).toMatch(/### Patient · .+\n\nCan I take ibuprofen for a headache\?/);
		expect(markdown).toMatch(/### Assistant · .+\n\nIbuprofen can help with \*\*headache\*\* pain\./);
		expect(markdown).toContain('> Follow the dose on the label or your doctor’s advice.');
		expect(markdown).toContain('> This is general information, not a diagnosis.');
		expect(markdown).toContain('Half an ans\n\n*Interrupted*');
	});

	it('shows patient text as typed, never as Markdown structure or HTML', async () => {
		const db = openDatabase();
		const id = await sampleConversation(db);
		const markdown = await exportConversationMarkdown(db, id, LABELS);
		expect(markdown).toContain('\\# not a heading &lt;img src=x onerror=alert(1)>');
		expect(markdown).not.toContain('<img');
	});

	it('refuses an unknown conversation', async () => {
		await expect(exportConversationMarkdown(openDatabase(), 'gone', LABELS)).rejects.toMatchObject({
			code: 'not-found'
		});
	});
});

describe('exportConversationJson', () => {
	it('is the versioned format without ids', async () => {
		const db = openDatabase();
		const id = await sampleConversation(db);
		const parsed = JSON.parse(await exportConversationJson(db, id));
		expect(parsed).toMatchObject({
			format: 'health-qa-conversation',
			version: 1,
			conversation: { profile: { ageGroup: 'adult' } }
		});
		expect(parsed.messages).toHaveLength(4);
		expect(Object.keys(parsed.messages[0])).not.toContain('id');
		expect(Object.keys(parsed.messages[0])).not.toContain('words');
	});
});

describe('importConversationJson', () => {
	it('round-trips an export as a new conversation', async () => {
		const db = openDatabase();
		const id = await sampleConversation(db);
		const json = await exportConversationJson(db, id);
		const result = await importConversationJson(db, json);
		expect(result).toEqual({ ok: true, conversationId: expect.any(String), messageCount: 4 });
		if (!result.ok) return;
		expect(result.conversationId).not.toBe(id);
		const original = await conversationExport(db, id, 0);
		const copy = await conversationExport(db, result.conversationId, 0);
		expect(copy).toEqual(original);
		const [a, b] = [await getConversation(db, id), await getConversation(db, result.conversationId)];
		expect({ ...b, id: a?.id }).toEqual(a);
		const messages = await getMessages(db, result.conversationId);
		expect(messages.map((m) => m.seq)).toEqual([1, 2, 3, 4]);
		expect(
			new Set([...messages.map((m) => m.id), ...(await getMessages(db, id)).map((m) => m.id)]).size
		).toBe(8);
	});

	it('turns an answer exported mid-stream into an interrupted one, and redacts identifiers in the file', async () => {
		const db = openDatabase();
		const file = minimalFile();
		file.messages = [
			message({ role: 'user', text: '我叫张三，手机13812345678，头疼' }),
			message({ role: 'assistant', text: 'partial', status: 'streaming' })
		];
		const result = await importConversationJson(db, JSON.stringify(file));
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		const [question, answer] = await getMessages(db, result.conversationId);
		expect(question?.text).toBe('我叫[姓名]，手机[手机号]，头疼');
		expect(question?.redacted).toEqual(expect.arrayContaining(['name', 'phone']));
		expect(answer).toMatchObject({ status: 'aborted', interrupted: true });
		expect((await getConversation(db, result.conversationId))?.title).toBe('我叫[姓名]，手机[手机号]，头疼');
	});

	describe('refuses a corrupt or hostile file, changing nothing', () => {
		const cases: [string, () => string, string][] = [
			[
				'too-large',
				() => ' '.repeat(MAX_IMPORT_CHARS + 1),
				`${MAX_IMPORT_CHARS + 1} > ${MAX_IMPORT_CHARS} characters`
			],
			['not-json', () => '{"format": "health-qa-conversation",', ''],
			['not-json', () => '', ''],
			['wrong-format', () => '[1, 2]', 'format is not "health-qa-conversation"'],
			[
				'wrong-format',
				() => JSON.stringify({ ...minimalFile(), format: 'chatgpt-export' }),
				'format is not "health-qa-conversation"'
			],
			['unsupported-version', () => JSON.stringify({ ...minimalFile(), version: 2 }), 'version 2'],
			['unsupported-version', () => JSON.stringify({ ...minimalFile(), version: '1' }), 'version "1"'],
			[
				'too-many-messages',
				() =>
					JSON.stringify({
						...minimalFile(),
						messages: Array.from({ length: MAX_IMPORT_MESSAGES + 1 }, () => message({}))
					}),
				`${MAX_IMPORT_MESSAGES + 1} > ${MAX_IMPORT_MESSAGES}`
			],
			[
				'forbidden-key',
				() =>
					JSON.stringify(minimalFile()).replace(
						'"role":"user"',
						'"role":"user","__proto__":{"polluted":true}'
					),
				'$.messages[0].__proto__'
			],
			[
				'forbidden-key',
				() => JSON.stringify({ ...minimalFile(), constructor: { prototype: {} } }),
				'$.constructor'
			],
			['invalid-field', () => withMessage({ role: 'system' }), '$.messages[0].role: not user or assistant'],
			[
				'invalid-field',
				() => withMessage({ status: 'thinking' }),
				'$.messages[0].status: not a message status'
			],
			['invalid-field', () => withMessage({ text: 42 }), '$.messages[0].text: not a string'],
			[
				'invalid-field',
				() => withMessage({ text: 'x'.repeat(100_001) }),
				'$.messages[0].text: longer than 100000 characters'
			],
			[
				'invalid-field',
				() => withMessage({ createdAt: '2025-01-01' }),
				'$.messages[0].createdAt: not a time'
			],
			[
				'invalid-field',
				() => withMessage({ emergency: ['zombie'] }),
				'$.messages[0].emergency[0]: not one of the emergency categories'
			],
			['invalid-field', () => withMessage({ shouting: true }), '$.messages[0].shouting: unknown field'],
			['not-utf8', () => withMessage({ text: 'broken \ud800 half' }), '$.messages[0].text: a lone surrogate'],
			[
				'future-time',
				() => withMessage({ createdAt: Y2100, updatedAt: 1 }),
				'$.messages[0].createdAt: 2100-01-01T00:00:00.000Z is in the future'
			],
			[
				'future-time',
				() =>
					JSON.stringify({
						...minimalFile(),
						conversation: { ...minimalFile().conversation, updatedAt: Y2100 }
					}),
				'$.conversation.updatedAt: 2100-01-01T00:00:00.000Z is in the future'
			],
			[
				'future-time',
				() =>
					withMessage({
						role: 'assistant',
						timings: {
							startedAt: 1,
							firstTokenAt: 2,
							endedAt: Y2100,
							prefillTokensPerSecond: null,
							decodeTokensPerSecond: null
						}
					}),
				'$.messages[0].timings.endedAt: 2100-01-01T00:00:00.000Z is in the future'
			],
			[
				'invalid-field',
				() =>
					JSON.stringify({
						...minimalFile(),
						conversation: {
							...minimalFile().conversation,
							profile: { chiefComplaint: 'x', medicalHistory: '', ageGroup: 'ancient' }
						}
					}),
				'$.conversation.profile.ageGroup: not one of infant, child, adolescent, adult, older-adult'
			],
			[
				'invalid-field',
				() => JSON.stringify({ ...minimalFile(), messages: 'none' }),
				'$.messages: not a list'
			]
		];
		for (const [code, file, detail] of cases) {
			it(`${code}${detail ? `: ${detail.slice(0, 60)}` : ''}`, async () => {
				const db = openDatabase();
				const id = await sampleConversation(db);
				const before = [await counts(db), await conversationExport(db, id, 0)];
				const result = await importConversationJson(db, file());
				expect(result).toMatchObject({ ok: false, code });
				if (detail && !result.ok) expect(result.detail).toBe(detail);
				expect([await counts(db), await conversationExport(db, id, 0)]).toEqual(before);
				expect(({} as Record<string, unknown>).polluted).toBeUndefined();
			});
		}
	});

	it('redacts every text of a citation and drops a model id that is not one (issue 11.4)', async () => {
		const db = openDatabase();
		const phone = '13812345678';
		const idNumber = '11010519491231002X';
		const result = await importConversationJson(
			db,
			withMessage({
				role: 'assistant',
				text: 'See the passage.',
				modelId: `Qwen3-${phone}`,
				citations: [
					{
						id: `kb-${phone}#1-ab`,
						title: `Call ${phone}`,
						source: `Clinic, ID ${idNumber}`,
						url: `https://example.org/a?tel=${phone}`,
						updated: '2026-11-20',
						snippet: `Patient ${idNumber}, phone ${phone}.`
					}
				]
			})
		);
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		const [answer] = await getMessages(db, result.conversationId);
		expect(answer?.modelId).toBeNull();
		expect(answer?.citations).toEqual([
			{
				id: 'kb-[PHONE]#1-ab',
				title: 'Call [PHONE]',
				source: 'Clinic, ID [ID_NUMBER]',
				url: null,
				updated: '2026-11-20',
				snippet: 'Patient [ID_NUMBER], phone [PHONE].'
			}
		]);
		const stored = JSON.stringify([await db.conversations.toArray(), await db.messages.toArray()]);
		expect(stored).not.toContain(phone);
		expect(stored).not.toContain(idNumber);
	});

	it('keeps a catalog model id and drops anything else', async () => {
		const db = openDatabase();
		const ids = [
			'Qwen3-4B-q4f16_1-MLC',
			'Xenova/multilingual-e5-small',
			'x13812345678y',
			'model 2',
			'<img src=x>',
			'../../etc',
			''
		];
		const result = await importConversationJson(
			db,
			JSON.stringify({
				...minimalFile(),
				messages: ids.map((modelId) => message({ role: 'assistant', modelId }))
			})
		);
		if (!result.ok) throw new Error(result.detail);
		expect((await getMessages(db, result.conversationId)).map((m) => m.modelId)).toEqual([
			'Qwen3-4B-q4f16_1-MLC',
			'Xenova/multilingual-e5-small',
			null,
			null,
			null,
			null,
			null
		]);
	});

	it('keeps an http(s) link or a path on this site, and drops any other link', async () => {
		const db = openDatabase();
		const urls = [
			'https://www.nice.org.uk/guidance/ng143',
			'http://example.org/x',
			'/kb/fever',
			'javascript:alert(1)',
			'data:text/html,<b>x</b>',
			'//evil.example/x',
			'/\\evil.example',
			'https://example.org/a b',
			'kb/relative'
		];
		const result = await importConversationJson(
			db,
			withMessage({
				role: 'assistant',
				citations: urls.map((url, i) => ({ id: `c${i}`, title: 't', source: null, url }))
			})
		);
		if (!result.ok) throw new Error(result.detail);
		const [answer] = await getMessages(db, result.conversationId);
		expect(answer?.citations.map((c) => c.url)).toEqual([
			'https://www.nice.org.uk/guidance/ng143',
			'http://example.org/x',
			'/kb/fever',
			null,
			null,
			null,
			null,
			null,
			null
		]);
	});

	it('keeps one citation per id (redaction can make two ids alike)', async () => {
		const db = openDatabase();
		const result = await importConversationJson(
			db,
			withMessage({
				role: 'assistant',
				citations: [
					{ id: 'kb-13812345678', title: 'one', source: null, url: null },
					{ id: 'kb-13987654321', title: 'two', source: null, url: null }
				]
			})
		);
		if (!result.ok) throw new Error(result.detail);
		const [answer] = await getMessages(db, result.conversationId);
		expect(answer?.citations).toEqual([{ id: 'kb-[PHONE]', title: 'one', source: null, url: null }]);
	});

	it('accepts times up to a day ahead (time zones, a clock a little off)', async () => {
		const db = openDatabase();
		const soon = Date.now() + MAX_FUTURE_MS - 60_000;
		const result = await importConversationJson(db, withMessage({ createdAt: soon, updatedAt: soon }));
		expect(result.ok).toBe(true);
	});

	it('writes all or nothing: a full disk after the conversation row leaves no trace', async () => {
		const db = openDatabase();
		const quota = simulateQuota(db, ['messages']);
		const id = await sampleConversation(db);
		const json = await exportConversationJson(db, id);
		const before = await counts(db);
		quota.full = true;
		expect(await importConversationJson(db, json)).toMatchObject({ ok: false, code: 'quota' });
		expect(await counts(db)).toEqual(before);
	});
});

describe('importConversationFile', () => {
	const utf8 = (text: string) => new TextEncoder().encode(text);

	it('imports a UTF-8 file, with or without a byte-order mark', async () => {
		const db = openDatabase();
		const plain = await importConversationFile(db, utf8(withMessage({ text: '发烧三天' })));
		const bom = await importConversationFile(
			db,
			new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(withMessage({ text: '头痛' }))])
		);
		expect([plain.ok, bom.ok]).toEqual([true, true]);
		if (!plain.ok) return;
		expect((await getMessages(db, plain.conversationId))[0]?.text).toBe('发烧三天');
	});

	it('refuses invalid UTF-8 with a typed error, stores no replacement characters and changes nothing', async () => {
		const db = openDatabase();
		const id = await sampleConversation(db);
		const before = [await counts(db), await conversationExport(db, id, 0)];
		const [head, tail] = withMessage({ text: 'fever XX' }).split('XX');
		// 0xC3 0x28: a lead byte without its continuation; 0xFF never occurs in UTF-8.
		for (const bad of [[0xc3, 0x28], [0xff], [0xed, 0xa0, 0x80]]) {
			const bytes = new Uint8Array([...utf8(head ?? ''), ...bad, ...utf8(tail ?? '')]);
			expect(await importConversationFile(db, bytes)).toMatchObject({ ok: false, code: 'not-utf8' });
		}
		expect([await counts(db), await conversationExport(db, id, 0)]).toEqual(before);
		expect(JSON.stringify(await db.messages.toArray())).not.toContain('\ufffd');
	});

	it('refuses a file too large without decoding it', async () => {
		const db = openDatabase();
		expect(await importConversationFile(db, new Uint8Array(MAX_IMPORT_BYTES + 1))).toEqual({
			ok: false,
			code: 'too-large',
			detail: `${MAX_IMPORT_BYTES + 1} > ${MAX_IMPORT_BYTES} bytes`
		});
	});
});

type FileShape = {
	format: string;
	version: unknown;
	exportedAt: string;
	conversation: { title: string; createdAt: number; updatedAt: number; profile: unknown; flags: unknown[] };
	messages: unknown[];
};

function message(fields: Record<string, unknown>): Record<string, unknown> {
	return {
		role: 'user',
		text: 'hello',
		raw: null,
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
		createdAt: 1,
		updatedAt: 1,
		...fields
	};
}

function minimalFile(): FileShape {
	return {
		format: 'health-qa-conversation',
		version: 1,
		exportedAt: '2025-01-01T00:00:00.000Z',
		conversation: { title: '', createdAt: 1, updatedAt: 1, profile: null, flags: [] },
		messages: [message({})]
	};
}

function withMessage(fields: Record<string, unknown>): string {
	return JSON.stringify({ ...minimalFile(), messages: [message(fields)] });
}
