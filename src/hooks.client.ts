// Before the app starts: the Trusted Types default policy (src/lib/trusted-types.ts), which the
// workers and the service worker registration need once the page's policy enforces Trusted Types.
import { installDefaultPolicy } from '$lib/trusted-types';

installDefaultPolicy();
