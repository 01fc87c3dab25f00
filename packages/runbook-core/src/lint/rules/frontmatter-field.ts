import { parserMessageRule } from './parser-message-rule.ts';

/** Frontmatter fields of the wrong type or shape (`variables`, `kubernetes`, `severities`, …). */
export const frontmatterField = parserMessageRule({
  id: 'frontmatter-field',
  description: 'Frontmatter fields have the shape the runner expects',
  defaultSeverity: 'error',
  tags: ['frontmatter'],
});
