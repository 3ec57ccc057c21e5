// The UI language as shared reactive state. Default from navigator.languages, then whatever the
// person chose last (localStorage). Keeps <html lang> in step so screen readers switch voice.
//
// Only the language in use is loaded with the page (each dictionary is ~9 KB gzipped, and first-load
// JS has a budget); the other loads when the person switches, and is fetched while idle so a switch
// is instant and works offline. This module waits for the first dictionary (top-level await), so
// every importer can read `i18n.t` synchronously.
import type { Messages } from './en';
import { isLocale, pickLocale, type Locale } from './locale';

const STORAGE_KEY = 'locale';

const loaders: Record<Locale, () => Promise<Messages>> = {
	en: () => import('./en').then((module) => module.en),
	'zh-CN': () => import('./zh-CN').then((module) => module.zhCN)
};
const loaded: Partial<Record<Locale, Messages>> = {};

async function dictionary(locale: Locale): Promise<Messages> {
	return (loaded[locale] ??= await loaders[locale]());
}

function initialLocale(): Locale {
	try {
		const saved = localStorage.getItem(STORAGE_KEY);
		if (isLocale(saved)) return saved;
	} catch {
		// Storage can be blocked (privacy modes); fall through to the browser's preference.
	}
	return pickLocale(navigator.languages.length > 0 ? navigator.languages : [navigator.language]);
}

const firstLocale = initialLocale();
const firstDictionary = await dictionary(firstLocale);

class I18n {
	#locale = $state<Locale>(firstLocale);
	#t = $state.raw<Messages>(firstDictionary);

	constructor() {
		document.documentElement.lang = this.#locale;
		// The other language, fetched while idle (cached by the service worker for offline use).
		const other: Locale = firstLocale === 'en' ? 'zh-CN' : 'en';
		setTimeout(() => void dictionary(other).catch(() => undefined), 2_000);
	}

	get locale(): Locale {
		return this.#locale;
	}

	/** The strings of the current locale. */
	get t(): Messages {
		return this.#t;
	}

	/** Switches the language (at once when its strings are here; else as soon as they load). */
	async set(locale: Locale): Promise<void> {
		const strings = await dictionary(locale);
		this.#t = strings;
		this.#locale = locale;
		document.documentElement.lang = locale;
		try {
			localStorage.setItem(STORAGE_KEY, locale);
		} catch {
			// Not remembered, but the switch still applies for this visit.
		}
	}
}

export const i18n = new I18n();
