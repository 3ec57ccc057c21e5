// Evaluation CLI for the safety module.
//
//   npx tsx scripts/eval-safety.ts FILE.jsonl      (or "-" / no argument: read standard input)
//
// Input: one JSON object per line, {"text": string, "locale"?: string} (locale defaults to "zh-CN"
// when the text contains Han characters, else "en").
// Output: exactly ONE JSON line per input line, in order, and nothing else on stdout:
//   {"emergency": boolean, "level": "emergency"|"urgent"|"routine", "categories": string[], "redacted": string}
// `emergency` is true only for the top level; `categories` are those at `level` (empty for routine).
// - A blank line counts as an input line with empty text: {"emergency":false,"level":"routine","categories":[],"redacted":""}.
// - A malformed line (bad JSON, no string "text") still yields one line, with an "error" field:
//   {"emergency":false,"level":"routine","categories":[],"redacted":"","error":"..."}; processing continues.
// - A trailing newline at the end of the file does not start another line.
// Diagnostics go to stderr. Exit code 0 when every line was processed (even with per-line errors),
// 2 when the file cannot be read.

import { readFileSync } from 'node:fs';
import { assess } from '../src/lib/safety/emergency';
import { redact } from '../src/lib/safety/redact';

interface OutputLine {
	emergency: boolean;
	level: 'emergency' | 'urgent' | 'routine';
	categories: string[];
	redacted: string;
	error?: string;
}

function evaluateLine(line: string): OutputLine {
	if (line.trim().length === 0) return { emergency: false, level: 'routine', categories: [], redacted: '' };
	let parsed: unknown;
	try {
		parsed = JSON.parse(line);
	} catch (e) {
		return {
			emergency: false,
			level: 'routine',
			categories: [],
			redacted: '',
			error: `invalid JSON: ${e instanceof Error ? e.message : String(e)}`
		};
	}
	if (
		typeof parsed !== 'object' ||
		parsed === null ||
		!('text' in parsed) ||
		typeof parsed.text !== 'string'
	) {
		return {
			emergency: false,
			level: 'routine',
			categories: [],
			redacted: '',
			error: 'expected an object with a string "text"'
		};
	}
	const text = parsed.text;
	const locale =
		'locale' in parsed && typeof parsed.locale === 'string' && parsed.locale.length > 0
			? parsed.locale
			: /\p{Script=Han}/u.test(text)
				? 'zh-CN'
				: 'en';
	const verdict = assess(text, locale);
	return {
		emergency: verdict.emergency,
		level: verdict.level,
		categories: verdict.categories,
		redacted: redact(text, locale).text
	};
}

function main(): number {
	const file = process.argv[2];
	let input: string;
	try {
		input = readFileSync(file === undefined || file === '-' ? 0 : file, 'utf8');
	} catch (e) {
		process.stderr.write(
			`eval-safety: cannot read ${file ?? 'stdin'}: ${e instanceof Error ? e.message : String(e)}\n`
		);
		return 2;
	}
	if (input.length === 0) return 0;
	const lines = input.split(/\r?\n/);
	if (lines[lines.length - 1] === '') lines.pop();
	const out: string[] = [];
	lines.forEach((line, i) => {
		let result: OutputLine;
		try {
			result = evaluateLine(line.replace(/^\uFEFF/, ''));
		} catch (e) {
			// assess/redact never throw by contract; keep the one-line-per-input promise regardless.
			result = {
				emergency: false,
				level: 'routine',
				categories: [],
				redacted: '',
				error: `internal error: ${e instanceof Error ? e.message : String(e)}`
			};
		}
		if (result.error !== undefined) process.stderr.write(`eval-safety: line ${i + 1}: ${result.error}\n`);
		out.push(JSON.stringify(result));
	});
	process.stdout.write(out.length > 0 ? `${out.join('\n')}\n` : '');
	return 0;
}

process.exitCode = main();
