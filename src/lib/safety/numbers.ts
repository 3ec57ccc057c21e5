// Emergency and crisis numbers per region. Owns the built-in table and how a locale or region tag
// maps onto it. Invariants: every result has an emergency number; unknown regions get the generic
// 112 with `known: false` so the UI can say "your local emergency number"; staff overrides (from
// settings) are validated and never throw — an invalid override entry is ignored.

import type { SafetyLocale } from './locale';

export interface ContactNumber {
	/** Digits as dialled, spaces allowed ("116 123"). */
	number: string;
	label: Record<SafetyLocale, string>;
}

export interface EmergencyContacts {
	/** Region code the contacts are for ('CN', 'US', 'GB', …) or 'default'. */
	region: string;
	/** False when the region is not in the table and the generic default is used. */
	known: boolean;
	/** The number to call for an ambulance. */
	emergency: ContactNumber;
	/** Other useful numbers (police, fire, non-urgent advice, poison control). */
	secondary: ContactNumber[];
	/** Crisis line for suicidal thoughts or self-harm, when known. */
	crisis: ContactNumber | null;
}

export type ContactOverride = Partial<Pick<EmergencyContacts, 'emergency' | 'secondary' | 'crisis'>>;
/** Overrides keyed by region code ('CN', 'US', 'FR', …), e.g. from staff settings. */
export type ContactOverrides = Record<string, ContactOverride>;

const n = (number: string, zh: string, en: string): ContactNumber => ({ number, label: { 'zh-CN': zh, en } });

const AMBULANCE = (number: string) => n(number, '急救电话', 'Emergency (ambulance)');

const TABLE: Record<string, Omit<EmergencyContacts, 'region' | 'known'>> = {
	CN: {
		emergency: n('120', '急救电话', 'Ambulance'),
		secondary: [n('110', '报警电话', 'Police'), n('119', '火警电话', 'Fire')],
		crisis: n('12356', '全国心理援助热线', 'National mental health hotline')
	},
	US: {
		emergency: AMBULANCE('911'),
		secondary: [n('1-800-222-1222', '中毒求助热线', 'Poison Control')],
		crisis: n('988', '自杀与危机求助热线', '988 Suicide & Crisis Lifeline')
	},
	GB: {
		emergency: AMBULANCE('999'),
		secondary: [n('111', 'NHS 111 非紧急医疗咨询', 'NHS 111 (urgent but not life-threatening)')],
		crisis: n('116 123', '撒玛利亚会热线', 'Samaritans')
	},
	IE: {
		emergency: AMBULANCE('112'),
		secondary: [n('999', '急救电话', 'Emergency (also 999)')],
		crisis: n('116 123', '撒玛利亚会热线', 'Samaritans')
	},
	CA: {
		emergency: AMBULANCE('911'),
		secondary: [],
		crisis: n('988', '自杀危机求助热线', '9-8-8 Suicide Crisis Helpline')
	},
	AU: { emergency: AMBULANCE('000'), secondary: [], crisis: n('13 11 14', 'Lifeline 危机热线', 'Lifeline') },
	NZ: { emergency: AMBULANCE('111'), secondary: [], crisis: n('1737', '心理支持热线', 'Need to talk? 1737') },
	HK: {
		emergency: AMBULANCE('999'),
		secondary: [],
		crisis: n('2389 2222', '香港撒玛利亚防止自杀会', 'Samaritan Befrienders Hong Kong')
	},
	TW: {
		emergency: AMBULANCE('119'),
		secondary: [n('110', '报警电话', 'Police')],
		crisis: n('1925', '安心专线', 'Suicide prevention line 1925')
	},
	SG: {
		emergency: AMBULANCE('995'),
		secondary: [],
		crisis: n('1767', 'SOS 危机热线', 'Samaritans of Singapore')
	},
	IN: {
		emergency: AMBULANCE('112'),
		secondary: [n('108', '救护车', 'Ambulance (108)')],
		crisis: n('14416', 'Tele-MANAS 心理热线', 'Tele-MANAS')
	}
};

const DEFAULT: Omit<EmergencyContacts, 'region' | 'known'> = {
	emergency: n(
		'112',
		'当地急救电话（多数手机可拨 112）',
		'Local emergency number (112 works from most mobile phones)'
	),
	secondary: [],
	crisis: null
};

const ALIASES: Record<string, string> = { UK: 'GB', ZH: 'CN', EN: 'US' };

/**
 * Region code for a locale or region tag: 'zh-CN' → 'CN', 'zh' → 'CN', 'en-GB' → 'GB', 'UK' → 'GB',
 * 'en' → 'default' (English alone says nothing about the country), 'zh-Hant-TW' → 'TW'.
 */
export function regionOf(tag: string): string {
	const parts = (typeof tag === 'string' ? tag : '')
		.trim()
		.replace(/_/g, '-')
		.split('-')
		.filter((p) => p.length > 0);
	const region = parts.slice(1).find((p) => /^[A-Za-z]{2}$/.test(p));
	if (region !== undefined) {
		const upper = region.toUpperCase();
		return ALIASES[upper] ?? upper;
	}
	const only = parts[0]?.toUpperCase();
	if (only === undefined) return 'default';
	if (only === 'ZH') return 'CN';
	if (only.length === 2 && only !== 'EN') return ALIASES[only] ?? only;
	return 'default';
}

const NUMBER_SHAPE = /^\+?[0-9][0-9 -]{1,19}$/;

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null;
}

/** A contact number as staff may enter it, or null when it is not one (never throws). */
export function parseContactNumber(value: unknown): ContactNumber | null {
	if (!isRecord(value)) return null;
	const number = value.number;
	if (typeof number !== 'string' || !NUMBER_SHAPE.test(number.trim())) return null;
	const label = isRecord(value.label) ? value.label : {};
	const zh = typeof label['zh-CN'] === 'string' ? label['zh-CN'] : number;
	const en = typeof label.en === 'string' ? label.en : number;
	return n(number.trim(), zh.slice(0, 80), en.slice(0, 80));
}

/**
 * Emergency, secondary and crisis numbers for a region or locale tag ('zh-CN', 'en-US', 'en-GB',
 * 'FR', …). `overrides` (keyed by region code) replace the built-in entries field by field; invalid
 * override entries are ignored. Never throws.
 */
export function emergencyContacts(region: string, overrides?: ContactOverrides): EmergencyContacts {
	const code = regionOf(region);
	const base = TABLE[code];
	const result: EmergencyContacts = {
		region: code,
		known: base !== undefined,
		emergency: (base ?? DEFAULT).emergency,
		secondary: [...(base ?? DEFAULT).secondary],
		crisis: (base ?? DEFAULT).crisis
	};
	const override: unknown = overrides?.[code];
	if (!isRecord(override)) return result;
	const emergency = parseContactNumber(override.emergency);
	if (emergency !== null) {
		result.emergency = emergency;
		result.known = true;
	}
	if (Array.isArray(override.secondary)) {
		result.secondary = override.secondary
			.map(parseContactNumber)
			.filter((c): c is ContactNumber => c !== null);
	}
	if (override.crisis === null) result.crisis = null;
	else {
		const crisis = parseContactNumber(override.crisis);
		if (crisis !== null) result.crisis = crisis;
	}
	return result;
}
