import { describe, expect, it } from 'vitest';
import { passageUrl, sourceHref } from '$lib/chat/links';

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

	it('refuses a link the URL parser would send to another host: backslashes, tabs, line breaks, credentials', () => {
		for (const url of [
			'https:\\\\evil.example/x',
			'https:/\\evil.example/x',
			'http:\\evil.example',
			'https://app.example\\@evil.example/',
			'https://app.example@evil.example/',
			'https://user:pass@who.int/x',
			'https://who.int/%5Cx',
			'https://who.int/a\tb',
			'https://who.int/a\nb',
			'ht\ttps://evil.example/',
			'\\\\evil.example',
			'/\\evil.example'
		])
			expect({ url, href: sourceHref(url, ORIGIN) }).toEqual({ url, href: null });
	});

	it('refuses anything that is not an absolute http(s) URL', () => {
		for (const url of ['/?kiosk=0', '//evil.example/x', 'javascript:alert(1)', 'data:text/html,x', '', null])
			expect(sourceHref(url, ORIGIN)).toBeNull();
	});
});

describe('passageUrl', () => {
	it('keeps a path on this site, resolved against it', () => {
		expect(passageUrl('/guides/fever.html?x=1#dose', ORIGIN)?.href).toBe(
			'https://app.example/guides/fever.html?x=1#dose'
		);
		expect(passageUrl('https://www.nhs.uk/a', ORIGIN)?.href).toBe('https://www.nhs.uk/a');
		expect(passageUrl('/guides/fever.html', ORIGIN, false)).toBeNull();
	});

	it('refuses a path that leaves the site once the URL parser has normalised it', () => {
		for (const url of [
			'/\\evil.example',
			'\\\\evil.example',
			'//evil.example',
			'/%5Cevil.example',
			'/%2F%2Fevil.example',
			'/\t/evil.example',
			'/\n/evil.example',
			'/ /evil.example',
			'/.//evil.example',
			'/./\\evil.example',
			'javascript:alert(1)',
			'guides/x.html',
			42,
			null
		])
			expect({ url, kept: passageUrl(url, ORIGIN)?.href ?? null }).toEqual({ url, kept: null });
	});
});
