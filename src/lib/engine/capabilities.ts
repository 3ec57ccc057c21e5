// Capability probe: what this device offers the engines (WebGPU adapter, shader-f16, buffer limits),
// how much storage the browser grants, and whether the app can work offline. Never throws: every
// missing capability is reported as a value with a reason, because a browser without WebGPU or
// service workers must still open the app and say what still works.

export interface GpuReport {
	available: boolean;
	/** Why WebGPU is unusable, when it is: 'no-api' (navigator.gpu missing), 'no-adapter', or an error message. */
	reason?: string;
	vendor?: string;
	architecture?: string;
	shaderF16: boolean;
	maxStorageBufferBindingSize?: number;
	maxBufferSize?: number;
}

export interface StorageReport {
	usage?: number;
	quota?: number;
	/** null when the browser cannot tell. */
	persisted: boolean | null;
}

export interface DeviceReport {
	gpu: GpuReport;
	storage: StorageReport;
	serviceWorker: boolean;
	online: boolean;
}

/** The parts of `navigator` the probe reads; a parameter so tests can describe any browser. */
export type ProbeNavigator = Pick<Navigator, 'onLine'> & {
	gpu?: Pick<GPU, 'requestAdapter'>;
	storage?: Partial<Pick<StorageManager, 'estimate' | 'persisted'>>;
	serviceWorker?: unknown;
};

export async function probeGpu(nav: ProbeNavigator): Promise<GpuReport> {
	if (!nav.gpu) return { available: false, reason: 'no-api', shaderF16: false };
	try {
		const adapter = await nav.gpu.requestAdapter();
		if (!adapter) return { available: false, reason: 'no-adapter', shaderF16: false };
		return {
			available: true,
			vendor: adapter.info.vendor,
			architecture: adapter.info.architecture,
			shaderF16: adapter.features.has('shader-f16'),
			maxStorageBufferBindingSize: adapter.limits.maxStorageBufferBindingSize,
			maxBufferSize: adapter.limits.maxBufferSize
		};
	} catch (error) {
		return { available: false, reason: errorMessage(error), shaderF16: false };
	}
}

export async function probeStorage(nav: ProbeNavigator): Promise<StorageReport> {
	const report: StorageReport = { persisted: null };
	try {
		if (nav.storage?.estimate) {
			const { usage, quota } = await nav.storage.estimate();
			report.usage = usage;
			report.quota = quota;
		}
		if (nav.storage?.persisted) report.persisted = await nav.storage.persisted();
	} catch {
		// Some browsers refuse these in private windows; unknown is an honest answer.
	}
	return report;
}

export async function probeDevice(nav: ProbeNavigator): Promise<DeviceReport> {
	const [gpu, storage] = await Promise.all([probeGpu(nav), probeStorage(nav)]);
	return { gpu, storage, serviceWorker: Boolean(nav.serviceWorker), online: nav.onLine };
}

function errorMessage(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}
