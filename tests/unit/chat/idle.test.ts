import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ACTIVITY_EVENTS, IdleTimer } from '../../../src/lib/chat/idle.svelte';

beforeEach(() => {
	vi.useFakeTimers({ now: new Date('2025-03-14T09:00:00Z') });
});
afterEach(() => {
	vi.useRealTimers();
});

function timer(timeoutMs = 120_000) {
	const expired: number[] = [];
	const activity: number[] = [];
	const idle = new IdleTimer({
		timeoutMs,
		onExpire: () => expired.push(Date.now()),
		onActivity: (at) => activity.push(at)
	});
	return { idle, expired, activity };
}

describe('IdleTimer', () => {
	it('does nothing until someone is there', () => {
		const { idle, expired } = timer();
		vi.advanceTimersByTime(10 * 60_000);
		expect(idle.phase).toBe('off');
		expect(expired).toEqual([]);
	});

	it('shows the countdown after 100 s of silence and expires at 120 s', () => {
		const { idle, expired } = timer();
		const start = Date.now();
		idle.activity();
		vi.advanceTimersByTime(99_999);
		expect(idle.phase).toBe('watching');
		vi.advanceTimersByTime(1);
		expect(idle.phase).toBe('warning');
		expect(idle.secondsLeft).toBe(20);
		vi.advanceTimersByTime(1_000);
		expect(idle.secondsLeft).toBe(19);
		vi.advanceTimersByTime(13_000);
		expect(idle.secondsLeft).toBe(6);
		vi.advanceTimersByTime(5_999);
		expect(idle.secondsLeft).toBe(1);
		expect(expired).toEqual([]);
		vi.advanceTimersByTime(1);
		expect(expired).toEqual([start + 120_000]);
		expect(idle.phase).toBe('off');
		expect(idle.secondsLeft).toBe(0);
	});

	it('any activity cancels the countdown, and the count starts again from it', () => {
		const { idle, expired } = timer();
		idle.activity();
		vi.advanceTimersByTime(110_000);
		expect(idle.phase).toBe('warning');
		idle.activity();
		expect(idle.phase).toBe('watching');
		expect(idle.secondsLeft).toBe(0);
		vi.advanceTimersByTime(99_000);
		expect(idle.phase).toBe('watching');
		vi.advanceTimersByTime(1_000);
		expect(idle.phase).toBe('warning');
		vi.advanceTimersByTime(20_000);
		expect(expired).toHaveLength(1);
	});

	it('activity while watching postpones the countdown', () => {
		const { idle, activity } = timer();
		idle.activity();
		vi.advanceTimersByTime(90_000);
		idle.activity();
		vi.advanceTimersByTime(90_000);
		expect(idle.phase).toBe('watching');
		vi.advanceTimersByTime(10_000);
		expect(idle.phase).toBe('warning');
		expect(activity).toHaveLength(2);
	});

	it('waits while an answer is written, and counts from the answer’s end', () => {
		const { idle, expired } = timer();
		idle.activity();
		vi.advanceTimersByTime(5_000);
		idle.pause();
		vi.advanceTimersByTime(10 * 60_000);
		expect(idle.phase).toBe('paused');
		expect(expired).toEqual([]);
		const end = Date.now();
		idle.resume();
		expect(idle.lastActivity).toBe(end);
		vi.advanceTimersByTime(99_999);
		expect(idle.phase).toBe('watching');
		vi.advanceTimersByTime(20_001);
		expect(expired).toEqual([end + 120_000]);
	});

	it('activity during an answer does not end the pause', () => {
		const { idle } = timer();
		idle.activity();
		idle.pause();
		idle.activity();
		expect(idle.phase).toBe('paused');
	});

	it('pause and resume do nothing when nothing is armed', () => {
		const { idle } = timer();
		idle.pause();
		expect(idle.phase).toBe('off');
		idle.resume();
		expect(idle.phase).toBe('off');
	});

	it('a restored session counts from its last stored activity', () => {
		const { idle, expired } = timer();
		idle.arm(Date.now() - 110_000);
		expect(idle.phase).toBe('watching');
		vi.advanceTimersByTime(0);
		expect(idle.phase).toBe('warning');
		expect(idle.secondsLeft).toBe(10);
		vi.advanceTimersByTime(10_000);
		expect(expired).toHaveLength(1);
	});

	it('arm does not restart a running count', () => {
		const { idle } = timer();
		idle.activity();
		vi.advanceTimersByTime(50_000);
		idle.arm();
		vi.advanceTimersByTime(50_000);
		expect(idle.phase).toBe('warning');
	});

	it('expires at once, without a countdown, when its timer fires after the whole timeout', () => {
		const { idle, expired } = timer();
		idle.activity();
		// A sleeping tablet: the clock jumps, the timer fires late.
		vi.setSystemTime(Date.now() + 10 * 60_000);
		vi.advanceTimersByTime(100_000);
		expect(expired).toHaveLength(1);
		expect(idle.phase).toBe('off');
	});

	it('expires at once when the clock went back more than 5 minutes (how long it was idle is unknown)', () => {
		const { idle, expired } = timer();
		idle.activity();
		vi.setSystemTime(Date.now() - 60 * 60_000);
		vi.advanceTimersByTime(100_000);
		expect(expired).toHaveLength(1);
		expect(idle.phase).toBe('off');
	});

	it('keeps counting through a small clock correction', () => {
		const { idle, expired } = timer();
		idle.activity();
		vi.setSystemTime(Date.now() - 4 * 60_000);
		vi.advanceTimersByTime(100_000);
		expect(expired).toEqual([]);
		expect(idle.phase).toBe('watching');
	});

	it('disarm stops everything', () => {
		const { idle, expired } = timer();
		idle.activity();
		vi.advanceTimersByTime(105_000);
		idle.disarm();
		vi.advanceTimersByTime(60_000);
		expect(idle.phase).toBe('off');
		expect(expired).toEqual([]);
	});

	it('takes a new timeout, keeping the start of a running count', () => {
		const { idle, expired } = timer();
		idle.activity();
		vi.advanceTimersByTime(30_000);
		idle.setTimeoutMs(60_000);
		expect(idle.timeoutMs).toBe(60_000);
		vi.advanceTimersByTime(10_000);
		expect(idle.phase).toBe('warning');
		expect(idle.secondsLeft).toBe(20);
		vi.advanceTimersByTime(20_000);
		expect(expired).toHaveLength(1);
	});

	it('counts pointer, key, touch, input and wheel events on its target as activity', () => {
		const { idle, activity } = timer();
		const target = new EventTarget();
		const stop = idle.listen(target);
		for (const type of ACTIVITY_EVENTS) {
			vi.advanceTimersByTime(1_000);
			target.dispatchEvent(new Event(type));
		}
		expect(activity).toHaveLength(5);
		expect(idle.phase).toBe('watching');
		stop();
		target.dispatchEvent(new Event('pointerdown'));
		target.dispatchEvent(new Event('scroll'));
		expect(activity).toHaveLength(5);
	});
});
