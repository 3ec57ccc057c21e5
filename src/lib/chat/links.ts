// Where a knowledge-base passage's "open" link may lead: an http(s) page elsewhere (the guideline's
// own site), or a page of this app without its query string — the app reads settings from the query
// (`?kiosk=…`), and a passage must not change how the app behaves for the next patient.
//
// The same rule decides which `url` an uploaded file may carry (retrieval/parse.ts), which one a
// citation keeps (retrieval/passages.ts) and which one is rendered (Sources.svelte), so a hostile
// value is refused on the way in and again on the way out. The URL parser is lenient where an
// attacker wants it to be: it reads "\" as "/" and drops tabs and line breaks, so "/\evil.example",
// "/\t/evil.example" and "\\evil.example" all become "https://evil.example/". A value is therefore
// refused when it holds a backslash (also as "%5C"), white space or a control character anywhere,
// or user name and password (`https://clinic.example@evil.example`), before it is parsed at all.

/** Backslash, white space, C0/C1 controls, or a percent-encoded backslash. */
// eslint-disable-next-line no-control-regex -- detecting control characters is the point
const UNSAFE = /[\\\u0000-\u0020\u007f-\u009f\u2028\u2029]|%5c/i;
const ABSOLUTE = /^https?:\/\//i;

/**
 * The URL `url` stands for when it may be a passage's link, else null: an absolute http(s) URL
 * without credentials, or — when `allowPath` — a path on `origin` ("/guides/x.html") that stays on
 * `origin` once parsed and cannot be read as protocol-relative ("//host"), nor encode a "/" or "\"
 * in its first segment ("/%2F…").
 */
export function passageUrl(url: unknown, origin: string, allowPath = true): URL | null {
	if (typeof url !== 'string') return null;
	const value = url.trim();
	if (value === '' || UNSAFE.test(value)) return null;
	const isPath = value.startsWith('/');
	if (isPath ? !allowPath || value.startsWith('//') || /^\/%2f/i.test(value) : !ABSOLUTE.test(value))
		return null;
	let parsed: URL;
	try {
		parsed = isPath ? new URL(value, origin) : new URL(value);
	} catch {
		return null;
	}
	if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return null;
	if (parsed.username !== '' || parsed.password !== '') return null;
	if (isPath && (parsed.origin !== new URL(origin).origin || parsed.pathname.startsWith('//'))) return null;
	return parsed;
}

/** The href for a passage's source URL (absolute, as citations keep it), or null when it must not be a link. */
export function sourceHref(url: string | null | undefined, origin: string): string | null {
	const parsed = passageUrl(url, origin, false);
	if (parsed === null) return null;
	if (parsed.origin === origin) parsed.search = '';
	return parsed.href;
}
