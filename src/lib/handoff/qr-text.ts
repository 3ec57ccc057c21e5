// The compact text a QR code carries: the clinician summary, in one language, within a byte budget.
//
// Why this budget: the QR code is read by a phone camera off a tablet screen or a printout that may
// be folded or smudged, so it uses error correction level M (15% of the symbol may be damaged) and at
// most QR_MAX_BYTES of UTF-8 (byte mode). 1,000 bytes at level M is a version 26 symbol, 121 modules
// wide: ≥ 0.5 mm per module when printed 7 cm wide, which phone cameras read reliably. Chinese takes
// 3 bytes a character in UTF-8, so that is about 330 Chinese characters.
//
// Invariants:
// - The result is at most `maxBytes` bytes of UTF-8, or summaryText throws a RangeError when even
//   the parts that are never cut (heading, emergency categories, flags, the "truncated" notice and
//   the disclaimer) do not fit.
// - What is cut, in order: answers, then the profile's free text, then (only when the questions
//   alone overflow) the questions, each shortened fairly (the longest first) and ended with "…";
//   last, whole turns are left out oldest first, and the text says how many. Emergency categories
//   and flags are never cut, and any cut adds the `truncated` line.
// - Pure: labels (the reader's language) and the time format are passed in.
import type { AgeGroup } from '../store/schema';
import type { CategoryId } from '../safety/categories';
import type { AnswerState, ClinicianSummary, PatientLanguage } from './summary';

/** Error correction level of the QR code (see the budget above). */
export const QR_ECC = 'medium' as const;
/** Most UTF-8 bytes the QR code carries (see the budget above). */
export const QR_MAX_BYTES = 1_000;

/** The words of the QR text, in the reader's language (the UI passes its i18n strings). */
export interface QrTextLabels {
	heading: string;
	generated: (time: string) => string;
	languages: (names: string) => string;
	languageNames: Record<PatientLanguage, string>;
	emergency: (categories: string) => string;
	categories: Record<CategoryId, string>;
	/** Joins a list of names ("、" in Chinese, ", " in English). */
	list: (items: readonly string[]) => string;
	patientAsked: string;
	patientNote: (note: string) => string;
	complaint: (text: string) => string;
	history: (text: string) => string;
	ageGroup: (group: string) => string;
	ageGroups: Record<AgeGroup, string>;
	question: (n: number, text: string) => string;
	/** Answer `n`; `text` may be '' (no answer text), `state` says how the answer ended. */
	answer: (n: number, text: string, state: AnswerState) => string;
	omitted: (count: number) => string;
	truncated: string;
	disclaimer: string;
}

export interface QrText {
	text: string;
	/** UTF-8 length of `text`. */
	bytes: number;
	truncated: boolean;
}

export interface QrTextOptions {
	/** 64–2,331 (level M's largest symbol); default QR_MAX_BYTES. */
	maxBytes?: number;
	/** How times are written; default ISO 8601 (UTC) to the minute. */
	formatTime?: (ms: number) => string;
}

const encoder = new TextEncoder();
export const utf8Bytes = (text: string): number => encoder.encode(text).length;

/** UTF-8 length of one code point. */
const codePointBytes = (code: number): number =>
	code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;

const ELLIPSIS = '…';
const ELLIPSIS_BYTES = utf8Bytes(ELLIPSIS);

/** One line of free text: newlines and runs of spaces become one space. */
const oneLine = (text: string): string => text.replace(/\s+/g, ' ').trim();

/** `text` cut to at most `max` bytes of UTF-8 at a character boundary, ending in "…" when cut. */
export function cutToBytes(text: string, max: number): string {
	if (utf8Bytes(text) <= max) return text;
	let used = ELLIPSIS_BYTES;
	let out = '';
	for (const char of text) {
		const size = codePointBytes(char.codePointAt(0) ?? 0);
		if (used + size > max) break;
		out += char;
		used += size;
	}
	return `${out.trimEnd()}${ELLIPSIS}`;
}

/** Text that may be shortened; `tier` orders the cuts (1 first). */
interface Cuttable {
	tier: 1 | 2 | 3;
	value: string;
	render: (value: string) => string;
}
type Line = string | Cuttable;

interface Turn {
	question: Cuttable;
	answer: Cuttable | string | null;
}

function turnLines(summary: ClinicianSummary, labels: QrTextLabels): Turn[] {
	return summary.turns.map((turn) => {
		const question: Cuttable = {
			tier: 3,
			value: oneLine(turn.question),
			render: (value) => labels.question(turn.n, value)
		};
		const answer = turn.answer;
		if (!answer) return { question, answer: null };
		const text = oneLine(answer.text);
		const render = (value: string) => labels.answer(turn.n, value, answer.state);
		return { question, answer: text ? { tier: 1, value: text, render } : render('') };
	});
}

/** Renders lines with each tier's values capped at `caps[tier]` bytes (Infinity: uncut). */
function render(lines: readonly Line[], caps: Record<1 | 2 | 3, number>): string {
	return lines
		.map((line) => (typeof line === 'string' ? line : line.render(cutToBytes(line.value, caps[line.tier]))))
		.join('\n');
}

/** The largest cap in [0, hi] for which `fits(cap)` holds, or -1 (fits is monotone in cap). */
function largestCap(hi: number, fits: (cap: number) => boolean): number {
	if (!fits(0)) return -1;
	let lo = 0;
	while (lo < hi) {
		const mid = Math.ceil((lo + hi) / 2);
		if (fits(mid)) lo = mid;
		else hi = mid - 1;
	}
	return lo;
}

/**
 * The summary as compact text for a QR code, in the labels' language, at most `maxBytes` of UTF-8.
 * Throws a RangeError when `maxBytes` is outside 64–2,331 or too small for the parts never cut.
 */
export function summaryText(
	summary: ClinicianSummary,
	labels: QrTextLabels,
	options: QrTextOptions = {}
): QrText {
	const maxBytes = options.maxBytes ?? QR_MAX_BYTES;
	if (!Number.isInteger(maxBytes) || maxBytes < 64 || maxBytes > 2331)
		throw new RangeError(`maxBytes must be an integer from 64 to 2331, not ${maxBytes}`);
	const time = options.formatTime ?? ((ms: number) => new Date(ms).toISOString().slice(0, 16));

	const head: Line[] = [labels.heading, labels.generated(time(summary.generatedAt))];
	if (summary.languages.length > 0)
		head.push(labels.languages(labels.list(summary.languages.map((l) => labels.languageNames[l]))));
	if (summary.emergency.length > 0)
		head.push(labels.emergency(labels.list(summary.emergency.map((id) => labels.categories[id]))));
	const patientFlag = summary.flags.find((flag) => flag.source === 'patient');
	if (patientFlag) {
		head.push(labels.patientAsked);
		if (patientFlag.note) head.push(labels.patientNote(oneLine(patientFlag.note)));
	}
	const profile = summary.profile;
	if (profile?.chiefComplaint)
		head.push({ tier: 2, value: oneLine(profile.chiefComplaint), render: labels.complaint });
	if (profile?.medicalHistory)
		head.push({ tier: 2, value: oneLine(profile.medicalHistory), render: labels.history });
	if (profile?.ageGroup) head.push(labels.ageGroup(labels.ageGroups[profile.ageGroup]));

	const turns = turnLines(summary, labels);
	const compose = (kept: readonly Turn[], omitted: number, cut: boolean): Line[] => [
		...head,
		...(omitted > 0 ? [labels.omitted(omitted)] : []),
		...kept.flatMap((turn) => (turn.answer === null ? [turn.question] : [turn.question, turn.answer])),
		...(cut ? [labels.truncated] : []),
		labels.disclaimer
	];
	const fits = (text: string) => utf8Bytes(text) <= maxBytes;
	const uncut = { 1: Infinity, 2: Infinity, 3: Infinity };

	const whole = render(compose(turns, 0, false), uncut);
	if (fits(whole)) return { text: whole, bytes: utf8Bytes(whole), truncated: false };

	// Leave out the fewest oldest turns with which everything cut to "…" fits (usually none)…
	const allCut = { 1: 0, 2: 0, 3: 0 };
	const fitsOmitting = (k: number) => fits(render(compose(turns.slice(k), k, true), allCut));
	const fewest = fitsOmitting(0) ? 0 : smallestCount(turns.length, fitsOmitting);
	if (fewest < 0) throw new RangeError(`the summary's fixed parts do not fit in ${maxBytes} bytes`);
	// …then shorten tier by tier, each as little as the budget allows.
	const lines = compose(turns.slice(fewest), fewest, true);
	const caps = { ...uncut };
	for (const tier of [1, 2, 3] as const) {
		const longest = Math.max(
			0,
			...lines.map((line) =>
				typeof line !== 'string' && line.tier === tier ? Math.min(maxBytes, utf8Bytes(line.value)) : 0
			)
		);
		const cap = largestCap(longest, (c) => fits(render(lines, { ...caps, [tier]: c })));
		if (cap >= 0) {
			const text = render(lines, { ...caps, [tier]: cap });
			return { text, bytes: utf8Bytes(text), truncated: true };
		}
		caps[tier] = 0;
	}
	// Unreachable: with every tier at 0 the text fits (checked above).
	throw new RangeError(`the summary does not fit in ${maxBytes} bytes`);
}

/** The smallest k in [1, n] for which `fits(k)` holds, or -1 (fits is monotone in k). */
function smallestCount(n: number, fits: (k: number) => boolean): number {
	if (n < 1 || !fits(n)) return -1;
	let lo = 1;
	let hi = n;
	while (lo < hi) {
		const mid = Math.floor((lo + hi) / 2);
		if (fits(mid)) hi = mid;
		else lo = mid + 1;
	}
	return lo;
}
