// Vitest setup: the safety layer loads as its own chunk in the app (src/lib/safety/load.ts). Tests
// load it once up front, so a session checks questions synchronously as it does once the chunk is in.
import { loadSafety } from '../../src/lib/safety/load';

await loadSafety();
