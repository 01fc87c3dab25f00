import type { Formatter } from './format-context.ts';

/** The message records, flat, each with the path of its file. */
export const formatJson: Formatter = (results) => {
  const records = results.flatMap((result) => result.messages.map((message) => ({ path: result.path, ...message })));
  return `${JSON.stringify(records, null, 2)}\n`;
};
