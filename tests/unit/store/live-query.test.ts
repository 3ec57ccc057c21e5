import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { AppDatabase } from '$lib/store/db';
import {
	createConversation,
	getConversation,
	listConversations,
	renameConversation
} from '$lib/store/conversations';
import { StoreError } from '$lib/store/errors';
import { latestOf, LiveQuery, type LiveState } from '$lib/store/live.svelte';
import { openDatabase } from './open';

/** Resolves when the query's state passes `check` (or fails after 2 s). */
function until<T>(query: { current: LiveState<T> }, check: (state: LiveState<T>) => boolean) {
	return new Promise<LiveState<T>>((resolve, reject) => {
		const started = Date.now();
		const poll = () => {
			if (check(query.current)) resolve(query.current);
			else if (Date.now() - started > 2000)
				reject(new Error(`state stayed ${JSON.stringify(query.current)}`));
			else setTimeout(poll, 5);
		};
		poll();
	});
}

describe('LiveQuery', () => {
	it('tells "not found" (ready, undefined) apart from "still loading"', async () => {
		const db = openDatabase();
		const query = new LiveQuery((id: string) => getConversation(db, id));
		expect(query.current).toEqual({ status: 'idle' });
		query.run('no-such-id');
		expect(query.current).toEqual({ status: 'loading', stale: undefined });
		const state = await until(query, (s) => s.status !== 'loading');
		expect(state).toEqual({ status: 'ready', value: undefined });
		query.stop();
	});

	it('follows writes made through another connection (another tab)', async () => {
		const db = openDatabase();
		const otherTab = new AppDatabase(db.name);
		const query = new LiveQuery((limit: number) => listConversations(db, { limit }));
		query.run(50);
		await until(query, (s) => s.status === 'ready' && s.value.length === 0);
		const { id } = await createConversation(otherTab, { title: 'from the other tab' });
		await until(query, (s) => s.status === 'ready' && s.value[0]?.title === 'from the other tab');
		await renameConversation(otherTab, id, 'renamed there');
		await until(query, (s) => s.status === 'ready' && s.value[0]?.title === 'renamed there');
		query.stop();
		otherTab.close();
	});

	it('keeps the last value as stale while new arguments load', async () => {
		const db = openDatabase();
		await createConversation(db, { title: 'one' });
		await createConversation(db, { title: 'two' });
		const query = new LiveQuery((limit: number) => listConversations(db, { limit }));
		query.run(1);
		const first = await until(query, (s) => s.status === 'ready');
		expect(latestOf(first)?.map((c) => c.title)).toEqual(['two']);
		query.run(2);
		expect(query.current.status).toBe('loading');
		expect(query.value?.map((c) => c.title)).toEqual(['two']);
		const second = await until(query, (s) => s.status === 'ready');
		expect(latestOf(second)?.map((c) => c.title)).toEqual(['two', 'one']);
		query.run(null);
		expect(query.current).toEqual({ status: 'idle' });
	});

	it('turns a failure into a StoreError state, keeping the last value', async () => {
		const db = openDatabase();
		let fail = false;
		const query = new LiveQuery(async (id: string) => {
			const conversation = await getConversation(db, id);
			if (fail) throw new Error('disk on fire');
			return conversation;
		});
		const { id } = await createConversation(db, { title: 'kept' });
		query.run(id);
		await until(query, (s) => s.status === 'ready');
		fail = true;
		await renameConversation(db, id, 'changed');
		const state = await until(query, (s) => s.status === 'failed');
		expect(state.status === 'failed' && state.error).toBeInstanceOf(StoreError);
		expect(state.status === 'failed' && state.error.code).toBe('unknown');
		expect(query.value?.title).toBe('kept');
		query.stop();
	});

	it('drops results of a subscription that was stopped', async () => {
		const db = openDatabase();
		const query = new LiveQuery((limit: number) => listConversations(db, { limit }));
		query.run(10);
		query.stop();
		await createConversation(db, { title: 'late' });
		await new Promise((resolve) => setTimeout(resolve, 50));
		expect(query.current).toEqual({ status: 'loading', stale: undefined });
	});
});
