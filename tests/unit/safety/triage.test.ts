// The triage model's behaviour, one concern per block. Phrasings are written for these tests (not
// copied from the labelled sets in tests/fixtures/safety/).
import { describe, expect, it } from 'vitest';
import { assess, assessAnswer, type CategoryId, type Level } from '../../../src/lib/safety/emergency';

const level = (text: string): Level => assess(text, 'en').level;
const has = (text: string, category: CategoryId) => assess(text, 'en').categories.includes(category);

describe('the new presentations', () => {
	it.each([
		['sepsis', 'my grandad has a fever and is suddenly not making any sense'],
		['sepsis', '发烧两天了，今天皮肤发花，一天没有小便'],
		['heat_stroke', 'he was working on the roof in the heat wave and now he is confused and not sweating'],
		['heat_stroke', '高温下干活晕倒了，人迷迷糊糊的'],
		['hypoglycaemia', 'she is diabetic and now she is sweaty and talking nonsense'],
		['hypoglycaemia', '血糖只有2.0，叫他反应很慢'],
		['hyperglycaemia', 'type 1, sugar over 30 and throwing up with deep fast breathing'],
		['hyperglycaemia', '血糖仪显示HI，人昏昏沉沉'],
		['acute_abdomen', 'his belly is rock hard and he cannot bear it being touched'],
		['acute_abdomen', '孩子吐绿水，肚子胀'],
		['acute_abdomen', 'sudden severe pain in my left testicle'],
		['aortic', 'a sudden ripping pain between my shoulder blades'],
		['arrhythmia', 'my watch says 178 bpm and I am just sitting on the sofa'],
		['arrhythmia', '心率只有32，头晕'],
		['meningitis', 'spots on her legs that do not fade when I press a glass on them'],
		['meningitis', '发烧，脖子僵硬，怕光'],
		['pregnancy', 'I gave birth five days ago and I am soaking through pads with big clots'],
		['pregnancy', '怀孕7周，一侧肚子剧痛，快晕倒了'],
		['button_battery', 'my toddler swallowed a coin battery from the remote'],
		['caustic', 'my son drank some drain cleaner'],
		['caustic', '孩子误喝了煤油'],
		['eye', 'I suddenly cannot see out of my right eye'],
		['spinal', 'bad back and now my bottom is numb and I wet myself']
	] as [CategoryId, string][])('%s: "%s"', (category, text) => {
		const v = assess(text, 'en');
		expect(v.level).toBe('emergency');
		expect(v.categories).toContain(category);
	});
});

describe('concepts combine without listing sentences', () => {
	it('reads a symptom and a body part said apart, in either order', () => {
		expect(has('it hurts in the middle of my chest', 'cardiac')).toBe(true);
		expect(has('胸口这里一阵一阵地疼', 'cardiac')).toBe(true);
	});

	it('reads paraphrases of the stroke signs', () => {
		expect(has('the left side of his face has gone numb', 'stroke')).toBe(true);
		expect(has('she is seeing two of everything all of a sudden', 'stroke')).toBe(true);
		expect(has('他说话含含糊糊的', 'stroke')).toBe(true);
		expect(has('嘴巴往一边歪', 'stroke')).toBe(true);
	});

	it('reads a child breathing with its ribs sucking in', () => {
		expect(has('you can see his ribs sucking in with every breath', 'breathing')).toBe(true);
	});

	it('reads typos and texting', () => {
		expect(has('cant breth properly', 'breathing')).toBe(true);
		expect(has('chest is hurtin n it goes 2 my jaw', 'cardiac')).toBe(true);
		expect(has('chest pian so bad', 'cardiac')).toBe(true);
		expect(has('sooooo much blood it wont stop', 'bleeding')).toBe(true);
	});

	it('reads traditional characters and full-width letters', () => {
		expect(has('他突然講話不清楚', 'stroke')).toBe(true);
		expect(has('ＣＨＥＳＴ ＰＡＩＮ', 'cardiac')).toBe(true);
	});
});

describe('quantities', () => {
	it.each([
		'I took 30 of my sleeping tablets',
		'swallowed about forty paracetamol',
		'he took the whole packet of his pills',
		'吃了四十多片安眠药',
		'把一整瓶药都吃了',
		'吞了二三十颗止痛药'
	])('an overdose: "%s"', (text) => {
		expect(assess(text, 'en').categories).toContain('poisoning');
	});

	it.each([
		'I took 2 paracetamol at 8pm',
		'take 2 tablets 3 times a day',
		'晚上八点吃了两片布洛芬',
		'I took 10 tablets over the day as prescribed'
	])('not an overdose: "%s"', (text) => {
		expect(assess(text, 'en').categories).not.toContain('poisoning');
	});

	it('applies vital-sign thresholds in every unit', () => {
		expect(level('oxygen is 88%')).toBe('emergency');
		expect(level('oxygen is 93%')).toBe('urgent');
		expect(level('oxygen is 97%')).toBe('routine');
		expect(level('blood sugar 2.1')).toBe('emergency');
		expect(level('blood sugar 40 mg/dL')).toBe('emergency');
		expect(level('blood sugar 6.2 mmol/L')).toBe('routine');
		expect(level('sugar is 650 mg/dl')).toBe('emergency');
		expect(level('BP 230/130')).toBe('emergency');
		expect(level('BP 185/110 no symptoms')).toBe('urgent');
		expect(level('blood pressure 190/115 with a pounding headache and blurred vision')).toBe('emergency');
		expect(level('BP 128/82')).toBe('routine');
		expect(level('temp 41.5')).toBe('emergency');
		expect(level('temperature 37.6')).toBe('routine');
		expect(assess('宝宝6周大，发烧38.2度', 'zh-CN').categories).toContain('child');
		expect(assess('体温只有31度，叫不醒', 'zh-CN').categories).toContain('hypothermia');
	});

	it('reads spoken and partial blood pressures and heart rates', () => {
		const zh = (text: string) => assess(text, 'zh-CN').level;
		expect(zh('高压一百九几，低压一百二，眼睛看东西模糊')).toBe('emergency');
		expect(zh('血压掉到六十/三十五，人发软')).toBe('emergency');
		expect(zh('血压两百一十多，没什么感觉')).toBe('urgent');
		expect(zh('心率一会儿一百七一会儿一百八，胸口发闷')).toBe('emergency');
		expect(level('bp 210 over something, vision gone blurry')).toBe('emergency');
		expect(level('bp 118 over 76 this morning')).toBe('routine');
	});

	it('reads a repeated dose as urgent, but not a twice-daily one', () => {
		expect(level('I think I took my metoprolol twice today by mistake')).toBe('urgent');
		expect(level('I take metoprolol twice a day, can I have grapefruit')).toBe('routine');
	});

	it('does not read a diabetes type or a distance as a reading', () => {
		expect(level('what should my fasting sugar be with type 2')).toBe('routine');
		expect(level('resting pulse 55, I cycle 40 miles a week')).toBe('routine');
		expect(assess('体温量了不到35度，叫半天才应', 'zh-CN').categories).toContain('hypothermia');
	});

	it('does not read a heart rate during exercise as dangerous', () => {
		expect(level('heart rate 170 while running intervals')).toBe('routine');
		expect(level('heart rate 170 sitting at my desk')).toBe('emergency');
		expect(level('跑步的时候心率165')).toBe('routine');
	});

	it('keeps a COPD patient at his usual saturation out of the alarm', () => {
		expect(level('he has COPD and his oxygen is always 89, that is his target')).toBe('urgent');
	});
});

describe('levels', () => {
	it('lowers a red flag said to be mild to urgent, not to nothing', () => {
		expect(level('a slight chest pain when I cough')).toBe('urgent');
		expect(level('a little blood in my urine')).toBe('urgent');
		expect(level('I am a bit short of breath when I climb the stairs')).toBe('urgent');
		expect(assess('胸口有一点点闷，偶尔一下', 'zh-CN').level).toBe('urgent');
	});

	it('never lowers signs of a stroke, self-harm or meningitis for mildness', () => {
		expect(level('his face is drooping slightly on one side')).toBe('emergency');
		expect(level('a little part of me wants to kill myself')).toBe('emergency');
	});

	it('keeps stroke signs that went away today an emergency, and lowers an episode days ago', () => {
		expect(level('his speech was slurred for ten minutes and now he is fine')).toBe('emergency');
		expect(level('last week my speech was slurred for a minute, it went away and has been fine since')).toBe(
			'urgent'
		);
	});

	it('reports emergency as true only for the top level', () => {
		for (const text of ['slight chest pain when I cough', 'crushing chest pain', 'a sore throat']) {
			const v = assess(text, 'en');
			expect(v.emergency).toBe(v.level === 'emergency');
		}
	});

	it('lists every category that fired with its own level', () => {
		const v = assess('crushing chest pain, and a little blood in my urine', 'en');
		expect(v.level).toBe('emergency');
		expect(v.findings).toEqual(
			expect.arrayContaining([
				expect.objectContaining({ category: 'cardiac', level: 'emergency' }),
				expect.objectContaining({ category: 'bleeding', level: 'urgent' })
			])
		);
		expect(v.categories).toEqual(['cardiac']);
	});
});

describe('scope (ConText)', () => {
	it('does not hide a present plan behind a negated past', () => {
		expect(level("I've never been suicidal before, but tonight I have a plan and the rope")).toBe(
			'emergency'
		);
		expect(assess('以前从来没想过自杀，但是今晚我已经计划好了', 'zh-CN').level).toBe('emergency');
		expect(level("I've never been suicidal before, I just feel stressed")).toBe('routine');
	});

	it('reads indirect self-harm wording', () => {
		expect(level("I've been saving up my pills for a while now")).toBe('emergency');
		expect(level('everyone would be better off without me')).toBe('emergency');
		expect(assess('觉得自己是家里的累赘，遗书已经写好了', 'zh-CN').level).toBe('emergency');
	});

	it('keeps thoughts without a plan, said so, at urgent (C-SSRS)', () => {
		expect(level("sometimes I wish I wouldn't wake up, but I have no plan and I'm safe")).toBe('urgent');
	});

	it('does not alarm on talk about an emergency', () => {
		for (const text of [
			'what does FAST stand for in stroke?',
			'in the film the main character has a heart attack',
			'I read an article about sepsis in young people',
			'our first aid course covered choking today',
			'this cough is killing me',
			'my boss will kill me if I am late',
			'what should I do if my dad ever has a seizure',
			'can you get a stroke from stress?'
		])
			expect(level(text), text).toBe('routine');
	});

	it('still alarms when a story frame sits beside a real emergency', () => {
		expect(level('we were watching TV and my dad suddenly collapsed and is not responding')).toBe(
			'emergency'
		);
	});

	it("does not alarm on a relative already in clinicians' care, or a dream", () => {
		expect(level('my uncle is in intensive care after his heart attack, can we bring him food')).toBe(
			'routine'
		);
		expect(assess('我奶奶脑梗住院一周了，什么时候能出院', 'zh-CN').level).toBe('routine');
		expect(level('I dreamed my son stopped breathing and now I cannot sleep')).toBe('routine');
		// A new emergency told from the ward is still one.
		expect(level('mum is on the ward and right now she has crushing chest pain')).toBe('emergency');
	});

	it('dates a mention by the time said right beside it', () => {
		expect(level('my wife had a stroke two years ago and still gets tired, what helps')).toBe('routine');
		expect(level('is it safe to swim 6 months after a heart attack')).toBe('routine');
		expect(level('I have had chest pain since 2 weeks ago and now it is crushing')).toBe('emergency');
	});

	it('reads a message framed as curiosity or coursework as a general question', () => {
		expect(assess('有人癫痫发作时要不要往嘴里塞东西？考试题，想了解一下', 'zh-CN').level).toBe('routine');
		expect(level('what does anaphylaxis look like? just curious')).toBe('routine');
		// …but not when someone has it now.
		expect(level('just curious, my lips are swelling and I cannot breathe, is this anaphylaxis')).toBe(
			'emergency'
		);
	});

	it('does not count a patient asking whether to go to A&E as advice', () => {
		expect(assess('孩子发烧38度，能吃能玩，要不要马上去医院', 'zh-CN').categories).not.toContain('advised');
	});

	it('lowers for a trailing "just a small amount", not for a change of colour', () => {
		expect(level('my toddler licked some dishwasher gel, just a tiny amount')).not.toBe('emergency');
		expect(level('bleach splashed on my arm and the skin has gone white')).toBe('emergency');
	});

	it('does not read routine care as an emergency', () => {
		expect(assess('明天要抽血，需要空腹吗', 'zh-CN').level).toBe('routine');
		expect(level('had my IUD fitted today, is some cramping normal')).toBe('routine');
	});

	it('reads loose history as history', () => {
		expect(level('I had a seizure a few years back, can I drive now')).toBe('routine');
		expect(level('In 2019 I had a heart attack. What exercise is safe?')).toBe('routine');
	});

	it('reads clock times and counts of times as neither pill counts nor readings', () => {
		expect(level('naproxen 250mg at 8 and co-codamol at 11, ok to mix?')).not.toBe('emergency');
		expect(assess('上个月血压有三次量到90左右，其他时候正常', 'zh-CN').level).not.toBe('emergency');
		expect(level('she swallowed 20 of her sertraline at 9 tonight')).toBe('emergency');
		expect(assess('孩子呼吸每分钟五十多次', 'zh-CN').level).toBe('emergency');
	});

	it('keeps a known bad back from lowering a new cauda equina sign', () => {
		expect(assess('多年的腰肌劳损，今天小便也控制不住了', 'zh-CN').level).toBe('emergency');
		expect(level('slipped disc for years and tonight both my legs went weak')).toBe('emergency');
	});

	it('reads repeated fits without waking, a reliever that fails, and metal in the eye', () => {
		expect(level('he had a second fit 10 mins after the first and never came round')).toBe('emergency');
		expect(assess('他又抽了，抽了快十分钟还没停', 'zh-CN').level).toBe('emergency');
		expect(assess('腿抽筋抽了十来分钟，现在好了', 'zh-CN').level).not.toBe('emergency');
		expect(level('used the ventolin 8 times and she still cant even finish a sentence')).toBe('emergency');
		expect(level('a piece of metal flew into my eye at work and now it is bleeding')).toBe('emergency');
	});

	it('reads a Chinese age in its whole numeral, not a child in 三十岁', () => {
		expect(assess('我今年四十岁，右手腕摔了一下有点肿', 'zh-CN').categories).not.toContain('child');
		expect(assess('儿子十岁，头撞了之后吐了三次', 'zh-CN').level).toBe('emergency');
	});

	it('reads a slow pulse with drowsiness, a week of tablets taken at once, a clutched chest', () => {
		expect(level("dad's pulse on the oximeter says 38 and he's pale and dizzy")).toBe('emergency');
		expect(level('grandma swallowed all her tablets for the week this morning and is very sleepy')).toBe(
			'emergency'
		);
		expect(level('he has dementia and keeps clutching his chest, he is sweaty and grey')).toBe('emergency');
	});

	it('reads a decade said before the event as its time, and "现在老是" as now', () => {
		expect(assess('我爸八几年出过车祸，现在腰一直不好，能做按摩吗', 'zh-CN').level).toBe('routine');
		expect(assess('他摔了头之后吐了一次，现在老是想睡觉', 'zh-CN').level).toBe('emergency');
	});

	it('reads thoughts of death that keep coming as urgent, fear of dying as routine', () => {
		expect(assess('这阵子总是想到死，什么都不想做', 'zh-CN').level).toBe('urgent');
		expect(level('lately i think about death all the time')).toBe('urgent');
		expect(assess('一想到死就害怕，晚上睡不着', 'zh-CN').level).toBe('routine');
	});

	it('reads questions about a condition and threats said in jest as no emergency', () => {
		expect(assess('心梗和心绞痛有什么不一样', 'zh-CN').level).toBe('routine');
		expect(level('my dad will have a heart attack if he sees my school report lol')).toBe('routine');
		expect(level('would a heart rate of 150 be dangerous for a runner?')).not.toBe('emergency');
	});
});

describe('assessAnswer', () => {
	it('raises the alert when the answer itself advises emergency care', () => {
		const v = assessAnswer('These symptoms need attention now. Please call 999 immediately.', 'en');
		expect(v.level).toBe('emergency');
		expect(v.categories).toContain('advised');
		expect(assessAnswer('请立即拨打120。', 'zh-CN').emergency).toBe(true);
	});

	it('raises it when the answer says the signs are an emergency', () => {
		expect(assessAnswer('This sounds like it could be a stroke happening now.', 'en').emergency).toBe(true);
	});

	it('does not raise it for safety-netting under a condition, or for advice against it', () => {
		expect(assessAnswer('If the pain spreads to your arm or jaw, call 999.', 'en').emergency).toBe(false);
		expect(assessAnswer('如果出现胸痛或呼吸困难，请拨打120。', 'zh-CN').emergency).toBe(false);
		expect(
			assessAnswer('You do not need to go to A&E for this; rest and fluids should help.', 'en').emergency
		).toBe(false);
	});

	it('shows the urgent card for "see a doctor today" advice', () => {
		expect(assessAnswer('Please see a doctor today to have it checked.', 'en').level).toBe('urgent');
	});
});

describe('evidence', () => {
	it('points into the original text through folding, zero-width and traditional characters', () => {
		const text = 'Ｍｙ　ｃｈｅ\u200bｓｔ hurts and 呼吸困難';
		const v = assess(text, 'en');
		expect(v.level).toBe('emergency');
		for (const e of v.evidence) expect(text.slice(e.start, e.end)).toBe(e.term);
		expect(v.evidence.map((e) => e.term)).toContain('呼吸困難');
	});

	it('explains what was set aside and why', () => {
		const v = assess('no chest pain, had a stroke in 2015', 'en');
		expect(v.level).toBe('routine');
		expect(v.suppressed.map((s) => s.reason).sort()).toEqual(expect.arrayContaining(['history', 'negated']));
	});
});

describe('hostile input', () => {
	it.each([
		['a 100,000-character repetition', 'my chest hurts and '.repeat(5300)],
		['Chinese without punctuation', '胸口很痛喘不过气'.repeat(12500)],
		['emoji', '😀'.repeat(50000)],
		['zero-width characters', 'c\u200bh\u200be\u200bs\u200bt '.repeat(10000)],
		['negations built to backtrack', `${'no not never '.repeat(7000)}chest pain`],
		['one endless word', 'a'.repeat(100000)],
		['lone surrogates', '\ud800\udc00\ud800'.repeat(20000)]
	])('returns a verdict for %s', (_name, text) => {
		const v = assess(text, 'en');
		expect(['emergency', 'urgent', 'routine']).toContain(v.level);
		for (const e of v.evidence) expect(text.slice(e.start, e.end)).toBe(e.term);
	});

	it('still finds the emergency at the end of a long repetitive message', () => {
		expect(
			assess(`${'hello there, '.repeat(8000)}my wife collapsed and is not breathing`, 'en').emergency
		).toBe(true);
	});
});
