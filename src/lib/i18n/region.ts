// Which region's emergency numbers to show: the first browser language tag that names a region
// ("en-GB" → GB), else China for the Chinese UI, else 'default' (the generic 112 and "your local
// emergency number"). Staff can override the numbers per region (issue 5 settings).
import { regionOf } from '$lib/safety/numbers';
import type { Locale } from './locale';

export function preferredRegion(languages: readonly string[], locale: Locale): string {
	for (const tag of languages) {
		const region = regionOf(tag);
		if (region !== 'default') return region;
	}
	return locale === 'zh-CN' ? 'CN' : 'default';
}
