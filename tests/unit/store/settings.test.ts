import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { AppDatabase, isQuotaError } from '$lib/store/db';
import {
	DEFAULT_SAFETY_SETTINGS,
	parseSafetySettings,
	readSafetySettings,
	termsToText,
	textToTerms,
	writeSafetySettings
} from '$lib/store/settings';
import { assess } from '$lib/safety';

let db: AppDatabase | null = null;
const open = () => (db = new AppDatabase(`test-${Math.random()}`));
afterEach(async () => {
	await db?.delete();
	db = null;
});

describe('safety settings', () => {
	it('start from the defaults, then round-trip through IndexedDB', async () => {
		const database = open();
		expect(await readSafetySettings(database)).toEqual(DEFAULT_SAFETY_SETTINGS);
		await writeSafetySettings(database, {
			extraTerms: { poisoning: ['ate the rat bait', '吃了老鼠药'] },
			region: 'GB',
			contacts: { GB: { emergency: { number: '112', label: { 'zh-CN': '急救', en: 'Emergency' } } } }
		});
		const read = await readSafetySettings(database);
		expect(read.region).toBe('GB');
		expect(read.extraTerms.poisoning).toEqual(['ate the rat bait', '吃了老鼠药']);
		expect(read.contacts.GB?.emergency?.number).toBe('112');
		// The stored terms do what staff meant: a message with them is an emergency.
		expect(assess('my son ate the rat bait', 'en', { extraTerms: read.extraTerms }).emergency).toBe(true);
	});

	it('keep only valid parts of a damaged or hand-edited value', () => {
		const parsed = parseSafetySettings({
			extraTerms: { nonsense: ['x y'], cardiac: ['a', 'squeezing in my chest', 42] },
			region: 'not a region',
			contacts: {
				GB: { emergency: { number: 'call me' }, crisis: null },
				lowercase: { emergency: { number: '112' } },
				FR: { emergency: { number: '15', label: { en: 'SAMU' } }, secondary: [{ number: 'bad' }] }
			}
		});
		expect(parsed.extraTerms).toEqual({ cardiac: ['squeezing in my chest'] });
		expect(parsed.region).toBe('auto');
		expect(parsed.contacts.GB).toEqual({ crisis: null });
		expect(parsed.contacts.lowercase).toBeUndefined();
		expect(parsed.contacts.FR?.emergency?.number).toBe('15');
		expect(parsed.contacts.FR?.secondary).toEqual([]);
		for (const junk of [null, 7, 'text', [], { extraTerms: 'x' }]) {
			expect(parseSafetySettings(junk).region).toBe('auto');
		}
	});

	it('turn editor text into term lists and back, one term per line', () => {
		const terms = textToTerms({ cardiac: ' crushing chest \n\n\r\n心口压得慌 ', stroke: '   ' });
		expect(terms).toEqual({ cardiac: ['crushing chest', '心口压得慌'] });
		expect(termsToText(terms)).toEqual({ cardiac: 'crushing chest\n心口压得慌' });
	});

	it('recognise quota errors, also wrapped by Dexie', () => {
		expect(isQuotaError({ name: 'QuotaExceededError' })).toBe(true);
		expect(isQuotaError({ name: 'AbortError', inner: { name: 'QuotaExceededError' } })).toBe(true);
		expect(isQuotaError(new Error('other'))).toBe(false);
		expect(isQuotaError(null)).toBe(false);
	});
});
