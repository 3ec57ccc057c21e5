// Which UI language to use: the supported locales, and how a browser's language preference maps
// onto them. Pure (no DOM), so Node tests and workers can use it.
export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

export function isLocale(value: unknown): value is Locale {
	return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/**
 * The first supported locale among the browser's preferences: any Chinese tag → zh-CN,
 * any English tag → en; English when nothing matches.
 */
export function pickLocale(preferences: readonly string[]): Locale {
	for (const tag of preferences) {
		const lower = tag.toLowerCase();
		if (lower === 'zh' || lower.startsWith('zh-')) return 'zh-CN';
		if (lower === 'en' || lower.startsWith('en-')) return 'en';
	}
	return 'en';
}
