import { parseCommandArguments, type ArgumentSyntax, type CommandOption } from '../../shell/command-arguments.ts';
import { basename, unwrapCommand, wrapperFor } from '../../shell/command-risk.ts';
import { parseShell } from '../../shell/parse-shell.ts';
import { argumentSyntax, interpreterPrograms, shellPrograms } from '../../shell/risk-table.ts';
import { shellWord, type ShellWord } from '../../shell/shell-word.ts';
import { walkSyntaxTree, type SyntaxNode } from '../../shell/syntax-node.ts';
import { clusterPrograms, findClusterProgram, type ClusterProgram } from './cluster-programs.ts';
import { clusterMentionIn } from './foreign-code.ts';

/** A flag's value as written; `value` is undefined when only known at run time (`-n "$NS"`). */
export interface FlagValue {
  raw: string;
  value: string | undefined;
}

/** One run of a cluster client found in shell text, with what it says about its target. */
export interface ClusterInvocation {
  program: string;
  /** The words of the invocation, as written. */
  text: string;
  /** 1-based line within the text read (for a script inside a script: the line of the outer command). */
  line: number;
  /** 0-based offset of the program word in the text read (for a script inside a script: of the outer command). */
  offset: number;
  context?: FlagValue;
  kubeconfig?: FlagValue;
  namespace?: FlagValue;
  allNamespaces: boolean;
  /** Acts outside namespaces (`kubectl get nodes`, `kubectl version`): the namespace does not matter. */
  clusterScoped: boolean;
  /** A flag aiming past the context, e.g. `--server`: the context no longer tells the target. */
  bypass?: string;
  /** Changes the kubeconfig's current context for what follows (`kubectl config use-context x`, `kubectx x`). */
  switchesContext?: FlagValue;
  /** Changes the current context's namespace (`oc project x`, `kubens x`, `config set-context --current -n x`). */
  switchesNamespace?: FlagValue;
  /** Sets `KUBECONFIG` for what follows (`export KUBECONFIG=…`); `program` is then `export`. */
  switchesKubeconfig?: FlagValue;
  /** `unset KUBECONFIG`: what follows reads the default kubeconfig; `program` is then `unset`. */
  unsetsKubeconfig?: boolean;
  /** Variables assigned for this invocation only (`KUBECONFIG=… kubectl …`, `env KUBECONFIG=… kubectl …`). */
  env: Record<string, FlagValue>;
}

/** Something in the text that may reach a cluster but cannot be read before running it. */
export interface UnreadableCommand {
  /** 1-based line within the text read. */
  line: number;
  /** 0-based offset within the text read. */
  offset: number;
  /** What could not be read, e.g. "the program name `$k` is only known at run time". */
  reason: string;
}

/** What shell text does with clusters: the clients it runs, and what the guard could not read. */
export interface ClusterReading {
  invocations: ClusterInvocation[];
  unreadable: UnreadableCommand[];
}

/** Scripts inside scripts (`bash -c "eval '…'"`) are read this deep; deeper is unreadable. */
const maxScriptDepth = 4;
const shells: ReadonlySet<string> = new Set([...shellPrograms, 'ash', 'fish']);
const interpreters: ReadonlySet<string> = new Set(interpreterPrograms);
const clusterWord = new RegExp(`\\b(?:${clusterPrograms.map((program) => program.name).join('|')}|kubectl-[\\w-]+)\\b`);

/** Finds every cluster client run in `text` (kubectl, helm, oc, …), in order. */
export function findClusterInvocations(text: string): ClusterInvocation[] {
  return readClusterUse(text).invocations;
}

/**
 * Reads shell text with the tree-sitter analysis the risk analysis uses:
 * every cluster client it runs (through wrappers, pipelines, substitutions,
 * `bash -c`, static `eval`), and every place where a cluster could be reached
 * in a way only known at run time (a program name from a variable, a shell fed
 * from a heredoc or a pipe, `source <(…)`, `xargs kubectl`, dynamic `eval`).
 * Synchronous: loads the shell grammar on first use.
 */
export function readClusterUse(text: string): ClusterReading {
  const reading: ClusterReading = { invocations: [], unreadable: [] };
  new ScriptReader(text, 0, undefined, reading).read();
  return reading;
}

class ScriptReader {
  private readonly lineStarts: number[];

  constructor(
    private readonly code: string,
    private readonly depth: number,
    /** Set for a script inside a script: every finding gets the outer command's place. */
    private readonly fixedPlace: Place | undefined,
    private readonly reading: ClusterReading,
  ) {
    this.lineStarts = [0];
    for (let index = code.indexOf('\n'); index !== -1; index = code.indexOf('\n', index + 1)) this.lineStarts.push(index + 1);
  }

  read(): void {
    const root = parseShell(this.code);
    if (!root) {
      this.unreadable(0, 'the shell parser gave no tree');
      return;
    }
    walkSyntaxTree(root, (node) => {
      switch (node.type) {
        case 'command':
          this.command(node);
          return true;
        case 'variable_assignment':
          if (node.parent?.type !== 'command') this.assignment(node);
          return true;
        case 'unset_command':
          this.unset(node);
          return true;
        case 'ERROR':
          if (clusterWord.test(this.code.slice(node.start, node.end))) {
            this.unreadable(node.start, `the shell code around a cluster client does not parse: ${shorten(this.code.slice(node.start, node.end))}`);
          }
          return true;
        default:
          return true;
      }
    });
  }

  private placeOf(offset: number): Place {
    return this.fixedPlace ?? { line: this.lineOf(offset), offset };
  }

  private lineOf(offset: number): number {
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (this.lineStarts[middle]! <= offset) low = middle;
      else high = middle - 1;
    }
    return low + 1;
  }

  private unreadable(offset: number, reason: string): void {
    this.reading.unreadable.push({ ...this.placeOf(offset), reason });
  }

  /** A script inside this one (`bash -c '…'`, `eval '…'`, a heredoc fed to a shell). */
  private nested(script: string, at: number): ClusterReading {
    const inner: ClusterReading = { invocations: [], unreadable: [] };
    if (this.depth + 1 > maxScriptDepth) {
      inner.unreadable.push({ ...this.placeOf(at), reason: 'scripts nested too deep to read' });
      return inner;
    }
    new ScriptReader(script, this.depth + 1, this.placeOf(at), inner).read();
    return inner;
  }

  private merge(inner: ClusterReading): void {
    this.reading.invocations.push(...inner.invocations);
    this.reading.unreadable.push(...inner.unreadable);
  }

  private command(node: SyntaxNode): void {
    const { code } = this;
    const env: Record<string, FlagValue> = {};
    const words: WordAt[] = [];
    for (const child of node.children) {
      if (child.type === 'variable_assignment') {
        const assigned = assignmentOf(child, code);
        if (assigned) env[assigned.name] = assigned.value;
      } else if (child.field === 'name' || child.field === 'argument') {
        words.push({ ...shellWord(child, code), node: child });
      }
    }
    const text = code.slice(node.start, node.end);
    let rest = words;
    // Why what this command runs is not what it reads as: arguments fed by xargs, or an environment without the step's KUBECONFIG.
    let hidden: string | undefined;
    for (;;) {
      const [first] = rest;
      if (first === undefined) return;
      if (first.value === undefined) {
        this.unreadable(first.node.start, `the program name ${shorten(first.raw)} is only known at run time`);
        return;
      }
      const program = basename(first.value);
      const wrapper = wrapperFor(program);
      if (wrapper) {
        const unwrapped = unwrapCommand(rest.slice(1), wrapper);
        if (unwrapped === 'lookup') return;
        for (const word of unwrapped.assignments) {
          const equals = word.script.indexOf('=');
          const rawEquals = word.raw.indexOf('=');
          env[word.script.slice(0, equals)] = { raw: word.raw.slice(rawEquals + 1), value: word.value?.slice(word.value.indexOf('=') + 1) };
        }
        hidden ??= hiddenBy(program, rest.slice(1, rest.length - unwrapped.words.length));
        const inner = unwrapped.words as WordAt[];
        if (wrapper.runsOneWordAsScript && inner.length === 1) {
          this.merge(this.nested(inner[0]!.script, inner[0]!.node.start));
          return;
        }
        rest = inner;
        continue;
      }
      const args = rest.slice(1);
      if (hidden !== undefined && (findClusterProgram(program) || shells.has(program) || program === 'eval')) {
        this.unreadable(first.node.start, `${hidden.replace('%s', program)}: ${shorten(text)}`);
        return;
      }
      if (shells.has(program)) this.shell(node, program, args);
      else if (program === 'eval') this.evaluate(first, args);
      else if (program === 'source' || program === '.') this.source(program, args);
      else if (interpreters.has(program) || /^python[\d.]*$/.test(program)) this.interpreter(first, program, args);
      else this.client(program, first, args, env, text);
      return;
    }
  }

  private client(program: string, first: WordAt, args: WordAt[], env: Record<string, FlagValue>, text: string): void {
    const cluster = findClusterProgram(program);
    if (cluster) this.reading.invocations.push(this.invocation(cluster, first, args, env, text));
  }

  /** `bash -c '…'`, `bash script.sh`, `bash <<EOF`, `curl … | bash`, `bash <(…)`. */
  private shell(command: SyntaxNode, program: string, args: WordAt[]): void {
    const parsed = parseCommandArguments(args, {});
    const runsOption = parsed.options.some((option) => option.name === '-c');
    const [operand] = parsed.operands as WordAt[];
    if (runsOption) {
      if (operand) this.merge(this.nested(operand.script, operand.node.start));
      return;
    }
    if (operand) {
      if (operand.node.type === 'process_substitution') {
        this.unreadable(operand.node.start, `${program} runs a script made by a process substitution, ${shorten(operand.raw)}`);
      }
      // A script file: the guard cannot read it; the pinned kubeconfig still holds it.
      return;
    }
    const input = standardInput(command, this.code);
    if (input.kind === 'text') {
      const inner = this.nested(input.text, command.start);
      if (inner.invocations.length > 0 || inner.unreadable.length > 0) {
        this.unreadable(command.start, `${program} reads a script from a ${input.what} that runs cluster clients; the guard cannot be sure what it runs`);
      }
    } else if (input.kind === 'unknown') {
      this.unreadable(command.start, `${program} reads its script from ${input.what}`);
    }
  }

  /** `eval` re-reads its words as a script: readable when they are written out. */
  private evaluate(first: WordAt, args: WordAt[]): void {
    if (args.some((word) => word.value === undefined)) {
      this.unreadable(first.node.start, `eval runs text only known at run time: ${shorten(args.map((word) => word.raw).join(' '))}`);
      return;
    }
    this.merge(this.nested(args.map((word) => word.value).join(' '), first.node.start));
  }

  /** `python3 -c '…kubectl…'`: code in another language that mentions a cluster cannot be read. */
  private interpreter(first: WordAt, program: string, args: WordAt[]): void {
    for (const word of args) {
      const mention = clusterMentionIn(word.script);
      if (mention) {
        this.unreadable(first.node.start, `${program} runs code that mentions ${mention}, and the guard cannot read which cluster it reaches`);
        return;
      }
    }
  }

  private source(program: string, args: WordAt[]): void {
    const [file] = args;
    if (file?.node.type === 'process_substitution') {
      this.unreadable(file.node.start, `${program} runs a script made by a process substitution, ${shorten(file.raw)}`);
    }
  }

  private invocation(program: ClusterProgram, first: WordAt, args: WordAt[], env: Record<string, FlagValue>, text: string): ClusterInvocation {
    const invocation: ClusterInvocation = {
      program: program.name,
      text,
      ...this.placeOf(first.node.start),
      allNamespaces: false,
      clusterScoped: false,
      env,
    };
    const { options, operands } = readArguments(program, args);
    for (const option of options) {
      const value: FlagValue = { raw: option.valueRaw ?? '', value: option.value };
      if (program.allNamespaces.includes(option.name) && (option.value === undefined || option.value === 'true')) invocation.allNamespaces = true;
      else if (program.context.includes(option.name)) invocation.context = value;
      else if (program.kubeconfig.includes(option.name)) invocation.kubeconfig = value;
      else if (program.namespace.includes(option.name)) invocation.namespace = value;
      else if (program.bypassContext.includes(option.name)) invocation.bypass = option.name;
    }
    for (const word of args) {
      if (word.value !== undefined || !/\$(?:@|\*|\{?[A-Za-z_]\w*\[[@*]\])/.test(word.raw)) continue;
      // `kubectl "$@"`: any number of words, flags included.
      this.unreadable(word.node.start, `${program.name} takes arguments only known at run time, ${shorten(word.raw)}, which may name another context`);
    }
    const operandValues = operands.map((word): FlagValue => ({ raw: word.raw, value: word.value }));
    readSwitches(invocation, operandValues, options);
    invocation.clusterScoped = isClusterScoped(program, operandValues);
    if (program.contextEnv && !invocation.context && env[program.contextEnv]) invocation.context = env[program.contextEnv]!;
    if (program.namespaceEnv && !invocation.namespace && env[program.namespaceEnv]) invocation.namespace = env[program.namespaceEnv]!;
    return invocation;
  }

  /** `KUBECONFIG=…` alone or `export KUBECONFIG=…`: the kubeconfig of the commands after it. */
  private assignment(node: SyntaxNode): void {
    const assigned = assignmentOf(node, this.code);
    if (assigned?.name !== 'KUBECONFIG') return;
    const statement = node.parent?.type === 'declaration_command' ? node.parent : node;
    this.reading.invocations.push({
      ...switchInvocation('export', this.code.slice(statement.start, statement.end), this.placeOf(node.start)),
      switchesKubeconfig: assigned.value,
    });
  }

  private unset(node: SyntaxNode): void {
    const names = node.children
      .filter((child) => child.type === 'variable_name' || child.type === 'word')
      .map((child) => this.code.slice(child.start, child.end));
    if (!names.includes('KUBECONFIG')) return;
    this.reading.invocations.push({ ...switchInvocation('unset', this.code.slice(node.start, node.end), this.placeOf(node.start)), unsetsKubeconfig: true });
  }
}

/**
 * What a wrapper does that no reading of the wrapped command shows (`%s`
 * stands for the wrapped program): xargs appends words it reads at run time;
 * sudo and `env -i` drop the step's KUBECONFIG, pinned or not.
 */
function hiddenBy(wrapper: string, options: readonly ShellWord[]): string | undefined {
  if (wrapper === 'xargs') return 'xargs runs %s with arguments read from its input';
  if (wrapper === 'sudo') return "sudo runs %s as another user, with that user's kubeconfig";
  if (wrapper !== 'env') return undefined;
  const values = options.map((word) => word.value);
  const clears = values.some(
    (value, index) =>
      value === '-i' ||
      value === '-' ||
      value === '--ignore-environment' ||
      value === '--unset=KUBECONFIG' ||
      value === '-uKUBECONFIG' ||
      ((value === '-u' || value === '--unset') && values[index + 1] === 'KUBECONFIG'),
  );
  return clears ? 'env runs %s without the KUBECONFIG the step runs with' : undefined;
}

interface Place {
  line: number;
  offset: number;
}

interface WordAt extends ShellWord {
  node: SyntaxNode;
}

function switchInvocation(program: string, text: string, place: Place): ClusterInvocation {
  return { program, text, ...place, allNamespaces: false, clusterScoped: true, env: {} };
}

function assignmentOf(node: SyntaxNode, code: string): { name: string; value: FlagValue } | undefined {
  const name = node.children.find((child) => child.field === 'name');
  if (!name) return undefined;
  const valueNode = node.children.find((child) => child.field === 'value');
  const value: FlagValue = valueNode ? { raw: code.slice(valueNode.start, valueNode.end), value: shellWord(valueNode, code).value } : { raw: '', value: '' };
  return { name: code.slice(name.start, name.end), value };
}

/** Where a command's standard input comes from, when it matters for a shell reading its script there. */
function standardInput(command: SyntaxNode, code: string): { kind: 'text'; text: string; what: string } | { kind: 'unknown'; what: string } | { kind: 'none' } {
  const redirects = [...command.children.filter((child) => child.field === 'redirect')];
  const { parent } = command;
  if (parent?.type === 'redirected_statement' && command.field === 'body') redirects.push(...parent.children.filter((child) => child.field === 'redirect'));
  for (const redirect of redirects) {
    if (redirect.type === 'heredoc_redirect') {
      const body = redirect.children.find((child) => child.type === 'heredoc_body');
      return { kind: 'text', text: body ? code.slice(body.start, body.end) : '', what: 'heredoc' };
    }
    if (redirect.type === 'herestring_redirect') {
      const word = redirect.children.find((child) => child.named);
      return { kind: 'text', text: word ? shellWord(word, code).script : '', what: 'here-string' };
    }
    if (redirect.type === 'file_redirect') {
      const operator = redirect.children.find((child) => !child.named)?.type;
      const destination = redirect.children.find((child) => child.field === 'destination');
      if (operator === '<' && destination?.type === 'process_substitution')
        return { kind: 'unknown', what: `a process substitution, ${shorten(code.slice(destination.start, destination.end))}` };
      if (operator === '<') return { kind: 'none' };
    }
  }
  let node: SyntaxNode = parent?.type === 'redirected_statement' ? parent : command;
  while (node.parent && node.parent.type !== 'pipeline' && node.parent.type === 'redirected_statement') node = node.parent;
  if (node.parent?.type === 'pipeline' && node.parent.children.find((child) => child.named) !== node) {
    return { kind: 'unknown', what: 'a pipe (the script is the output of the command before it)' };
  }
  return { kind: 'none' };
}

const syntaxByProgram = new Map<string, ArgumentSyntax>();

/** The program's valued flags from the one table, plus its target flags, read the way getopt/pflag would. */
function readArguments(program: ClusterProgram, args: readonly ShellWord[]): { options: CommandOption[]; operands: ShellWord[] } {
  const tableName = program.name.startsWith('kubectl-') ? 'kubectl' : program.name;
  let syntax = syntaxByProgram.get(program.name);
  if (!syntax) {
    const table = Object.hasOwn(argumentSyntax, tableName) ? argumentSyntax[tableName] : undefined;
    const valued = new Set([...(table?.optionsWithValue ?? []), ...program.context, ...program.kubeconfig, ...program.namespace, ...program.bypassContext]);
    syntax = { optionsWithValue: [...valued], pflag: table?.pflag ?? true };
    syntaxByProgram.set(program.name, syntax);
  }
  // `--context="$X"`: a flag whose value is only known at run time is still that flag.
  const options: CommandOption[] = [];
  const plain: ShellWord[] = [];
  for (const word of args) {
    const flag = word.value === undefined ? /^(--?[A-Za-z][\w-]*)=/.exec(word.raw) : null;
    if (flag && syntax.optionsWithValue!.includes(flag[1]!)) {
      options.push({ name: flag[1]!, value: undefined, hasValue: true, raw: word.raw, valueRaw: word.raw.slice(flag[0].length) });
    } else {
      plain.push(word);
    }
  }
  const parsed = parseCommandArguments(plain, syntax);
  return { options: [...options, ...parsed.options], operands: parsed.operands };
}

/** `kubectl get nodes`, `kubectl top node x`, `kubectl version`: nothing namespaced is touched. */
function isClusterScoped(program: ClusterProgram, operands: FlagValue[]): boolean {
  const [verb, resource] = operands.map((operand) => operand.value);
  if (verb === undefined) return false;
  if (program.clusterVerbs?.includes(verb)) return true;
  if (resource === undefined || !program.clusterResources) return false;
  // `get nodes,namespaces`, `describe node/worker-1`, `delete pv/x`
  const types = resource.split(',').map((part) => part.split('/')[0]!.toLowerCase().split('.')[0]!);
  return types.every((type) => program.clusterResources!.includes(type));
}

function readSwitches(invocation: ClusterInvocation, operands: FlagValue[], options: CommandOption[]): void {
  const [first, second, third] = operands.map((operand) => operand.value);
  const isKubectl = invocation.program === 'kubectl' || invocation.program === 'oc';
  if (isKubectl && first === 'config' && second === 'use-context' && operands[2]) {
    invocation.switchesContext = operands[2];
  } else if (
    isKubectl &&
    first === 'config' &&
    second === 'set-context' &&
    invocation.namespace &&
    third === undefined &&
    options.some((option) => option.name === '--current')
  ) {
    // `set-context --current --namespace x` changes the current context's namespace; it targets nothing itself.
    invocation.switchesNamespace = invocation.namespace;
    delete invocation.namespace;
  } else if (invocation.program === 'oc' && first === 'project' && operands[1]) {
    invocation.switchesNamespace = operands[1];
  } else if (
    (invocation.program === 'kubectx' || (isKubectl && first === 'ctx') || invocation.program === 'kubectl-ctx') &&
    switchOperand(invocation, operands)
  ) {
    invocation.switchesContext = switchTarget(switchOperand(invocation, operands)!);
  } else if ((invocation.program === 'kubens' || (isKubectl && first === 'ns') || invocation.program === 'kubectl-ns') && switchOperand(invocation, operands)) {
    invocation.switchesNamespace = switchTarget(switchOperand(invocation, operands)!);
  }
}

/** The operand naming the target of `kubectx x`, `kubectl ctx x` (plugin), `kubectl-ctx x`. */
function switchOperand(invocation: ClusterInvocation, operands: FlagValue[]): FlagValue | undefined {
  const viaKubectl = invocation.program === 'kubectl' || invocation.program === 'oc';
  return viaKubectl ? operands[1] : operands[0];
}

/** `kubectx new=old` renames; `kubectx -` goes back: neither names a known target. */
function switchTarget(operand: FlagValue): FlagValue {
  if (operand.value === undefined || operand.value === '-' || operand.value.includes('=')) return { raw: operand.raw, value: undefined };
  return operand;
}

function shorten(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length <= 60 ? `\`${oneLine}\`` : `\`${oneLine.slice(0, 59)}…\``;
}
