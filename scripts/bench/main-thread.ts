// One page's main thread, read from a Chromium trace (browser.startTracing with MAIN_THREAD_CATEGORIES):
// every task it ran, how long, and where each task's time went (self time of the trace events
// inside it, grouped by kind). Unlike the 'longtask' PerformanceObserver, which reports only tasks
// over 50 ms, this sees every task, so a benchmark can say how close to 50 ms the longest one came
// and what it spent its time on.
//
// Times are converted to the page's own clock (performance.now()) through a performance.mark the page
// made while tracing (SYNC_MARK): the trace carries both the mark's trace timestamp and its startTime.
// The page's main thread is the thread that made the mark.

export const MAIN_THREAD_CATEGORIES = ['toplevel', 'devtools.timeline', 'blink.user_timing'];
export const SYNC_MARK = 'bench:sync';

export const KINDS = ['script', 'style', 'layout', 'paint', 'gc', 'other'] as const;
export type Kind = (typeof KINDS)[number];

export interface MainThreadTask {
	/** Page clock, ms. */
	start: number;
	duration: number;
	/** Self time (ms) by kind; sums to `duration` up to rounding. */
	kinds: Record<Kind, number>;
}

interface TraceEvent {
	name: string;
	ph: string;
	pid: number;
	tid: number;
	ts: number;
	dur?: number;
	args?: { data?: { startTime?: number } };
}

const SCRIPT = new Set([
	'FunctionCall',
	'EvaluateScript',
	'TimerFire',
	'EventDispatch',
	'FireAnimationFrame',
	'FireIdleCallback',
	'RunMicrotasks',
	'BlinkScheduler_PerformMicrotaskCheckpoint', // Svelte applies state changes in microtasks
	'HandlePostMessage'
]);
const STYLE = new Set(['UpdateLayoutTree', 'RecalculateStyles', 'ParseAuthorStyleSheet']);
const PAINT = new Set(['PrePaint', 'Paint', 'Layerize', 'UpdateLayer', 'UpdateLayerTree', 'CompositeLayers', 'Commit']);

/**
 * Script includes the DOM calls it makes (an innerHTML setter parses inside its FunctionCall);
 * 'other' is the scheduler's and IPC's own time, and events this category set does not name.
 */
function kindOf(name: string): Kind {
	if (/GC|garbage/i.test(name)) return 'gc';
	if (name === 'Layout') return 'layout';
	if (STYLE.has(name)) return 'style';
	if (PAINT.has(name)) return 'paint';
	if (SCRIPT.has(name) || /^v8\./i.test(name)) return 'script';
	return 'other';
}

const isTask = (event: TraceEvent) => event.name === 'ThreadControllerImpl::RunTask';
const MICROTASK_CHECKPOINT = 'BlinkScheduler_PerformMicrotaskCheckpoint';

/**
 * The page's main-thread tasks in a trace.
 * @throws Error when the trace has no SYNC_MARK (the page did not mark while tracing)
 */
export function mainThreadTasks(trace: Buffer): MainThreadTask[] {
	const parsed = JSON.parse(trace.toString('utf8')) as { traceEvents?: TraceEvent[] } | TraceEvent[];
	const events = Array.isArray(parsed) ? parsed : (parsed.traceEvents ?? []);
	const sync = events.find((e) => e.name === SYNC_MARK && typeof e.args?.data?.startTime === 'number');
	const syncStart = sync?.args?.data?.startTime;
	if (!sync || syncStart === undefined) throw new Error(`the trace has no "${SYNC_MARK}" mark`);
	const offset = sync.ts / 1000 - syncStart;

	const spans = events
		.filter((e) => e.pid === sync.pid && e.tid === sync.tid && e.ph === 'X' && typeof e.dur === 'number')
		.sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
	const tasks: MainThreadTask[] = [];
	// Open spans, outermost first, each with the time its children took.
	const stack: { end: number; children: number; event: TraceEvent }[] = [];
	let task: MainThreadTask | null = null;
	const close = (open: { end: number; children: number; event: TraceEvent }) => {
		const self = Math.max(0, (open.event.dur ?? 0) - open.children) / 1000;
		if (task) task.kinds[kindOf(open.event.name)] += self;
	};
	for (const event of spans) {
		const dur = event.dur ?? 0;
		while (stack.length > 0 && (stack.at(-1)?.end ?? 0) <= event.ts) {
			const open = stack.pop();
			if (open) close(open);
		}
		const parent = stack.at(-1);
		if (!parent && !isTask(event)) {
			// Outside any task: the microtask checkpoint that ends a task belongs to it (as the Long
			// Tasks API counts it); anything else cannot be placed.
			const start = event.ts / 1000 - offset;
			if (!task || event.name !== MICROTASK_CHECKPOINT || start - (task.start + task.duration) > 1) continue;
			task.duration = start + dur / 1000 - task.start;
		} else if (!parent) {
			task = {
				start: event.ts / 1000 - offset,
				duration: dur / 1000,
				kinds: { script: 0, style: 0, layout: 0, paint: 0, gc: 0, other: 0 }
			};
			tasks.push(task);
		} else {
			parent.children += Math.min(dur, parent.end - event.ts);
		}
		stack.push({ end: event.ts + dur, children: 0, event });
	}
	for (const open of stack.reverse()) close(open);
	return tasks;
}
