import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** Runs the real CLI the way `npm run eval:safety -- FILE` does, and returns its stdout. */
function evalFile(contents: string): string {
	const dir = mkdtempSync(join(tmpdir(), 'eval-safety-'));
	const file = join(dir, 'input.jsonl');
	writeFileSync(file, contents);
	return execFileSync('node_modules/.bin/tsx', ['scripts/eval-safety.ts', file], { encoding: 'utf8' });
}

describe('eval-safety CLI', () => {
	it('prints exactly one JSON line per input line, in order, and nothing else', () => {
		const input = [
			{ text: '胸口压着疼，还出冷汗', locale: 'zh-CN' },
			{ text: 'call me on 07700 900123, temperature 38.2', locale: 'en' },
			{ text: 'no chest pain, just a sore throat', locale: 'en' }
		];
		const out = evalFile(input.map((line) => JSON.stringify(line)).join('\n') + '\n');
		const lines = out.split('\n');
		expect(lines.pop()).toBe('');
		expect(lines.map((line) => JSON.parse(line))).toEqual([
			{ emergency: true, level: 'emergency', categories: ['cardiac'], redacted: '胸口压着疼，还出冷汗' },
			{
				emergency: false,
				level: 'routine',
				categories: [],
				redacted: 'call me on [PHONE], temperature 38.2'
			},
			{ emergency: false, level: 'routine', categories: [], redacted: 'no chest pain, just a sore throat' }
		]);
	});

	it('reports the urgent level with emergency false', () => {
		const [line] = evalFile('{"text":"a little blood in my urine since yesterday","locale":"en"}\n')
			.trim()
			.split('\n')
			.map((l) => JSON.parse(l));
		expect(line).toMatchObject({ emergency: false, level: 'urgent', categories: ['bleeding'] });
	});

	it('answers a malformed line with an error line and goes on', () => {
		const out = evalFile('not json\n{"text":"my lips are turning blue","locale":"en"}\n');
		const [bad, good] = out
			.trim()
			.split('\n')
			.map((line) => JSON.parse(line));
		expect(bad.emergency).toBe(false);
		expect(bad.level).toBe('routine');
		expect(bad.error).toMatch(/^invalid JSON/);
		expect(good).toEqual({
			emergency: true,
			level: 'emergency',
			categories: ['breathing'],
			redacted: 'my lips are turning blue'
		});
	});
});
