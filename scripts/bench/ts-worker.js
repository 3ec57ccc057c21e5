// Boots a TypeScript module in a Node worker thread: registers tsx's loader in this thread (loaders
// are per thread), then imports the module named in workerData.entry. Used by the engine benchmark.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
