// Identifier kinds, placeholders and the bookkeeping of accepted hits for redaction.
//
// The kinds follow the identifiers HIPAA Safe Harbor lists (45 CFR 164.514(b)(2): names, geographic
// subdivisions smaller than a state, dates directly related to a person, telephone and fax numbers,
// e-mail addresses, social security, medical record, health plan, account, certificate/licence
// numbers, vehicle identifiers and serial numbers, device identifiers and serial numbers, URLs, IP addresses, any other unique identifying number) and the
// personal and sensitive personal information of China's PIPL (个人信息保护法, arts. 4 and 28:
// 姓名、身份证件号码、通讯联系方式、住址、账号、行踪轨迹、医疗健康、金融账户), as far as a patient can
// type them into a chat box.

import type { SafetyLocale } from '../locale';

export type IdentifierKind =
	| 'phone'
	| 'landline'
	| 'id_number'
	| 'passport'
	| 'travel_document'
	| 'bank_card'
	| 'email'
	| 'ssn'
	| 'nhs_number'
	| 'mrn'
	| 'insurance'
	| 'licence'
	| 'device'
	| 'dob'
	| 'address'
	| 'messaging'
	| 'url'
	| 'ip'
	| 'name';

export interface RedactionSpan {
	kind: IdentifierKind;
	/** Offsets of the removed identifier in the ORIGINAL text. */
	start: number;
	end: number;
	placeholder: string;
	/** Offsets of the placeholder in the redacted text. */
	outputStart: number;
	outputEnd: number;
}

export interface Redaction {
	text: string;
	spans: RedactionSpan[];
}

export const PLACEHOLDERS: Record<SafetyLocale, Record<IdentifierKind, string>> = {
	'zh-CN': {
		phone: '[手机号]',
		landline: '[电话]',
		id_number: '[身份证号]',
		passport: '[护照号]',
		travel_document: '[通行证号]',
		bank_card: '[银行卡号]',
		email: '[邮箱]',
		ssn: '[社保号]',
		nhs_number: '[NHS号]',
		mrn: '[病历号]',
		insurance: '[医保号]',
		licence: '[证照号]',
		device: '[设备号]',
		dob: '[出生日期]',
		address: '[地址]',
		messaging: '[社交账号]',
		url: '[网址]',
		ip: '[IP地址]',
		name: '[姓名]'
	},
	en: {
		phone: '[PHONE]',
		landline: '[PHONE]',
		id_number: '[ID_NUMBER]',
		passport: '[PASSPORT]',
		travel_document: '[TRAVEL_DOCUMENT]',
		bank_card: '[BANK_CARD]',
		email: '[EMAIL]',
		ssn: '[SSN]',
		nhs_number: '[NHS_NUMBER]',
		mrn: '[MRN]',
		insurance: '[INSURANCE_ID]',
		licence: '[LICENCE]',
		device: '[DEVICE_ID]',
		dob: '[DATE_OF_BIRTH]',
		address: '[ADDRESS]',
		messaging: '[MESSAGING_ID]',
		url: '[URL]',
		ip: '[IP_ADDRESS]',
		name: '[NAME]'
	}
};

export interface Hit {
	kind: IdentifierKind;
	start: number;
	end: number;
}

/**
 * Accepted hits, never overlapping. A byte per character marks what is taken, so checking and
 * adding cost the length of the candidate, and the whole pass stays linear in the text.
 */
export class HitSet {
	readonly hits: Hit[] = [];
	readonly #taken: Uint8Array;

	constructor(length: number) {
		this.#taken = new Uint8Array(length);
	}

	free(start: number, end: number): boolean {
		for (let i = Math.max(0, start); i < end && i < this.#taken.length; i++)
			if (this.#taken[i] === 1) return false;
		return true;
	}

	/** True when the character at `index` belongs to an accepted hit. */
	taken(index: number): boolean {
		return this.#taken[index] === 1;
	}

	add(hit: Hit): boolean {
		if (
			hit.start < 0 ||
			hit.end > this.#taken.length ||
			hit.end <= hit.start ||
			!this.free(hit.start, hit.end)
		)
			return false;
		this.#taken.fill(1, hit.start, hit.end);
		this.hits.push(hit);
		return true;
	}
}
