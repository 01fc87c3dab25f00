// The Kubernetes area: context guard, native health checks, steps as Jobs.
export {
  checkStepContext,
  type ContextGuardCode,
  type ContextGuardOptions,
  type ContextGuardResult,
  type PinnedContext,
} from './guard/context-guard.ts';
export {
  findClusterInvocations,
  readClusterUse,
  type ClusterInvocation,
  type ClusterReading,
  type FlagValue,
  type UnreadableCommand,
} from './guard/cluster-invocations.ts';
export { clusterPrograms, findClusterProgram, type ClusterProgram } from './guard/cluster-programs.ts';
export { acceptsPinnedKubeconfig, pinnedGuardValue } from './guard/guard-attribute.ts';
export { writePinnedKubeconfig, type PinnedKubeconfig, type PinnedKubeconfigOptions } from './pinned-kubeconfig.ts';
export {
  apiStepLanguages,
  isKubernetesApiStep,
  resolveStepTargets,
  type KubeCommandTarget,
  type LookedUpContext,
  type StepKubernetesPlan,
  type UnreadableUse,
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
export { kubernetesHealth, type KubernetesHealthOptions } from './health/kubernetes-health.ts';
export type * from './health/health-report.ts';
export { formatHealthReport, type HealthTextStyle } from './health/format-health-report.ts';
export { k8sHealthLanguage, runK8sHealthStep, type K8sHealthStepOptions, type K8sHealthStepResult } from './health/k8s-health-step.ts';
export { runStepAsJob, type JobStepOptions, type JobStepResult } from './job/run-step-as-job.ts';
export { resolveJobSettings, type JobSettings, type JobSettingsOverrides, type JobSettingsResult } from './job/job-settings.ts';
export { buildJobManifests, type JobManifestInput, type JobManifests } from './job/job-manifests.ts';
export type { JobCleanup } from './job/delete-job-objects.ts';
export type { ApiStepOutcome } from './api-step-result.ts';
