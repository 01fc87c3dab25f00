// The block structure of a Markdown text, as CommonMark reads it, holding
// just what the runbook model needs. Offsets are absolute in the source.

export interface BlockSpan {
  start: number;
  end: number;
}

/**
 * Inline content: each line's `start…end` past its container prefixes (the
 * first line past its indentation too), flat as [start, end, start, end, …];
 * the source's own line endings join them.
 */
export type InlineLines = number[];

export interface MdParagraph extends BlockSpan {
  type: 'paragraph';
  lines: InlineLines;
}

export interface MdHeading extends BlockSpan {
  type: 'heading';
  depth: 1 | 2 | 3 | 4 | 5 | 6;
  lines: InlineLines;
}

export interface MdCode extends BlockSpan {
  type: 'code';
  fenced: boolean;
  /** A fence whose closing fence was found. */
  closed: boolean;
  /**
   * A fence's language as CommonMark reads it: the info string's first word,
   * backslash escapes and character references decoded (mdast's `lang`).
   */
  language?: string;
  /** The content, container indentation removed, lines joined by their own endings. */
  value: string;
}

/** A GFM table: its header row, delimiter row and body rows, as `lines` (past container prefixes). */
export interface MdTable extends BlockSpan {
  type: 'table';
  lines: InlineLines;
}

export interface MdDefinition extends BlockSpan {
  type: 'definition';
  identifier: string;
  url: string;
}

export interface MdListItem extends BlockSpan {
  type: 'listItem';
  /** Set for a GFM task item: whether its box is ticked. */
  checked?: boolean;
  /** Offset of the character inside the task box. */
  box?: number;
  children: MdBlock[];
}

export interface MdContainer extends BlockSpan {
  type: 'list' | 'blockquote';
  children: MdBlock[];
}

export interface MdOpaque extends BlockSpan {
  type: 'html' | 'thematicBreak';
}

export type MdBlock = MdParagraph | MdHeading | MdTable | MdCode | MdDefinition | MdListItem | MdContainer | MdOpaque;
