// The llm worker entry: a trivial host. All logic is in ./host.ts (tested without a Worker). Each
// adapter module is imported on first use, so web-llm or transformers.js loads only when a model of
// its engine is loaded (or its cache is inspected).
import { createWorkerHost } from './host';

const host = createWorkerHost((event) => self.postMessage(event), {
	webllm: async () => new (await import('./adapters/webllm')).WebLlmAdapter(),
	onnx: async () => new (await import('./adapters/onnx')).OnnxAdapter()
});

self.addEventListener('message', (event: MessageEvent) => host.handle(event.data));
