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

/** The `${VAR}` and `[bracket placeholder]` slots of a template text, in order. */
export function findSlots(text: string): SlotFact[] {
  return findTemplateSlots(text, { placeholders: true }).map((slot) => {
    const start = slot.position.start.offset;
    return { kind: slot.kind, name: slot.name, raw: slot.raw, start, end: start + slot.raw.length };
  });
}
