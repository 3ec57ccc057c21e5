// Types for the part of popular-english-words (no types of its own) that make-pii-names.ts uses.
declare module 'popular-english-words' {
	export const words: {
		/** The `count` most frequent English words (from English Wikipedia), most frequent first. */
		getMostPopular(count: number): string[];
	};
}
