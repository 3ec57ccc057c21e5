// Public surface of the safety module (pure functions; imports nothing from the app).
export {
	assess,
	assessAnswer,
	warmUp,
	validateExtraTerms,
	CATEGORY_IDS,
	STAFF_CATEGORY_IDS,
	LEVELS,
	EXTRA_TERM_LIMITS,
	isCategoryId,
	levelRank
} from './emergency';
export type {
	AssessOptions,
	CategoryId,
	EmergencyVerdict,
	Evidence,
	ExtraTerms,
	Finding,
	Level,
	RejectedTerm,
	SuppressedEvidence,
	SuppressionReason,
	TriageVerdict
} from './emergency';
export { redact, PLACEHOLDERS } from './redact';
export type { IdentifierKind, Redaction, RedactionSpan } from './redact';
export {
	finish,
	renderFinished,
	stripThinking,
	mentionsMedication,
	FALLBACK_SENTENCE,
	MEDICATION_ADVISORY,
	DISCLAIMER
} from './finish';
export type { FinishContext, FinishedAnswer } from './finish';
export { emergencyContacts, parseContactNumber, regionOf } from './numbers';
export type { ContactNumber, ContactOverride, ContactOverrides, EmergencyContacts } from './numbers';
export { FIRST_STEPS, firstSteps, firstStepsFor } from './first-steps';
export { MAX_MESSAGE_CHARS, checkLength } from './limits';
export type { LengthCheck } from './limits';
export { contentLocale } from './locale';
export type { SafetyLocale } from './locale';
export {
	isLuhnValid,
	isNhsNumber,
	isResidentId15,
	isResidentId18,
	isSsnShape,
	residentIdCheckChar
} from './checksums';
