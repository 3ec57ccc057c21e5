// Checks for the messages that cross the worker boundary (src/lib/engine/protocol.ts), so each side
// narrows `MessageEvent.data: any` to the protocol's unions without casts. Both sides are our own
// code; the checks exist so a malformed message becomes a reported error, never a crash in a switch.
// Shallow by design: the discriminant, the id and the fields each branch reads first.
import type { WorkerEvent, WorkerRequest } from './protocol';

type Fields = Record<string, unknown>;

function isFields(value: unknown): value is Fields {
	return typeof value === 'object' && value !== null;
}

function hasId(value: Fields): value is Fields & { id: number } {
	return typeof value.id === 'number' && Number.isFinite(value.id);
}

/** The request id of a message that may be malformed, so an error can still answer it. */
export function requestId(value: unknown): number | null {
	return isFields(value) && hasId(value) ? value.id : null;
}

export function isWorkerRequest(value: unknown): value is WorkerRequest {
	if (!isFields(value) || !hasId(value)) return false;
	switch (value.type) {
		case 'load':
			return isFields(value.model) && typeof value.contextWindow === 'number';
		case 'chat':
			return Array.isArray(value.messages) && isFields(value.params);
		case 'abort':
			return typeof value.target === 'number';
		case 'cached':
			return Array.isArray(value.models);
		case 'delete':
			return isFields(value.model);
		case 'count':
			return Array.isArray(value.texts) && value.texts.every((text) => typeof text === 'string');
		case 'unload':
		case 'ping':
			return true;
		default:
			return false;
	}
}

export function isWorkerEvent(value: unknown): value is WorkerEvent {
	if (!isFields(value) || !hasId(value)) return false;
	switch (value.type) {
		case 'progress':
			return isFields(value.progress);
		case 'ready':
			return isFields(value.info);
		case 'token':
			return typeof value.delta === 'string';
		case 'done':
			return typeof value.text === 'string' && isFields(value.usage);
		case 'error':
			return isFields(value.error) && typeof value.error.code === 'string';
		case 'result':
		case 'pong':
			return true;
		default:
			return false;
	}
}
