// The Kubernetes area: context guard, native health checks, steps as Jobs.
export { checkStepContext, type ContextGuardCode, type ContextGuardOptions, type ContextGuardResult } from './guard/context-guard.ts';
export { findClusterInvocations, type ClusterInvocation } from './guard/cluster-invocations.ts';
export { clusterPrograms, type ClusterProgram } from './guard/cluster-programs.ts';
export {
  apiStepLanguages,
  isKubernetesApiStep,
  resolveStepTargets,
  type KubeCommandTarget,
  type StepKubernetesPlan,
  type StepTargetOptions,
  type TargetProblemCode,
} from './guard/step-targets.ts';
export { readCurrentKubeContext, type CurrentKubeContext, type CurrentKubeContextResult } from './current-context.ts';
export {
  kubeconfigPaths,
  readKubeconfig,
  type Kubeconfig,
  type KubeconfigCluster,
  type KubeconfigContext,
  type KubeconfigProblem,
  type KubeconfigProblemCode,
  type KubeconfigResult,
  type KubeconfigSource,
} from './kubeconfig.ts';
export { createKubernetesClient, type KubernetesClient, type KubernetesClientOptions, type KubernetesClientResult } from './kubernetes-client.ts';
export { describeKubernetesFailure, type KubernetesFailure, type KubernetesFailureCode } from './kubernetes-failure.ts';
