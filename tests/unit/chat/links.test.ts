import { describe, expect, it } from 'vitest';
import { sourceHref } from '$lib/chat/links';

const ORIGIN = 'https://app.example';

describe('sourceHref', () => {
	it('keeps an http(s) guideline page elsewhere as it is', () => {
		expect(sourceHref('https://www.nhs.uk/conditions/sepsis/?tab=1', ORIGIN)).toBe(
			'https://www.nhs.uk/conditions/sepsis/?tab=1'
		);
		expect(sourceHref('http://who.int/x', ORIGIN)).toBe('http://who.int/x');
	});

	it("drops the query string of this app's own pages, so a passage cannot turn kiosk mode off", () => {
		expect(sourceHref('https://app.example/?kiosk=0', ORIGIN)).toBe('https://app.example/');
		expect(sourceHref('HTTPS://APP.EXAMPLE/settings?kiosk=0#pin', ORIGIN)).toBe(
			'https://app.example/settings#pin'
		);
	});

	it('refuses anything that is not an absolute http(s) URL', () => {
		for (const url of ['/?kiosk=0', '//evil.example/x', 'javascript:alert(1)', 'data:text/html,x', '', null])
			expect(sourceHref(url, ORIGIN)).toBeNull();
	});
});
