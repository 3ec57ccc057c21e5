import { describe, expect, it } from 'vitest';
import { redact } from '../../../src/lib/safety/redact';

const zh = (text: string) => redact(text, 'zh-CN').text;
const en = (text: string) => redact(text, 'en').text;

describe('redact: Chinese names', () => {
	it.each([
		['您好，我是林静怡，想问问孕期能不能吃布洛芬', '您好，我是[姓名]，想问问孕期能不能吃布洛芬'],
		['本人吴俊杰，男，29岁，胃痛三天', '本人[姓名]，男，29岁，胃痛三天'],
		['姓名：诸葛亮亮　年龄：8岁', '姓名：[姓名]　年龄：8岁'],
		['联系人：上官文静，电话请打我手机', '联系人：[姓名]，电话请打我手机'],
		['家属：令狐晓东', '家属：[姓名]'],
		['我叫Kevin，在深圳工作', '我叫[姓名]，在深圳工作']
	])('takes the name after a cue: %s', (input, output) => {
		expect(zh(input)).toBe(output);
	});

	it('takes a relative named right after the relation', () => {
		expect(zh('我爸郭振华今年七十了，夜里总咳嗽')).toBe('我爸[姓名]今年七十了，夜里总咳嗽');
		expect(zh('我外婆宋秀珍和我外公韩德明都在吃降压药')).toBe('我外婆[姓名]和我外公[姓名]都在吃降压药');
	});

	it('takes a name signed at the end of the message', () => {
		expect(zh('这个药饭前吃还是饭后吃？谢谢！邓丽君')).toBe('这个药饭前吃还是饭后吃？谢谢！[姓名]');
		expect(zh('麻烦您回复一下——曹雪芹')).toBe('麻烦您回复一下——[姓名]');
	});

	it('takes a name followed by sex and age, by a relation in brackets, or opening a sentence', () => {
		expect(zh('潘玉兰，女，70岁，膝盖疼')).toBe('[姓名]，女，70岁，膝盖疼');
		expect(zh('韩雪（我女儿）发烧了')).toBe('[姓名]（我女儿）发烧了');
		expect(zh('冯志强昨天开始拉肚子')).toBe('[姓名]昨天开始拉肚子');
	});

	it('takes a name opening a sentence before a speech or time word, or after 和/跟/告诉', () => {
		expect(zh('周丽说她夜里睡不着')).toBe('[姓名]说她夜里睡不着');
		expect(zh('我跟罗志勇一起做的检查')).toBe('我跟[姓名]一起做的检查');
		expect(zh('请告诉何婉婷按时吃药')).toBe('请告诉[姓名]按时吃药');
		expect(redact('明天说不定会好，和平时一样，跟黄金一样贵', 'zh-CN').spans).toEqual([]);
	});

	it('takes a surname and given name stated separately', () => {
		const r = redact('本人姓欧阳名子健，血压偏高', 'zh-CN');
		expect(r.text).toBe('本人姓[姓名]名[姓名]，血压偏高');
		expect(r.spans.map((s) => s.kind)).toEqual(['name', 'name']);
	});

	it('reads traditional characters', () => {
		expect(zh('我是陳志強，住院第三天')).toBe('我是[姓名]，住院第三天');
	});

	it.each([
		'高烧不退，已经三天了',
		'我是高血压患者，能喝咖啡吗',
		'白细胞 11.2，是不是感染了',
		'新生儿黄疸要照蓝光吗',
		'孙子今天打了疫苗',
		'马上就要手术了，好紧张',
		'周末能不能去游泳',
		'金银花泡水喝有用吗',
		'骨折打了石膏，常常发痒',
		'温度计显示 38.2',
		'何时复查比较好',
		'方便的话下午来医院',
		'江边散步时摔了一跤',
		'我是高中生，经常熬夜',
		'我是江苏人',
		'于是医生给我开了药',
		'我妈最近老是忘事',
		'何首乌和黄芪能一起吃吗'
	])('keeps words that only look like names: %s', (text) => {
		expect(redact(text, 'zh-CN').spans).toEqual([]);
	});
});

describe('redact: Latin-script names', () => {
	it.each([
		['Hello, my name is Ingrid Van der Berg and I feel faint', 'Hello, my name is [NAME] and I feel faint'],
		["I'm Zoë, 27, and my asthma is worse", "I'm [NAME], 27, and my asthma is worse"],
		['This is Seán Ó Briain, my knee is swollen', 'This is [NAME], my knee is swollen'],
		["it's Marguerite here, about my blood test", "it's [NAME] here, about my blood test"],
		["name's Tomás Rodríguez-Peña", "name's [NAME]"],
		['Patient: Mrs Adaeze Nwosu, 58', 'Patient: Mrs [NAME], 58'],
		['i am fatima and i have a rash', 'i am [NAME] and i have a rash'],
		['my name is zhou min, 40', 'my name is [NAME], 40']
	])('takes the name after a cue: %s', (input, output) => {
		expect(en(input)).toBe(output);
	});

	it('takes names after "his/her/X\'s name is", "called", "From:" and "Hi, … here"', () => {
		expect(en("my husband's name is Dariusz and he is 60")).toBe("my husband's name is [NAME] and he is 60");
		expect(en('her name is Anjali')).toBe('her name is [NAME]');
		expect(en('a boy called Harvey at school')).toBe('a boy called [NAME] at school');
		expect(en('a boy called Zebulon')).toBe('a boy called Zebulon');
		expect(en('the syrup is called Calpol')).toBe('the syrup is called Calpol');
		expect(en('From: Gwendolyn Pryce')).toBe('From: [NAME]');
		expect(en('Hi, Oluwadamilare here, quick one')).toBe('Hi, [NAME] here, quick one');
		expect(zh('名字：孟晓东')).toBe('名字：[姓名]');
	});

	it('takes the whole name, not a prefix cut at an accented letter', () => {
		expect(en('my name is Łukasz Wiśniewski')).toBe('my name is [NAME]');
		expect(en('I am Renée Côté')).toBe('I am [NAME]');
	});

	it('takes relatives named after the relation', () => {
		expect(en('my nephew Oscar has a high temperature')).toBe('my nephew [NAME] has a high temperature');
		expect(en('Grandpa Walter is on warfarin')).toBe('Grandpa [NAME] is on warfarin');
		expect(en('our daughter, Maeve, swallowed a battery')).toBe('our daughter, [NAME], swallowed a battery');
	});

	it('takes sign-offs, capitalised or not', () => {
		expect(en('Is it safe to fly? Best regards, Henrik Larsen')).toBe(
			'Is it safe to fly? Best regards, [NAME]'
		);
		expect(en('is this normal? thanks, rachel')).toBe('is this normal? thanks, [NAME]');
		expect(en('ok will try that - tom')).toBe('ok will try that - [NAME]');
		expect(en('Kind regards,\nPaolo\n')).toBe('Kind regards,\n[NAME]\n');
	});

	it('takes a given name with a surname anywhere, and pinyin names', () => {
		expect(en('my carer is Ruth Oyelaran and she helps me')).toBe('my carer is [NAME] and she helps me');
		expect(en('the form says Wang Xiaoming')).toBe('the form says [NAME]');
	});

	it('keeps the title and takes the name after it', () => {
		expect(en('Dr Okonkwo told me to stop')).toBe('Dr [NAME] told me to stop');
	});

	it.each([
		"I'm exhausted and I'm 30 weeks pregnant",
		"I'm worried it's getting worse",
		"I'm allergic to penicillin",
		"I'm not sure how much to give",
		'This is the third night of coughing',
		'Will the vaccine make him sleepy?',
		'May I take it with food?',
		'Grace period on my prescription?',
		'Frank blood in the stool since yesterday',
		'Bill from the pharmacy was wrong',
		'Faith in doctors is low here',
		'the Dr. said to rest',
		"Parkinson's disease and Bell's palsy",
		"Wilson's disease runs in the family",
		'I am British and 45',
		"I'm English and it's Monday",
		'An MRI uses magnets. Do I need to fast? He said yes.'
	])('keeps sentences without a name: %s', (text) => {
		expect(redact(text, 'en').spans).toEqual([]);
	});

	it('takes an everyday-word name only where a cue says it is one', () => {
		expect(en('my son Will is 4')).toBe('my son [NAME] is 4');
		expect(en('Will is 4 and has a rash')).toBe('[NAME] is 4 and has a rash');
		expect(en('Will it scar?')).toBe('Will it scar?');
	});
});
