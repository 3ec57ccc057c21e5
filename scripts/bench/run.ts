// `npm run bench`: builds the app if needed, serves it locally, runs every benchmark section and
// writes bench/results.json and the self-contained bench/report.html. A failing section is reported
// and the others still run. Sections: first-load JS (issue 2), safety (issue 3), engine worker protocol
// (issue 4), history store and prefill tokens (issue 5), streaming smoothness (main thread while
// answers stream), knowledge-base retrieval (issue 6; the slowest: peers indexing 100k chunks); later
// issues add theirs.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus, platform, release } from 'node:os';
import type { AddressInfo } from 'node:net';
import { ensureChromium } from '../env.js';
import { serve } from '../serve.js';
import * as engine from './engine';
import * as firstLoad from './first-load';
import * as historyPage from './history-page';
import * as prefill from './prefill';
import * as retrieval from './retrieval';
import { renderReport, type BenchResults } from './report';
import * as safety from './safety';
import * as store from './store';
import * as streaming from './streaming';
import type { BenchSection } from './types';

ensureChromium();
if (!existsSync('build/index.html') || process.argv.includes('--build')) {
	const built = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
	if (built.status !== 0) process.exit(built.status ?? 1);
}

const server = await serve({ port: 0, host: '127.0.0.1' });
const baseUrl = `http://localhost:${(server.address() as AddressInfo).port}`;

const sections: [string, () => Promise<BenchSection>][] = [
	['first-load', () => firstLoad.run(baseUrl)],
	['safety', () => safety.run()],
	['engine', () => engine.run()],
	['store', () => store.run()],
	['history-page', () => historyPage.run(baseUrl)],
	['prefill', () => prefill.run()],
	['streaming', () => streaming.run()],
	['retrieval', () => retrieval.run()]
];

const results: BenchResults = {
	date: new Date().toISOString(),
	node: process.version,
	platform: `${platform()} ${release()}`,
	cpus: cpus().length,
	sections: [],
	errors: []
};

// `npm run bench -- first-load retrieval` runs only the named sections (all when none are named).
const wanted = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
const unknown = wanted.filter((name) => !sections.some(([known]) => known === name));
if (unknown.length > 0) {
	console.error(`bench: unknown section(s) ${unknown.join(', ')}; known: ${sections.map(([n]) => n).join(', ')}`);
	process.exit(2);
}

for (const [name, run] of sections) {
	if (wanted.length > 0 && !wanted.includes(name)) continue;
	process.stdout.write(`bench: ${name}… `);
	try {
		const section = await run();
		results.sections.push(section);
		console.log('done');
		for (const m of section.metrics) {
			const mark = m.ok === undefined ? ' ' : m.ok ? '✓' : '✗';
			console.log(`  ${mark} ${m.name}: ${m.value} ${m.unit}${m.target ? ` (target ${m.target})` : ''}`);
		}
	} catch (error) {
		const message = error instanceof Error ? error.message : String(error);
		results.errors.push({ section: name, message });
		console.log(`failed: ${message}`);
	}
}
server.close();

mkdirSync('bench', { recursive: true });
writeFileSync('bench/results.json', `${JSON.stringify(results, null, '\t')}\n`);
writeFileSync('bench/report.html', renderReport(results));
console.log('\nWrote bench/results.json and bench/report.html');
process.exit(results.errors.length > 0 ? 1 : 0);
