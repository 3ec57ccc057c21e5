// Runs while the pages are prerendered (adapter-static; the app has no server at run time): each
// page gets its route's Content-Security-Policy. SvelteKit writes the policy of kit.csp into every
// page; the pages that never load a model narrow its connect-src to 'self' (src/lib/csp-routes.js).
import type { Handle } from '@sveltejs/kit';
import { withRoutePolicy } from '$lib/csp-routes.js';

export const handle: Handle = ({ event, resolve }) =>
	resolve(event, {
		transformPageChunk: ({ html }) => withRoutePolicy(html, event.url.pathname)
	});
