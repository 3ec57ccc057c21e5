// E-mail addresses, URLs that carry a person's handle, and IP addresses (HIPAA Safe Harbor identifiers (F), (N), (O); PIPL
// 通讯联系方式). Scanned by hand from an anchor ('@', "://", "www.", a dotted quad, a colon group)
// with bounded lengths, so no regex can backtrack over a long message.

import { isAsciiLetter, isDigit, isHanChar, isLetter } from './chars';
import type { HitSet } from './types';

const isLocalAscii = (c: string) =>
	isAsciiLetter(c) ||
	isDigit(c) ||
	c === '.' ||
	c === '_' ||
	c === '%' ||
	c === '+' ||
	c === '-' ||
	c === "'";
const isLocalLatin = (c: string) => isLocalAscii(c) || (c > '\u007f' && !isHanChar(c) && isLetter(c));

// Words a Chinese patient puts right before an address written without a space ("邮箱林小雨@…").
const ZH_EMAIL_LEAD = /^(?:.*?(?:邮箱地址|邮箱|电邮|邮件|发到|发给|发我|是|为|：|:))/u;

/**
 * E-mail, RFC 5322 dot-atoms and RFC 6530 internationalised addresses (Unicode local part and IDN
 * domain), with the full-width '＠' and the ideographic '。' a Chinese IME types (normalize() has
 * already folded '＠' and '．').
 */
export function findEmails(view: string, hits: HitSet): void {
	let at = view.indexOf('@');
	while (at !== -1) {
		const next = scanEmail(view, at);
		if (next !== null) hits.add({ kind: 'email', start: next.start, end: next.end });
		at = view.indexOf('@', Math.max(next?.end ?? at + 1, at + 1));
	}
}

function scanEmail(view: string, at: number): { start: number; end: number } | null {
	const before = view.charAt(at - 1);
	let s = at;
	if (isHanChar(before)) {
		while (s > 0 && at - s < 32 && isHanChar(view.charAt(s - 1))) s--;
		const lead = ZH_EMAIL_LEAD.exec(view.slice(s, at));
		if (lead !== null && lead[0].length < at - s) s += lead[0].length;
	} else {
		while (s > 0 && at - s < 64 && isLocalLatin(view.charAt(s - 1))) s--;
		while (s < at && (view.charAt(s) === '.' || view.charAt(s) === "'")) s++;
	}
	if (s >= at) return null;
	// Domain: labels of letters (any script), digits and '-', joined by '.' or '。'. A domain that
	// starts in Latin letters stops at the first Han character (so "qq.com。谢谢" ends at "com").
	const ascii = !isHanChar(view.charAt(at + 1));
	const labels: string[] = [];
	let label = '';
	let e = at + 1;
	let end = at + 1;
	while (e < view.length && e - at < 255) {
		const c = view.charAt(e);
		const isDot = c === '.' || c === '。';
		if (isDot) {
			if (label.length === 0) break;
			labels.push(label);
			label = '';
			e++;
			continue;
		}
		const ok = (isLetter(c) && (!ascii || !isHanChar(c))) || isDigit(c) || c === '-';
		if (!ok || label.length >= 63) break;
		label += c;
		e++;
		end = e;
	}
	if (label.length > 0) labels.push(label);
	const tld = labels[labels.length - 1] ?? '';
	if (labels.length < 2 || tld.length < 2 || !/^[\p{L}]+$/u.test(tld)) return null;
	return { start: s, end };
}

// "john dot smith at gmail dot com", "jane(at)example(dot)org": an address spelled out to dodge
// spam filters. Needs both an "at" and a "dot" before a known top-level domain. Matched on the
// case-folded view (chars.ts foldCase) without the `i` flag; U+0345 is the one character `iu` adds
// to [\p{L}\p{N}] (it case-folds to a Greek letter), so the classes name it to match as `giu` did.
const SPELLED_EMAIL =
	/(?<![\p{L}\p{N}\u0345])[\p{L}\p{N}\u0345._-]{1,64}(?:\s(?:dot|\.)\s[\p{L}\p{N}\u0345_-]{1,32}){0,3}\s?(?:\s+at\s+|\(at\)|\[at\]|\{at\})\s?[\p{L}\p{N}\u0345-]{1,63}(?:\s?(?:\s+dot\s+|\(dot\)|\[dot\])\s?[\p{L}\p{N}\u0345-]{1,63}){1,3}(?![\p{L}\p{N}\u0345])/gu;

export function findSpelledEmails(view: string, lower: string, hits: HitSet): void {
	findDisguisedEmails(view, lower, hits);
	// Every match holds "at" (folded): none can start where there is none.
	if (!lower.includes('at')) return;
	for (const m of lower.matchAll(SPELLED_EMAIL)) {
		const original = view.slice(m.index, m.index + m[0].length);
		const tld = /([\p{L}]+)$/u.exec(original)?.[1]?.toLowerCase() ?? '';
		if (TLDS.has(tld)) hits.add({ kind: 'email', start: m.index, end: m.index + m[0].length });
	}
}

// An address with only its '@' disguised and real dots in the domain: "(at)", "[at]", "{at}",
// "(@)", '#' or 艾特 for the '@' ("wangxl1988(at)qq.com", "lena[at]müller.de", "zhouyu#163.com"), or
// a spoken " at " before a domain of a known mail provider ("j.kerr at gmail.com").
const DISGUISED_EMAIL =
	/(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}][\p{L}\p{N}._%+-]{0,63}?(?:\s?(?:\(at\)|\[at\]|\{at\}|\(@\)|\[@\]|艾特)\s?|#|\s(at)\s)([\p{L}\p{N}-]{1,63}(?:\.[\p{L}\p{N}-]{1,63}){1,3})(?![\p{L}\p{N}]|\.[\p{L}\p{N}])/gu;
// Hosts of the large mail services, for an address whose '@' is said as "at".
const MAIL_HOSTS = new Set(
	'gmail googlemail outlook hotmail live msn yahoo ymail icloud me mac aol proton protonmail pm gmx web mail yandex zoho qq foxmail 163 126 yeah sina sohu aliyun 139 189 naver daum hanmail'.split(
		' '
	)
);

const DISGUISED_AT = ['(at)', '[at]', '{at}', '(@)', '[@]', '#', '艾特', ' at '];

function findDisguisedEmails(view: string, lower: string, hits: HitSet): void {
	if (!DISGUISED_AT.some((at) => lower.includes(at))) return;
	for (const m of lower.matchAll(DISGUISED_EMAIL)) {
		const domain = m[2] ?? '';
		const labels = domain.split('.');
		const tld = labels[labels.length - 1] ?? '';
		if (!TLDS.has(tld) && !/^\p{L}{2,}$/u.test(tld)) continue;
		// A spoken "at" only before a mail service ("meet at clinic.org" is no address), and a '#'
		// or a bracket only before a known top-level domain.
		if (m[1] !== undefined ? !MAIL_HOSTS.has(labels[0] ?? '') : !TLDS.has(tld)) continue;
		hits.add({ kind: 'email', start: m.index, end: m.index + m[0].length });
	}
}

// Top-level domains accepted for a URL written without a scheme ("facebook.com/jane.doe").
const TLDS = new Set(
	'com net org edu gov info io me co uk cn hk tw sg au nz ca us de fr es it nl ie in jp kr my ph th vn ru br example test app dev site online page link ly gl be cc tv'.split(
		' '
	)
);

const URL_CHAR = /[A-Za-z0-9\-._~:/?#[\]@!$&*+,;=%\p{L}\p{N}]/u;
const URL_ASCII = new Uint8Array(128);
for (let c = 0; c < 128; c++) URL_ASCII[c] = URL_CHAR.test(String.fromCharCode(c)) ? 1 : 0;

/** URL_CHAR.test(view.charAt(i)), without a regex call for ASCII. */
function isUrlChar(view: string, i: number): boolean {
	const code = view.charCodeAt(i);
	return code < 128 ? URL_ASCII[code] === 1 : URL_CHAR.test(view.charAt(i));
}

// A scheme, "www." or a bare host with a known-looking TLD and a path. A match right after a letter,
// digit, '@' or '.' is part of something else (an e-mail, a longer word) and is skipped below; the
// lookbehinds skip those positions without reading a whole word from each of them (with a '-' too
// for the bare host: a host read from a '-' would have been read from the position before it).
const URL_START =
	/(?<![a-z0-9@.])(?:https?:\/\/|www\.)|(?<![a-z0-9@.-])[a-z0-9-]{2,63}(?:\.[a-z0-9-]{1,63}){0,4}\.[a-z]{2,12}\//g;

/** /[a-z0-9@.]/ for the code unit before a URL. */
const isUrlGlued = (code: number): boolean =>
	(code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39) || code === 0x40 || code === 0x2e;

// Sites where a path names a person (a profile, a channel, a chat link).
const SOCIAL =
	/(?:^|\.)(?:facebook|fb|instagram|twitter|x|tiktok|douyin|weibo|xiaohongshu|xhslink|zhihu|bilibili|linkedin|youtube|youtu|t|wa|telegram|github|gitlab|medium|substack|reddit|pinterest|snapchat|threads|vk|ok|line|me|wechat|weixin|qq|douban|kuaishou|mastodon|bsky|onlyfans|patreon|flickr|tumblr|about|linktr)\.[a-z.]+$/i;
// File-sharing and cloud-drive links: whatever the path holds opens the patient's own files (a
// scan, a report), so any link with a path is taken ("pan.baidu.com/s/1aBcD…", "drive.google.com/…").
const FILE_SHARE =
	/(?:^|\.)(?:pan\.baidu|yun\.baidu|drive\.google|docs\.google|photos\.google|photos\.app\.goo|dropbox|onedrive\.live|1drv|sharepoint|icloud|box|wetransfer|we\.tl|mega|weiyun|share\.weiyun|aliyundrive|alipan|quark|pan\.quark|lanzou[a-z]*|ctfile|115|pan\.xunlei|jianguoyun|kdocs|docs\.qq|shimo|feishu|larksuite|wps|notion|evernote|yinxiang)\.[a-z.]+$/i;
// Path segments after which the next one is an account ("/u/5823746190", "/in/jane-doe").
const ACCOUNT_SEGMENT = new Set([
	'u',
	'user',
	'users',
	'profile',
	'profiles',
	'people',
	'person',
	'in',
	'member',
	'members',
	'id',
	'uid',
	'home',
	'channel',
	'c',
	'author',
	'authors',
	'patient',
	'patients',
	'account'
]);
const ACCOUNT_PARAM =
	/[?&#](?:id|uid|user|username|userid|name|email|mail|phone|tel|mobile|patient|mrn|member|profile|account|handle)=/i;

/**
 * URLs that carry a person: HIPAA lists web URLs among the identifiers, and the part of a URL that
 * identifies someone is a handle, an account id or a name in the path or query
 * ("weibo.com/u/5823746190", ".../jane-doe-acl", "?user=…", any path on a social site). A link to a
 * page about a condition ("www.nhs.uk/conditions/asthma/") names nobody and stays.
 */
export function findUrls(
	view: string,
	folded: string,
	hits: HitSet,
	isPersonWord: (word: string) => boolean,
	isPersonHost: (label: string) => boolean = () => false
): void {
	// The patterns below are ASCII, so the case-folded view matches where view.toLowerCase() would,
	// except for 'ſ', which foldCase turns into 's' and toLowerCase keeps: then, and only when that
	// keeps the length (no 'İ'), the old lower-cased copy is used.
	// A URL has a '/' (the scheme's, or the path after a bare host) or starts with "www.".
	if (!view.includes('/') && !folded.includes('www.')) return;
	const lowered = view.includes('\u017f') ? view.toLowerCase() : folded;
	const lower = lowered.length === view.length ? lowered : folded;
	URL_START.lastIndex = 0;
	let m: RegExpExecArray | null;
	while ((m = URL_START.exec(lower)) !== null) {
		const start = m.index;
		if (start > 0 && isUrlGlued(lower.charCodeAt(start - 1))) continue;
		if (!m[0].includes(':') && !m[0].startsWith('www.')) {
			const host = m[0].slice(0, -1);
			const tld = host.slice(host.lastIndexOf('.') + 1);
			if (!TLDS.has(tld)) continue;
		}
		let end = start + m[0].length;
		while (end < view.length && end - start < 2048 && isUrlChar(view, end)) end++;
		// Resume after this URL: a URL is read once, so the scan stays linear.
		URL_START.lastIndex = Math.max(end, start + 1);
		while (end > start && /[.,;:!?'")\]]/.test(view.charAt(end - 1))) end--;
		const url = view.slice(start, end).toLowerCase();
		const rest = url.replace(/^[a-z]+:\/\//, '');
		const cut = rest.search(/[/?#]/);
		if (cut === -1) continue;
		const host = rest
			.slice(0, cut)
			.replace(/^www\./, '')
			.replace(/:\d+$/, '');
		const tail = rest.slice(cut);
		const segments =
			tail
				.split(/[?#]/)[0]
				?.split('/')
				.filter((x) => x.length > 0) ?? [];
		if (segments.length === 0 && !ACCOUNT_PARAM.test(tail)) continue;
		const personal =
			SOCIAL.test(host) ||
			FILE_SHARE.test(host) ||
			ACCOUNT_PARAM.test(tail) ||
			/[@~]/.test(tail) ||
			segments.some(
				(seg, i) => (ACCOUNT_SEGMENT.has(seg) && i < segments.length - 1) || /\d{5,}/.test(seg)
			) ||
			segments.some((seg) => seg.split(/[-_.+]/).some((w) => w.length > 1 && isPersonWord(w))) ||
			// A personal site named after its owner ("janesmithrecovers.com/about").
			host
				.split('.')
				.slice(0, -1)
				.some(
					(label) =>
						isPersonHost(label) ||
						isPersonHost(label.replace(/-/g, '')) ||
						// "livingwithlupus-claire": a given name as one part of a hyphenated host.
						(label.includes('-') && label.split('-').some((part) => part.length > 2 && isPersonWord(part)))
				);
		if (personal) hits.add({ kind: 'url', start, end });
	}
}

const IPV4 =
	/(?<![\d.])(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?![\d]|\.\d)/g;
/** A hex digit or ':' (an IPv6 candidate's characters), by code unit. */
const isHexOrColon = (code: number): boolean =>
	(code >= 0x30 && code <= 0x3a) || (code >= 0x61 && code <= 0x66) || (code >= 0x41 && code <= 0x46);

/** IPv4 dotted quads (each part ≤ 255) and IPv6 addresses (RFC 4291 text form, "::" allowed once). */
export function findIps(view: string, hits: HitSet): void {
	for (const m of view.includes('.') ? view.matchAll(IPV4) : []) {
		// "version 1.2.3.4" is a version number, not an address.
		if (/(?:version|ver\.?|v)\s?$/i.test(view.slice(Math.max(0, m.index - 8), m.index))) continue;
		hits.add({ kind: 'ip', start: m.index, end: m.index + m[0].length });
	}
	// Each colon's candidate is the run of hex digits and colons around it, cut to 45 characters:
	// from max(run start, colon - 45) to min(run end, that + 45). The run and its colon counts are
	// read once, not once per colon.
	let i = view.indexOf(':');
	let runStart = -1;
	let runEnd = -1;
	let colonsBefore = new Int32Array(0);
	while (i !== -1) {
		if (i < runStart || i >= runEnd) {
			runStart = i;
			while (runStart > 0 && isHexOrColon(view.charCodeAt(runStart - 1))) runStart--;
			runEnd = i;
			while (runEnd < view.length && isHexOrColon(view.charCodeAt(runEnd))) runEnd++;
			colonsBefore = new Int32Array(runEnd - runStart + 1);
			for (let k = runStart; k < runEnd; k++)
				colonsBefore[k - runStart + 1] =
					(colonsBefore[k - runStart] ?? 0) + (view.charCodeAt(k) === 0x3a ? 1 : 0);
		}
		const s = Math.max(runStart, i - 45);
		const e = Math.min(runEnd, s + 45);
		const colons = (colonsBefore[e - runStart] ?? 0) - (colonsBefore[s - runStart] ?? 0);
		const before = view.charAt(s - 1);
		const after = view.charAt(e);
		// isIpv6 wants 3 to 9 colons (8 groups; or up to 7 around one "::" and a colon at either
		// end): fewer is a time, a ratio, a label.
		if (
			colons >= 3 &&
			colons <= 9 &&
			isIpv6(view.slice(s, e)) &&
			!isLetter(before) &&
			!isLetter(after) &&
			after !== '.'
		) {
			hits.add({ kind: 'ip', start: s, end: e });
		}
		i = view.indexOf(':', Math.max(e, i + 1));
	}
}

function isIpv6(candidate: string): boolean {
	const double = candidate.indexOf('::');
	if (double !== candidate.lastIndexOf('::')) return false;
	const parts = candidate.split(':');
	const groups = parts.filter((p) => p.length > 0);
	if (groups.some((g) => g.length > 4)) return false;
	if (double === -1 ? groups.length !== 8 : groups.length > 7 || groups.length < 2) return false;
	if (double === -1 && parts.some((p) => p.length === 0)) return false;
	// Clock times ("10:30:15") have no hex letters and at most two colons; demand more.
	return candidate.split(':').length - 1 >= 3 && /[a-f]/i.test(candidate + (double !== -1 ? 'a' : ''));
}

// A social-media handle: '@' and a name of letters, digits, '_' and '.' ("@runningwithlupus",
// "@bobby_runs"), not part of an e-mail address. Taken when it has a digit, '_' or '.', or a
// platform or "I'm"/"me" stands just before it; "@home" and "@5pm" are no handles.
const HANDLE = /(?<![\p{L}\p{N}@._%+-])@([A-Za-z_][A-Za-z0-9_.]{2,29})(?![\p{L}\p{N}@])/gu;
const HANDLE_CUE =
	/(?:\b(?:x|twitter|insta|instagram|ig|tiktok|threads|bluesky|bsky|mastodon|snap|snapchat|telegram|tg|youtube|facebook|fb|reddit|discord|twitch|handle|username|user name|follow|dm|i'm|im|i am|me|my)\b|推特|抖音|小红书|微博|账号|关注)[^@]{0,12}$/;

export function findHandles(view: string, lower: string, hits: HitSet): void {
	if (!view.includes('@')) return;
	for (const m of view.matchAll(HANDLE)) {
		if (!hits.free(m.index, m.index + m[0].length)) continue;
		const name = (m[1] ?? '').replace(/\.+$/, '');
		const marked = /[\d_.]/.test(name);
		if (!marked && !HANDLE_CUE.test(lower.slice(Math.max(0, m.index - 40), m.index))) continue;
		hits.add({ kind: 'messaging', start: m.index, end: m.index + 1 + name.length });
	}
}
