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

describe('redact: Chinese names in forms of address, lists, quotes and records', () => {
	it('takes a surname or a name before a title, and keeps the title', () => {
		expect(zh('邱医生说我的胃镜没问题')).toBe('[姓名]医生说我的胃镜没问题');
		expect(zh('上次门诊是冯建华主任看的')).toBe('上次门诊是[姓名]主任看的');
		expect(zh('麻烦转告呼吸科谭大夫，我咳得更厉害了')).toBe('麻烦转告呼吸科[姓名]大夫，我咳得更厉害了');
		expect(zh('邻居蒋阿姨也在吃这个药')).toBe('邻居[姓名]阿姨也在吃这个药');
		expect(zh('请问欧阳老师，孩子发烧能上学吗')).toBe('请问[姓名]老师，孩子发烧能上学吗');
		expect(zh('唐总，您上次说的体检报告出来了')).toBe('[姓名]总，您上次说的体检报告出来了');
		expect(zh('司马文博先生的家属来问')).toBe('[姓名]先生的家属来问');
		expect(zh('邻居陈妈妈说这个药好')).toBe('邻居[姓名]妈妈说这个药好');
		expect(zh('谢谢医生！')).toBe('谢谢医生！');
	});

	it('takes 老/小 before a surname, and a pet name before 的 and a relative', () => {
		expect(zh('老郑昨天开始胸闷')).toBe('老[姓名]昨天开始胸闷');
		expect(zh('小吴，你说的那个药膏叫什么')).toBe('小[姓名]，你说的那个药膏叫什么');
		expect(zh('小芳的奶奶血糖高')).toBe('[姓名]的奶奶血糖高');
	});

	it.each([
		'实习医生说要再观察两天',
		'主任医师查房时说可以出院',
		'我和医生说了过敏史',
		'班主任说孩子上课咳嗽',
		'输液要4 小时，小区门口有药店',
		'老公说我打呼噜很响',
		'老师说孩子在学校吐了',
		'小时候得过肺炎',
		'周一早上空腹抽血',
		'小米粥和小麦粉能吃吗'
	])('keeps titles and 老/小 words without a name: %s', (text) => {
		expect(redact(text, 'zh-CN').spans).toEqual([]);
	});

	it('takes humble self-introductions and a given name stated on its own', () => {
		expect(zh('鄙人钟文斌，想咨询痛风用药')).toBe('鄙人[姓名]，想咨询痛风用药');
		expect(zh('在下韦嘉怡，孕早期出血')).toBe('在下[姓名]，孕早期出血');
		expect(zh('在下午三点复查')).toBe('在下午三点复查');
		expect(zh('免贵姓司马，单名一个睿字')).toBe('免贵姓[姓名]，单名一个[姓名]字');
	});

	it('takes names listed with a person, named in brackets after a title, or glossed by a unit', () => {
		expect(zh('我、邵振宇和贺敏都对青霉素过敏')).toBe('我、[姓名]和[姓名]都对青霉素过敏');
		expect(zh('龙经理（龙海涛）让我问降压药')).toBe('[姓名]经理（[姓名]）让我问降压药');
		expect(zh('有事联系我：邹一鸣（财务部）')).toBe('有事联系我：[姓名]（财务部）');
	});

	it('takes transliterated, Tibetan and Mongolian names after a cue, and names with a space', () => {
		expect(zh('患者：努尔艾力·吐尔洪，男，52岁')).toBe('患者：[姓名]，男，52岁');
		expect(zh('我是热依拉·阿不都的丈夫')).toBe('我是[姓名]的丈夫');
		expect(zh('我叫扎西多吉，在那曲放牧')).toBe('我叫[姓名]，在那曲放牧');
		expect(zh('老人叫巴特尔，血压高')).toBe('老人叫[姓名]，血压高');
		expect(zh('我叫周 晴，孕20周')).toBe('我叫[姓名]，孕20周');
		expect(zh('姓名：嘉措，藏族')).toBe('姓名：[姓名]，藏族');
		expect(zh('姓名：不详')).toBe('姓名：不详');
		expect(zh('我叫救护车了')).toBe('我叫救护车了');
	});

	it('takes a name said again, whole or by its given name', () => {
		expect(zh('我叫聂文轩，文轩是我的小名，最近胃疼')).toBe('我叫[姓名]，[姓名]是我的小名，最近胃疼');
		expect(en('my son Rory is 6. Rory has had a cough for 3 weeks')).toBe(
			'my son [NAME] is 6. [NAME] has had a cough for 3 weeks'
		);
		expect(en('my son Will is 6. Will it pass on its own?')).toBe(
			'my son [NAME] is 6. Will it pass on its own?'
		);
	});

	it('takes payee and other form cues', () => {
		expect(zh('退款收款人温丽娟，谢谢')).toBe('退款收款人[姓名]，谢谢');
		expect(zh('紧急联系人覃国栋')).toBe('紧急联系人[姓名]');
		expect(zh('收货人郝静，电话等下发你')).toBe('收货人[姓名]，电话等下发你');
		expect(zh('我叫Lucy，中文名叫孔思琪')).toBe('我叫[姓名]，中文名叫[姓名]');
		expect(zh('我姓慕容，全名慕容雪')).toBe('我姓[姓名]，全名[姓名]');
	});

	it('takes quoted names where the message talks about names', () => {
		expect(zh('化验单上名字印成了“蔡晓琳”，应该是“蔡小琳”')).toBe(
			'化验单上名字印成了“[姓名]”，应该是“[姓名]”'
		);
		expect(zh('我叫『诸葛明轩』')).toBe('我叫『[姓名]』');
		expect(redact('报告上写着“白肺”，严重吗', 'zh-CN').spans).toEqual([]);
	});

	it('takes a name standing alone between identifiers', () => {
		expect(zh('寄到：成都市武侯区科华北路65号，姚建平，13912345678')).toBe('寄到：[地址]，[姓名]，[手机号]');
		expect(zh('手机 13912345678，年龄：45')).toBe('手机 [手机号]，年龄：45');
		expect(zh('药到了请通知我——邓佳怡 13912345678')).toBe('药到了请通知我——[姓名] [手机号]');
		expect(zh('欧阳娜娜 2023-11-02 做的胃镜')).toBe('[姓名] 2023-11-02 做的胃镜');
	});

	it('takes a Japanese name after a cue', () => {
		expect(zh('我叫渡边健一，在深圳工作')).toBe('我叫[姓名]，在深圳工作');
		expect(zh('我是佐々木ゆい的同事')).toBe('我是[姓名]的同事');
		expect(redact('我是中村人', 'zh-CN').spans).toEqual([]);
	});

	it('reads a Latin-script name after 我是, ended by Chinese', () => {
		expect(zh('我是liu qiang的女儿')).toBe('我是[姓名]的女儿');
		expect(zh('我是WANG Meiling的孙子')).toBe('我是[姓名]的孙子');
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
		expect(en('a cream called Zorbex')).toBe('a cream called Zorbex');
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
		// At the very end, a given name that is also a word is still the writer's name.
		expect(en('does it interact with my statin? thanks, rob')).toBe(
			'does it interact with my statin? thanks, [NAME]'
		);
		expect(en('thanks, will try that')).toBe('thanks, will try that');
	});

	it('takes a name glossed in another script, after a title with initials, and after a carer word', () => {
		expect(zh('我叫何静怡（Ho Ching Yi），过敏性鼻炎')).toBe('我叫[姓名]（[姓名]），过敏性鼻炎');
		expect(en('Name: CHEN Jiahui / 陈佳慧\nasthma')).toBe(
			'Name: [NAME] / [姓名]\nasthma'.replace('[姓名]', '[NAME]')
		);
		expect(en('Referred by Dr. K. Oyelaran, cardiology')).toBe('Referred by Dr. [NAME], cardiology');
		expect(en('seen by Mrs Park in clinic')).toBe('seen by Mrs [NAME] in clinic');
		expect(zh('家里的护工 Maria Santos 也咳嗽')).toBe('家里的护工 [姓名] 也咳嗽');
		expect(zh('产妇 韦丽娟，产后第3天')).toBe('产妇 [姓名]，产后第3天');
		// A name that is also a word keeps its term: "Bell palsy", "Grace period".
		expect(en('Dr Bell saw me for my Bell palsy')).toBe('Dr [NAME] saw me for my Bell palsy');
		expect(en('my carer Grace Obi helps. Grace period ends Friday')).toBe(
			'my carer [NAME] helps. Grace period ends Friday'
		);
		expect(en('Bill HK$2,000 for the scan')).toBe('Bill HK$2,000 for the scan');
	});

	it('takes a name after 叫 opening a clause, whatever its given characters; not 叫救护车', () => {
		expect(zh('我今年50岁，叫冉蕾，胃不舒服')).toBe('我今年50岁，叫[姓名]，胃不舒服');
		expect(redact('孩子抽搐了，叫救护车吗', 'zh-CN').spans).toEqual([]);
	});

	it('takes a name on a card or form, a name glossed in Hangul, and a name opening with an age', () => {
		expect(en('name on card: RUTH A OKAFOR, is my plan valid')).toBe(
			'name on card: [NAME], is my plan valid'
		);
		expect(en('his name is Ji-hoon Lee (이지훈), 40')).toBe('his name is [NAME] ([NAME]), 40');
		expect(en('Details: Tendai Moyo, 52, on amlodipine 5mg')).toBe('Details: [NAME], 52, on amlodipine 5mg');
		expect(en('Heart Failure, 45 patients in the trial')).toBe('Heart Failure, 45 patients in the trial');
		expect(zh('【姓名】端木晓雯【性别】女')).toBe('【姓名】[姓名]【性别】女');
	});

	it('takes a lower-case given name introducing the writer, and hyphenated given names', () => {
		expect(en('siobhan here, on sertraline 50mg')).toBe('[NAME] here, on sertraline 50mg');
		expect(en("Mary-Jane O'Neill, asthma, salbutamol twice daily")).toBe(
			'[NAME], asthma, salbutamol twice daily'
		);
		expect(en('Mary-Jane here, asthma')).toBe('[NAME] here, asthma');
		expect(en('grace here is my question')).toBe('grace here is my question');
		expect(redact('co-codamol 30/500 and Guillain-Barré syndrome', 'en').spans).toEqual([]);
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

	it('reads names with and without accents alike', () => {
		expect(en('Zoë says the inhaler helps')).toBe('[NAME] says the inhaler helps');
		expect(en('Phạm Thu Trang, 61, on metformin')).toBe('[NAME], 61, on metformin');
	});

	it('takes a name introducing the writer, in the possessive before a relative, or typed in lower case', () => {
		expect(en('Dominic here. Is ibuprofen ok with asthma?')).toBe(
			'[NAME] here. Is ibuprofen ok with asthma?'
		);
		expect(en("Priya's daughter Meera has a rash")).toBe("[NAME]'s daughter [NAME] has a rash");
		expect(en('mary johnson, 71, bp 150/90')).toBe('[NAME], 71, bp 150/90');
		expect(en('from Aoife Brennan: is 2 paracetamol ok?')).toBe('from [NAME]: is 2 paracetamol ok?');
		expect(en('"Liz" is what we call my aunt Elizabeth')).toBe('"[NAME]" is what we call my aunt [NAME]');
	});

	it('takes names in introductions with brackets, lower-case greetings, nicknames in quotes and "X of Y"', () => {
		expect(en("Hi it's Anneliese Okafor (mobile below) about my INR")).toBe(
			"Hi it's [NAME] (mobile below) about my INR"
		);
		expect(en('hey, isabel here, quick question')).toBe('hey, [NAME] here, quick question');
		expect(en('My name is Robert "Bobby" McAllister, 52')).toBe('My name is [NAME], 52');
		expect(en('I am the mum of Saoirse, 4, who has a fever')).toBe(
			'I am the mum of [NAME], 4, who has a fever'
		);
	});

	it('takes a sign-off followed by a postscript, and a name in a script without capitals after a cue', () => {
		expect(en('thanks, Marcus. PS the rash is spreading')).toBe('thanks, [NAME]. PS the rash is spreading');
		expect(en('contact: 박서연, she speaks English')).toBe('contact: [NAME], she speaks English');
	});

	it('knows the wider list of first names where the shape says name, not alone mid-sentence', () => {
		expect(en('Philippa here, my ankle is swollen')).toBe('[NAME] here, my ankle is swollen');
		expect(en('Thaddeus is my husband and he is confused')).toBe('[NAME] is my husband and he is confused');
		// Alone inside a sentence a wide-list name may be a medicine (Allegra, fexofenadine).
		expect(en('I took Allegra this morning for hay fever')).toBe('I took Allegra this morning for hay fever');
	});

	it('keeps a month beside a day number', () => {
		expect(en('seen on 3 May and again 14 June')).toBe('seen on 3 May and again 14 June');
		expect(en('discharged 2 Jan, stitches out 9 Jan')).toBe('discharged 2 Jan, stitches out 9 Jan');
	});

	it('takes an everyday-word name only where a cue says it is one', () => {
		expect(en('my son Will is 4')).toBe('my son [NAME] is 4');
		expect(en('Will is 4 and has a rash')).toBe('[NAME] is 4 and has a rash');
		expect(en('Will it scar?')).toBe('Will it scar?');
	});
});
