import { describe, expect, it } from 'vitest';
import { assess, CATEGORY_IDS, validateExtraTerms, type CategoryId } from '../../../src/lib/safety/emergency';

const flags = (text: string, category: CategoryId) => assess(text, 'zh-CN').categories.includes(category);

// Phrasings written for these tests (not copied from the labelled bench set).
const POSITIVES: [CategoryId, string][] = [
	['cardiac', '胸口压得慌，像有块大石头'],
	['cardiac', '我爸胸口疼，一直冒冷汗'],
	['cardiac', '心口绞着疼，还往左肩膀窜'],
	['cardiac', 'there is a heavy pressure in my chest and my jaw aches'],
	['cardiac', 'sharp pain spreading down my left arm, feel clammy'],
	['cardiac', 'I think I am having a heart attack'],
	['breathing', '喘不上气来，说话都费劲'],
	['breathing', '孩子嘴唇发青，呼吸很急'],
	['breathing', 'my husband is gasping for air'],
	['breathing', "she can't catch her breath and her lips are turning blue"],
	['breathing', 'cant breathe properly'],
	['stroke', '我妈突然说话含糊不清，嘴角歪了'],
	['stroke', '右边胳膊突然没劲，抬不起来'],
	['stroke', '一只眼睛突然看不见了'],
	['stroke', 'his face is drooping on one side and his speech is slurred'],
	['stroke', 'sudden numbness down the left side of my body'],
	['stroke', 'she suddenly lost the sight in her right eye'],
	['unconscious', '我爸突然晕倒了，叫他没反应'],
	['unconscious', '奶奶昏迷不醒'],
	['unconscious', "my friend passed out and won't wake up"],
	['unconscious', 'he collapsed in the kitchen'],
	['seizure', '孩子全身抽搐，口吐白沫'],
	['seizure', '他癫痫发作了，已经五分钟'],
	['seizure', 'my brother is having a seizure right now'],
	['seizure', 'she is convulsing on the floor'],
	['bleeding', '伤口血一直止不住'],
	['bleeding', '刚才吐了好多血'],
	['bleeding', 'he is coughing up lots of blood'],
	['bleeding', 'the cut is bleeding heavily and it will not stop'],
	['bleeding', '大便发黑，站起来就头晕'],
	['poisoning', '孩子误吃了爷爷的降压药'],
	['poisoning', '我老公喝了农药'],
	['caustic', 'my toddler swallowed some dishwasher tablets'],
	['poisoning', 'I think I took an overdose of paracetamol'],
	['self_harm', '我真的不想活了'],
	['self_harm', '想从楼上跳下去一了百了'],
	['self_harm', "I've been thinking about ending my life"],
	['self_harm', 'my son said he wants to kill himself'],
	['anaphylaxis', '吃了花生以后喉咙发紧，嘴唇肿了'],
	['anaphylaxis', 'after the bee sting her tongue is swelling and she feels faint'],
	['anaphylaxis', 'I think this is anaphylaxis'],
	['pregnancy', '怀孕30周，下面突然流了很多血'],
	['pregnancy', '孕晚期头痛得厉害，看东西模糊'],
	['pregnancy', "I'm 32 weeks pregnant and my waters have broken"],
	['pregnancy', 'pregnant and bleeding with bad cramps'],
	['child', '宝宝两个月，发烧38.5度'],
	['child', '孩子高烧不退，精神很差叫不醒'],
	['child', 'my baby is floppy and not feeding'],
	['child', 'my 2 year old has a fever and a rash that does not fade under a glass'],
	['trauma', '我爸出车祸了，腿变形了'],
	['trauma', '工人从脚手架上摔下来了'],
	['trauma', 'my neighbour was hit by a car'],
	['trauma', 'he fell off a ladder and hit his head and keeps vomiting'],
	['burns', '孩子被开水大面积烫伤'],
	['burns', '硫酸溅到脸上了'],
	['burns', 'my dad has a third-degree burn on his arm'],
	['burns', 'her clothes caught fire'],
	['headache', '突然头痛欲裂，这辈子没这么痛过'],
	['headache', '头像要炸开一样，还吐了'],
	['headache', 'the worst headache of my life came on suddenly'],
	['headache', 'sudden excruciating headache and stiff neck']
];

describe('assess', () => {
	it.each(POSITIVES)('flags %s in "%s"', (category, text) => {
		expect(assess(text, 'zh-CN').categories).toContain(category);
		expect(assess(text, 'en').emergency).toBe(true);
	});

	it('returns the exact verdict shape with evidence offsets into the original text', () => {
		const text = '没有发烧，但是胸口很痛';
		const v = assess(text, 'zh-CN');
		expect(v.emergency).toBe(true);
		expect(v.categories).toEqual(['cardiac']);
		expect(v.evidence).toEqual([{ category: 'cardiac', term: '胸口很痛', start: 7, end: 11 }]);
		expect(text.slice(7, 11)).toBe('胸口很痛');
	});

	it('keeps evidence offsets exact for full-width and traditional characters', () => {
		const text = 'ＭＹ　ＣＨＥＳＴ　ＨＵＲＴＳ，呼吸困難';
		const v = assess(text, 'en');
		expect(v.categories).toEqual(['cardiac', 'breathing']);
		for (const e of v.evidence) expect(text.slice(e.start, e.end)).toBe(e.term);
	});

	it('lists categories in the canonical order', () => {
		const v = assess('喘不过气，胸口很痛', 'zh-CN');
		expect(v.categories).toEqual(['cardiac', 'breathing']);
	});

	describe('negation', () => {
		it.each([
			'没有胸痛',
			'我没有呼吸困难，只是有点咳嗽',
			'不胸闷，也不气短',
			'否认胸痛',
			'no shortness of breath',
			"I don't have any chest pain",
			'denies chest pain',
			'No chest pain, shortness of breath, or dizziness.',
			'没有发烧、胸痛和呼吸困难'
		])('does not flag "%s"', (text) => {
			expect(assess(text, 'zh-CN').emergency).toBe(false);
		});

		it('covers only its own clause: a red flag after 但是 still counts', () => {
			expect(assess('没有发烧，但是胸口很痛', 'zh-CN').categories).toEqual(['cardiac']);
		});

		it('covers only its own clause: a red flag after "but" still counts', () => {
			expect(assess("I don't have a fever but I can't breathe", 'en').categories).toEqual(['breathing']);
		});

		it('does not reach across a comma in Chinese', () => {
			expect(flags('不发烧，胸口疼得厉害', 'cardiac')).toBe(true);
		});

		it('does not treat "don\'t know" or "not sure" as negation', () => {
			expect(flags("I don't know why my chest hurts so much", 'cardiac')).toBe(true);
			expect(flags("I'm not sure but I think he's having a stroke", 'stroke')).toBe(true);
			expect(flags('不知道为什么胸口很痛', 'cardiac')).toBe(true);
		});

		it('reads negation-shaped red flags as affirmative', () => {
			expect(flags('他没有呼吸了', 'breathing')).toBe(true);
			expect(flags('叫他没反应', 'unconscious')).toBe(true);
			expect(flags("he's not breathing", 'breathing')).toBe(true);
			expect(flags("I've never had a headache this bad", 'headache')).toBe(true);
			expect(flags('头痛，从来没有这么痛过', 'headache')).toBe(true);
		});

		it('does not take A-not-A questions for negation', () => {
			expect(flags('有没有可能是心梗？胸口很痛', 'cardiac')).toBe(true);
			expect(flags('是不是中风了，嘴歪了', 'stroke')).toBe(true);
		});
	});

	describe('history', () => {
		it.each([
			'去年中风过',
			'我爸三年前心梗，放了支架',
			'had a stroke two years ago',
			'history of seizures as a child',
			'以前得过脑梗，想问饮食'
		])('does not flag past history "%s"', (text) => {
			expect(assess(text, 'zh-CN').emergency).toBe(false);
		});

		it('flags history when the clause says it is happening now', () => {
			expect(flags('去年中风过，现在又说话不清楚了', 'stroke')).toBe(true);
			expect(flags('he had a heart attack last year and now has chest pain again', 'cardiac')).toBe(true);
		});
	});

	describe('third parties', () => {
		it.each([
			['my mum has crushing chest pain', 'cardiac'],
			['我妈突然说不出话', 'stroke'],
			['a man here just collapsed', 'unconscious'],
			['邻居家孩子抽搐了', 'seizure']
		] as [string, CategoryId][])('counts someone else\'s present symptoms: "%s"', (text, category) => {
			expect(flags(text, category)).toBe(true);
		});
	});

	describe('general questions', () => {
		it.each([
			'What are the warning signs of a stroke?',
			'中风有哪些症状？',
			'怎么预防心梗',
			'what is the risk of a heart attack with high cholesterol',
			'What should I do if someone has a seizure?',
			'what does a heart attack feel like in women'
		])('does not flag "%s"', (text) => {
			expect(assess(text, 'en').emergency).toBe(false);
		});

		it('flags a question that describes a present experience', () => {
			expect(flags('What are the signs of a stroke? My dad’s face is drooping', 'stroke')).toBe(true);
			expect(flags('我胸口很痛，是心梗的症状吗', 'cardiac')).toBe(true);
		});
	});

	describe('non-emergencies', () => {
		it.each([
			'最近有点感冒，流鼻涕',
			'how much vitamin D should I take',
			'腿抽筋怎么办',
			'I get heartburn after spicy food',
			'tiny burn on my finger from the oven, no blister',
			'我有高血压，想问降压药什么时候吃'
		])('does not flag "%s"', (text) => {
			expect(assess(text, 'zh-CN').emergency).toBe(false);
		});
	});

	describe('staff-added terms', () => {
		it('flags a validated extra term in its category', () => {
			expect(assess('我家老人发生了误吸', 'zh-CN').emergency).toBe(false);
			const v = assess('我家老人发生了误吸', 'zh-CN', { extraTerms: { breathing: ['误吸'] } });
			expect(v.categories).toEqual(['breathing']);
			expect(v.evidence[0]?.term).toBe('误吸');
		});

		it('matches English extra terms as whole words, case-insensitively', () => {
			const extra = { extraTerms: { cardiac: ['Widowmaker'] } };
			expect(assess('my husband is having a WIDOWMAKER', 'en', extra).categories).toEqual(['cardiac']);
			expect(assess('widowmakers club', 'en', extra).emergency).toBe(false);
		});

		it('keeps an extra term at emergency when the message plays it down', () => {
			// "licked" lowers a built-in swallowed poison to urgent; the clinic's own word stays an emergency.
			const extra = { extraTerms: { poisoning: ['slug bait'] } };
			expect(assess('my toddler licked the slug bait', 'en').emergency).toBe(false);
			const v = assess('my toddler licked the slug bait', 'en', extra);
			expect(v.level).toBe('emergency');
			expect(v.categories).toContain('poisoning');
			expect(assess('他只是舔了一下灭螺药', 'zh-CN', { extraTerms: { poisoning: ['灭螺药'] } }).level).toBe(
				'emergency'
			);
		});

		it('applies negation to extra terms too', () => {
			expect(assess('没有误吸', 'zh-CN', { extraTerms: { breathing: ['误吸'] } }).emergency).toBe(false);
		});

		it('ignores invalid extra terms instead of throwing', () => {
			const bad = { breathing: ['x', '', 42, 'a'.repeat(100)], nonsense: ['胸痛'] } as unknown as Record<
				string,
				string[]
			>;
			expect(() => assess('hello', 'en', { extraTerms: bad })).not.toThrow();
			expect(assess('hello', 'en', { extraTerms: bad }).emergency).toBe(false);
		});
	});

	describe('bad input', () => {
		it.each([
			['empty', ''],
			['whitespace', '   \n\t  '],
			['emoji', '😷🤒🏥💊'],
			['control characters', 'chest\u0000pain\u0007\u001b[31m'],
			['markdown and html', '# Title\n<script>alert(1)</script> **bold** [link](http://x)'],
			['mixed scripts', '我妈 chest pain 很厉害 还出冷汗']
		])('returns a verdict for %s', (_name, text) => {
			const v = assess(text, 'en');
			expect(Array.isArray(v.categories)).toBe(true);
			expect(typeof v.emergency).toBe('boolean');
		});

		it('returns the empty verdict for empty input', () => {
			expect(assess('', 'zh-CN')).toEqual({
				level: 'routine',
				emergency: false,
				categories: [],
				findings: [],
				evidence: [],
				suppressed: []
			});
		});

		it('handles 100,000 characters of text', () => {
			const long = '我胸口有点闷，没有发烧。I have no chest pain, but my arm is weak. '
				.repeat(2000)
				.slice(0, 100_000);
			const v = assess(long, 'zh-CN');
			// A slight chest tightness and a weak arm: see a doctor today.
			expect(v.level).toBe('urgent');
			expect(assess(long + ' 突然说话不清楚了', 'zh-CN').emergency).toBe(true);
			expect(assess('a'.repeat(100_000), 'en').emergency).toBe(false);
			expect(assess('胸'.repeat(100_000), 'zh-CN').emergency).toBe(false);
			expect(assess('不'.repeat(50_000) + '胸痛', 'zh-CN').emergency).toBe(false);
		});

		it('treats a non-string as empty', () => {
			expect(assess(undefined as unknown as string, 'en').emergency).toBe(false);
		});
	});

	it('keeps the first fourteen category ids (staff terms are stored under them) and adds the new presentations', () => {
		expect(CATEGORY_IDS.slice(0, 14)).toEqual([
			'cardiac',
			'breathing',
			'stroke',
			'unconscious',
			'seizure',
			'bleeding',
			'poisoning',
			'self_harm',
			'anaphylaxis',
			'pregnancy',
			'child',
			'trauma',
			'burns',
			'headache'
		]);
		for (const id of [
			'sepsis',
			'heat_stroke',
			'hypoglycaemia',
			'hyperglycaemia',
			'acute_abdomen',
			'aortic',
			'arrhythmia',
			'meningitis',
			'button_battery',
			'caustic'
		] as const)
			expect(CATEGORY_IDS).toContain(id);
	});
});

describe('validateExtraTerms', () => {
	it('keeps valid terms and reports each rejection with a reason', () => {
		const result = validateExtraTerms({
			breathing: ['误吸', '  窒息感  ', '误吸', 'x', 7, 'bad\u0001term'],
			unknown_category: ['something']
		});
		expect(result.terms).toEqual({ breathing: ['误吸', '窒息感'] });
		expect(result.rejected).toEqual([
			{ category: 'breathing', term: '误吸', reason: 'duplicate' },
			{ category: 'breathing', term: 'x', reason: 'too_short' },
			{ category: 'breathing', term: 7, reason: 'not_a_string' },
			{ category: 'breathing', term: 'bad\u0001term', reason: 'control_characters' },
			{ category: 'unknown_category', term: ['something'], reason: 'unknown_category' }
		]);
	});

	it('returns nothing for input that is not an object', () => {
		expect(validateExtraTerms(null)).toEqual({ terms: {}, rejected: [] });
		expect(validateExtraTerms('胸痛')).toEqual({ terms: {}, rejected: [] });
	});

	it('rejects terms over the length limit', () => {
		expect(validateExtraTerms({ cardiac: ['a'.repeat(61)] }).rejected[0]?.reason).toBe('too_long');
	});
});
