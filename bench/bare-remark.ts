import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

// unified and remark-parse are dependencies of runbook-core, not of the root: resolve them from there.
const requireFromCore = createRequire(new URL('../packages/runbook-core/package.json', import.meta.url));

async function importFromCore(name: string): Promise<Record<string, unknown>> {
  return (await import(pathToFileURL(requireFromCore.resolve(name)).href)) as Record<string, unknown>;
}

interface MarkdownProcessor {
  use(plugin: unknown): MarkdownProcessor;
  parse(text: string): unknown;
}

/** `unified().use(remarkParse)`: CommonMark to mdast with nothing else, the baseline every parse is measured against. */
export async function bareRemarkParser(): Promise<MarkdownProcessor> {
  const unified = (await importFromCore('unified')).unified as () => MarkdownProcessor;
  const remarkParse = (await importFromCore('remark-parse')).default;
  return unified().use(remarkParse);
}
