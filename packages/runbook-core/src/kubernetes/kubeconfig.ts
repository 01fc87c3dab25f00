import { readFile } from 'node:fs/promises';
import { delimiter, join, resolve } from 'node:path';
import { parse } from 'yaml';

/** Where kubeconfig files are looked up, as kubectl does. */
export interface KubeconfigSource {
  /** An explicit kubeconfig file (`--kubeconfig`); wins over `KUBECONFIG`. */
  kubeconfig?: string;
  /** Environment holding `KUBECONFIG` and `HOME`. Default: `process.env`. */
  env?: NodeJS.ProcessEnv;
  /** Base for relative paths. Default: `process.cwd()`. */
  cwd?: string;
}

export interface KubeconfigContext {
  name: string;
  cluster: string;
  user: string;
  /** The context's default namespace, when it sets one. */
  namespace?: string;
  /** The file that defined it. */
  file: string;
}

export interface KubeconfigCluster {
  name: string;
  server?: string;
  file: string;
}

/** The merged view of one or more kubeconfig files (first definition wins, like kubectl). */
export interface Kubeconfig {
  /** Files read, in precedence order. */
  files: string[];
  currentContext?: string;
  contexts: KubeconfigContext[];
  clusters: KubeconfigCluster[];
}

export type KubeconfigProblemCode = 'kubeconfig-not-found' | 'kubeconfig-unreadable' | 'kubeconfig-invalid';

export interface KubeconfigProblem {
  code: KubeconfigProblemCode;
  reason: string;
  file?: string;
}

export type KubeconfigResult = { ok: true; kubeconfig: Kubeconfig } | { ok: false; problem: KubeconfigProblem };

/** The files kubectl would read for this source, in precedence order. */
export function kubeconfigPaths(source: KubeconfigSource = {}): { paths: string[]; origin: '--kubeconfig' | 'KUBECONFIG' | 'default' } {
  const env = source.env ?? process.env;
  const cwd = source.cwd ?? process.cwd();
  if (source.kubeconfig !== undefined && source.kubeconfig !== '') {
    return { paths: [resolve(cwd, source.kubeconfig)], origin: '--kubeconfig' };
  }
  const list = (env.KUBECONFIG ?? '').split(delimiter).filter((path) => path !== '');
  if (list.length > 0) return { paths: [...new Set(list.map((path) => resolve(cwd, path)))], origin: 'KUBECONFIG' };
  return { paths: [join(env.HOME ?? '', '.kube', 'config')], origin: 'default' };
}

/**
 * Reads and merges kubeconfig files with kubectl's rules: an explicit file
 * must exist; missing files in `KUBECONFIG` are skipped; the first file to
 * set `current-context` or to define a name wins.
 */
export async function readKubeconfig(source: KubeconfigSource = {}): Promise<KubeconfigResult> {
  const { paths, origin } = kubeconfigPaths(source);
  const merged: Kubeconfig = { files: [], contexts: [], clusters: [] };
  for (const file of paths) {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' && origin === 'KUBECONFIG') continue;
      return {
        ok: false,
        problem: {
          code: code === 'ENOENT' ? 'kubeconfig-not-found' : 'kubeconfig-unreadable',
          reason: `cannot read kubeconfig ${file} (from ${origin}): ${code === 'ENOENT' ? 'no such file' : (error as Error).message}`,
          file,
        },
      };
    }
    const parsed = await parseKubeconfigText(text, file);
    if (!parsed.ok) return parsed;
    mergeInto(merged, parsed.kubeconfig);
  }
  if (merged.files.length === 0) {
    return {
      ok: false,
      problem: { code: 'kubeconfig-not-found', reason: `no kubeconfig found: none of the files in KUBECONFIG exist (${paths.join(delimiter)})` },
    };
  }
  return { ok: true, kubeconfig: merged };
}

/** Parses one kubeconfig document; `file` names it in problems and on its entries. */
export async function parseKubeconfigText(text: string, file: string): Promise<KubeconfigResult> {
  let document: unknown;
  try {
    document = parse(text);
  } catch (error) {
    return { ok: false, problem: { code: 'kubeconfig-invalid', reason: `kubeconfig ${file} is not valid YAML: ${firstLine((error as Error).message)}`, file } };
  }
  if (document === null || document === undefined) return { ok: true, kubeconfig: { files: [file], contexts: [], clusters: [] } };
  if (!isRecord(document)) {
    return { ok: false, problem: { code: 'kubeconfig-invalid', reason: `kubeconfig ${file} is not a mapping`, file } };
  }
  const kubeconfig: Kubeconfig = { files: [file], contexts: [], clusters: [] };
  const current = document['current-context'];
  if (typeof current === 'string' && current !== '') kubeconfig.currentContext = current;
  for (const entry of namedEntries(document.contexts)) {
    const body = isRecord(entry.context) ? entry.context : {};
    const context: KubeconfigContext = { name: entry.name, cluster: stringOr(body.cluster), user: stringOr(body.user), file };
    if (typeof body.namespace === 'string' && body.namespace !== '') context.namespace = body.namespace;
    kubeconfig.contexts.push(context);
  }
  for (const entry of namedEntries(document.clusters)) {
    const body = isRecord(entry.cluster) ? entry.cluster : {};
    const cluster: KubeconfigCluster = { name: entry.name, file };
    if (typeof body.server === 'string') cluster.server = body.server;
    kubeconfig.clusters.push(cluster);
  }
  return { ok: true, kubeconfig };
}

export function findKubeconfigContext(kubeconfig: Kubeconfig, name: string): KubeconfigContext | undefined {
  return kubeconfig.contexts.find((context) => context.name === name);
}

export function findKubeconfigCluster(kubeconfig: Kubeconfig, name: string): KubeconfigCluster | undefined {
  return kubeconfig.clusters.find((cluster) => cluster.name === name);
}

function mergeInto(target: Kubeconfig, next: Kubeconfig): void {
  target.files.push(...next.files);
  if (target.currentContext === undefined && next.currentContext !== undefined) target.currentContext = next.currentContext;
  for (const context of next.contexts) {
    if (!findKubeconfigContext(target, context.name)) target.contexts.push(context);
  }
  for (const cluster of next.clusters) {
    if (!findKubeconfigCluster(target, cluster.name)) target.clusters.push(cluster);
  }
}

function namedEntries(list: unknown): Array<Record<string, unknown> & { name: string }> {
  if (!Array.isArray(list)) return [];
  return list.filter((entry): entry is Record<string, unknown> & { name: string } => isRecord(entry) && typeof entry.name === 'string');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringOr(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function firstLine(text: string): string {
  return text.split('\n')[0] ?? text;
}
