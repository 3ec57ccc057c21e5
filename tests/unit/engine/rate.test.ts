import { describe, expect, it } from 'vitest';
import { RateEstimator } from '$lib/engine/rate';
import { formatDuration } from '$lib/i18n/format';

describe('RateEstimator', () => {
	it('knows nothing from a single sample', () => {
		expect(new RateEstimator().sample(0, 0, 1000)).toEqual({ bytesPerSecond: null, secondsLeft: null });
	});

	it('converges on a steady rate and gives the time left', () => {
		const estimator = new RateEstimator();
		let estimate = estimator.sample(0, 0, 10_000_000);
		for (let t = 1; t <= 20; t++) estimate = estimator.sample(t * 500, t * 500_000, 10_000_000);
		expect(estimate.bytesPerSecond).toBeCloseTo(1_000_000, -3);
		expect(estimate.secondsLeft).toBeCloseTo(0, 0);
		estimate = estimator.estimate(4_000_000, 10_000_000);
		expect(estimate.secondsLeft).toBeCloseTo(6, 0);
	});

	it('smooths a single burst instead of jumping to it', () => {
		const estimator = new RateEstimator(3000);
		estimator.sample(0, 0, null);
		estimator.sample(1000, 1_000_000, null);
		const after = estimator.sample(1500, 11_000_000, null); // 20 MB/s for half a second
		expect(after.bytesPerSecond).toBeGreaterThan(1_000_000);
		expect(after.bytesPerSecond).toBeLessThan(6_000_000);
		expect(after.secondsLeft).toBeNull();
	});

	it('starts over when the byte count goes backwards (a new download)', () => {
		const estimator = new RateEstimator();
		estimator.sample(0, 0, 100);
		estimator.sample(1000, 50, 100);
		expect(estimator.sample(2000, 10, 100).bytesPerSecond).not.toBeNull();
		estimator.reset();
		expect(estimator.estimate(0, 100)).toEqual({ bytesPerSecond: null, secondsLeft: null });
	});
});

describe('formatDuration', () => {
	it('uses seconds, minutes or hours as a person would', () => {
		expect(formatDuration(42, 'en')).toBe('42 sec');
		expect(formatDuration(95, 'en')).toBe('2 min');
		expect(formatDuration(3 * 3600 + 20 * 60, 'en')).toBe('3 hr 20 min');
		expect(formatDuration(7200, 'en')).toBe('2 hr');
		expect(formatDuration(-5, 'en')).toBe('0 sec');
		expect(formatDuration(95, 'zh-CN')).toMatch(/2\s?分钟/);
	});
});
