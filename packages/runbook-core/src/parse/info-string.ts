/** Offsets into the info string; end exclusive. */
export interface Span {
  start: number;
  end: number;
}

export interface InfoString {
  /** The first word as written; a step's `lang` is CommonMark's reading of it (escapes and references decoded). */
  lang: string;
  /** Raw attributes, string values, as Runme reads them. */
  attributes: Record<string, string>;
  /** Where each attribute (`key=value`, or the JSON key) is written. */
  attributeSpans: Map<string, Span>;
  problems: Array<{ reason: string } & Span>;
  /** The `{…}` attribute block, closing brace included (to the end when it is not closed). */
  block?: Span & { json: boolean };
}

/**
 * Reads the info string of a fence (everything after the fence characters on
 * the opening line) in both Runme syntaxes:
 * `bash { name=restart confirm=true empty }` → `{ name: 'restart', confirm: 'true', empty: '' }`
 * (values may be quoted: `name="a b"`), and `bash {"name":"restart"}` → string
 * values, any other JSON value as its JSON text. Text outside the braces
 * (`bash title.sh`) carries no attributes. Attributes are Runme's syntax, read
 * as written, as Runme reads them: CommonMark's escapes and references are not
 * decoded in them (`name="a\"b"` is `a"b` by the quoting rule, not by CommonMark's).
 */
export function parseInfoString(info: string): InfoString {
  const result: InfoString = { lang: '', attributes: {}, attributeSpans: new Map(), problems: [] };
  let index = skipSpaces(info, 0);
  const langStart = index;
  while (index < info.length && !isSpace(info.charCodeAt(index)) && info[index] !== '{') index++;
  result.lang = info.slice(langStart, index);
  const open = info.indexOf('{', index);
  if (open === -1) return result;
  const first = skipSpaces(info, open + 1);
  if (info[first] === '"') readJsonAttributes(info, open, result);
  else readKeyValueAttributes(info, open, result);
  return result;
}

function setBlock(result: InfoString, start: number, end: number, json: boolean): void {
  result.block = { start, end, json };
}

function readJsonAttributes(info: string, open: number, result: InfoString): void {
  const close = info.lastIndexOf('}');
  const text = info.slice(open, close + 1);
  setBlock(result, open, close > open ? close + 1 : info.length, true);
  let parsed: unknown;
  try {
    parsed = close > open ? JSON.parse(text) : undefined;
  } catch (error) {
    result.problems.push({ reason: `attributes are not valid JSON: ${(error as Error).message}`, start: open, end: info.length });
    return;
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    result.problems.push({ reason: 'attributes are not a JSON object', start: open, end: info.length });
    return;
  }
  for (const [key, value] of Object.entries(parsed)) {
    setOwn(result.attributes, key, typeof value === 'string' ? value : JSON.stringify(value));
    const keyAt = info.indexOf(JSON.stringify(key), open);
    result.attributeSpans.set(key, keyAt === -1 ? { start: open, end: close + 1 } : { start: keyAt, end: keyAt + key.length + 2 });
  }
}

function readKeyValueAttributes(info: string, open: number, result: InfoString): void {
  let index = skipSpaces(info, open + 1);
  while (index < info.length && info[index] !== '}') {
    const start = index;
    while (index < info.length && !isSpace(info.charCodeAt(index)) && info[index] !== '=' && info[index] !== '}') index++;
    const key = info.slice(start, index);
    let value = '';
    if (info[index] === '=') {
      const read = readValue(info, index + 1);
      value = read.value;
      if (read.unterminated) {
        result.problems.push({ reason: `the quoted value of '${key}' is not closed`, start, end: info.length });
      }
      index = read.end;
    }
    if (key === '') {
      result.problems.push({ reason: `an attribute has no name`, start, end: Math.max(index, start + 1) });
    } else {
      setOwn(result.attributes, key, value);
      result.attributeSpans.set(key, { start, end: index });
    }
    if (index === start) index++;
    index = skipSpaces(info, index);
  }
  if (index >= info.length) {
    result.problems.push({ reason: "the attribute block has no closing '}'", start: open, end: info.length });
  }
  setBlock(result, open, Math.min(index + 1, info.length), false);
}

function readValue(info: string, start: number): { value: string; end: number; unterminated: boolean } {
  const quote = info[start];
  if (quote === '"' || quote === "'") {
    let value = '';
    let index = start + 1;
    while (index < info.length && info[index] !== quote) {
      if (quote === '"' && info[index] === '\\' && index + 1 < info.length) index++;
      value += info[index];
      index++;
    }
    return { value, end: Math.min(index + 1, info.length), unterminated: index >= info.length };
  }
  let index = start;
  while (index < info.length && !isSpace(info.charCodeAt(index)) && info[index] !== '}') index++;
  return { value: info.slice(start, index), end: index, unterminated: false };
}

// An own property even for `__proto__`, so no attribute can reach a prototype.
function setOwn(target: Record<string, string>, key: string, value: string): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function skipSpaces(text: string, index: number): number {
  while (index < text.length && isSpace(text.charCodeAt(index))) index++;
  return index;
}

function isSpace(code: number): boolean {
  return code === 32 || code === 9;
}
