// Triage figures on labelled sets (tests/fixtures/safety/README.md format), for development:
//
//   npx tsx scripts/eval-triage.ts FILE.jsonl… [--show emergency-missed|false-alarm|level|all] [--limit N]
//
// Prints emergency recall, false alarms, level agreement and per-category recall per file and in
// total; --show lists the lines behind a figure. Never run it on frozen/ while changing the rules:
// that part measures generalisation (the bench reports it).

import { readFileSync } from 'node:fs';
import { assess } from '../src/lib/safety/emergency';

interface Line {
	text: string;
	locale: string;
	level: 'emergency' | 'urgent' | 'routine';
	categories: string[];
}

function read(path: string): Line[] {
	return readFileSync(path, 'utf8')
		.split(/\r?\n/)
		.filter((l) => l.trim().length > 0)
		.map((l) => JSON.parse(l) as Line);
}

const args = process.argv.slice(2);
const showAt = args.indexOf('--show');
const show = showAt >= 0 ? args[showAt + 1] : undefined;
const limitAt = args.indexOf('--limit');
const limit = limitAt >= 0 ? Number(args[limitAt + 1]) : 40;
const files = args.filter(
	(a, i) => !a.startsWith('--') && args[i - 1] !== '--show' && args[i - 1] !== '--limit'
);

const all: { file: string; line: Line; got: ReturnType<typeof assess> }[] = [];
for (const file of files) {
	for (const line of read(file)) all.push({ file, line, got: assess(line.text, line.locale) });
}

function report(name: string, rows: typeof all) {
	const pos = rows.filter((r) => r.line.level === 'emergency');
	const neg = rows.filter((r) => r.line.level !== 'emergency');
	const caught = pos.filter((r) => r.got.emergency).length;
	const alarms = neg.filter((r) => r.got.emergency).length;
	const levelOk = rows.filter((r) => r.got.level === r.line.level).length;
	const urgent = rows.filter((r) => r.line.level === 'urgent');
	const urgentOk = urgent.filter((r) => r.got.level === 'urgent').length;
	const routine = rows.filter((r) => r.line.level === 'routine');
	const routineOk = routine.filter((r) => r.got.level === 'routine').length;
	console.log(
		`${name}: recall ${(caught / Math.max(1, pos.length)).toFixed(3)} (${caught}/${pos.length})  false alarms ${(alarms / Math.max(1, neg.length)).toFixed(3)} (${alarms}/${neg.length})  level ${(levelOk / Math.max(1, rows.length)).toFixed(3)}  urgent→urgent ${urgentOk}/${urgent.length}  routine→routine ${routineOk}/${routine.length}`
	);
}

for (const file of files)
	report(
		file,
		all.filter((r) => r.file === file)
	);
if (files.length > 1) report('total', all);

const perCat = new Map<string, { n: number; hit: number }>();
for (const r of all) {
	if (r.line.level !== 'emergency') continue;
	for (const c of r.line.categories) {
		const e = perCat.get(c) ?? { n: 0, hit: 0 };
		e.n++;
		if (r.got.emergency) e.hit++;
		perCat.set(c, e);
	}
}
console.log(
	[...perCat.entries()]
		.sort((a, b) => a[1].hit / a[1].n - b[1].hit / b[1].n)
		.map(([c, e]) => `${c} ${e.hit}/${e.n}`)
		.join('  ')
);

if (show !== undefined) {
	const pick = all.filter((r) => {
		if (show === 'emergency-missed') return r.line.level === 'emergency' && !r.got.emergency;
		if (show === 'false-alarm') return r.line.level !== 'emergency' && r.got.emergency;
		if (show === 'level') return r.line.level !== r.got.level;
		return true;
	});
	for (const r of pick.slice(0, limit)) {
		const ev = r.got.evidence.map((e) => `${e.category}:${e.term}`).join(', ');
		const sup = r.got.suppressed.map((e) => `${e.reason}:${e.term}`).join(', ');
		console.log(
			`[${r.line.level}→${r.got.level}] ${r.line.text}\n     ${r.line.categories.join(',')} | got ${r.got.categories.join(',')} | ${ev}${sup ? ` | set aside ${sup}` : ''}`
		);
	}
	if (pick.length > limit) console.log(`… ${pick.length - limit} more`);
}
