import { describe, expect, it } from 'vitest';
import { redact, PLACEHOLDERS, type Redaction } from '../../../src/lib/safety/redact';

/** The RedactionSpan contract: ordered, non-overlapping, original offsets, placeholders in place. */
function expectContract(source: string, r: Redaction): void {
	let lastEnd = 0;
	let rebuilt = '';
	for (const s of r.spans) {
		expect(s.start).toBeGreaterThanOrEqual(lastEnd);
		expect(s.end).toBeGreaterThan(s.start);
		expect(s.end).toBeLessThanOrEqual(source.length);
		expect(r.text.slice(s.outputStart, s.outputEnd)).toBe(s.placeholder);
		rebuilt += source.slice(lastEnd, s.start) + s.placeholder;
		lastEnd = s.end;
	}
	rebuilt += source.slice(lastEnd);
	expect(rebuilt).toBe(r.text);
}

const MIXED = [
	'我叫赵雅婷，手机 186 0000 1234，邮箱 zyt@example.cn，住址：武汉市洪山区珞喻路 1037 号，出生日期 1990-04-12，血压 132/85',
	'Hi, this is Amara Obi (DOB 02/02/1985), NHS 943 476 5919, 14 Park Road, Leeds LS6 2AB, call +44 20 7946 0000, BP 150/95, HbA1c 7.1%',
	'微信 abc_123，QQ 123456789，车牌 苏E·5Z3X8，HKID A123456(3)，IP 10.1.2.3，https://weibo.com/u/1234567',
	'１３８１２３４５６７８，ｍｅ＠ｅｘａｍｐｌｅ．ｃｏｍ，　全角空格，\u200b零宽\u200d字符',
	'😷 my son 👦 Noah, 4, temp 39.1°C 🤒 — thanks, Priya 🙏'
];

describe('redact: span contract', () => {
	it.each(MIXED)('keeps the contract on mixed text: %s', (text) => {
		for (const locale of ['zh-CN', 'en']) {
			const r = redact(text, locale);
			expect(r.spans.length).toBeGreaterThan(0);
			expectContract(text, r);
		}
	});

	it('never returns identifier text in the spans', () => {
		const r = redact('我叫赵雅婷，手机 18600001234', 'zh-CN');
		const json = JSON.stringify(r.spans);
		expect(json).not.toContain('赵雅婷');
		expect(json).not.toContain('18600001234');
	});

	it('offsets index the original text when full-width and zero-width characters precede', () => {
		const text = '\u200b\u200b全角：１３８１２３４５６７８';
		const r = redact(text, 'zh-CN');
		expect(r.spans).toHaveLength(1);
		const span = r.spans[0];
		expect(span && text.slice(span.start, span.end)).toBe('１３８１２３４５６７８');
	});

	it('has a placeholder in both languages for every kind', () => {
		const zh = Object.keys(PLACEHOLDERS['zh-CN']).sort();
		expect(Object.keys(PLACEHOLDERS.en).sort()).toEqual(zh);
		for (const kind of [
			'address',
			'dob',
			'messaging',
			'travel_document',
			'insurance',
			'licence',
			'ip',
			'url'
		])
			expect(zh).toContain(kind);
	});
});

describe('redact: hostile input', () => {
	const hostile: [string, string][] = [
		['100k letters', 'x'.repeat(100_000)],
		['repeated cues', 'my name is '.repeat(9_000)],
		['repeated Chinese cues', '我叫我是本人姓名：'.repeat(11_000)],
		['repeated labels', 'MRN: ID: 身份证号 passport '.repeat(4_000)],
		['near-miss e-mails', 'a@b.'.repeat(25_000)],
		['near-miss URLs', 'http://a.b/'.repeat(9_000)],
		['near-miss IPv6', '1:2:3:'.repeat(16_000)],
		['digit groups', '12 34 '.repeat(16_000)],
		['phone cue + numbers', 'call 6123 4567 '.repeat(6_000)],
		['Chinese digits', '一二三四五六七八九〇'.repeat(10_000)],
		['address tokens', '路1号栋2单元'.repeat(12_000)],
		['street near-misses', '12 Aa Bb Cc Street '.repeat(5_000)],
		['birth labels', 'born on DOB 出生日期 '.repeat(6_000)],
		['capitalised words', 'Sarah Jones Smith '.repeat(5_500)],
		['surnames', '王李张刘陈欧阳'.repeat(14_000)],
		['emoji', '🤒'.repeat(50_000)],
		['zero-width', '\u200b\u200c\u200d\ufeff'.repeat(25_000)],
		['full-width', '１２３４＠ａ。'.repeat(14_000)],
		['brackets', '((((((1))))))'.repeat(7_000)],
		// Each of these once took seconds to minutes (quadratic or worse), so this contract test
		// would time out if that came back.
		['a Han run read as a name after each 叫', '叫'.repeat(100_000)],
		['Han runs after a name cue', '我的名字是'.repeat(20_000)],
		['a label that is its own connector', 'id '.repeat(33_000)],
		['a plate label before a long run of spaces', 'plate' + ' '.repeat(99_990) + 'x'],
		['a dash sign-off before a long run of spaces', '- bob' + ' '.repeat(99_990) + 'x'],
		['a street prefix before one long word', '12 Rue ' + 'a'.repeat(99_990) + '.'],
		['hex and colons', 'a:'.repeat(50_000)],
		['dense building numbers', '1号'.repeat(50_000)],
		['dense division chains', '家住省市'.repeat(25_000)]
	];

	it.each(hostile)('returns a redaction that keeps the contract for %s', (_name, text) => {
		const r = redact(text, 'zh-CN');
		expect(typeof r.text).toBe('string');
		expectContract(text, r);
	});

	it.each([
		['empty', ''],
		['a lone surrogate', '\ud83d'],
		['control characters', '\u0000\u0001\u0007\u001b[31m'],
		['only punctuation', '，。！？、；：…—·'],
		['only placeholders', '[姓名][PHONE]']
	])('handles %s', (_name, text) => {
		expect(() => redact(text, 'en')).not.toThrow();
		expectContract(text, redact(text, 'en'));
	});

	it('treats non-string input as empty', () => {
		expect(redact(undefined as unknown as string)).toEqual({ text: '', spans: [] });
		expect(redact(42 as unknown as string, 'zh-CN')).toEqual({ text: '', spans: [] });
	});
});

describe('redact: context is read across lines and sentences', () => {
	// A label, a phone word or an address line can end a line or a sentence and its value start the
	// next one, so the text is never redacted piece by piece (per line or per sentence).
	it.each([
		['MRN:\nAB123456', 'MRN:\n[MRN]', 'en'],
		['DOB:\n1985-03-07', 'DOB:\n[DATE_OF_BIRTH]', 'en'],
		['Call me on\n6123 4567', 'Call me on\n[PHONE]', 'en'],
		['14 Baker Street\nLondon NW1 6XE', '[ADDRESS]', 'en'],
		['病历号：\nBL2023118804', '病历号：\n[病历号]', 'zh-CN'],
		['我的电话是。91234567', '我的电话是。[电话]', 'zh-CN']
	])('redacts the value in %j', (input, output, locale) => {
		expect(redact(input, locale).text).toBe(output);
	});
});

describe('redact: case and width of cues', () => {
	// The case-insensitive patterns match on a case-folded copy of the text; these are the cases
	// that copy must keep.
	it.each([
		['MY NAME IS PRIYA SHARMA', 'MY NAME IS [NAME]'],
		['Ｍｙ ｎａｍｅ ｉｓ Priya', 'Ｍｙ ｎａｍｅ ｉｓ [NAME]'],
		['ＭＲＮ：AB123456', 'ＭＲＮ：[MRN]'],
		['DATE OF BIRTH: 1985-03-07', 'DATE OF BIRTH: [DATE_OF_BIRTH]'],
		['HELLO, Oluwaseun here', 'HELLO, [NAME] here'],
		['MY SON Noah has a fever', 'MY SON [NAME] has a fever'],
		['CALL ME ON 6123 4567', 'CALL ME ON [PHONE]'],
		[
			'see www.nhs.uk/conditions/asthma/ and facebook.com/Jane.Doe',
			'see www.nhs.uk/conditions/asthma/ and [URL]'
		]
	])('redacts %j', (input, output) => {
		expect(redact(input, 'en').text).toBe(output);
	});
});

describe('redact: repeated numbers', () => {
	it('redacts every copy of a number the phone parser checked, beyond its per-message budget', () => {
		const text = 'call 6123 4567 '.repeat(300);
		const r = redact(text, 'en');
		expect(r.spans).toHaveLength(300);
		for (const s of r.spans) expect(text.slice(s.start, s.end)).toBe('6123 4567');
	});
});

describe('redact: clinical details survive', () => {
	it.each([
		'血压 165/100 mmHg，心率 48 次/分，SpO2 91%，体温 39.6℃',
		'二甲双胍缓释片 1000mg 每晚一次，空腹血糖 8.6 mmol/L，糖化 7.9%',
		'血红蛋白 92 g/L，血小板 85×10^9/L，INR 3.2，肌酐 156 μmol/L',
		'宝宝 9个月，体重 8.6kg，身高 72cm，发烧 3 天，一天吐 4 次',
		'下午 3:30 吃了 2 片，晚上 21:00 又吃了 1 片',
		'BP 182/110, pulse 130, RR 28, sats 89% on air, temp 35.1°C',
		'paracetamol 500mg 2 tablets 4 times a day, max 8 in 24 hours',
		'ketones 3.1 mmol/L, glucose 27 mmol/L (486 mg/dL), pH 7.21',
		'weighs 11 st 4 lb, 5 ft 7 in, BMI 24.8',
		'since 2 March, scan on 14/03/2024, next visit 2024-04-01 at 09:15',
		'took 30 x 5mg tablets of zopiclone around 11pm'
	])('keeps %s', (text) => {
		expect(redact(text, /[\u4e00-\u9fff]/.test(text) ? 'zh-CN' : 'en')).toEqual({ text, spans: [] });
	});
});
