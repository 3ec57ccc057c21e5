// Shared by the knowledge-base tests: hostile knowledge-base files.

/**
 * A Markdown file whose front matter is a YAML alias bomb ("billion laughs"): nine levels of nine
 * aliases each, 9^9 strings once expanded, followed by valid fields and `body`.
 */
export function aliasBombFile(body: string): string {
	const lol = ['lol0: &a0 "lol"'];
	for (let level = 1; level <= 9; level++)
		lol.push(
			`lol${level}: &a${level} [${Array(9)
				.fill(`*a${level - 1}`)
				.join(', ')}]`
		);
	return `---\n${lol.join('\n')}\nid: bomb-en\ntitle: Bomb\nlang: en\nsource: X\nupdated: 2026-01-31\n---\n${body}\n`;
}
