import type * as ClientNode from '@kubernetes/client-node';
import type { KubernetesClient } from '../kubernetes-client.ts';
import { describeKubernetesFailure } from '../kubernetes-failure.ts';
import { failedCheck } from './failed-check.ts';
import type { DeploymentRollout, RolloutRevision, RolloutsCheck } from './health-report.ts';
import { isoTime } from './iso-time.ts';

const revisionAnnotation = 'deployment.kubernetes.io/revision';
const changeCauseAnnotation = 'kubernetes.io/change-cause';

/**
 * `kubectl rollout history deployment/… | tail -5` for every Deployment of
 * the namespace: revisions from the ReplicaSets each owns, newest first, and
 * whether the Deployment is fully rolled out and available.
 */
export async function checkRollouts(client: KubernetesClient, namespace: string, revisions: number): Promise<RolloutsCheck> {
  let deployments: ClientNode.V1DeploymentList;
  let replicaSets: ClientNode.V1ReplicaSetList;
  try {
    [deployments, replicaSets] = await Promise.all([client.apps.listNamespacedDeployment({ namespace }), client.apps.listNamespacedReplicaSet({ namespace })]);
  } catch (error) {
    return { ...failedCheck(describeKubernetesFailure(error, `list deployments and replica sets in ${namespace}`, client.server)), namespace, deployments: [] };
  }
  const rollouts = deployments.items
    .map((deployment) => describeRollout(deployment, replicaSets.items, revisions))
    .sort((a, b) => a.name.localeCompare(b.name));
  const unhealthy = rollouts.filter((rollout) => !rollout.healthy);
  if (unhealthy.length > 0) {
    return { status: 'problem', reason: unhealthy.map((rollout) => `${rollout.name}: ${rollout.reason}`).join('; '), namespace, deployments: rollouts };
  }
  const paused = rollouts.filter((rollout) => rollout.paused);
  if (paused.length > 0)
    return { status: 'warning', reason: `rollout paused: ${paused.map((rollout) => rollout.name).join(', ')}`, namespace, deployments: rollouts };
  return { status: 'ok', namespace, deployments: rollouts };
}

export function describeRollout(deployment: ClientNode.V1Deployment, replicaSets: ClientNode.V1ReplicaSet[], revisions: number): DeploymentRollout {
  const uid = deployment.metadata?.uid;
  const revision = revisionOf(deployment.metadata);
  const history: RolloutRevision[] = replicaSets
    .filter((replicaSet) => uid !== undefined && replicaSet.metadata?.ownerReferences?.some((owner) => owner.uid === uid))
    .map((replicaSet) => describeRevision(replicaSet, revision))
    .filter((entry): entry is RolloutRevision => entry !== undefined)
    .sort((a, b) => b.revision - a.revision)
    .slice(0, revisions);
  const status = deployment.status ?? {};
  const rollout: DeploymentRollout = {
    name: deployment.metadata?.name ?? '',
    namespace: deployment.metadata?.namespace ?? '',
    desired: deployment.spec?.replicas ?? 1,
    updated: status.updatedReplicas ?? 0,
    ready: status.readyReplicas ?? 0,
    available: status.availableReplicas ?? 0,
    paused: deployment.spec?.paused === true,
    healthy: true,
    history,
  };
  if (revision !== undefined) rollout.revision = revision;
  const reason = rolloutProblem(rollout, status.conditions ?? []);
  if (reason !== undefined) {
    rollout.healthy = false;
    rollout.reason = reason;
  }
  return rollout;
}

function rolloutProblem(rollout: DeploymentRollout, conditions: ClientNode.V1DeploymentCondition[]): string | undefined {
  const progressing = conditions.find((condition) => condition.type === 'Progressing');
  if (progressing?.status === 'False')
    return `rollout stuck (${progressing.reason ?? 'Progressing=False'}${progressing.message ? `: ${progressing.message}` : ''})`;
  const failure = conditions.find((condition) => condition.type === 'ReplicaFailure' && condition.status === 'True');
  if (failure) return `replica failure (${failure.reason ?? 'ReplicaFailure'}${failure.message ? `: ${failure.message}` : ''})`;
  if (rollout.ready < rollout.desired) return `${rollout.ready}/${rollout.desired} replicas ready`;
  if (rollout.available < rollout.desired) return `${rollout.available}/${rollout.desired} replicas available`;
  if (rollout.updated < rollout.desired) return `${rollout.updated}/${rollout.desired} replicas updated`;
  return undefined;
}

function describeRevision(replicaSet: ClientNode.V1ReplicaSet, current: number | undefined): RolloutRevision | undefined {
  const revision = revisionOf(replicaSet.metadata);
  if (revision === undefined) return undefined;
  const entry: RolloutRevision = {
    revision,
    replicaSet: replicaSet.metadata?.name ?? '',
    images: (replicaSet.spec?.template?.spec?.containers ?? []).map((container) => container.image ?? '').filter((image) => image !== ''),
    replicas: replicaSet.status?.replicas ?? 0,
    readyReplicas: replicaSet.status?.readyReplicas ?? 0,
    current: revision === current,
  };
  const createdAt = isoTime(replicaSet.metadata?.creationTimestamp);
  if (createdAt) entry.createdAt = createdAt;
  const changeCause = replicaSet.metadata?.annotations?.[changeCauseAnnotation];
  if (changeCause) entry.changeCause = changeCause;
  return entry;
}

function revisionOf(metadata: ClientNode.V1ObjectMeta | undefined): number | undefined {
  const text = metadata?.annotations?.[revisionAnnotation];
  const revision = text === undefined ? Number.NaN : Number(text);
  return Number.isInteger(revision) ? revision : undefined;
}
