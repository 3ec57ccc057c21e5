// When a kiosk applies a waiting update by itself: between patients, never with a patient's words
// on screen. A kiosk tab is never closed, so without this it would run the version it was opened
// with for ever; a patient is never asked about updates (the prompt is for personal devices).
//
// "Between patients" means the kiosk session is empty: the idle timer is off (it is armed by the
// first touch or a restored session and disarmed only by the wipe, see chat/idle.svelte.ts), no
// answer is being written and no wipe is in progress (the timer is disarmed when a wipe starts,
// before the patient's words leave the screen). Right after a Finish or an idle wipe the kiosk first
// shows the "session cleared" notice for `CLEARED_NOTICE_MS`; the update (a reload) comes after it,
// unless the next patient has started, in which case it waits for their Finish.
// Pure: no Svelte, no DOM.
import type { IdlePhase } from '$lib/chat/idle.svelte';

/** How long the "session cleared" notice shows (KioskLayer.svelte) before an update may reload. */
export const CLEARED_NOTICE_MS = 8_000;

export interface KioskMoment {
	/** The page is in kiosk mode. */
	kiosk: boolean;
	/** A new version is installed and waiting. */
	updateWaiting: boolean;
	/** The kiosk's idle timer ('off': nothing of a patient to wipe). */
	idlePhase: IdlePhase;
	/** An answer is being written. */
	busy: boolean;
	/** A wipe has started and not finished. */
	ending: boolean;
	/** When the last session was cleared (ms), or null if none was since the page loaded. */
	clearedAt: number | null;
	now: number;
}

/**
 * 'apply': reload into the waiting version now; 'wait': not now (asked again when the moment changes);
 * a number: ask again after that many ms (the notice after a wipe is still showing).
 */
export type KioskUpdateAction = 'apply' | 'wait' | number;

export function kioskUpdateAction(moment: KioskMoment): KioskUpdateAction {
	if (!moment.kiosk || !moment.updateWaiting) return 'wait';
	if (moment.busy || moment.ending || moment.idlePhase !== 'off') return 'wait';
	if (moment.clearedAt !== null) {
		const left = moment.clearedAt + CLEARED_NOTICE_MS - moment.now;
		if (left > 0) return left;
	}
	return 'apply';
}
