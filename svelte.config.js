import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';
import { cspDirectives } from './src/lib/csp.js';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		// Static build served by any host; pages are prerendered shells (ssr is off), and the
		// fallback page answers any other path (the SPA fallback).
		adapter: adapter({ fallback: '200.html', strict: true }),
		// The service worker is registered by the app itself, so it can offer "update available".
		serviceWorker: { register: false },
		// Type-check the Node scripts and tool configs too, not only src/ and tests/.
		typescript: {
			config(tsconfig) {
				tsconfig.include.push('../scripts/**/*.ts', '../scripts/**/*.js', '../*.config.ts', '../*.config.js');
			}
		},
		csp: {
			mode: 'hash',
			directives: /** @type {NonNullable<import('@sveltejs/kit').KitConfig['csp']>['directives']} */ (
				cspDirectives()
			)
		}
	}
};

export default config;
