import type { TemplateSlot } from '../model.ts';
import { findTemplateSlots } from './find-template-slots.ts';

/** Decides the text of one `[bracket placeholder]`, or `undefined` to leave it. */
export type PlaceholderResolver = (slot: PlaceholderContext) => string | undefined;

export interface PlaceholderContext {
  /** The text inside the brackets, e.g. `Investigating/Mitigating/Resolved`. */
  name: string;
  raw: string;
  /** The template text before the bracket, e.g. to see the `P` of `P[0-3]`. */
  before: string;
}

export interface RenderTemplateOptions {
  /**
   * Names whose values are replaced by `maskText` in the output (default: none).
   * Use it for `secret: true` variables when the result is shown or stored.
   */
  mask?: Iterable<string>;
  /** What a masked value becomes (default `'******'`). */
  maskText?: string;
  /**
   * Fill `[bracket placeholders]` too: by exact bracket text, or by a function.
   * Absent (the default), brackets are plain text and never reported.
   * Present, a bracket without a value is reported in `unfilled`.
   */
  placeholders?: Readonly<Record<string, string>> | PlaceholderResolver;
}

export interface FilledSlot extends TemplateSlot {
  /** The value was replaced by the mask text. */
  masked: boolean;
}

export interface RenderedTemplate {
  text: string;
  /** Slots given a value; positions are in the input text. */
  filled: FilledSlot[];
  /** Slots left as written, with their positions in the input text. */
  unfilled: TemplateSlot[];
}

/**
 * Fills `${NAME}` slots (and, on request, `[bracket]` placeholders) in one pass.
 * Values are inserted literally: nothing in a value or the template is evaluated,
 * and a value that itself contains `${X}` is not expanded again.
 */
export function renderTemplate(text: string, values: Readonly<Record<string, string | undefined>>, options: RenderTemplateOptions = {}): RenderedTemplate {
  if (typeof text !== 'string') throw new TypeError(`renderTemplate: text must be a string, got ${typeof text}`);
  if (typeof options.mask === 'string') {
    throw new TypeError(`renderTemplate: option 'mask' must be a list of names, got the string '${options.mask}'`);
  }
  const masked = new Set(options.mask ?? []);
  const maskText = options.maskText ?? '******';
  const resolvePlaceholder = placeholderResolver(options.placeholders);
  const slots = findTemplateSlots(text, { placeholders: resolvePlaceholder !== undefined });
  const filled: FilledSlot[] = [];
  const unfilled: TemplateSlot[] = [];
  let output = '';
  let cursor = 0;
  for (const slot of slots) {
    const start = slot.position.start.offset;
    const value =
      slot.kind === 'variable' ? ownValue(values, slot.name) : resolvePlaceholder?.({ name: slot.name, raw: slot.raw, before: text.slice(0, start) });
    output += text.slice(cursor, start);
    cursor = start + slot.raw.length;
    if (value === undefined) {
      unfilled.push(slot);
      output += slot.raw;
      continue;
    }
    const isMasked = slot.kind === 'variable' && masked.has(slot.name);
    filled.push({ ...slot, masked: isMasked });
    output += isMasked ? maskText : value;
  }
  return { text: output + text.slice(cursor), filled, unfilled };
}

function ownValue(values: Readonly<Record<string, string | undefined>>, name: string): string | undefined {
  if (!Object.hasOwn(values, name)) return undefined;
  const value = values[name];
  return typeof value === 'string' ? value : undefined;
}

function placeholderResolver(placeholders: RenderTemplateOptions['placeholders']): PlaceholderResolver | undefined {
  if (placeholders === undefined) return undefined;
  if (typeof placeholders === 'function') return placeholders;
  return ({ name }) => ownValue(placeholders, name);
}
