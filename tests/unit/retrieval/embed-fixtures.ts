// Shared by the embedder's tests: the generated fixture models in a temp directory (with their mirror
// catalog's embedding entry), an in-memory Cache API standing in for the browser's, and a tiny HTTP
// server for the "files from a catalog base" path.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeModels } from '../../../scripts/fixtures/make-models.mjs';
import type { EmbeddingModelEntry } from '../../../src/lib/engine/protocol';

export interface FixtureModels {
	dir: string;
	/** The fixture catalog's embedding entry, as written (base '/models/fixtures/embed-tiny/'). */
	entry: EmbeddingModelEntry;
	remove(): void;
}

/** Generates the fixture models into a fresh temp directory. */
export async function fixtureModels(): Promise<FixtureModels> {
	const dir = mkdtempSync(join(tmpdir(), 'embed-fixtures-'));
	await makeModels({ outDir: dir, force: true });
	const catalog = JSON.parse(readFileSync(join(dir, 'catalog.json'), 'utf8')) as {
		embedding: EmbeddingModelEntry;
	};
	return { dir, entry: catalog.embedding, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A Cache API in memory: only what transformers.js and the embedder use. */
export class MemoryCaches {
	readonly stores = new Map<string, Map<string, { body: ArrayBuffer; headers: [string, string][] }>>();
	async open(name: string) {
		const store = this.stores.get(name) ?? new Map();
		this.stores.set(name, store);
		const key = (request: RequestInfo | URL) =>
			typeof request === 'string' ? request : 'url' in request ? request.url : request.href;
		return {
			async match(request: RequestInfo | URL) {
				const hit = store.get(key(request));
				return hit && new Response(hit.body, { headers: hit.headers });
			},
			async put(request: RequestInfo | URL, response: Response) {
				store.set(key(request), { body: await response.arrayBuffer(), headers: [...response.headers] });
			},
			async delete(request: RequestInfo | URL) {
				return store.delete(key(request));
			}
		};
	}
	keys(name: string): string[] {
		return [...(this.stores.get(name)?.keys() ?? [])];
	}
}

export interface FixtureSite {
	server: Server;
	origin: string;
	/** Paths requested so far. */
	requests: string[];
	setOffline(on: boolean): void;
	close(): Promise<void>;
}

/** Serves `dir` at /models/fixtures/; `offline` makes every request fail. */
export function serveFixtures(dir: string): Promise<FixtureSite> {
	const requests: string[] = [];
	let offline = false;
	const server = createServer(async (request, response) => {
		if (offline) return request.socket.destroy();
		const path = new URL(request.url ?? '/', 'http://x').pathname;
		requests.push(path);
		try {
			if (!path.startsWith('/models/fixtures/') || path.includes('..')) throw new Error('outside');
			const body = await readFile(join(dir, decodeURIComponent(path.slice('/models/fixtures/'.length))));
			response.writeHead(200, { 'content-length': body.byteLength });
			response.end(body);
		} catch {
			response.writeHead(404).end('not found');
		}
	});
	return new Promise((resolve) =>
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as AddressInfo;
			resolve({
				server,
				origin: `http://127.0.0.1:${port}/`,
				requests,
				setOffline: (on) => (offline = on),
				close: () =>
					new Promise((done) => {
						server.closeAllConnections();
						server.close(() => done());
					})
			});
		})
	);
}

/** Euclidean length. */
export function norm(vector: Float32Array): number {
	return Math.sqrt(vector.reduce((sum, x) => sum + x * x, 0));
}
