// The shared test fixture every e2e test uses instead of @playwright/test's own `test`:
// - every request to a host other than localhost is aborted AND fails the test (no patient data,
//   no model file, no font may come from or go to another host);
// - any uncaught page error or console error fails the test.
// Tests that expect a console error (e.g. a deliberately broken file) list it in `allowedConsoleErrors`.
import { test as base, expect } from '@playwright/test';

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

export function isLocal(url: string): boolean {
	const { protocol, hostname } = new URL(url);
	if (protocol === 'data:' || protocol === 'blob:') return true;
	return LOCAL_HOSTS.has(hostname);
}

interface Guard {
	/** Requests that tried to leave localhost. */
	blocked: string[];
	pageErrors: string[];
	consoleErrors: string[];
}

export const test = base.extend<{ guard: Guard; allowedConsoleErrors: RegExp[] }>({
	allowedConsoleErrors: [[], { option: true }],
	guard: [
		async ({ context, page, allowedConsoleErrors }, use) => {
			const guard: Guard = { blocked: [], pageErrors: [], consoleErrors: [] };
			await context.route(
				(url) => !isLocal(url.href),
				async (route) => {
					guard.blocked.push(route.request().url());
					await route.abort('blockedbyclient');
				}
			);
			page.on('pageerror', (error) => guard.pageErrors.push(error.message));
			page.on('console', (message) => {
				if (message.type() !== 'error') return;
				const text = message.text();
				if (!allowedConsoleErrors.some((pattern) => pattern.test(text))) guard.consoleErrors.push(text);
			});
			await use(guard);
			expect(guard.blocked, 'requests to hosts other than localhost').toEqual([]);
			expect(guard.pageErrors, 'uncaught page errors').toEqual([]);
			expect(guard.consoleErrors, 'console errors').toEqual([]);
		},
		{ auto: true }
	]
});

export { expect };

/**
 * The conversation's messages: the log's own items, not the lists inside an answer (its sources,
 * bullet points), so `.last()` is the newest message.
 */
/** Types `question` into the chat box (labelled `label`) and sends it with Enter. */
export async function ask(
	page: import('@playwright/test').Page,
	question: string,
	label = 'Your question'
): Promise<void> {
	const box = page.getByRole('textbox', { name: label });
	await box.fill(question);
	await box.press('Enter');
}

export const chatMessages = (page: import('@playwright/test').Page) =>
	page.getByRole('log').locator(':scope > li');

/**
 * Everything the app keeps in IndexedDB, as JSON: every row of every object store, and every index's
 * keys (a multi-entry word index stores its words only there). For scans that nothing typed is kept.
 */
export function storedEverything(page: import('@playwright/test').Page): Promise<string> {
	return page.evaluate(async () => {
		const db = await new Promise<IDBDatabase>((resolve, reject) => {
			const request = indexedDB.open('health-qa');
			request.onsuccess = () => resolve(request.result);
			request.onerror = () => reject(request.error);
		});
		const all = <T>(request: IDBRequest<T>) =>
			new Promise<T>((resolve, reject) => {
				request.onsuccess = () => resolve(request.result);
				request.onerror = () => reject(request.error);
			});
		const dump: unknown[] = [];
		for (const name of Array.from(db.objectStoreNames)) {
			const store = db.transaction(name).objectStore(name);
			dump.push(await all(store.getAll()));
			// An index's own keys (getAllKeys would give the rows' primary keys).
			for (const index of Array.from(store.indexNames)) {
				const keys: IDBValidKey[] = [];
				const cursor = store.index(index).openKeyCursor();
				await new Promise<void>((resolve, reject) => {
					cursor.onsuccess = () => {
						if (cursor.result === null) return resolve();
						keys.push(cursor.result.key);
						cursor.result.continue();
					};
					cursor.onerror = () => reject(cursor.error);
				});
				dump.push(keys);
			}
		}
		db.close();
		return JSON.stringify(dump);
	});
}

/**
 * What the app keeps outside IndexedDB, as text: localStorage, sessionStorage, and every Cache
 * Storage entry's URL with its body when the body is text and not the app's code (scripts, styles,
 * wasm and model weights are the build's own files).
 */
export function storedOutsideIndexedDb(page: import('@playwright/test').Page): Promise<string> {
	return page.evaluate(async () => {
		const parts: string[] = [JSON.stringify({ ...localStorage }), JSON.stringify({ ...sessionStorage })];
		for (const name of await caches.keys()) {
			const cache = await caches.open(name);
			for (const request of await cache.keys()) {
				parts.push(request.url);
				const response = await cache.match(request);
				const type = response?.headers.get('content-type') ?? '';
				const size = Number(response?.headers.get('content-length') ?? '0');
				// The app's code and the models are the build's own files (the code holds name lists).
				const code = /\.(?:js|mjs|css|wasm|onnx|bin|map)$/.test(new URL(request.url).pathname);
				if (response && !code && /text|json|html/.test(type) && size < 2_000_000)
					parts.push(await response.text());
			}
		}
		return parts.join('\n');
	});
}
