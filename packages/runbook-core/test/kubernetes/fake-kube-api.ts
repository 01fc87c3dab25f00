// A small in-process Kubernetes API over node:http: an object store with the
// REST verbs our code uses, label and field selectors, Status errors, and
// hooks for a test to answer a request itself (a 403, a log stream).
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type KubeObject = { metadata?: { name?: string; namespace?: string; labels?: Record<string, string>; [key: string]: unknown }; [key: string]: unknown };

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
}

/** Answers a request itself; return false to fall through to the store. */
export type Handler = (request: RecordedRequest, response: ServerResponse) => boolean | Promise<boolean>;

interface Location {
  prefix: string;
  resource: string;
  namespace?: string;
  name?: string;
  subresource?: string;
}

export class FakeKubeApi {
  readonly requests: RecordedRequest[] = [];
  private readonly store = new Map<string, KubeObject>();
  /** API groups answered; another (metrics.k8s.io) is served once an object is put in it. */
  private readonly served = new Set(['api/v1', 'apis/apps/v1', 'apis/batch/v1']);
  private readonly handlers: Handler[] = [];
  private readonly createListeners: Array<(location: Location, object: KubeObject) => void> = [];
  private server!: Server;
  url = '';
  /** A temp dir for the test's files, removed by `close`. */
  readonly dir = mkdtempSync(join(tmpdir(), 'runbook-fake-kube-'));
  /** A kubeconfig with context `fake` (namespace `prod`) pointing here. */
  readonly kubeconfig = join(this.dir, 'kubeconfig');

  static async start(): Promise<FakeKubeApi> {
    const api = new FakeKubeApi();
    api.server = createServer((req, res) => void api.handle(req, res));
    await new Promise<void>((resolve) => api.server.listen(0, '127.0.0.1', resolve));
    api.url = `http://127.0.0.1:${(api.server.address() as AddressInfo).port}`;
    api.writeKubeconfig();
    return api;
  }

  /** The server goes away (its port then refuses connections); the kubeconfig stays. */
  stopServing(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  async close(): Promise<void> {
    if (this.server.listening) await this.stopServing();
    rmSync(this.dir, { recursive: true, force: true });
  }

  /** Handlers run newest first, before the store. */
  on(handler: Handler): void {
    this.handlers.unshift(handler);
  }

  onCreate(listener: (resource: string, object: KubeObject) => void): void {
    this.createListeners.push((location, object) => listener(location.resource, object));
  }

  /** Stores an object at a collection path such as `/api/v1/namespaces/prod/pods`. */
  put(collection: string, object: KubeObject): KubeObject {
    const location = parsePath(`${collection}/${object.metadata?.name ?? ''}`);
    const stored = withMetadata(object, location);
    this.store.set(key(location), stored);
    this.served.add(location.prefix);
    return stored;
  }

  get(collection: string, name: string): KubeObject | undefined {
    return this.store.get(key(parsePath(`${collection}/${name}`)));
  }

  update(collection: string, name: string, change: (object: KubeObject) => void): void {
    const object = this.get(collection, name);
    if (!object) throw new Error(`no ${collection}/${name} in the fake API`);
    change(object);
  }

  /** Names in a collection, e.g. every ConfigMap of a namespace. */
  names(collection: string): string[] {
    const location = parsePath(collection);
    return [...this.store.values()].filter((object) => matches(object, location)).map((object) => object.metadata?.name ?? '');
  }

  requestsTo(method: string, pattern: RegExp): RecordedRequest[] {
    return this.requests.filter((request) => request.method === method && pattern.test(request.path));
  }

  private writeKubeconfig(): void {
    writeFileSync(
      this.kubeconfig,
      JSON.stringify({
        apiVersion: 'v1',
        kind: 'Config',
        'current-context': 'fake',
        // The client speaks plain HTTP only when told to skip TLS verification.
        clusters: [{ name: 'fake', cluster: { server: this.url, 'insecure-skip-tls-verify': true } }],
        users: [{ name: 'tester', user: { token: 'fake-token' } }],
        contexts: [{ name: 'fake', context: { cluster: 'fake', user: 'tester', namespace: 'prod' } }],
      }),
    );
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    const text = await readText(req);
    const request: RecordedRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      body: text === '' ? undefined : JSON.parse(text),
    };
    this.requests.push(request);
    for (const handler of this.handlers) if (await handler(request, res)) return;
    this.serve(request, res);
  }

  private serve(request: RecordedRequest, res: ServerResponse): void {
    const location = parsePath(request.path);
    if (!location.resource || !this.served.has(location.prefix)) {
      sendStatus(res, 404, 'NotFound', `the server could not find the requested resource`);
      return;
    }
    const existing = location.name === undefined ? undefined : this.store.get(key(location));
    const what = `${location.resource} "${location.name ?? ''}"`;
    switch (request.method) {
      case 'GET': {
        if (location.name === undefined) {
          sendJson(res, 200, { kind: 'List', apiVersion: 'v1', metadata: { resourceVersion: '1' }, items: this.list(location, request.query) });
          return;
        }
        if (!existing) {
          sendStatus(res, 404, 'NotFound', `${what} not found`);
          return;
        }
        sendJson(res, 200, existing);
        return;
      }
      case 'POST': {
        const object = request.body as KubeObject;
        const target = { ...location, name: object.metadata?.name ?? '' };
        if (this.store.has(key(target))) {
          sendStatus(res, 409, 'AlreadyExists', `${location.resource} "${target.name}" already exists`);
          return;
        }
        const stored = withMetadata(object, target);
        this.store.set(key(target), stored);
        for (const listener of this.createListeners) listener(target, stored);
        sendJson(res, 201, stored);
        return;
      }
      case 'PUT':
      case 'PATCH': {
        if (!existing) {
          sendStatus(res, 404, 'NotFound', `${what} not found`);
          return;
        }
        deepMerge(existing, request.body);
        sendJson(res, 200, existing);
        return;
      }
      case 'DELETE': {
        if (!existing) {
          sendStatus(res, 404, 'NotFound', `${what} not found`);
          return;
        }
        this.store.delete(key(location));
        sendJson(res, 200, { kind: 'Status', apiVersion: 'v1', status: 'Success', details: { name: location.name, kind: location.resource } });
        return;
      }
      default:
        sendStatus(res, 405, 'MethodNotAllowed', `${request.method} is not supported`);
        return;
    }
  }

  private list(location: Location, query: URLSearchParams): KubeObject[] {
    const labels = selector(query.get('labelSelector'));
    const fields = selector(query.get('fieldSelector'));
    return [...this.store.values()].filter(
      (object) =>
        matches(object, location) &&
        labels.every(([name, value]) => object.metadata?.labels?.[name] === value) &&
        fields.every(
          ([path, value]) => String(path.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], object)) === value,
        ),
    );
  }
}

/** `/api/v1/namespaces/ns/pods/name/log` → its parts. */
function parsePath(path: string): Location {
  const parts = path.split('/').filter((part) => part !== '');
  const prefixLength = parts[0] === 'api' ? 2 : 3;
  const prefix = parts.slice(0, prefixLength).join('/');
  let rest = parts.slice(prefixLength);
  let namespace: string | undefined;
  if (rest[0] === 'namespaces' && rest.length >= 3) {
    namespace = rest[1];
    rest = rest.slice(2);
  }
  const location: Location = { prefix, resource: rest[0] ?? '' };
  if (namespace !== undefined) location.namespace = namespace;
  if (rest[1] !== undefined && rest[1] !== '') location.name = rest[1];
  if (rest[2] !== undefined) location.subresource = rest[2];
  return location;
}

function key(location: Location): string {
  return `${location.prefix}|${location.resource}|${location.namespace ?? ''}|${location.name ?? ''}`;
}

function matches(object: KubeObject, location: Location): boolean {
  const stored = object.__location as Location;
  return (
    stored.prefix === location.prefix && stored.resource === location.resource && (location.namespace === undefined || stored.namespace === location.namespace)
  );
}

function withMetadata(object: KubeObject, location: Location): KubeObject {
  const stored = structuredClone(object);
  stored.metadata = { uid: randomUUID(), creationTimestamp: new Date().toISOString(), ...stored.metadata, name: location.name ?? '' };
  if (location.namespace !== undefined) stored.metadata.namespace = location.namespace;
  Object.defineProperty(stored, '__location', { value: location, enumerable: false });
  return stored;
}

function selector(text: string | null): Array<[string, string]> {
  if (!text) return [];
  return text.split(',').map((part) => part.split('=') as [string, string]);
}

function deepMerge(target: Record<string, unknown>, patch: unknown): void {
  if (typeof patch !== 'object' || patch === null) return;
  for (const [name, value] of Object.entries(patch)) {
    const current = target[name];
    if (typeof value === 'object' && value !== null && !Array.isArray(value) && typeof current === 'object' && current !== null)
      deepMerge(current as Record<string, unknown>, value);
    else target[name] = value;
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

export function sendStatus(res: ServerResponse, code: number, reason: string, message: string): void {
  sendJson(res, code, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code });
}

function readText(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (text += chunk));
    req.on('end', () => resolve(text));
  });
}
