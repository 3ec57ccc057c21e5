// First steps while help is on the way: short, safe, lay-language actions per emergency category,
// in Chinese and English. Invariants: the first step of every category is to get help now (the UI
// shows the number from numbers.ts next to it); nothing here replaces the call handler's advice.

import { CATEGORY_IDS, type CategoryId } from './emergency';
import { contentLocale, type SafetyLocale } from './locale';

export const FIRST_STEPS: Record<CategoryId, Record<SafetyLocale, readonly string[]>> = {
	cardiac: {
		'zh-CN': [
			'立即拨打急救电话，不要等着看会不会好转。',
			'停止一切活动，坐下或半躺休息。',
			'不要自己开车去医院。',
			'如果不过敏且调度员建议，可嚼服一片阿司匹林。',
			'松开紧身衣物，打开家门方便急救人员进入。'
		],
		en: [
			"Call the emergency number now — don't wait to see if it passes.",
			'Stop what you are doing; sit down and rest.',
			"Don't drive yourself to hospital.",
			"If you're not allergic and the call handler advises it, chew one aspirin.",
			'Loosen tight clothing and unlock the door for the ambulance.'
		]
	},
	breathing: {
		'zh-CN': [
			'立即拨打急救电话。',
			'坐直身体、稍向前倾，松开衣领。',
			'如有医生开的急救吸入剂，帮助使用。',
			'如被异物卡住、无法咳嗽或说话，在两肩胛骨之间用力拍背。'
		],
		en: [
			'Call the emergency number now.',
			'Sit upright, leaning slightly forward; loosen tight clothing.',
			'If they have a prescribed reliever inhaler, help them use it.',
			"If something is stuck and they can't cough or speak, give firm back blows between the shoulder blades."
		]
	},
	stroke: {
		'zh-CN': [
			'立即拨打急救电话，时间就是大脑。',
			'记下症状开始的时间（或最后一次正常的时间）。',
			'不要喂食、喂水或给药。',
			'如果嗜睡或呕吐，让其侧卧，并守在身边。'
		],
		en: [
			'Call the emergency number now — every minute matters.',
			'Note the time the symptoms started (or when they were last well).',
			"Don't give food, drink or medicines.",
			'If they are drowsy or vomiting, lie them on their side and stay with them.'
		]
	},
	unconscious: {
		'zh-CN': [
			'立即拨打急救电话。',
			'检查是否有正常呼吸；没有呼吸就开始心肺复苏，调度员会指导你。',
			'有呼吸的话，让其侧卧（复原卧位）。',
			'不要喂任何东西。'
		],
		en: [
			'Call the emergency number now.',
			'Check for normal breathing; if there is none, start CPR — the call handler will guide you.',
			'If they are breathing, turn them on their side (recovery position).',
			"Don't give anything by mouth."
		]
	},
	seizure: {
		'zh-CN': [
			'拨打急救电话，尤其是抽搐超过5分钟、第一次发作或醒不过来时。',
			'移开周围的硬物，在头下垫软物。',
			'不要按住身体，不要往嘴里塞任何东西。',
			'记下开始的时间；抽搐停止后让其侧卧。'
		],
		en: [
			"Call the emergency number, especially if it lasts over 5 minutes, it's the first one, or they don't wake up.",
			'Move hard objects away and cushion their head.',
			"Don't hold them down or put anything in their mouth.",
			'Note the time it started; when the shaking stops, turn them on their side.'
		]
	},
	bleeding: {
		'zh-CN': [
			'立即拨打急救电话。',
			'用干净的布用力按压伤口，持续不松手。',
			'血渗透时在上面再加布，不要揭开第一层。',
			'让伤者躺下并保暖；吐血或便血时不要进食进水。'
		],
		en: [
			'Call the emergency number now.',
			'Press firmly on the wound with a clean cloth and keep pressing.',
			"If blood soaks through, add more cloth on top — don't remove the first layer.",
			"Lie them down and keep them warm; if vomiting or passing blood, don't eat or drink."
		]
	},
	poisoning: {
		'zh-CN': [
			'立即拨打急救电话。',
			'保留药瓶、包装或剩余物，交给医护人员。',
			'不要催吐。',
			'化学品沾到皮肤或眼睛时用大量流水冲洗；如是煤气或一氧化碳，立刻到空气新鲜处。'
		],
		en: [
			'Call the emergency number (or poison control) now.',
			'Keep the container, packet or leftovers to show the medical staff.',
			"Don't make them vomit.",
			'Rinse chemicals off skin or eyes with plenty of running water; for gas or carbon monoxide, get to fresh air.'
		]
	},
	self_harm: {
		'zh-CN': [
			'你并不孤单，现在就可以得到帮助。',
			'请立即拨打心理援助热线；有生命危险时拨打急救电话。',
			'和你信任的人待在一起，不要独处。',
			'远离可能用来伤害自己的物品。'
		],
		en: [
			"You're not alone, and help is available right now.",
			'Call the crisis line now; if your life is in danger, call the emergency number.',
			"Stay with someone you trust; don't be alone.",
			'Move away from anything you could use to hurt yourself.'
		]
	},
	anaphylaxis: {
		'zh-CN': [
			'立即拨打急救电话。',
			'如有肾上腺素笔，立即在大腿外侧注射。',
			'让其平躺、抬高双腿；呼吸困难时可坐起。',
			'5分钟不见好转且有第二支时，可再注射一次。'
		],
		en: [
			'Call the emergency number now.',
			'If they have an adrenaline auto-injector (e.g. EpiPen), use it now in the outer thigh.',
			'Lie them down with legs raised; if breathing is hard, let them sit up.',
			'If there is no improvement after 5 minutes and a second injector is available, use it.'
		]
	},
	pregnancy: {
		'zh-CN': [
			'立即拨打急救电话或前往最近的产科急诊。',
			'左侧卧位休息。',
			'就诊前暂不进食进水。',
			'带上产检资料。'
		],
		en: [
			'Call the emergency number or go to the nearest maternity unit now.',
			'Lie down on your left side.',
			"Don't eat or drink until you've been seen.",
			'Bring your pregnancy notes.'
		]
	},
	child: {
		'zh-CN': [
			'立即拨打急救电话。',
			'让孩子待在你身边，留意呼吸和反应。',
			'孩子嗜睡或呕吐时不要喂食喂水。',
			'带上孩子可能吃过的药物或包装。'
		],
		en: [
			'Call the emergency number now.',
			'Keep the child with you and watch their breathing and responses.',
			"Don't give food or drink if they are drowsy or vomiting.",
			'Bring any medicines or packets they may have taken.'
		]
	},
	trauma: {
		'zh-CN': [
			'立即拨打急救电话。',
			'怀疑颈部或背部受伤时不要搬动，除非有危险。',
			'用干净的布按压出血处。',
			'让伤者保暖、保持不动。'
		],
		en: [
			'Call the emergency number now.',
			"Don't move them if a neck or back injury is possible, unless they're in danger.",
			'Press on any bleeding with a clean cloth.',
			'Keep them warm and still.'
		]
	},
	burns: {
		'zh-CN': [
			'立即拨打急救电话。',
			'用凉的流动水冲洗烧伤处20分钟；化学品入眼要持续冲洗。',
			'去掉烧伤附近的衣物和首饰，粘在皮肤上的不要撕。',
			'用保鲜膜或干净布松松盖住；不要涂冰块、牙膏、黄油或药膏。'
		],
		en: [
			'Call the emergency number now.',
			'Cool the burn under cool running water for 20 minutes; keep rinsing chemicals out of eyes.',
			"Remove clothing and jewellery near the burn unless it's stuck to the skin.",
			"Cover loosely with cling film or a clean cloth; don't use ice, butter or creams."
		]
	},
	headache: {
		'zh-CN': [
			'立即拨打急救电话，突发剧烈头痛需要紧急检查。',
			'记下头痛开始的时间。',
			'在安静处躺下休息，不要自行加服止痛药。',
			'不要自己开车。'
		],
		en: [
			'Call the emergency number now — a sudden, severe headache needs urgent checks.',
			'Note the time it started.',
			"Lie down somewhere quiet; don't take extra painkillers unless advised.",
			"Don't drive yourself."
		]
	}
};

/** First steps for one category in the locale's language ('zh-CN' → Chinese, else English). */
export function firstSteps(category: CategoryId, locale: string): readonly string[] {
	return FIRST_STEPS[category][contentLocale(locale)];
}

/**
 * Merged first steps for several categories: each category's steps in CATEGORY_IDS order, exact
 * duplicates (like "call the emergency number now") kept once, at most `max` steps (default 8).
 */
export function firstStepsFor(categories: readonly CategoryId[], locale: string, max = 8): string[] {
	const out: string[] = [];
	for (const id of CATEGORY_IDS) {
		if (!categories.includes(id)) continue;
		for (const step of firstSteps(id, locale)) if (!out.includes(step) && out.length < max) out.push(step);
	}
	return out;
}
