// Kiosk mode: one patient after another on a shared tablet, and nothing of one seen by the next.
//
// The current patient's session is kept in IndexedDB like personal mode keeps a conversation (so a
// reload mid-answer keeps the partial answer, marked interrupted), and it ends — wiped from
// IndexedDB (store/kiosk.ts) and from memory — when the patient taps Finish, or after the idle
// timeout (idle.svelte.ts). Memory is wiped by `generation`: the layout re-creates the page under
// it, so the chat session, the alert, the draft in the question box, any form and the scroll
// position all start afresh, while the engine (a singleton outside the page) stays loaded.
//
// Invariants:
// - In kiosk mode nothing stored is shown before `start` has checked the stored session: a session
//   idle for longer than the timeout is wiped first (the layout withholds the page until then).
// - A wipe waits for the answer being written to stop and for every queued write to land (or fail),
//   then drops the recorder's queue of writes that failed (storage full), so no write can bring a
//   wiped message back and no patient's words stay in memory; the page is re-created after the wipe.
// - Outside kiosk mode a kiosk session left behind is dropped, so it never shows up as history.
// - The session is the conversations created here (the recorder tags them, `kiosk: true`); a
//   stored last activity in the future beyond the clock's slack means the clock went back, and the
//   session is wiped rather than shown (store/kiosk.ts `isStale`, and the idle timer).
import { kioskMode, setStaffKioskMode, staffKioskMode } from '$lib/engine/engine.svelte';
import type { KioskSettings } from '$lib/store/kiosk';
import { DEFAULT_IDLE_MS, IdleTimer } from './idle.svelte';
import type { StoreRecorder } from './recorder';
import type { ChatMessage, ChatSession } from './session.svelte';

export type ClearReason = 'finish' | 'idle';

/** Set while a kiosk session may be stored, so a page in personal mode waits for it to be dropped. */
const SESSION_MARK = 'kiosk.session';
/** Least time between two activity notes in storage (the staleness check can be this much early). */
const TOUCH_INTERVAL_MS = 5_000;
/** Longest wait for a stopped answer to end before wiping anyway. */
const STOP_WAIT_MS = 5_000;

function mark(on: boolean): void {
	try {
		if (on) localStorage.setItem(SESSION_MARK, '1');
		else localStorage.removeItem(SESSION_MARK);
	} catch {
		// No storage: nothing to hold the page for either.
	}
}

function marked(): boolean {
	try {
		return localStorage.getItem(SESSION_MARK) === '1';
	} catch {
		return false;
	}
}

const store = () =>
	Promise.all([import('$lib/store/db'), import('$lib/store/kiosk')]).then(([db, kiosk]) => ({
		db: db.database(),
		...kiosk
	}));

async function until(done: () => boolean, timeoutMs: number): Promise<void> {
	const end = Date.now() + timeoutMs;
	while (!done() && Date.now() < end) await new Promise((resolve) => setTimeout(resolve, 20));
}

export class KioskSession {
	#enabled = $state(false);
	#checked = $state(false);
	#mustCheck = $state(false);
	#generation = $state(0);
	#cleared = $state.raw<{ reason: ClearReason; at: number } | null>(null);
	#session = $state.raw<ChatSession | null>(null);
	#recorder: StoreRecorder | null = null;
	#started: Promise<void> | null = null;
	#ending: Promise<void> | null = null;
	/** A wipe is in progress (`#ending`, as state for the page). */
	#wiping = $state(false);
	#lastTouch = -Infinity;
	/** Any activity arms it; the layout pauses it while an answer is written. */
	readonly idle = new IdleTimer({
		timeoutMs: DEFAULT_IDLE_MS,
		onExpire: () => void this.end('idle'),
		onActivity: (at) => this.#touch(at)
	});
	/** The layout's part after a session was cleared (scroll, focus, back to the chat page). */
	onCleared: ((reason: ClearReason) => void) | null = null;

	get enabled(): boolean {
		return this.#enabled;
	}
	/** The page must wait: stored data may be a stale kiosk session not yet checked. */
	get holding(): boolean {
		return this.#mustCheck && !this.#checked;
	}
	/** Changes when a session is cleared; the layout re-creates the page under it. */
	get generation(): number {
		return this.#generation;
	}
	/** The last clearing, for the announcement. */
	get cleared(): { reason: ClearReason; at: number } | null {
		return this.#cleared;
	}
	/** A wipe has started and not finished (the patient's words may still be on screen). */
	get ending(): boolean {
		return this.#wiping;
	}
	/** An answer is being written on the page. */
	get busy(): boolean {
		return this.#session?.busy ?? false;
	}

	/**
	 * Once per page load: reads the mode and the staff settings, wipes a stale kiosk session (or,
	 * outside kiosk mode, one left behind). Never rejects: when storage cannot be used, nothing
	 * stored can be shown either.
	 */
	start(): Promise<void> {
		if (this.#started) return this.#started;
		this.#enabled = kioskMode();
		this.#mustCheck = this.#enabled || marked();
		// Nothing to withhold in personal mode: the store (Dexie) loads after the page is drawn, so it
		// stays out of first-load JS; the staff setting is still read and mirrored then.
		const ready = this.#mustCheck ? Promise.resolve() : new Promise((resolve) => setTimeout(resolve, 0));
		this.#started = ready.then(() => this.#check()).finally(() => (this.#checked = true));
		return this.#started;
	}

	async #check(): Promise<void> {
		try {
			const { db, readKioskSettings, writeKioskSettings, readKioskSession, isStale, wipeKioskSession } =
				await store();
			const settings = await readKioskSettings(db);
			this.idle.setTimeoutMs(settings.idleSeconds * 1000);
			// Either copy of the staff setting turns kiosk mode on; only the settings page turns it off.
			if (settings.enabled && !staffKioskMode()) {
				setStaffKioskMode(true);
				// The page started in personal mode: start again as a kiosk (unless storage is refused).
				if (kioskMode() && !this.#enabled) location.reload();
			} else if (!settings.enabled && staffKioskMode()) {
				await writeKioskSettings(db, { ...settings, enabled: true });
			}
			if (!this.#enabled) {
				if (marked()) await wipeKioskSession(db, { restart: false });
				mark(false);
				return;
			}
			const state = await readKioskSession(db);
			if (isStale(state, Date.now(), this.idle.timeoutMs)) await wipeKioskSession(db);
			mark(true);
		} catch {
			// Storage refused: checked again at the next start.
		}
	}

	/**
	 * The chat page in kiosk mode: the current patient's conversation to show again (after a reload),
	 * or none. New messages go on in it through `recorder`.
	 */
	async resume(recorder: StoreRecorder): Promise<ChatMessage[]> {
		await this.start();
		await this.#ending;
		this.#recorder = recorder;
		try {
			const { db, readKioskSession, isStale } = await store();
			const state = await readKioskSession(db);
			const latest = state.conversations[0];
			if (!latest || isStale(state, Date.now(), this.idle.timeoutMs)) return [];
			const messages = await recorder.resume(latest.id);
			if (messages.length > 0 && this.#recorder === recorder) this.idle.arm(state.lastActivity);
			return messages;
		} catch {
			return [];
		}
	}

	/** The chat page's session (its Finish button calls this); returns the function that lets go. */
	attach(session: ChatSession): () => void {
		this.#session = session;
		return () => {
			if (this.#session === session) this.#session = null;
		};
	}

	/** Ends the patient's session: wiped from storage, then from memory. */
	end(reason: ClearReason): Promise<void> {
		this.#wiping = true;
		this.#ending ??= this.#end(reason).finally(() => {
			this.#ending = null;
			this.#wiping = false;
		});
		return this.#ending;
	}

	async #end(reason: ClearReason): Promise<void> {
		this.idle.disarm();
		const session = this.#session;
		const recorder = this.#recorder;
		this.#recorder = null;
		if (session) {
			session.setRecorder(null);
			session.stop();
			await until(() => !session.busy, STOP_WAIT_MS);
		}
		await recorder?.settled();
		// What could not be written (storage full) goes too: nothing of this patient stays in memory.
		recorder?.discard();
		try {
			const { db, wipeKioskSession } = await store();
			await wipeKioskSession(db);
		} catch {
			// Left in storage: the next start finds it stale and wipes it.
		}
		this.#lastTouch = -Infinity;
		this.#generation += 1;
		this.#cleared = { reason, at: Date.now() };
		this.onCleared?.(reason);
	}

	/** Staff changed the settings (settings page, behind the PIN). Rejects with a StoreError. */
	async configure(settings: KioskSettings): Promise<KioskSettings> {
		const { db, writeKioskSettings, wipeKioskSession } = await store();
		const saved = await writeKioskSettings(db, settings);
		this.idle.setTimeoutMs(saved.idleSeconds * 1000);
		setStaffKioskMode(saved.enabled);
		const was = this.#enabled;
		this.#enabled = kioskMode('');
		if (this.#enabled && !was) {
			await wipeKioskSession(db);
			mark(true);
		} else if (!this.#enabled && was) {
			this.idle.disarm();
			await wipeKioskSession(db, { restart: false });
			mark(false);
		}
		return saved;
	}

	/**
	 * The page started or finished writing an answer: the idle timer waits while it is written and
	 * counts from its end (noted in storage at once).
	 */
	answering(busy: boolean): void {
		if (busy) {
			// Something to wipe now, even if no touch armed the timer.
			this.idle.arm();
			this.idle.pause();
		} else if (this.idle.phase === 'paused') {
			this.idle.resume();
			this.#touch(Date.now(), true);
		}
	}

	/** Notes activity in storage (throttled unless `now`). */
	#touch(at: number, now = false): void {
		if (!this.#enabled || this.#ending) return;
		if (!now && at - this.#lastTouch < TOUCH_INTERVAL_MS) return;
		this.#lastTouch = at;
		void store()
			.then(({ db, touchKioskSession }) => (this.#ending ? undefined : touchKioskSession(db, at)))
			.catch(() => undefined);
	}
}

export const kioskSession = new KioskSession();
