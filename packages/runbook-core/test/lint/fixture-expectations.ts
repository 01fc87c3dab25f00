// Reads the findings a lint fixture expects from markers on the offending lines:
// `<!-- expect: rule-id -->` (prose, templates), `# expect: rule-id` (end of a
// shell line) and `<!-- expect-next-line: rule-id -->` (before a fence line).
const marker = /(?:<!--|#)\s*expect(-next-line)?:\s*([\w/.-]+(?:[\s,]+[\w/.-]+)*?)\s*(?:-->|$)/;

/** `line ruleId` strings, sorted; a marker may name several ids (or one twice). */
export function expectedFindings(source: string): string[] {
  const expected: string[] = [];
  source.split(/\r\n|\r|\n/).forEach((text, index) => {
    const match = marker.exec(text);
    if (!match) return;
    const line = index + 1 + (match[1] ? 1 : 0);
    for (const id of match[2]!.split(/[\s,]+/)) expected.push(`${line} ${id}`);
  });
  return expected.sort(byLine);
}

export function byLine(a: string, b: string): number {
  return Number.parseInt(a, 10) - Number.parseInt(b, 10) || (a < b ? -1 : a > b ? 1 : 0);
}
