import type { TemplateSlot } from '../model.ts';
import { findTemplateSlots } from '../template/index.ts';

export interface SlotFact {
  kind: TemplateSlot['kind'];
  name: string;
  raw: string;
  /** Offsets into the template text. */
  start: number;
  end: number;
}

/** Languages whose blocks are text meant to be filled, not run. */
export function isTemplateLanguage(lang: string): boolean {
  return templateLanguages.has(lang.toLowerCase());
}

const templateLanguages = new Set(['', 'text', 'txt', 'plaintext', 'markdown', 'md']);

/**
 * The `${VAR}` and `[bracket placeholder]` slots of a template text, in order.
 * Which brackets are placeholders is decided by `findTemplateSlots` (no links,
 * images, reference definitions or task boxes), plus one rule of our own: a
 * bracket opening an e-mail `Subject:` line and followed by more subject text
 * is a literal subject tag (`Subject: [Resolved] Service Disruption`), not a
 * slot; `Subject: [Incident title]` alone on its line still is one.
 */
export function findSlots(text: string): SlotFact[] {
  const slots: SlotFact[] = [];
  for (const slot of findTemplateSlots(text, { placeholders: true })) {
    const start = slot.position.start.offset;
    const end = start + slot.raw.length;
    if (slot.kind === 'placeholder' && isSubjectTag(text, start, end)) continue;
    slots.push({ kind: slot.kind, name: slot.name, raw: slot.raw, start, end });
  }
  return slots;
}

function isSubjectTag(text: string, start: number, end: number): boolean {
  const lineStart = Math.max(text.lastIndexOf('\n', start - 1), text.lastIndexOf('\r', start - 1)) + 1;
  if (!/^[ \t]*subject:[ \t]*$/i.test(text.slice(lineStart, start))) return false;
  const lineEnd = /[\r\n]/.exec(text.slice(end))?.index ?? text.length - end;
  return text.slice(end, end + lineEnd).trim() !== '';
}
