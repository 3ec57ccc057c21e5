import { describe, expect, it } from 'vitest';
import { redact } from '../../../src/lib/safety/redact';

const zh = (text: string) => redact(text, 'zh-CN').text;
const en = (text: string) => redact(text, 'en').text;
const kinds = (text: string, locale = 'en') => redact(text, locale).spans.map((s) => s.kind);

describe('redact: phone numbers', () => {
	it('reads Chinese numerals, including 幺 and 〇', () => {
		expect(zh('号码是一五九 〇〇一二 三四五六')).toBe('号码是[手机号]');
		expect(zh('打幺三八幺二三四五六七八找我')).toBe('打[手机号]找我');
		expect(zh('座机零一零六五五二九九八八')).toBe('座机[电话]');
	});

	it('keeps short runs of Chinese numerals', () => {
		expect(redact('一天三次，一次两片，吃了一二三天', 'zh-CN').spans).toEqual([]);
	});

	it('takes bracketed area codes, extensions and the UK trunk (0)', () => {
		expect(zh('办公室 (0571)8765-4321 转 602')).toBe('办公室 [电话]');
		expect(zh('总机 020-3456 7890-8102')).toBe('总机 [电话]');
		expect(en('work +44 (0)161 496 0750 ext 12')).toBe('work [PHONE]');
		expect(en('desk (617) 555-0143 x204')).toBe('desk [PHONE]');
	});

	it('takes national numbers of Taiwan, Australia, Hong Kong and Singapore', () => {
		expect(zh('台北的家 (02) 2712-3456')).toBe('台北的家 [电话]');
		expect(zh('台湾手机 0933-123-456')).toBe('台湾手机 [电话]');
		expect(en('mobile 0423 456 789 in Perth')).toBe('mobile [PHONE] in Perth');
		expect(en('my Hong Kong number is 6234 5678')).toBe('my Hong Kong number is [PHONE]');
		expect(en('call me on 8765 4321 (Singapore)')).toBe('call me on [PHONE] (Singapore)');
	});

	it('takes any number written with a country code', () => {
		expect(en('WhatsApp or call +353 87 123 4567')).toBe('WhatsApp or call [PHONE]');
		expect(zh('澳门 +853 6612 3456')).toBe('澳门 [电话]');
	});

	it('marks Chinese and UK mobiles as mobile, other numbers as phone numbers', () => {
		expect(kinds('13512345678 and 0571-88776655', 'zh-CN')).toEqual(['phone', 'landline']);
		expect(kinds('07700 900777')).toEqual(['phone']);
	});

	it('does not take an eight-digit number without a phone word', () => {
		expect(redact('viral load 23456789 copies', 'en').spans).toEqual([]);
		expect(redact('result 6234 5678', 'en').spans).toEqual([]);
	});

	it.each([
		'HR 110-120 bpm, BP 150/95, weight 82.4kg',
		'glucose 4.2-7.8 mmol/L over 14 days',
		'2024-06-01 to 2024-06-14, 3 times a day',
		'体温 38.5℃，心率 120 次/分，血氧 93%',
		'白细胞 12.5×10^9/L，血小板 350×10^9/L',
		'步数 12345678 步'
	])('keeps clinical numbers: %s', (text) => {
		expect(redact(text, 'zh-CN').spans).toEqual([]);
	});
});

describe('redact: phone numbers said aloud', () => {
	it("takes a '+' said as 'plus', and a number typed one digit at a time", () => {
		expect(en('reach me on plus 61 412 345 678')).toBe('reach me on [PHONE]');
		expect(en('call 0 2 0 7 9 4 6 0 9 5 8 after six')).toBe('call [PHONE] after six');
		expect(redact('pain went 2 3 4 5 6 7 8 over the week', 'en').spans).toEqual([]);
	});

	it('takes a number spelled out digit by digit after a phone word', () => {
		expect(en('text me on oh seven nine double one, two three four, five six seven')).toBe(
			'text me on [PHONE]'
		);
		expect(redact('one or two tablets, three times a day, for five to seven days', 'en').spans).toEqual([]);
	});
});

describe('redact: e-mail', () => {
	it('takes internationalised addresses and IME punctuation', () => {
		expect(zh('发到 张医生@医院.中国 就行')).toBe('发到 [邮箱] 就行');
		expect(en('write to renée.côté@exemple.fr')).toBe('write to [EMAIL]');
		expect(en('or to bob@bücher.example')).toBe('or to [EMAIL]');
		expect(zh('邮箱 chen_li＠sina。com，谢谢')).toBe('邮箱 [邮箱]，谢谢');
		expect(zh('邮箱 hello@126.com。明天见')).toBe('邮箱 [邮箱]。明天见');
	});

	it('takes an address spelled out with "at" and "dot"', () => {
		expect(en('mail me: sam dot lee at outlook dot com')).toBe('mail me: [EMAIL]');
		expect(en('or sam(at)example(dot)org')).toBe('or [EMAIL]');
		expect(redact('look at this dot on my arm, at home at 8', 'en').spans).toEqual([]);
	});

	it("takes an address whose '@' alone is disguised, and a spoken 'at' before a mail service", () => {
		expect(zh('邮箱 liming_88(at)163.com，谢谢')).toBe('邮箱 [邮箱]，谢谢');
		expect(zh('发到 chenjing#qq.com（把#改成@）')).toBe('发到 [邮箱]（把#改成@）');
		expect(en('write to jo.kent[at]bücher.de')).toBe('write to [EMAIL]');
		expect(en('try paul.m at hotmail.co.uk tonight')).toBe('try [EMAIL] tonight');
		expect(redact('we met at clinic.org and at nhs.uk, issue #4.5', 'en').spans).toEqual([]);
	});

	it('does not take an @ without a domain', () => {
		expect(redact('meet @ 3pm, dose @ 8am', 'en').spans).toEqual([]);
	});
});

describe('redact: messaging ids, URLs and IP addresses', () => {
	it('takes the id after a messaging label', () => {
		expect(zh('加我微信 liu_fang_1990 发片子')).toBe('加我微信 [社交账号] 发片子');
		expect(zh('QQ号：12345678')).toBe('QQ号：[社交账号]');
		expect(zh('扣扣 12345678，胃疼')).toBe('扣扣 [社交账号]，胃疼');
		expect(en('telegram @mike_h87 works best')).toBe('telegram [MESSAGING_ID] works best');
		expect(en('Skype: jo.bloggs77')).toBe('Skype: [MESSAGING_ID]');
		expect(en('Line ID: sakura_22')).toBe('Line ID: [MESSAGING_ID]');
	});

	it('takes a social-media handle that is marked as one or introduced', () => {
		expect(en('follow me on threads @dialysis_dave')).toBe('follow me on threads [MESSAGING_ID]');
		expect(en("on TikTok I'm @sugarfreesophie")).toBe("on TikTok I'm [MESSAGING_ID]");
		expect(zh('小红书账号 @护士阿青 有分享')).toBe('小红书账号 [社交账号] 有分享');
		expect(redact('stay @home, dose @8am, meet @ noon', 'en').spans).toEqual([]);
		expect(zh('微博@爱跑步的老周 发过视频')).toBe('微博[社交账号] 发过视频');
	});

	it('keeps the words when no id follows', () => {
		expect(zh('微信同号')).toBe('微信同号');
		expect(en('my WhatsApp is broken')).toBe('my WhatsApp is broken');
		expect(en('stand in line for an hour')).toBe('stand in line for an hour');
	});

	it('takes URLs that carry a person and keeps a page about a condition', () => {
		expect(en('my blog https://www.instagram.com/lucy.runs/')).toBe('my blog [URL]');
		expect(en('profile: example.org/users/884213')).toBe('profile: [URL]');
		expect(en('see https://site.example/p?id=77812')).toBe('see [URL]');
		expect(en('my site https://peterjones-rides.net/blog/')).toBe('my site [URL]');
		expect(en('diary at https://beating-ms-fiona.org/posts/12')).toBe('diary at [URL]');
		expect(en('see https://www.hopkinsmedicine.org/health/conditions')).toBe(
			'see https://www.hopkinsmedicine.org/health/conditions'
		);
		expect(en('I read https://www.nhs.uk/conditions/shingles/')).toBe(
			'I read https://www.nhs.uk/conditions/shingles/'
		);
	});

	it('takes IPv4 and IPv6 addresses but not versions, times or out-of-range quads', () => {
		expect(en('from 172.16.254.1 today')).toBe('from [IP_ADDRESS] today');
		expect(en('login 2001:db8::ff00:42:8329')).toBe('login [IP_ADDRESS]');
		expect(redact('app version 2.10.3.1, at 10:30:15, 300.1.1.1', 'en').spans).toEqual([]);
	});
});

describe('redact: a phone number typed across lines', () => {
	it('takes a mobile split over line breaks, keeps readings on separate lines', () => {
		expect(redact('联系我：139\n0013\n8000', 'zh-CN').text).toBe('联系我：[手机号]');
		expect(redact('call 07700\n900\n461', 'en').text).toBe('call [PHONE]');
		expect(redact('血压 130\n85\n心率 72', 'zh-CN').spans).toEqual([]);
	});
});
