import type { Runbook, Step } from '../model.ts';
import { parseInfoString, type InfoString } from '../parse/info-string.ts';
import { parseRunbook, type TextEdit } from '../parse/index.ts';
import { applyTextEdits } from './apply-text-edits.ts';
import { jsonMembers } from './json-members.ts';
import { RunbookEditError } from './runbook-edit-error.ts';

const attributeKey = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

/**
 * The edits that set (or, with `undefined`, remove) one attribute in a step's
 * info string, in the syntax it already uses: `key=value` pairs keep their
 * neighbours byte for byte, JSON attributes get one member replaced, added or
 * removed, and a fence without attributes gains ` { key=value }`. Nothing
 * outside the opening fence line changes. Throws `RunbookEditError` for an
 * unknown step id, a bad key, or a value an info string cannot hold.
 */
export function attributeEdits(source: string, stepId: string, key: string, value: string | undefined, runbook: Runbook = parseRunbook(source)): TextEdit[] {
  const step = runbook.steps.find((candidate) => candidate.id === stepId);
  if (step === undefined) throw new RunbookEditError('stepId', stepId, 'is not a step of this runbook');
  if (typeof key !== 'string' || !attributeKey.test(key)) {
    throw new RunbookEditError('key', key, "is not an attribute name (a letter or '_', then letters, digits, '_', '.', '-')");
  }
  const line = infoLine(source, step);
  if (value !== undefined) checkValue(value, line.fence);
  const info = parseInfoString(line.text);
  const edits = info.block?.json === true ? jsonEdits(line.text, info, key, value) : pairEdits(line.text, info, key, value);
  return edits.map((edit) => ({ start: line.start + edit.start, end: line.start + edit.end, text: edit.text }));
}

/** `source` with one step attribute set; see `attributeEdits`. */
export function setAttribute(source: string, stepId: string, key: string, value: string): string {
  if (typeof value !== 'string') throw new RunbookEditError('value', value, 'must be a string');
  return applyTextEdits(source, attributeEdits(source, stepId, key, value));
}

/** `source` without one step attribute (unchanged when it has none); see `attributeEdits`. */
export function removeAttribute(source: string, stepId: string, key: string): string {
  return applyTextEdits(source, attributeEdits(source, stepId, key, undefined));
}

interface InfoLine {
  text: string;
  /** Offset of the info string in the source. */
  start: number;
  fence: string;
}

function infoLine(source: string, step: Step): InfoLine {
  const fenceStart = step.position.start.offset;
  const fence = source[fenceStart] ?? '`';
  let start = fenceStart;
  while (source[start] === fence) start++;
  let end = start;
  while (end < source.length && source[end] !== '\n' && source[end] !== '\r') end++;
  return { text: source.slice(start, end), start, fence };
}

function checkValue(value: string, fence: string): void {
  if (typeof value !== 'string') throw new RunbookEditError('value', value, 'must be a string');
  if (/[\r\n]/.test(value)) throw new RunbookEditError('value', value, 'cannot hold a line break: it must fit on the fence line');
  if (fence === '`' && value.includes('`')) throw new RunbookEditError('value', value, 'cannot hold a backtick in a backtick fence');
}

function pairEdits(info: string, parsed: InfoString, key: string, value: string | undefined): TextEdit[] {
  const pair = value === undefined ? '' : value === '' ? key : `${key}=${pairValue(value)}`;
  const block = parsed.block;
  if (block === undefined) {
    if (value === undefined) return [];
    const end = info.trimEnd().length;
    return [{ start: end, end, text: ` { ${pair} }` }];
  }
  const span = parsed.attributeSpans.get(key);
  if (span !== undefined) {
    if (value !== undefined) return [{ start: span.start, end: span.end, text: pair }];
    let start = span.start;
    while (start > block.start + 1 && /[ \t]/.test(info[start - 1] ?? '')) start--;
    return [{ start, end: span.end, text: '' }];
  }
  if (value === undefined) return [];
  if (info[block.end - 1] !== '}') throw new RunbookEditError('stepId', info, "has an attribute block without its closing '}'");
  const close = block.end - 1;
  const inner = info.slice(block.start + 1, close);
  if (inner.trim() === '') return [{ start: block.start + 1, end: close, text: inner === '' ? pair : ` ${pair} ` }];
  const spaced = /[ \t]/.test(info[close - 1] ?? '');
  return [{ start: close, end: close, text: spaced ? `${pair} ` : ` ${pair}` }];
}

function jsonEdits(info: string, parsed: InfoString, key: string, value: string | undefined): TextEdit[] {
  const block = parsed.block;
  const members = block === undefined ? undefined : jsonMembers(info, block.start);
  if (block === undefined || members === undefined) {
    throw new RunbookEditError('stepId', info, 'has JSON attributes that do not parse; fix them first');
  }
  const index = members.findIndex((member) => member.key === key);
  const member = members[index];
  const json = JSON.stringify(value);
  if (member !== undefined) {
    if (value !== undefined) return [{ start: member.valueStart, end: member.valueEnd, text: json }];
    // Take the comma that separates it from a neighbour.
    const next = members[index + 1];
    const previous = members[index - 1];
    if (next !== undefined) return [{ start: member.start, end: next.start, text: '' }];
    if (previous !== undefined) return [{ start: previous.valueEnd, end: member.valueEnd, text: '' }];
    return [{ start: member.start, end: member.valueEnd, text: '' }];
  }
  if (value === undefined) return [];
  const last = members.at(-1);
  if (last === undefined) return [{ start: block.start + 1, end: block.start + 1, text: `${JSON.stringify(key)}:${json}` }];
  return [{ start: last.valueEnd, end: last.valueEnd, text: `,${JSON.stringify(key)}:${json}` }];
}

// Bare when Runme's own parser would read it back unchanged, quoted otherwise.
function pairValue(value: string): string {
  if (/^[^\s"'{}=\\]+$/.test(value)) return value;
  return `"${value.replace(/[\\"]/g, (character) => `\\${character}`)}"`;
}
