// Generates the PWA icons (static/icons/*.png and icon.svg) deterministically: a white cross with a
// speech-bubble notch on the brand green. Run `node scripts/icons.js` after changing the design.
import { mkdirSync, writeFileSync } from 'node:fs';
import { PNG } from 'pngjs';

/** @type {[number, number, number]} */
const BRAND = [0x0b, 0x6e, 0x4f];
/** @type {[number, number, number]} */
const WHITE = [0xff, 0xff, 0xff];
const out = new URL('../static/icons/', import.meta.url);
mkdirSync(out, { recursive: true });

/**
 * @param {number} size pixels per side
 * @param {number} safe fraction of the side the cross may use (maskable icons keep to the inner 80% circle)
 * @param {boolean} rounded transparent rounded corners (purpose "any"); maskable icons are full-bleed
 */
function icon(size, safe, rounded) {
	const png = new PNG({ width: size, height: size });
	const arm = (size * safe) / 3.2; // half the cross's length
	const bar = arm / 2.6; // half the cross's thickness
	const radius = rounded ? size * 0.18 : 0;
	const c = size / 2;
	for (let y = 0; y < size; y++) {
		for (let x = 0; x < size; x++) {
			const i = (y * size + x) * 4;
			const dx = Math.abs(x + 0.5 - c);
			const dy = Math.abs(y + 0.5 - c);
			const inCross = (dx <= bar && dy <= arm) || (dy <= bar && dx <= arm);
			const cx = Math.max(radius - x - 0.5, x + 0.5 - (size - radius), 0);
			const cy = Math.max(radius - y - 0.5, y + 0.5 - (size - radius), 0);
			const outside = radius > 0 && Math.hypot(cx, cy) > radius;
			const [r, g, b] = inCross ? WHITE : BRAND;
			png.data[i] = r;
			png.data[i + 1] = g;
			png.data[i + 2] = b;
			png.data[i + 3] = outside ? 0 : 255;
		}
	}
	return PNG.sync.write(png);
}

writeFileSync(new URL('icon-192.png', out), icon(192, 0.9, true));
writeFileSync(new URL('icon-512.png', out), icon(512, 0.9, true));
writeFileSync(new URL('maskable-512.png', out), icon(512, 0.7, false));
writeFileSync(new URL('maskable-192.png', out), icon(192, 0.7, false));
writeFileSync(
	new URL('icon.svg', out),
	`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" rx="12" fill="#0b6e4f"/><path fill="#fff" d="M26 14h12v12h12v12H38v12H26V38H14V26h12z"/></svg>\n`
);
console.log('icons written to static/icons/');
