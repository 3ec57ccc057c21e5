import { describe, expect, it } from 'vitest';
import type { GpuReport } from '../../../src/lib/engine/capabilities';
import { defaultCatalog } from '../../../src/lib/engine/catalog';
import { assessFit, chooseModel, webllmBindingLimit } from '../../../src/lib/engine/choose';

const { catalog } = defaultCatalog();
const GiB = 1024 ** 3;
const MiB = 1024 ** 2;

/** Described adapters, not real ones: only the fields the choice reads. */
const desktopF16: GpuReport = {
	available: true,
	shaderF16: true,
	maxStorageBufferBindingSize: 2 * GiB,
	maxBufferSize: 2 * GiB
};
const swiftshader: GpuReport = {
	available: true,
	shaderF16: false,
	maxStorageBufferBindingSize: GiB,
	maxBufferSize: GiB
};
const smallLimits: GpuReport = {
	available: true,
	shaderF16: true,
	maxStorageBufferBindingSize: 512 * MiB,
	maxBufferSize: 512 * MiB
};
const noGpu: GpuReport = { available: false, reason: 'no-api', shaderF16: false };

describe('chooseModel', () => {
	it('runs Qwen3 4B q4f16_1 where the adapter has shader-f16', () => {
		const choice = chooseModel({ catalog, gpu: desktopF16, deviceMemoryGB: 8 });
		expect(choice).toMatchObject({ device: 'webgpu', fits: true, reason: 'largest-fits' });
		expect(choice.model.id).toBe('Qwen3-4B-q4f16_1-MLC');
	});

	it('runs q4f32_1 without shader-f16', () => {
		const choice = chooseModel({ catalog, gpu: swiftshader, deviceMemoryGB: 8 });
		expect(choice.model.id).toBe('Qwen3-4B-q4f32_1-MLC');
		expect(choice.reason).toBe('largest-fits');
		const f16 = choice.alternatives.find((o) => o.model.id === 'Qwen3-4B-q4f16_1-MLC');
		expect(f16).toMatchObject({ fits: false, why: 'needs-shader-f16' });
	});

	it('falls to 0.6B when web-llm can only bind 128 MiB (an adapter limit below 1 GiB)', () => {
		expect(webllmBindingLimit(512 * MiB)).toBe(128 * MiB);
		const choice = chooseModel({ catalog, gpu: smallLimits });
		expect(choice.model.id).toBe('Qwen3-0.6B-q4f16_1-MLC');
		expect(choice.reason).toBe('too-small-for-4b');
		expect(choice.alternatives.find((o) => o.model.id === 'Qwen3-1.7B-q4f16_1-MLC')?.why).toBe(
			'buffer-too-small'
		);
	});

	it('picks 1.7B on a 4 GB device and 0.6B q4f32 when only f32 fits', () => {
		expect(chooseModel({ catalog, gpu: desktopF16, deviceMemoryGB: 4 }).model.id).toBe(
			'Qwen3-1.7B-q4f16_1-MLC'
		);
		const f32 = chooseModel({ catalog, gpu: swiftshader, deviceMemoryGB: 4 });
		expect(f32.model.id).toBe('Qwen3-0.6B-q4f32_1-MLC');
		expect(f32.reason).toBe('too-small-for-4b');
		expect(f32.alternatives.find((o) => o.model.id === 'Qwen3-1.7B-q4f32_1-MLC')?.why).toBe(
			'too-little-memory'
		);
	});

	it('uses the ONNX fallback on WASM without WebGPU', () => {
		const choice = chooseModel({ catalog, gpu: noGpu, deviceMemoryGB: 4 });
		expect(choice).toMatchObject({ device: 'wasm', reason: 'no-webgpu', fits: true });
		expect(choice.model.id).toBe('Qwen3-0.6B-ONNX-q4');
		expect(
			choice.alternatives.filter((o) => o.model.engine === 'webllm').every((o) => o.why === 'no-webgpu')
		).toBe(true);
	});

	it('uses ONNX on WebGPU when no web-llm model fits in a small memory', () => {
		const choice = chooseModel({ catalog, gpu: desktopF16, deviceMemoryGB: 2 });
		expect(choice).toMatchObject({ device: 'webgpu', reason: 'no-webllm-fits' });
		expect(choice.model.id).toBe('Qwen3-0.6B-ONNX-q4f16');
	});

	it('uses ONNX after web-llm failed to load, without shader-f16 on the q4 file', () => {
		const choice = chooseModel({ catalog, gpu: swiftshader, deviceMemoryGB: 8, webllmFailed: true });
		expect(choice).toMatchObject({ device: 'webgpu', reason: 'webllm-failed' });
		expect(choice.model.id).toBe('Qwen3-0.6B-ONNX-q4');
	});

	it("honours the person's pick and says when it may not fit", () => {
		const fits = chooseModel({
			catalog,
			gpu: desktopF16,
			deviceMemoryGB: 8,
			preferredId: 'Qwen3-0.6B-q4f16_1-MLC'
		});
		expect(fits).toMatchObject({ reason: 'user-choice', fits: true });
		const tooBig = chooseModel({
			catalog,
			gpu: desktopF16,
			deviceMemoryGB: 2,
			preferredId: 'Qwen3-4B-q4f16_1-MLC'
		});
		expect(tooBig).toMatchObject({
			reason: 'user-choice-may-not-fit',
			fits: false,
			why: 'too-little-memory'
		});
	});

	it('lists every entry best first', () => {
		const ids = chooseModel({ catalog, gpu: desktopF16, deviceMemoryGB: 8 }).alternatives.map(
			(o) => o.model.id
		);
		expect(ids).toEqual([
			'Qwen3-4B-q4f16_1-MLC',
			'Qwen3-4B-q4f32_1-MLC',
			'Qwen3-1.7B-q4f16_1-MLC',
			'Qwen3-1.7B-q4f32_1-MLC',
			'Qwen3-0.6B-q4f16_1-MLC',
			'Qwen3-0.6B-q4f32_1-MLC',
			'Qwen3-0.6B-ONNX-q4f16',
			'Qwen3-0.6B-ONNX-q4'
		]);
	});

	it('offers the smallest entry when nothing fits, and refuses an empty catalog', () => {
		const onnxF16Only = { models: catalog.models.filter((m) => m.id === 'Qwen3-0.6B-ONNX-q4f16') };
		expect(chooseModel({ catalog: onnxF16Only, gpu: noGpu })).toMatchObject({
			reason: 'nothing-fits',
			fits: false
		});
		expect(() => chooseModel({ catalog: { models: [] }, gpu: noGpu })).toThrow(
			'The model catalog offers no model.'
		);
	});
});

describe('assessFit', () => {
	it('says an ONNX entry without a dtype for the device does not fit', () => {
		const entry = catalog.models.find((m) => m.id === 'Qwen3-0.6B-ONNX-q4');
		if (!entry) throw new Error('catalog changed');
		const webgpuOnly = { ...entry, dtype: { webgpu: 'q4' } };
		expect(assessFit(webgpuOnly, noGpu)).toMatchObject({
			device: 'wasm',
			fits: false,
			why: 'no-dtype-for-device'
		});
	});
});
