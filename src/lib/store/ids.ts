// Ids of stored rows. They sort by creation time (a fixed-width base-36 millisecond clock, then a
// counter, then randomness), so search can rank hits newest first from their keys alone, without
// reading the rows. Unique across tabs through the random part.

let lastTime = 0;
let counter = 0;

function random(length: number): string {
	const bytes = crypto.getRandomValues(new Uint8Array(length));
	return Array.from(bytes, (byte) => (byte % 36).toString(36)).join('');
}

/** A new id, greater than every id this tab made before (e.g. "0m5x1k2a80000k3j9d0qz"). */
export function newId(now = Date.now()): string {
	if (now > lastTime) {
		lastTime = now;
		counter = 0;
	} else counter += 1;
	return `${lastTime.toString(36).padStart(9, '0')}${counter.toString(36).padStart(4, '0')}${random(8)}`;
}
