// A model answer as HTML, safe to put into the page with {@html}.
//
// Answers are written by a model that reads retrieved passages, so an answer may carry whatever a
// poisoned passage told the model to write. Markdown is rendered, but nothing in an answer can make
// the browser fetch anything or send the person anywhere off the device:
// - Raw HTML is escaped, never rendered (`html: false`); so are entities that spell HTML.
// - Images are never loaded: an image becomes its alt text in brackets, `[alt]`, as plain text.
// - A link stays a link only when it leads to this app's own origin (relative, or absolute with the
//   same origin) or is a `tel:` number of digits and separators (calling an emergency number from an
//   answer is useful, and a call only starts when the person taps it and confirms). Every other link (other origins, protocol-relative,
//   javascript:, data:, mailto:, blob:, …), autolinks `<https://…>` included, becomes its text only:
//   no <a>, and the URL is not shown as something to click. A kept link's href is the absolute URL
//   that was checked (`/about` becomes `https://<origin>/about`), without its query string (which
//   could carry app settings such as `?kiosk=0`), with rel="noopener noreferrer".
// - Headings become bold paragraphs, not <h1>–<h6>: an answer sits inside the conversation log, and a
//   heading of any level would either skip levels in the page outline or put model-written text
//   beside the app's own sections in a screen reader's heading list (where a passage could pose as
//   "Emergency numbers").
// - Table cell alignment becomes a class (`align-left|center|right`), not an inline style attribute:
//   the Content-Security-Policy (src/lib/csp.js) allows no inline styles.
// - Single newlines are line breaks (`breaks: true`): models write lists of lines that way.
// The only tags produced are p, br, strong, em, s, code, pre, blockquote, ul, ol, li, hr, div,
// table, thead, tbody, tr, th, td and a; the only attributes are href, rel, title (a), class (p,
// div, th, td; fixed values) and start (ol). No attribute starts with "on".
//
// Streaming: the answer is re-rendered on every token, so it must render sensibly when cut short.
// An unclosed code fence runs to the end of the answer (CommonMark), so a half-written code block
// shows as code; an unclosed `**` shows literally until its closing `**` arrives.
import MarkdownIt from 'markdown-it';
import type { StateCore, Token } from 'markdown-it';

const markdown = new MarkdownIt('default', {
	html: false,
	linkify: false,
	typographer: false,
	breaks: true
});

// Let every link and image through the parser: the policy below decides what each becomes. With
// markdown-it's own check, `[x](javascript:…)` stays literal text and shows the URL it refused.
markdown.validateLink = () => true;

/** Rewrites the parsed answer in place; see the module comment for what and why. */
function applyAnswerPolicy(state: StateCore): void {
	const origin = typeof state.env.origin === 'string' ? state.env.origin : '';
	for (const [index, token] of state.tokens.entries()) {
		switch (token.type) {
			case 'heading_open':
				headingAsParagraph(state, token, state.tokens[index + 1]);
				break;
			case 'heading_close':
				token.type = 'paragraph_close';
				token.tag = 'p';
				break;
			case 'th_open':
			case 'td_open':
				alignmentAsClass(token);
				break;
			case 'fence':
				// No highlighting here, so the info string would only become a class the model chose.
				token.info = '';
				break;
			case 'inline':
				if (token.children) token.children = inlineChildren(token.children, origin);
				break;
		}
	}
}

/** `<hN>` becomes `<p class="answer-heading"><strong>`; its closing token is changed by the caller. */
function headingAsParagraph(state: StateCore, token: Token, inline: Token | undefined): void {
	token.type = 'paragraph_open';
	token.tag = 'p';
	token.attrs = [['class', 'answer-heading']];
	if (inline?.type !== 'inline' || !inline.children) return;
	inline.children = [
		new state.Token('strong_open', 'strong', 1),
		...inline.children,
		new state.Token('strong_close', 'strong', -1)
	];
}

function alignmentAsClass(token: Token): void {
	const style = String(token.attrGet('style') ?? '');
	token.attrs = null;
	const align = style.match(/^text-align:(left|center|right)$/)?.[1];
	if (align) token.attrSet('class', `align-${align}`);
}

/** Inline tokens with images as text and disallowed links unwrapped to their text. */
function inlineChildren(children: Token[], origin: string): Token[] {
	const result: Token[] = [];
	// One entry per open link: whether it was kept, so each close goes (or goes not) with its open.
	const open: boolean[] = [];
	for (const child of children) {
		switch (child.type) {
			case 'link_open': {
				const href = allowedHref(String(child.attrGet('href') ?? ''), origin);
				open.push(href !== null);
				if (href === null) break;
				const title = child.attrGet('title');
				child.attrs = [['href', href]];
				if (title) child.attrSet('title', title);
				child.attrSet('rel', 'noopener noreferrer');
				result.push(child);
				break;
			}
			case 'link_close':
				if (open.pop()) result.push(child);
				break;
			case 'image':
				// Handled by the image renderer (below), which never emits <img>.
				child.attrs = null;
				result.push(child);
				break;
			default:
				result.push(child);
		}
	}
	return result;
}

/**
 * The href to keep, or null when the link must become text. `href` is markdown-it's normalised
 * destination, exactly what would go into the attribute (the browser parses the same string).
 */
function allowedHref(href: string, origin: string): string | null {
	if (/^tel:/i.test(href)) return isPhoneNumber(href.slice(4)) ? href : null;
	const own = ownOrigin(origin);
	if (own === null) return null;
	let url: URL;
	try {
		url = new URL(href, `${own}/`);
	} catch {
		return null;
	}
	if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
	if (url.origin !== own) return null;
	// No query string: the app reads settings from it (`?kiosk=…`), and an answer (or the passage
	// behind it) must not change how the app behaves for the next patient. Path and fragment stay.
	url.search = '';
	// The kept href is the absolute URL that was checked, so what the browser follows does not depend
	// on how it would resolve a relative reference (the page's path, a <base>).
	return url.href;
}

/** `origin` when it is an http(s) origin (scheme://host[:port]), else null (e.g. "null"). */
function ownOrigin(origin: string): string | null {
	try {
		const url = new URL(origin);
		if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
		return url.origin === origin ? origin : null;
	} catch {
		return null;
	}
}

function isPhoneNumber(encoded: string): boolean {
	let number: string;
	try {
		number = decodeURIComponent(encoded);
	} catch {
		return false;
	}
	return /^\+?[\d\s().*#-]+$/.test(number) && /\d/.test(number);
}

// Belt and braces: whatever reaches the renderer as an image prints as text, never as <img>.
markdown.renderer.rules.image = (tokens, index, options, env, self) => {
	const alt = self.renderInlineAsText(tokens[index]?.children ?? [], options, env).trim();
	return alt ? markdown.utils.escapeHtml(`[${alt}]`) : '';
};

// A wide table scrolls inside its own box rather than widening the message; the wrapper keeps the
// table's own display (and so its table semantics for screen readers).
markdown.renderer.rules.table_open = () => '<div class="table-scroll">\n<table>\n';
markdown.renderer.rules.table_close = () => '</table>\n</div>\n';

markdown.core.ruler.push('answer_policy', applyAnswerPolicy);

/**
 * Renders a model answer (Markdown) as HTML that is safe to insert into the page.
 *
 * @param source the answer so far (may be cut mid-stream)
 * @param origin the app's origin, e.g. `location.origin`; links elsewhere become text. Anything that
 *   is not an http(s) origin (such as "null") keeps no links but `tel:`.
 * @returns HTML. Never throws: should the renderer fail, the answer comes back as escaped text.
 */
export function renderAnswer(source: string, origin: string): string {
	try {
		return markdown.render(source, { origin });
	} catch {
		return plainText(source);
	}
}

function plainText(source: unknown): string {
	const text = typeof source === 'string' ? source : '';
	if (!text) return '';
	return `<p>${markdown.utils.escapeHtml(text).replace(/\r\n?|\n/g, '<br>\n')}</p>\n`;
}
