import { isMap, isScalar, parseDocument, type YAMLMap } from 'yaml';
import { findFrontmatter } from '../parse/frontmatter-fence.ts';
import type { TextEdit } from '../parse/index.ts';
import { applyTextEdits } from './apply-text-edits.ts';
import { RunbookEditError } from './runbook-edit-error.ts';

export interface DeclareVariableOptions {
  /** Written as the declaration's `description`. */
  description: string;
  /** Adds `secret: true` (the value is masked and never written to the journal). */
  secret?: boolean;
}

const variableName = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * The one edit that declares `name` under `variables` in the frontmatter:
 * a new entry after the last one, a new `variables` key at the end of the
 * frontmatter, or a new frontmatter at the top when there is none. None
 * when the name is already declared, or the frontmatter is not YAML this
 * can extend without rewriting it (broken YAML, `variables` not a map).
 */
export function declareVariableEdit(source: string, name: string, options: DeclareVariableOptions): TextEdit | undefined {
  if (!variableName.test(name)) throw new RunbookEditError('name', name, 'is not a variable name (letters, digits and _, not starting with a digit)');
  const eol = source.includes('\r\n') ? '\r\n' : '\n';
  const entry = `${name}: ${flowDeclaration(options)}`;
  const bom = source.charCodeAt(0) === 0xfeff ? 1 : 0;
  const fence = findFrontmatter(source, bom);
  if (fence === undefined) return { start: bom, end: bom, text: `---${eol}variables:${eol}  ${entry}${eol}---${eol}${eol}` };

  const document = parseDocument(fence.yaml, { keepSourceTokens: false });
  if (document.errors.length > 0) return undefined;
  const root = document.contents;
  if (root !== null && !isMap(root)) return undefined;
  const variables = root?.items.find((pair) => isScalar(pair.key) && pair.key.value === 'variables');
  if (variables === undefined) {
    const closing = lineStartAt(source, fence.end);
    return { start: closing, end: closing, text: `variables:${eol}  ${entry}${eol}` };
  }
  const value = variables.value;
  const keyRange = isScalar(variables.key) ? variables.key.range : undefined;
  if (value === null || (isScalar(value) && (value.value === null || value.value === ''))) {
    if (keyRange === undefined) return undefined;
    const at = lineEndAt(source, fence.yamlStart + keyRange[1]);
    return { start: at, end: at, text: `${eol}  ${entry}` };
  }
  if (!isMap(value) || value.range === undefined || value.range === null) return undefined;
  if (value.items.some((pair) => isScalar(pair.key) && pair.key.value === name)) return undefined;
  return value.flow ? intoFlowMap(source, fence.yamlStart, value, entry) : intoBlockMap(source, fence.yamlStart, value, entry, eol);
}

/** `source` with `name` declared, or unchanged when `declareVariableEdit` has no edit. */
export function declareVariable(source: string, name: string, options: DeclareVariableOptions): string {
  const edit = declareVariableEdit(source, name, options);
  return edit === undefined ? source : applyTextEdits(source, [edit]);
}

function flowDeclaration(options: DeclareVariableOptions): string {
  const fields = [`description: ${JSON.stringify(options.description)}`];
  if (options.secret) fields.push('secret: true');
  return `{ ${fields.join(', ')} }`;
}

function intoBlockMap(source: string, yamlStart: number, map: YAMLMap, entry: string, eol: string): TextEdit | undefined {
  const first = map.items[0]?.key;
  const last = map.items.at(-1);
  if (!isScalar(first) || first.range == null || last === undefined) return undefined;
  const firstKey = yamlStart + first.range[0];
  const indent = firstKey - lineStartAt(source, firstKey);
  const lastEnd = yamlStart + lastRangeEnd(last, map);
  const at = lineEndAt(source, Math.max(firstKey, lastEnd - 1));
  return { start: at, end: at, text: `${eol}${' '.repeat(indent)}${entry}` };
}

function intoFlowMap(source: string, yamlStart: number, map: YAMLMap, entry: string): TextEdit | undefined {
  const range = map.range;
  if (range == null) return undefined;
  let close = yamlStart + range[1] - 1;
  while (close > yamlStart + range[0] && source[close] !== '}') close--;
  if (source[close] !== '}') return undefined;
  let before = close;
  while (before > 0 && /\s/.test(source[before - 1] ?? '')) before--;
  const empty = map.items.length === 0;
  return { start: before, end: before, text: empty ? entry : `, ${entry}` };
}

/** Where the last entry's value ends (its key's end when it has no value). */
function lastRangeEnd(pair: YAMLMap['items'][number], map: YAMLMap): number {
  const value = pair.value as { range?: [number, number, number] | null } | null;
  if (value?.range) return value.range[1];
  const key = pair.key as { range?: [number, number, number] | null } | null;
  return key?.range?.[1] ?? map.range?.[1] ?? 0;
}

function lineStartAt(source: string, offset: number): number {
  let at = offset;
  while (at > 0 && source[at - 1] !== '\n' && source[at - 1] !== '\r') at--;
  return at;
}

function lineEndAt(source: string, offset: number): number {
  let at = offset;
  while (at < source.length && source[at] !== '\n' && source[at] !== '\r') at++;
  return at;
}
