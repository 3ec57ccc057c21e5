// Service-worker registration and the "update available" flow.
//
// The worker never skips waiting on its own: a new version waits until the person chooses
// "reload" (so an answer being written is never cut off by a surprise reload). Then we ask the
// waiting worker to take over and reload once it controls the page.

import { dev } from '$app/environment';

class Updates {
	#waiting = $state.raw<ServiceWorker | null>(null);
	#dismissed = $state(false);

	/** True when a new version is installed and waiting, and the person has not said "later". */
	get available(): boolean {
		return this.#waiting !== null && !this.#dismissed;
	}

	async register(): Promise<void> {
		if (!('serviceWorker' in navigator)) return;
		let reloading = false;
		const hadController = Boolean(navigator.serviceWorker.controller);
		navigator.serviceWorker.addEventListener('controllerchange', () => {
			// The first install claims the page: that is not an update, so no reload then.
			if (!hadController || reloading) return;
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
		this.#waiting?.postMessage({ type: 'SKIP_WAITING' });
	}

	dismiss(): void {
		this.#dismissed = true;
	}
}

export const updates = new Updates();
