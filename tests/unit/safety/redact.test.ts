import { describe, expect, it } from 'vitest';
import { redact, PLACEHOLDERS } from '../../../src/lib/safety/redact';

const zh = (text: string) => redact(text, 'zh-CN').text;
const en = (text: string) => redact(text, 'en').text;

describe('redact', () => {
	describe('Chinese mobile numbers', () => {
		it.each([
			['手机13812345678', '手机[手机号]'],
			['打 138 1234 5678 找我', '打 [手机号] 找我'],
			['号码 138-1234-5678。', '号码 [手机号]。'],
			['电话+86 139 8765 4321', '电话[手机号]'],
			['+8613912345678', '[手机号]'],
			['0086 13912345678', '[手机号]']
		])('replaces "%s"', (input, output) => {
			expect(zh(input)).toBe(output);
		});
	});

	it('replaces landlines with an area code as [电话]/[PHONE]', () => {
		expect(zh('座机 010-12345678 或 (0755) 8888 8888')).toBe('座机 [电话] 或 [电话]');
		expect(en('office 021 6234 5678')).toBe('office [PHONE]');
	});

	describe('resident ID numbers', () => {
		it('replaces a checksum-valid 18-digit ID, spaced or not, with lowercase x', () => {
			expect(zh('身份证110101199003071233')).toBe('身份证[身份证号]');
			expect(zh('号码 110101 19900307 1233 谢谢')).toBe('号码 [身份证号] 谢谢');
			expect(zh('44030619851201002x')).toBe('[身份证号]');
			expect(zh('44030619851201002X。')).toBe('[身份证号]。');
		});

		it('replaces a valid 15-digit first-generation ID', () => {
			expect(zh('老身份证 110101900307123')).toBe('老身份证 [身份证号]');
		});

		it('replaces a labelled ID even when its checksum fails', () => {
			expect(zh('身份证号：110101199003071235')).toBe('身份证号：[身份证号]');
			expect(en('my ID number is 123456789012345678')).toBe('my ID number is [ID_NUMBER]');
		});

		it('leaves an unlabelled 18-digit number that fails the checksum', () => {
			expect(zh('编号110101199003071234')).toBe('编号110101199003071234');
		});

		it('takes the whole ID before any phone pattern can eat part of it', () => {
			const r = redact('110101199003071233 13812345678', 'zh-CN');
			expect(r.text).toBe('[身份证号] [手机号]');
			expect(r.spans.map((s) => s.kind)).toEqual(['id_number', 'phone']);
			// Written in blocks of four, the ID is still one identifier, not phone fragments.
			const blocks = redact('编号 1101 0119 9003 0712 33', 'zh-CN');
			expect(blocks.text).toBe('编号 [身份证号]');
			expect(blocks.spans.map((s) => s.kind)).toEqual(['id_number']);
		});
	});

	describe('bank cards', () => {
		it('replaces Luhn-valid card numbers in blocks or one run', () => {
			expect(en('card 4111 1111 1111 1111 expires soon')).toBe('card [BANK_CARD] expires soon');
			expect(zh('卡号6222021234567890128')).toBe('卡号[银行卡号]');
			expect(en('4111-1111-1111-1111')).toBe('[BANK_CARD]');
		});

		it('leaves an unlabelled 16-digit run that fails Luhn', () => {
			expect(en('ref 4111111111111112')).toBe('ref 4111111111111112');
		});

		it('replaces a labelled card number that fails Luhn', () => {
			expect(en('credit card number 4111111111111112')).toBe('credit card number [BANK_CARD]');
		});
	});

	it('replaces e-mail addresses', () => {
		expect(en('write to john.doe+clinic@example.co.uk today')).toBe('write to [EMAIL] today');
		expect(zh('邮箱 wang.li@example.com。')).toBe('邮箱 [邮箱]。');
	});

	it('replaces US and UK phone formats', () => {
		expect(en('call (555) 123-4567 or 555.123.4567 or +1 555 123 4567')).toBe(
			'call [PHONE] or [PHONE] or [PHONE]'
		);
		expect(en('mobile 07700 900123, home 020 7946 0958, +44 7700 900123')).toBe(
			'mobile [PHONE], home [PHONE], [PHONE]'
		);
	});

	it('replaces a US social security number', () => {
		expect(en('SSN 123-45-6789')).toBe('SSN [SSN]');
		expect(en('it is 123-45-6789 I think')).toBe('it is [SSN] I think');
	});

	it('replaces NHS numbers that pass mod 11', () => {
		expect(en('NHS number 943 476 5919')).toBe('NHS number [NHS_NUMBER]');
		expect(en('number 9434765919')).toBe('number [NHS_NUMBER]');
	});

	it('replaces passport numbers', () => {
		expect(zh('护照号 E12345678')).toBe('护照号 [护照号]');
		expect(en('passport no. 123456789')).toBe('passport no. [PASSPORT]');
		expect(en('my passport is EA1234567')).toBe('my passport is [PASSPORT]');
	});

	it('replaces labelled medical-record numbers', () => {
		expect(zh('病历号：ZY2023001，住院号 88776655，门诊号A-1234')).toBe(
			'病历号：[病历号]，住院号 [病历号]，门诊号[病历号]'
		);
		expect(en('MRN: 00123456 and hospital number RX-445-2201')).toBe('MRN: [MRN] and hospital number [MRN]');
		expect(en('medical record number 7788123')).toBe('medical record number [MRN]');
	});

	describe('names', () => {
		it('replaces names after 我叫 / 姓名： / 本人姓名', () => {
			expect(zh('我叫张伟，今年45岁')).toBe('我叫[姓名]，今年45岁');
			expect(zh('姓名：欧阳娜娜')).toBe('姓名：[姓名]');
			expect(zh('本人姓名李小明，男')).toBe('本人姓名[姓名]，男');
			expect(zh('我叫王芳今年30岁')).toBe('我叫[姓名]今年30岁');
		});

		it('replaces capitalised names after "my name is" / "I\'m called" / "name:"', () => {
			expect(en('Hi, my name is John Smith and I have a cough')).toBe(
				'Hi, my name is [NAME] and I have a cough'
			);
			expect(en("I'm called Mary O'Neil.")).toBe("I'm called [NAME].");
			expect(en('Name: Ahmed Khan, age 50')).toBe('Name: [NAME], age 50');
		});

		it('does not take conditions or verbs for names', () => {
			expect(zh('我是糖尿病患者')).toBe('我是糖尿病患者');
			expect(zh('我叫不醒他')).toBe('我叫不醒他');
			expect(zh('我叫了救护车')).toBe('我叫了救护车');
			expect(en('my name is not important')).toBe('my name is not important');
		});
	});

	describe('clinical numbers survive', () => {
		it.each([
			'血压150/95 mmHg，心率110次/分，体温38.5℃',
			'BP 120/80, HR 96 bpm, temp 37.8°C, SpO2 94%',
			'ibuprofen 400mg three times a day for 5 days',
			'二甲双胍 0.5 g 一天两次，空腹血糖 7.8 mmol/L，HbA1c 7.2%',
			'2024-03-15 复查，2023年5月12日 做过手术',
			'65 years old, 70 kg, 175 cm, for 3 weeks, at 10:30',
			'INR 2.5, eGFR 58 mL/min/1.73m2, 肌酐 132 μmol/L',
			'白细胞 12.5×10^9/L 血小板 150 10 20 30'
		])('keeps "%s"', (text) => {
			expect(redact(text, 'zh-CN')).toEqual({ text, spans: [] });
		});
	});

	it('returns spans with kind, original offsets and placeholder positions, never the original text', () => {
		const text = '我叫张伟，手机13812345678';
		const r = redact(text, 'zh-CN');
		expect(r).toEqual({
			text: '我叫[姓名]，手机[手机号]',
			spans: [
				{ kind: 'name', start: 2, end: 4, placeholder: '[姓名]', outputStart: 2, outputEnd: 6 },
				{ kind: 'phone', start: 7, end: 18, placeholder: '[手机号]', outputStart: 9, outputEnd: 14 }
			]
		});
		expect(JSON.stringify(r.spans)).not.toContain('13812345678');
		for (const s of r.spans) expect(r.text.slice(s.outputStart, s.outputEnd)).toBe(s.placeholder);
	});

	it('uses English placeholders for any non-Chinese locale', () => {
		expect(redact('13812345678', 'en-GB').text).toBe('[PHONE]');
		expect(redact('13812345678', 'en-US').text).toBe('[PHONE]');
		expect(redact('13812345678', 'zh').text).toBe('[手机号]');
	});

	it('has a placeholder for every kind in both languages', () => {
		expect(Object.keys(PLACEHOLDERS['zh-CN']).sort()).toEqual(Object.keys(PLACEHOLDERS.en).sort());
	});

	it('handles full-width digits', () => {
		expect(zh('手机１３８１２３４５６７８')).toBe('手机[手机号]');
	});

	describe('bad input', () => {
		it.each([
			['empty', ''],
			['whitespace', ' \n\t '],
			['emoji', '📞📞 😷'],
			['control characters', '\u0000\u0001 13\u000712'],
			['html', '<a href="mailto:x">x</a> <b>1</b>']
		])('returns a redaction for %s', (_name, text) => {
			const r = redact(text, 'en');
			expect(typeof r.text).toBe('string');
			expect(Array.isArray(r.spans)).toBe(true);
		});

		it('handles 100,000 characters', () => {
			expect(redact('1'.repeat(100_000), 'en').text.length).toBe(100_000);
			expect(redact('a'.repeat(100_000) + '@', 'en').text.length).toBe(100_001);
			expect(redact('@a.'.repeat(33_000), 'en').spans).toEqual([]);
			const phones = '13812345678 '.repeat(8000);
			expect(redact(phones, 'zh-CN').spans.length).toBe(8000);
			expect(redact('1 '.repeat(50_000), 'en').spans).toEqual([]);
		});

		it('treats a non-string as empty', () => {
			expect(redact(null as unknown as string, 'en')).toEqual({ text: '', spans: [] });
		});
	});
});
