// Staff settings of the safety layer: extra emergency terms, the region whose numbers are shown,
// and per-region number overrides. Values are validated when read, so a damaged or hand-edited row
// falls back to safe defaults (built-in terms and numbers always apply; staff only ADD terms).
import { isCategoryId } from '$lib/safety/categories';
import { validateExtraTerms, type ExtraTerms } from '$lib/safety/extra-terms';
import { parseContactNumber, type ContactOverride, type ContactOverrides } from '$lib/safety/numbers';
import type { AppDatabase } from './db';

export interface SafetySettings {
	/** Staff-added terms per emergency category, on top of the built-in lists. */
	extraTerms: ExtraTerms;
	/** 'auto' (from the browser's languages) or a region code such as 'CN', 'GB', 'FR'. */
	region: string;
	/** Staff-set numbers per region code, replacing or adding to the built-in table. */
	contacts: ContactOverrides;
}

export const DEFAULT_SAFETY_SETTINGS: SafetySettings = { extraTerms: {}, region: 'auto', contacts: {} };

const KEY = 'safety';
const REGION = /^(auto|[A-Z]{2}|default)$/;

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Keeps only what is valid; never throws. */
export function parseSafetySettings(value: unknown): SafetySettings {
	if (!isRecord(value)) return DEFAULT_SAFETY_SETTINGS;
	const record = value;
	const region = typeof record.region === 'string' && REGION.test(record.region) ? record.region : 'auto';
	const contacts: ContactOverrides = {};
	if (isRecord(record.contacts)) {
		for (const [code, override] of Object.entries(record.contacts)) {
			if (!/^([A-Z]{2}|default)$/.test(code) || !isRecord(override)) continue;
			const kept: ContactOverride = {};
			const emergency = parseContactNumber(override.emergency);
			if (emergency) kept.emergency = emergency;
			if (override.crisis === null) kept.crisis = null;
			else {
				const crisis = parseContactNumber(override.crisis);
				if (crisis) kept.crisis = crisis;
			}
			if (Array.isArray(override.secondary)) {
				kept.secondary = override.secondary.map(parseContactNumber).filter((contact) => contact !== null);
			}
			if (Object.keys(kept).length > 0) contacts[code] = kept;
		}
	}
	return { extraTerms: validateExtraTerms(record.extraTerms).terms, region, contacts };
}

export async function readSafetySettings(db: AppDatabase): Promise<SafetySettings> {
	const row = await db.settings.get(KEY);
	return parseSafetySettings(row?.value);
}

/** Stores validated settings; rejects (e.g. QuotaExceededError) leaving the previous value in place. */
export async function writeSafetySettings(
	db: AppDatabase,
	settings: SafetySettings
): Promise<SafetySettings> {
	const clean = parseSafetySettings(settings);
	await db.settings.put({ key: KEY, value: clean, updatedAt: Date.now() });
	return clean;
}

/** Terms as staff edit them: one per line, per category. */
export function termsToText(terms: ExtraTerms): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [category, list] of Object.entries(terms)) {
		if (isCategoryId(category)) out[category] = (list ?? []).join('\n');
	}
	return out;
}

export function textToTerms(text: Record<string, string>): Record<string, string[]> {
	const out: Record<string, string[]> = {};
	for (const [category, value] of Object.entries(text)) {
		const lines = value
			.split(/\r?\n/)
			.map((line) => line.trim())
			.filter((line) => line.length > 0);
		if (lines.length > 0) out[category] = lines;
	}
	return out;
}
