// Renders benchmark results as one self-contained HTML file (inline CSS and SVG, no scripts, no
// external requests), so it can be opened from disk or attached to an issue.
import type { BenchChart, BenchSection } from './types';

export interface BenchResults {
	date: string;
	node: string;
	platform: string;
	cpus: number;
	sections: BenchSection[];
	errors: { section: string; message: string }[];
}

const escape = (text: string): string =>
	text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

function chart(c: BenchChart): string {
	const width = 640;
	const label = 200;
	const row = 26;
	const max = Math.max(...c.bars.map((b) => b.value), 1e-9);
	const height = c.bars.length * row + 10;
	const bars = c.bars
		.map((b, i) => {
			const w = Math.max(1, ((width - label - 90) * b.value) / max);
			const y = i * row + 5;
			return `<text x="${label - 8}" y="${y + 16}" text-anchor="end">${escape(b.label)}</text>
<rect x="${label}" y="${y}" width="${w.toFixed(1)}" height="${row - 8}" rx="3" fill="#0b6e4f"/>
<text x="${(label + w + 6).toFixed(1)}" y="${y + 16}">${b.value.toLocaleString('en')} ${escape(c.unit)}</text>`;
		})
		.join('\n');
	return `<figure><figcaption>${escape(c.title)}</figcaption>
<svg role="img" aria-label="${escape(c.title)}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}">${bars}</svg></figure>`;
}

export function renderReport(results: BenchResults): string {
	const sections = results.sections
		.map((s) => {
			const rows = s.metrics
				.map(
					(m) => `<tr class="${m.ok === false ? 'miss' : m.ok ? 'ok' : ''}"><td>${escape(m.name)}</td>
<td class="num">${m.value.toLocaleString('en')} ${escape(m.unit)}</td><td>${escape(m.target ?? '')}</td>
<td>${m.ok === undefined ? '' : m.ok ? '✓ met' : '✗ missed'}</td><td>${escape(m.note ?? '')}</td></tr>`
				)
				.join('\n');
			return `<section><h2>${escape(s.title)}</h2>
<table><thead><tr><th>metric</th><th>value</th><th>target</th><th></th><th>note</th></tr></thead><tbody>${rows}</tbody></table>
${(s.charts ?? []).map(chart).join('\n')}</section>`;
		})
		.join('\n');
	const errors = results.errors
		.map((e) => `<li><strong>${escape(e.section)}</strong>: ${escape(e.message)}</li>`)
		.join('');
	return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Benchmarks</title>
<style>body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1b1f23}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}td,th{border-bottom:1px solid #d5dcda;padding:.3rem .5rem;text-align:left}
.num{text-align:right;font-variant-numeric:tabular-nums}.miss{background:#fff1f0}.ok td:nth-child(4){color:#095c42}
svg text{font:12px system-ui,sans-serif;fill:#1b1f23}figure{margin:0 0 1.5rem}figcaption{font-weight:600}</style></head>
<body><h1>Benchmarks</h1><p>${escape(results.date)} · Node ${escape(results.node)} · ${escape(results.platform)} · ${results.cpus} CPUs.
Times vary on shared machines: compare the ratios against the peers measured in the same run.</p>
${errors ? `<h2>Sections that failed</h2><ul>${errors}</ul>` : ''}${sections}</body></html>\n`;
}
