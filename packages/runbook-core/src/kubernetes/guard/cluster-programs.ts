/** How a cluster client names its target, so the guard can read it from a command. */
export interface ClusterProgram {
  name: string;
  /** Flags naming the kubeconfig context. */
  context: readonly string[];
  kubeconfig: readonly string[];
  namespace: readonly string[];
  /** Boolean flags meaning "every namespace". */
  allNamespaces: readonly string[];
  /** Flags that point the command past its context (another server or cluster). */
  bypassContext: readonly string[];
  /** Environment variables the program reads its context and namespace from. */
  contextEnv?: string;
  namespaceEnv?: string;
}

const kubectlLike = {
  context: ['--context'],
  kubeconfig: ['--kubeconfig'],
  namespace: ['-n', '--namespace'],
  allNamespaces: ['-A', '--all-namespaces'],
  bypassContext: ['--cluster', '--server', '-s'],
} as const;

/** Programs that talk to a Kubernetes API server through a kubeconfig. */
export const clusterPrograms: readonly ClusterProgram[] = [
  { name: 'kubectl', ...kubectlLike },
  { name: 'oc', ...kubectlLike },
  {
    name: 'helm',
    context: ['--kube-context'],
    kubeconfig: ['--kubeconfig'],
    namespace: ['-n', '--namespace'],
    allNamespaces: ['-A', '--all-namespaces'],
    bypassContext: ['--kube-apiserver'],
    contextEnv: 'HELM_KUBECONTEXT',
    namespaceEnv: 'HELM_NAMESPACE',
  },
  { name: 'istioctl', context: ['--context'], kubeconfig: ['--kubeconfig', '-c'], namespace: ['-n', '--namespace'], allNamespaces: ['-A', '--all-namespaces'], bypassContext: [] },
  { name: 'flux', context: ['--context'], kubeconfig: ['--kubeconfig'], namespace: ['-n', '--namespace'], allNamespaces: ['-A', '--all-namespaces'], bypassContext: ['--server'] },
  { name: 'stern', context: ['--context'], kubeconfig: ['--kubeconfig'], namespace: ['-n', '--namespace'], allNamespaces: ['-A', '--all-namespaces'], bypassContext: [] },
  { name: 'k9s', context: ['--context'], kubeconfig: ['--kubeconfig'], namespace: ['-n', '--namespace'], allNamespaces: ['-A', '--all-namespaces'], bypassContext: [] },
  { name: 'kubectx', context: [], kubeconfig: [], namespace: [], allNamespaces: [], bypassContext: [] },
  { name: 'kubens', context: [], kubeconfig: [], namespace: [], allNamespaces: [], bypassContext: [] },
];

export function findClusterProgram(name: string): ClusterProgram | undefined {
  return clusterPrograms.find((program) => program.name === name);
}
