export interface JsonMember {
  key: string;
  /** Offset of the key's opening quote. */
  start: number;
  valueStart: number;
  valueEnd: number;
}

/**
 * The members of the JSON object starting at `open` (a `{`), with the spans
 * of their keys and values, or `undefined` when it is not a JSON object.
 * Spans let an edit replace one value and leave every other byte alone.
 */
export function jsonMembers(text: string, open: number): JsonMember[] | undefined {
  const members: JsonMember[] = [];
  let index = skipWhitespace(text, open + 1);
  if (text[index] === '}') return members;
  while (index < text.length) {
    const start = index;
    const keyEnd = stringEnd(text, index);
    if (keyEnd === undefined) return undefined;
    index = skipWhitespace(text, keyEnd);
    if (text[index] !== ':') return undefined;
    const valueStart = skipWhitespace(text, index + 1);
    const valueEnd = valueEndAt(text, valueStart);
    if (valueEnd === undefined) return undefined;
    members.push({ key: JSON.parse(text.slice(start, keyEnd)) as string, start, valueStart, valueEnd });
    index = skipWhitespace(text, valueEnd);
    if (text[index] === '}') return members;
    if (text[index] !== ',') return undefined;
    index = skipWhitespace(text, index + 1);
  }
  return undefined;
}

function valueEndAt(text: string, start: number): number | undefined {
  const first = text[start];
  if (first === '"') return stringEnd(text, start);
  if (first === '{' || first === '[') {
    let depth = 0;
    for (let index = start; index < text.length; index++) {
      const character = text[index];
      if (character === '"') {
        const end = stringEnd(text, index);
        if (end === undefined) return undefined;
        index = end - 1;
      } else if (character === '{' || character === '[') depth++;
      else if (character === '}' || character === ']') {
        depth--;
        if (depth === 0) return index + 1;
      }
    }
    return undefined;
  }
  let index = start;
  while (index < text.length && !/[\s,}\]]/.test(text[index] ?? '')) index++;
  return index > start ? index : undefined;
}

// The offset after the closing quote of the string opening at `start`.
function stringEnd(text: string, start: number): number | undefined {
  if (text[start] !== '"') return undefined;
  for (let index = start + 1; index < text.length; index++) {
    if (text[index] === '\\') index++;
    else if (text[index] === '"') return index + 1;
  }
  return undefined;
}

function skipWhitespace(text: string, index: number): number {
  while (index < text.length && /\s/.test(text[index] ?? '')) index++;
  return index;
}
