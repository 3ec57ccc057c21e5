// The QR symbol is checked with an independent decoder (jsQR), reading the image a camera would see.
import jsQR from 'jsqr';
import { describe, expect, it } from 'vitest';
import { qrLabels } from '$lib/handoff/labels';
import { modulePath, QUIET_ZONE, qrSymbol } from '$lib/handoff/qr';
import { QR_MAX_BYTES, summaryText } from '$lib/handoff/qr-text';
import { buildSummary } from '$lib/handoff/summary';
import { zhCN } from '$lib/i18n/zh-CN';
import { conversation, message, T0 } from './fixtures';

/** The symbol as RGBA pixels, `scale` pixels per module (black on white). */
function pixels(modules: boolean[][], scale = 4): { data: Uint8ClampedArray; size: number } {
	const size = modules.length * scale;
	const data = new Uint8ClampedArray(size * size * 4).fill(255);
	modules.forEach((row, y) =>
		row.forEach((dark, x) => {
			if (!dark) return;
			for (let dy = 0; dy < scale; dy++)
				for (let dx = 0; dx < scale; dx++) {
					const i = ((y * scale + dy) * size + x * scale + dx) * 4;
					data[i] = data[i + 1] = data[i + 2] = 0;
				}
		})
	);
	return { data, size };
}

function decode(modules: boolean[][]): string | null {
	const { data, size } = pixels(modules);
	const code = jsQR(data, size, size, { inversionAttempts: 'dontInvert' });
	return code && new TextDecoder().decode(Uint8Array.from(code.binaryData));
}

describe('qrSymbol', () => {
	it('encodes a full-budget Chinese summary that a QR reader decodes back exactly', () => {
		const chat = conversation({
			profile: { chiefComplaint: '胸痛两小时', medicalHistory: '高血压，糖尿病', ageGroup: 'older-adult' },
			flags: [{ source: 'patient', categories: [], note: '', at: T0 }]
		});
		const messages = [
			message({ role: 'user', text: '我胸口压榨样疼痛，左臂发麻，出冷汗', emergency: ['cardiac'] }),
			message({ role: 'assistant', text: '请立即拨打120，保持安静，不要走动。'.repeat(40) })
		];
		const payload = summaryText(buildSummary(chat, messages, T0), qrLabels(zhCN));
		expect(payload.truncated).toBe(true);
		expect(payload.bytes).toBeGreaterThan(QR_MAX_BYTES - 6);
		const symbol = qrSymbol(payload.text);
		// 1,000 bytes at level M: version 26 (121 modules) plus the quiet zone on both sides.
		expect(symbol.size).toBe(17 + 4 * 26 + 2 * QUIET_ZONE);
		expect(decode(symbol.modules)).toBe(payload.text);
	});

	it('encodes a short English summary in a small symbol', () => {
		const text = 'Health Q&A — summary for staff\nQ1: I have a fever\nNot a diagnosis.';
		const symbol = qrSymbol(text);
		expect(symbol.size).toBeLessThanOrEqual(17 + 4 * 5 + 2 * QUIET_ZONE);
		expect(decode(symbol.modules)).toBe(text);
	});

	it('refuses text over the byte budget', () => {
		expect(() => qrSymbol('胸'.repeat(334))).toThrow(new RangeError('QR text is 1002 bytes; at most 1000'));
	});
});

describe('modulePath', () => {
	it('draws one rectangle per horizontal run of dark modules', () => {
		expect(
			modulePath([
				[true, true, false, true],
				[false, false, false, false],
				[false, true, true, true]
			])
		).toBe('M0 0h2v1h-2zM3 0h1v1h-1zM1 2h3v1h-3z');
	});

	it('covers exactly the dark modules of a real symbol', () => {
		const { modules, path, size } = qrSymbol('胸痛 chest pain 120');
		const drawn = Array.from({ length: size }, () => Array<boolean>(size).fill(false));
		for (const [, x, y, w] of path.matchAll(/M(\d+) (\d+)h(\d+)v1h-\d+z/g)) {
			const row = drawn[Number(y)] ?? [];
			for (let i = 0; i < Number(w); i++) row[Number(x) + i] = true;
		}
		expect(drawn).toEqual(modules);
	});
});
