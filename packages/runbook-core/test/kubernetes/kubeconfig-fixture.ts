export interface FixtureContext {
  name: string;
  namespace?: string;
  /** Default: a cluster of the context's own name. */
  cluster?: string;
  /** Default: `https://<cluster>.example.test:6443`; null leaves the cluster undefined. */
  server?: string | null;
}

/** A kubeconfig file's text with one user and the given contexts, each context on a cluster (and server) of its own unless told. */
export function kubeconfigYaml(current: string | undefined, contexts: FixtureContext[]): string {
  const lines = ['apiVersion: v1', 'kind: Config'];
  if (current !== undefined) lines.push(`current-context: ${current}`);
  const clusters = new Map<string, string | null>();
  for (const context of contexts) {
    const cluster = context.cluster ?? context.name;
    if (!clusters.has(cluster)) clusters.set(cluster, context.server === undefined ? `https://${cluster}.example.test:6443` : context.server);
  }
  lines.push('clusters:');
  for (const [name, server] of clusters) if (server !== null) lines.push(`- name: ${name}`, '  cluster:', `    server: ${server}`);
  lines.push('users:', '- name: me', '  user:', '    token: abc', 'contexts:');
  for (const context of contexts) {
    lines.push(`- name: ${context.name}`, '  context:', `    cluster: ${context.cluster ?? context.name}`, '    user: me');
    if (context.namespace) lines.push(`    namespace: ${context.namespace}`);
  }
  return `${lines.join('\n')}\n`;
}
