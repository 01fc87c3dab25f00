import { CR, LF, SPACE, TAB } from '../character-codes.ts';

/**
 * The identifier mdast gives a link label: whitespace runs collapsed to one
 * space, trimmed, then lower- and upper-cased (so labels that differ only in
 * case match, whatever the script) and lower-cased again as mdast stores it.
 */
export function normalizeIdentifier(label: string): string {
  return collapseWhitespace(label).toLowerCase().toUpperCase().toLowerCase();
}

function isLabelWhitespace(code: number): boolean {
  return code === SPACE || code === TAB || code === LF || code === CR;
}

function collapseWhitespace(label: string): string {
  let start = 0;
  let end = label.length;
  while (start < end && isLabelWhitespace(label.charCodeAt(start))) start++;
  while (end > start && isLabelWhitespace(label.charCodeAt(end - 1))) end--;
  let result = '';
  let copied = start;
  for (let index = start; index < end; index++) {
    const code = label.charCodeAt(index);
    if (!isLabelWhitespace(code)) continue;
    let runEnd = index + 1;
    while (isLabelWhitespace(label.charCodeAt(runEnd))) runEnd++;
    // A lone space needs no rewrite.
    if (code === SPACE && runEnd === index + 1) continue;
    result += `${label.slice(copied, index)} `;
    copied = runEnd;
    index = runEnd - 1;
  }
  return copied === start ? label.slice(start, end) : result + label.slice(copied, end);
}
