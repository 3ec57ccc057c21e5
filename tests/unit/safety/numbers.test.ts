import { describe, expect, it } from 'vitest';
import { emergencyContacts, regionOf, type ContactOverrides } from '../../../src/lib/safety/numbers';

describe('emergencyContacts', () => {
	it('gives 120 and the 12356 crisis line for zh-CN', () => {
		const c = emergencyContacts('zh-CN');
		expect(c.region).toBe('CN');
		expect(c.known).toBe(true);
		expect(c.emergency.number).toBe('120');
		expect(c.secondary.map((s) => s.number)).toEqual(['110', '119']);
		expect(c.crisis?.number).toBe('12356');
	});

	it('gives 911 and 988 for en-US', () => {
		const c = emergencyContacts('en-US');
		expect(c.emergency.number).toBe('911');
		expect(c.crisis?.number).toBe('988');
	});

	it('gives 999, NHS 111 and Samaritans 116 123 for en-GB', () => {
		const c = emergencyContacts('en-GB');
		expect(c.emergency.number).toBe('999');
		expect(c.secondary.map((s) => s.number)).toEqual(['111']);
		expect(c.crisis?.number).toBe('116 123');
	});

	it('labels every number in both languages', () => {
		const c = emergencyContacts('en-GB');
		expect(c.emergency.label).toEqual({ 'zh-CN': '急救电话', en: 'Emergency (ambulance)' });
	});

	it('falls back to 112 and says the region is unknown', () => {
		const c = emergencyContacts('fr-FR');
		expect(c).toEqual({
			region: 'FR',
			known: false,
			emergency: {
				number: '112',
				label: {
					'zh-CN': '当地急救电话（多数手机可拨 112）',
					en: 'Local emergency number (112 works from most mobile phones)'
				}
			},
			secondary: [],
			crisis: null
		});
	});

	it('applies a valid override for another region', () => {
		const c = emergencyContacts('fr-FR', {
			FR: {
				emergency: { number: '15', label: { 'zh-CN': '急救', en: 'SAMU' } },
				crisis: { number: '3114', label: { 'zh-CN': '危机热线', en: '3114' } }
			}
		});
		expect(c.known).toBe(true);
		expect(c.emergency).toEqual({ number: '15', label: { 'zh-CN': '急救', en: 'SAMU' } });
		expect(c.crisis?.number).toBe('3114');
	});

	it('ignores an invalid override instead of throwing', () => {
		const bad = { CN: { emergency: { number: 'call someone', label: {} } } } as unknown as ContactOverrides;
		expect(emergencyContacts('zh-CN', bad).emergency.number).toBe('120');
		expect(() => emergencyContacts('zh-CN', { CN: null } as unknown as ContactOverrides)).not.toThrow();
	});
});

describe('regionOf', () => {
	it('maps locale and region tags to region codes', () => {
		expect(regionOf('zh-CN')).toBe('CN');
		expect(regionOf('zh')).toBe('CN');
		expect(regionOf('en-GB')).toBe('GB');
		expect(regionOf('UK')).toBe('GB');
		expect(regionOf('en_US')).toBe('US');
		expect(regionOf('zh-Hant-TW')).toBe('TW');
		expect(regionOf('en')).toBe('default');
		expect(regionOf('')).toBe('default');
	});
});
