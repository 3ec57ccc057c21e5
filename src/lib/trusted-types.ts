// Trusted Types in the pages (the policy's `require-trusted-types-for 'script'`, src/lib/csp.js): no
// string reaches an HTML or script-URL sink unless a named policy made it. This module creates the
// `default` policy, once, before anything loads a worker or the service worker; the answer's HTML has
// its own policy (src/lib/ui/trusted-html.ts), and Svelte creates one for its compiled templates.
//
// The default policy turns a plain script URL into a trusted one only when it is on this origin: the
// llm and embed workers (Vite writes `new Worker(new URL(…))`, which cannot carry a TrustedScriptURL)
// and `/service-worker.js`. It has no createHTML and no createScript, so a string assigned to
// innerHTML (or eval'd as script) anywhere throws a TypeError and is reported as a CSP violation.
import { TRUSTED_TYPES_POLICIES } from './csp-routes.js';

// The part of the Trusted Types API used here (TypeScript's DOM library does not have it yet).
declare const trusted: unique symbol;
/** A string a policy made, for an HTML sink (innerHTML, {@html}). */
export interface TrustedHTML {
	readonly [trusted]: 'TrustedHTML';
}
export interface TrustedTypePolicyRules {
	createHTML?: (input: string, ...args: never[]) => string;
	createScriptURL?: (input: string) => string | null;
}
export interface TrustedTypePolicy {
	createHTML(input: string, ...args: unknown[]): TrustedHTML;
}
export interface TrustedTypesFactory {
	createPolicy(name: string, rules: TrustedTypePolicyRules): TrustedTypePolicy;
}

/** The browser's Trusted Types factory, or null where there is none (older browsers, Node). */
export function trustedTypesFactory(): TrustedTypesFactory | null {
	const factory: unknown = Reflect.get(globalThis, 'trustedTypes');
	return isFactory(factory) ? factory : null;
}

function isFactory(value: unknown): value is TrustedTypesFactory {
	return typeof value === 'object' && value !== null && 'createPolicy' in value;
}

/**
 * The script URL if it is on `origin`, else null (the browser then refuses it, as a violation).
 * @param url what the page asked to load as a script (a worker, the service worker)
 */
export function sameOriginScriptUrl(url: string, origin: string): string | null {
	try {
		return new URL(url, origin).origin === origin ? url : null;
	} catch {
		return null;
	}
}

let installed = false;

/** Creates the default (script-URL) policy once; nothing where the browser has no Trusted Types. */
export function installDefaultPolicy(): void {
	if (installed) return;
	installed = true;
	trustedTypesFactory()?.createPolicy(TRUSTED_TYPES_POLICIES.scriptUrl, {
		createScriptURL: (url: string) => sameOriginScriptUrl(url, location.origin)
	});
}
