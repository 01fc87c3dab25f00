import type { RenderedTemplate, TemplateSlot } from 'runbook-core';

export interface FillOptions {
  /** Answers given up front, by bracket text (`Impact`) or variable name; asked for no more. */
  fills?: Readonly<Record<string, string>>;
  /** Ask for the slots still empty (default `true`); `false` renders with `fills` alone. */
  ask?: boolean;
}

export interface FilledRender {
  rendered: RenderedTemplate;
  /** Slots still empty after asking, as written (`[Impact]`, `${TRACKING_URL}`), each once. */
  empty: string[];
}

/** Asks for one slot; undefined (Escape) or an empty answer leaves it empty. */
export type AskSlot = (slot: TemplateSlot, index: number, count: number) => Thenable<string | undefined>;

/**
 * Renders with core's renderer, then asks for each distinct slot it left
 * empty, one input box per slot, and renders again with the answers. The
 * answers are keyed by the bracket's text or the variable's name, which
 * every core renderer reads, so the editor fills what `render --fill` does.
 */
export async function fillEmptySlots(
  render: (fills: Record<string, string>) => RenderedTemplate,
  ask: AskSlot,
  options: FillOptions = {},
): Promise<FilledRender> {
  const fills: Record<string, string> = { ...options.fills };
  let rendered = render(fills);
  if (options.ask !== false) {
    const slots = distinct(rendered.unfilled);
    let answered = 0;
    for (const [index, slot] of slots.entries()) {
      const answer = (await ask(slot, index, slots.length))?.trim();
      if (answer === undefined || answer === '') continue;
      fills[slot.name] = answer;
      answered++;
    }
    if (answered > 0) rendered = render(fills);
  }
  return { rendered, empty: distinct(rendered.unfilled).map((slot) => slot.raw) };
}

function distinct(slots: readonly TemplateSlot[]): TemplateSlot[] {
  const seen = new Set<string>();
  return slots.filter((slot) => !seen.has(slot.raw) && seen.add(slot.raw));
}
