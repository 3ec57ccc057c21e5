// Which files transformers.js reads for an ONNX model, as plain data: shared by the ONNX adapter (in
// the worker) and the main thread's cache probe, which must not import transformers.js.

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
