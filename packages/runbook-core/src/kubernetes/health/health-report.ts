import type { KubernetesFailure, KubernetesFailureCode } from '../kubernetes-failure.ts';

/**
 * `ok` nothing wrong; `warning` worth a look (cordoned node, Warning events);
 * `problem` something is broken; `unavailable` the data does not exist here
 * (no metrics API); `error` the check could not run (forbidden, unreachable).
 */
export type HealthCheckStatus = 'ok' | 'warning' | 'problem' | 'unavailable' | 'error';

interface Check {
  status: HealthCheckStatus;
  /** One line: what is wrong, or why the check could not run. */
  reason?: string;
  /** Set when `status` is `error`. */
  failureCode?: KubernetesFailureCode;
}

export interface NodeCondition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
}

export interface NodeHealth {
  name: string;
  ready: boolean;
  /** As `kubectl get nodes` shows it: `Ready`, `NotReady,SchedulingDisabled`, … */
  status: string;
  roles: string[];
  version?: string;
  createdAt?: string;
  unschedulable: boolean;
  /** Conditions that are not as they should be (Ready not True, a pressure True). */
  badConditions: NodeCondition[];
  allocatable?: { cpuMillicores: number; memoryBytes: number };
}

export interface NodesCheck extends Check {
  nodes: NodeHealth[];
}

export interface ContainerHealth {
  name: string;
  ready: boolean;
  restarts: number;
  state: 'waiting' | 'running' | 'terminated' | 'unknown';
  reason?: string;
  exitCode?: number;
}

/** A pod that is not Running and Ready (completed pods are not problems). */
export interface PodProblem {
  namespace: string;
  name: string;
  phase: string;
  /** `ready/total` containers, as kubectl shows. */
  ready: string;
  /** The most telling reason: `CrashLoopBackOff`, `ImagePullBackOff`, `Evicted`, `Unschedulable`, … */
  reason: string;
  message?: string;
  restarts: number;
  node?: string;
  createdAt?: string;
  containers: ContainerHealth[];
}

export interface PodsCheck extends Check {
  /** `all-namespaces` like the investigation script; `namespace` when listing cluster-wide is forbidden. */
  scope: 'all-namespaces' | 'namespace';
  namespace?: string;
  total: number;
  problems: PodProblem[];
}

export interface RolloutRevision {
  revision: number;
  replicaSet: string;
  createdAt?: string;
  /** The `kubernetes.io/change-cause` annotation. */
  changeCause?: string;
  images: string[];
  replicas: number;
  readyReplicas: number;
  current: boolean;
}

export interface DeploymentRollout {
  name: string;
  namespace: string;
  revision?: number;
  desired: number;
  updated: number;
  ready: number;
  available: number;
  paused: boolean;
  healthy: boolean;
  reason?: string;
  /** Newest first, at most the requested number of revisions. */
  history: RolloutRevision[];
}

export interface RolloutsCheck extends Check {
  namespace: string;
  deployments: DeploymentRollout[];
}

export interface WarningEvent {
  reason: string;
  message: string;
  /** `Kind/name` of the involved object. */
  object: string;
  count: number;
  firstSeen?: string;
  lastSeen?: string;
}

export interface EventsCheck extends Check {
  namespace: string;
  /** Oldest first, the most recent ones. */
  events: WarningEvent[];
}

export interface NodeUsage {
  name: string;
  cpuMillicores: number;
  memoryBytes: number;
  cpuPercent?: number;
  memoryPercent?: number;
}

export interface PodUsage {
  namespace: string;
  name: string;
  cpuMillicores: number;
  memoryBytes: number;
}

export interface UsageCheck extends Check {
  nodes: NodeUsage[];
  /** Busiest CPU first, like `kubectl top pods --sort-by=cpu`. */
  pods: PodUsage[];
}

/** The investigation script's questions, answered as data. */
export interface KubernetesHealthReport {
  /** `healthy`: nothing found; `problems`: something broken or a check failed; `error`: nothing could be checked. */
  status: 'healthy' | 'problems' | 'error';
  /** One line for a status bar or a journal entry. */
  summary: string;
  context?: string;
  server?: string;
  namespace: string;
  checkedAt: string;
  durationMs: number;
  nodes: NodesCheck;
  pods: PodsCheck;
  rollouts: RolloutsCheck;
  events: EventsCheck;
  usage: UsageCheck;
  /** Why nothing could be checked (bad kubeconfig, server down). */
  failure?: KubernetesFailure | { code: string; reason: string };
}
