// Where a knowledge-base passage's "open" link may lead: an http(s) page elsewhere (the guideline's
// own site), or a page of this app without its query string — the app reads settings from the query
// (`?kiosk=…`), and a passage must not change how the app behaves for the next patient.

/** The href for a passage's source URL, or null when it must not be a link. */
export function sourceHref(url: string | null | undefined, origin: string): string | null {
	if (typeof url !== 'string' || !/^https?:\/\//i.test(url.trim())) return null;
	let parsed: URL;
	try {
		parsed = new URL(url.trim());
	} catch {
		return null;
	}
	if (parsed.origin === origin) parsed.search = '';
	return parsed.href;
}
