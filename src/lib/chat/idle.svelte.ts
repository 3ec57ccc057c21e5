// The kiosk's idle timer: after `timeoutMs` without activity the patient's session ends. The last
// `warningMs` of it are a visible countdown that any activity cancels.
//
// Decisions:
// - The timer runs only while there is something to wipe: it is armed by the first activity (or a
//   restored session) and disarmed by the wipe, so an untouched kiosk never shows a countdown.
// - While an answer is being written the timer is paused, and it counts again from the answer's
//   end: a patient waiting for a long answer, then reading it, is not idle.
// - A timer that fires late (a sleeping tablet, a throttled background tab) checks the clock: when
//   the whole timeout has passed it expires at once, without a countdown nobody saw.
// - A clock that went back (the last activity is now in the future beyond CLOCK_SLACK_MS) cannot
//   tell how long the kiosk was idle: the timer expires at once, so the previous patient's session
//   is wiped rather than shown for as long as the jump.
// Pure logic over setTimeout / setInterval / Date.now (fake timers in tests); only `listen` touches
// the DOM.
import { isAhead } from '$lib/store/clock';

export type IdlePhase =
	/** Nothing to wipe: no timer runs. */
	| 'off'
	/** Counting silence towards the countdown. */
	| 'watching'
	/** An answer is being written. */
	| 'paused'
	/** The countdown is visible; `secondsLeft` counts down to the wipe. */
	| 'warning';

/** Events that mean a person is at the kiosk. */
export const ACTIVITY_EVENTS = ['pointerdown', 'keydown', 'touchstart', 'input', 'wheel'] as const;

/** The countdown shown before a wipe. */
export const WARNING_MS = 20_000;
/** Default timeout (the staff setting is 60–600 s). */
export const DEFAULT_IDLE_MS = 120_000;

export interface IdleTimerOptions {
	/** Silence before the wipe, ms; at least `warningMs`; default 120 000. */
	timeoutMs?: number;
	/** Length of the visible countdown, ms, default 20 000. */
	warningMs?: number;
	/** The whole timeout passed without activity. */
	onExpire: () => void;
	/** Every activity, with its time (the kiosk notes it in storage, throttled). */
	onActivity?: (at: number) => void;
}

export class IdleTimer {
	#phase = $state<IdlePhase>('off');
	#secondsLeft = $state(0);
	#timeoutMs: number;
	readonly #warningMs: number;
	readonly #onExpire: () => void;
	readonly #onActivity: ((at: number) => void) | undefined;
	#last = 0;
	#timer: ReturnType<typeof setTimeout> | null = null;
	#ticker: ReturnType<typeof setInterval> | null = null;

	constructor(options: IdleTimerOptions) {
		this.#warningMs = Math.max(0, options.warningMs ?? WARNING_MS);
		this.#timeoutMs = Math.max(this.#warningMs, options.timeoutMs ?? DEFAULT_IDLE_MS);
		this.#onExpire = options.onExpire;
		this.#onActivity = options.onActivity;
	}

	get phase(): IdlePhase {
		return this.#phase;
	}

	/** Whole seconds until the wipe, while the countdown shows (0 otherwise). */
	get secondsLeft(): number {
		return this.#secondsLeft;
	}

	get timeoutMs(): number {
		return this.#timeoutMs;
	}

	/** When the last activity (or the end of the last answer) was. */
	get lastActivity(): number {
		return this.#last;
	}

	/** A new timeout (e.g. staff changed it); a running count keeps its start. */
	setTimeoutMs(ms: number): void {
		this.#timeoutMs = Math.max(this.#warningMs, ms);
		if (this.#phase === 'watching' || this.#phase === 'warning') this.#watch(this.#last);
	}

	/** Someone is here: arms the timer, and cancels a countdown. */
	activity(): void {
		const now = Date.now();
		this.#last = now;
		this.#onActivity?.(now);
		if (this.#phase !== 'paused') this.#watch(now);
	}

	/**
	 * There is something to wipe (a restored session): starts counting, if not already, from `from`
	 * (default now; a session restored after a reload counts from its last stored activity).
	 */
	arm(from: number = Date.now()): void {
		if (this.#phase === 'off') this.#watch(Math.min(from, Date.now()));
	}

	/** An answer is being written: no countdown until `resume`. Does nothing when off. */
	pause(): void {
		if (this.#phase === 'off' || this.#phase === 'paused') return;
		this.#clear();
		this.#phase = 'paused';
	}

	/** The answer ended: counts from now. */
	resume(): void {
		if (this.#phase !== 'paused') return;
		this.#watch(Date.now());
	}

	/** Nothing left to wipe (after a wipe, or kiosk mode off). */
	disarm(): void {
		this.#clear();
		this.#phase = 'off';
	}

	/** Counts `ACTIVITY_EVENTS` on `target` as activity; returns the function that stops it. */
	listen(target: EventTarget): () => void {
		const handler = () => this.activity();
		const options = { capture: true, passive: true };
		for (const type of ACTIVITY_EVENTS) target.addEventListener(type, handler, options);
		return () => {
			for (const type of ACTIVITY_EVENTS) target.removeEventListener(type, handler, options);
		};
	}

	#watch(from: number): void {
		this.#clear();
		this.#last = from;
		this.#phase = 'watching';
		this.#schedule();
	}

	#schedule(): void {
		const warnAt = this.#last + this.#timeoutMs - this.#warningMs;
		this.#timer = setTimeout(() => this.#check(), Math.max(0, warnAt - Date.now()));
	}

	#check(): void {
		this.#timer = null;
		const now = Date.now();
		const deadline = this.#last + this.#timeoutMs;
		if (now >= deadline || isAhead(this.#last, now)) return this.#expire();
		if (now < deadline - this.#warningMs) return this.#schedule();
		if (this.#phase !== 'warning') {
			this.#phase = 'warning';
			this.#ticker = setInterval(() => this.#tick(), 1000);
		}
		this.#tick();
		this.#timer = setTimeout(() => this.#check(), deadline - now);
	}

	#tick(): void {
		this.#secondsLeft = Math.max(0, Math.ceil((this.#last + this.#timeoutMs - Date.now()) / 1000));
	}

	#expire(): void {
		this.disarm();
		this.#onExpire();
	}

	#clear(): void {
		if (this.#timer !== null) clearTimeout(this.#timer);
		if (this.#ticker !== null) clearInterval(this.#ticker);
		this.#timer = this.#ticker = null;
		this.#secondsLeft = 0;
	}
}
