import type { Root } from 'mdast';
import { gfmTaskListItemFromMarkdown } from 'mdast-util-gfm-task-list-item';
import { gfmTaskListItem } from 'micromark-extension-gfm-task-list-item';
import remarkFrontmatter from 'remark-frontmatter';
import remarkParse from 'remark-parse';
import { unified, type Processor } from 'unified';

// Only the syntax a runbook model needs: GFM task items and YAML frontmatter.
// Tables are read from paragraph lines instead (see gfm-table.ts): the table
// extension alone costs ~20 % of the whole parse; autolink literals, footnotes
// and strikethrough would cost ~80 % more and give the model nothing.
function remarkTaskListItems(this: Processor): void {
  const data = this.data();
  (data.micromarkExtensions ??= []).push(gfmTaskListItem());
  (data.fromMarkdownExtensions ??= []).push(gfmTaskListItemFromMarkdown());
}

const documentProcessor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkTaskListItems).freeze();
// Frontmatter exists only at the very start: a fragment starting later must not read `---` as YAML.
const fragmentProcessor = unified().use(remarkParse).use(remarkTaskListItems).freeze();

/** The mdast of `markdown`; `atDocumentStart` allows YAML frontmatter. */
export function parseMarkdown(markdown: string, atDocumentStart = true): Root {
  return (atDocumentStart ? documentProcessor : fragmentProcessor).parse(markdown);
}
