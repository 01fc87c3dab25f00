import type { Runbook } from '../../model.ts';
import { templateVariables } from '../incident-variables.ts';
import type { LintRule, RuleContext } from '../rule.ts';
import { ruleDocsUrl } from '../rule.ts';
import { CodeLocator } from '../source/code-locator.ts';
import { isRequiredTemplate } from '../source/required-template.ts';
import { shellPlaceholders } from '../source/shell-placeholders.ts';
import { shellSyntax } from '../source/shell-syntax.ts';

/**
 * Slots left for a person where nothing will fill them:
 * - `<pod-name>` in a shell step: the shell reads it as a redirection (or
 *   passes it on quoted); the fix makes it a variable, `${POD_NAME}`, which
 *   the runner asks for once it is declared;
 * - any slot of a template marked `required=true` in its info string (an
 *   automated notice, a status page): a `[bracket]` needs a person, and a
 *   `${NAME}` that is neither declared, an incident value nor exported by a
 *   step stays as written.
 */
export const unfilledPlaceholder: LintRule = {
  id: 'unfilled-placeholder',
  description: 'Steps hold no `<placeholder>`, and templates marked `required=true` have no slot rendering leaves unfilled',
  url: ruleDocsUrl('unfilled-placeholder'),
  defaultSeverity: 'error',
  fixable: true,
  tags: ['steps', 'templates'],
  check(context) {
    checkSteps(context);
    checkRequiredTemplates(context);
  },
};

function checkSteps({ runbook, lines, report }: RuleContext<Record<string, never>>): void {
  for (const step of runbook.steps) {
    if (!step.isShell) continue;
    const found = shellPlaceholders(step, shellSyntax(step));
    if (found.length === 0) continue;
    const locator = new CodeLocator(step, lines);
    for (const slot of found) {
      const variable = variableName(slot.name);
      const position = locator.position(slot.start, slot.end);
      report({
        reason: `\`<${slot.name}>\` is a placeholder for a person to replace: the step cannot run as written${variable ? `; use a variable (\`\${${variable}}\`) and declare it in the frontmatter` : ''}`,
        position,
        ...(variable && slot.quoted !== 'single'
          ? {
              fix: { range: position, insertText: slot.quoted === 'none' ? `"\${${variable}}"` : `\${${variable}}`, title: `Use the variable \${${variable}}` },
            }
          : {}),
      });
    }
  }
}

function checkRequiredTemplates({ runbook, lines, report }: RuleContext<Record<string, never>>): void {
  const known = renderable(runbook);
  for (const template of runbook.templates) {
    if (!isRequiredTemplate(template, lines)) continue;
    for (const slot of template.slots) {
      if (slot.kind === 'variable' && known.has(slot.name)) continue;
      report({
        reason:
          slot.kind === 'placeholder'
            ? `Placeholder '${slot.raw}' in a required template needs a person to fill it; use a declared variable (\`\${NAME}\`) or write the text`
            : `'${slot.raw}' in a required template has no value when rendered; declare ${slot.name} in the frontmatter \`variables\``,
        position: slot.position,
      });
    }
  }
}

function renderable(runbook: Runbook): Set<string> {
  return new Set([...templateVariables, ...Object.keys(runbook.meta.variables), ...runbook.steps.flatMap((step) => step.exports)]);
}

/** `pod-name` → `POD_NAME`; undefined for a description rather than a name (more than three words). */
function variableName(name: string): string | undefined {
  const words = name.split(/[^A-Za-z0-9]+/).filter(Boolean);
  if (words.length === 0 || words.length > 3 || /^\d/.test(words[0]!)) return undefined;
  return words.join('_').toUpperCase();
}
