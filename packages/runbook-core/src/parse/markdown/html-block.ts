// The seven kinds of CommonMark HTML block: how each starts, and how kinds
// 1–5 end (6 and 7 end at a blank line).

const BLOCK_NAMES =
  'address|article|aside|base|basefont|blockquote|body|caption|center|col|colgroup|dd|details|dialog|dir|div|dl|dt|' +
  'fieldset|figcaption|figure|footer|form|frame|frameset|h[1-6]|head|header|hr|html|iframe|legend|li|link|main|menu|' +
  'menuitem|nav|noframes|ol|optgroup|option|p|param|search|section|summary|table|tbody|td|tfoot|th|thead|title|tr|track|ul';
const ATTRIBUTE = `[ \\t]+[a-zA-Z_:][a-zA-Z0-9_.:-]*(?:[ \\t]*=[ \\t]*(?:[^"'=<>\`\\x00-\\x20]+|'[^'\\r\\n]*'|"[^"\\r\\n]*"))?`;
const OPEN_TAG = `<[A-Za-z][A-Za-z0-9-]*(?:${ATTRIBUTE})*[ \\t]*/?>`;
const CLOSE_TAG = `</[A-Za-z][A-Za-z0-9-]*[ \\t]*>`;

const STARTS: readonly RegExp[] = [
  /^<(?:script|pre|textarea|style)(?:[ \t>]|$)/i,
  /^<!--/,
  /^<\?/,
  /^<![A-Za-z]/,
  /^<!\[CDATA\[/,
  new RegExp(`^</?(?:${BLOCK_NAMES})(?:[ \\t]|/?>|$)`, 'i'),
  new RegExp(`^(?:${OPEN_TAG}|${CLOSE_TAG})[ \\t]*$`),
];

const ENDS: readonly RegExp[] = [/<\/(?:script|pre|textarea|style)>/i, /-->/, /\?>/, />/, /\]\]>/];

/** The kind (1–7) of HTML block `line` opens, or 0. Kind 7 cannot interrupt a paragraph. */
export function htmlBlockKind(line: string, interruptsParagraph: boolean): number {
  const last = interruptsParagraph ? 6 : 7;
  for (let kind = 1; kind <= last; kind++) if (STARTS[kind - 1]?.test(line) === true) return kind;
  return 0;
}

/** Whether `line` ends an HTML block of kind 1–5. */
export function endsHtmlBlock(kind: number, line: string): boolean {
  return ENDS[kind - 1]?.test(line) === true;
}
