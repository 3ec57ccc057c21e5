// Dexie's liveQuery as Svelte state, wrapped once for every page. A live query runs again whenever
// a table or index range it read changes, in this tab or in another tab of this browser (Dexie
// broadcasts changes between tabs), and whenever the reactive arguments it depends on change.
//
// Invariants:
// - 'loading' means no result yet for the current arguments. A query that resolves to `undefined`
//   (a conversation that does not exist) is 'ready' with the value `undefined`: "not found" is
//   never "still loading".
// - While new arguments load (a longer list, the next search), the last value stays available as
//   `stale`, so a list does not blank out while it grows.
// - Failures arrive as StoreError values in the state ('unavailable' when another tab upgraded the
//   database, see connection.ts), never as exceptions.
import { liveQuery, type Subscription } from 'dexie';
import { untrack } from 'svelte';
import { toStoreError, type StoreError } from './errors';

export type LiveState<T> =
	/** No arguments: nothing is asked (e.g. an empty search box). */
	| { readonly status: 'idle' }
	| { readonly status: 'loading'; readonly stale: T | undefined }
	| { readonly status: 'ready'; readonly value: T }
	| { readonly status: 'failed'; readonly error: StoreError; readonly stale: T | undefined };

/** The latest result: the current value, or the previous one while loading or after a failure. */
export function latestOf<T>(state: LiveState<T>): T | undefined {
	switch (state.status) {
		case 'idle':
			return undefined;
		case 'ready':
			return state.value;
		default:
			return state.stale;
	}
}

/**
 * One live query whose arguments can change. `run(args)` (re)subscribes, `run(null)` and `stop()`
 * end the subscription. Usable outside components (tests, stores); in a component use `live`.
 */
export class LiveQuery<A, T> {
	readonly #query: (args: A) => Promise<T>;
	#state = $state.raw<LiveState<T>>({ status: 'idle' });
	#subscription: Subscription | null = null;
	#token: symbol | null = null;

	constructor(query: (args: A) => Promise<T>) {
		this.#query = query;
	}

	get current(): LiveState<T> {
		return this.#state;
	}

	/** The latest value (see latestOf). */
	get value(): T | undefined {
		return latestOf(this.#state);
	}

	run(args: A | null): void {
		const stale = latestOf(this.#state);
		this.stop();
		if (args === null) {
			this.#state = { status: 'idle' };
			return;
		}
		this.#state = { status: 'loading', stale };
		// Results of a subscription that was replaced or stopped meanwhile are dropped.
		const token = Symbol('subscription');
		this.#token = token;
		this.#subscription = liveQuery(() => this.#query(args)).subscribe({
			next: (value) => {
				if (this.#token === token) this.#state = { status: 'ready', value };
			},
			error: (error: unknown) => {
				if (this.#token !== token) return;
				this.#state = { status: 'failed', error: toStoreError(error), stale: latestOf(this.#state) };
			}
		});
	}

	stop(): void {
		this.#token = null;
		this.#subscription?.unsubscribe();
		this.#subscription = null;
	}
}

/**
 * A live query bound to the calling component: it starts once the component is mounted, runs
 * again when the reactive state read by `args` changes (null: nothing is asked), and ends with the
 * component. Call it while the component initialises.
 *
 * @example const item = live(() => id, (id) => getConversation(db, id));
 */
export function live<A, T>(args: () => A | null, query: (args: A) => Promise<T>): LiveQuery<A, T> {
	const live = new LiveQuery(query);
	$effect(() => {
		const current = args();
		// Only `args` is tracked: run() reads the state it writes.
		untrack(() => live.run(current));
		return () => live.stop();
	});
	return live;
}
