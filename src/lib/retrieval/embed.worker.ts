// The embed worker entry: a trivial host. All logic is in ./embed-host.ts (tested without a Worker).
// transformers.js and ONNX Runtime's wasm URL are imported on the first load, so starting the worker
// fetches nothing heavy and no model file is fetched before a load asks for it.
import { createEmbedHost } from './embed-host';

const host = createEmbedHost(
	(event, transfer) => self.postMessage(event, { transfer: transfer ?? [] }),
	async (entry, options) => {
		const [{ loadEmbedder }, { ORT_WASM_URL }] = await Promise.all([
			import('./embed'),
			import('../engine/ort-wasm')
		]);
		return loadEmbedder(entry, { ...options, ortWasmUrl: ORT_WASM_URL });
	}
);

self.addEventListener('message', (event: MessageEvent) => host.handle(event.data));
