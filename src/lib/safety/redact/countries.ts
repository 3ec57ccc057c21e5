// Default countries for phone numbers written without a +country code (see phone.ts). Kept apart
// from phone.ts so scripts/safety/make-phone-metadata.ts can read it without loading the parser.

/** The ISO 3166 region codes libphonenumber-js knows countries by. */
export type PhoneCountry =
	'CN' | 'HK' | 'TW' | 'SG' | 'MO' | 'MY' | 'US' | 'CA' | 'GB' | 'IE' | 'AU' | 'NZ' | 'IN';

/**
 * Tried in order. Chinese: mainland first, then Hong Kong, Taiwan, Singapore (where Chinese-speaking
 * patients write from), then the English-speaking ones; English: UK, US, Australia first, then the
 * Chinese-speaking regions.
 */
export const DEFAULT_COUNTRIES: Record<'zh-CN' | 'en', readonly PhoneCountry[]> = {
	'zh-CN': ['CN', 'HK', 'TW', 'SG', 'US', 'GB', 'AU', 'CA', 'MO', 'MY'],
	en: ['GB', 'US', 'AU', 'CA', 'IE', 'NZ', 'CN', 'HK', 'SG', 'TW', 'IN', 'MY']
};
