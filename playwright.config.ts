// End-to-end tests in Debian's Chromium (Playwright's own browser download does not work here),
// against the production build served like a static host. WebGPU comes from SwiftShader on the CPU.
import { defineConfig } from '@playwright/test';

const PORT = Number(process.env.E2E_PORT ?? 4174);
/** A second server whose model files arrive slowly (see tests/e2e/download.test.ts). */
export const SLOW_PORT = PORT + 1;

export const CHROMIUM_ARGS = [
	'--enable-unsafe-webgpu',
	'--enable-features=Vulkan',
	'--use-vulkan=swiftshader',
	'--use-webgpu-adapter=swiftshader',
	'--enable-unsafe-swiftshader',
	'--no-sandbox',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--no-first-run',
	// Belt and braces behind the per-test request guard: no host but localhost resolves at all.
	'--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost , EXCLUDE 127.0.0.1'
];

export default defineConfig({
	testDir: 'tests/e2e',
	fullyParallel: true,
	workers: 2,
	retries: process.env.CI ? 1 : 0,
	timeout: 60_000,
	expect: { timeout: 20_000 },
	reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
	use: {
		baseURL: `http://localhost:${PORT}`,
		trace: 'on-first-retry',
		launchOptions: {
			executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
			args: CHROMIUM_ARGS
		}
	},
	webServer: [
		{
			command: `node scripts/serve.js --port ${PORT} --fixtures`,
			url: `http://localhost:${PORT}`,
			reuseExistingServer: false,
			timeout: 30_000
		},
		{
			// The same app and models over a slow link (1.5 MB/s), for download progress, cancel and resume.
			command: `node scripts/serve.js --port ${SLOW_PORT} --fixtures --throttle 1500000`,
			url: `http://localhost:${SLOW_PORT}`,
			reuseExistingServer: false,
			timeout: 30_000
		}
	]
});
