// The app runs only in the browser (the model, IndexedDB and WebGPU live there); every page is
// prerendered as an empty shell so a static host can serve it and the service worker can cache it.
export const ssr = false;
export const prerender = true;
export const trailingSlash = 'never';
