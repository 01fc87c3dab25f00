import { parserMessageRule } from './parser-message-rule.ts';

/** A fence left open swallows the rest of the file into one block. */
export const unclosedFence = parserMessageRule({
  id: 'unclosed-fence',
  description: 'Every code fence is closed',
  defaultSeverity: 'error',
  tags: ['code'],
});
