// `npm run audit`: Lighthouse (accessibility, best practices, performance) and PWA installability
// against the production build served like a static host, entirely on this machine.
//
// Lighthouse 13 has no PWA category, so installability is asked of Chromium itself over CDP
// (Page.getInstallabilityErrors, the same check that decides whether the install prompt appears).
// It is an audit, not a test: missed targets are reported, and the exit code is 0 unless a tool
// could not run at all. Results go to bench/lighthouse/ (git-ignored).
//
// Usage: node scripts/audit.js [--build] [--no-mobile]
//   --build      rebuild (npx vite build) even when build/ exists
//   --no-mobile  skip the second, mobile (default preset, simulated slow 4G + 4x CPU) run
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from '@playwright/test';
import { serve } from './serve.js';

const CHROME_PATH = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const OUT_DIR = 'bench/lighthouse';
const CATEGORIES = ['accessibility', 'best-practices', 'performance'];
/** Minimum scores (0–1); performance has no target here, it is reported only. */
const TARGETS = /** @type {Record<string, number>} */ ({ accessibility: 1, 'best-practices': 0.95 });

/** Headless, and nothing but localhost resolves, so no request can leave the machine. */
const CHROME_FLAGS = [
	'--headless=new',
	'--no-sandbox',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--no-first-run',
	'--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost , EXCLUDE 127.0.0.1'
];

/**
 * @typedef {{ id: string, title: string, score: number | null }} FailingAudit
 * @typedef {{ score: number | null, failing: FailingAudit[] }} CategoryResult
 * @typedef {{ preset: string, categories: Record<string, CategoryResult> }} RunSummary
 * @typedef {{ installable: boolean, errors: string[], manifestErrors: string[], serviceWorker: boolean }} Installability
 */

/** Builds when build/ is missing or --build was passed; exits with the build's code on failure. */
function ensureBuild(/** @type {boolean} */ force) {
	if (!force && existsSync('build/index.html')) return;
	console.log('Building (npx vite build)…');
	const result = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
	if (result.status !== 0) {
		console.error('Build failed.');
		process.exit(result.status ?? 1);
	}
}

/**
 * One Lighthouse run through its own CLI, which launches Chromium itself. (The Node API driving a
 * chrome-launcher instance fails here with NO_NAVSTART on Chromium 156; the CLI does not.)
 * @param {string} url
 * @param {'desktop' | 'mobile'} preset
 * @returns {Promise<import('lighthouse').Result>}
 * @throws {Error} when Lighthouse exits non-zero, writes no result, or hit a fatal runtime error
 */
async function runLighthouse(url, preset) {
	const dir = mkdtempSync(join(tmpdir(), 'audit-lh-'));
	const output = join(dir, 'report.json');
	try {
		const args = [
			url,
			`--only-categories=${CATEGORIES.join(',')}`,
			'--output=json',
			`--output-path=${output}`,
			'--quiet',
			`--chrome-path=${CHROME_PATH}`,
			`--chrome-flags=${CHROME_FLAGS.map((flag) => flag.replace(/^(--host-resolver-rules=)(.*)$/, "$1'$2'")).join(' ')}`,
			...(preset === 'desktop' ? ['--preset=desktop'] : [])
		];
		// Asynchronous: the static server runs in this process and must keep answering.
		const child = spawn(join('node_modules', '.bin', 'lighthouse'), args, {
			stdio: ['ignore', 'inherit', 'inherit'],
			env: { ...process.env, CHROME_PATH }
		});
		const [code, signal] = await once(child, 'exit');
		if (code !== 0 || !existsSync(output)) {
			throw new Error(`Lighthouse (${preset}) exited with ${code ?? signal}.`);
		}
		/** @type {import('lighthouse').Result} */
		const lhr = JSON.parse(readFileSync(output, 'utf8'));
		if (lhr.runtimeError) {
			throw new Error(`Lighthouse (${preset}): ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
		}
		return lhr;
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

/**
 * Scores per category and, where a category is below 1, the scored audits that did not pass.
 * @param {import('lighthouse').Result} lhr
 * @param {string} preset
 * @returns {RunSummary}
 */
function summarize(lhr, preset) {
	/** @type {Record<string, CategoryResult>} */
	const categories = {};
	for (const id of CATEGORIES) {
		const category = lhr.categories[id];
		const score = category?.score ?? null;
		/** @type {FailingAudit[]} */
		const failing = [];
		if (category && score !== null && score < 1) {
			for (const ref of category.auditRefs) {
				const audit = lhr.audits[ref.id];
				if (!audit || audit.score === null || audit.score >= 1) continue;
				if (!['binary', 'numeric', 'metricSavings'].includes(audit.scoreDisplayMode)) continue;
				failing.push({ id: audit.id, title: audit.title, score: audit.score });
			}
		}
		categories[id] = { score, failing };
	}
	return { preset, categories };
}

/**
 * Installability as Chromium judges it (the install prompt's own check), once the service worker is ready.
 * @param {string} url
 * @returns {Promise<Installability>}
 */
async function checkInstallability(url) {
	// A persistent profile: Chromium reports every off-the-record (incognito) page as not installable.
	const profile = mkdtempSync(join(tmpdir(), 'audit-profile-'));
	const context = await chromium.launchPersistentContext(profile, {
		executablePath: CHROME_PATH,
		headless: true,
		args: CHROME_FLAGS.filter((flag) => !flag.startsWith('--headless'))
	});
	try {
		const page = context.pages()[0] ?? (await context.newPage());
		await page.goto(url, { waitUntil: 'load' });
		const serviceWorker = await page.evaluate(() =>
			Promise.race([
				navigator.serviceWorker.ready.then(() => true),
				new Promise((resolve) => setTimeout(() => resolve(false), 15_000))
			])
		);
		const cdp = await context.newCDPSession(page);
		const manifest = await cdp.send('Page.getAppManifest', {});
		const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
		const errors = installabilityErrors.map((error) => {
			const args = error.errorArguments.map((arg) => `${arg.name}=${arg.value}`).join(', ');
			return args ? `${error.errorId} (${args})` : error.errorId;
		});
		const manifestErrors = manifest.errors.map(
			(error) => `${error.critical ? 'critical' : 'warning'}: ${error.message} (line ${error.line})`
		);
		return {
			installable: errors.length === 0,
			errors,
			manifestErrors,
			serviceWorker: serviceWorker === true
		};
	} finally {
		await context.close();
		rmSync(profile, { recursive: true, force: true });
	}
}

/** @param {number | null} score */
function formatScore(score) {
	return score === null ? 'n/a' : score.toFixed(2);
}

/**
 * @param {RunSummary[]} runs
 * @param {Installability} installability
 */
function printReport(runs, installability) {
	const presets = runs.map((run) => run.preset);
	const rows = [['category', ...presets, 'target']];
	for (const id of CATEGORIES) {
		const target = TARGETS[id];
		rows.push([
			id,
			...runs.map((run) => formatScore(run.categories[id]?.score ?? null)),
			target === undefined ? '—' : target === 1 ? '1.00' : `≥ ${target.toFixed(2)}`
		]);
	}
	const widths =
		rows[0]?.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length))) ?? [];
	console.log('');
	for (const row of rows) console.log(row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  '));
	console.log(
		`installability  ${installability.installable ? 'yes' : `no: ${installability.errors.join('; ')}`}` +
			(installability.serviceWorker ? '' : '  (service worker never became ready)')
	);
	for (const error of installability.manifestErrors) console.log(`  manifest ${error}`);

	for (const run of runs) {
		for (const id of CATEGORIES) {
			const failing = run.categories[id]?.failing ?? [];
			if (failing.length === 0) continue;
			console.log(`\n${id} (${run.preset}) — audits not passing:`);
			for (const audit of failing) {
				console.log(`  ${formatScore(audit.score)}  ${audit.id}: ${audit.title}`);
			}
		}
	}

	const missed = [];
	for (const run of runs) {
		for (const [id, target] of Object.entries(TARGETS)) {
			const score = run.categories[id]?.score ?? null;
			if (score === null || score < target) missed.push(`${id} (${run.preset}) ${formatScore(score)}`);
		}
	}
	if (!installability.installable) missed.push('installability');
	console.log(
		`\nTargets: accessibility 1.00, best practices ≥ 0.95, installable. ` +
			(missed.length === 0 ? 'All met.' : `Missed: ${missed.join(', ')}.`)
	);
}

async function main() {
	const { values } = parseArgs({
		options: {
			build: { type: 'boolean', default: false },
			'no-mobile': { type: 'boolean', default: false },
			// Another page of the app, e.g. `--path /history` (default: the chat page).
			path: { type: 'string', default: '/' }
		}
	});
	ensureBuild(values.build);

	const server = await serve({ port: 0, dir: 'build', host: 'localhost' });
	const address = server.address();
	if (!address || typeof address === 'string') throw new Error('The server has no port.');
	const url = new URL(values.path ?? '/', `http://localhost:${address.port}/`).href;
	/** @type {Array<'desktop' | 'mobile'>} */
	const presets = values['no-mobile'] ? ['desktop'] : ['desktop', 'mobile'];
	console.log(`Auditing ${url} with ${CHROME_PATH} (Lighthouse presets: ${presets.join(', ')})…`);

	/** @type {Record<string, import('lighthouse').Result>} */
	const reports = {};
	try {
		for (const preset of presets) reports[preset] = await runLighthouse(url, preset);
	} catch (error) {
		console.error(`Lighthouse failed: ${error instanceof Error ? error.message : error}`);
		process.exitCode = 1;
	}

	/** @type {Installability} */
	let installability = {
		installable: false,
		errors: ['check did not run'],
		manifestErrors: [],
		serviceWorker: false
	};
	if (process.exitCode !== 1) {
		try {
			installability = await checkInstallability(url);
		} catch (error) {
			console.error(`Installability check failed: ${error instanceof Error ? error.message : error}`);
			process.exitCode = 1;
		}
	}
	server.close();
	if (process.exitCode === 1) return;

	const runs = presets.flatMap((preset) => {
		const lhr = reports[preset];
		return lhr ? [summarize(lhr, preset)] : [];
	});
	printReport(runs, installability);

	mkdirSync(OUT_DIR, { recursive: true });
	const generatedAt = new Date().toISOString();
	writeFileSync(
		`${OUT_DIR}/report.json`,
		JSON.stringify({ generatedAt, url, lighthouse: reports, installability }, null, '\t') + '\n'
	);
	/** @type {Record<string, Record<string, number | null>>} */
	const scores = {};
	for (const run of runs) {
		scores[run.preset] = Object.fromEntries(CATEGORIES.map((id) => [id, run.categories[id]?.score ?? null]));
	}
	const summary = {
		generatedAt,
		lighthouse: reports.desktop?.lighthouseVersion ?? null,
		scores,
		installable: installability.installable,
		installabilityErrors: installability.errors
	};
	writeFileSync(`${OUT_DIR}/summary.json`, JSON.stringify(summary) + '\n');
	console.log(`Full results: ${OUT_DIR}/report.json; summary: ${OUT_DIR}/summary.json`);
}

await main();
