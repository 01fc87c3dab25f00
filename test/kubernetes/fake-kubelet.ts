// The test's kubelet for log requests: the real kube-apiserver proxies
// `pods/<pod>/log` to the node's kubelet port, so a Node whose address is
// 127.0.0.1 and whose kubelet port is this server gets our logs streamed
// through the API server, as a real cluster would.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { ServerResponse } from 'node:http';
import { join } from 'node:path';
import type { KubernetesClient } from '../../packages/runbook-core/src/kubernetes/kubernetes-client.ts';

interface PodLog {
  text: string;
  ended: boolean;
  followers: Set<ServerResponse>;
}

export class FakeKubelet {
  readonly nodeName = 'fake-node';
  /** Paths asked for, e.g. `/containerLogs/prod/pod/step?follow=true`. */
  readonly requests: string[] = [];
  private readonly logs = new Map<string, PodLog>();
  private server!: Server;

  /** Serves with the API server's own certificate (it skips kubelet TLS checks without a kubelet CA). */
  static async start(certDir: string, admin: KubernetesClient): Promise<FakeKubelet> {
    const kubelet = new FakeKubelet();
    kubelet.server = createServer({ cert: readFileSync(join(certDir, 'apiserver.crt')), key: readFileSync(join(certDir, 'apiserver.key')) }, (req, res) =>
      kubelet.serve(req.url ?? '', res),
    );
    await new Promise<void>((resolve) => kubelet.server.listen(0, '127.0.0.1', resolve));
    const port = (kubelet.server.address() as AddressInfo).port;
    await admin.core.createNode({ body: { metadata: { name: kubelet.nodeName } } });
    await admin.core.replaceNodeStatus({
      name: kubelet.nodeName,
      body: {
        metadata: { name: kubelet.nodeName },
        status: { addresses: [{ type: 'InternalIP', address: '127.0.0.1' }], daemonEndpoints: { kubeletEndpoint: { Port: port } } },
      },
    });
    return kubelet;
  }

  /** Appends to a pod's log; followers get it at once. */
  write(pod: string, text: string): void {
    const log = this.log(pod);
    log.text += text;
    for (const follower of log.followers) follower.write(text);
  }

  /** The container has ended: follow streams close. */
  end(pod: string): void {
    const log = this.log(pod);
    log.ended = true;
    for (const follower of log.followers) follower.end();
    log.followers.clear();
  }

  followers(pod: string): number {
    return this.log(pod).followers.size;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private serve(url: string, res: ServerResponse): void {
    this.requests.push(url);
    const match = /^\/containerLogs\/[^/]+\/([^/]+)\/[^/?]+(\?.*)?$/.exec(url);
    if (!match) {
      res.writeHead(404);
      res.end();
      return;
    }
    const log = this.log(match[1]!);
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.write(log.text);
    if (log.ended || !new URLSearchParams(match[2] ?? '').has('follow')) {
      res.end();
      return;
    }
    log.followers.add(res);
    res.on('close', () => log.followers.delete(res));
  }

  private log(pod: string): PodLog {
    let log = this.logs.get(pod);
    if (!log) {
      log = { text: '', ended: false, followers: new Set() };
      this.logs.set(pod, log);
    }
    return log;
  }
}
