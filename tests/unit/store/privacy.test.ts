import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import {
	appendMessage,
	createConversation,
	flagConversation,
	renameConversation,
	setProfile,
	updateMessage
} from '$lib/store/conversations';
import { addFeedback } from '$lib/store/feedback';
import { StreamingWriter } from '$lib/store/streaming';
import { importConversationJson } from '$lib/store/transfer';
import { residentIdCheckChar } from '$lib/safety';
import { openDatabase } from './open';

const ID_BASE = '11010519491231002';
const RESIDENT_ID = `${ID_BASE}${residentIdCheckChar(ID_BASE)}`;
const PHONE = '13812345678';
const EMAIL = 'zhang.san@example.com';
const UK_PHONE = '07700 900123';
const LEAK = `我叫张三，手机${PHONE}，身份证${RESIDENT_ID}，邮箱${EMAIL}`;
const LEAK_EN = `My name is John Smith, call me on ${UK_PHONE} or ${EMAIL}`;
/** What must not appear anywhere in the database, in any form the text could be stored in. */
const SECRETS = [PHONE, RESIDENT_ID, RESIDENT_ID.toLowerCase(), EMAIL, '张三', '900123', 'john', 'smith'];

/** Every row of every object store, read with the plain IndexedDB API (not through Dexie). */
function rawDump(name: string): Promise<string> {
	return new Promise((resolve, reject) => {
		const open = indexedDB.open(name);
		open.onerror = () => reject(open.error);
		open.onsuccess = () => {
			const idb = open.result;
			const stores = [...idb.objectStoreNames];
			const tx = idb.transaction(stores, 'readonly');
			const dump: Record<string, unknown[]> = {};
			for (const store of stores) {
				const request = tx.objectStore(store).getAll();
				request.onsuccess = () => (dump[store] = request.result);
			}
			tx.oncomplete = () => {
				idb.close();
				resolve(JSON.stringify(dump));
			};
			tx.onerror = () => reject(tx.error);
		};
	});
}

describe('the store', () => {
	it('never lets a phone number, ID number, e-mail or name reach IndexedDB, whoever forgets to redact', async () => {
		const db = openDatabase();
		const { id } = await createConversation(db, {
			title: LEAK,
			profile: { chiefComplaint: LEAK, medicalHistory: LEAK_EN, ageGroup: 'adult' }
		});
		await renameConversation(db, id, LEAK_EN);
		await setProfile(db, id, { chiefComplaint: LEAK, medicalHistory: LEAK_EN });
		await flagConversation(db, id, { source: 'patient', note: LEAK });
		const question = await appendMessage(db, id, { role: 'user', text: LEAK });
		await updateMessage(db, question.id, { text: `${LEAK}\n${LEAK_EN}` });
		const answer = await appendMessage(db, id, {
			role: 'assistant',
			text: LEAK_EN,
			raw: LEAK,
			advisory: LEAK,
			disclaimer: LEAK_EN,
			status: 'error',
			error: LEAK
		});
		await addFeedback(db, answer.id, 'down', LEAK);
		const streamed = await appendMessage(db, id, { role: 'assistant', text: '', status: 'streaming' });
		const writer = new StreamingWriter(db, streamed.id, { locks: null });
		writer.update({ text: LEAK, raw: LEAK_EN });
		await writer.finish({ status: 'done', text: LEAK_EN, raw: LEAK });
		const imported = await importConversationJson(
			db,
			JSON.stringify({
				format: 'health-qa-conversation',
				version: 1,
				exportedAt: '2025-01-01T00:00:00.000Z',
				conversation: {
					title: LEAK,
					createdAt: 1,
					updatedAt: 1,
					profile: { chiefComplaint: LEAK, medicalHistory: LEAK_EN, ageGroup: null },
					flags: [{ source: 'patient', categories: [], note: LEAK_EN, at: 1 }]
				},
				messages: [
					{
						role: 'user',
						text: LEAK,
						raw: LEAK_EN,
						advisory: LEAK,
						disclaimer: LEAK,
						status: 'done',
						interrupted: false,
						error: LEAK,
						notice: null,
						modelId: null,
						engine: null,
						emergency: [],
						redacted: [],
						citations: [],
						timings: null,
						createdAt: 1,
						updatedAt: 1
					}
				]
			})
		);
		expect(imported.ok).toBe(true);

		const dump = await rawDump(db.name);
		// The text is there, redacted: the test looks at real rows.
		expect(dump).toContain('[手机号]');
		expect(dump).toContain('[身份证号]');
		expect(dump).toContain('[PHONE]');
		for (const secret of SECRETS) expect(dump.toLowerCase(), secret).not.toContain(secret.toLowerCase());
		// Nor any long digit run of them, split or not (search tokens included).
		expect(dump).not.toMatch(/1381234|1101051949/);
	});
});
