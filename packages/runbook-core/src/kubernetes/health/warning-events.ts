import type * as ClientNode from '@kubernetes/client-node';
import type { KubernetesClient } from '../kubernetes-client.ts';
import { describeKubernetesFailure } from '../kubernetes-failure.ts';
import { failedCheck } from './failed-check.ts';
import type { EventsCheck, WarningEvent } from './health-report.ts';
import { isoTime } from './iso-time.ts';

/** `kubectl get events --sort-by=.metadata.creationTimestamp -n … | tail -20`, Warnings only. */
export async function checkWarningEvents(client: KubernetesClient, namespace: string, limit: number): Promise<EventsCheck> {
  let list: ClientNode.CoreV1EventList;
  try {
    list = await client.core.listNamespacedEvent({ namespace, fieldSelector: 'type=Warning' });
  } catch (error) {
    return { ...failedCheck(describeKubernetesFailure(error, `list events in ${namespace}`, client.server)), namespace, events: [] };
  }
  const events = list.items
    .filter((event) => event.type === 'Warning')
    .map(describeEvent)
    .sort((a, b) => (a.lastSeen ?? '').localeCompare(b.lastSeen ?? ''))
    .slice(-limit);
  if (events.length === 0) return { status: 'ok', namespace, events };
  const reasons = [...new Set(events.map((event) => event.reason))];
  return {
    status: 'warning',
    reason: `${events.length} recent Warning events: ${reasons.slice(0, 5).join(', ')}${reasons.length > 5 ? ', …' : ''}`,
    namespace,
    events,
  };
}

function describeEvent(event: ClientNode.CoreV1Event): WarningEvent {
  const object = event.involvedObject;
  const warning: WarningEvent = {
    reason: event.reason ?? '',
    message: (event.message ?? '').trim(),
    object: `${object.kind ?? ''}/${object.name ?? ''}`,
    count: event.count ?? 1,
  };
  const firstSeen = isoTime(event.firstTimestamp) ?? isoTime(event.eventTime as Date | undefined) ?? isoTime(event.metadata.creationTimestamp);
  const lastSeen = isoTime(event.lastTimestamp) ?? isoTime(event.series?.lastObservedTime as Date | undefined) ?? firstSeen;
  if (firstSeen) warning.firstSeen = firstSeen;
  if (lastSeen) warning.lastSeen = lastSeen;
  return warning;
}
