import { describe, expect, it } from 'vitest';
import {
	probeDevice,
	probeGpu,
	probeStorage,
	type ProbeNavigator
} from '../../../src/lib/engine/capabilities';

/** A described browser, not a real one: only the fields the probe reads. */
function fakeAdapter(features: string[]): GPUAdapter {
	return {
		info: { vendor: 'google', architecture: 'swiftshader' },
		features: new Set(features),
		limits: { maxStorageBufferBindingSize: 1 << 30, maxBufferSize: 1 << 30 }
	} as unknown as GPUAdapter;
}

const base: ProbeNavigator = { onLine: true };

describe('probeGpu', () => {
	it('reports the adapter, shader-f16 and the buffer limits', async () => {
		const report = await probeGpu({ ...base, gpu: { requestAdapter: async () => fakeAdapter([]) } });
		expect(report).toEqual({
			available: true,
			vendor: 'google',
			architecture: 'swiftshader',
			shaderF16: false,
			maxStorageBufferBindingSize: 1073741824,
			maxBufferSize: 1073741824
		});
		const f16 = await probeGpu({ ...base, gpu: { requestAdapter: async () => fakeAdapter(['shader-f16']) } });
		expect(f16.shaderF16).toBe(true);
	});

	it('says why WebGPU is unusable instead of throwing', async () => {
		expect(await probeGpu(base)).toEqual({ available: false, reason: 'no-api', shaderF16: false });
		expect(await probeGpu({ ...base, gpu: { requestAdapter: async () => null } })).toEqual({
			available: false,
			reason: 'no-adapter',
			shaderF16: false
		});
		const failing = {
			requestAdapter: async () => {
				throw new Error('GPU process crashed');
			}
		};
		expect(await probeGpu({ ...base, gpu: failing })).toEqual({
			available: false,
			reason: 'GPU process crashed',
			shaderF16: false
		});
	});
});

describe('probeStorage', () => {
	it('reports usage, quota and persistence', async () => {
		const storage = { estimate: async () => ({ usage: 10, quota: 100 }), persisted: async () => true };
		expect(await probeStorage({ ...base, storage })).toEqual({ usage: 10, quota: 100, persisted: true });
	});

	it('answers unknown when the browser refuses or lacks the API', async () => {
		expect(await probeStorage(base)).toEqual({ persisted: null });
		const refusing = {
			estimate: async (): Promise<StorageEstimate> => {
				throw new DOMException('denied', 'SecurityError');
			}
		};
		expect(await probeStorage({ ...base, storage: refusing })).toEqual({ persisted: null });
	});
});

describe('probeDevice', () => {
	it('combines GPU, storage, service worker and network', async () => {
		const report = await probeDevice({ onLine: false, serviceWorker: {} });
		expect(report).toEqual({
			gpu: { available: false, reason: 'no-api', shaderF16: false },
			storage: { persisted: null },
			serviceWorker: true,
			online: false
		});
	});
});
