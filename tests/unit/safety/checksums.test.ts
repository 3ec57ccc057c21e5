import { describe, expect, it } from 'vitest';
import {
	isHkIdentityCard,
	isLuhnValid,
	isNhsNumber,
	isResidentId15,
	isResidentId18,
	isSsnShape,
	isTaiwanId,
	residentIdCheckChar
} from '../../../src/lib/safety/checksums';

describe('residentIdCheckChar', () => {
	it('computes the GB 11643-1999 check character', () => {
		expect(residentIdCheckChar('11010119900307123')).toBe('3');
		expect(residentIdCheckChar('44030619851201002')).toBe('X');
	});

	it('returns null for anything but 17 digits', () => {
		expect(residentIdCheckChar('1234')).toBeNull();
		expect(residentIdCheckChar('1101011990030712X')).toBeNull();
	});
});

describe('isResidentId18', () => {
	it('accepts valid IDs, with upper or lower-case X', () => {
		expect(isResidentId18('110101199003071233')).toBe(true);
		expect(isResidentId18('44030619851201002X')).toBe(true);
		expect(isResidentId18('44030619851201002x')).toBe(true);
	});

	it('rejects a wrong check character, an impossible date or an unknown province', () => {
		expect(isResidentId18('110101199003071234')).toBe(false);
		expect(isResidentId18('110101199002301236')).toBe(false);
		expect(isResidentId18('990101199003071233')).toBe(false);
	});
});

describe('isResidentId15', () => {
	it('accepts a first-generation ID with a real birth date', () => {
		expect(isResidentId15('110101900307123')).toBe(true);
	});

	it('rejects an impossible date', () => {
		expect(isResidentId15('110101901332123')).toBe(false);
	});
});

describe('isLuhnValid', () => {
	it('accepts Luhn-valid card numbers', () => {
		expect(isLuhnValid('4111111111111111')).toBe(true);
		expect(isLuhnValid('6222021234567890128')).toBe(true);
	});

	it('rejects a wrong check digit or a wrong length', () => {
		expect(isLuhnValid('4111111111111112')).toBe(false);
		expect(isLuhnValid('4111')).toBe(false);
	});
});

describe('isNhsNumber', () => {
	it('accepts a mod-11 valid NHS number', () => {
		expect(isNhsNumber('9434765919')).toBe(true);
	});

	it('rejects a wrong check digit', () => {
		expect(isNhsNumber('9434765918')).toBe(false);
	});
});

describe('isSsnShape', () => {
	it('accepts a well-formed SSN and rejects reserved areas', () => {
		expect(isSsnShape('123456789')).toBe(true);
		expect(isSsnShape('000456789')).toBe(false);
		expect(isSsnShape('666456789')).toBe(false);
		expect(isSsnShape('923456789')).toBe(false);
	});
});

describe('isHkIdentityCard', () => {
	it('accepts published examples with one or two letters, bracketed or not, and check A', () => {
		expect(isHkIdentityCard('A123456(3)')).toBe(true);
		expect(isHkIdentityCard('CA182361(1)')).toBe(true);
		expect(isHkIdentityCard('A1234563')).toBe(true);
		expect(isHkIdentityCard('Z683365(A)')).toBe(true);
	});

	it('rejects a wrong check character and malformed values', () => {
		expect(isHkIdentityCard('A123456(4)')).toBe(false);
		expect(isHkIdentityCard('A12345(3)')).toBe(false);
		expect(isHkIdentityCard('1234567(3)')).toBe(false);
		expect(isHkIdentityCard('')).toBe(false);
	});
});

describe('isTaiwanId', () => {
	it('accepts a valid ID', () => {
		expect(isTaiwanId('A123456789')).toBe(true);
		expect(isTaiwanId('a123456789')).toBe(true);
	});

	it('rejects a wrong check digit, a wrong sex digit or a wrong length', () => {
		expect(isTaiwanId('A123456788')).toBe(false);
		expect(isTaiwanId('A323456789')).toBe(false);
		expect(isTaiwanId('A12345678')).toBe(false);
	});
});
