// Is a model fully in the browser cache? Answered on the main thread from the Cache API alone, so the
// page can decide "load it" or "ask first" without starting the worker — which would fetch the
// engine's code (web-llm is 6.6 MB) just to look. Settings' cache list (with sizes) and deletion
// still go through the worker's adapters.
//
// What each engine stores (verified against web-llm 0.2.86 and transformers.js 4.3.1, see the
// adapters): web-llm keeps `tensor-cache.json` and every shard it lists in 'webllm/model', the
// config in 'webllm/config', the model library in 'webllm/wasm', keyed by URL; transformers.js keeps
// each file in 'transformers-cache' keyed by base + file. Never throws: unknown means "not cached".
import { webllmModelUrl } from './catalog';
import { ONNX_DTYPE_SUFFIX } from './onnx-files';
import type { ModelEntry, OnnxDevice } from './protocol';

async function has(cacheName: string, urls: string[]): Promise<boolean> {
	const cache = await caches.open(cacheName);
	for (const url of urls) if (!(await cache.match(url))) return false;
	return true;
}

async function webllmCached(model: ModelEntry): Promise<boolean> {
	if (!model.modelLib) return false;
	const base = webllmModelUrl(model.base);
	const weights = await caches.open('webllm/model');
	const manifest = await weights.match(new URL('tensor-cache.json', base).href);
	if (!manifest) return false;
	const { records } = (await manifest.json()) as { records?: Array<{ dataPath?: unknown }> };
	if (!Array.isArray(records) || records.length === 0) return false;
	const shards = records.map((record) => new URL(String(record.dataPath), base).href);
	return (
		(await has('webllm/model', shards)) &&
		(await has('webllm/config', [new URL('mlc-chat-config.json', base).href])) &&
		(await has('webllm/wasm', [new URL(model.modelLib, base).href]))
	);
}

async function onnxCached(model: ModelEntry, device: OnnxDevice): Promise<boolean> {
	const dtype = model.dtype?.[device];
	const suffix = dtype === undefined ? undefined : ONNX_DTYPE_SUFFIX[dtype];
	if (suffix === undefined) return false;
	const files = ['config.json', `onnx/model${suffix}.onnx`, 'tokenizer.json', 'tokenizer_config.json'];
	return has(
		'transformers-cache',
		files.map((file) => new URL(file, model.base).href)
	);
}

export async function probeCached(model: ModelEntry, device: OnnxDevice): Promise<boolean> {
	try {
		if (typeof caches === 'undefined') return false;
		return model.engine === 'webllm' ? await webllmCached(model) : await onnxCached(model, device);
	} catch {
		return false;
	}
}
