// Date and time as staff read them on the summary and the flagged list: the reader's locale, to
// the minute ("14 Mar 2025, 10:32" / "2025年3月14日 10:32").
import type { Locale } from '$lib/i18n/locale';

const formats = new Map<Locale, Intl.DateTimeFormat>();

export function formatDateTime(ms: number, locale: Locale): string {
	let format = formats.get(locale);
	if (!format) {
		format = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
		formats.set(locale, format);
	}
	return format.format(ms);
}
