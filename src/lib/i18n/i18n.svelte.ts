// The UI language as shared reactive state. Default from navigator.languages, then whatever the
// person chose last (localStorage). Keeps <html lang> in step so screen readers switch voice.
import { en, type Messages } from './en';
import { zhCN } from './zh-CN';
import { isLocale, pickLocale, type Locale } from './locale';

const STORAGE_KEY = 'locale';
const dictionaries: Record<Locale, Messages> = { 'zh-CN': zhCN, en };

function initialLocale(): Locale {
	try {
		const saved = localStorage.getItem(STORAGE_KEY);
		if (isLocale(saved)) return saved;
	} catch {
		// Storage can be blocked (privacy modes); fall through to the browser's preference.
	}
	return pickLocale(navigator.languages.length > 0 ? navigator.languages : [navigator.language]);
}

class I18n {
	#locale = $state<Locale>(initialLocale());

	constructor() {
		document.documentElement.lang = this.#locale;
	}

	get locale(): Locale {
		return this.#locale;
	}

	/** The strings of the current locale. */
	get t(): Messages {
		return dictionaries[this.#locale];
	}

	set(locale: Locale): void {
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
