import type { Root } from 'mdast';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { gfmTaskListItemFromMarkdown } from 'mdast-util-gfm-task-list-item';
import { gfmTable } from 'micromark-extension-gfm-table';
import { gfmTaskListItem } from 'micromark-extension-gfm-task-list-item';
import remarkParse from 'remark-parse';
import { unified, type Processor } from 'unified';

// Only the syntax a runbook model needs: GFM task items and tables (micromark's
// own, so the scanner's tables are checked, not shared). Autolink literals,
// footnotes and strikethrough give the model nothing. Frontmatter is found
// before parsing (see frontmatter-fence.ts).
function remarkTaskItemsAndTables(this: Processor): void {
  const data = this.data();
  (data.micromarkExtensions ??= []).push(gfmTaskListItem(), gfmTable());
  (data.fromMarkdownExtensions ??= []).push(gfmTaskListItemFromMarkdown(), gfmTableFromMarkdown());
}

const processor = unified().use(remarkParse).use(remarkTaskItemsAndTables).freeze();

/** The mdast of `markdown`. */
export function parseMarkdown(markdown: string): Root {
  return processor.parse(markdown);
}
