import { findClusterProgram, type ClusterProgram } from './cluster-programs.ts';
import { splitSimpleCommands, type Word } from './split-simple-commands.ts';

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
  /** Variables assigned for this invocation only (`KUBECONFIG=… kubectl …`). */
  env: Record<string, FlagValue>;
}

const reservedWords = new Set(['if', 'then', 'else', 'elif', 'fi', 'do', 'done', 'while', 'until', 'for', 'case', 'esac', '!', '{', '}', '[[', 'function']);

/** Wrappers that run another program, with their options that take a value. */
const wrappers: Record<string, { valued: readonly string[]; operands?: number }> = {
  sudo: { valued: ['-u', '-g', '-C', '-h', '-p', '-r', '-t', '-U', '-D'] },
  env: { valued: ['-u', '-C', '--unset', '--chdir'] },
  command: { valued: [] },
  exec: { valued: ['-a'] },
  builtin: { valued: [] },
  nohup: { valued: [] },
  time: { valued: ['-f', '-o'] },
  nice: { valued: ['-n'] },
  ionice: { valued: ['-c', '-n'] },
  stdbuf: { valued: ['-i', '-o', '-e'] },
  timeout: { valued: ['-k', '-s', '--kill-after', '--signal'], operands: 1 },
  watch: { valued: ['-n', '--interval', '-d', '-q'] },
  xargs: { valued: ['-I', '-n', '-L', '-P', '-d', '-E', '-s', '-a'] },
};

const shells = new Set(['bash', 'sh', 'zsh', 'dash', 'ksh']);

/** Finds every cluster client run in `text` (kubectl, helm, oc, …), in order. */
export function findClusterInvocations(text: string): ClusterInvocation[] {
  const found: ClusterInvocation[] = [];
  for (const words of splitSimpleCommands(text)) collect(words, found);
  return found;
}

function collect(words: Word[], found: ClusterInvocation[]): void {
  const env: Record<string, FlagValue> = {};
  let index = 0;
  while (index < words.length) {
    const word = words[index]!;
    const assignment = /^([A-Za-z_]\w*)=/.exec(word.raw);
    if (assignment) {
      const raw = word.raw.slice(assignment[0].length);
      env[assignment[1]!] = { raw, value: word.value === undefined ? undefined : word.value.slice(assignment[0].length) };
      index++;
      continue;
    }
    const name = programName(word);
    if (name === 'export' || name === 'declare' || name === 'typeset') {
      collectKubeconfigExport(words.slice(index + 1), found);
      return;
    }
    if (name !== undefined && reservedWords.has(name)) {
      index++;
      continue;
    }
    const wrapper = name === undefined ? undefined : wrappers[name];
    if (wrapper) {
      index = skipWrapperOptions(words, index + 1, wrapper);
      continue;
    }
    if (name !== undefined && shells.has(name)) {
      const script = words.findIndex((candidate, at) => at > index && candidate.value === '-c');
      const code = script === -1 ? undefined : words[script + 1]?.value;
      if (code !== undefined) for (const inner of splitSimpleCommands(code)) collect(inner, found);
      return;
    }
    const program = name === undefined ? undefined : findClusterProgram(name);
    if (program) found.push(readInvocation(program, words.slice(index), env));
    return;
  }
  // Assignments alone change the shell's variables for the commands after them.
  if (env.KUBECONFIG) found.push(kubeconfigSwitch(words, env.KUBECONFIG));
}

function collectKubeconfigExport(words: Word[], found: ClusterInvocation[]): void {
  for (const word of words) {
    if (!word.raw.startsWith('KUBECONFIG=')) continue;
    const prefix = 'KUBECONFIG='.length;
    found.push(kubeconfigSwitch(words, { raw: word.raw.slice(prefix), value: word.value?.slice(prefix) }));
  }
}

function kubeconfigSwitch(words: Word[], value: FlagValue): ClusterInvocation {
  return { program: 'export', text: words.map((word) => word.raw).join(' '), allNamespaces: false, clusterScoped: true, env: {}, switchesKubeconfig: value };
}

function programName(word: Word): string | undefined {
  if (word.value === undefined) return undefined;
  return word.value.slice(word.value.lastIndexOf('/') + 1);
}

function skipWrapperOptions(words: Word[], from: number, wrapper: { valued: readonly string[]; operands?: number }): number {
  let index = from;
  while (index < words.length) {
    const value = words[index]!.value ?? '';
    if (value === '--') return index + 1;
    if (/^[A-Za-z_]\w*=/.test(words[index]!.raw)) return index;
    if (!value.startsWith('-') || value === '-') break;
    index += wrapper.valued.includes(value) ? 2 : 1;
  }
  return index + (wrapper.operands ?? 0);
}

function readInvocation(program: ClusterProgram, words: Word[], env: Record<string, FlagValue>): ClusterInvocation {
  const invocation: ClusterInvocation = {
    program: program.name,
    text: words.map((word) => word.raw).join(' '),
    allNamespaces: false,
    clusterScoped: false,
    env,
  };
  const operands: FlagValue[] = [];
  for (let index = 1; index < words.length; index++) {
    const word = words[index]!;
    const text = word.value ?? word.raw;
    if (text === '--') break;
    if (!text.startsWith('-') || text === '-') {
      operands.push({ raw: word.raw, value: word.value });
      continue;
    }
    if (matchesBoolean(text, program.allNamespaces)) {
      invocation.allNamespaces = true;
      continue;
    }
    const flag = readValuedFlag(words, index, [
      ...program.context,
      ...program.kubeconfig,
      ...program.namespace,
      ...program.bypassContext,
      ...(program.valued ?? []),
    ]);
    if (!flag) continue;
    if (program.valued?.includes(flag.name)) {
      index = flag.next - 1;
      continue;
    }
    index = flag.next - 1;
    if (program.context.includes(flag.name)) invocation.context = flag.value;
    else if (program.kubeconfig.includes(flag.name)) invocation.kubeconfig = flag.value;
    else if (program.namespace.includes(flag.name)) invocation.namespace = flag.value;
    else invocation.bypass = flag.name;
  }
  readSwitches(invocation, operands);
  invocation.clusterScoped = isClusterScoped(program, operands);
  if (program.contextEnv && !invocation.context && env[program.contextEnv]) invocation.context = env[program.contextEnv]!;
  if (program.namespaceEnv && !invocation.namespace && env[program.namespaceEnv]) invocation.namespace = env[program.namespaceEnv]!;
  return invocation;
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

function readSwitches(invocation: ClusterInvocation, operands: FlagValue[]): void {
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
    /\s--current(\s|$)/.test(invocation.text)
  ) {
    // `set-context --current --namespace x` changes the current context's namespace; it targets nothing itself.
    invocation.switchesNamespace = invocation.namespace;
    delete invocation.namespace;
  } else if (invocation.program === 'oc' && first === 'project' && operands[1]) {
    invocation.switchesNamespace = operands[1];
  } else if (invocation.program === 'kubectx' && operands[0]) {
    invocation.switchesContext = switchTarget(operands[0]);
  } else if (invocation.program === 'kubens' && operands[0]) {
    invocation.switchesNamespace = switchTarget(operands[0]);
  }
}

/** `kubectx new=old` renames; `kubectx -` goes back: neither names a known target. */
function switchTarget(operand: FlagValue): FlagValue {
  if (operand.value === undefined || operand.value === '-' || operand.value.includes('=')) return { raw: operand.raw, value: undefined };
  return operand;
}

function matchesBoolean(text: string, names: readonly string[]): boolean {
  for (const name of names) {
    if (text === name || text === `${name}=true`) return true;
  }
  return false;
}

/** Reads `--flag value`, `--flag=value`, `-n value`, `-nvalue`, `-n=value` for the given names. */
function readValuedFlag(words: Word[], index: number, names: readonly string[]): { name: string; value: FlagValue; next: number } | undefined {
  const word = words[index]!;
  const text = word.value ?? word.raw;
  for (const name of names) {
    if (text === name) {
      const next = words[index + 1];
      return { name, value: next ? { raw: next.raw, value: next.value } : { raw: '', value: undefined }, next: index + 2 };
    }
    const prefix = text.startsWith(`${name}=`) ? `${name}=` : name;
    if (prefix !== name || (name.length === 2 && text.startsWith(name) && text.length > 2)) {
      const raw = word.raw.startsWith(prefix) ? word.raw.slice(prefix.length) : word.raw;
      return { name, value: { raw, value: word.value?.slice(prefix.length) }, next: index + 1 };
    }
  }
  return undefined;
}
