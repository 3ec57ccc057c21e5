// The device report as reactive state: probed once at start, online/offline kept live.
import { probeDevice, type DeviceReport } from './capabilities';

class Device {
	#report = $state.raw<DeviceReport | null>(null);
	#online = $state(navigator.onLine);
	#probing: Promise<DeviceReport> | null = null;

	constructor() {
		addEventListener('online', () => (this.#online = true));
		addEventListener('offline', () => (this.#online = false));
	}

	/** null until the first probe finishes. */
	get report(): DeviceReport | null {
		return this.#report;
	}

	get online(): boolean {
		return this.#online;
	}

	/** Probes once; later calls share the first result unless `fresh` (e.g. storage changed). */
	probe(fresh = false): Promise<DeviceReport> {
		if (!this.#probing || fresh) {
			this.#probing = probeDevice(navigator).then((report) => (this.#report = report));
		}
		return this.#probing;
	}
}

export const device = new Device();
