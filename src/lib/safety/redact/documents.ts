// Unlabelled document numbers whose format or check character is distinctive enough on its own:
// Hong Kong identity cards (check character), Taiwan national IDs (checksum), PRC passports
// (E/G series, as issued since 2012 and before), and mainland vehicle plates (GA 36-2018: province
// abbreviation, issuing-office letter, optional separator dot, five characters, six for new-energy
// plates; I and O are never used).

import { isHkIdentityCard, isTaiwanId } from '../checksums';
import type { HitSet } from './types';

const HKID = /(?<![A-Za-z0-9])[A-Z]{1,2}\d{6}(?:\([0-9A]\)|[0-9A])(?![A-Za-z0-9)])/g;
const TWID = /(?<![A-Za-z0-9])[A-Z][1289]\d{8}(?![A-Za-z0-9])/g;
const PASSPORT_CN = /(?<![A-Za-z0-9])(?:[EG]\d{8}|E[A-HJ-NP-Z]\d{7})(?![A-Za-z0-9])/g;
const PLATE_CN =
	/[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼][A-HJ-NP-Z][·•・. ]?[A-HJ-NP-Z0-9]{5,6}(?![A-Za-z0-9])/g;

export function findDocuments(text: string, hits: HitSet): void {
	for (const m of text.matchAll(HKID))
		if (isHkIdentityCard(m[0])) hits.add({ kind: 'id_number', start: m.index, end: m.index + m[0].length });
	for (const m of text.matchAll(TWID))
		if (isTaiwanId(m[0])) hits.add({ kind: 'id_number', start: m.index, end: m.index + m[0].length });
	for (const m of text.matchAll(PASSPORT_CN))
		hits.add({ kind: 'passport', start: m.index, end: m.index + m[0].length });
	for (const m of text.matchAll(PLATE_CN)) {
		const digits = m[0].replace(/\D/g, '').length;
		if (digits >= 3) hits.add({ kind: 'licence', start: m.index, end: m.index + m[0].length });
	}
}
