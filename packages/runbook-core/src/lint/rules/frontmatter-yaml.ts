import { parserMessageRule } from './parser-message-rule.ts';

/** YAML frontmatter that does not parse; the rest of the file is still linted. */
export const frontmatterYaml = parserMessageRule({
  id: 'frontmatter-yaml',
  description: 'The frontmatter is valid YAML',
  defaultSeverity: 'error',
  tags: ['frontmatter'],
});
