// Which files transformers.js reads for an ONNX model, and where it caches them, as plain data: shared
// by the workers (ONNX chat adapter, embedder) and the main thread's cache probes, which must not import
// transformers.js.
import type { OnnxDevice } from './protocol';

/** The Cache API cache transformers.js keeps model files in (its `env.cacheKey`). */
export const MODEL_CACHE = 'transformers-cache';

/** transformers.js's dtype → file-name suffix (utils/dtypes.js DEFAULT_DTYPE_SUFFIX_MAPPING). */
export const ONNX_DTYPE_SUFFIX: Readonly<Record<string, string>> = {
	fp32: '',
	fp16: '_fp16',
	int8: '_int8',
	uint8: '_uint8',
	q8: '_quantized',
	q4: '_q4',
	q2: '_q2',
	q1: '_q1',
	q4f16: '_q4f16',
	q2f16: '_q2f16',
	q1f16: '_q1f16',
	bnb4: '_bnb4'
};

/** External data file names, as transformers.js's model-loader derives them from the config. */
export function externalDataChunks(config: unknown, onnxFile: string, device?: OnnxDevice): string[] {
	const custom = record(record(config)['transformers.js_config']);
	const perDevice = device ? record(record(custom.device_config)[device]) : {};
	const setting = perDevice.use_external_data_format ?? custom.use_external_data_format;
	let chunks = 0;
	if (typeof setting === 'object' && setting !== null) {
		const byFile = record(setting);
		chunks = Number(byFile[onnxFile] ?? byFile.model ?? 0);
	} else {
		chunks = Number(setting ?? 0);
	}
	return Array.from({ length: chunks }, (_, i) => `${onnxFile}_data${i === 0 ? '' : `_${i}`}`);
}

function record(value: unknown): Record<string, unknown> {
	return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}
