// The QR text's words from the app's i18n strings of one language (en.ts / zh-CN.ts).
import type { Messages } from '../i18n/en';
import type { QrTextLabels } from './qr-text';

export function qrLabels(messages: Messages): QrTextLabels {
	const { handoff, emergency } = messages;
	return {
		...handoff.qr,
		categories: emergency.categories,
		ageGroups: handoff.ageGroups,
		languageNames: handoff.languageNames,
		list: handoff.list
	};
}
