// `npm test`: install what is missing (dependencies; Chromium through apt-get as root), then run every
// check: the test models (generated, skipped when up to date), svelte-check, lint, unit tests, the
// production build, and the end-to-end tests against it.
// Every step runs even after a failure, so one run shows everything that is wrong.
import { ensureChromium, ensureDependencies, run } from './env.js';

ensureDependencies();
ensureChromium();

/** @type {[name: string, command: string, args: string[]][]} */
const steps = [
	['test models (fixtures:models)', 'npm', ['run', '--silent', 'fixtures:models']],
	['test knowledge-base index (kb:fixture)', 'npm', ['run', '--silent', 'kb:fixture']],
	['types (svelte-check)', 'npm', ['run', 'check']],
	['lint (prettier + eslint)', 'npm', ['run', 'lint']],
	['unit tests (vitest)', 'npx', ['vitest', 'run']],
	['build', 'npx', ['vite', 'build', '--logLevel', 'warn']],
	['end-to-end tests (playwright)', 'npx', ['playwright', 'test']]
];

/** @type {string[]} */
const failed = [];
for (const [name, command, args] of steps) {
	console.log(`\n▶ ${name}`);
	if (name.startsWith('end-to-end') && failed.includes('build')) {
		console.log('  skipped: the build failed');
		failed.push(name);
		continue;
	}
	if (run(command, args) !== 0) failed.push(name);
}

console.log('');
if (failed.length > 0) {
	console.error(`npm test: ${failed.length} step(s) failed: ${failed.join(', ')}`);
	process.exit(1);
}
console.log(`npm test: all ${steps.length} steps passed`);
