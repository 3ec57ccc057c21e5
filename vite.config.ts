import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [sveltekit()],
	server: { port: 5173, strictPort: true },
	preview: { port: 4173, strictPort: true },
	// Module workers, so the llm worker loads web-llm and transformers.js as separate chunks, each
	// only when its adapter is first used.
	worker: { format: 'es' },
	test: {
		include: ['tests/unit/**/*.test.ts'],
		setupFiles: ['tests/unit/setup.ts'],
		environment: 'node',
		// Two cores here: keep workers bounded so the suite stays predictable.
		maxWorkers: 2
	}
});
