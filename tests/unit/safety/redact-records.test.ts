import { describe, expect, it } from 'vitest';
import { redact } from '../../../src/lib/safety/redact';

const zh = (text: string) => redact(text, 'zh-CN').text;
const en = (text: string) => redact(text, 'en').text;
const kinds = (text: string, locale = 'en') => redact(text, locale).spans.map((s) => s.kind);
const HAN = /\p{Script=Han}/u;

describe('redact: identity documents', () => {
	it('takes Hong Kong identity cards by their check character, bracketed or not', () => {
		expect(en('HKID CA182361(1) please')).toBe('HKID [ID_NUMBER] please');
		expect(en('card A1234563 on file')).toBe('card [ID_NUMBER] on file');
		expect(en('ref A123456(4) only')).toBe('ref A123456(4) only');
	});

	it('takes Taiwan IDs that pass the checksum and leaves those that fail', () => {
		expect(zh('身分證 A123456789')).toBe('身分證 [身份证号]');
		expect(en('number A123456789 was on my card')).toBe('number [ID_NUMBER] was on my card');
		expect(en('code A123456788 on the box')).toBe('code A123456788 on the box');
	});

	it('takes passports and travel permits after their labels', () => {
		expect(zh('回乡证 H60123456，往来港澳通行证 CB1234567')).toBe(
			'回乡证 [通行证号]，往来港澳通行证 [通行证号]'
		);
		expect(en('Irish passport no PA1234567')).toBe('Irish passport no [PASSPORT]');
		expect(en('home return permit H12345678')).toBe('home return permit [TRAVEL_DOCUMENT]');
	});

	it('takes unlabelled PRC passport numbers', () => {
		expect(kinds('E98765432 expires soon')).toEqual(['passport']);
	});

	it('takes identity numbers of patients from abroad by their check characters', () => {
		expect(en('my FIN is F5551234P and I work in Jurong')).toBe('my FIN is [ID_NUMBER] and I work in Jurong');
		expect(en('S7654321F, 42, on amlodipine')).toBe('[ID_NUMBER], 42, on amlodipine');
		expect(en('S7654321A, 42, on amlodipine')).toBe('S7654321A, 42, on amlodipine');
		expect(en('PPS no. 7654321G for the GP visit card')).toBe('PPS no. [ID_NUMBER] for the GP visit card');
		expect(en('it says 2468013N on the letter')).toBe('it says [ID_NUMBER] on the letter');
		expect(en('UID 4918 2736 4507 on my card')).toBe('UID [ID_NUMBER] on my card');
		expect(en('UID 4918 2736 4508 on my card')).toBe('UID 4918 2736 4508 on my card');
		expect(en('IC 850312-14-6622, staying in Ipoh')).toBe('IC [ID_NUMBER], staying in Ipoh');
	});

	it('takes UK National Insurance numbers, IBANs and ITINs by their formats and check digits', () => {
		expect(en('my NI number is JC 12 34 56 B, for the sick note')).toBe(
			'my NI number is [ID_NUMBER], for the sick note'
		);
		expect(en('AB123456D on the payslip')).toBe('[ID_NUMBER] on the payslip');
		expect(en('GB123456C is no number: GB is never a prefix')).toBe(
			'GB123456C is no number: GB is never a prefix'
		);
		expect(en('refund to GB29 NWBK 6016 1331 9268 19 please')).toBe('refund to [BANK_CARD] please');
		expect(en('FR1420041010050500013M02606 is my account')).toBe('[BANK_CARD] is my account');
		expect(en('NL92ABNA0417164300 is mistyped')).toBe('NL92ABNA0417164300 is mistyped');
		expect(en('my ITIN is 931-82-5567')).toBe('my ITIN is [SSN]');
		expect(en('billing has 944-90-1234 for me')).toBe('billing has [SSN] for me');
	});

	it('takes identity documents after their labels in both languages', () => {
		expect(zh('警官证号：京公字第0012345号')).toBe('警官证号：[身份证号]');
		expect(zh('残疾证 11010119600101123X41')).toBe('残疾证 [身份证号]');
		expect(en('Aadhar number 3056 1284 9727')).toBe('Aadhar number [ID_NUMBER]');
		expect(en('Exit-Entry Permit for Travelling to and from Hong Kong and Macao: C12345678')).toBe(
			'Exit-Entry Permit for Travelling to and from Hong Kong and Macao: [TRAVEL_DOCUMENT]'
		);
	});
});

describe('redact: medical record, insurance and licence numbers', () => {
	it.each([
		['就诊卡号：3300123456，挂的是呼吸科', '就诊卡号：[病历号]，挂的是呼吸科'],
		['病案号 BA-2022-7731', '病案号 [病历号]'],
		['chart no. 4471-22, seen in A&E', 'chart no. [MRN], seen in A&E'],
		['patient ID: P00981234', 'patient ID: [MRN]']
	])('takes record numbers: %s', (input, output) => {
		expect(redact(input, /[\u4e00-\u9fff]/.test(input) ? 'zh-CN' : 'en').text).toBe(output);
	});

	it('takes health plan and insurance numbers', () => {
		expect(zh('医保卡号 SZ8811223344')).toBe('医保卡号 [医保号]');
		expect(en('subscriber ID 88120034 on the card')).toBe('subscriber ID [INSURANCE_ID] on the card');
		expect(en('Medicaid number: 12345678AB')).toBe('Medicaid number: [INSURANCE_ID]');
	});

	it('takes licences and vehicle plates, mainland plates without a label', () => {
		expect(zh('驾驶证 360102198803042211')).toBe('驾驶证 [证照号]');
		expect(zh('停车场里的浙A·8K2Q5是我的车')).toBe('停车场里的[证照号]是我的车');
		expect(en("driver's license #D4412983")).toBe("driver's license #[LICENCE]");
		expect(en('registration number BD51 SMR')).toBe('registration number [LICENCE]');
	});

	it('does not take a word after a label as a number', () => {
		expect(redact('ID: type-2-diabetes, card: blue, plate: dinner', 'en').spans).toEqual([]);
		expect(redact('a metal plate 10 years ago', 'en').spans).toEqual([]);
		expect(en('Medicare card 2123 45670 1')).toBe('Medicare card [INSURANCE_ID]');
		expect(en('plate 7ABC123 in the car park')).toBe('plate [LICENCE] in the car park');
	});

	it('keeps bed numbers and ordinary codes without a label', () => {
		expect(redact('3号床，床号 12，5号线地铁', 'zh-CN').spans).toEqual([]);
		expect(redact('L4-L5 disc, CD4 350, HbA1c 48', 'en').spans).toEqual([]);
	});

	it('takes a card expiry date with the card', () => {
		expect(en('Visa 4111 1111 1111 1111 exp 11/29')).toBe('Visa [BANK_CARD] exp [BANK_CARD]');
	});
});

describe('redact: dates of birth in Chinese numerals, the lunar calendar, and before 出生', () => {
	it.each([
		['他的生日是十一月三号，最近老咳嗽', '他的生日是[出生日期]，最近老咳嗽'],
		['出生日期：1972年阴历腊月廿三', '出生日期：[出生日期]'],
		['生日冬月初十，今年体检血脂高', '生日[出生日期]，今年体检血脂高'],
		['孩子是2019年10月2日出生的，发烧两天', '孩子是[出生日期]出生的，发烧两天'],
		['我是一九六四年五月生人', '我是[出生日期]生人']
	])('takes %s', (input, output) => {
		expect(zh(input)).toBe(output);
	});

	it("takes a date after the genealogists' b.", () => {
		expect(en('my grandmother Ada Finch (b. 3 March 1931) has a chest infection')).toBe(
			'my grandmother [NAME] (b. [DATE_OF_BIRTH]) has a chest infection'
		);
	});

	it('keeps symptom dates and birth events without a date', () => {
		expect(redact('3月5日开始咳嗽，出生时体重3.2kg', 'zh-CN').spans).toEqual([]);
		expect(redact('八月十五那天吃多了胃疼', 'zh-CN').spans).toEqual([]);
	});
});

describe('redact: dates of birth', () => {
	it.each([
		['出生日期：一九七六年十月五日', '出生日期：[出生日期]'],
		['生日 2001年2月3日，最近头晕', '生日 [出生日期]，最近头晕'],
		['出生于 92.11.8', '出生于 [出生日期]'],
		['DOB: 1959-12-01', 'DOB: [DATE_OF_BIRTH]'],
		['d.o.b 4/11/88, asthma', 'd.o.b [DATE_OF_BIRTH], asthma'],
		['Date of Birth 2nd of June 1990', 'Date of Birth [DATE_OF_BIRTH]'],
		['born on September 9th, 1961', 'born on [DATE_OF_BIRTH]'],
		["my son's birthday is 12 Aug 2019", "my son's birthday is [DATE_OF_BIRTH]"],
		['出生年月 1971.06', '出生年月 [出生日期]'],
		['dob:19770514', 'dob:[DATE_OF_BIRTH]']
	])('takes the date after a birth label: %s', (input, output) => {
		expect(redact(input, /[\u4e00-\u9fff]/.test(input) ? 'zh-CN' : 'en').text).toBe(output);
	});

	it('keeps symptom, visit and test dates', () => {
		expect(redact('5月3日开始咳嗽，2024年5月10日复查', 'zh-CN').spans).toEqual([]);
		expect(redact('rash since 4 May, bloods on 2024-05-10, seen 10/05/2024', 'en').spans).toEqual([]);
		expect(redact('宝宝出生后第3天黄疸，出生体重 3.2kg', 'zh-CN').spans).toEqual([]);
		expect(redact('我住在北京，住院 3 天', 'zh-CN').spans).toEqual([]);
	});
});

describe('redact: slips, health cards, Medicare identifiers and plates', () => {
	it.each([
		['化验单号 H2311050042 的结果', '化验单号 [病历号] 的结果'],
		['预约单号：YY20240517-031，明天上午抽血', '预约单号：[病历号]，明天上午抽血'],
		['my lab number is 88-4471-2209', 'my lab number is [MRN]'],
		['OHIP 1234-567-890-XY expired', 'OHIP [INSURANCE_ID] expired'],
		['health card number 9876 543 210', 'health card number [INSURANCE_ID]'],
		['Medicare number 1EG4-TE5-MK72', 'Medicare number [INSURANCE_ID]'],
		['MBI: 2AC9-HM1-PR03', 'MBI: [INSURANCE_ID]'],
		['the card says 3KX7-N82-WT56, Part D', 'the card says [INSURANCE_ID], Part D'],
		['my van reg is YX71 HBD', 'my van reg is [LICENCE]'],
		['parked car BD51 SMR outside A&E', 'parked car [LICENCE] outside A&E'],
		['rego 1ABC-234 on my car', 'rego [LICENCE] on my car'],
		['社保卡号 B12345678，能报销吗', '社保卡号 [医保号]，能报销吗'],
		['社会保障卡卡号：C87654321', '社会保障卡卡号：[医保号]'],
		['the Yaris, 12-KY-4471, is blocking', 'the Yaris, [LICENCE], is blocking']
	])('takes %s', (input, output) => {
		expect(redact(input, HAN.test(input) ? 'zh-CN' : 'en').text).toBe(output);
	});

	it.each([
		'reg 100mg twice a day',
		'Reg insulin 10 units at night',
		'CD4 count 350, HbA1c 48, B12 200',
		'12-KY-4471 is no plate before 1987: 86-KY-4471 stays'
	])('keeps %s', (text) => {
		expect(redact(text, 'en').text).toBe(
			text.includes('12-KY') ? text.replace('12-KY-4471', '[LICENCE]') : text
		);
	});
});

describe('redact: Hong Kong, Taiwan, Malaysian and Gulf address lines in English', () => {
	it.each([
		['Flat C, 8/F, Block 2, Kornhill, Quarry Bay — she lives alone', '[ADDRESS] — she lives alone'],
		[
			'send it to No. 12, Ln. 45, Minsheng E. Rd., Songshan Dist., Taipei. thanks',
			'send it to [ADDRESS]. thanks'
		],
		['home: 7 Jalan Tun Razak, 50400 Kuala Lumpur', 'home: [ADDRESS]'],
		['we live at Villa 14, Al Barsha South, Dubai', 'we live at [ADDRESS]']
	])('takes %s', (input, output) => {
		expect(en(input)).toBe(output);
	});

	it('keeps a ward or a unit number without a place after it', () => {
		expect(kinds('I was in Room 3, 2/F of the hospital')).toEqual([]);
		expect(kinds('Unit 4, the pain is bad')).toEqual([]);
	});
});

describe('redact: more record labels and month-year dates of birth', () => {
	it('takes hospital numbers, HN, a student insurance number, a residence permit and a login name', () => {
		expect(en('hosp no 2210-88413 on the letter')).toBe('hosp no [MRN] on the letter');
		expect(en('HN: H0493821(7)')).toBe('HN: [MRN]');
		expect(zh('【门诊号】MZ20261201-0456')).toBe('【门诊号】[病历号]');
		expect(zh('学生保险号 PICC-2026-00457891')).toBe('学生保险号 [医保号]');
		expect(zh('永久居留证号码 KOR310000920315015')).toBe('永久居留证号码 [身份证号]');
		expect(zh('用户名：gao_lan')).toBe('用户名：[社交账号]');
		expect(en('DOB: 03/1985 on the form')).toBe('DOB: [DATE_OF_BIRTH] on the form');
		expect(en('DOB ......... 8-Apr-1944')).toBe('DOB ......... [DATE_OF_BIRTH]');
		expect(kinds('ph 7.32 on the blood gas')).toEqual([]);
	});
});

describe('redact: vehicle and device serial numbers, file-share links', () => {
	it('takes a serial number after a label, and a VIN only when its check digit holds', () => {
		expect(en('my pacemaker serial no. PJN123456S is due a check')).toBe(
			'my pacemaker serial no. [DEVICE_ID] is due a check'
		);
		expect(zh('车架号 LSVAU2180N2123456，车祸后脖子疼')).toBe('车架号 [设备号]，车祸后脖子疼');
		expect(kinds('the car was 1HGCM82633A004352 and I hurt my neck')).toEqual(['device']);
		expect(kinds('the car was 1HGCM82633A004353 and I hurt my neck')).toEqual([]);
		expect(kinds('serial troponins were normal')).toEqual([]);
	});

	it('takes a link into a cloud drive, keeps a page about a condition', () => {
		expect(zh('片子在 https://pan.baidu.com/s/1Qx7_abc 里')).toBe('片子在 [网址] 里');
		expect(kinds('see https://www.nhs.uk/conditions/asthma/')).toEqual([]);
	});
});

describe('redact: ages over 89', () => {
	it('takes an age over 89 as a date of birth, and keeps the age word', () => {
		expect(redact('my great-aunt is 97 years old', 'en').text).toBe(
			'my great-aunt is [DATE_OF_BIRTH] years old'
		);
		expect(redact('a 103-year-old neighbour', 'en').text).toBe('a [DATE_OF_BIRTH]-year-old neighbour');
		expect(redact('aged 92, on apixaban', 'en').text).toBe('aged [DATE_OF_BIRTH], on apixaban');
		expect(redact("Grandad's ninety-six", 'en').text).toBe("Grandad's [DATE_OF_BIRTH]");
		expect(redact('太姥姥今年98岁', 'zh-CN').text).toBe('太姥姥今年[出生日期]岁');
		expect(redact('爷爷九十七岁，夜里喘', 'zh-CN').text).toBe('爷爷[出生日期]岁，夜里喘');
		expect(redact('奶奶年过九旬', 'zh-CN').spans.map((s) => s.kind)).toEqual(['dob']);
	});

	it('keeps the 90-and-over category itself', () => {
		expect(redact('90岁以上的老人能打流感疫苗吗', 'zh-CN').spans).toEqual([]);
		expect(redact('is the dose different for people aged 90 and over?', 'en').spans).toEqual([]);
	});

	it.each([
		['en', 'he is 89 years old'],
		['en', 'aged 45 with asthma'],
		['en', 'her pulse is ninety'],
		['en', 'took 90 mg for 95 days'],
		['zh-CN', '孩子3岁，体重15公斤'],
		['zh-CN', '心率90次/分，血压95/60']
	])('keeps younger ages and numbers that are not ages: %s', (locale, text) => {
		expect(redact(text, locale).spans).toEqual([]);
	});
});

describe('redact: addresses', () => {
	it.each([
		['住址：重庆市渝中区解放碑民权路28号', '住址：[地址]'],
		['我住在幸福小区12栋3单元402室，腿脚不便', '我住在[地址]，腿脚不便'],
		['寄到成都市锦江区春熙路 9 号 2 楼', '寄到[地址]'],
		['我家在杭州市拱墅区湖墅南路 100 号，附近有医院吗', '我家在[地址]，附近有医院吗'],
		['邮编 310000', '邮编 [地址]'],
		['家住四川省南充市仪陇县马鞍镇白杨村，想问腰疼', '家住[地址]，想问腰疼'],
		['地址：浙江省宁波市鄞州区天童南路', '地址：[地址]'],
		['家住北京市朝阳区建国路88号SOHO现代城5号楼2单元1203室，高血压十年', '家住[地址]，高血压十年']
	])('takes Chinese addresses: %s', (input, output) => {
		expect(zh(input)).toBe(output);
	});

	it('takes rural Chinese addresses without an address word', () => {
		expect(zh('甘肃省定西市通渭县马营镇华家岭村二组，老人摔了一跤')).toBe('[地址]，老人摔了一跤');
		expect(zh('我妈在四川省达州市渠县有庆镇种菜，被蜂蜇了')).toBe('我妈在[地址]种菜，被蜂蜇了');
		expect(redact('去市医院还是县医院？区卫生院也行', 'zh-CN').spans).toEqual([]);
	});

	it.each([
		['Unit 7/42 Beach Rd, Manly NSW 2095', '[ADDRESS]'],
		['home is 221 Queen St E, Toronto, ON M5A 1S1', 'home is [ADDRESS]'],
		['postal code K1A 0B1 please', 'postal code [ADDRESS] please'],
		['Eircode: D02 X285', 'Eircode: [ADDRESS]'],
		['we are at T12 K7PE near the hospital', 'we are at [ADDRESS] near the hospital']
	])('takes Australian, Canadian and Irish addresses: %s', (input, output) => {
		expect(en(input)).toBe(output);
	});

	it.each([
		['please send it to 9 Acacia Avenue, Reading RG1 8AA', 'please send it to [ADDRESS]'],
		['I live at 350 Fifth Ave Suite 200, New York, NY 10118', 'I live at [ADDRESS]'],
		['Flat 12, 8 Mill Lane, Bristol BS1 4DJ', '[ADDRESS]'],
		['postcode EH1 1YZ', 'postcode [ADDRESS]'],
		['zip code 30301', 'zip code [ADDRESS]'],
		['we are at 3 Rue Lepic, 75018 Paris', 'we are at [ADDRESS]'],
		['flat 2, 118 East 21st Street, Austin, TX 78701', '[ADDRESS]'],
		['staying at 7 Harbour Loop, Cairns QLD 4870', 'staying at [ADDRESS]'],
		['Via Roma 12, 00184 Roma', '[ADDRESS]'],
		['Room 1203, Block 2, No. 16 Huaihai Road, Xuhui District, Shanghai', '[ADDRESS]']
	])('takes Latin-script addresses and postcodes: %s', (input, output) => {
		expect(en(input)).toBe(output);
	});

	it('keeps dates, beds, lines and doses that look like address parts', () => {
		expect(redact('3月5号开始发烧，住在3号床', 'zh-CN').spans).toEqual([]);
		expect(redact('took 2 Nurofen Plus and 10 mg St John’s wort', 'en').spans).toEqual([]);
		expect(redact('vitamin B12 3mg and CD4 350', 'en').spans).toEqual([]);
	});
});
