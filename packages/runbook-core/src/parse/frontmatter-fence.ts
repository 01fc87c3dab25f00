export interface FrontmatterFence {
  /** Offsets of the whole frontmatter, fences included (the closing line's ending excluded). */
  start: number;
  end: number;
  /** The YAML between the fences. */
  yaml: string;
  yamlStart: number;
  /** Where the Markdown after it starts: the line after the closing fence. */
  next: number;
}

const openingFence = /---[ \t]*(?:\r\n|\r|\n)/y;
const closingFence = /---[ \t]*(?=\r\n|\r|\n|$)/y;

/**
 * YAML frontmatter at `start` (the document start, after any BOM): a `---`
 * line, then everything up to the next `---` line. Found here rather than
 * with micromark-extension-frontmatter, whose failed attempt on an unclosed
 * `---` stops every later list and blockquote from parsing (its issue #5).
 */
export function findFrontmatter(source: string, start: number): FrontmatterFence | undefined {
  openingFence.lastIndex = start;
  if (!openingFence.test(source)) return undefined;
  const yamlStart = openingFence.lastIndex;
  let lineStart = yamlStart;
  while (lineStart <= source.length) {
    closingFence.lastIndex = lineStart;
    if (closingFence.test(source)) {
      const end = closingFence.lastIndex;
      const yamlEnd = lineStart === yamlStart ? yamlStart : lineStart - lineEndingBefore(source, lineStart);
      return { start, end, yaml: source.slice(yamlStart, yamlEnd), yamlStart, next: afterLineEnding(source, end) };
    }
    const next = nextLineStart(source, lineStart);
    if (next === -1) return undefined;
    lineStart = next;
  }
  return undefined;
}

function nextLineStart(source: string, from: number): number {
  for (let index = from; index < source.length; index++) {
    const code = source.charCodeAt(index);
    if (code === 10) return index + 1;
    if (code === 13) return source.charCodeAt(index + 1) === 10 ? index + 2 : index + 1;
  }
  return -1;
}

function lineEndingBefore(source: string, lineStart: number): number {
  if (source.charCodeAt(lineStart - 1) === 10 && source.charCodeAt(lineStart - 2) === 13) return 2;
  return 1;
}

function afterLineEnding(source: string, end: number): number {
  if (source.charCodeAt(end) === 13 && source.charCodeAt(end + 1) === 10) return end + 2;
  return Math.min(end + 1, source.length);
}
