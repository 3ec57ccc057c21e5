// The page's one engine controller (one worker per tab), started by the chat page and shared with
// settings (cache management).
import { EngineController } from './engine.svelte';

let shared: EngineController | null = null;

export function engine(): EngineController {
	return (shared ??= new EngineController());
}
