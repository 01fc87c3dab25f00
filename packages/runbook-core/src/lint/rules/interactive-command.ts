import { argumentSyntax } from '../../shell/risk-table.ts';
import type { Step } from '../../model.ts';
import { shellWord } from '../../shell/shell-word.ts';
import { walkSyntaxTree, type SyntaxNode } from '../../shell/syntax-node.ts';
import type { LintFix } from '../lint-message.ts';
import type { LintRule } from '../rule.ts';
import { ruleDocsUrl } from '../rule.ts';
import { CodeLocator } from '../source/code-locator.ts';
import { addAttributeFix } from '../source/fence-info.ts';
import type { LineIndex } from '../source/line-index.ts';
import { commandView } from '../source/command-view.ts';
import { hasScriptedStdin } from '../source/stdin-source.ts';

interface Word {
  node: SyntaxNode;
  value: string | undefined;
}

interface Finding {
  /** What needs the terminal, e.g. `kubectl exec -it`. */
  what: string;
  end: number;
  /** A TTY flag that can be dropped, when what runs inside needs no terminal. */
  ttyFlag?: Word;
  /** A shell or REPL somewhere else (`ssh host`, `kubectl exec -it pod -- bash`): the lines after it still run here. */
  remoteShell?: true;
}

const containerTools = new Set(['docker', 'podman', 'nerdctl', 'crictl']);
const kubeTools = new Set(['kubectl', 'oc']);
const screenPrograms = new Set([
  'less',
  'more',
  'most',
  'vi',
  'vim',
  'nvim',
  'view',
  'nano',
  'pico',
  'joe',
  'mcedit',
  'emacs',
  'top',
  'htop',
  'btop',
  'atop',
  'watch',
  'tmux',
  'screen',
  'k9s',
  'mc',
  'nmtui',
]);
const interactiveInside =
  /^(?:(?:\/usr)?\/bin\/)?(?:ba|z|k|da|fi)?sh$|^(?:psql|mysql|mariadb|redis-cli|mongo|mongosh|sqlite3|python3?|node|irb|cqlsh|etcdctl)$/;
// kubectl's valued flags come from the one table the risk analysis and the guard read.
const kubeValueOptions: ReadonlySet<string> = new Set(argumentSyntax.kubectl?.optionsWithValue ?? []);
const sshValueOptions = new Set(['-b', '-c', '-D', '-E', '-e', '-F', '-I', '-i', '-J', '-L', '-l', '-m', '-O', '-o', '-p', '-Q', '-R', '-S', '-W', '-w', '-B']);

/**
 * Steps run without a terminal unless marked `interactive`: a TTY flag
 * (`kubectl exec -it`, `docker run -it`), `read` from the keyboard, a pager,
 * editor or full-screen monitor, or a remote shell with no command (`ssh
 * host`, `oc rsh pod`, `oc debug node/x`) then fails, hangs or runs the next
 * lines locally. Found on the syntax tree, so `… | while read` and `read <
 * file` are fine. The fix drops `-t` when what runs inside needs no
 * terminal, else marks the step `interactive=true` — which runs it in a
 * terminal — but only where that works: not for a step that runs as a
 * Kubernetes Job, and not for a remote shell with lines after it (they
 * would still run here, after the shell ends).
 */
export const interactiveCommand: LintRule = {
  id: 'interactive-command',
  description: 'Steps not marked `interactive` run no command that needs a terminal',
  url: ruleDocsUrl('interactive-command'),
  defaultSeverity: 'warning',
  fixable: true,
  tags: ['steps'],
  check({ runbook, lines, report }) {
    for (const step of runbook.steps) {
      if (step.options.interactive === true) continue;
      if (!step.isShell) continue;
      const { root, code } = commandView(step, lines);
      if (!root) continue;
      const locator = new CodeLocator(step, lines);
      walkSyntaxTree(root, (node) => {
        if (node.type !== 'command') return true;
        const finding = interactiveUse(node, code);
        if (!finding) return true;
        const advice = adviceFor(step, finding, code.slice(node.end));
        const fix =
          advice.kind === 'drop-tty' && finding.ttyFlag
            ? dropTty(locator, code, finding.ttyFlag)
            : advice.kind === 'mark-interactive'
              ? markInteractive(lines, step)
              : undefined;
        report({
          reason: `\`${finding.what}\` needs a terminal, but a step runs without one unless marked \`interactive\`; ${advice.text}`,
          position: locator.position(node.start, finding.end),
          ...(fix ? { fix } : {}),
        });
        return true;
      });
    }
  },
};

interface Advice {
  kind: 'drop-tty' | 'mark-interactive' | 'none';
  text: string;
}

/** What to suggest: only what then works. */
function adviceFor(step: Step, finding: Finding, after: string): Advice {
  if (finding.ttyFlag) return { kind: 'drop-tty', text: 'drop the `-t` flag (what runs inside needs no terminal)' };
  if (step.options.runsOn === 'job') {
    return { kind: 'none', text: 'a step that runs as a Kubernetes Job never has a terminal: run it locally with `interactive=true`, or without the terminal' };
  }
  if (finding.remoteShell && hasLaterCommands(after)) {
    return {
      kind: 'none',
      text: 'the lines after it would still run here once that shell ends: give them to it as its command (`ssh host "cmd"`, `… -- sh -c "cmd"`) instead',
    };
  }
  return {
    kind: 'mark-interactive',
    text: 'add `interactive=true` to the info string: the step then runs in a terminal (the CLI on a terminal, or the editor) and is refused without one',
  };
}

/** Whether code follows, other than blank lines and comments. */
function hasLaterCommands(after: string): boolean {
  const [, ...nextLines] = after.split('\n');
  return nextLines.some((line) => line.trim() !== '' && !line.trim().startsWith('#'));
}

function interactiveUse(command: SyntaxNode, code: string): Finding | undefined {
  const nameNode = command.children.find((child) => child.field === 'name');
  if (!nameNode) return undefined;
  const program = shellWord(nameNode, code).value?.split('/').pop();
  if (program === undefined) return undefined;
  const words: Word[] = command.children.filter((child) => child.field === 'argument').map((node) => ({ node, value: shellWord(node, code).value }));
  const named = (end: number, what: string): Finding => ({ what, end });
  if (program === 'read') {
    if (hasScriptedStdin(command) || words.some((word) => /^-[a-zA-Z]*u/.test(word.value ?? ''))) return undefined;
    return named(nameNode.end, 'read');
  }
  if (screenPrograms.has(program)) {
    if (program === 'top' && words.some((word) => /^-[a-zA-Z]*b/.test(word.value ?? ''))) return undefined;
    if (program === 'emacs' && words.some((word) => word.value === '--batch' || word.value === '--script')) return undefined;
    return named(nameNode.end, program);
  }
  if (program === 'ssh') return sshShell(command, words, nameNode);
  if (kubeTools.has(program)) return kubeUse(command, program, words, nameNode);
  if (containerTools.has(program)) return containerUse(program, words);
  return undefined;
}

function kubeUse(command: SyntaxNode, program: string, words: Word[], nameNode: SyntaxNode): Finding | undefined {
  const dashDash = words.findIndex((word) => word.value === '--');
  const flags = dashDash === -1 ? words : words.slice(0, dashDash);
  const inside = dashDash === -1 ? [] : words.slice(dashDash + 1);
  const operands = kubeOperands(flags);
  const subcommand = operands[0]?.value;
  if (subcommand === 'edit') return { what: `${program} edit`, end: nameNode.end };
  if (subcommand === 'exec' || subcommand === 'run' || subcommand === 'attach' || subcommand === 'debug') {
    const tty = flags.find((word) => isTtyFlag(word.value, /^-[iqt]*t[iqt]*$/));
    if (tty) return ttyFinding(`${program} ${subcommand} ${tty.value}`, tty, subcommand === 'attach' ? [] : inside, subcommand !== 'attach');
  }
  if (program === 'oc' && (subcommand === 'rsh' || subcommand === 'debug') && dashDash === -1 && !hasScriptedStdin(command)) {
    if (subcommand === 'debug' || operands.length <= 2) return { what: `oc ${subcommand}`, end: operands[1]?.node.end ?? nameNode.end, remoteShell: true };
  }
  return undefined;
}

/** Operands of a kubectl or oc command line: words that are neither options nor option values. */
function kubeOperands(words: readonly Word[]): Word[] {
  const operands: Word[] = [];
  for (let index = 0; index < words.length; index++) {
    const value = words[index]!.value;
    if (value === undefined || !value.startsWith('-')) operands.push(words[index]!);
    else if (kubeValueOptions.has(value)) index++;
  }
  return operands;
}

function containerUse(program: string, words: Word[]): Finding | undefined {
  const subIndex = words.findIndex((word) => word.value !== undefined && !word.value.startsWith('-'));
  const subcommand = words[subIndex]?.value;
  if (subcommand !== 'run' && subcommand !== 'exec') return undefined;
  const rest = words.slice(subIndex + 1);
  const target = rest.findIndex((word) => word.value === undefined || !word.value.startsWith('-'));
  const flags = target === -1 ? rest : rest.slice(0, target);
  const tty = flags.find((word) => isTtyFlag(word.value, /^-[idqPt]*t[idqPt]*$/));
  if (!tty) return undefined;
  return ttyFinding(`${program} ${subcommand} ${tty.value}`, tty, target === -1 ? [] : rest.slice(target + 1), subcommand === 'exec');
}

/** A TTY flag: droppable unless a shell or REPL runs inside with nothing to do. */
function ttyFinding(what: string, tty: Word, inside: Word[], insideIsNeeded: boolean): Finding {
  const first = inside[0]?.value?.split('/').pop();
  const needsTerminal = inside.length === 0 ? insideIsNeeded : interactiveInside.test(first ?? '') && inside.length === 1;
  return needsTerminal ? { what, end: tty.node.end, remoteShell: true } : { what, end: tty.node.end, ttyFlag: tty };
}

function isTtyFlag(value: string | undefined, cluster: RegExp): boolean {
  return value !== undefined && (value === '--tty' || value === '--tty=true' || cluster.test(value));
}

function sshShell(command: SyntaxNode, words: Word[], nameNode: SyntaxNode): Finding | undefined {
  if (hasScriptedStdin(command)) return undefined;
  const operands: Word[] = [];
  for (let index = 0; index < words.length; index++) {
    const value = words[index]!.value;
    if (value === undefined || !value.startsWith('-')) operands.push(words[index]!);
    else if (/^-[NfWT]*[NfW]/.test(value)) return undefined;
    else if (sshValueOptions.has(value)) index++;
  }
  return operands.length === 1
    ? { what: 'ssh (a login shell)', end: operands[0]!.node.end, remoteShell: true }
    : operands.length === 0
      ? { what: 'ssh', end: nameNode.end }
      : undefined;
}

function dropTty(locator: CodeLocator, code: string, flag: Word): LintFix | undefined {
  const value = flag.value!;
  const start = flag.node.start;
  const end = flag.node.end;
  if (value.startsWith('--') || value === '-t') {
    let from = start;
    while (from > 0 && (code[from - 1] === ' ' || code[from - 1] === '\t')) from--;
    return { range: locator.position(from, end), insertText: '', title: `Remove ${value}` };
  }
  const without = value.replace('t', '');
  return { range: locator.position(start, end), insertText: without, title: `Replace ${value} with ${without}` };
}

function markInteractive(lines: LineIndex, step: Step): LintFix | undefined {
  return addAttributeFix(lines, step.position.start.offset, 'interactive', 'true', 'Mark the step interactive=true');
}
