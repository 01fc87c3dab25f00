import type { Root } from 'mdast';
import { gfmTaskListItemFromMarkdown } from 'mdast-util-gfm-task-list-item';
import { gfmTaskListItem } from 'micromark-extension-gfm-task-list-item';
import remarkParse from 'remark-parse';
import { unified, type Processor } from 'unified';

// Only the syntax a runbook model needs: GFM task items. Tables are read from
// paragraph lines instead (see gfm-table.ts): the table extension alone costs
// ~20 % of the whole parse; autolink literals, footnotes and strikethrough
// would cost ~80 % more and give the model nothing. Frontmatter is found
// before parsing (see frontmatter-fence.ts).
function remarkTaskListItems(this: Processor): void {
  const data = this.data();
  (data.micromarkExtensions ??= []).push(gfmTaskListItem());
  (data.fromMarkdownExtensions ??= []).push(gfmTaskListItemFromMarkdown());
}

const processor = unified().use(remarkParse).use(remarkTaskListItems).freeze();

/** The mdast of `markdown`. */
export function parseMarkdown(markdown: string): Root {
  return processor.parse(markdown);
}
