import { parseRunbook } from '../../src/parse/index.ts';
import { loadShellGrammar } from '../../src/shell/index.ts';
import type { Step } from '../../src/model.ts';

/** The steps of a Markdown runbook, as the parser gives them (real positions and commands). */
export async function parseSteps(markdown: string): Promise<Step[]> {
  await loadShellGrammar();
  return parseRunbook(markdown).steps;
}

/** The one step of a runbook holding only `code` in a fence with `info`, below a title line. */
export async function parseStep(code: string, info = 'bash'): Promise<Step> {
  const [step] = await parseSteps(`# Test\n\n\`\`\`${info}\n${code}\`\`\`\n`);
  if (!step) throw new Error('the test runbook has no step');
  return step;
}
