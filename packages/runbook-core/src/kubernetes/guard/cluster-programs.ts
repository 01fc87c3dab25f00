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
  /** Verbs that never act inside a namespace (`version`, `cordon`). */
  clusterVerbs?: readonly string[];
  /** Resource types outside namespaces (`nodes`, `pv`), for verbs like `get` and `delete`. */
  clusterResources?: readonly string[];
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
  clusterVerbs: [
    'version',
    'cluster-info',
    'api-resources',
    'api-versions',
    'config',
    'completion',
    'plugin',
    'certificate',
    'cordon',
    'uncordon',
    'drain',
    'taint',
    'whoami',
    'login',
    'logout',
    'project',
    'projects',
    'new-project',
  ],
  clusterResources: [
    'node',
    'nodes',
    'no',
    'namespace',
    'namespaces',
    'ns',
    'persistentvolume',
    'persistentvolumes',
    'pv',
    'storageclass',
    'storageclasses',
    'sc',
    'clusterrole',
    'clusterroles',
    'clusterrolebinding',
    'clusterrolebindings',
    'customresourcedefinition',
    'customresourcedefinitions',
    'crd',
    'crds',
    'priorityclass',
    'priorityclasses',
    'pc',
    'apiservice',
    'apiservices',
    'certificatesigningrequest',
    'certificatesigningrequests',
    'csr',
    'mutatingwebhookconfiguration',
    'mutatingwebhookconfigurations',
    'validatingwebhookconfiguration',
    'validatingwebhookconfigurations',
    'componentstatus',
    'componentstatuses',
    'cs',
    'ingressclass',
    'ingressclasses',
    'runtimeclass',
    'runtimeclasses',
    'volumeattachment',
    'volumeattachments',
    'csidriver',
    'csidrivers',
    'csinode',
    'csinodes',
    'podsecuritypolicy',
    'podsecuritypolicies',
    'psp',
    'project',
    'projects',
    'clusteroperator',
    'clusteroperators',
    'co',
    'clusterversion',
    'clusterversions',
    'machineconfigpool',
    'machineconfigpools',
    'mcp',
  ],
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
  {
    name: 'istioctl',
    context: ['--context'],
    kubeconfig: ['--kubeconfig', '-c'],
    namespace: ['-n', '--namespace'],
    allNamespaces: ['-A', '--all-namespaces'],
    bypassContext: [],
  },
  {
    name: 'flux',
    context: ['--context'],
    kubeconfig: ['--kubeconfig'],
    namespace: ['-n', '--namespace'],
    allNamespaces: ['-A', '--all-namespaces'],
    bypassContext: ['--server'],
  },
  {
    name: 'stern',
    context: ['--context'],
    kubeconfig: ['--kubeconfig'],
    namespace: ['-n', '--namespace'],
    allNamespaces: ['-A', '--all-namespaces'],
    bypassContext: [],
  },
  {
    name: 'k9s',
    context: ['--context'],
    kubeconfig: ['--kubeconfig'],
    namespace: ['-n', '--namespace'],
    allNamespaces: ['-A', '--all-namespaces'],
    bypassContext: [],
  },
  {
    name: 'argocd',
    context: ['--kube-context'],
    kubeconfig: ['--kubeconfig'],
    namespace: [],
    allNamespaces: [],
    bypassContext: [],
  },
  { name: 'kubectx', context: [], kubeconfig: [], namespace: [], allNamespaces: [], bypassContext: [] },
  { name: 'kubens', context: [], kubeconfig: [], namespace: [], allNamespaces: [], bypassContext: [] },
];

const programsByName = new Map(clusterPrograms.map((program) => [program.name, program]));

/** The program by name; a kubectl plugin (`kubectl-neat`) takes kubectl's global flags. */
export function findClusterProgram(name: string): ClusterProgram | undefined {
  const known = programsByName.get(name);
  if (known) return known;
  if (name.startsWith('kubectl-') && name.length > 'kubectl-'.length) return { name, ...kubectlLike };
  return undefined;
}
