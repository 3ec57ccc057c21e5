// A recorder that exists from the first moment the page can take a question, before the store has
// loaded (Dexie and the repositories load after the page is drawn, to keep first load small).
// Everything the session asks of it before `attach` is kept in order and replayed into the real
// recorder when it arrives; after that, calls go straight through. So a question typed in the
// first instant, and its answer streaming meanwhile, are stored like any other.
//
// Invariants: calls reach the real recorder in the order the session made them; an answer record
// handed out before `attach` forwards its later updates to the record the real recorder makes for
// it. `detach` (a kiosk wipe, a closed store) drops whatever is still waiting.
import type { PatientProfile } from '$lib/store/schema';
import type { AnswerRecord, ChatMessage, Recorder } from './session.svelte';

type Pending = (recorder: Recorder) => void;

/** An answer record that buffers until the real one exists. */
class DeferredAnswer implements AnswerRecord {
	#target: AnswerRecord | null = null;
	#lastUpdate: [raw: string, text: string] | null = null;
	#finished: ChatMessage | null = null;

	bind(target: AnswerRecord): void {
		this.#target = target;
		// Only the newest partial text matters: updates carry the whole text so far.
		if (this.#lastUpdate) target.update(...this.#lastUpdate);
		if (this.#finished) target.finish(this.#finished);
		this.#lastUpdate = null;
		this.#finished = null;
	}

	update(raw: string, text: string): void {
		if (this.#target) this.#target.update(raw, text);
		else this.#lastUpdate = [raw, text];
	}

	finish(message: ChatMessage): void {
		if (this.#target) this.#target.finish(message);
		else this.#finished = message;
	}
}

export class DeferredRecorder implements Recorder {
	#target: Recorder | null = null;
	#pending: Pending[] = [];

	/** Whether calls go straight to a real recorder now. */
	get attached(): boolean {
		return this.#target !== null;
	}

	/** Whether anything was asked before a recorder was attached (a question typed early). */
	get hasPending(): boolean {
		return this.#pending.length > 0;
	}

	/** Replays what waited, in order, then forwards every later call to `recorder`. */
	attach(recorder: Recorder): void {
		this.#target = recorder;
		const pending = this.#pending;
		this.#pending = [];
		for (const call of pending) call(recorder);
	}

	/** Stops recording; calls still waiting are dropped. */
	detach(): void {
		this.#target = null;
		this.#pending = [];
	}

	question(message: ChatMessage): void {
		this.#run((recorder) => recorder.question(message));
	}

	answer(message: ChatMessage): AnswerRecord {
		if (this.#target) return this.#target.answer(message);
		const deferred = new DeferredAnswer();
		this.#pending.push((recorder) => deferred.bind(recorder.answer(message)));
		return deferred;
	}

	reopen(previousId: string, message: ChatMessage, options: { regenerate: boolean }): AnswerRecord {
		const reopen = (recorder: Recorder): AnswerRecord =>
			recorder.reopen?.(previousId, message, options) ?? recorder.answer(message);
		if (this.#target) return reopen(this.#target);
		const deferred = new DeferredAnswer();
		this.#pending.push((recorder) => deferred.bind(reopen(recorder)));
		return deferred;
	}

	profile(profile: PatientProfile | null): void {
		this.#run((recorder) => recorder.profile?.(profile));
	}

	#run(call: Pending): void {
		if (this.#target) call(this.#target);
		else this.#pending.push(call);
	}
}
