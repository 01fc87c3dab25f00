import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, resolve, sep } from 'node:path';
import { parse, stringify } from 'yaml';
import { kubeconfigPaths } from './kubeconfig.ts';

export interface PinnedKubeconfigOptions {
  /** The kubeconfig the context comes from (`--kubeconfig`); default: `KUBECONFIG` in `env`, else `~/.kube/config`. */
  kubeconfigPath?: string;
  /** The environment holding `KUBECONFIG` and `HOME`. */
  env: NodeJS.ProcessEnv;
  /** The only context the file holds, and its current context. */
  context: string;
  /** The context's namespace in the file; default: the one the source context sets. */
  namespace?: string;
}

export interface PinnedKubeconfig {
  /** A 0600 file in a private 0700 folder: set it as the step's `KUBECONFIG`. */
  path: string;
  /** Removes the file and its folder; safe to call more than once. */
  dispose(): Promise<void>;
}

/**
 * Writes a kubeconfig holding only `context`, its cluster and its user
 * (credentials as in the source, exec and auth-provider entries included,
 * relative file references made absolute), with that context current. A step
 * run with it as `KUBECONFIG` cannot pick another context by name, whatever
 * client it uses. Throws when the context cannot be found: the guard has
 * checked it before, so that is a misuse.
 */
export async function writePinnedKubeconfig(options: PinnedKubeconfigOptions): Promise<PinnedKubeconfig> {
  const { context: name } = options;
  if (typeof name !== 'string' || name === '')
    throw new TypeError(`writePinnedKubeconfig: options.context must be a context name, got ${JSON.stringify(name)}`);
  const source: { kubeconfig?: string; env: NodeJS.ProcessEnv } = { env: options.env };
  if (options.kubeconfigPath !== undefined) source.kubeconfig = options.kubeconfigPath;
  const documents = await readDocuments(kubeconfigPaths(source).paths);
  const context = findEntry(documents, 'contexts', name);
  if (!context)
    throw new Error(`writePinnedKubeconfig: context '${name}' is not defined in ${documents.map((document) => document.file).join(', ') || 'any kubeconfig'}`);
  const body = { ...(record(context.entry.context) ?? {}) };
  const clusterName = typeof body.cluster === 'string' ? body.cluster : '';
  const userName = typeof body.user === 'string' ? body.user : '';
  const cluster = findEntry(documents, 'clusters', clusterName);
  if (!cluster) throw new Error(`writePinnedKubeconfig: context '${name}' names cluster '${clusterName}', which no kubeconfig defines`);
  const user = userName === '' ? undefined : findEntry(documents, 'users', userName);
  if (options.namespace !== undefined) body.namespace = options.namespace;

  const pinned = {
    apiVersion: 'v1',
    kind: 'Config',
    'current-context': name,
    contexts: [{ name, context: body }],
    clusters: [{ name: clusterName, cluster: absolutePaths(record(cluster.entry.cluster) ?? {}, ['certificate-authority'], cluster.file) }],
    users: user ? [{ name: userName, user: absoluteUser(record(user.entry.user) ?? {}, user.file) }] : [],
    preferences: {},
  };
  const folder = await mkdtemp(join(tmpdir(), 'runbook-kubeconfig-'));
  await chmod(folder, 0o700);
  const path = join(folder, 'config');
  let disposed = false;
  const dispose = async (): Promise<void> => {
    if (disposed) return;
    disposed = true;
    await rm(folder, { recursive: true, force: true });
  };
  try {
    await writeFile(path, stringify(pinned), { mode: 0o600, flag: 'wx' });
  } catch (error) {
    await dispose();
    throw error;
  }
  return { path, dispose };
}

interface SourceDocument {
  file: string;
  data: Record<string, unknown>;
}

/** Every file kubectl would merge, in precedence order; missing `KUBECONFIG` entries are skipped like kubectl does. */
async function readDocuments(paths: string[]): Promise<SourceDocument[]> {
  const documents: SourceDocument[] = [];
  for (const file of paths) {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw error;
    }
    const data = record(parse(text));
    if (data) documents.push({ file, data });
  }
  return documents;
}

/** The first definition wins, as kubectl merges. */
function findEntry(documents: SourceDocument[], list: string, name: string): { entry: Record<string, unknown>; file: string } | undefined {
  for (const document of documents) {
    const entries = document.data[list];
    if (!Array.isArray(entries)) continue;
    for (const entry of entries) {
      const found = record(entry);
      if (found && found.name === name) return { entry: found, file: document.file };
    }
  }
  return undefined;
}

function absoluteUser(user: Record<string, unknown>, file: string): Record<string, unknown> {
  const copy = absolutePaths(user, ['client-certificate', 'client-key', 'tokenFile'], file);
  const exec = record(copy.exec);
  // client-go resolves an exec command relative to the kubeconfig only when it holds a path separator.
  if (exec && typeof exec.command === 'string' && exec.command.includes(sep) && !isAbsolute(exec.command)) {
    copy.exec = { ...exec, command: resolve(dirname(file), exec.command) };
  }
  return copy;
}

function absolutePaths(body: Record<string, unknown>, keys: string[], file: string): Record<string, unknown> {
  const copy = { ...body };
  for (const key of keys) {
    const value = copy[key];
    if (typeof value === 'string' && value !== '' && !isAbsolute(value)) copy[key] = resolve(dirname(file), value);
  }
  return copy;
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}
