import { homedir } from 'node:os';
import { lastIndexAtOrBefore } from '../../parse/partition-point.ts';
import type { RunbookMeta, Step } from '../../model.ts';
import { readClusterUse, type ClusterInvocation, type ClusterReading, type FlagValue } from './cluster-invocations.ts';
import { findForeignClusterUse } from './foreign-code.ts';
import { resolveInterpreter } from '../../run/resolve-interpreter.ts';
import {
  findKubeconfigCluster,
  findKubeconfigContext,
  readKubeconfig,
  type KubeconfigProblem,
  type KubeconfigResult,
  type KubeconfigSource,
} from '../kubeconfig.ts';

/** Where a step's cluster access comes from. */
export interface StepTargetOptions {
  /** The runbook's frontmatter (`kubernetes: {context, namespace}`). */
  meta?: Pick<RunbookMeta, 'kubernetes'>;
  /** The environment the step will run with: `KUBECONFIG`, `HOME`, variables used in flags. Default: `process.env`. */
  env?: NodeJS.ProcessEnv;
  /** A kubeconfig file given to the runner (`--kubeconfig`), used like `KUBECONFIG`. */
  kubeconfig?: string;
  /** Base for relative kubeconfig paths: the step's working directory. Default: `process.cwd()`. */
  cwd?: string;
  /** Also look this context up in the step's kubeconfig (the guard's expected context), for its server. */
  lookUpContext?: string;
}

export type TargetProblemCode = KubeconfigProblem['code'] | 'context-missing' | 'no-current-context' | 'context-unknown';

/** The cluster context and namespace one command (or an API step) will hit. */
export interface KubeCommandTarget {
  /** Index of the command within the step; absent for steps that call the API themselves. */
  commandIndex?: number;
  /** `kubectl`, `helm`, …, or `api` for `k8s-health` and `runsOn=job` steps. */
  program: string;
  /** The invocation as written. */
  text: string;
  /** Undefined when it cannot be known before running (see `problem`). */
  context?: string;
  /** The API server of that context's cluster, when the kubeconfig names one. */
  server?: string;
  contextSource: 'flag' | 'environment' | 'switched' | 'current-context';
  /** `*` for every namespace; absent for commands outside namespaces (`kubectl get nodes`). */
  namespace?: string;
  namespaceSource: 'flag' | 'all-namespaces' | 'cluster-scoped' | 'switched' | 'context' | 'default';
  /** Kubeconfig files consulted. */
  kubeconfigFiles: string[];
  /** Why the context (or namespace) is not known for sure. */
  problem?: { code: TargetProblemCode; reason: string };
}

/** What a step is declared for, and what it would hit. */
export interface StepKubernetesPlan {
  stepId: string;
  /** False when no command talks to a cluster. */
  usesCluster: boolean;
  /** Declared by the step's attributes or the runbook's frontmatter. */
  expected: { context?: string; namespace?: string };
  targets: KubeCommandTarget[];
  /** What may reach a cluster but cannot be read before running (a program name from a variable, `eval "$X"`, `curl … | bash`). */
  unreadable: UnreadableUse[];
  /** The `lookUpContext` context as the step's kubeconfig defines it, or why it cannot. */
  lookedUp?: LookedUpContext;
}

export interface UnreadableUse {
  commandIndex?: number;
  /** 1-based line in the runbook file. */
  line: number;
  reason: string;
}

export type LookedUpContext =
  | { ok: true; context: string; server: string; namespace?: string; files: string[] }
  | { ok: false; context: string; problem: { code: TargetProblemCode; reason: string } };

/** Languages whose steps call the Kubernetes API themselves. */
export const apiStepLanguages: readonly string[] = ['k8s-health'];

/** True when the step calls the Kubernetes API itself instead of running a shell. */
export function isKubernetesApiStep(step: Pick<Step, 'lang' | 'options'>): boolean {
  return apiStepLanguages.includes(step.lang) || step.options.runsOn === 'job';
}

/**
 * The context and namespace each cluster command of a step will hit, read
 * from the kubeconfig and from flags inside the commands (`--context`,
 * `--kubeconfig`, `-n`, `KUBECONFIG=…`, an earlier `kubectl config use-context`).
 */
export async function resolveStepTargets(step: Step, options: StepTargetOptions = {}): Promise<StepKubernetesPlan> {
  const expected: StepKubernetesPlan['expected'] = {};
  const context = step.options.context ?? options.meta?.kubernetes?.context;
  const namespace = step.options.namespace ?? options.meta?.kubernetes?.namespace;
  if (context !== undefined) expected.context = context;
  if (namespace !== undefined) expected.namespace = namespace;
  const resolver = new TargetResolver(options);
  // Before the commands: their `unset KUBECONFIG` must not change where the expected context is looked up.
  const lookedUp = options.lookUpContext === undefined ? undefined : await resolver.lookUp(options.lookUpContext);
  const unreadable: UnreadableUse[] = [];
  let targets: KubeCommandTarget[];
  if (isKubernetesApiStep(step)) targets = [await resolver.resolveApi(step)];
  else if (step.isShell) targets = await resolver.resolveCommands(step, unreadable);
  else {
    targets = [];
    // A block no interpreter runs (yaml, text) reaches nothing.
    if (resolveInterpreter(step) !== undefined) unreadable.push(...findForeignClusterUse(step));
  }
  const plan: StepKubernetesPlan = { stepId: step.id, usesCluster: targets.length > 0 || unreadable.length > 0, expected, targets, unreadable };
  if (lookedUp) plan.lookedUp = lookedUp;
  return plan;
}

class TargetResolver {
  private readonly env: NodeJS.ProcessEnv;
  private readonly cache = new Map<string, Promise<KubeconfigResult>>();
  private switchedContext: FlagValue | undefined;
  private switchedNamespace: FlagValue | undefined;
  private switchedKubeconfig: FlagValue | undefined;
  private unsetKubeconfig = false;

  constructor(private readonly options: StepTargetOptions) {
    this.env = options.env ?? process.env;
  }

  async resolveApi(step: Step): Promise<KubeCommandTarget> {
    const target = await this.resolve(emptyInvocation('api', `${step.lang}${step.options.runsOn === 'job' ? ' (runsOn=job)' : ''}`));
    // An API step takes its namespace from the step, not from a flag.
    const namespace = step.options.namespace ?? this.options.meta?.kubernetes?.namespace;
    if (namespace !== undefined) {
      target.namespace = namespace;
      target.namespaceSource = 'flag';
    }
    return target;
  }

  /** The context as the step's default kubeconfig (not one a command names) defines it. */
  async lookUp(name: string): Promise<LookedUpContext> {
    const read = await this.read(this.kubeconfigSource(emptyInvocation('api', ''))!);
    if (!read.ok) return { ok: false, context: name, problem: { code: read.problem.code, reason: read.problem.reason } };
    const { kubeconfig } = read;
    const context = findKubeconfigContext(kubeconfig, name);
    if (!context)
      return { ok: false, context: name, problem: { code: 'context-missing', reason: `context '${name}' is not defined in ${kubeconfig.files.join(', ')}` } };
    const server = findKubeconfigCluster(kubeconfig, context.cluster)?.server;
    if (server === undefined || server === '') {
      return {
        ok: false,
        context: name,
        problem: {
          code: 'context-missing',
          reason: `context '${name}' names cluster '${context.cluster}', which has no server in ${kubeconfig.files.join(', ')}`,
        },
      };
    }
    const found: LookedUpContext = { ok: true, context: name, server, files: kubeconfig.files };
    if (context.namespace !== undefined) found.namespace = context.namespace;
    return found;
  }

  async resolveCommands(step: Step, unreadable: UnreadableUse[]): Promise<KubeCommandTarget[]> {
    const commands = step.commands.length > 0 ? step.commands : [{ index: 0, text: step.code, position: step.codePosition }];
    const targets: KubeCommandTarget[] = [];
    for (const { command, reading, startLine } of readCommands(step.code, commands)) {
      // Lines of the text read, to lines of the runbook file.
      const fileLine = (line: number) => command.position.start.line + line - startLine;
      for (const found of reading.unreadable) unreadable.push({ commandIndex: command.index, line: fileLine(found.line), reason: found.reason });
      for (const invocation of reading.invocations) {
        if (this.applySwitch(invocation)) continue;
        const target = await this.resolve(invocation);
        target.commandIndex = command.index;
        targets.push(target);
      }
    }
    return targets;
  }

  /** Records a change of kubeconfig, context or namespace for later commands; true when that is all it does. */
  private applySwitch(invocation: ClusterInvocation): boolean {
    if (invocation.unsetsKubeconfig) {
      this.switchedKubeconfig = undefined;
      this.unsetKubeconfig = true;
      this.switchedContext = undefined;
      this.switchedNamespace = undefined;
      return true;
    }
    if (invocation.switchesKubeconfig) {
      this.unsetKubeconfig = false;
      this.switchedKubeconfig = invocation.switchesKubeconfig;
      this.switchedContext = undefined;
      this.switchedNamespace = undefined;
      return true;
    }
    if (invocation.switchesContext) {
      this.switchedContext = invocation.switchesContext;
      this.switchedNamespace = undefined;
      return true;
    }
    if (invocation.switchesNamespace) {
      this.switchedNamespace = invocation.switchesNamespace;
      return true;
    }
    return false;
  }

  private async resolve(invocation: ClusterInvocation): Promise<KubeCommandTarget> {
    const source = this.kubeconfigSource(invocation);
    const target: KubeCommandTarget = {
      program: invocation.program,
      text: invocation.text,
      contextSource: 'current-context',
      namespaceSource: 'default',
      kubeconfigFiles: [],
    };
    if (source === undefined) {
      const path = invocation.kubeconfig ?? invocation.env.KUBECONFIG ?? this.switchedKubeconfig;
      target.problem = { code: 'context-unknown', reason: `${invocation.program} reads a kubeconfig path only known at run time (${path?.raw ?? ''})` };
      return target;
    }
    const read = await this.read(source);
    if (!read.ok) {
      target.problem = { code: read.problem.code, reason: read.problem.reason };
      return target;
    }
    const { kubeconfig } = read;
    target.kubeconfigFiles = kubeconfig.files;
    const contextFlag = invocation.context ?? this.switchedContext;
    if (invocation.context) target.contextSource = invocation.context === invocation.env.HELM_KUBECONTEXT ? 'environment' : 'flag';
    else if (this.switchedContext) target.contextSource = 'switched';
    const contextName = contextFlag ? this.valueOf(contextFlag) : kubeconfig.currentContext;
    if (invocation.bypass) {
      target.problem = { code: 'context-unknown', reason: `${invocation.program} ${invocation.bypass} points past the kubeconfig context` };
    } else if (contextFlag && contextName === undefined) {
      target.problem = { code: 'context-unknown', reason: `the context ${contextFlag.raw} is only known at run time` };
    } else if (contextName === undefined) {
      target.problem = { code: 'no-current-context', reason: `no current context is set in ${kubeconfig.files.join(', ')}` };
    }
    if (contextName === undefined) return target;
    target.context = contextName;
    const context = findKubeconfigContext(kubeconfig, contextName);
    const server = context ? findKubeconfigCluster(kubeconfig, context.cluster)?.server : undefined;
    if (server) target.server = server;
    if (!context && !target.problem) {
      target.problem = { code: 'context-missing', reason: `context '${contextName}' is not defined in ${kubeconfig.files.join(', ')}` };
    }
    this.resolveNamespace(invocation, target, context?.namespace);
    return target;
  }

  private resolveNamespace(invocation: ClusterInvocation, target: KubeCommandTarget, contextNamespace: string | undefined): void {
    if (invocation.allNamespaces) {
      target.namespace = '*';
      target.namespaceSource = 'all-namespaces';
      return;
    }
    if (invocation.clusterScoped && !invocation.namespace) {
      target.namespaceSource = 'cluster-scoped';
      return;
    }
    const flag = invocation.namespace ?? (invocation.context ? undefined : this.switchedNamespace);
    if (flag) {
      const value = this.valueOf(flag);
      if (value !== undefined) target.namespace = value;
      target.namespaceSource = invocation.namespace ? 'flag' : 'switched';
      return;
    }
    target.namespace = contextNamespace ?? 'default';
    target.namespaceSource = contextNamespace === undefined ? 'default' : 'context';
  }

  /** Undefined when the invocation's kubeconfig is only known at run time. */
  private kubeconfigSource(invocation: ClusterInvocation): KubeconfigSource | undefined {
    const base = { env: this.env, cwd: this.options.cwd ?? process.cwd() };
    const explicit = invocation.kubeconfig ?? invocation.env.KUBECONFIG ?? this.switchedKubeconfig;
    if (explicit) {
      const path = this.valueOf(explicit);
      if (path === undefined) return undefined;
      return invocation.kubeconfig ? { ...base, kubeconfig: path } : { ...base, env: { ...this.env, KUBECONFIG: path } };
    }
    if (this.unsetKubeconfig) return { ...base, env: { ...this.env, KUBECONFIG: '' } };
    if (this.options.kubeconfig !== undefined) return { ...base, kubeconfig: this.options.kubeconfig };
    return base;
  }

  private read(source: KubeconfigSource): Promise<KubeconfigResult> {
    const key = JSON.stringify([source.kubeconfig, source.env?.KUBECONFIG, source.env?.HOME]);
    let read = this.cache.get(key);
    if (!read) {
      read = readKubeconfig(source);
      this.cache.set(key, read);
    }
    return read;
  }

  /** A flag's value, resolving a lone `$VAR`/`${VAR}` and a leading `~/` from the environment. */
  private valueOf(flag: FlagValue): string | undefined {
    let value = flag.value;
    if (value === undefined) {
      const variable = /^"?\$\{?([A-Za-z_]\w*)\}?"?$/.exec(flag.raw);
      value = variable ? this.env[variable[1]!] : undefined;
    }
    if (value?.startsWith('~/')) value = `${this.env.HOME ?? homedir()}${value.slice(1)}`;
    return value === '' ? undefined : value;
  }
}

function emptyInvocation(program: string, text: string): ClusterInvocation {
  return { program, text, line: 1, offset: 0, allNamespaces: false, clusterScoped: false, env: {} };
}

type CommandAt = Pick<Step['commands'][number], 'index' | 'text' | 'position'>;

/**
 * Each command with what it does to clusters. The step's code is read once
 * (its tree is usually cached from the parse) when every command is found in
 * it; else each command is read on its own.
 */
function readCommands(code: string, commands: CommandAt[]): Array<{ command: CommandAt; reading: ClusterReading; startLine: number }> {
  const starts: number[] = [];
  const startLines: number[] = [];
  let cursor = 0;
  let line = 1;
  for (const command of commands) {
    const start = code.indexOf(command.text, cursor);
    // Read on its own, a command's lines count from its own start.
    if (start === -1) return commands.map((alone) => ({ command: alone, reading: readClusterUse(alone.text), startLine: 1 }));
    for (let index = code.indexOf('\n', cursor); index !== -1 && index < start; index = code.indexOf('\n', index + 1)) line++;
    starts.push(start);
    startLines.push(line);
    cursor = start;
  }
  const whole = readClusterUse(code);
  const readings = commands.map((command, index) => ({
    command,
    reading: { invocations: [], unreadable: [] } as ClusterReading,
    startLine: startLines[index]!,
  }));
  // The last command starting at or before the offset holds it.
  const owner = (offset: number) => readings[Math.max(0, lastIndexAtOrBefore(starts, offset))]!;
  for (const invocation of whole.invocations) owner(invocation.offset).reading.invocations.push(invocation);
  for (const use of whole.unreadable) owner(use.offset).reading.unreadable.push(use);
  return readings;
}
