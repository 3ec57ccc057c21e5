// Model choice: which catalog entry this device should run, and why, as machine-readable reasons the
// UI translates. Pure: the catalog, the GPU report (capabilities.ts) and navigator.deviceMemory in,
// a choice out.
//
// Rules, in order:
//  1. web-llm entries that fit, largest paramsB first; at equal size q4f16_1 (smaller, faster) before
//     q4f32_1. An entry fits when
//       - WebGPU is available (and, for q4f16_1, the adapter has shader-f16);
//       - its largest buffer fits what web-llm will actually request from the adapter: web-llm 0.2.86
//         (detectGPUDevice) asks for a 1 GiB maxStorageBufferBindingSize / maxBufferSize when the
//         adapter allows that, else falls back to 128 MiB / 256 MiB — so an adapter limit of 512 MiB
//         still means 128 MiB for the model;
//       - its vramRequiredMB is at most MEMORY_FRACTION of deviceMemory, when the browser reports it.
//  2. Otherwise the ONNX fallback: on WebGPU when available (q4f16 only with shader-f16), else WASM.
//     After the ONNX adapter failed on WebGPU, choose again with `gpu: { ...gpu, available: false }`.
// The user may pick any other entry; `alternatives` says for each whether it fits and why not.
import type { GpuReport } from './capabilities';
import type { Catalog, ModelEntry, OnnxDevice } from './protocol';

/**
 * Share of navigator.deviceMemory a model's vram_required_MB may take. Phones and most laptops share
 * one memory between CPU and GPU, and the browser, the OS and this page need the rest; Chromium also
 * rounds deviceMemory down to a power of two and caps it at 8, so 8 means "8 GB or more". With 0.6:
 * 8 GB holds Qwen3 4B (3.4–4.3 GB), 4 GB holds 1.7B q4f16_1 (2.0 GB), 2 GB holds nothing from web-llm.
 */
export const MEMORY_FRACTION = 0.6;

const GiB = 1024 ** 3;
const MiB = 1024 ** 2;

/** Why an entry does or does not fit this device. */
export type FitReason =
	| 'fits'
	| 'no-webgpu' // needs WebGPU, which is absent
	| 'needs-shader-f16' // q4f16 weights, adapter without shader-f16
	| 'buffer-too-small' // its largest buffer exceeds what web-llm can request from this adapter
	| 'too-little-memory' // vramRequiredMB above MEMORY_FRACTION of deviceMemory
	| 'no-dtype-for-device'; // ONNX entry without a dtype for the device it would run on

/** Why the chosen model was chosen. */
export type ChoiceReason =
	| 'largest-fits' // the largest web-llm model fits
	| 'too-small-for-4b' // a smaller web-llm model, because the larger ones do not fit
	| 'no-webgpu' // ONNX on WASM: no WebGPU
	| 'no-webllm-fits' // ONNX: WebGPU is there, but no web-llm model fits
	| 'webllm-failed' // ONNX: web-llm failed to load on this device (the caller says so)
	| 'user-choice' // the person picked it, and it fits
	| 'user-choice-may-not-fit' // the person picked it although it does not fit
	| 'nothing-fits'; // no entry fits at all: the smallest entry is offered anyway

export interface ModelOption {
	model: ModelEntry;
	/** Where it would run: 'webgpu' for web-llm; the ONNX device otherwise. */
	device: OnnxDevice;
	fits: boolean;
	why: FitReason;
}

export interface ModelChoice extends ModelOption {
	reason: ChoiceReason;
	/** Every offered entry (fixtures excluded unless the catalog kept them), best first, with whether it fits. */
	alternatives: ModelOption[];
}

export interface ChooseInput {
	catalog: Pick<Catalog, 'models'>;
	gpu: GpuReport;
	/** navigator.deviceMemory in GB, when the browser reports it. */
	deviceMemoryGB?: number;
	/** The id the person picked in settings, if any. */
	preferredId?: string;
	/** Set after web-llm failed to load here: choose among the ONNX entries. */
	webllmFailed?: boolean;
}

/** The storage-buffer binding size web-llm 0.2.86 requests from an adapter with this limit. */
export function webllmBindingLimit(adapterLimit: number | undefined): number {
	if (adapterLimit === undefined) return 128 * MiB;
	if (adapterLimit >= GiB) return GiB;
	return adapterLimit >= 128 * MiB ? 128 * MiB : 0;
}

/** The buffer size web-llm 0.2.86 requests from an adapter with this maxBufferSize. */
export function webllmBufferLimit(adapterLimit: number | undefined): number {
	if (adapterLimit === undefined) return 256 * MiB;
	if (adapterLimit >= GiB) return GiB;
	return adapterLimit >= 256 * MiB ? 256 * MiB : 0;
}

/** Whether one entry fits this device, and on which device it would run. */
export function assessFit(model: ModelEntry, gpu: GpuReport, deviceMemoryGB?: number): ModelOption {
	if (model.engine === 'webllm') {
		const option = (fits: boolean, why: FitReason): ModelOption => ({ model, device: 'webgpu', fits, why });
		if (!gpu.available) return option(false, 'no-webgpu');
		if (model.requiresShaderF16 && !gpu.shaderF16) return option(false, 'needs-shader-f16');
		const needed = model.bufferSizeRequiredBytes ?? 0;
		const limit = Math.min(
			webllmBindingLimit(gpu.maxStorageBufferBindingSize),
			webllmBufferLimit(gpu.maxBufferSize)
		);
		if (needed > limit || limit === 0) return option(false, 'buffer-too-small');
		if (
			deviceMemoryGB !== undefined &&
			model.vramRequiredMB !== undefined &&
			model.vramRequiredMB > deviceMemoryGB * 1024 * MEMORY_FRACTION
		) {
			return option(false, 'too-little-memory');
		}
		return option(true, 'fits');
	}
	const onGpu = gpu.available && (!model.requiresShaderF16 || gpu.shaderF16);
	const device: OnnxDevice = onGpu && model.dtype?.webgpu ? 'webgpu' : 'wasm';
	if (model.requiresShaderF16 && device === 'wasm') {
		return { model, device, fits: false, why: gpu.available ? 'needs-shader-f16' : 'no-webgpu' };
	}
	if (!model.dtype?.[device]) return { model, device, fits: false, why: 'no-dtype-for-device' };
	return { model, device, fits: true, why: 'fits' };
}

/** Best first: web-llm before ONNX, larger before smaller, q4f16 before q4f32, less memory first. */
function compare(a: ModelOption, b: ModelOption): number {
	const engine = (o: ModelOption) => (o.model.engine === 'webllm' ? 0 : 1);
	return (
		engine(a) - engine(b) ||
		b.model.paramsB - a.model.paramsB ||
		Number(b.model.requiresShaderF16) - Number(a.model.requiresShaderF16) ||
		(a.model.vramRequiredMB ?? 0) - (b.model.vramRequiredMB ?? 0) ||
		a.model.downloadBytes - b.model.downloadBytes
	);
}

/**
 * Chooses the model for this device. Throws only when the catalog offers no model at all (a
 * deployment error the UI reports as such).
 */
export function chooseModel(input: ChooseInput): ModelChoice {
	const offered = input.catalog.models;
	if (offered.length === 0) throw new Error('The model catalog offers no model.');
	const alternatives = offered.map((m) => assessFit(m, input.gpu, input.deviceMemoryGB)).sort(compare);
	const choice = (option: ModelOption, reason: ChoiceReason): ModelChoice => ({
		...option,
		reason,
		alternatives
	});

	const preferred = alternatives.find((o) => o.model.id === input.preferredId);
	if (preferred && !(input.webllmFailed && preferred.model.engine === 'webllm')) {
		return choice(preferred, preferred.fits ? 'user-choice' : 'user-choice-may-not-fit');
	}

	if (!input.webllmFailed) {
		const webllm = alternatives.filter((o) => o.model.engine === 'webllm');
		const best = webllm.find((o) => o.fits);
		if (best) {
			const largest = Math.max(...webllm.map((o) => o.model.paramsB));
			return choice(best, best.model.paramsB >= largest ? 'largest-fits' : 'too-small-for-4b');
		}
	}

	const onnx = alternatives.find((o) => o.model.engine === 'onnx' && o.fits);
	if (onnx) {
		const reason: ChoiceReason = input.webllmFailed
			? 'webllm-failed'
			: input.gpu.available
				? 'no-webllm-fits'
				: 'no-webgpu';
		return choice(onnx, reason);
	}
	const smallest = [...alternatives].sort((a, b) => a.model.downloadBytes - b.model.downloadBytes)[0];
	if (!smallest) throw new Error('The model catalog offers no model.');
	return choice(smallest, 'nothing-fits');
}
