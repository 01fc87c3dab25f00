import { declareVariableEdit } from '../../edit/declare-variable.ts';
import type { Position, Step } from '../../model.ts';
import { isCredentialName } from '../../session/secret-names.ts';
import { walkSyntaxTree, type SyntaxNode } from '../../shell/syntax-node.ts';
import { incidentVariables, templateVariables } from '../incident-variables.ts';
import type { LintFix } from '../lint-message.ts';
import type { LintRule } from '../rule.ts';
import { ruleDocsUrl } from '../rule.ts';
import { closestName } from '../source/closest-name.ts';
import { CodeLocator } from '../source/code-locator.ts';
import type { LineIndex } from '../source/line-index.ts';
import { commandView, type CommandView } from '../source/command-view.ts';
import { isRequiredTemplate } from '../source/required-template.ts';
import { isWellKnownEnvironment } from '../source/well-known-environment.ts';

interface Options {
  /** Names to accept without a declaration (set by the team's environment). */
  allow: string[];
}

// `${X:-d}`, `${X-d}`, `${X:=d}`, `${X:?msg}`, `${X:+alt}`: the author handled "unset".
const unsetOperators = new Set([':-', '-', ':=', '=', ':?', '?', ':+', '+']);
const dynamicEnvironment = new Set(['source', '.', 'eval', 'set']);

/**
 * A step reads `$X` that nothing provides: no frontmatter declaration, no
 * incident value, no export from an earlier step, no assignment in the
 * block, no well-known environment variable. A name near a known one is
 * reported as a likely typo (error); otherwise a warning. A name assigned
 * but not exported by an earlier step gets its own advice: steps run in
 * separate processes, so only exports carry over. Template slots
 * (`${X}`) are checked the same way against what rendering provides.
 */
export const undeclaredVariable: LintRule<Options> = {
  id: 'undeclared-variable',
  description: 'Variables a step reads are declared, incident values, or set by an earlier step',
  url: ruleDocsUrl('undeclared-variable'),
  defaultSeverity: 'warning',
  fixable: true,
  tags: ['variables'],
  options: { allow: { type: 'string[]', description: 'Names to accept as provided by the environment.' } },
  defaultOptions: { allow: [] },
  check({ runbook, source, lines, options, report }) {
    const declared = Object.keys(runbook.meta.variables);
    const allowed = new Set(options.allow);
    const exported = new Map<string, Step>();
    const assignedEarlier = new Map<string, Step>();
    for (const step of runbook.steps) {
      if (step.isShell) {
        const view = commandView(step, lines);
        const known = new Set([...declared, ...incidentVariables, ...exported.keys(), ...view.writes, ...view.exports]);
        const uses = variableUses(view);
        // Code that does not parse has no reliable variables; shell-syntax reports it.
        if (!uses.dynamic && !view.hasSyntaxErrors) {
          for (const name of view.reads) {
            if (known.has(name) || allowed.has(name) || isWellKnownEnvironment(name) || uses.guarded.has(name)) continue;
            // A read the tree does not show is the analysis guessing; report only what can be pointed at.
            const use = uses.first.get(name);
            if (!use) continue;
            const position = usePosition(step, use, lines);
            const earlier = assignedEarlier.get(name);
            if (earlier) {
              report({
                reason: `$${name} is assigned by the step on line ${earlier.position.start.line} but not exported, and each step runs in its own shell; write \`export ${name}=…\` there`,
                position,
              });
              continue;
            }
            const suggestion = closestName(name, [...declared, ...incidentVariables, ...exported.keys()]);
            const fix = suggestion ? undefined : declareFix(source, lines, name, `Read by the step on line ${step.position.start.line}`);
            report({
              reason: suggestion
                ? `$${name} is not declared or set by an earlier step; did you mean $${suggestion}?`
                : `$${name} is not declared, an incident value, or set by an earlier step; declare it under \`variables\` in the frontmatter (with \`secret: true\` for credentials)`,
              position,
              severity: suggestion ? 'error' : 'warning',
              ...(fix ? { fix } : {}),
            });
          }
        }
        for (const name of view.writes) assignedEarlier.set(name, step);
        for (const name of view.exports) exported.set(name, step);
      }
    }
    const renderable = new Set([...templateVariables, ...declared, ...exported.keys(), ...allowed]);
    for (const template of runbook.templates) {
      // A required template's slots are unfilled-placeholder's, reported as errors there.
      if (isRequiredTemplate(template, lines)) continue;
      for (const slot of template.slots) {
        if (slot.kind !== 'variable' || renderable.has(slot.name)) continue;
        const suggestion = closestName(slot.name, renderable);
        const fix = suggestion ? undefined : declareFix(source, lines, slot.name, `Filled into the template on line ${template.position.start.line}`);
        report({
          reason: `Template slot ${slot.raw} has no value when rendered${suggestion ? `; did you mean \${${suggestion}}?` : '; declare it under `variables` in the frontmatter'}`,
          position: slot.position,
          severity: suggestion ? 'error' : 'warning',
          ...(fix ? { fix } : {}),
        });
      }
    }
  },
};

/** "Declare NAME in the frontmatter": the edit core's edit/ makes, creating the frontmatter when there is none. */
function declareFix(source: string, lines: LineIndex, name: string, description: string): LintFix | undefined {
  const edit = declareVariableEdit(source, name, { description, secret: isCredentialName(name) });
  if (edit === undefined) return undefined;
  return { range: lines.position(edit.start, edit.end), insertText: edit.text, title: `Declare ${name} in the frontmatter` };
}

interface VariableUses {
  /** Code offset of the first `$X` / `${X}` of each name. */
  first: Map<string, SyntaxNode>;
  /** Names read with a default or an error for "unset". */
  guarded: Set<string>;
  /** The block sources a file or evals code: anything may be set. */
  dynamic: boolean;
}

function variableUses(view: CommandView): VariableUses {
  const uses: VariableUses = { first: new Map(), guarded: new Set(), dynamic: false };
  const { root, code } = view;
  if (!root) return uses;
  walkSyntaxTree(root, (node) => {
    if (node.type === 'command') {
      const name = node.children.find((child) => child.field === 'name');
      if (name && dynamicEnvironment.has(code.slice(name.start, name.end))) {
        const word = code.slice(name.start, name.end);
        // `set -a`/`set --` change nothing read here; only `set` with `-a` exports what follows.
        if (word !== 'set' || /\bset\s+-[a-z]*a/.test(code.slice(node.start, node.end))) uses.dynamic = true;
      }
    }
    if (node.type === 'variable_name' && node.field !== 'name' && insideArithmetic(node)) {
      const name = code.slice(node.start, node.end);
      if (!uses.first.has(name)) uses.first.set(name, node);
      return true;
    }
    if (node.type !== 'simple_expansion' && node.type !== 'expansion') return true;
    const variable = node.children.find((child) => child.type === 'variable_name');
    if (!variable) return true;
    const name = code.slice(variable.start, variable.end);
    // `$ kubectl …` is a prompt, not a read (prose-in-shell reports it).
    if (/^\$\s/.test(code.slice(node.start, variable.start))) uses.guarded.add(name);
    if (!uses.first.has(name)) uses.first.set(name, variable);
    if (node.type === 'expansion' && node.children.some((child) => child.field === 'operator' && unsetOperators.has(code.slice(child.start, child.end)))) {
      uses.guarded.add(name);
    }
    return true;
  });
  return uses;
}

function insideArithmetic(node: SyntaxNode): boolean {
  for (let parent = node.parent; parent; parent = parent.parent) {
    if (parent.type === 'arithmetic_expansion' || parent.type === 'c_style_for_statement') return true;
  }
  return false;
}

function usePosition(step: Step, node: SyntaxNode, lines: LineIndex): Position {
  const dollar = step.code.lastIndexOf('$', node.start);
  const start = dollar !== -1 && /^\$\{?$/.test(step.code.slice(dollar, node.start)) ? dollar : node.start;
  // `${X}` whole, braces included: the squiggle covers what the hover covers.
  const braced = step.code.slice(start, start + 2) === '${' && step.code[node.end] === '}';
  return new CodeLocator(step, lines).position(start, braced ? node.end + 1 : node.end);
}
