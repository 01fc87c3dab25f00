/** A kubeconfig file's text with one cluster and user and the given contexts. */
export function kubeconfigYaml(current: string | undefined, contexts: Array<{ name: string; namespace?: string; cluster?: string }>): string {
  const lines = ['apiVersion: v1', 'kind: Config'];
  if (current !== undefined) lines.push(`current-context: ${current}`);
  lines.push('clusters:', '- name: main', '  cluster:', '    server: https://127.0.0.1:6443', 'users:', '- name: me', '  user:', '    token: abc', 'contexts:');
  for (const context of contexts) {
    lines.push(`- name: ${context.name}`, '  context:', `    cluster: ${context.cluster ?? 'main'}`, '    user: me');
    if (context.namespace) lines.push(`    namespace: ${context.namespace}`);
  }
  return `${lines.join('\n')}\n`;
}
