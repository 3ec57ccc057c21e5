// The parts of the triage model: text folding, English word keys, numbers, clause splitting, and
// the integrity of the lexicon and rule data.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import lexiconFiles from '../../../src/lib/safety/data/lexicon/index';
import guard from '../../../src/lib/safety/data/typo-guard.json';
import { splitClauses } from '../../../src/lib/safety/triage/context';
import { editDistance, stem } from '../../../src/lib/safety/triage/english';
import { Lexicon, expandGroups, surfaces } from '../../../src/lib/safety/triage/lexicon';
import { chineseNumber, readQuantities } from '../../../src/lib/safety/triage/quantities';
import { CAPS, DERIVED, RULES } from '../../../src/lib/safety/triage/rules';
import { originalSpan, prepare } from '../../../src/lib/safety/triage/text';

describe('prepare', () => {
	it('folds case, width, accents, invisible characters and traditional characters', () => {
		expect(prepare('ＣＨＥＳＴ Pain').text).toBe('chest pain');
		expect(prepare('che\u200bst').text).toBe('chest');
		expect(prepare('José').text).toBe('jose');
		expect(prepare('呼吸困難').text).toBe('呼吸困难');
		expect(prepare('“quoted” – dash').text).toBe('"quoted" - dash');
	});

	it('keeps CJK punctuation the clause splitter reads as it is', () => {
		expect(prepare('胸痛，喘不过气！').text).toBe('胸痛，喘不过气！');
	});

	it('maps every folded span back to the original characters', () => {
		const source = 'Ｍｙ ｃｈｅ\u200bｓｔ 😀 呼吸困難';
		const p = prepare(source);
		const at = p.text.indexOf('chest');
		const span = originalSpan(p, at, at + 5);
		expect(source.slice(span.start, span.end)).toBe('ｃｈｅ\u200bｓｔ');
		const han = p.text.indexOf('呼吸困难');
		const back = originalSpan(p, han, han + 4);
		expect(source.slice(back.start, back.end)).toBe('呼吸困難');
	});

	it('returns plain lower-case text unchanged', () => {
		const p = prepare('no change here, 没有变化');
		expect(p.text).toBe('no change here, 没有变化');
		expect(p.origin[5]).toBe(5);
	});
});

describe('English word keys', () => {
	// The lexicon's own keys (its guard list was generated against its vocabulary).
	const keys = new Lexicon(lexiconFiles, guard.words).keys;

	it('expands texting forms and contractions', () => {
		expect(keys.keys('u')).toEqual(['you']);
		expect(keys.keys('rn')).toEqual(['right', 'now']);
		expect(keys.keys("can't")).toEqual(['cannot']);
		expect(keys.keys('cant')).toEqual(['cannot']);
		expect(keys.keys("he's")).toEqual(['he']);
	});

	it('repairs stretched letters, a dropped g and one-edit typos of lexicon words', () => {
		expect(keys.keys('bleeeeding')).toEqual([stem('bleeding')]);
		expect(keys.keys('hurtin')).toEqual([stem('hurting')]);
		expect(keys.keys('breth')).toEqual([stem('breath')]);
		expect(keys.keys('vommiting')).toEqual([stem('vomiting')]);
		expect(keys.keys('pian')).toEqual([stem('pain')]);
	});

	it('never "corrects" a common English word', () => {
		expect(keys.keys('chess')).toEqual([stem('chess')]);
		expect(keys.keys('breed')).toEqual([stem('breed')]);
		expect(keys.keys('lisp')).toEqual([stem('lisp')]);
	});

	it('measures Damerau-Levenshtein distance with transpositions', () => {
		expect(editDistance('pian', 'pain')).toBe(1);
		expect(editDistance('breth', 'breath')).toBe(1);
		expect(editDistance('abc', 'xyz', 1)).toBe(2);
	});
});

describe('Chinese numerals', () => {
	it.each([
		['四十', 40],
		['四十多', 40],
		['一百八', 180],
		['一百二十', 120],
		['十几', 11],
		['三十几', 31],
		['二三十', 20],
		['两三', 2],
		['两百', 200],
		['半', 0.5]
	])('%s → %d', (text, value) => {
		expect(chineseNumber(text)).toBe(value);
	});
});

describe('quantities', () => {
	const lexicon = new Lexicon(lexiconFiles, guard.words);
	const concepts = (text: string) => {
		const folded = prepare(text).text;
		return readQuantities(folded, lexicon.scan(folded), lexicon).flatMap((m) =>
			m.concepts.map((c) => lexicon.names[c])
		);
	};

	it('reads readings with their labels and units', () => {
		expect(concepts('心率一百八')).toContain('vital.hr_very_high');
		expect(concepts('SpO2 86%')).toContain('vital.spo2_low');
		expect(concepts('体温39.5度')).toContain('vital.temp_39');
		expect(concepts('fever of 104')).toContain('vital.temp_40');
		expect(concepts('血糖33点5')).toContain('vital.glucose_very_high');
		expect(concepts('glucose 45 mg/dL')).toContain('vital.glucose_very_low');
		expect(concepts('BP 200/125')).toContain('vital.bp_crisis');
	});

	it('does not read dates, scores, HbA1c or counts as vital signs', () => {
		expect(concepts('see you on 12/25')).toEqual([]);
		expect(concepts('HbA1c 52 mmol/mol')).toEqual([]);
		expect(concepts('NEWS2呼吸频率多少算3分')).not.toContain('vital.rr_low');
		expect(concepts('血糖一直很高')).not.toContain('vital.glucose_critical');
	});

	it('reads ages, pregnancy weeks and durations', () => {
		expect(concepts('my 6 week old')).toContain('age.under3m');
		expect(concepts('孕32周')).toContain('preg.preterm');
		expect(concepts('fitting for 7 minutes')).toContain('q.over5min');
		expect(concepts('had a stroke in 2015')).toContain('ctx.hist');
	});
});

describe('clauses', () => {
	const texts = (t: string) => splitClauses(t).map((c) => t.slice(c.start, c.end).trim());

	it('splits on punctuation, contrast words and a new subject after "and"', () => {
		expect(texts('没有发烧，但是胸口很痛。喘不过气')).toEqual(['没有发烧', '但是胸口很痛', '喘不过气']);
		expect(texts('no fever but my chest hurts and i feel sick')).toEqual([
			'no fever',
			'but my chest hurts',
			'and i feel sick'
		]);
	});

	it('does not split inside a decimal', () => {
		expect(texts('体温38.5度')).toEqual(['体温38.5度']);
	});
});

describe('lexicon and rule data', () => {
	const lexicon = new Lexicon(lexiconFiles, guard.words);
	// Concepts only quantities.ts or the staff terms produce.
	const produced = /^(?:vital|q|age|preg|pain|env|staff|ctx\.hist)[._]/;

	it('names only concepts that the lexicon or the quantity reader can produce', () => {
		const known = new Set<string>();
		for (const file of lexiconFiles)
			for (const key of Object.keys(file.concepts)) for (const name of key.split('+')) known.add(name.trim());
		for (const file of lexiconFiles)
			for (const [from, to] of Object.entries(file.implies ?? {})) [from, ...to].forEach((n) => known.add(n));
		for (const d of DERIVED) known.add(d.concept);
		const named = [
			...RULES.flatMap((r) => [...r.needs, ...(r.topic ?? []), r.unless ?? '']),
			...DERIVED.flatMap((d) => [d.concept, ...d.needs]),
			...Object.values(CAPS)
		]
			.flatMap((need) => need.split('|'))
			.map((n) => n.trim())
			.filter((n) => n.length > 0 && !n.startsWith('@'));
		const unknown = [...new Set(named)].filter((n) => !known.has(n) && !produced.test(n));
		expect(unknown).toEqual([]);
		expect(lexicon.names.length).toBeGreaterThan(200);
	});

	it('has no empty surfaces and only ids in "+" keys', () => {
		for (const file of lexiconFiles)
			for (const [key, entry] of Object.entries(file.concepts)) {
				expect(key).toMatch(/^[a-z_]+\.[a-z0-9_]+(?:\+[a-z_]+\.[a-z0-9_]+)*$/);
				for (const s of [...surfaces(entry.zh), ...surfaces(entry.en)])
					expect(s.trim().length).toBeGreaterThan(0);
			}
	});

	it('expands "(a|b|)" groups', () => {
		expect(expandGroups('(x|y)z')).toEqual(['xz', 'yz']);
		expect(expandGroups('a(b|)c')).toEqual(['abc', 'ac']);
	});

	it('keeps the generated tables up to date (run npx tsx scripts/safety/gen-data.ts)', () => {
		expect(() =>
			execFileSync('npx', ['tsx', 'scripts/safety/gen-data.ts', '--check'], {
				stdio: 'pipe',
				timeout: 60_000
			})
		).not.toThrow();
		// A child process of tsx: seconds on a loaded machine, beyond Vitest's 5 s default.
	}, 90_000);
});
