// First steps while help is on the way: short, safe, lay-language actions per emergency category,
// in Chinese and English, after NHS first aid, the Resuscitation Council UK, the National Capital
// Poison Center (button batteries) and the ADA (hypoglycaemia). Invariants: every category says to
// get help now in its first two steps (the UI shows the number from numbers.ts next to it; for low
// blood sugar, sugar comes first when the person can swallow); nothing here replaces the call
// handler's advice.

import { CATEGORY_IDS, type CategoryId } from './categories';
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
	},
	aortic: {
		'zh-CN': [
			'立即拨打急救电话，突发撕裂样胸背痛可能危及生命。',
			'停止一切活动，坐下或躺下，尽量不动。',
			'不要自己开车去医院，不要吃东西。',
			'记下疼痛开始的时间，告诉急救人员。'
		],
		en: [
			'Call the emergency number now — sudden tearing chest or back pain can be life-threatening.',
			'Stop what you are doing; sit or lie down and keep as still as you can.',
			"Don't drive yourself and don't eat.",
			'Note when the pain started and tell the ambulance crew.'
		]
	},
	arrhythmia: {
		'zh-CN': [
			'立即拨打急救电话，尤其伴有胸痛、气短或晕厥时。',
			'坐下或躺下，不要站起来走动。',
			'不要自己开车。',
			'有心电监测设备（手表、手环）时保留读数给医生看。'
		],
		en: [
			'Call the emergency number now, especially with chest pain, breathlessness or fainting.',
			"Sit or lie down; don't get up and walk about.",
			"Don't drive yourself.",
			'Keep the reading from the watch or monitor to show the doctors.'
		]
	},
	blood_pressure: {
		'zh-CN': [
			'立即拨打急救电话：血压很高并伴有头痛、胸痛、视物模糊、无力或说话不清。',
			'安静坐下休息，5分钟后再测一次。',
			'不要自行加大降压药的剂量。',
			'带上平时服用的药物。'
		],
		en: [
			'Call the emergency number if very high blood pressure comes with headache, chest pain, vision changes or weakness.',
			'Sit quietly and measure again after 5 minutes.',
			"Don't take extra blood pressure tablets unless your doctor told you to.",
			'Bring the medicines you take.'
		]
	},
	meningitis: {
		'zh-CN': [
			'立即拨打急救电话，不要等皮疹变多。',
			'玻璃杯按压皮疹不褪色是危险信号，但褪色也不能排除，病人很不舒服就要去急诊。',
			'让病人待在光线暗一点的地方并守在身边。',
			'记下发烧和皮疹出现的时间。'
		],
		en: [
			"Call the emergency number now — don't wait for more spots to appear.",
			"A rash that doesn't fade under a glass is a danger sign, but a fading rash doesn't rule it out if they seem very unwell.",
			'Keep them somewhere dim and stay with them.',
			'Note when the fever and the rash began.'
		]
	},
	sepsis: {
		'zh-CN': [
			'立即拨打急救电话，告诉调度员"可能是脓毒症"。',
			'说明正在发烧或感染、何时开始、有无化疗或免疫力低下。',
			'不要等到第二天再看。',
			'带上正在服用的药物清单。'
		],
		en: [
			'Call the emergency number now and say "I think this could be sepsis".',
			'Tell them about the infection or fever, when it started, and any chemotherapy or low immunity.',
			"Don't wait until tomorrow to see if it improves.",
			'Bring a list of the medicines being taken.'
		]
	},
	button_battery: {
		'zh-CN': [
			'立即前往急诊或拨打急救电话：纽扣电池在食管里2小时内就能造成严重烧伤。',
			'不要催吐，不要让孩子吃东西。',
			'1岁以上且在12小时内吞下时，去医院路上可每10分钟喂一勺（10毫升）蜂蜜，最多6次。',
			'带上电池包装或同款电池。'
		],
		en: [
			'Go to the emergency department or call the emergency number now: a button battery can burn the food pipe within 2 hours.',
			"Don't make them vomit and don't let them eat.",
			'If the child is over 1 and swallowed it within 12 hours, give 2 teaspoons (10 mL) of honey every 10 minutes on the way, up to 6 times.',
			'Bring the battery packaging or a matching battery.'
		]
	},
	caustic: {
		'zh-CN': [
			'立即拨打急救电话或中毒咨询电话。',
			'不要催吐；用清水漱口并吐掉，不要大量喝水。',
			'汽油、煤油类误服后咳嗽或气喘要立即就医。',
			'带上产品包装。'
		],
		en: [
			'Call the emergency number or poison control now.',
			"Don't make them vomit; rinse the mouth with water and spit it out.",
			'After petrol, paraffin or lamp oil, any coughing or breathlessness needs a doctor at once.',
			'Bring the product container.'
		]
	},
	heat_stroke: {
		'zh-CN': [
			'立即拨打急救电话。',
			'把病人移到阴凉处，脱去多余衣物。',
			'用凉水淋湿皮肤并扇风，在颈部、腋下、腹股沟放冰袋。',
			'清醒时可小口喝水；意识不清时不要喂水。'
		],
		en: [
			'Call the emergency number now.',
			'Move them somewhere cool and remove extra clothing.',
			'Wet the skin with cool water and fan them; put cold packs on the neck, armpits and groin.',
			"If they are fully awake, give sips of water; if they're confused, don't give drinks."
		]
	},
	hypothermia: {
		'zh-CN': [
			'立即拨打急救电话。',
			'移到温暖干燥的地方，换掉湿衣服，用毯子包住身体和头部。',
			'清醒时可喝温热饮料；不要喝酒，不要用热水泡或揉搓四肢。',
			'动作要轻，守在身边。'
		],
		en: [
			'Call the emergency number now.',
			'Move them somewhere warm and dry, remove wet clothes and wrap the body and head in blankets.',
			"If they are awake, give warm drinks; no alcohol, no hot baths, don't rub the limbs.",
			'Handle them gently and stay with them.'
		]
	},
	hypoglycaemia: {
		'zh-CN': [
			'能安全吞咽时，马上吃15–20克快速升糖的食物（如半杯果汁、3–4块方糖）。',
			'意识不清、不能吞咽或抽搐时，不要喂食，立即拨打急救电话并让其侧卧。',
			'15分钟后复测血糖，仍低就再吃一次。',
			'好转后再吃些饼干或主食。'
		],
		en: [
			'If they can swallow safely, give 15–20 g of fast sugar now (a small glass of juice, 3–4 glucose tablets).',
			"If they are confused, can't swallow or are fitting, give nothing by mouth, call the emergency number and lie them on their side.",
			'Check the sugar again after 15 minutes; repeat if still low.',
			'Once better, eat a biscuit or a meal.'
		]
	},
	hyperglycaemia: {
		'zh-CN': [
			'立即拨打急救电话或前往急诊：血糖很高伴呕吐、呼吸深快或嗜睡可能是酮症酸中毒。',
			'有条件时测血酮或尿酮。',
			'能喝水时小口多次喝水。',
			'不要停用胰岛素；带上药物和血糖记录。'
		],
		en: [
			'Call the emergency number now: very high sugar with vomiting, deep fast breathing or drowsiness can be DKA.',
			'Check blood or urine ketones if you can.',
			'If they can drink, take small sips of water often.',
			"Don't stop insulin; bring medicines and sugar readings."
		]
	},
	acute_abdomen: {
		'zh-CN': [
			'立即拨打急救电话或前往急诊。',
			'暂时不要吃东西、喝水。',
			'不要自行服用止痛药或泻药。',
			'记下疼痛开始的时间和位置。'
		],
		en: [
			'Call the emergency number or go to the emergency department now.',
			"Don't eat or drink for now.",
			"Don't take painkillers or laxatives before you're seen.",
			'Note when and where the pain started.'
		]
	},
	eye: {
		'zh-CN': [
			'立即前往急诊（眼科急诊）或拨打急救电话。',
			'化学品入眼：马上用大量清水持续冲洗至少20分钟。',
			'有东西扎进眼里：不要拔出，不要揉眼，轻轻遮住。',
			'突然看不见：记下开始的时间。'
		],
		en: [
			'Go to the emergency department (eye casualty) or call the emergency number now.',
			'Chemical in the eye: rinse with plenty of running water for at least 20 minutes, straight away.',
			"Something stuck in the eye: don't pull it out or rub; cover it loosely.",
			'Sudden loss of sight: note the time it started.'
		]
	},
	spinal: {
		'zh-CN': [
			'立即前往急诊或拨打急救电话：会阴麻木或大小便失禁需要紧急手术评估。',
			'不要等到第二天。',
			'告诉医生症状开始的时间。',
			'尽量平躺少动。'
		],
		en: [
			'Go to the emergency department now: numbness between the legs or losing bladder or bowel control needs urgent assessment.',
			"Don't wait until tomorrow.",
			'Tell the doctors when it started.',
			'Lie still as much as you can.'
		]
	},
	advised: {
		'zh-CN': [
			'回答建议你立即寻求急救：请拨打急救电话或前往急诊。',
			'守在病人身边，留意呼吸和反应。',
			'不要自己开车去医院。'
		],
		en: [
			'The answer advises emergency care: call the emergency number or go to the emergency department now.',
			'Stay with the person and watch their breathing and responses.',
			"Don't drive yourself to hospital."
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
