// The worker thread of the engine benchmark (scripts/bench/engine.ts). Two modes (workerData.mode):
// - 'protocol': the real worker host (src/lib/engine/host.ts) behind Node's postMessage, with
//   FakeEngineAdapter as an instant engine: it streams its scripted tokens with no model behind them.
// - 'raw': the peer: on { count }, posts that many token strings with no protocol at all, then 'end'.
import { parentPort, workerData } from 'node:worker_threads';
import { FakeEngineAdapter } from '../../src/lib/engine/adapters/fake';
import { createWorkerHost } from '../../src/lib/engine/host';

const port = parentPort;
if (!port) throw new Error('engine-worker.ts runs in a worker thread');
const mode: unknown = workerData.mode;
const tokens: string[] = Array.isArray(workerData.tokens) ? workerData.tokens.map(String) : [];

if (mode === 'protocol') {
	const fakeInstantEngine = () => new FakeEngineAdapter({ tokens, loadSteps: 1 });
	const host = createWorkerHost((event) => port.postMessage(event), {
		webllm: fakeInstantEngine,
		onnx: fakeInstantEngine
	});
	port.on('message', (message: unknown) => host.handle(message));
} else {
	port.on('message', (message: unknown) => {
		const count = typeof message === 'object' && message !== null && 'count' in message ? Number(message.count) : 0;
		for (let i = 0; i < count; i++) port.postMessage(tokens[i % tokens.length]);
		port.postMessage('end');
	});
}
