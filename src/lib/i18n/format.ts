// Locale-aware formatting of the numbers the UI shows (sizes now; rates and durations later).
import type { Locale } from './locale';

const UNITS = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte'] as const;

/** 1536 → "1.5 kB" / "1.5kB"; decimal units (1 kB = 1000 bytes), as browsers report storage. */
export function formatBytes(bytes: number, locale: Locale): string {
	let value = Math.max(0, bytes);
	let unit = 0;
	while (value >= 1000 && unit < UNITS.length - 1) {
		value /= 1000;
		unit += 1;
	}
	return new Intl.NumberFormat(locale, {
		style: 'unit',
		unit: UNITS[unit],
		unitDisplay: 'short',
		maximumFractionDigits: value < 10 && unit > 0 ? 1 : 0
	}).format(value);
}

/** 95 → "2 min" / "2分钟"; under a minute in seconds, over an hour in hours and minutes. */
export function formatDuration(seconds: number, locale: Locale): string {
	const s = Math.max(0, Math.round(seconds));
	const unit = (value: number, name: 'second' | 'minute' | 'hour') =>
		new Intl.NumberFormat(locale, { style: 'unit', unit: name, unitDisplay: 'short' }).format(value);
	if (s < 60) return unit(s, 'second');
	if (s < 3600) return unit(Math.round(s / 60), 'minute');
	const hours = Math.floor(s / 3600);
	const minutes = Math.round((s % 3600) / 60);
	return minutes === 0 ? unit(hours, 'hour') : `${unit(hours, 'hour')} ${unit(minutes, 'minute')}`;
}
