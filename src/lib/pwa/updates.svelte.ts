// Service-worker registration and the "update available" flow.
//
// The worker never skips waiting on its own: a new version waits until the person chooses
// "reload" (so an answer being written is never cut off by a surprise reload), or, on a kiosk, until
// the kiosk is between patients (./between-patients.ts, applied by KioskLayer.svelte). Then we ask the
// waiting worker to take over and reload once it controls the page.
//
// A tab left open for days (a kiosk) still hears of new versions: the browser checks for a new
// service worker only on navigations, so the page asks it to check every `UPDATE_CHECK_MS` and each
// time the page becomes visible again.

import { dev } from '$app/environment';

/** How often an open page checks for a new version: hourly. */
export const UPDATE_CHECK_MS = 60 * 60 * 1000;

class Updates {
	#waiting = $state.raw<ServiceWorker | null>(null);
	#dismissed = $state(false);
	#applying = false;

	/** True when a new version is installed and waiting, and the person has not said "later". */
	get available(): boolean {
		return this.#waiting !== null && !this.#dismissed;
	}

	/** A new version is installed and waiting (whatever the person said). */
	get waiting(): boolean {
		return this.#waiting !== null;
	}

	async register(): Promise<void> {
		if (!('serviceWorker' in navigator)) return;
		let reloading = false;
		let controlled = Boolean(navigator.serviceWorker.controller);
		navigator.serviceWorker.addEventListener('controllerchange', () => {
			// The first install claims the page: that is not an update, so no reload then. (A tab
			// opened before its first service worker, such as a kiosk, still reloads for the next one.)
			if (!controlled) {
				controlled = true;
				return;
			}
			if (reloading) return;
			reloading = true;
			location.reload();
		});
		try {
			const registration = await navigator.serviceWorker.register('/service-worker.js', {
				// Built as a classic script; Vite serves it as a module in dev.
				type: dev ? 'module' : 'classic'
			});
			if (registration.waiting && navigator.serviceWorker.controller) {
				this.#waiting = registration.waiting;
			}
			const check = () => void registration.update().catch(() => undefined); // offline: next time
			setInterval(check, UPDATE_CHECK_MS);
			document.addEventListener('visibilitychange', () => {
				if (document.visibilityState === 'visible') check();
			});
			registration.addEventListener('updatefound', () => {
				const installing = registration.installing;
				installing?.addEventListener('statechange', () => {
					if (installing.state === 'installed' && navigator.serviceWorker.controller) {
						this.#dismissed = false;
						this.#waiting = installing;
					}
				});
			});
		} catch (error) {
			// Without a service worker the app still works online; the device panel says so.
			console.warn('Service worker registration failed', error);
		}
	}

	/** Activate the waiting version; the page reloads when it takes control. */
	apply(): void {
		if (!this.#waiting || this.#applying) return;
		this.#applying = true;
		this.#waiting.postMessage({ type: 'SKIP_WAITING' });
	}

	dismiss(): void {
		this.#dismissed = true;
	}
}

export const updates = new Updates();
