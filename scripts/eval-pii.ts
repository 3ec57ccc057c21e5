// Redaction evaluation on labelled PII lines (format: tests/fixtures/safety/README.md, "PII lines").
//
//   npx tsx scripts/eval-pii.ts FILE.jsonl [FILE.jsonl ...] [--quiet]
//
// For each file: how many labelled identifiers are still in the redacted text ("left"), how many
// clinical details are no longer in it ("lost"), and the failing lines with what leaked or was lost.
// A clinical detail counts as lost when its exact text is not a substring of the redacted output
// (the same test the labels define). --quiet prints the totals only. Exit code 0 when every file was
// read, 2 when one could not be read or had a malformed line.

import { readFileSync } from 'node:fs';
import { redact } from '../src/lib/safety/redact';

interface Line {
	text: string;
	locale: string;
	identifiers: string[];
	clinical: string[];
	kinds?: string[];
}

function isStringArray(value: unknown): value is string[] {
	return Array.isArray(value) && value.every((v) => typeof v === 'string');
}

function parseLine(raw: string): Line | string {
	let parsed: unknown;
	try {
		parsed = JSON.parse(raw);
	} catch (e) {
		return `invalid JSON: ${e instanceof Error ? e.message : String(e)}`;
	}
	if (typeof parsed !== 'object' || parsed === null) return 'not an object';
	const o = parsed as Record<string, unknown>;
	if (typeof o.text !== 'string') return 'no string "text"';
	const identifiers = isStringArray(o.identifiers) ? o.identifiers : [];
	const clinical = isStringArray(o.clinical) ? o.clinical : [];
	const locale = typeof o.locale === 'string' ? o.locale : 'en';
	return { text: o.text, locale, identifiers, clinical, kinds: isStringArray(o.kinds) ? o.kinds : undefined };
}

interface FileResult {
	lines: number;
	identifiers: number;
	left: number;
	clinical: number;
	lost: number;
	errors: number;
	byKind: Map<string, { total: number; left: number }>;
}

function evaluate(file: string, quiet: boolean): FileResult | null {
	let input: string;
	try {
		input = readFileSync(file, 'utf8');
	} catch (e) {
		process.stderr.write(`eval-pii: cannot read ${file}: ${e instanceof Error ? e.message : String(e)}\n`);
		return null;
	}
	const result: FileResult = {
		lines: 0,
		identifiers: 0,
		left: 0,
		clinical: 0,
		lost: 0,
		errors: 0,
		byKind: new Map()
	};
	const rows = input.split(/\r?\n/);
	rows.forEach((raw, index) => {
		if (raw.trim().length === 0) return;
		const line = parseLine(raw);
		if (typeof line === 'string') {
			result.errors++;
			process.stderr.write(`${file}:${index + 1}: ${line}\n`);
			return;
		}
		result.lines++;
		const out = redact(line.text, line.locale).text;
		const left = line.identifiers.filter((id) => out.includes(id));
		const lost = line.clinical.filter((c) => !out.includes(c));
		result.identifiers += line.identifiers.length;
		result.left += left.length;
		result.clinical += line.clinical.length;
		result.lost += lost.length;
		// Per-kind figures only when the line names a single kind (otherwise a leak is not attributable).
		if (line.kinds !== undefined && line.kinds.length === 1) {
			const kind = line.kinds[0] ?? '';
			const entry = result.byKind.get(kind) ?? { total: 0, left: 0 };
			entry.total += line.identifiers.length;
			entry.left += left.length;
			result.byKind.set(kind, entry);
		}
		if (!quiet && (left.length > 0 || lost.length > 0)) {
			process.stdout.write(`\n${file}:${index + 1} [${line.locale}]\n  in:  ${line.text}\n  out: ${out}\n`);
			if (left.length > 0) process.stdout.write(`  LEFT: ${left.map((s) => JSON.stringify(s)).join(', ')}\n`);
			if (lost.length > 0) process.stdout.write(`  LOST: ${lost.map((s) => JSON.stringify(s)).join(', ')}\n`);
		}
	});
	return result;
}

function main(): number {
	const args = process.argv.slice(2);
	const quiet = args.includes('--quiet');
	const files = args.filter((a) => a !== '--quiet');
	if (files.length === 0) {
		process.stderr.write('usage: npx tsx scripts/eval-pii.ts FILE.jsonl [FILE.jsonl ...] [--quiet]\n');
		return 2;
	}
	let status = 0;
	const summary: string[] = [];
	for (const file of files) {
		const r = evaluate(file, quiet);
		if (r === null) {
			status = 2;
			continue;
		}
		if (r.errors > 0) status = 2;
		const kinds = [...r.byKind.entries()]
			.sort(([a], [b]) => a.localeCompare(b))
			.map(([k, v]) => `${k} ${v.left}/${v.total}`)
			.join(', ');
		summary.push(
			`${file}: ${r.lines} lines; identifiers left ${r.left}/${r.identifiers}; clinical lost ${r.lost}/${r.clinical}` +
				(kinds.length > 0 ? `\n  left by kind (single-kind lines): ${kinds}` : '')
		);
	}
	process.stdout.write(`\n${summary.join('\n')}\n`);
	return status;
}

process.exitCode = main();
