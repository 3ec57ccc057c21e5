import { describe, expect, it } from 'vitest';
import {
	CLEARED_NOTICE_MS,
	kioskUpdateAction,
	type KioskMoment
} from '../../../src/lib/pwa/between-patients';

const NOW = 1_000_000;
/** An empty kiosk with a new version waiting, no session cleared since the page loaded. */
const idleKiosk: KioskMoment = {
	kiosk: true,
	updateWaiting: true,
	idlePhase: 'off',
	busy: false,
	ending: false,
	clearedAt: null,
	now: NOW
};

describe('kioskUpdateAction', () => {
	it('applies a waiting update on a kiosk nobody is using', () => {
		expect(kioskUpdateAction(idleKiosk)).toBe('apply');
	});

	it('waits while a patient is using the kiosk: watching, paused for an answer, or counting down', () => {
		for (const idlePhase of ['watching', 'paused', 'warning'] as const) {
			expect(kioskUpdateAction({ ...idleKiosk, idlePhase }), idlePhase).toBe('wait');
		}
	});

	it('waits while an answer is written or a wipe is in progress (the words are still on screen)', () => {
		expect(kioskUpdateAction({ ...idleKiosk, busy: true })).toBe('wait');
		expect(kioskUpdateAction({ ...idleKiosk, ending: true })).toBe('wait');
	});

	it('right after a Finish, waits for the "session cleared" notice, then applies', () => {
		expect(kioskUpdateAction({ ...idleKiosk, clearedAt: NOW })).toBe(CLEARED_NOTICE_MS);
		expect(kioskUpdateAction({ ...idleKiosk, clearedAt: NOW - 3_000 })).toBe(CLEARED_NOTICE_MS - 3_000);
		expect(kioskUpdateAction({ ...idleKiosk, clearedAt: NOW - CLEARED_NOTICE_MS })).toBe('apply');
	});

	it('after a Finish, waits for the next patient to finish when they have already started', () => {
		expect(kioskUpdateAction({ ...idleKiosk, clearedAt: NOW - 60_000, idlePhase: 'watching' })).toBe('wait');
	});

	it('never applies by itself outside kiosk mode (the person chooses), nor with nothing waiting', () => {
		expect(kioskUpdateAction({ ...idleKiosk, kiosk: false })).toBe('wait');
		expect(kioskUpdateAction({ ...idleKiosk, updateWaiting: false })).toBe('wait');
	});
});
