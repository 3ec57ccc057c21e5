import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import {
	appendMessage,
	createConversation,
	deleteConversation,
	updateMessage
} from '$lib/store/conversations';
import { searchMessages, snippetOf } from '$lib/store/search';
import type { AppDatabase } from '$lib/store/db';
import { openDatabase } from './open';

const TEXTS = [
	'I have had a bad headache since yesterday',
	'My daughter has a FEVER of 38.5 and a cough',
	'Chest pain when climbing stairs, should I worry?',
	'Is ibuprofen safe with a painkiller I already take?',
	'我头疼得厉害，已经三天了',
	'孩子发烧38.5度怎么办',
	'高血压患者可以喝咖啡吗',
	'我有高血糖，血压正常',
	'医生说我有 hypertension（高血压），要少吃盐',
	'Education about diabetes'
];

/** One conversation per text, in this order (so the last one is the newest). */
async function seed(db: AppDatabase): Promise<Map<string, string>> {
	const ids = new Map<string, string>();
	for (const [i, text] of TEXTS.entries()) {
		const { id } = await createConversation(db, { title: `c${i}` });
		const message = await appendMessage(db, id, { role: 'user', text });
		ids.set(message.id, text);
	}
	return ids;
}

async function found(db: AppDatabase, query: string): Promise<string[]> {
	return (await searchMessages(db, query)).map(
		(hit) => TEXTS.find((t) => hit.snippet.includes(t.slice(0, 8))) ?? hit.snippet
	);
}

describe('searchMessages', () => {
	it('finds English words whatever their case, the last word as a prefix', async () => {
		const db = openDatabase();
		await seed(db);
		expect(await found(db, 'headache')).toEqual([TEXTS[0]]);
		expect(await found(db, 'HEADACHE')).toEqual([TEXTS[0]]);
		expect(await found(db, 'fever 38.5')).toEqual([TEXTS[1]]);
		expect(await found(db, 'chest pa')).toEqual([TEXTS[2]]);
		// "pain" as a prefix also finds "painkiller"; a finished word ("pain ") does not.
		expect(await found(db, 'pain')).toEqual([TEXTS[3], TEXTS[2]]);
		expect(await found(db, 'pain ')).toEqual([TEXTS[2]]);
	});

	it('finds Chinese words and parts of words, through the bigrams', async () => {
		const db = openDatabase();
		await seed(db);
		expect(await found(db, '头疼')).toEqual([TEXTS[4]]);
		expect(await found(db, '疼得')).toEqual([TEXTS[4]]);
		expect(await found(db, '厉害')).toEqual([TEXTS[4]]);
		expect(await found(db, '烧')).toEqual([TEXTS[5]]);
		expect(await found(db, '发烧 38.5')).toEqual([TEXTS[5]]);
		expect(await found(db, '血压')).toEqual([TEXTS[8], TEXTS[7], TEXTS[6]]);
	});

	it('does not take bigrams found apart for the phrase ("高血糖，血压" is not "高血压")', async () => {
		const db = openDatabase();
		await seed(db);
		expect(await found(db, '高血压')).toEqual([TEXTS[8], TEXTS[6]]);
	});

	it('needs every word of a mixed Chinese and English query', async () => {
		const db = openDatabase();
		await seed(db);
		expect(await found(db, 'hypertension 高血压')).toEqual([TEXTS[8]]);
		expect(await found(db, 'Hypertension 咖啡')).toEqual([]);
		expect(await found(db, '38.5')).toEqual([TEXTS[5], TEXTS[1]]);
	});

	it('finds nothing false: no match inside a word, nothing for blank queries', async () => {
		const db = openDatabase();
		await seed(db);
		expect(await found(db, 'cat ')).toEqual([]);
		expect(await found(db, 'tion')).toEqual([]);
		expect(await found(db, '头痛')).toEqual([]);
		expect(await searchMessages(db, '   ')).toEqual([]);
		expect(await searchMessages(db, '？！')).toEqual([]);
	});

	it('returns the conversation, message, title and a snippet with highlights, newest first, up to the limit', async () => {
		const db = openDatabase();
		const ids = await seed(db);
		const hits = await searchMessages(db, '38.5', { limit: 1 });
		expect(hits).toHaveLength(1);
		const [hit] = hits;
		expect(hit).toMatchObject({ title: 'c5', role: 'user', seq: 1, snippet: '孩子发烧38.5度怎么办' });
		expect(ids.get(hit?.messageId ?? '')).toBe('孩子发烧38.5度怎么办');
		expect(hit?.highlights).toEqual([[4, 8]]);
	});

	it('forgets a deleted conversation', async () => {
		const db = openDatabase();
		const { id } = await createConversation(db);
		await appendMessage(db, id, { role: 'assistant', text: 'Take paracetamol for the fever' });
		expect(await searchMessages(db, 'paracetamol')).toHaveLength(1);
		await deleteConversation(db, id);
		expect(await searchMessages(db, 'paracetamol')).toEqual([]);
	});

	it('searches answers as they are updated while streaming', async () => {
		const db = openDatabase();
		const { id } = await createConversation(db);
		const answer = await appendMessage(db, id, { role: 'assistant', text: '', status: 'streaming' });
		await updateMessage(db, answer.id, { text: '多喝温水，注意休息' });
		expect((await searchMessages(db, '温水'))[0]?.messageId).toBe(answer.id);
	});
});

describe('snippetOf', () => {
	it('cuts a long text around the first match and marks every match', () => {
		const text = `${'filler '.repeat(30)}the fever came back, fever again${' tail'.repeat(30)}`;
		const { snippet, highlights } = snippetOf(text, ['fever']);
		expect(snippet.startsWith('…')).toBe(true);
		expect(snippet.endsWith('…')).toBe(true);
		expect(highlights.map(([s, e]) => snippet.slice(s, e))).toEqual(['fever', 'fever']);
	});

	it('matches Latin words only at their start', () => {
		expect(snippetOf('education, cat', ['cat']).highlights).toEqual([[11, 14]]);
	});
});
