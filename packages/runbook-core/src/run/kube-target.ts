import { readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import { parse } from 'yaml';
import { clusterPrograms } from '../kubernetes/guard/cluster-programs.ts';
import type { StepOptions } from '../model.ts';

/** Programs that talk to a Kubernetes cluster, so a run's target includes one: the guard's table. */
export const kubernetesPrograms: ReadonlySet<string> = new Set(clusterPrograms.map((program) => program.name));

export interface KubernetesTarget {
  context?: string;
  namespace?: string;
  /** Where `context` comes from: the `kubeContext` option, the step's attribute, or the kubeconfig. */
  source: 'option' | 'step' | 'kubeconfig' | 'unknown';
  /**
   * The kubeconfig's current context, when it differs from `context`: what
   * `kubectl` without `--context` would really reach.
   */
  kubeconfigContext?: string;
}

export interface KubeconfigSelection {
  context?: string;
  namespace?: string;
}

/** The target of a step that runs Kubernetes programs; reads the kubeconfig once, small. */
export function kubernetesTarget(
  stepOptions: StepOptions,
  options: { kubeContext?: string; kubeNamespace?: string },
  env: Readonly<Record<string, string | undefined>>,
): KubernetesTarget {
  const kubeconfig = readCurrentKubeContext(env);
  const [context, source] =
    options.kubeContext !== undefined
      ? [options.kubeContext, 'option' as const]
      : stepOptions.context !== undefined
        ? [stepOptions.context, 'step' as const]
        : kubeconfig.context !== undefined
          ? [kubeconfig.context, 'kubeconfig' as const]
          : [undefined, 'unknown' as const];
  const namespace = options.kubeNamespace ?? stepOptions.namespace ?? (context === kubeconfig.context ? kubeconfig.namespace : undefined);
  return {
    ...(context !== undefined && { context }),
    ...(namespace !== undefined && { namespace }),
    source,
    ...(kubeconfig.context !== undefined && kubeconfig.context !== context && { kubeconfigContext: kubeconfig.context }),
  };
}

const largestKubeconfig = 4 * 1024 * 1024;

/**
 * The current context and its namespace, as kubectl merges `KUBECONFIG`: the
 * first file that sets a value wins. Unreadable or malformed files are skipped.
 */
export function readCurrentKubeContext(env: Readonly<Record<string, string | undefined>>): KubeconfigSelection {
  const home = env.HOME ?? homedir();
  const files = env.KUBECONFIG ? env.KUBECONFIG.split(delimiter).filter(Boolean) : [join(home, '.kube', 'config')];
  const documents = files.map(readKubeconfig).filter((document) => document !== undefined);
  const context = documents.map((document) => document['current-context']).find((value) => typeof value === 'string' && value !== '');
  if (typeof context !== 'string') return {};
  for (const document of documents) {
    const contexts: unknown[] = Array.isArray(document.contexts) ? document.contexts : [];
    const entry = contexts.find((item) => isRecord(item) && item.name === context);
    if (!isRecord(entry)) continue;
    const namespace = isRecord(entry.context) ? entry.context.namespace : undefined;
    return typeof namespace === 'string' && namespace !== '' ? { context, namespace } : { context };
  }
  return { context };
}

function readKubeconfig(file: string): Record<string, unknown> | undefined {
  try {
    if (statSync(file).size > largestKubeconfig) return undefined;
    const document: unknown = parse(readFileSync(file, 'utf8'));
    return isRecord(document) ? document : undefined;
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
