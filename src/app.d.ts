// See https://svelte.dev/docs/kit/types#app.d.ts
/// <reference types="@webgpu/types" />
declare global {
	namespace App {
		// interface Error {}
		// interface Locals {}
		// interface PageData {}
		// interface PageState {}
		// interface Platform {}
	}
}

export {};
