import type { TemplateSlot } from '../model.ts';
import { LineIndex } from '../parse/line-index.ts';

export interface FindTemplateSlotsOptions {
  /**
   * Also report `[bracket placeholders]` (default `false`). Markdown links
   * (`[text](url)`, `[text][ref]`, `[ref]:`), images and task boxes (`[ ]`, `[x]`)
   * are never placeholders, nor is a literal e-mail subject tag: a bracket
   * opening a `Subject:` line and followed by more subject text
   * (`Subject: [Resolved] Service Disruption`); `Subject: [Incident title]`
   * alone on its line still is one.
   */
  placeholders?: boolean;
}

/**
 * Finds the slots of a template, in order. Variables are written `${NAME}` only,
 * with NAME matching `[A-Za-z_][A-Za-z0-9_]*`: a bare `$NAME` is prose (prices,
 * shell text) far too often to be filled silently, and shell forms such as
 * `${NAME:-default}` are left alone because templates are never evaluated.
 */
export function findTemplateSlots(text: string, options: FindTemplateSlotsOptions = {}): TemplateSlot[] {
  const pattern = options.placeholders === true ? slotOrPlaceholderPattern : variablePattern;
  const lines = new LineIndex(text);
  const slots: TemplateSlot[] = [];
  for (const match of text.matchAll(pattern)) {
    const raw = match[0];
    const start = match.index;
    const variable = match.groups?.variable;
    const kind = variable === undefined ? 'placeholder' : 'variable';
    const name = variable ?? match.groups?.placeholder ?? '';
    if (kind === 'placeholder' && !isPlaceholder(text, start, raw, name)) continue;
    slots.push({ kind, name, raw, position: lines.position(start, start + raw.length) });
  }
  return slots;
}

const variablePattern = /\$\{(?<variable>[A-Za-z_][A-Za-z0-9_]*)\}/g;
const slotOrPlaceholderPattern = /\$\{(?<variable>[A-Za-z_][A-Za-z0-9_]*)\}|\[(?<placeholder>[^[\]\n]+)\]/g;

function isPlaceholder(text: string, start: number, raw: string, name: string): boolean {
  if (name.trim() === '' || /^[xX ]$/.test(name)) return false;
  if (text[start - 1] === '!' || text[start - 1] === ']') return false;
  const next = text[start + raw.length];
  return next !== '(' && next !== '[' && next !== ':' && !isSubjectTag(text, start, start + raw.length);
}

function isSubjectTag(text: string, start: number, end: number): boolean {
  const lineStart = Math.max(text.lastIndexOf('\n', start - 1), text.lastIndexOf('\r', start - 1)) + 1;
  if (!/^[ \t]*subject:[ \t]*$/i.test(text.slice(lineStart, start))) return false;
  const lineEnd = /[\r\n]/.exec(text.slice(end))?.index ?? text.length - end;
  return text.slice(end, end + lineEnd).trim() !== '';
}
