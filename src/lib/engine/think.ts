// Defensive removal of Qwen3 "thinking" from a token stream. Thinking is disabled at the source
// (web-llm `extra_body.enable_thinking: false`, the ONNX chat template's `enable_thinking: false`), so
// normally nothing is removed; this keeps a <think>…</think> block off the screen if a model emits one
// anyway. It works on a stream: text that might be the start of a tag is held back until the next
// delta shows whether it is one, so the patient never sees half a tag.
//
// Invariants: the concatenation of everything `push` and `flush` return equals `stripThink(all input)`;
// an unterminated <think> at the end of the stream is dropped; whitespace right after a closing tag is
// dropped (the model puts "\n\n" there).

const OPEN = '<think>';
const CLOSE = '</think>';

/** Removes every <think>…</think> block (and a stray closing tag) from a complete text. */
export function stripThink(text: string): string {
	const stripper = new ThinkStripper();
	return stripper.push(text) + stripper.flush();
}

export class ThinkStripper {
	#held = '';
	#inside = false;
	/** After a closing tag: leading whitespace of what follows is dropped. */
	#afterClose = false;

	/** Feeds one delta; returns the visible text that is certain now. */
	push(delta: string): string {
		let text = this.#held + delta;
		this.#held = '';
		let out = '';
		while (text.length > 0) {
			if (this.#inside) {
				const end = text.indexOf(CLOSE);
				if (end === -1) {
					this.#held = partialSuffix(text, CLOSE);
					return out;
				}
				text = text.slice(end + CLOSE.length);
				this.#inside = false;
				this.#afterClose = true;
				continue;
			}
			if (this.#afterClose) {
				text = text.replace(/^\s+/, '');
				if (text.length === 0) return out;
				this.#afterClose = false;
			}
			const open = text.indexOf(OPEN);
			const stray = text.indexOf(CLOSE);
			if (stray !== -1 && (open === -1 || stray < open)) {
				out += text.slice(0, stray);
				text = text.slice(stray + CLOSE.length);
				this.#afterClose = true;
				continue;
			}
			if (open === -1) {
				const keep = Math.max(partialSuffix(text, OPEN).length, partialSuffix(text, CLOSE).length);
				out += text.slice(0, text.length - keep);
				this.#held = text.slice(text.length - keep);
				return out;
			}
			out += text.slice(0, open);
			text = text.slice(open + OPEN.length);
			this.#inside = true;
		}
		return out;
	}

	/** Ends the stream: returns held-back text that turned out not to be a tag. */
	flush(): string {
		const rest = this.#inside ? '' : this.#held;
		this.#held = '';
		this.#inside = false;
		this.#afterClose = false;
		return rest;
	}
}

/** The longest suffix of `text` that is a proper prefix of `tag` (text that may become the tag). */
function partialSuffix(text: string, tag: string): string {
	for (let length = Math.min(tag.length - 1, text.length); length > 0; length--) {
		const suffix = text.slice(text.length - length);
		if (tag.startsWith(suffix)) return suffix;
	}
	return '';
}
