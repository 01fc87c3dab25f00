import { parserMessageRule } from './parser-message-rule.ts';

/** Checklist boxes the parser cannot tick surgically. */
export const unusableTaskBox = parserMessageRule({
  id: 'unusable-task-box',
  description: 'Checklist boxes can be ticked (`- [ ]` / `- [x]`)',
  defaultSeverity: 'info',
  tags: ['checklists'],
});
