// `npm start`: install what is missing, build, and serve the production build on http://localhost:4173.
import { ensureDependencies, run } from './env.js';

ensureDependencies();
const built = run('npx', ['vite', 'build', '--logLevel', 'warn']);
if (built !== 0) process.exit(built);
const { serve } = await import('./serve.js');
const port = Number(process.env.PORT ?? 4173);
await serve({ port, host: 'localhost' });
console.log(`\nHealth Q&A is running at http://localhost:${port}  (Ctrl+C stops it)`);
