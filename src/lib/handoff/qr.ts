// QR code of the summary text, made on this device with `qr` (paulmillr: no dependencies, typed,
// ESM, encoder ≈ 5 KB gzipped). Only the summary page imports this module, lazily, so the chat
// page's first load does not carry the encoder.
//
// The symbol is drawn as ONE SVG path built from runs of dark modules: no {@html}, no inline
// styles (the content security policy allows none), and it scales crisply on screen and paper.
import encodeQR from 'qr';
import { QR_ECC, QR_MAX_BYTES, utf8Bytes } from './qr-text';

/** Light modules around the symbol, as the QR standard asks (4). */
export const QUIET_ZONE = 4;

export interface QrSymbol {
	/** Rows of modules, true = dark, quiet zone included. */
	modules: boolean[][];
	/** Modules per side, quiet zone included. */
	size: number;
	/** SVG path data of the dark modules, in module units (viewBox 0 0 size size). */
	path: string;
}

/**
 * The QR symbol of `text` (UTF-8, byte mode, error correction level M). Throws a RangeError when the
 * text is longer than QR_MAX_BYTES (summaryText keeps it within).
 */
export function qrSymbol(text: string): QrSymbol {
	const bytes = utf8Bytes(text);
	if (bytes > QR_MAX_BYTES) throw new RangeError(`QR text is ${bytes} bytes; at most ${QR_MAX_BYTES}`);
	const modules = encodeQR(text, 'raw', { ecc: QR_ECC, encoding: 'byte', border: QUIET_ZONE });
	return { modules, size: modules.length, path: modulePath(modules) };
}

/** "M x y h w v 1 h -w z" for each horizontal run of dark modules. */
export function modulePath(modules: readonly (readonly boolean[])[]): string {
	const parts: string[] = [];
	modules.forEach((row, y) => {
		let x = 0;
		while (x < row.length) {
			if (!row[x]) {
				x++;
				continue;
			}
			const start = x;
			while (x < row.length && row[x]) x++;
			parts.push(`M${start} ${y}h${x - start}v1h${start - x}z`);
		}
	});
	return parts.join('');
}
