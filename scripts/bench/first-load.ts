// First-load JavaScript of the chat route, measured the way a browser meets it: the production build
// is served locally, Chromium loads the page, and every script the page itself fetched is gzipped and
// summed (worker scripts are not the page's and are excluded). "First load" is what the browser asked
// for before the page was drawn (its <h1> in the DOM); chunks the page loads lazily after that (the
// conversation store, the Markdown renderer) are reported separately. The about page is measured in
// the same run as the peer, so the ratio shows what the chat route adds.
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import type { BenchSection } from './types';

const BUDGET_KB = 120;

interface PageLoad {
	files: { url: string; raw: number; gzip: number }[];
	rawBytes: number;
	gzipBytes: number;
	/** Scripts requested after the page was drawn (lazy chunks), gzipped bytes. */
	lazyGzipBytes: number;
	lazyFiles: number;
}

async function measure(baseUrl: string, path: string): Promise<PageLoad> {
	const browser = await chromium.launch({
		executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
		args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync']
	});
	try {
		// A fresh context: no service worker, no cache, so everything is fetched.
		const context = await browser.newContext({ serviceWorkers: 'block' });
		const page = await context.newPage();
		// When the page's heading first exists: everything requested before it is first-load JS.
		await page.addInitScript(() => {
			new MutationObserver((_, observer) => {
				if (document.querySelector('main h1')) {
					(window as unknown as { __drawnAt: number }).__drawnAt = performance.now();
					observer.disconnect();
				}
			}).observe(document, { subtree: true, childList: true });
		});
		const scripts: Promise<{ url: string; raw: number; gzip: number }>[] = [];
		page.on('response', (response) => {
			const request = response.request();
			if (request.resourceType() !== 'script' || request.frame() !== page.mainFrame()) return;
			// Module workers' imports are reported with the page's frame: tell them apart by path.
			if (new URL(response.url()).pathname.startsWith('/_app/immutable/workers/')) return;
			scripts.push(
				response.body().then((body) => ({
					url: new URL(response.url()).pathname,
					raw: body.length,
					gzip: gzipSync(body, { level: 9 }).length
				}))
			);
		});
		await page.goto(baseUrl + path, { waitUntil: 'networkidle' });
		await page.getByRole('textbox').or(page.getByRole('heading', { level: 1 })).first().waitFor();
		const all = await Promise.all(scripts);
		const requestedAt = await page.evaluate(() => ({
			drawnAt: (window as unknown as { __drawnAt?: number }).__drawnAt ?? Infinity,
			starts: performance
				.getEntriesByType('resource')
				.map((entry) => [new URL(entry.name).pathname, entry.startTime] as const)
		}));
		const startOf = new Map(requestedAt.starts);
		const isFirst = (f: { url: string }) => (startOf.get(f.url) ?? 0) < requestedAt.drawnAt;
		const files = all.filter(isFirst);
		const lazy = all.filter((f) => !isFirst(f));
		await context.close();
		return {
			files,
			rawBytes: files.reduce((sum, f) => sum + f.raw, 0),
			gzipBytes: files.reduce((sum, f) => sum + f.gzip, 0),
			lazyGzipBytes: lazy.reduce((sum, f) => sum + f.gzip, 0),
			lazyFiles: lazy.length
		};
	} finally {
		await browser.close();
	}
}

export async function run(baseUrl: string): Promise<BenchSection> {
	const chat = await measure(baseUrl, '/');
	const about = await measure(baseUrl, '/about');
	const kb = (bytes: number) => Math.round((bytes / 1024) * 10) / 10;
	return {
		id: 'first-load',
		title: 'First-load JavaScript (chat route, gzipped, workers excluded)',
		metrics: [
			{
				name: 'chat route JS (gzip)',
				value: kb(chat.gzipBytes),
				unit: 'KB',
				target: `≤ ${BUDGET_KB} KB`,
				ok: chat.gzipBytes / 1024 <= BUDGET_KB
			},
			{ name: 'chat route JS (uncompressed)', value: kb(chat.rawBytes), unit: 'KB' },
			{ name: 'script files fetched', value: chat.files.length, unit: 'files' },
			{
				name: 'loaded lazily after the page is drawn (gzip, not first-load)',
				value: kb(chat.lazyGzipBytes),
				unit: 'KB',
				note: `${chat.lazyFiles} files: conversation store (Dexie), settings`
			},
			{ name: 'share of budget used', value: Math.round((chat.gzipBytes / 1024 / BUDGET_KB) * 100) / 100, unit: '×' },
			{
				name: 'chat route vs about page (peer, same run)',
				value: Math.round((chat.gzipBytes / about.gzipBytes) * 100) / 100,
				unit: '×',
				note: `about page: ${kb(about.gzipBytes)} KB`
			}
		],
		charts: [
			{
				title: 'Gzipped JS per route vs budget',
				unit: 'KB',
				bars: [
					{ label: 'chat (/)', value: kb(chat.gzipBytes) },
					{ label: 'about (/about)', value: kb(about.gzipBytes) },
					{ label: 'budget', value: BUDGET_KB }
				]
			},
			{
				title: 'Largest chat-route scripts (gzip)',
				unit: 'KB',
				bars: [...chat.files]
					.sort((a, b) => b.gzip - a.gzip)
					.slice(0, 8)
					.map((f) => ({ label: f.url.split('/').pop() ?? f.url, value: kb(f.gzip) }))
			}
		]
	};
}
