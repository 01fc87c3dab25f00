import type { KubeCommandTarget, TargetProblemCode } from './step-targets.ts';

export interface HintFacts {
  code: TargetProblemCode | 'context-mismatch' | 'namespace-mismatch' | 'unreadable';
  expected?: string | undefined;
  namespace?: string;
  target?: KubeCommandTarget;
}

/** What to do about a refusal: the fix first, the override (`--context`) last. */
export function refusalHint({ code, expected, namespace, target }: HintFacts): string {
  const override = target?.context === undefined ? '' : `; to run it against '${target.context}' on purpose, pass --context ${target.context}`;
  switch (code) {
    case 'context-mismatch':
      if (target?.contextSource === 'flag' || target?.contextSource === 'environment') {
        return `change the command's context to '${expected}' (or drop the flag and run \`kubectl config use-context ${expected}\`)${override}`;
      }
      if (target?.contextSource === 'switched') return `remove the context switch from the step and run \`kubectl config use-context ${expected}\`${override}`;
      return `run \`kubectl config use-context ${expected}\`, then the step again${override}`;
    case 'namespace-mismatch':
      return `give the command -n ${namespace}, or run \`kubectl config set-context ${expected ?? '--current'} --namespace ${namespace}\``;
    case 'unreadable':
      return `write the cluster command out so it can be read (\`kubectl --context ${expected ?? '<context>'} …\` rather than a variable, eval or a piped script), or add guard=pinned to the step to run it with a kubeconfig holding only context '${expected ?? 'the current one'}'`;
    case 'context-missing':
      return `add context '${expected ?? target?.context}' to the kubeconfig (\`kubectl config set-context ${expected ?? target?.context} --cluster … --user …\`) or point KUBECONFIG at the file that has it${override}`;
    case 'no-current-context':
      return `run \`kubectl config use-context ${expected ?? '<context>'}\``;
    case 'context-unknown':
      return `write the context, kubeconfig and server out in the command (or set the variable it reads before running)${expected === undefined ? '' : `, or run \`kubectl config use-context ${expected}\` and drop the flag`}`;
    default:
      return `fix the kubeconfig (KUBECONFIG or ~/.kube/config) so that context '${expected ?? target?.context ?? '<context>'}' can be read`;
  }
}
