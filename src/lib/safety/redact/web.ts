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
// spam filters. Needs both an "at" and a "dot" before a known top-level domain.
const SPELLED_EMAIL =
	/(?<![\p{L}\p{N}])[\p{L}\p{N}._-]{1,64}(?:\s(?:dot|\.)\s[\p{L}\p{N}_-]{1,32}){0,3}\s?(?:\s+at\s+|\(at\)|\[at\]|\{at\})\s?[\p{L}\p{N}-]{1,63}(?:\s?(?:\s+dot\s+|\(dot\)|\[dot\])\s?[\p{L}\p{N}-]{1,63}){1,3}(?![\p{L}\p{N}])/giu;

export function findSpelledEmails(view: string, hits: HitSet): void {
	for (const m of view.matchAll(SPELLED_EMAIL)) {
		const tld = /([\p{L}]+)$/u.exec(m[0])?.[1]?.toLowerCase() ?? '';
		if (TLDS.has(tld)) hits.add({ kind: 'email', start: m.index, end: m.index + m[0].length });
	}
}

// Top-level domains accepted for a URL written without a scheme ("facebook.com/jane.doe").
const TLDS = new Set(
	'com net org edu gov info io me co uk cn hk tw sg au nz ca us de fr es it nl ie in jp kr my ph th vn ru br example test app dev site online page link ly gl be cc tv'.split(
		' '
	)
);

const URL_CHAR = /[A-Za-z0-9\-._~:/?#[\]@!$&*+,;=%\p{L}\p{N}]/u;

// Sites where a path names a person (a profile, a channel, a chat link).
const SOCIAL =
	/(?:^|\.)(?:facebook|fb|instagram|twitter|x|tiktok|douyin|weibo|xiaohongshu|xhslink|zhihu|bilibili|linkedin|youtube|youtu|t|wa|telegram|github|gitlab|medium|substack|reddit|pinterest|snapchat|threads|vk|ok|line|me|wechat|weixin|qq|douban|kuaishou|mastodon|bsky|onlyfans|patreon|flickr|tumblr|about|linktr)\.[a-z.]+$/i;
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
export function findUrls(view: string, hits: HitSet, isPersonWord: (word: string) => boolean): void {
	const lower = view.toLowerCase();
	const re = /https?:\/\/|www\.|[a-z0-9-]{2,63}(?:\.[a-z0-9-]{1,63}){0,4}\.[a-z]{2,12}\//g;
	let m: RegExpExecArray | null;
	while ((m = re.exec(lower)) !== null) {
		const start = m.index;
		if (start > 0 && /[a-z0-9@.]/.test(lower.charAt(start - 1))) continue;
		if (!m[0].includes(':') && !m[0].startsWith('www.')) {
			const host = m[0].slice(0, -1);
			const tld = host.slice(host.lastIndexOf('.') + 1);
			if (!TLDS.has(tld)) continue;
		}
		let end = start + m[0].length;
		while (end < view.length && end - start < 2048 && URL_CHAR.test(view.charAt(end))) end++;
		// Resume after this URL: a URL is read once, so the scan stays linear.
		re.lastIndex = Math.max(end, start + 1);
		while (end > start && /[.,;:!?'")\]]/.test(view.charAt(end - 1))) end--;
		const url = lower.slice(start, end);
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
			ACCOUNT_PARAM.test(tail) ||
			/[@~]/.test(tail) ||
			segments.some(
				(seg, i) => (ACCOUNT_SEGMENT.has(seg) && i < segments.length - 1) || /\d{5,}/.test(seg)
			) ||
			segments.some((seg) => seg.split(/[-_.+]/).some((w) => w.length > 1 && isPersonWord(w)));
		if (personal) hits.add({ kind: 'url', start, end });
	}
}

const IPV4 =
	/(?<![\d.])(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?![\d]|\.\d)/g;
const isHex = (c: string) => isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');

/** IPv4 dotted quads (each part ≤ 255) and IPv6 addresses (RFC 4291 text form, "::" allowed once). */
export function findIps(view: string, hits: HitSet): void {
	for (const m of view.matchAll(IPV4)) {
		// "version 1.2.3.4" is a version number, not an address.
		if (/(?:version|ver\.?|v)\s?$/i.test(view.slice(Math.max(0, m.index - 8), m.index))) continue;
		hits.add({ kind: 'ip', start: m.index, end: m.index + m[0].length });
	}
	let i = view.indexOf(':');
	while (i !== -1) {
		let s = i;
		while (s > 0 && i - s < 45 && (isHex(view.charAt(s - 1)) || view.charAt(s - 1) === ':')) s--;
		let e = i;
		while (e < view.length && e - s < 45 && (isHex(view.charAt(e)) || view.charAt(e) === ':')) e++;
		const before = view.charAt(s - 1);
		const after = view.charAt(e);
		if (isIpv6(view.slice(s, e)) && !isLetter(before) && !isLetter(after) && after !== '.') {
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
