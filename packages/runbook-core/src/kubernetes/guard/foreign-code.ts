import type { Step } from '../../model.ts';
import { clusterPrograms } from './cluster-programs.ts';
import type { UnreadableUse } from './step-targets.ts';

// Names a step in another language (python, node, …) would use to reach a
// cluster: a client program it runs (the guard's table), or a Kubernetes library or kubeconfig.
const clusterMention = new RegExp(
  `\\b(?:${clusterPrograms.map((program) => program.name).join('|')}|kubectl-[\\w-]+|kubernetes|kubeconfig|client-node|load_kube_config|k8s)\\b`,
  'i',
);

/** The cluster word `text` mentions (`kubectl`, `kubernetes`, …), if any. */
export function clusterMentionIn(text: string): string | undefined {
  return clusterMention.exec(text)?.[0];
}

/**
 * Where a step the guard cannot read as shell (python, node, …) mentions a
 * cluster: such a step is treated as using one whose target is unknown.
 */
export function findForeignClusterUse(step: Pick<Step, 'lang' | 'code' | 'codePosition'>): UnreadableUse[] {
  const lines = step.code.split('\n');
  for (const [index, line] of lines.entries()) {
    const found = clusterMention.exec(line);
    if (!found) continue;
    return [
      {
        line: step.codePosition.start.line + index,
        reason: `a ${step.lang || 'non-shell'} step mentions ${found[0]}, and the guard cannot read which cluster a ${step.lang || 'non-shell'} program reaches`,
      },
    ];
  }
  return [];
}
