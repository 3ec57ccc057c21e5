// Triage categories and levels: small and dependency-free, so the UI can name categories without
// loading the triage model.
//
// Categories follow the NHS "when to call 999" and "when to go to A&E" lists, the Manchester Triage
// System (MTS) presentational flowcharts and the Chinese 急诊预检分诊专家共识 (2018); the standard
// behind each one is in CATEGORY_STANDARDS. Levels:
// - 'emergency': call the emergency number or go to the emergency department now (NHS 111 "call
//   999" / "go to A&E now", MTS red and orange, 分诊 I–II 级);
// - 'urgent': see a doctor today (NHS 111 "speak to a GP today" / urgent treatment centre, MTS
//   yellow, 分诊 III 级);
// - 'routine': everything else.

export const CATEGORY_IDS = [
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
	'headache',
	'aortic',
	'arrhythmia',
	'blood_pressure',
	'meningitis',
	'sepsis',
	'button_battery',
	'caustic',
	'heat_stroke',
	'hypothermia',
	'hypoglycaemia',
	'hyperglycaemia',
	'acute_abdomen',
	'eye',
	'spinal',
	'advised'
] as const;

export type CategoryId = (typeof CATEGORY_IDS)[number];

export function isCategoryId(value: unknown): value is CategoryId {
	return typeof value === 'string' && (CATEGORY_IDS as readonly string[]).includes(value);
}

export const LEVELS = ['routine', 'urgent', 'emergency'] as const;
export type Level = (typeof LEVELS)[number];

/** Higher is more urgent. */
export function levelRank(level: Level): number {
	return LEVELS.indexOf(level);
}

/** Categories staff can add words to (every category but the assistant's own advice). */
export const STAFF_CATEGORY_IDS: readonly CategoryId[] = CATEGORY_IDS.filter((id) => id !== 'advised');

/** Categories that only qualify another emergency ("an emergency in a child"). */
export const CONTEXT_CATEGORIES: readonly CategoryId[] = ['child', 'pregnancy'];

/** The published standards each category is built from. */
export const CATEGORY_STANDARDS: Readonly<Record<CategoryId, string>> = {
	cardiac: 'NHS 999 (heart attack); AHA warning signs; MTS chest pain; 中国胸痛中心',
	breathing:
		'NHS 999 (severe difficulty breathing, choking); NEWS2 SpO2 and respiratory rate; BTS/SIGN asthma',
	stroke: 'NHS FAST / BE-FAST; 中风120; MTS',
	unconscious: 'NHS 999 (unconscious, sudden confusion); MTS collapsed adult',
	seizure: 'NHS 999 (fit, first seizure, over 5 minutes); NICE NG217',
	bleeding: 'NHS 999 (severe bleeding); MTS GI bleeding and haemorrhage discriminators',
	poisoning: 'NHS 999 / NPIS TOXBASE (overdose, poisoning); 急诊预检分诊 (中毒)',
	self_harm: 'C-SSRS screener (Posner et al. 2011); NICE NG225',
	anaphylaxis: 'Resuscitation Council UK anaphylaxis (2021); MTS allergy',
	pregnancy: 'NHS / RCOG (bleeding, reduced fetal movements, pre-eclampsia, PPH); NICE NG201',
	child: 'NICE NG143 traffic-light system (red features); NHS "when to call 999 for a child"',
	trauma: 'NICE NG232 head injury; MTS major trauma; NHS 999 (serious injury)',
	burns: 'NHS burns and scalds; MTS burns and scalds',
	headache: 'NICE NG150 (thunderclap headache); MTS headache',
	aortic: 'ESC 2014 aortic diseases (sudden severe tearing pain)',
	arrhythmia: 'NEWS2 heart rate; MTS palpitations; Australasian Triage Scale',
	blood_pressure: 'ACC/AHA 2017 hypertensive crisis; NEWS2 systolic pressure',
	meningitis: 'NICE NG240; Meningitis Now glass test',
	sepsis: 'NICE NG51; UK Sepsis Trust red flags; Sepsis Alliance TIME',
	button_battery: 'National Capital Poison Center button battery guideline',
	caustic: 'NPIS TOXBASE (corrosives, hydrocarbons); WHO poisoning first aid',
	heat_stroke: 'NHS heat exhaustion and heatstroke; 中国热射病诊断与治疗专家共识 (2019)',
	hypothermia: 'NHS hypothermia; MTS "cold" discriminator',
	hypoglycaemia: 'ADA Standards of Care (hypoglycaemia levels 1–3); NHS hypoglycaemia',
	hyperglycaemia: 'ADA Standards of Care (DKA, HHS); NHS diabetic ketoacidosis',
	acute_abdomen: 'NHS (severe abdominal pain, testicular torsion, bowel obstruction); MTS abdominal pain',
	eye: 'NHS eye emergencies; RCOphth',
	spinal: 'NHS cauda equina syndrome; GIRFT spinal pathway',
	advised: 'the assistant’s own answer advised emergency care'
};
