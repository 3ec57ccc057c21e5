// The shape every benchmark section returns; the runner turns sections into bench/results.json and
// the charts of bench/report.html. Figures that vary with the machine are reported beside a peer
// measured in the same run (as a ratio), so runs on different machines can be compared.
export interface BenchMetric {
	name: string;
	value: number;
	unit: string;
	/** Human-readable target, e.g. "≤ 120 KB". */
	target?: string;
	/** Whether the target is met; absent when the metric has no target. */
	ok?: boolean;
	note?: string;
}

export interface BenchChart {
	title: string;
	unit: string;
	bars: { label: string; value: number }[];
}

export interface BenchSection {
	id: string;
	title: string;
	metrics: BenchMetric[];
	charts?: BenchChart[];
}
