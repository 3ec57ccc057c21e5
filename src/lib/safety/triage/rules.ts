// The triage rules: each presentation is a combination of concepts (symptom, body part, onset,
// severity, who, a reading past a threshold) that must all be affirmed in one clause, one sentence
// or anywhere in the message. Synonyms live in the lexicon, not here, so a rule reads like the
// standard it comes from ("sudden severe headache", "fever with a non-blanching rash") and matches
// every way of saying it.
//
// Sources per category: categories.ts (CATEGORY_STANDARDS). Notation:
//   d(concept, [need, …], scope)                  a derived sign (parts said together)
//   e(category, [need, need, …], scope, options)  an emergency presentation
//   u(…)                                          an urgent one (see a doctor today)
// A need is "concept|concept|…" (any of them). "@category" is satisfied when that category has
// already fired in the message (evaluated in a second pass). Scope is 'clause' (default for
// body-part + symptom pairs), 'sentence', or 'message'.
// Options: unless — concepts that, affirmed in the same scope, stop the rule (exercise for a heart
// rate); topic — needs that also accept past mentions ("never suicidal before, but I have a plan");
// keep — explicit mildness or a resolution never lowers this rule; lower — this rule's own lowering
// flags (instead of its category's); lowerFrom — only these needs' words can lower it.
//
// Lowering: an emergency finding whose evidence is explicitly mild ("a little"), resolved ("gone
// now"), benign in cause ("when I cough") or long-standing ("for months") becomes urgent, unless
// the category never lowers (stroke, self-harm, meningitis, … see KEEP) or the rule says keep.

import type { CategoryId, Level } from '../categories';
import { FLAG_BENIGN, FLAG_CHRONIC, FLAG_EARLIER, FLAG_MILD, FLAG_RESOLVED } from './context';

export type Scope = 'clause' | 'sentence' | 'message';

export interface RuleSpec {
	category: CategoryId;
	level: Exclude<Level, 'routine'>;
	needs: string[];
	scope: Scope;
	unless?: string;
	topic?: string[];
	keep?: boolean;
	/** Lowering flags for this rule, instead of its category's. */
	lower?: number;
	/** Only the mentions of these needs (by index) can lower the finding. */
	lowerFrom?: number[];
}

interface Options {
	unless?: string;
	topic?: string[];
	keep?: boolean;
	lower?: number;
	lowerFrom?: number[];
}

function e(category: CategoryId, needs: string[], scope: Scope = 'clause', options: Options = {}): RuleSpec {
	return { category, level: 'emergency', needs, scope, ...options };
}

function u(category: CategoryId, needs: string[], scope: Scope = 'clause', options: Options = {}): RuleSpec {
	return { category, level: 'urgent', needs, scope, ...options };
}

const ANY_PAIN = 'sx.pain|sx.pressure|sx.discomfort';
const CONFUSION =
	'sx.confused|sx.confused_strong|sx.unresponsive|sx.collapse|sx.drowsy|sx.speech|sx.behaviour';
const FEVER = 'sx.fever|vital.temp_fever';
const FAINTNESS = 'sx.presyncope|sx.collapse|sx.unresponsive';
const CHILD = 'who.child|who.infant|age.under3m|age.under6m';
// A deficit with a known, older cause (Bell's palsy, a stroke being rehabilitated) is not a new stroke.
const KNOWN_DEFICIT = 'cond.bells|cond.stroke_sequela';

/** Which lowering flags apply per category (default: all four). */
const ALL_FLAGS = FLAG_MILD | FLAG_RESOLVED | FLAG_BENIGN | FLAG_CHRONIC;
export const LOWERING: Partial<Record<CategoryId, number>> = {
	stroke: FLAG_CHRONIC | FLAG_BENIGN,
	self_harm: 0,
	meningitis: 0,
	button_battery: 0,
	sepsis: FLAG_CHRONIC,
	seizure: FLAG_CHRONIC,
	child: 0,
	hypoglycaemia: FLAG_RESOLVED,
	hyperglycaemia: 0,
	anaphylaxis: FLAG_CHRONIC | FLAG_RESOLVED,
	aortic: FLAG_CHRONIC,
	spinal: FLAG_CHRONIC,
	caustic: FLAG_MILD | FLAG_RESOLVED,
	// A benign cause or a long history never explains away an overdose.
	poisoning: FLAG_MILD | FLAG_RESOLVED,
	advised: 0
};
export function loweringFlags(category: CategoryId): number {
	return LOWERING[category] ?? ALL_FLAGS;
}

/**
 * Flags that lower a category only together: stroke signs that went away today are still an
 * emergency (NHS: call 999 even if they disappear), but a transient episode days ago that has
 * fully settled is urgent (NICE NG128: specialist assessment for a TIA).
 */
export const LOWERING_TOGETHER: Partial<Record<CategoryId, number>> = {
	stroke: FLAG_RESOLVED | FLAG_EARLIER,
	seizure: FLAG_RESOLVED | FLAG_EARLIER
};

/**
 * Derived concepts: parts said together in one clause (or sentence) form one sign, so a sign said
 * with words in between still counts ("胸口像被绳子勒着一样疼", "heart suddenly racing"). Derived
 * signs take the context of their parts (negated if a part is negated, mild if a part is mild).
 */
export interface DeriveSpec {
	concept: string;
	needs: string[];
	scope: Scope;
}

function d(concept: string, needs: string[], scope: Scope = 'clause'): DeriveSpec {
	return { concept, needs, scope };
}

export const DERIVED: readonly DeriveSpec[] = [
	d('sx.chest_pain', ['b.chest', ANY_PAIN]),
	d('sx.chest_pain', ['b.heart', 'sx.pain|sx.pressure']),
	// MTS: someone who cannot say it (dementia, a learning disability) clutching or rubbing the chest.
	d('sx.chest_pain', ['b.chest', 'act.clutch'], 'sentence'),
	d('sx.throat_tight', ['b.throat', 'sx.pressure|sx.swelling']),
	d('sx.palpitations', ['b.heart', 'sx.fast_beat']),
	d('sx.vomit_blood', ['sx.vomit', 'sx.coffee|sx.bleed']),
	d('sx.rectal_bleed', ['b.bowel', 'sx.bleed']),
	d('sx.headache', ['b.head', 'sx.pain|sx.pressure']),
	d('sx.speech', ['b.speech', 'sx.speech_bad']),
	d('sx.cold_skin', ['b.skin|b.hand|b.foot|b.whole_body|b.body', 'sx.cold']),
	d('ev.major_trauma', ['ev.fall', 'env.height'], 'sentence'),
	d('ev.head_injury', ['act.struck', 'b.head'], 'sentence'),
	d('sx.burned', ['sub.hot_liquid', 'act.spill|b.skin|sx.blister'], 'sentence'),
	d('sx.fetal_reduced', ['b.fetal', 'sx.reduced']),
	d('sx.eye_pain', ['b.eye|b.one_eye', 'sx.pain']),
	d('sx.abdo_pain', ['b.abdomen', 'sx.pain']),
	d('sx.nonblanch', ['sx.glass_test', 'sx.not_fading'], 'sentence'),
	d('sh.save_pills', ['sh.save', 'sub.medicine|sub.others_medicine']),
	d('sx.black_stool', ['b.bowel', 'sx.black']),
	d('sx.stiff_neck', ['b.neck', 'sx.stiff']),
	d('sx.fontanelle_bulge', ['b.fontanelle', 'sx.bulge']),
	d('sx.vision_loss', ['b.eye|b.one_eye', 'sx.lost']),
	d('mod.deep', ['sx.burned', 'sx.burn_deep'], 'sentence'),
	d('mod.worst', ['mod.never_had', 'mod.this_bad']),
	d('mod.double_dose', ['sub.medicine', 'mod.twice'], 'sentence'),
	d('sx.cough_blood', ['sx.cough', 'sx.bleed']),
	d('sx.legs_deficit', ['b.both_legs', 'sx.weak|sx.numb|mod.cant_move'])
];

/**
 * Concepts that, affirmed anywhere in the message, keep a category at urgent: the C-SSRS screener
 * separates thoughts without a plan or intent ("no plan, I'm not going to do anything") from an
 * emergency. Rules marked keep (a plan, saved-up pills, an attempt) are never capped.
 */
export const CAPS: Partial<Record<CategoryId, string>> = {
	self_harm: 'sh.no_plan'
};

export const RULES: readonly RuleSpec[] = [
	// --- cardiac: NHS 999 heart attack signs; AHA; MTS chest pain ----------------------------
	e('cardiac', ['ev.heart_attack']),
	e('cardiac', ['ev.cardiac_arrest'], 'clause', { keep: true }),
	e('cardiac', ['sx.chest_pain']),
	e(
		'cardiac',
		['sx.pain|sx.pressure|sx.numb|sx.discomfort', 'sx.spread', 'b.arm|b.jaw|b.neck|b.shoulder'],
		'sentence'
	),
	e('cardiac', ['sx.chest_pain|b.chest', 'sx.spread', 'b.back'], 'sentence'),
	e(
		'cardiac',
		[
			'b.arm|b.jaw|b.shoulder',
			'sx.pain|sx.numb|sx.pressure|sx.weak',
			'sx.sweat|sx.cold_skin|sx.breathless|sx.nausea|sx.chest_pain'
		],
		'message'
	),
	e('cardiac', ['b.heart|b.chest', 'sx.pressure|sx.pain', 'b.arm|b.jaw|b.shoulder'], 'sentence'),
	e('cardiac', ['cond.angina|ev.angina', 'mod.not_helping|mod.persistent|mod.severe'], 'message'),
	u('cardiac', ['ev.angina']),

	// --- aortic dissection: ESC 2014 ------------------------------------------------------------
	e('aortic', ['ev.dissection']),
	e('aortic', ['sx.bp_diff', 'sx.pain|sx.tearing|b.back|b.chest|sx.chest_pain'], 'message'),
	e('aortic', ['sx.tearing', 'b.chest|b.back|b.abdomen|sx.pain|b.neck'], 'sentence'),
	e(
		'aortic',
		['b.chest|sx.chest_pain', 'b.back', 'mod.sudden', 'sx.pain|mod.severe|sx.chest_pain'],
		'sentence'
	),
	e('aortic', ['sx.pain', 'sx.migrating'], 'sentence'),
	e(
		'aortic',
		[
			'cond.aortic_risk',
			'b.back|b.chest|sx.chest_pain',
			'sx.pain|sx.tearing',
			'mod.sudden|mod.severe|mod.worst'
		],
		'message'
	),

	// --- dangerous heart rate: NEWS2, MTS palpitations ----------------------------------------
	e('arrhythmia', ['vital.hr_very_high'], 'sentence', { unless: 'env.exercise' }),
	e('arrhythmia', ['vital.hr_very_low']),
	u('arrhythmia', ['vital.hr_high'], 'sentence', { unless: 'env.exercise' }),
	// A slow pulse with drowsiness, pallor, faintness or breathlessness (NEWS2 ≤ 40 scores 3; MTS).
	e(
		'arrhythmia',
		[
			'vital.hr_low|vital.hr_very_low',
			'sx.drowsy|sx.drowsy_strong|sx.presyncope|sx.collapse|sx.confused|sx.pale|sx.pale_ashen|sx.breathless|sx.chest_pain|sx.unresponsive'
		],
		'message'
	),
	u('arrhythmia', ['vital.hr_low']),
	e(
		'arrhythmia',
		['vital.hr_raised|vital.hr_low|sx.palpitations', `${FAINTNESS}|sx.breathless|@cardiac`],
		'message',
		{ keep: true }
	),
	e('arrhythmia', ['vital.hr_low', 'sx.presyncope|sx.confused|sx.breathless'], 'message'),
	u('arrhythmia', ['sx.palpitations', 'mod.persistent|mod.severe|q.over20min'], 'sentence'),

	// --- blood pressure: ACC/AHA 2017 hypertensive crisis; NEWS2 systolic --------------------
	e('blood_pressure', ['vital.bp_extreme']),
	e(
		'blood_pressure',
		[
			'vital.bp_crisis',
			`sx.headache|sx.thunderclap|@cardiac|sx.breathless|sx.vision_loss|sx.blurred|sx.double_vision|sx.confused|sx.confused_strong|sx.speech|sx.weak|sx.numb|sx.vomit|@stroke|sx.chest_pain`
		],
		'message'
	),
	u('blood_pressure', ['vital.bp_crisis']),
	e(
		'blood_pressure',
		['vital.bp_low', `${FAINTNESS}|sx.confused|sx.cold_skin|sx.pale|sx.sweat|sx.mottled`],
		'message',
		{ lower: FLAG_MILD | FLAG_BENIGN }
	),
	e('blood_pressure', ['vital.bp_very_low']),
	u('blood_pressure', ['vital.bp_low']),

	// --- breathing: NHS 999; NEWS2; BTS asthma --------------------------------------------------
	e('breathing', ['sx.breathless'], 'clause', { unless: 'env.exercise' }),
	u('breathing', ['sx.breathless', 'env.exercise']),
	e('breathing', ['sx.not_breathing'], 'clause', { lower: FLAG_CHRONIC }),
	e('breathing', ['sx.choking'], 'clause', { lower: FLAG_RESOLVED | FLAG_BENIGN }),
	e('breathing', ['b.lips|b.face|b.skin|b.nails|b.tongue|b.mouth', 'sx.cyanosis']),
	e('breathing', ['sx.cyanosis_lips'], 'clause', { keep: true }),
	e('breathing', ['sx.retraction'], 'clause', { keep: true }),
	e('breathing', ['vital.spo2_low'], 'message', { keep: true, unless: 'cond.copd' }),
	u('breathing', ['vital.spo2_low', 'cond.copd'], 'message'),
	e('breathing', ['vital.spo2_very_low'], 'clause', { keep: true }),
	u('breathing', ['vital.spo2_borderline']),
	e('breathing', ['vital.rr_very_high|vital.rr_low'], 'clause', { keep: true }),
	u('breathing', ['vital.rr_high']),
	e('breathing', ['ev.asthma_attack', 'mod.not_helping|mod.severe|sx.cant_speak|mod.persistent'], 'message'),
	u('breathing', ['ev.asthma_attack']),
	// BTS: too breathless to finish a sentence, or the reliever not helping.
	e(
		'breathing',
		['sx.breathless_mild|sx.breathless|ev.asthma_attack', 'sx.cant_speak|mod.not_helping'],
		'message'
	),
	// BTS life-threatening asthma: the reliever used and too breathless to finish a sentence.
	e('breathing', ['sub.reliever', 'sx.cant_speak'], 'message'),
	e('breathing', ['ev.drowning'], 'clause', { keep: true }),
	e('breathing', ['sx.stridor'], 'clause', { keep: true }),
	// Acute pulmonary oedema: pink frothy sputum, or breathless at rest and unable to lie flat.
	e('breathing', ['sx.pink_froth']),
	e('breathing', ['mod.upright', 'sx.breathless'], 'message'),
	// Epiglottitis (MTS "drooling"): drooling with noisy breathing, breathlessness or sitting up to breathe.
	e('breathing', ['sx.drool', 'sx.stridor|sx.breathless|mod.upright'], 'message'),
	u('breathing', ['sx.breathless_mild']),
	e(
		'breathing',
		['sx.breathless_mild', 'mod.severe|mod.sudden|sx.cant_speak|sx.chest_pain|@cardiac'],
		'sentence'
	),

	// --- stroke: NHS FAST / BE-FAST; 中风120 -----------------------------------------------------
	e('stroke', ['ev.stroke']),
	e('stroke', ['sx.droop', 'b.face|b.mouth|b.eye|b.smile|b.side'], 'clause', { unless: KNOWN_DEFICIT }),
	e('stroke', ['sx.face_droop'], 'clause', { unless: KNOWN_DEFICIT }),
	e('stroke', ['sx.numb|sx.weak', 'b.side'], 'clause', { unless: KNOWN_DEFICIT }),
	// Numbness of the face alone, said to be slight, is urgent (NHS 111); droop or weakness is not lowered.
	e('stroke', ['sx.numb', 'b.face|b.mouth|b.tongue'], 'clause', {
		unless: KNOWN_DEFICIT,
		lower: FLAG_MILD | FLAG_CHRONIC | FLAG_BENIGN
	}),
	e('stroke', ['sx.weak', 'b.face|b.mouth|b.tongue'], 'clause', { unless: KNOWN_DEFICIT }),
	e('stroke', ['sx.weak|sx.numb', 'b.arm|b.leg|b.hand', 'mod.sudden'], 'sentence', { unless: KNOWN_DEFICIT }),
	u('stroke', ['sx.weak|sx.numb', 'b.arm|b.leg|b.hand']),
	e('stroke', ['sx.speech'], 'clause', { unless: KNOWN_DEFICIT }),
	e('stroke', ['sx.double_vision'], 'clause', { unless: KNOWN_DEFICIT }),
	e('stroke', ['sx.vision_loss', 'mod.sudden|mod.one'], 'sentence'),
	e('stroke', ['sx.balance', 'mod.sudden'], 'sentence'),
	e('stroke', ['sx.confused|sx.confused_strong', 'mod.sudden'], 'sentence'),
	u(
		'stroke',
		['sx.face_droop|sx.speech|sx.droop|sx.double_vision', 'cond.bells|cond.stroke_sequela'],
		'message'
	),

	// --- unconscious / sudden confusion: NHS 999; MTS collapsed adult --------------------------
	e('unconscious', ['sx.unresponsive'], 'clause', { keep: true }),
	e('unconscious', ['sx.not_breathing|ev.cardiac_arrest'], 'clause', { lower: FLAG_CHRONIC }),
	e('unconscious', ['sx.collapse']),
	e('unconscious', ['sx.confused_strong'], 'message', { unless: 'cond.dementia' }),
	u('unconscious', ['sx.confused_strong|sx.confused', 'cond.dementia'], 'message'),
	u('unconscious', ['sx.confused'], 'message', { unless: 'cond.dementia' }),
	e('unconscious', ['sx.confused|sx.drowsy', 'mod.sudden|mod.severe'], 'message', {
		unless: 'cond.dementia'
	}),
	u('unconscious', ['sx.presyncope', 'mod.persistent|mod.severe|mod.repeated'], 'sentence'),
	u('unconscious', ['sx.feel_dying']),

	// --- seizure: NHS 999; NICE ---------------------------------------------------------------
	// Known epilepsy anywhere in the message: a usual seizure that has stopped is urgent (below).
	e('seizure', ['sx.seizure'], 'message', { unless: 'cond.epilepsy', keep: true }),
	u('seizure', ['sx.seizure', 'cond.epilepsy'], 'message'),
	e(
		'seizure',
		[
			'sx.seizure',
			'q.over5min|mod.repeated|mod.persistent|sx.unresponsive|who.pregnant|ev.head_injury|sx.not_breathing|mod.first|sx.cyanosis'
		],
		'message',
		{ keep: true }
	),
	// "抽了快七八分钟还没停": 抽 going on past five minutes is a seizure, unless a limb or the belly
	// says it is a cramp ("小腿抽筋抽了十分钟").
	e('seizure', ['sx.cramp_or_seizure', 'q.over5min'], 'sentence', {
		unless: 'b.leg|b.foot|b.hand|b.abdomen|sx.cramp',
		keep: true
	}),
	e(
		'seizure',
		['sx.cramp_or_seizure', `${CHILD}|${FEVER}|sx.unresponsive|sx.foam|sx.eyes_rolled|b.whole_body`],
		'sentence',
		{ unless: 'b.leg|b.foot|b.hand|b.abdomen', keep: true }
	),

	// --- headache: NICE NG150; MTS headache ------------------------------------------------------
	// A thunderclap during exertion or sex is still a thunderclap (NICE NG150): no benign cause lowers it.
	e('headache', ['sx.thunderclap'], 'clause', { lower: FLAG_MILD | FLAG_RESOLVED }),
	e('headache', ['sx.headache', 'mod.worst'], 'sentence', { lower: FLAG_MILD | FLAG_RESOLVED }),
	e('headache', ['sx.headache', 'mod.sudden', 'mod.severe|pain.severe'], 'sentence'),
	u('headache', ['sx.headache', 'mod.severe|pain.severe']),
	e('headache', ['sx.headache', 'ev.head_injury', 'sx.vomit|sx.drowsy|sx.confused|mod.worsening'], 'message'),

	// --- meningitis: NICE NG240; the glass test --------------------------------------------------
	e('meningitis', ['sx.nonblanch'], 'clause', { unless: 'sx.blanches' }),
	e('meningitis', ['ev.meningitis']),
	e('meningitis', ['sx.petechiae', `${FEVER}|sx.drowsy|sx.headache|sx.vomit|${CHILD}`], 'message'),
	e('meningitis', ['sx.stiff_neck', `${FEVER}|sx.headache|sx.photophobia|sx.vomit|sx.rash`], 'message'),
	e('meningitis', ['sx.photophobia', 'sx.headache', FEVER], 'message'),
	e('meningitis', ['sx.fontanelle_bulge']),
	u('meningitis', ['sx.rash', FEVER, CHILD], 'message'),

	// --- sepsis: NICE NG51; UK Sepsis Trust; Sepsis Alliance TIME; NICE NG151 neutropenic sepsis
	e('sepsis', ['ev.sepsis']),
	e('sepsis', ['cond.chemo', `${FEVER}|sx.rigors`], 'message'),
	e(
		'sepsis',
		[
			`${FEVER}|vital.temp_low|sx.rigors|ev.infection`,
			`sx.confused|sx.confused_strong|sx.speech|sx.mottled|sx.cyanosis|sx.no_urine|vital.rr_very_high|vital.bp_low|sx.feel_dying|sx.unresponsive|sx.drowsy|sx.behaviour`
		],
		'message'
	),
	e(
		'sepsis',
		[
			`${FEVER}|sx.rigors|ev.infection`,
			'sx.cold_skin|sx.pale',
			'sx.breathless|vital.hr_raised|sx.drowsy|sx.feel_dying|sx.presyncope'
		],
		'message'
	),
	e('sepsis', ['vital.temp_very_high'], 'clause', { unless: 'env.heat|env.hot' }),
	u('sepsis', ['vital.temp_39', 'q.over3days'], 'message'),
	u('sepsis', ['vital.temp_40'], 'clause', { unless: 'env.heat|env.hot' }),
	u('sepsis', ['ev.infection', `sx.spreading_red|${FEVER}|sx.rigors`], 'message'),
	// UK Sepsis Trust red flags with a likely infection: mottled skin, no urine, new confusion.
	e(
		'sepsis',
		['ev.infection|sx.wound|ev.surgery|' + FEVER, 'sx.mottled|sx.no_urine|sx.confused_strong|sx.cold_skin'],
		'message'
	),
	u('sepsis', [FEVER, 'vital.hr_raised|vital.rr_high'], 'message'),
	// NHS 111: an infected wound (red, hot, swollen, pus) or a urine infection with a fever or a
	// sore back (kidney infection) needs a GP or urgent treatment today.
	u(
		'sepsis',
		['sx.wound|ev.surgery|sx.burned|sx.blister|act.bite', 'sx.wound_infected|ev.infection'],
		'message'
	),
	u('sepsis', ['sx.dysuria|ev.infection', `${FEVER}|sx.rigors`], 'message'),
	u('sepsis', ['sx.wound_infected_named']),
	u('sepsis', ['sx.dysuria', 'b.back', 'sx.pain'], 'message'),

	// --- bleeding: NHS 999; MTS haemorrhage and GI bleeding -------------------------------------
	e('bleeding', ['sx.bleed', 'mod.heavy|mod.persistent|mod.lots'], 'sentence'),
	e('bleeding', ['sx.bleed_heavy']),
	e('bleeding', ['sx.vomit_blood']),
	e('bleeding', ['sx.cough_blood', 'mod.lots|mod.heavy|mod.persistent'], 'sentence'),
	u('bleeding', ['sx.cough_blood']),
	e(
		'bleeding',
		[
			'sx.black_stool|sx.rectal_bleed',
			`${FAINTNESS}|sx.pale|sx.weak|vital.hr_raised|sx.breathless|vital.bp_low|sx.cold_skin`
		],
		'message'
	),
	u('bleeding', ['sx.black_stool|sx.rectal_bleed|sx.hematuria']),
	e('bleeding', ['sx.rectal_bleed', 'mod.lots|mod.heavy|mod.persistent']),
	e('bleeding', ['sx.wound', 'mod.deep|sx.spurting|mod.heavy|mod.persistent'], 'sentence'),
	e('bleeding', ['sx.spurting', 'sx.bleed|sx.wound|mod.persistent|b.arm|b.leg|b.hand|b.neck'], 'sentence'),
	e('bleeding', ['sx.bleed|sx.nosebleed', 'q.over20min', 'mod.persistent|sx.nosebleed'], 'sentence'),

	// --- poisoning and overdose: NHS 999; NPIS TOXBASE ------------------------------------------
	e('poisoning', ['act.ingest|act.accident_ingest', 'q.pills_many'], 'sentence'),
	e(
		'poisoning',
		['act.ingest|act.accident_ingest', 'q.whole_pack', 'sub.medicine|sub.poison|q.pills_many|q.pills_some'],
		'sentence',
		{ unless: 'q.dosing' }
	),
	e('poisoning', ['ev.overdose']),
	e('poisoning', ['act.ingest|act.accident_ingest', 'sub.poison'], 'sentence'),
	e('poisoning', ['sub.poison_drink']),
	e(
		'poisoning',
		[
			CHILD,
			'act.accident_ingest',
			'sub.medicine|sub.poison|sub.chemical|sub.ecig|sub.drug|sub.alcohol|sub.plant'
		],
		'message',
		{ unless: 'sub.vitamin|sub.harmless' }
	),
	e(
		'poisoning',
		[CHILD, 'act.ingest', 'sub.others_medicine|q.pills_some|q.pills_many|q.whole_pack'],
		'message'
	),
	e(
		'poisoning',
		[
			CHILD,
			'act.ingest|act.accident_ingest',
			'sub.medicine',
			'sx.drowsy|sx.drowsy_strong|sx.unresponsive|sx.floppy|sx.confused|sx.seizure|sx.breathless|sx.collapse'
		],
		'message'
	),
	e('poisoning', ['act.accident_ingest', 'sub.chemical'], 'sentence'),
	e(
		'poisoning',
		[
			'sub.co|ev.co_alarm',
			`sx.headache|${FAINTNESS}|sx.vomit|sx.nausea|sx.confused|sx.drowsy|sx.confused_strong`
		],
		'message'
	),
	e('poisoning', ['ev.co_poisoning|ev.alcohol_poisoning|ev.venom']),
	e(
		'poisoning',
		[
			'sub.alcohol|sub.drug',
			'sx.drowsy_strong|sx.unresponsive|sx.drowsy',
			'sx.vomit|q.whole_pack|mod.lots|sx.breathless'
		],
		'message'
	),
	e('poisoning', ['act.ingest|act.accident_ingest', 'sub.mushroom'], 'sentence'),
	// Organophosphate exposure (WHO; 有机磷农药中毒诊治共识): cholinergic signs after spraying.
	e(
		'poisoning',
		[
			'ev.pesticide|sub.poison',
			'sx.drool|sx.pinpoint|sx.breathless|sx.unresponsive|sx.confused|sx.seizure|sx.collapse'
		],
		'message'
	),
	u('poisoning', ['ev.pesticide', 'sx.presyncope|sx.nausea|sx.headache|sx.vomit|sx.sweat'], 'message'),
	e('poisoning', ['sub.mushroom', 'sx.vomit|sx.diarrhoea|sx.jaundice|sx.confused|sx.drowsy'], 'message'),
	u('poisoning', ['act.ingest|act.accident_ingest', 'q.pills_some', 'mod.at_once'], 'sentence'),
	u('poisoning', ['mod.double_dose']),
	e('poisoning', ['act.ingest|act.accident_ingest|sub.medicine', 'sh.intent_self'], 'message', {
		keep: true
	}),

	// --- button batteries and magnets: NCPC guideline -------------------------------------------
	e(
		'button_battery',
		['sub.button_battery', 'act.ingest|act.accident_ingest|act.insert|b.nose|b.ear|b.mouth|b.throat'],
		'sentence'
	),
	e('button_battery', ['sub.battery', 'act.accident_ingest|act.insert|b.nose|b.ear|b.throat'], 'sentence'),
	e('button_battery', ['sub.battery', CHILD, 'mod.missing'], 'message'),
	e('button_battery', ['sub.magnets', 'act.accident_ingest'], 'sentence'),
	u('button_battery', ['sub.magnet_one', 'act.accident_ingest'], 'sentence'),

	// --- caustics and hydrocarbons: NPIS ------------------------------------------------------
	e('caustic', ['act.ingest|act.accident_ingest', 'sub.caustic|sub.hydrocarbon|sub.laundry_pod'], 'sentence'),
	u('caustic', ['sub.caustic|sub.chemical|sub.laundry_pod', 'b.mouth|b.throat|b.lips'], 'sentence'),
	e(
		'caustic',
		[CHILD, 'sub.caustic|sub.hydrocarbon|sub.laundry_pod', 'b.mouth|sx.vomit|sx.cough|sx.drool|act.bite'],
		'message'
	),

	// --- self-harm: C-SSRS screener ------------------------------------------------------------
	e('self_harm', ['sh.ideation']),
	e('self_harm', ['sh.plan'], 'clause', { keep: true }),
	u('self_harm', ['sh.selfinjury']),
	e(
		'self_harm',
		['sh.selfinjury', 'sx.bleed_heavy|mod.deep|sh.ideation|sh.intent_self|sh.method|mod.persistent'],
		'message'
	),
	e('self_harm', ['sh.save_pills'], 'clause', { keep: true }),
	e('self_harm', ['sh.better_off']),
	e('self_harm', ['sh.goodbye'], 'message', {
		topic: ['sh.ideation|sh.ideation_weak|sh.topic|sh.burden|sh.method|sh.time']
	}),
	e('self_harm', ['sh.burden', 'sh.ideation_weak|sh.method|sh.time|sh.goodbye|sh.intent'], 'message'),
	u('self_harm', ['sh.burden']),
	u('self_harm', ['sh.ideation_weak']),
	// C-SSRS 1 (a wish to be dead) said as thoughts of death that keep coming ("老是想到死"); fear of
	// dying ("想到死就害怕") is health anxiety, not ideation.
	u('self_harm', ['sh.death_thoughts', 'mod.frequent|mod.repeated'], 'clause', { unless: 'mod.afraid' }),
	e('self_harm', ['sh.ideation_weak', 'sh.method|sh.time|sh.goodbye|sh.save_pills|sh.intent'], 'message'),
	e('self_harm', ['sh.method', 'sh.intent|sh.time'], 'message', {
		topic: ['sh.ideation|sh.ideation_weak|sh.topic|sh.burden']
	}),
	e('self_harm', ['sh.plan_generic|sh.time|sh.method'], 'message', {
		topic: ['sh.ideation|sh.ideation_weak|sh.topic']
	}),
	e(
		'self_harm',
		['sh.intent_self', 'act.ingest|act.accident_ingest|sx.wound|sx.bleed|sub.medicine|sh.method'],
		'message'
	),

	// --- anaphylaxis: Resuscitation Council UK --------------------------------------------------
	e('anaphylaxis', ['ev.anaphylaxis']),
	// Resuscitation Council UK: an airway or breathing problem after an allergen.
	e(
		'anaphylaxis',
		[
			'sub.allergen|ev.allergy',
			'sx.voice_change|sx.stridor|sx.throat_tight|sx.breathless|sx.cant_swallow',
			'sx.breathless_mild|sx.breathless|sx.cough|sx.voice_change|sx.hives|sx.swelling|sx.vomit'
		],
		'message'
	),
	e('anaphylaxis', ['sx.swelling', 'b.tongue|b.throat'], 'clause', { keep: true }),
	e(
		'anaphylaxis',
		[
			'sx.swelling',
			'b.lips|b.face|b.eye|b.mouth',
			'sx.breathless|sx.cant_swallow|sx.throat_tight|sx.presyncope|sx.voice_change|sx.breathless_mild'
		],
		'message'
	),
	e(
		'anaphylaxis',
		['sx.throat_tight', 'sub.allergen|ev.allergy|act.sting|sx.hives|sx.swelling|sx.breathless|act.ingest'],
		'message'
	),
	e(
		'anaphylaxis',
		['sx.hives', 'sx.breathless|sx.cant_swallow|sx.presyncope|sx.collapse|vital.bp_low|sx.throat_tight'],
		'message'
	),
	e(
		'anaphylaxis',
		[
			'sx.swelling',
			'b.lips|b.face|b.eye|b.mouth',
			'sub.allergen|ev.allergy|act.sting',
			'mod.worsening|mod.sudden'
		],
		'message'
	),
	e('anaphylaxis', ['act.epipen']),
	u(
		'anaphylaxis',
		['sx.swelling', 'b.lips|b.face|b.eye|b.mouth', 'sub.allergen|ev.allergy|act.sting'],
		'message'
	),
	u('anaphylaxis', ['sx.throat_tight']),

	// --- pregnancy and after birth: NHS; RCOG; NICE --------------------------------------------
	e(
		'pregnancy',
		[
			'who.pregnant',
			'sx.bleed|sx.vaginal_bleed',
			'mod.heavy|mod.lots|mod.persistent|sx.clots|sx.soaking|mod.severe|@acute_abdomen|sx.presyncope'
		],
		'message'
	),
	u('pregnancy', ['who.pregnant', 'sx.bleed|sx.vaginal_bleed|sx.spotting'], 'message'),
	e(
		'pregnancy',
		[
			'who.postpartum',
			'sx.bleed|sx.vaginal_bleed',
			'mod.heavy|mod.lots|mod.persistent|sx.clots|sx.soaking|sx.presyncope|sx.collapse'
		],
		'message'
	),
	u('pregnancy', ['who.postpartum', 'sx.bleed|sx.vaginal_bleed'], 'message'),
	e(
		'pregnancy',
		[
			'who.pregnant',
			'b.abdomen',
			'sx.pain',
			'mod.severe|mod.sudden|sx.bleed|sx.vaginal_bleed|sx.presyncope|b.shoulder|sx.collapse|pain.severe'
		],
		'message'
	),
	e('pregnancy', ['who.pregnant', 'sx.pain', 'sx.presyncope|sx.collapse|b.shoulder'], 'message'),
	u('pregnancy', ['who.pregnant', 'b.abdomen', 'sx.pain'], 'message'),
	e('pregnancy', ['ev.ectopic|ev.abruption|ev.eclampsia|ev.labour_now|ev.cord']),
	e('pregnancy', ['sx.fetal_reduced'], 'clause', { keep: true }),
	e('pregnancy', ['sx.waters', 'preg.preterm|sx.green_fluid|sx.bleed'], 'message'),
	u('pregnancy', ['sx.waters']),
	e(
		'pregnancy',
		[
			'who.pregnant|who.postpartum',
			'sx.headache',
			'sx.vision_loss|sx.blurred|sx.flashing|sx.swelling|b.ribs|vital.bp_crisis|mod.severe'
		],
		'message'
	),
	e('pregnancy', ['who.pregnant|who.postpartum', 'sx.seizure|vital.bp_crisis|sx.unresponsive'], 'message'),
	u('pregnancy', ['who.pregnant', 'vital.bp_raised'], 'message'),
	e('pregnancy', ['who.pregnant', 'sx.contractions', 'preg.preterm'], 'message'),
	u('pregnancy', ['who.pregnant', 'sx.vomit', 'mod.persistent|sx.cant_keep_down'], 'message'),

	// --- children: NICE NG143 red features ------------------------------------------------------
	e('child', ['age.under3m', FEVER], 'message'),
	e(
		'child',
		[
			CHILD,
			'sx.floppy|sx.cry_weak|sx.grunting|sx.retraction|sx.sunken|sx.unresponsive|sx.cyanosis|sx.mottled|sx.pale_ashen|sx.fontanelle_bulge|vital.rr_infant_high|sx.drowsy_strong'
		],
		'message'
	),
	e(
		'child',
		[CHILD, 'sx.not_feeding|sx.no_urine', 'sx.vomit|sx.drowsy|sx.no_urine|sx.diarrhoea|sx.sunken'],
		'message'
	),
	u('child', ['who.infant|age.under3m|age.under6m', 'sx.not_feeding'], 'message'),
	u('child', ['age.under6m', 'vital.temp_39'], 'message'),
	u('child', [CHILD, 'q.over5days', FEVER], 'message'),
	u('child', [CHILD, 'sx.no_urine|sx.dehydrated'], 'message'),

	// --- trauma: NICE NG232 head injury; MTS major trauma ---------------------------------------
	// A major mechanism days ago with only a local injury since is urgent, not an emergency.
	e('trauma', ['ev.major_trauma'], 'clause', {
		lower: FLAG_MILD | FLAG_RESOLVED | FLAG_BENIGN | FLAG_CHRONIC | FLAG_EARLIER
	}),
	e(
		'trauma',
		[
			'ev.head_injury',
			`sx.vomit|sx.unresponsive|sx.collapse|sx.drowsy|sx.confused|sx.confused_strong|sx.seizure|sx.speech|sx.ear_blood|sx.skull_fracture|sx.vision_loss|sx.double_vision|sx.weak|mod.worsening|sx.amnesia`
		],
		'message'
	),
	// NICE NG232: a head injury in someone on an anticoagulant (warfarin, a DOAC) needs a CT within 8 h.
	u('trauma', ['ev.head_injury', 'who.anticoag'], 'message'),
	u('trauma', ['ev.head_injury']),
	e('trauma', ['sx.broken', 'mod.deformed|sx.bone_exposed|b.neck|b.back|b.hip|b.thigh'], 'message'),
	u('trauma', ['sx.broken']),
	// Suspected hip fracture after a fall (NICE CG124): shortened, outward-turned leg, cannot get up.
	e('trauma', ['ev.fall|ev.injury', 'sx.leg_shortened'], 'message'),
	e('trauma', ['ev.fall', 'b.hip', 'mod.cant_get_up'], 'message'),
	e(
		'trauma',
		['ev.injury|ev.fall', 'b.neck|b.back', 'sx.numb|sx.weak|mod.cant_move|sx.incontinence'],
		'message'
	),
	e('trauma', ['sx.stab|sx.impaled']),
	e(
		'trauma',
		[
			'ev.fall|ev.injury',
			CHILD,
			'sx.drowsy|sx.unresponsive|sx.confused|sx.confused_strong|sx.seizure|sx.collapse'
		],
		'message'
	),
	u('trauma', ['ev.fall|ev.injury', 'sx.vomit', 'b.head|ev.head_injury|' + CHILD], 'message'),
	u('trauma', ['ev.fall', 'who.elderly|mod.cant_get_up'], 'message'),

	// --- burns: NHS burns; MTS burns and scalds ------------------------------------------------
	e(
		'burns',
		[
			'sx.burned',
			'mod.large|b.face|b.genitals|b.throat|mod.deep|sub.chemical|sub.caustic|mod.electric|sx.breathless|b.eye|sx.cant_swallow|sx.voice_change'
		],
		'message'
	),
	e(
		'burns',
		['sx.burned', CHILD, 'sx.blister|mod.large|b.chest|b.arm|b.leg|b.abdomen|b.back|mod.deep'],
		'message'
	),
	u('burns', ['sx.burned', 'b.hand|b.foot|b.arm|b.leg', 'sx.blister'], 'message'),
	e('burns', ['sub.caustic', 'act.splash|act.spill'], 'sentence'),
	// A chemical burn of the skin (NHS: A&E for chemical burns).
	e(
		'burns',
		[
			'sub.caustic',
			'b.skin|b.arm|b.hand|b.leg|b.face|b.body|b.foot',
			'sx.burn_deep|sx.blister|sx.pain|sx.burned'
		],
		'sentence'
	),
	e('burns', ['ev.on_fire|ev.smoke']),
	e('burns', ['sub.caustic', 'b.eye', 'act.splash|act.spill'], 'sentence'),
	u('burns', ['sub.chemical', 'b.eye', 'act.splash|act.spill'], 'sentence'),
	u('burns', ['sx.burned', 'sx.blister|mod.severe|pain.severe'], 'sentence'),

	// --- heat stroke: NHS; 热射病专家共识 -----------------------------------------------------------
	e('heat_stroke', ['ev.heat_stroke']),
	e(
		'heat_stroke',
		[
			'env.heat|env.hot|vital.temp_40|ev.heat_exhaustion',
			`sx.confused|sx.confused_strong|sx.unresponsive|sx.collapse|sx.seizure|sx.sweat_absent|sx.speech|sx.balance|sx.behaviour`
		],
		'message'
	),
	e('heat_stroke', ['env.hot_car'], 'message'),
	// Exertional heat stroke: hot and no longer sweating after a race or work in the heat.
	e(
		'heat_stroke',
		['sx.sweat_absent', 'sx.hot_skin|vital.temp_40|vital.temp_very_high|env.heat|env.hot|env.exercise'],
		'message'
	),
	e('heat_stroke', ['sx.sweat_absent', `${CONFUSION}|sx.vomit|sx.seizure|sx.balance`], 'message'),
	e('heat_stroke', ['vital.temp_very_high', 'env.heat|env.hot'], 'message'),
	u('heat_stroke', ['ev.heat_exhaustion']),
	e(
		'heat_stroke',
		[
			'ev.heat_exhaustion|env.heat',
			'mod.not_helping|mod.persistent|q.over20min',
			'sx.presyncope|sx.vomit|sx.headache|sx.confused|sx.nausea'
		],
		'message'
	),
	u(
		'heat_stroke',
		['env.heat|env.hot', 'sx.headache|sx.presyncope|sx.vomit|sx.nausea|sx.cramp_or_seizure|vital.temp_39'],
		'message'
	),

	// --- hypothermia: NHS ----------------------------------------------------------------------
	e('hypothermia', ['ev.hypothermia']),
	e(
		'hypothermia',
		[
			'vital.temp_low|env.cold_exposure|env.cold',
			`sx.confused|sx.confused_strong|sx.drowsy|sx.unresponsive|sx.speech|sx.shiver_stopped|sx.balance|sx.collapse`
		],
		'message'
	),
	e('hypothermia', ['vital.temp_very_low']),
	e('hypothermia', ['vital.temp_low|sx.cold_skin', 'sx.drowsy_strong|sx.unresponsive|sx.drowsy'], 'message'),
	u('hypothermia', ['vital.temp_low']),
	e(
		'hypothermia',
		[
			'sx.shiver_stopped',
			'sx.cold_skin|sx.confused|sx.drowsy|sx.unresponsive|env.cold_exposure|sx.speech|vital.temp_low'
		],
		'message'
	),
	e(
		'hypothermia',
		[CHILD, 'sx.cold_skin', 'sx.floppy|sx.lethargic|sx.drowsy|env.cold_exposure|sx.unresponsive'],
		'message'
	),
	u('hypothermia', ['env.cold_exposure', 'sx.rigors|sx.numb|sx.pale'], 'message'),

	// --- hypoglycaemia: ADA levels; NHS ---------------------------------------------------------
	e(
		'hypoglycaemia',
		[
			'ev.hypo|vital.glucose_low|cond.diabetes|drug.insulin',
			`${CONFUSION}|sx.confused_strong|sx.seizure|sx.cant_swallow|sx.behaviour`
		],
		'message'
	),
	e('hypoglycaemia', ['vital.glucose_critical']),
	e('hypoglycaemia', ['ev.hypo|vital.glucose_low', 'mod.not_helping'], 'message'),
	u('hypoglycaemia', ['vital.glucose_very_low']),
	e('hypoglycaemia', ['vital.glucose_very_low', `sx.presyncope|sx.collapse|sx.weak|${CONFUSION}`], 'message'),
	u('hypoglycaemia', ['ev.hypo']),
	e(
		'hypoglycaemia',
		[
			'vital.glucose_very_low',
			'sx.sweat',
			'sx.rigors|sx.palpitations|sx.presyncope|cond.diabetes|drug.insulin'
		],
		'message'
	),
	u(
		'hypoglycaemia',
		['vital.glucose_low', 'sx.sweat|sx.rigors|sx.presyncope|sx.palpitations|cond.diabetes|drug.insulin'],
		'message'
	),

	// --- hyperglycaemia: ADA (DKA, HHS); NHS ----------------------------------------------------
	e('hyperglycaemia', ['vital.glucose_very_high']),
	e('hyperglycaemia', ['ev.dka']),
	e('hyperglycaemia', ['vital.glucose_hi']),
	e(
		'hyperglycaemia',
		[
			'vital.glucose_high|vital.ketone_high',
			`sx.vomit|sx.breathless|sx.kussmaul|sx.fruity_breath|sx.drowsy|${CONFUSION}|@acute_abdomen`
		],
		'message'
	),
	e(
		'hyperglycaemia',
		['cond.diabetes|vital.glucose_raised', 'sx.fruity_breath|sx.kussmaul|vital.ketone_high'],
		'message'
	),
	e(
		'hyperglycaemia',
		[
			'cond.diabetes',
			'sx.vomit',
			'sx.drowsy|sx.breathless|sx.confused|sx.confused_strong|sx.kussmaul|b.abdomen'
		],
		'message'
	),
	e(
		'hyperglycaemia',
		['sx.thirst', 'sx.polyuria', 'sx.vomit|sx.drowsy|sx.kussmaul|sx.breathless|sx.confused|b.abdomen'],
		'message'
	),
	u('hyperglycaemia', ['vital.glucose_high']),
	u('hyperglycaemia', ['vital.ketone_raised|vital.ketone_high']),
	u('hyperglycaemia', ['cond.diabetes', 'sx.vomit|sx.thirst'], 'message'),
	// DKA as a first presentation (NICE NG18): thirst or ketone breath with vomiting or drowsiness.
	e(
		'hyperglycaemia',
		['sx.fruity_breath', `sx.vomit|sx.drowsy|sx.kussmaul|sx.breathless|${CONFUSION}|sx.abdo_pain`],
		'message'
	),
	e(
		'hyperglycaemia',
		['sx.thirst', 'sx.vomit', `sx.drowsy|sx.fruity_breath|sx.kussmaul|${CONFUSION}`],
		'message'
	),

	// --- acute abdomen: NHS; MTS abdominal pain --------------------------------------------------
	e('acute_abdomen', ['b.abdomen', 'sx.board'], 'sentence'),
	e('acute_abdomen', ['sx.board_belly']),
	e('acute_abdomen', ['sx.bile_vomit'], 'clause', { keep: true }),
	e('acute_abdomen', ['b.abdomen', 'sx.pain', 'mod.worst'], 'sentence'),
	e('acute_abdomen', ['b.abdomen', 'sx.pain', 'mod.severe|pain.severe', `${FEVER}|sx.vomit`], 'message'),
	u('acute_abdomen', ['sx.migrating_rlq']),
	e('acute_abdomen', ['b.abdomen', 'sx.pain', 'mod.sudden', 'mod.severe|pain.severe'], 'sentence'),
	e('acute_abdomen', ['sx.no_wind', 'sx.vomit|sx.distended'], 'message'),
	e('acute_abdomen', ['sx.distended', 'sx.vomit', 'sx.pain|mod.severe'], 'message'),
	e(
		'acute_abdomen',
		['b.testicle', 'sx.pain|sx.swelling', 'mod.sudden|mod.severe|sx.vomit|pain.severe'],
		'message'
	),
	u('acute_abdomen', ['b.testicle', 'sx.pain|sx.swelling'], 'message'),
	u('acute_abdomen', ['b.abdomen', 'sx.pain', 'mod.severe|pain.severe|mod.worsening']),
	e(
		'acute_abdomen',
		[
			'b.abdomen',
			'sx.pain',
			'mod.severe|pain.severe',
			`${FAINTNESS}|sx.vomit_blood|sx.black_stool|vital.bp_low`
		],
		'message'
	),

	// --- eye: NHS eye emergencies ---------------------------------------------------------------
	e('eye', ['sx.vision_loss', 'mod.sudden|mod.one'], 'sentence'),
	e('eye', ['b.eye', 'sub.caustic'], 'sentence', { keep: true }),
	u('eye', ['b.eye', 'sub.chemical'], 'sentence'),
	// Acute angle-closure glaucoma (NHS): a painful red eye with halos round lights, headache or vomiting.
	e(
		'eye',
		['sx.halos', 'sx.eye_pain|sx.pain|sx.headache', 'sx.red_eye|mod.red|sx.vomit|sx.nausea|sx.blurred'],
		'message'
	),
	// A blow to the eye with a change in vision or blood in it (NHS: A&E).
	e(
		'eye',
		['act.struck|ev.injury', 'b.eye|b.one_eye', 'sx.blurred|sx.vision_loss|sx.double_vision|sx.bleed'],
		'message'
	),
	// A painful red eye or something in it (NHS: see an optician or 111 today).
	u('eye', [
		'b.eye|b.one_eye',
		'mod.red|sx.red_eye|sx.scratchy',
		'sx.pain|sx.scratchy|sx.photophobia|sx.blurred'
	]),
	e('eye', ['b.eye', 'act.penetrate|sx.wound|sx.stab|sx.impaled'], 'clause', { keep: true }),
	// Something flew into the eye (grinding, hammering) and there is blood or the sight is changed.
	e('eye', ['b.eye', 'act.penetrate', 'sx.bleed|sx.blurred|sx.vision_loss'], 'sentence', { keep: true }),
	e(
		'eye',
		['b.eye', 'sx.pain', 'mod.severe|pain.severe', 'sx.blurred|sx.vision_loss|sx.halos|sx.vomit|sx.red_eye'],
		'message'
	),
	e('eye', ['sx.curtain']),
	// New floaters or flashes alone: same-day eye assessment; with a curtain or lost vision: now.
	e('eye', ['sx.flashes|sx.floaters', 'sx.curtain|sx.vision_loss'], 'sentence'),
	u('eye', ['sx.flashes|sx.floaters']),
	u('eye', ['sx.blurred', 'mod.sudden']),
	u('eye', ['b.eye', 'sx.pain', 'mod.severe|pain.severe']),

	// --- spinal (cauda equina): NHS ------------------------------------------------------------
	e('spinal', ['sx.numb', 'b.saddle']),
	e('spinal', ['b.back', 'sx.pain', 'sx.incontinence|sx.retention'], 'message'),
	e('spinal', ['b.back', 'sx.legs_deficit'], 'message'),
	e('spinal', ['sx.saddle_numb']),
	// A long-standing back (a disc known for years) is the background of cauda equina, not a reason
	// to wait: only the new deficit's own words can lower these ("numb legs for months").
	e(
		'spinal',
		['sx.legs_deficit', 'sx.incontinence|sx.retention|ev.fall|ev.injury|b.back|cond.back'],
		'message',
		{
			lowerFrom: [0]
		}
	),
	e('spinal', ['cond.back|b.back', 'sx.incontinence|sx.retention'], 'message', { lowerFrom: [1] }),

	// --- the assistant's own answer ------------------------------------------------------------
	e('advised', ['adv.emergency'], 'clause', { keep: true }),
	u('advised', ['adv.urgent'], 'clause', { keep: true })
];
