import type { ShellCommand } from '../../model.ts';
import type { LintRule } from '../rule.ts';
import { ruleDocsUrl } from '../rule.ts';
import { commandView } from '../source/command-view.ts';
import { addAttributeFix } from '../source/fence-info.ts';
import { knownRisk } from '../source/known-risk.ts';

/**
 * A shell step that changes or destroys things says whether it asks first.
 * The runner asks by risk when `confirm` is absent; the runbook should say
 * so in writing, where reviewers see it. Only risks the risk table names
 * count: an unknown program is not reported (see known-risk.ts).
 */
export const unconfirmedDestructive: LintRule = {
  id: 'unconfirmed-destructive',
  description: 'Steps with mutating or destructive commands decide `confirm` in their info string',
  url: ruleDocsUrl('unconfirmed-destructive'),
  defaultSeverity: 'error',
  fixable: true,
  tags: ['safety', 'steps'],
  check({ runbook, lines, report }) {
    for (const step of runbook.steps) {
      if (!step.isShell || step.options.confirm !== undefined || step.options.skip === true) continue;
      const { commands } = commandView(step, lines);
      const risk = commands.some((command) => knownRisk(command) === 'destroy') ? 'destroy' : 'mutate';
      const risky = commands.filter((command) => knownRisk(command) === risk);
      const first = risky[0];
      if (!first) continue;
      const verb = risk === 'destroy' ? 'destroys or replaces things' : 'changes things';
      const fix = addAttributeFix(lines, step.position.start.offset, 'confirm', 'true', 'Ask before running: add confirm=true');
      report({
        reason: `Step ${step.name ? `'${step.name}' ` : ''}${verb} (${describeCommands(risky)}) but its info string does not decide \`confirm\`; add \`confirm=true\` (or \`confirm=false\` to run without asking)`,
        // The command's first line, not all of a multi-line command: its squiggle would cover every variable hover in it.
        position: lines.position(first.position.start.offset, Math.min(first.position.end.offset, lines.lineEnd(first.position.start.line))),
        severity: risk === 'destroy' ? 'error' : 'warning',
        ...(fix ? { fix } : {}),
      });
    }
  },
};

function describeCommands(commands: readonly ShellCommand[]): string {
  const names = [...new Set(commands.map((command) => command.riskReason ?? (command.programs.length > 0 ? command.programs.join(' | ') : command.text)))];
  return names.length > 3 ? `${names.slice(0, 3).join(', ')} and ${names.length - 3} more` : names.join(', ');
}
