// Engine benchmark section: throughput of the worker protocol (issue 4 target: ≥ 5,000 tokens/s with
// an instant fake engine), measured through a real thread boundary. The real EngineClient talks to the
// real worker host in a Node worker thread (worker_threads: postMessage with structured clone, as in
// a browser), whose engine is FakeEngineAdapter streaming 20,000 scripted tokens instantly; the
// client's 'message' events are real MessageEvents, as a browser Worker delivers them.
//
// Peers measured in the same run, so the figures compare across machines: the same token strings
// posted raw over the same kind of boundary (no protocol, no client), and the fake engine called
// in-process (no boundary at all). The ratio protocol / raw is what the protocol costs.
import { Worker } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';
import { FakeEngineAdapter } from '../../src/lib/engine/adapters/fake';
import { EngineClient, type WorkerLike } from '../../src/lib/engine/client';
import type { ModelEntry, WorkerRequest } from '../../src/lib/engine/protocol';
import type { BenchSection } from './types';

const TOKENS = 20000;
const RUNS = 5;
const TARGET = 5000;

/** Token-like strings: 1–9 characters, English and Chinese, with spaces and punctuation. */
const tokens = Array.from({ length: TOKENS }, (_, i) => ['Rest', ' and', ' drink', ' 水', '。', ' fever', ' 38', '.5', ' °C'][i % 9] ?? '');

const fakeModel: ModelEntry = {
	id: 'fake-instant',
	engine: 'webllm',
	label: 'Fake instant engine',
	paramsB: 0.001,
	quantization: 'none',
	requiresShaderF16: false,
	base: 'http://localhost/fake/resolve/main/',
	modelLib: 'http://localhost/fake.wasm',
	downloadBytes: 1
};

function startWorker(mode: 'protocol' | 'raw'): Worker {
	return new Worker(new URL('./ts-worker.js', import.meta.url), {
		workerData: { entry: new URL('./engine-worker.ts', import.meta.url).href, mode, tokens }
	});
}

/** A Node worker thread seen through the browser Worker interface EngineClient expects. */
function asWorkerLike(worker: Worker): WorkerLike {
	return {
		postMessage: (message: WorkerRequest) => worker.postMessage(message),
		terminate: () => void worker.terminate(),
		addEventListener(type, listener) {
			if (type === 'message') worker.on('message', (data: unknown) => listener(new MessageEvent('message', { data })));
			else if (type === 'messageerror') worker.on('messageerror', () => listener(new Event('messageerror')));
			else worker.on('error', (error: Error) => listener(Object.assign(new Event('error'), { message: error.message })));
		}
	};
}

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

async function protocolRuns(): Promise<number[]> {
	const worker = startWorker('protocol');
	const client = new EngineClient({ createWorker: () => asWorkerLike(worker) });
	try {
		await client.load(fakeModel, { contextWindow: 4096 });
		const rates: number[] = [];
		for (let run = 0; run <= RUNS; run++) {
			let received = 0;
			const start = performance.now();
			const result = await client.chat([{ role: 'user', content: 'bench' }], undefined, {
				onToken: () => void received++
			});
			const seconds = (performance.now() - start) / 1000;
			if (received !== TOKENS || result.text.length !== tokens.join('').length) {
				throw new Error(`protocol run lost tokens: ${received}/${TOKENS}`);
			}
			if (run > 0) rates.push(TOKENS / seconds); // run 0 warms up
		}
		return rates;
	} finally {
		client.dispose();
		await worker.terminate();
	}
}

async function rawRuns(): Promise<number[]> {
	const worker = startWorker('raw');
	try {
		const rates: number[] = [];
		for (let run = 0; run <= RUNS; run++) {
			let received = 0;
			const start = performance.now();
			await new Promise<void>((resolve, reject) => {
				const onMessage = (data: unknown) => {
					if (data !== 'end') {
						received++;
						return;
					}
					worker.off('message', onMessage);
					resolve();
				};
				worker.on('message', onMessage);
				worker.once('error', reject);
				worker.postMessage({ count: TOKENS });
			});
			const seconds = (performance.now() - start) / 1000;
			if (received !== TOKENS) throw new Error(`raw run lost tokens: ${received}/${TOKENS}`);
			if (run > 0) rates.push(TOKENS / seconds);
		}
		return rates;
	} finally {
		await worker.terminate();
	}
}

async function inProcessRuns(): Promise<number[]> {
	const fakeInstantEngine = new FakeEngineAdapter({ tokens, loadSteps: 1 });
	await fakeInstantEngine.load(fakeModel, { contextWindow: 4096, onProgress: () => undefined });
	const rates: number[] = [];
	for (let run = 0; run <= RUNS; run++) {
		let received = 0;
		const start = performance.now();
		await fakeInstantEngine.chat([{ role: 'user', content: 'bench' }], { temperature: 0.3, top_p: 0.9, repetition_penalty: 1.1, max_tokens: TOKENS }, {
			signal: new AbortController().signal,
			onToken: () => void received++
		});
		const seconds = (performance.now() - start) / 1000;
		if (run > 0) rates.push(received / seconds);
	}
	return rates;
}

export async function run(): Promise<BenchSection> {
	const protocol = median(await protocolRuns());
	const raw = median(await rawRuns());
	const inProcess = median(await inProcessRuns());
	const round = (n: number) => Math.round(n);
	return {
		id: 'engine',
		title: 'Engine worker protocol (instant fake engine, worker_threads boundary)',
		metrics: [
			{
				name: 'Protocol throughput',
				value: round(protocol),
				unit: 'tokens/s',
				target: `≥ ${TARGET.toLocaleString('en')} tokens/s`,
				ok: protocol >= TARGET,
				note: `EngineClient ⇄ worker host, ${TOKENS.toLocaleString('en')} tokens, median of ${RUNS} runs`
			},
			{
				name: 'Peer: raw postMessage of the same strings',
				value: round(raw),
				unit: 'tokens/s',
				note: 'same boundary, no protocol, no client'
			},
			{
				name: 'Protocol / raw postMessage',
				value: Number((protocol / raw).toFixed(3)),
				unit: '×',
				note: 'share of the raw boundary throughput the protocol keeps'
			},
			{
				name: 'Peer: fake engine called in-process',
				value: round(inProcess),
				unit: 'tokens/s',
				note: 'no boundary at all: the ceiling'
			}
		],
		charts: [
			{
				title: 'Tokens per second',
				unit: 'tokens/s',
				bars: [
					{ label: 'in-process (no boundary)', value: round(inProcess) },
					{ label: 'raw postMessage', value: round(raw) },
					{ label: 'protocol (client ⇄ host)', value: round(protocol) }
				]
			}
		]
	};
}
