// Clause structure and the three reasons a red-flag mention may not be a present emergency: it is
// negated, it is past history, or it is a general question about a condition. Works on the
// normalised text (see normalize.ts), so every offset is an offset into the patient's original text.
//
// Invariants (missing an emergency costs far more than a false alarm):
// - A negation cue only covers red-flag terms AFTER it, in its OWN clause, within a short window.
//   Clauses end at punctuation and at contrast words (但/但是/but/however…), so "没有发烧，但是胸口很痛"
//   keeps the chest pain. The one exception is an English bare list after a negation with "or"/"nor"
//   ("no chest pain, shortness of breath, or dizziness"); Chinese lists use 、 and stay in one clause.
// - History suppresses only when the clause has a past cue and no present cue (现在/又/now/again/still…).
// - A general question suppresses only when its sentence has a knowledge-seeking cue and the term's
//   clause names no person having it (I/my/我/他/我妈…, after removing "I want to know"-style asking).
// - Cue characters that are part of a matched red-flag term never count as cues ("喘不过气" has 不,
//   "晕过去" has 过去).
// All regexes here are linear: alternations of literals, bounded gaps, no nested unbounded repeats.
// Input is the normalised, ASCII-lower-cased text (normalize + lowerAscii): the whole-text cue
// regexes are case-sensitive for speed, and each runs once per message (CueSet), not per clause.

import { isHan } from './normalize';

export interface Clause {
	start: number;
	end: number;
	/** Index of the sentence (split on 。！？!?；;. and newlines) this clause belongs to. */
	sentence: number;
	/** What separated this clause from the previous one. */
	opener: 'start' | 'sentence' | 'comma' | 'contrast';
}

export interface Span {
	start: number;
	end: number;
}

// Sentence-ending punctuation, commas, whitespace between Han characters, contrast words, and an
// English "and" that starts a new subject ("… ten years ago and I am fine now").
const BOUNDARY =
	/([。！？!?；;\n\r]+|\.(?!\d)|…+)|([，,]+|(?<=[\u4e00-\u9fff])[ \t]+(?=[\u4e00-\u9fff]))|((?<!不|非)但是?|可是|然而|(?<=^|[\s，,。；;！!？?])不过|(?<!冷|忘|推|退)却|只是|而是|反而|除了|\b(?:but|however|although|though|except|apart from|other than|besides|whereas)\b|(?<=,\s?)yet\b|\band (?=(?:i|i'm|im|he|she|he's|she's|they|we|it's)\b))/gu;

/** Clauses of `text` in order; covers the whole string (empty clauses are dropped). */
export function splitClauses(text: string): Clause[] {
	const clauses: Clause[] = [];
	let sentence = 0;
	let start = 0;
	let opener: Clause['opener'] = 'start';
	const push = (end: number) => {
		if (end > start && /\S/.test(text.slice(start, end))) clauses.push({ start, end, sentence, opener });
	};
	BOUNDARY.lastIndex = 0;
	for (const m of text.matchAll(BOUNDARY)) {
		const at = m.index;
		if (m[1] !== undefined) {
			push(at);
			sentence++;
			start = at + m[0].length;
			opener = 'sentence';
		} else if (m[2] !== undefined) {
			push(at);
			start = at + m[0].length;
			if (opener !== 'sentence' || clauses.length > 0) opener = 'comma';
		} else {
			// A contrast word opens a new clause and belongs to it.
			push(at);
			start = at;
			opener = 'contrast';
		}
	}
	push(text.length);
	if (clauses.length === 0 && text.length > 0)
		clauses.push({ start: 0, end: text.length, sentence: 0, opener: 'start' });
	return clauses;
}

/** Index of the clause containing `pos` (binary search; clauses are sorted). */
export function clauseIndexAt(clauses: readonly Clause[], pos: number): number {
	let lo = 0;
	let hi = clauses.length - 1;
	let found = 0;
	while (lo <= hi) {
		const mid = (lo + hi) >> 1;
		const c = clauses[mid];
		if (c === undefined) break;
		if (c.start <= pos) {
			found = mid;
			lo = mid + 1;
		} else hi = mid - 1;
	}
	return found;
}

/**
 * Answers "does any span overlap [start, end)?" in O(log n): spans sorted by start with a running
 * maximum of their ends (so 100k-character inputs with thousands of matches stay linear-ish).
 */
export class SpanIndex {
	readonly #starts: number[];
	readonly #maxEnd: number[];

	constructor(spans: readonly Span[]) {
		const sorted = [...spans].sort((a, b) => a.start - b.start);
		this.#starts = sorted.map((s) => s.start);
		this.#maxEnd = [];
		let max = -1;
		for (const s of sorted) {
			max = Math.max(max, s.end);
			this.#maxEnd.push(max);
		}
	}

	overlaps(start: number, end: number): boolean {
		// Count spans whose start < end.
		let lo = 0;
		let hi = this.#starts.length;
		while (lo < hi) {
			const mid = (lo + hi) >> 1;
			if ((this.#starts[mid] ?? Infinity) < end) lo = mid + 1;
			else hi = mid;
		}
		return lo > 0 && (this.#maxEnd[lo - 1] ?? -1) > start;
	}
}

// ---------------------------------------------------------------------------------------------
// Negation

const NEGATION_CUE =
	/否认|并没有|并无|从未|从没|没有|没|无|未|不是|不|\b(?:no|not|never|without|denies|denied|deny|nor|neither|none|free of|negative for|absence of|ruled out|dont|doesnt|didnt|havent|hasnt|hadnt|isnt|arent|wasnt|werent)\b|\b[a-z]+n't\b/gu;

// Words built on a negation character that do not negate what follows (ability, continuation,
// "don't know", A-not-A questions are handled separately).
const PSEUDO_NEGATION_ZH =
	/^(?:不知道|不知|不清楚|不确定|不明白|不晓得|不懂|不停|不断|不住|不止|不行|不了|不舒服|不得了|不得不|不小心|不对劲|不太对|不正常|不一样|不能|不会|不要|不醒|不清|不出|不过|不起|不动|不到|不下|不上|不良|不适|不好|不少|不久|不然|不管|不光|不仅|不但|不单|不论|不一会|不像|不见好|不缓解|不退|没法|没办法|没多久|没过多久|没一会|没几|没事吧|没劲|没力|没反应|没知觉|没意识|没呼吸|没气|没了|没用|没效果|没好|没缓解|没减轻|没止住|没停|没见好|没退|没有用|没有效果|没有好转|没有缓解|没有减轻|没有反应|没有知觉|没有意识|没有力气|没有办法|无法|无力|无故|无缘无故|无意识|无反应|无端|无效|无明显诱因|未成年|未满|未来|未知|未缓解|未好转|未见好转|未止|未停|从没这么|从没有这么|从未这么|从来没这么|从来没有这么|从没这样|从未这样|没这么|没有这么)/u;

const PSEUDO_NEGATION_EN =
	/^(?:not sure|not certain|don'?t know|didn'?t know|doesn'?t know|no idea|not only|no matter|not just|not able|don'?t understand|didn'?t help|doesn'?t help|not helping|hasn'?t helped|haven'?t helped|didn'?t work|doesn'?t work|not working|not going away|doesn'?t go away|didn'?t go away|hasn'?t gone away|isn'?t going away|not getting better|isn'?t getting better|not improving|no better|not stop|doesn'?t stop|didn'?t stop|not stopping|no one|nobody|not normal|not feeling well|not well|not right|not responding|not breathing|not waking|not moving|not conscious|no pulse|not for long|not long|never had (?:[a-z]+ ){0,3}?(?:this|so|such|like|anything like)|never felt (?:[a-z]+ ){0,3}?(?:this|so|such|like|anything like)|never been (?:this|so)|never experienced (?:[a-z]+ ){0,2}?like|not want|don'?t want|doesn'?t want|didn'?t want|not eating|not feeding|not drinking|no wet|not making sense|doesn'?t make sense)/iu;

// Ability and refusal forms read as affirmative in symptom talk ("can't breathe", "won't wake").
const NON_NEGATING_NT = /^(?:can|could|wo|would|should|must|ai|need|might)n't$/iu;

// Text between a cue and a term that ends the cue's reach even without punctuation.
const SCOPE_BREAK =
	/而且|并且|还有|现在|反而|就是|and now|\band (?:i|my|he|she|his|her|now|then)\b|\bnow\b|\bthen\b/iu;

function isAnotA(text: string, at: number, cue: string): boolean {
	const before = text.charAt(at - 1);
	if (cue === '没有') return before === '有';
	if (cue === '不' || cue === '没') return before !== '' && before === text.charAt(at + cue.length);
	if (cue === '不是') return before === '是';
	return false;
}

function gapAllowsNegation(gap: string): boolean {
	if (SCOPE_BREAK.test(gap)) return false;
	if (/[a-z]/i.test(gap)) {
		const words = gap.split(/\s+/).filter((w) => w.length > 0);
		return words.length <= 6 && gap.length <= 60;
	}
	let han = 0;
	for (let i = 0; i < gap.length; i++) if (isHan(gap.charCodeAt(i))) han++;
	return han <= 10 && gap.length <= 24;
}

/** True when a real negation cue inside `clause`, before `termStart`, reaches the term. */
function clauseNegates(text: string, clause: Clause, termStart: number, termSpans: SpanIndex): boolean {
	const from = Math.max(clause.start, termStart - 80);
	const window = text.slice(from, termStart);
	NEGATION_CUE.lastIndex = 0;
	for (const m of window.matchAll(NEGATION_CUE)) {
		const cue = m[0];
		const at = from + m.index;
		const end = at + cue.length;
		if (termSpans.overlaps(at, end)) continue;
		if (/n't$/i.test(cue) && NON_NEGATING_NT.test(cue)) continue;
		const rest = text.slice(at, Math.min(text.length, at + 48));
		if (PSEUDO_NEGATION_ZH.test(rest) || PSEUDO_NEGATION_EN.test(rest)) continue;
		if (isAnotA(text, at, cue)) continue;
		if (
			/^(?:not|no)$/i.test(cue) &&
			/\b(?:can|could|would|will)\s*$/i.test(text.slice(Math.max(0, at - 8), at))
		)
			continue;
		if (gapAllowsNegation(text.slice(end, termStart))) return true;
	}
	return false;
}

const LIST_ITEM_STOP =
	/\b(?:i|i'm|im|my|me|he|she|his|her|they|we|now|still|have|has|had|is|am|are|was|feel|feels|felt|got|getting|having|really|very|severe|suddenly|again|today|started|keep|keeps)\b/iu;

/** An English clause that is only a short noun phrase, e.g. "shortness of breath" or "or dizziness". */
function isBareListItem(text: string, clause: Clause): boolean {
	const body = text
		.slice(clause.start, clause.end)
		.trim()
		.replace(/^(?:or|nor|and|any|or any)\s+/i, '');
	if (!/^[a-z' -]+$/i.test(body)) return false;
	if (body.split(/\s+/).length > 5) return false;
	return !LIST_ITEM_STOP.test(body);
}

/**
 * Whether the red-flag term at [termStart, …) is negated. `termSpans` are all red-flag matches in
 * the text (their characters are never cues).
 */
export function isNegated(
	text: string,
	clauses: readonly Clause[],
	clauseIdx: number,
	termStart: number,
	termSpans: SpanIndex
): boolean {
	const clause = clauses[clauseIdx];
	if (clause === undefined) return false;
	if (clauseNegates(text, clause, termStart, termSpans)) return true;
	// English negated lists: "No chest pain, shortness of breath, or dizziness."
	// Walk back over at most eight list items so long inputs stay linear.
	for (let k = clauseIdx; k > 0 && clauseIdx - k < 8; k--) {
		const c = clauses[k];
		const prev = clauses[k - 1];
		if (c === undefined || prev === undefined) return false;
		if (c.opener !== 'comma' || prev.sentence !== c.sentence || !isBareListItem(text, c)) return false;
		if (clauseNegates(text, prev, prev.end, termSpans)) {
			// The list must be a disjunction ("or"/"nor") somewhere from the negated clause onwards.
			let last = clauseIdx;
			while (
				last - clauseIdx < 8 &&
				clauses[last + 1]?.opener === 'comma' &&
				clauses[last + 1]?.sentence === c.sentence
			)
				last++;
			const tail = text.slice(prev.start, clauses[last]?.end ?? c.end);
			return /\b(?:or|nor)\b/i.test(tail);
		}
	}
	return false;
}

// ---------------------------------------------------------------------------------------------
// History

const HISTORY_CUE =
	/去年|前年|以前|曾经|曾患|曾有|曾因|曾发生|过去|[\d一二两三四五六七八九十几多]+\s*年前|多年前|[\d一二两三四五六七八九十几半]+\s*个多?月前|上个月|上上个月|小时候|年轻时|年轻的时候|[\d一二两三四五六七八九十]+\s*岁(?:的)?时(?:候)?|既往|病史|后遗症|康复期?|恢复期|得过|患过|有过|发生过|犯过|发作过|做过|去世|过世|死于|\bhistory of\b|\bhx of\b|\blast (?:year|month|summer|winter|spring|autumn|fall)\b|\b(?:years?|months?|decades?) ago\b|\bin the past\b|\bpreviously\b|\bprevious\b|\bused to\b|\bback in\b|\bin (?:19|20)\d\d\b|\bas a (?:child|kid|teenager|baby)\b|\bwhen (?:i|he|she) was (?:young|younger|a child|a kid|little|a baby)\b|\bfamily history\b|\bruns in (?:my|the|our) family\b|\bsurvivor\b|\brecovered from\b|\brecovering from\b|\brehab\b|\bdied (?:of|from)\b|\bpassed away\b|\bonce had\b|\bhad (?:a|an|one)\b[^.,;!?]{0,40}\b(?:ago|before|once)\b/gu;

const PRESENT_CUE =
	/现在(?!好了|没事|已经好|控制|稳定|正常|恢复)|目前(?!控制|稳定|正常|恢复)|当前|此刻|这会儿?|刚才|刚刚|今天|今早|今晚|正在|又|再次|还在|仍然|依然|一直(?!控制|稳定|正常|很好|挺好)|突然|这么|这样|如此|昨天|昨晚|(?<!(?:fine|ok|okay|better|well|good|normal|controlled|stable|recovered) )\bnow\b(?! (?:fine|ok|okay|better|well|good|normal|controlled|stable|recovered))|\bagain\b|\bright now\b|\bcurrently\b|\bstill\b|\btoday\b|\btonight\b|\bthis (?:morning|afternoon|evening)\b|\bjust now\b|\bat the moment\b|\bsuddenly\b|\blike this\b|\bthis bad\b|\byesterday\b|\blast night\b|\bkeeps?\b/gu;

/**
 * Start offsets of one cue regex's matches over the whole text, leaving out matches that overlap a
 * red-flag term. After such a match the search resumes one character later, so a long cue that
 * swallowed the term ("had a stroke two years ago") does not hide a shorter one ("years ago").
 */
class CueIndex {
	readonly #starts: number[] = [];

	constructor(re: RegExp, text: string, termSpans: SpanIndex) {
		re.lastIndex = 0;
		let m: RegExpExecArray | null;
		while ((m = re.exec(text)) !== null) {
			const end = m.index + Math.max(1, m[0].length);
			if (termSpans.overlaps(m.index, end)) re.lastIndex = m.index + 1;
			else {
				this.#starts.push(m.index);
				if (m[0].length === 0) re.lastIndex = m.index + 1;
			}
		}
	}

	/** Whether some cue starts in [from, to). */
	any(from: number, to: number): boolean {
		let lo = 0;
		let hi = this.#starts.length;
		while (lo < hi) {
			const mid = (lo + hi) >> 1;
			if ((this.#starts[mid] ?? Infinity) < from) lo = mid + 1;
			else hi = mid;
		}
		return (this.#starts[lo] ?? Infinity) < to;
	}
}

/** The whole-text cue indexes for one message, each built on first use. */
export class CueSet {
	readonly #text: string;
	readonly #spans: SpanIndex;
	#history: CueIndex | null = null;
	#present: CueIndex | null = null;
	#general: CueIndex | null = null;

	constructor(text: string, termSpans: SpanIndex) {
		this.#text = text;
		this.#spans = termSpans;
	}

	get history(): CueIndex {
		return (this.#history ??= new CueIndex(HISTORY_CUE, this.#text, this.#spans));
	}

	get present(): CueIndex {
		return (this.#present ??= new CueIndex(PRESENT_CUE, this.#text, this.#spans));
	}

	get general(): CueIndex {
		return (this.#general ??= new CueIndex(GENERAL_CUE, this.#text, this.#spans));
	}
}

export type ClauseTense = 'present' | 'past' | 'unmarked';

/** A clause-level reading: any present cue wins; otherwise a past cue makes it 'past'. */
export function clauseTense(cues: CueSet, clause: Clause): ClauseTense {
	if (cues.present.any(clause.start, clause.end)) return 'present';
	if (cues.history.any(clause.start, clause.end)) return 'past';
	return 'unmarked';
}

/**
 * Whether the term ending at `termEnd` is past history: its clause reads as past, or (unmarked
 * clause) the Chinese experiential aspect follows the term directly ("中风过", "抽搐过").
 */
export function isHistory(text: string, tense: ClauseTense, termEnd: number): boolean {
	if (tense === 'past') return true;
	if (tense === 'present') return false;
	return text.charAt(termEnd) === '过' && !/[来去气]/u.test(text.charAt(termEnd + 1));
}

// ---------------------------------------------------------------------------------------------
// General questions

const GENERAL_CUE =
	/有哪些症状|有什么症状|什么症状|症状有哪些|症状是什么|哪些症状|的症状|哪些表现|什么表现|的表现|征兆|前兆|早期信号|预警信号|危险信号|怎么预防|如何预防|怎样预防|预防|风险|危险因素|高危因素|诱因|会不会导致|会导致|可能导致|会引起|可能引起|能引起|会诱发|什么是|是什么病|是什么意思|怎么治疗|如何治疗|治疗方法|能治好|能根治|怎么判断|如何判断|怎样判断|如何识别|怎么识别|怎么区分|如何区分|区别|有什么关系|遗传吗|会遗传|发病率|概率|几率|可能性|原因有哪些|常见原因|科普|注意事项|如果|假如|万一|要是|假设|一般人|普通人|\bwhat (?:are|is|were) (?:the )?(?:common |main |early |typical |usual |first |key )?(?:symptoms?|signs?|causes?|risk factors?|warning signs?)\b|\bsymptoms? of\b|\bsigns? of\b|\bwarning signs?\b|\bearly signs?\b|\bred flags?\b|\bhow (?:do|can|would|should|does) (?:i|you|we|one|people|someone|a person) (?:tell|know|recogni[sz]e|spot|prevent|avoid|identify|reduce|lower)\b|\bhow to (?:prevent|recogni[sz]e|tell|spot|treat|avoid|reduce|lower|identify)\b|\bprevent(?:ion|ing)?\b|\brisks?\b|\brisk factors?\b|\bchances? of\b|\blikelihood\b|\b(?:can|could|does|do|will|would) (?:\w+ ){1,4}?(?:cause|lead to|trigger|result in|increase)\b|\bcauses?\b|\bwhat(?: is|'s) (?:a |an |the )?\b|\bdifference between\b|\bhow common\b|\bhereditary\b|\bgenetic\b|\bif (?:someone|somebody|a person|a child|a baby|you|one|people)\b|\bin case of\b|\bwhat (?:should|do|can) (?:i|you|we|one) do (?:if|when)\b|\bwhat to do (?:if|when)\b|\bhow (?:is|are) (?:\w+ ){1,3}?(?:treated|diagnosed)\b|\btreatment (?:for|of)\b|\btell me about\b|\bexplain\b|\blearn about\b|\bfirst aid for\b|\bstatistics\b|\bin general\b|\bgenerally\b|\bwhat (?:does|do|would|did) (?:\w+ ){1,4}?(?:feel|look|sound) like\b|\bin (?:women|men|children|kids|adults|the elderly|older people|teenagers|babies)\b|是什么感觉|什么感觉|有什么感觉|在女性|在男性|女性的|男性的/gu;

// Phrases that only say who is asking; removed before looking for a person who has the symptom.
const ASKER =
	/我想知道|我想问一?下?|我想问问|想请问|请问一?下?|我想了解一?下?|想了解一?下?|我想咨询一?下?|咨询一?下?|我很好奇|我好奇|请告诉我|告诉我|帮我解释|给我讲讲|我问一?下|我想请教|请教一?下?|我想学习|我想学|我应该怎么|我该怎么|我们应该|\bi (?:want|wanted|would like|'d like|'m trying|am trying|need) to (?:know|understand|learn|ask)\b|\bi(?:'m| am) (?:curious|wondering|asking)\b|\bi wonder\b|\b(?:can|could) you (?:please )?(?:tell|explain|help|list)(?: me)?\b|\btell me\b|\bexplain to me\b|\bhelp me understand\b|\bwhat (?:should|do|can) i do\b|\bhow (?:do|can|would|should) i (?:tell|know|recogni[sz]e|spot|prevent|avoid|identify|reduce|lower)\b|\bshould i (?:worry|be worried)\b|\bi(?:'ve| have) (?:heard|read)\b|\bi(?:'m| am) (?:a |an )?(?:student|nurse|carer|caregiver|teacher|parent|writer)\b/giu;

const PERSON =
	/我|(?<!其|利|吉)他|她|宝宝|宝贝|儿子|女儿|闺女|老公|老婆|丈夫|妻子|爱人|爸|妈|爷爷|奶奶|姥姥|姥爷|外公|外婆|公公|婆婆|岳父|岳母|哥哥|姐姐|弟弟|妹妹|朋友|同事|邻居|家人|家里人|亲戚|室友|同学|老伴|\b(?:i|i'm|im|i've|i'd|i'll|me|my|mine|myself|we|we're|our|us|he|he's|she|she's|his|her|him|himself|herself)\b|\b(?:mum|mom|mother|dad|father|wife|husband|son|daughter|grandma|grandmother|grandpa|grandfather|granny|friend|partner|brother|sister|boyfriend|girlfriend|neighbou?r|colleague|roommate|flatmate|uncle|aunt|nan|nana)\b/iu;

const PRESENT_NOW =
	/现在|正在|此刻|刚才|刚刚|这会儿|\bright now\b|\bcurrently\b|\bat the moment\b|\bjust now\b/iu;

/** Whether text[start, end) (a sentence) has knowledge-seeking framing outside the term spans. */
export function hasGeneralCue(cues: CueSet, start: number, end: number): boolean {
	return cues.general.any(start, end);
}

/**
 * Whether a clause in a general-question sentence still describes someone's present experience: it
 * says "now", or names a person (after removing "I want to know"-style asking phrases).
 */
export function clauseIsPersonal(text: string, clause: Clause): boolean {
	const own = text.slice(clause.start, clause.end);
	if (PRESENT_NOW.test(own)) return true;
	return PERSON.test(own.replace(ASKER, ' '));
}
