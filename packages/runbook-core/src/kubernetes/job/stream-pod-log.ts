import { request as httpRequest, type IncomingMessage, type RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { KubernetesClient } from '../kubernetes-client.ts';
import { describeKubernetesFailure, failureFromStatus, type KubernetesFailure } from '../kubernetes-failure.ts';

export interface PodLogRequest {
  namespace: string;
  pod: string;
  container: string;
  /** Keep the stream open while the container runs. */
  follow: boolean;
  /** Receives the log as it arrives. */
  onChunk: (text: string) => void;
  signal?: AbortSignal;
}

export type PodLogOutcome = { ok: true } | { ok: false; failure: KubernetesFailure };

/**
 * Reads a container's log through the API server (which asks the node's
 * kubelet), resolving when the stream ends. A failure (no kubelet, pod not
 * yet on a node, forbidden) is an outcome, never an exception.
 *
 * The client's own `Log` helper hides the server's reason for a refusal and
 * the stream's errors; this speaks HTTP with the kubeconfig's credentials.
 */
export async function streamPodLog(client: KubernetesClient, log: PodLogRequest): Promise<PodLogOutcome> {
  const action = `read the log of pod ${log.pod}`;
  const url = new URL(`${client.server.replace(/\/$/, '')}/api/v1/namespaces/${encodeURIComponent(log.namespace)}/pods/${encodeURIComponent(log.pod)}/log`);
  url.searchParams.set('container', log.container);
  if (log.follow) url.searchParams.set('follow', 'true');
  const options: RequestOptions = { method: 'GET', headers: {} };
  try {
    await client.kubeConfig.applyToHTTPSOptions(options);
  } catch (error) {
    return { ok: false, failure: describeKubernetesFailure(error, action, client.server) };
  }
  if (log.signal) options.signal = log.signal;
  return new Promise<PodLogOutcome>((resolve) => {
    const send = url.protocol === 'http:' ? httpRequest : httpsRequest;
    const req = send(url, options, (response) => {
      // The API server answers 204 when the pod has no node yet: nothing to read.
      if (response.statusCode === 204) {
        response.resume();
        resolve({ ok: false, failure: { code: 'not-found', status: 204, reason: `pod ${log.pod} is on no node yet, so it has no log` } });
        return;
      }
      if (response.statusCode !== 200) {
        readBody(response).then((body) => resolve({ ok: false, failure: failureFromStatus(response.statusCode ?? 0, body, action, client.server) }));
        return;
      }
      response.setEncoding('utf8');
      response.on('data', (text: string) => log.onChunk(text));
      response.on('end', () => resolve({ ok: true }));
      response.on('error', (error) => resolve({ ok: false, failure: describeKubernetesFailure(error, action, client.server) }));
      response.on('aborted', () => resolve({ ok: false, failure: { code: 'canceled', reason: `the log stream of pod ${log.pod} was cut` } }));
    });
    req.on('error', (error) => resolve({ ok: false, failure: describeKubernetesFailure(error, action, client.server) }));
    req.end();
  });
}

function readBody(response: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let body = '';
    response.setEncoding('utf8');
    response.on('data', (text: string) => {
      if (body.length < 65_536) body += text;
    });
    response.on('end', () => resolve(body));
    response.on('error', () => resolve(body));
  });
}
