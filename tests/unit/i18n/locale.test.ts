import { describe, expect, it } from 'vitest';
import { en } from '../../../src/lib/i18n/en';
import { formatBytes } from '../../../src/lib/i18n/format';
import { isLocale, pickLocale } from '../../../src/lib/i18n/locale';
import { preferredRegion } from '../../../src/lib/i18n/region';
import { zhCN } from '../../../src/lib/i18n/zh-CN';

describe('pickLocale', () => {
	it('picks Chinese for any Chinese tag', () => {
		expect(pickLocale(['zh-TW'])).toBe('zh-CN');
		expect(pickLocale(['zh'])).toBe('zh-CN');
		expect(pickLocale(['fr-FR', 'zh-Hans-CN'])).toBe('zh-CN');
	});

	it('picks English for English tags and for languages it does not have', () => {
		expect(pickLocale(['en-GB', 'zh-CN'])).toBe('en');
		expect(pickLocale(['fr-FR', 'de'])).toBe('en');
		expect(pickLocale([])).toBe('en');
	});
});

describe('isLocale', () => {
	it('accepts only the supported locales', () => {
		expect(isLocale('zh-CN')).toBe(true);
		expect(isLocale('en')).toBe(true);
		expect(isLocale('zh')).toBe(false);
		expect(isLocale(null)).toBe(false);
	});
});

describe('preferredRegion', () => {
	it('takes the region of the first tag that names one', () => {
		expect(preferredRegion(['en', 'en-GB'], 'en')).toBe('GB');
		expect(preferredRegion(['en-US'], 'zh-CN')).toBe('US');
	});

	it('falls back to China for the Chinese interface and to the generic default otherwise', () => {
		expect(preferredRegion(['en'], 'zh-CN')).toBe('CN');
		expect(preferredRegion(['en'], 'en')).toBe('default');
	});
});

describe('formatBytes', () => {
	it('uses decimal units with one decimal below ten', () => {
		expect(formatBytes(1_500_000, 'en')).toBe('1.5 MB');
		expect(formatBytes(2_400_000_000, 'en')).toBe('2.4 GB');
		expect(formatBytes(512, 'en')).toBe('512 byte');
		expect(formatBytes(1_073_741_824, 'en')).toBe('1.1 GB');
	});

	it('never shows a negative size', () => {
		expect(formatBytes(-5, 'en')).toBe('0 byte');
	});
});

describe('the dictionaries', () => {
	/** Every leaf's path, with functions and arrays marked by kind, so the two shapes can be compared. */
	function shape(value: unknown, path = ''): string[] {
		if (typeof value === 'function') return [`${path}()`];
		if (Array.isArray(value)) return [`${path}[]`];
		if (typeof value === 'object' && value !== null) {
			return Object.entries(value).flatMap(([key, inner]) => shape(inner, `${path}.${key}`));
		}
		return [path];
	}

	it('have the same keys in Chinese and English', () => {
		expect(shape(zhCN)).toEqual(shape(en));
	});

	it('have no empty strings', () => {
		const empty = (value: unknown): boolean =>
			typeof value === 'string'
				? value.trim() === ''
				: typeof value === 'object' && value !== null && Object.values(value).some(empty);
		expect(empty(en)).toBe(false);
		expect(empty(zhCN)).toBe(false);
	});
});
