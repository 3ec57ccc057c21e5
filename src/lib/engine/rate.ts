// Download rate and time left, from a stream of (time, bytes done) samples. Smoothed with an
// exponential moving average so one slow or fast chunk does not make the ETA jump about; bytes
// that were already cached (a resumed download) arrive in one burst and are not counted as speed.

export interface RateEstimate {
	/** Bytes per second, or null until there is enough to say. */
	bytesPerSecond: number | null;
	/** Seconds left, or null when unknown. */
	secondsLeft: number | null;
}

export class RateEstimator {
	#lastTime: number | null = null;
	#lastBytes = 0;
	#rate: number | null = null;
	readonly #halfLifeMs: number;

	constructor(halfLifeMs = 3000) {
		this.#halfLifeMs = halfLifeMs;
	}

	/** Feed one sample: the time (ms) and the total bytes done so far. */
	sample(timeMs: number, bytesDone: number, totalBytes: number | null): RateEstimate {
		if (this.#lastTime === null || bytesDone < this.#lastBytes) {
			this.#lastTime = timeMs;
			this.#lastBytes = bytesDone;
			return this.estimate(bytesDone, totalBytes);
		}
		const dt = timeMs - this.#lastTime;
		if (dt >= 250) {
			const instant = ((bytesDone - this.#lastBytes) * 1000) / dt;
			const weight = 1 - 0.5 ** (dt / this.#halfLifeMs);
			this.#rate = this.#rate === null ? instant : this.#rate + weight * (instant - this.#rate);
			this.#lastTime = timeMs;
			this.#lastBytes = bytesDone;
		}
		return this.estimate(bytesDone, totalBytes);
	}

	estimate(bytesDone: number, totalBytes: number | null): RateEstimate {
		const rate = this.#rate;
		if (rate === null || rate <= 0) return { bytesPerSecond: rate, secondsLeft: null };
		const secondsLeft = totalBytes === null ? null : Math.max(0, (totalBytes - bytesDone) / rate);
		return { bytesPerSecond: rate, secondsLeft };
	}

	reset(): void {
		this.#lastTime = null;
		this.#lastBytes = 0;
		this.#rate = null;
	}
}
