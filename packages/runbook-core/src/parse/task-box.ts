/**
 * Offset of the character inside a task item's `[ ]` / `[x]`, found by walking
 * back from the start of the item's first paragraph (which micromark places
 * after the box). `undefined` when the box is not three characters on one line
 * (GFM also accepts `[` and `]` split across lines, which no editor can tick).
 */
export function findTaskBox(source: string, paragraphStart: number): number | undefined {
  let index = paragraphStart - 1;
  while (index >= 0 && isPrefixCharacter(source.charCodeAt(index))) index--;
  if (source.charCodeAt(index) === 10 || source.charCodeAt(index) === 13) {
    if (source.charCodeAt(index) === 10 && source.charCodeAt(index - 1) === 13) index--;
    index--;
    while (index >= 0 && isBlank(source.charCodeAt(index))) index--;
  }
  if (source[index] !== ']' || source[index - 2] !== '[') return undefined;
  const box = source[index - 1];
  return box === ' ' || box === '\t' || box === 'x' || box === 'X' ? index - 1 : undefined;
}

function isBlank(code: number): boolean {
  return code === 32 || code === 9;
}

// Between the box and the text: spaces, tabs, and on a following line the container prefix.
function isPrefixCharacter(code: number): boolean {
  return code === 32 || code === 9 || code === 62;
}
