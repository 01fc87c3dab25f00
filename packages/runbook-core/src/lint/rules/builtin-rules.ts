import type { AnyLintRule } from '../rule.ts';
import { approvalPolicy } from './approval-policy.ts';
import { brokenAnchor } from './broken-anchor.ts';
import { duplicateStepName } from './duplicate-step-name.ts';
import { fenceLanguage } from './fence-language.ts';
import { frontmatterField } from './frontmatter-field.ts';
import { frontmatterYaml } from './frontmatter-yaml.ts';
import { interactiveCommand } from './interactive-command.ts';
import { invalidAttribute } from './invalid-attribute.ts';
import { mixedAlternatives } from './mixed-alternatives.ts';
import { proseInShell } from './prose-in-shell.ts';
import { secretLiteral } from './secret-literal.ts';
import { shellSyntaxRule } from './shell-syntax.ts';
import { shellcheck } from './shellcheck.ts';
import { unclosedFence } from './unclosed-fence.ts';
import { unconfirmedDestructive } from './unconfirmed-destructive.ts';
import { undeclaredVariable } from './undeclared-variable.ts';
import { unfilledPlaceholder } from './unfilled-placeholder.ts';
import { unrenderedSubstitution } from './unrendered-substitution.ts';
import { unusableTaskBox } from './unusable-task-box.ts';

/** Every rule `runbook lint` runs by default, by id. */
export const builtinRules: readonly AnyLintRule[] = [
  approvalPolicy,
  brokenAnchor,
  duplicateStepName,
  fenceLanguage,
  frontmatterField,
  frontmatterYaml,
  interactiveCommand,
  invalidAttribute,
  mixedAlternatives,
  proseInShell,
  secretLiteral,
  shellSyntaxRule,
  shellcheck,
  unclosedFence,
  unconfirmedDestructive,
  undeclaredVariable,
  unfilledPlaceholder,
  unrenderedSubstitution,
  unusableTaskBox,
];
