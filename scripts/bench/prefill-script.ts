// The scripted conversation of the prefill benchmark (prefill.ts): ten turns of one patient who
// switches between Chinese and English, each question with the two knowledge-base passages a search
// would return, and the answer a model would give (its raw text). Bench data only: written for this
// benchmark, plausible in length and language, not medical advice.
import type { PatientProfile, ReferencePassage } from '../../src/lib/chat/system-prompt';

export interface ScriptedTurn {
	question: string;
	passages: ReferencePassage[];
	answer: string;
}

export const PROFILE: PatientProfile = {
	chiefComplaint: '发烧、咳嗽 3 天 / fever and cough for 3 days',
	medicalHistory: '哮喘，青霉素过敏 / asthma, allergic to penicillin',
	ageGroup: 'adult'
};

const fever: ReferencePassage = {
	title: '成人发热',
	source: '国家卫生健康委员会',
	text: '常见说法：发烧、发热、体温高。\n成人腋下体温超过 37.3 ℃ 为发热。多数发热由病毒感染引起，3 天内可自行好转。多喝水、注意休息；体温超过 38.5 ℃ 或明显不适时可按说明书服用对乙酰氨基酚或布洛芬。\n出现以下情况应尽快就医：发热超过 3 天、呼吸困难、胸痛、意识模糊、皮疹不褪色。'
};
const feverEn: ReferencePassage = {
	title: 'Fever in adults',
	source: 'NHS',
	text: 'Also called: high temperature, pyrexia.\nA temperature of 38 °C or above is a fever. Most fevers are caused by viral infections and get better within 3 days. Drink plenty of fluids and rest. Paracetamol or ibuprofen can help if you feel uncomfortable; follow the label.\nGet medical help urgently if you have difficulty breathing, chest pain, confusion or a rash that does not fade when a glass is pressed on it.'
};
const cough: ReferencePassage = {
	title: '咳嗽',
	source: '中华医学会',
	text: '常见说法：咳嗽、干咳、咳痰。\n急性咳嗽多由普通感冒引起，通常在 3 周内好转。多喝温水、保持室内湿润有助于缓解。咳嗽超过 3 周、咳血、呼吸急促或胸痛时应就医。有哮喘的人咳嗽加重时，应按医生制定的哮喘行动计划使用药物。'
};
const asthma: ReferencePassage = {
	title: 'Asthma attack',
	source: 'NICE',
	text: 'Also called: asthma flare-up, wheezing attack.\nSigns of an asthma attack include wheezing, coughing, a tight chest and shortness of breath. Use your reliever inhaler as your asthma action plan says. Call the emergency number if the inhaler does not help, you are too breathless to speak, or your lips turn blue.'
};
const paracetamol: ReferencePassage = {
	title: '对乙酰氨基酚（扑热息痛）',
	source: '国家药品监督管理局说明书',
	text: '常见说法：退烧药、扑热息痛、泰诺林、必理通。\n成人常用剂量为每次 0.5 克，每 4 到 6 小时一次，24 小时内不超过 2 克（请以说明书和医生、药师的建议为准）。不要同时服用多种含对乙酰氨基酚的感冒药。肝病患者和饮酒者应先咨询医生。'
};
const ibuprofen: ReferencePassage = {
	title: 'Ibuprofen',
	source: 'NHS',
	text: 'Also called: Advil, Nurofen, Brufen.\nIbuprofen eases pain and lowers a fever. Take it with food. It is not suitable for everyone: some people with asthma find it makes their breathing worse, so ask a pharmacist or doctor first. Do not take it with other anti-inflammatory medicines.'
};
const fluids: ReferencePassage = {
	title: '发热时的饮食和补液',
	source: '中国疾控中心',
	text: '常见说法：喝水、补液、饮食。\n发热时出汗多，应少量多次饮水，成人每天约 1.5 到 2 升，也可以喝淡盐水或口服补液盐。饮食以清淡、易消化为主，如粥、面条、蔬菜和水果。尿少、尿色深、口干提示可能脱水。'
};
const doctor: ReferencePassage = {
	title: 'When to see a doctor about a cough',
	source: 'NICE',
	text: 'Also called: persistent cough, chesty cough.\nSee a GP if a cough lasts more than 3 weeks, you cough up blood, you have chest pain, you lose weight without trying, or you have a long-term lung condition such as asthma and your symptoms are getting worse.'
};

export const TURNS: ScriptedTurn[] = [
	{
		question: '我发烧三天了，现在 38.6 度，要紧吗？',
		passages: [fever, cough],
		answer:
			'发烧 38.6 ℃ 持续三天需要重视。多数发热由病毒感染引起，可以先多喝水、注意休息，体温高或明显不适时可按说明书服用对乙酰氨基酚。\n\n因为已经持续三天，并且您有哮喘，建议尽快到医院就诊，让医生检查是否有肺部感染。\n\n如果出现呼吸困难、胸痛、意识模糊或嘴唇发紫，请立即拨打急救电话。'
	},
	{
		question: 'Can I take ibuprofen for the fever? I have asthma.',
		passages: [ibuprofen, asthma],
		answer:
			'Ibuprofen can lower a fever, but some people with asthma find it makes their breathing worse. Because you have asthma, it is safer to use paracetamol (acetaminophen) first and to ask a pharmacist or your doctor before taking ibuprofen.\n\nIf you have taken ibuprofen before without any breathing problems, your doctor may say it is fine for you. Always follow the dose on the label, take it with food, and do not combine it with other anti-inflammatory medicines.'
	},
	{
		question: '对乙酰氨基酚一天最多能吃多少？',
		passages: [paracetamol, fever],
		answer:
			'成人常用剂量一般为每次 0.5 克，每 4 到 6 小时一次，24 小时内不超过 2 克。具体请以药品说明书和医生、药师的建议为准。\n\n注意不要同时服用其他含对乙酰氨基酚的感冒药，以免超量。如果您有肝病或经常饮酒，请先咨询医生。'
	},
	{
		question: 'My cough is getting worse at night and I hear a wheeze.',
		passages: [asthma, doctor],
		answer:
			'A cough that gets worse at night with wheezing can be a sign that your asthma is flaring up, which can happen with a chest infection. Use your reliever inhaler as your asthma action plan says.\n\nPlease contact your doctor today, as your fever has lasted three days and your asthma symptoms are getting worse. Call the emergency number if your inhaler does not help, you are too breathless to speak, or your lips turn blue.'
	},
	{
		question: '发烧的时候应该吃什么、喝多少水？',
		passages: [fluids, fever],
		answer:
			'发热时出汗多，要少量多次饮水，成人每天大约 1.5 到 2 升，也可以喝淡盐水或口服补液盐。\n\n饮食以清淡、易消化为主，比如粥、面条、蔬菜和水果，少吃油腻和辛辣的食物。如果尿少、尿色深或口干，可能是脱水，要多补充水分并及时就医。'
	},
	{
		question: 'Should I get a chest X-ray?',
		passages: [doctor, feverEn],
		answer:
			'Whether you need a chest X-ray is for the doctor to decide after examining you. With a fever for three days, a cough that is getting worse and asthma, they may want to check for a chest infection such as pneumonia, and an X-ray is one way to do that.\n\nPlease see a doctor soon rather than waiting, and seek urgent care if you have difficulty breathing or chest pain.'
	},
	{
		question: '我对青霉素过敏，医生会开什么抗生素？',
		passages: [cough, fever],
		answer:
			'是否需要抗生素、用哪一种，需要医生根据检查结果决定。很多发热和咳嗽是病毒引起的，抗生素对病毒无效。\n\n看病时一定要主动告诉医生您对青霉素过敏，医生会选择不含青霉素类成分的药物。请不要自行服用家里剩下的抗生素。'
	},
	{
		question: 'How long does it usually take to get better?',
		passages: [feverEn, doctor],
		answer:
			'Most viral chest infections improve within one to three weeks: the fever usually settles within a few days, while the cough can last two to three weeks.\n\nIf your fever continues beyond three days, your cough lasts more than three weeks, or you feel worse instead of better, see your doctor again.'
	},
	{
		question: '晚上咳得睡不着，有什么办法？',
		passages: [cough, asthma],
		answer:
			'可以试试以下方法：睡前喝一些温水或蜂蜜水（1 岁以下婴儿不能喝蜂蜜），保持卧室空气湿润，睡觉时把枕头垫高一些。\n\n因为您有哮喘，夜间咳嗽加重可能是哮喘控制不好的表现，请按哮喘行动计划使用药物，并尽快联系医生。'
	},
	{
		question: 'Thank you. What warning signs mean I should go to the emergency department?',
		passages: [asthma, feverEn],
		answer:
			'Go to the emergency department or call the emergency number if you have: difficulty breathing or you are too breathless to speak; chest pain; lips or face turning blue; confusion or you are very drowsy; a rash that does not fade when a glass is pressed on it; or your reliever inhaler is not helping.\n\nOtherwise, please see your doctor soon about the fever and cough. I hope you feel better quickly.'
	}
];
