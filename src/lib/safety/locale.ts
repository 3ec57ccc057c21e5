// Locale handling for the safety module. Safety imports nothing from the app (see DESIGN.md), so it
// keeps its own tiny notion of locale instead of importing i18n. Invariant: any tag starting with
// "zh" selects Chinese wording; everything else selects English.

/** The two content languages the safety module speaks. */
export type SafetyLocale = 'zh-CN' | 'en';

/** zh-CN for any Chinese tag ("zh", "zh-CN", "zh-Hans-CN"), en otherwise (including "en-GB", ""). */
export function contentLocale(locale: string | undefined | null): SafetyLocale {
	if (typeof locale !== 'string') return 'en';
	const lower = locale.trim().toLowerCase();
	return lower === 'zh' || lower.startsWith('zh-') || lower.startsWith('zh_') ? 'zh-CN' : 'en';
}
