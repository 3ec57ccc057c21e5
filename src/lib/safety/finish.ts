// Answer post-processing: what the patient sees beside a model answer.
//
// Invariants:
// - The raw model text is returned untouched in `raw` (it must stay sendable back to the model);
//   `text` is the cleaned answer to show, and the advisory and disclaimer are separate fields the UI
//   shows BESIDE the answer. `renderFinished` joins them into one string for export.
// - Reasoning is never shown: <think>…</think> blocks, an unclosed <think> (everything after it),
//   and stray </think> tags are removed.
// - The disclaimer appears at most once per conversation: not when ctx says it was shown, and not
//   when the answer already carries one. The advisory is not added when the answer already says it.
// - Empty or unsure answers fall back to the safe sentence. Pure, never throws.

import medicines from './terms/medicines.json';
import { contentLocale, type SafetyLocale } from './locale';

export const FALLBACK_SENTENCE: Record<SafetyLocale, string> = {
	'zh-CN': '目前无法确认，请咨询专业医生。',
	en: "I can't confirm this; please consult a medical professional."
};

export const MEDICATION_ADVISORY: Record<SafetyLocale, string> = {
	'zh-CN': '请遵医嘱。',
	en: "Follow your doctor's advice."
};

export const DISCLAIMER: Record<SafetyLocale, string> = {
	'zh-CN': '以上内容仅供参考，不能替代医生的诊断和治疗。',
	en: 'This information is for reference only and does not replace diagnosis or treatment by a doctor.'
};

export interface FinishContext {
	/** UI locale ('zh-CN', 'en', 'en-GB', …): picks the language of advisory, disclaimer, fallback. */
	locale: string;
	/** True when a disclaimer was already shown earlier in this conversation. Default false. */
	disclaimerShown?: boolean;
}

export interface FinishedAnswer {
	/** The cleaned answer to show (reasoning stripped, trimmed; the fallback sentence if empty). */
	text: string;
	/** "Follow your doctor's advice" when medicines or doses are named, else null. */
	advisory: string | null;
	/** The disclaimer to show once per conversation, else null. */
	disclaimer: string | null;
	/** True when the answer was empty or unsure and the safe fallback sentence applies. */
	fallback: boolean;
	/** The model's text exactly as received. */
	raw: string;
}

const THINK_BLOCK = /<\s*think\s*>[\s\S]*?<\s*\/\s*think\s*>/gi;
const THINK_OPEN = /<\s*think\s*>/i;
const THINK_CLOSE = /<\s*\/\s*think\s*>/gi;

/** Removes model reasoning: closed blocks, an unclosed opening tag and all after it, stray closers. */
export function stripThinking(text: string): string {
	let out = text.replace(THINK_BLOCK, '');
	const open = THINK_OPEN.exec(out);
	if (open !== null) out = out.slice(0, open.index);
	return out.replace(THINK_CLOSE, '');
}

const UNSURE =
	/不确定|无法确定|无法确认|不能确定|不太清楚|我不清楚|我不知道|不好说|无法判断|无法回答|i'?m not sure|i am not sure|i'?m unsure|i don'?t know|i do not know|i cannot (?:say|determine|confirm)|i can'?t (?:say|determine|tell) for sure|i'?m not certain|i am not certain|unable to (?:determine|confirm)|not able to (?:determine|confirm)/i;

const ADVISORY_PRESENT =
	/遵医嘱|遵从医嘱|听从医生|按医生|follow (?:your|the) doctor'?s? (?:advice|instructions)|as (?:prescribed|directed) by your doctor|ask your (?:doctor|pharmacist)/i;
const FALLBACK_PRESENT =
	/目前无法确认，?请咨询专业医生|can'?t confirm this;? please consult a medical professional/i;
const DISCLAIMER_PRESENT =
	/仅供参考|不能替代|不能代替|for (?:reference|information(?:al)?) (?:only|purposes)|does not replace|not a substitute|doesn'?t replace|not medical advice/i;

function escapeRegExp(s: string): string {
	return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const DRUG_ZH = [...medicines.zh]
	.sort((a, b) => b.length - a.length)
	.map(escapeRegExp)
	.join('|');
const DRUG_EN = [...medicines.en]
	.sort((a, b) => b.length - a.length)
	.map(escapeRegExp)
	.join('|');
const UNITS = [...medicines.doseUnits]
	.sort((a, b) => b.length - a.length)
	.map(escapeRegExp)
	.join('|');
const FREQ = [...medicines.frequencies]
	.sort((a, b) => b.length - a.length)
	.map(escapeRegExp)
	.join('|');
const MEDICINE = new RegExp(
	`${DRUG_ZH}|(?<![a-z])(?:${DRUG_EN})(?![a-z])|\\d+(?:\\.\\d+)?\\s*(?:${UNITS})(?![a-z])|(?<![a-z])(?:${FREQ})(?![a-z])`,
	'i'
);

/** Whether the text names a medicine, a dose or a dosing frequency. */
export function mentionsMedication(text: string): boolean {
	return MEDICINE.test(text);
}

/**
 * Post-processes a model answer. `ctx.locale` chooses the language of the added sentences.
 * Never throws; a non-string answer is treated as empty.
 */
export function finish(answer: string, ctx: FinishContext): FinishedAnswer {
	const raw = typeof answer === 'string' ? answer : '';
	const locale = contentLocale(ctx.locale);
	const cleaned = stripThinking(raw).trim();
	const fallbackSentence = FALLBACK_SENTENCE[locale];
	let text = cleaned;
	let fallback = false;
	if (cleaned.length === 0) {
		text = fallbackSentence;
		fallback = true;
	} else if (UNSURE.test(cleaned)) {
		fallback = true;
		if (!FALLBACK_PRESENT.test(cleaned)) text = `${cleaned}\n\n${fallbackSentence}`;
	}
	const advisory = advisoryFor(cleaned, locale);
	const alreadyDisclaimed = ctx.disclaimerShown === true || DISCLAIMER_PRESENT.test(cleaned);
	return { text, advisory, disclaimer: alreadyDisclaimed ? null : DISCLAIMER[locale], fallback, raw };
}

function advisoryFor(text: string, locale: SafetyLocale): string | null {
	if (!mentionsMedication(text) || ADVISORY_PRESENT.test(text)) return null;
	return MEDICATION_ADVISORY[locale];
}

/** One string for export or copying: answer, then advisory, then disclaimer, blank-line separated. */
export function renderFinished(result: Pick<FinishedAnswer, 'text' | 'advisory' | 'disclaimer'>): string {
	return [result.text, result.advisory, result.disclaimer]
		.filter((p): p is string => p !== null && p.length > 0)
		.join('\n\n');
}
