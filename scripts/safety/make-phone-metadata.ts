// Writes src/lib/safety/data/pii-phone-metadata.json: libphonenumber-js's 'min' metadata cut down to
// the default countries the redactor asks the parser about (src/lib/safety/redact/countries.ts,
// DEFAULT_COUNTRIES). The parser only ever sees numbers written without a +country code (those with
// one are taken by the fast rules), so the other 230 regions' patterns would never be read, and the
// full 'min' set is 19 KB gzipped on the chat page's first load.
//
//   npx tsx scripts/safety/make-phone-metadata.ts
//
// Deterministic; rerun after upgrading libphonenumber-js (its metadata version is kept in the file).

import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';
import { DEFAULT_COUNTRIES } from '../../src/lib/safety/redact/countries';

interface MinMetadata {
	version: number;
	country_calling_codes: Record<string, string[]>;
	countries: Record<string, unknown[]>;
	nonGeographic?: Record<string, unknown>;
}

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const OUT = join(ROOT, 'src', 'lib', 'safety', 'data', 'pii-phone-metadata.json');
const require = createRequire(import.meta.url);
const source = JSON.parse(
	readFileSync(require.resolve('libphonenumber-js/metadata.min.json'), 'utf8')
) as MinMetadata;

const keep = new Set<string>([...DEFAULT_COUNTRIES['zh-CN'], ...DEFAULT_COUNTRIES.en]);
const countries: Record<string, unknown[]> = {};
for (const code of [...keep].sort()) {
	const entry = source.countries[code];
	if (entry === undefined) throw new Error(`libphonenumber-js has no metadata for ${code}`);
	countries[code] = entry;
}
const callingCodes: Record<string, string[]> = {};
for (const [callingCode, regions] of Object.entries(source.country_calling_codes)) {
	const kept = regions.filter((r) => keep.has(r));
	if (kept.length > 0) callingCodes[callingCode] = kept;
}
const out = { version: source.version, country_calling_codes: callingCodes, countries };
// Formatted as the repository's Prettier config would, so `prettier --check` passes after a rerun.
const options = (await resolveConfig(OUT)) ?? {};
writeFileSync(OUT, await format(JSON.stringify(out), { ...options, parser: 'json' }));
process.stdout.write(`wrote ${OUT}: ${Object.keys(countries).length} countries\n`);
