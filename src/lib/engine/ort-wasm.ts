// ONNX Runtime's wasm as the build emits it (content-hashed, on the app's own origin): the one place
// that names it, for the workers that run transformers.js on the web (llm, embed). A Vite `?url`
// import, so Node scripts (tsx) never import this file; src/lib/engine/transformers-env.ts takes the
// URL as an argument instead.
import ortWasmUrl from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.wasm?url';

export const ORT_WASM_URL: string = ortWasmUrl;
