// Set-up shared by `npm start` and `npm test`: install what is missing, find a browser, run steps.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';

/**
 * Runs a command with inherited output; returns its exit code.
 * @param {string} command
 * @param {string[]} args
 * @param {import('node:child_process').SpawnSyncOptions} [options]
 */
export function run(command, args, options = {}) {
	const result = spawnSync(command, args, { stdio: 'inherit', ...options });
	if (result.error) {
		console.error(`Could not run ${command}: ${result.error.message}`);
		return 1;
	}
	return result.status ?? 1;
}

/** `npm ci` when node_modules is missing or older than the lock file. */
export function ensureDependencies() {
	const stamp = 'node_modules/.package-lock.json';
	const fresh = existsSync(stamp) && statSync(stamp).mtimeMs >= statSync('package-lock.json').mtimeMs;
	if (fresh) return;
	console.log('Installing dependencies (npm ci)…');
	const code = run('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=warn']);
	if (code !== 0) {
		console.error('npm ci failed: check your network access to the npm registry.');
		process.exit(code);
	}
}

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/**
 * A Chromium for Playwright and Lighthouse: CHROME_PATH, else a system Chromium, else (as root on
 * Debian) `apt-get install chromium`. Sets CHROME_PATH for the child processes.
 */
export function ensureChromium() {
	const preset = process.env.CHROME_PATH;
	if (preset) {
		if (existsSync(preset)) return preset;
		console.error(`CHROME_PATH is set to ${preset}, but no file is there.`);
		process.exit(1);
	}
	let found = CANDIDATES.find((path) => existsSync(path));
	if (!found && process.getuid?.() === 0 && existsSync('/usr/bin/apt-get')) {
		console.log('No Chromium found: installing Debian’s chromium package (apt-get)…');
		run('apt-get', ['update', '-qq']);
		run('apt-get', ['install', '-y', '-qq', 'chromium'], {
			env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
		});
		found = CANDIDATES.find((path) => existsSync(path));
	}
	if (!found) {
		console.error(
			'No Chromium found. Install one (Debian/Ubuntu: `sudo apt-get install chromium`) or set CHROME_PATH to a Chromium or Chrome binary.'
		);
		process.exit(1);
	}
	process.env.CHROME_PATH = found;
	return found;
}
