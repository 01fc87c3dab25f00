import { parserMessageRule } from './parser-message-rule.ts';

/** Unknown or malformed info-string attributes, as the parser found them. */
export const invalidAttribute = parserMessageRule({
  id: 'invalid-attribute',
  description: 'Info-string attributes are known and well-formed (`confirm=true`, `timeout=30s`, …)',
  defaultSeverity: 'warning',
  tags: ['steps'],
});
