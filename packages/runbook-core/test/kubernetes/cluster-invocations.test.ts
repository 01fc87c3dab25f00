import assert from 'node:assert/strict';
import fc from 'fast-check';
import { findClusterInvocations, readClusterUse } from '../../src/kubernetes/guard/cluster-invocations.ts';
import { clusterPrograms, findClusterProgram } from '../../src/kubernetes/guard/cluster-programs.ts';

const one = (text: string) => {
  const found = findClusterInvocations(text);
  assert.equal(found.length, 1, `expected one invocation in ${JSON.stringify(text)}, got ${JSON.stringify(found)}`);
  return found[0]!;
};

describe('findClusterInvocations', () => {
  it('reads --context and -n in every spelling kubectl accepts', () => {
    for (const text of [
      'kubectl --context prod get pods -n app',
      'kubectl --context=prod get pods --namespace=app',
      'kubectl get pods -napp --context prod',
      'kubectl get pods -n=app --context=prod',
    ]) {
      const found = one(text);
      assert.equal(found.context?.value, 'prod', text);
      assert.equal(found.namespace?.value, 'app', text);
    }
  });

  it('keeps flags of other programs in a pipeline apart (grep -n is not a namespace)', () => {
    const found = findClusterInvocations('kubectl get pods --all-namespaces | grep -n -v Running');
    assert.equal(found.length, 1);
    assert.equal(found[0]!.allNamespaces, true);
    assert.equal(found[0]!.namespace, undefined);
  });

  it('stops at -- (flags after it belong to the command run in the pod)', () => {
    const found = one('kubectl exec -it deployment/api -n app -- python -c "print(1)" -n other --context x');
    assert.equal(found.namespace?.value, 'app');
    assert.equal(found.context, undefined);
  });

  it('finds kubectl inside $(…), backticks, subshells and after && ; ||', () => {
    const found = findClusterInvocations('pods=$(kubectl get pods -n a -o name) && echo `kubectl -n b get ns` ; (kubectl -n c get x) || helm list -n d');
    assert.deepEqual(
      found.map((invocation) => [invocation.program, invocation.namespace?.value]),
      [
        ['kubectl', 'a'],
        ['kubectl', 'b'],
        ['kubectl', 'c'],
        ['helm', 'd'],
      ],
    );
  });

  it('marks values only known at run time, keeping the raw text', () => {
    const found = one('kubectl --context "$TARGET" -n ${NS} get pods');
    assert.deepEqual(found.context, { raw: '"$TARGET"', value: undefined });
    assert.deepEqual(found.namespace, { raw: '${NS}', value: undefined });
  });

  it('removes quotes from static values', () => {
    assert.equal(one(`kubectl --context 'prod cluster' get pods`).context?.value, 'prod cluster');
    assert.equal(one('kubectl --context "prod" get pods').context?.value, 'prod');
  });

  it('reads helm --kube-context and HELM_KUBECONTEXT', () => {
    assert.equal(one('helm --kube-context prod upgrade api ./chart -n app').context?.value, 'prod');
    assert.equal(one('HELM_KUBECONTEXT=stage helm list').context?.value, 'stage');
  });

  it('reads a KUBECONFIG assignment for one command and an export for the rest', () => {
    assert.equal(one('KUBECONFIG=/tmp/other kubectl get pods').env.KUBECONFIG?.value, '/tmp/other');
    const exported = one('export KUBECONFIG=~/.kube/prod');
    assert.equal(exported.program, 'export');
    assert.equal(exported.switchesKubeconfig?.value, '~/.kube/prod');
  });

  it('sees context and namespace switches', () => {
    assert.equal(one('kubectl config use-context prod').switchesContext?.value, 'prod');
    assert.equal(one('kubectl config set-context --current --namespace=app').switchesNamespace?.value, 'app');
    assert.equal(one('oc project openshift-monitoring').switchesNamespace?.value, 'openshift-monitoring');
    assert.equal(one('kubectx staging').switchesContext?.value, 'staging');
    assert.equal(one('kubectx -').switchesContext?.value, undefined);
    assert.equal(one('kubens kube-system').switchesNamespace?.value, 'kube-system');
  });

  it('looks through wrappers and shells', () => {
    assert.equal(one('nice -n 5 kubectl -n a get pods').namespace?.value, 'a');
    assert.equal(one('watch -n 5 kubectl get pods -n b').namespace?.value, 'b');
    assert.equal(one('timeout 30 /usr/local/bin/kubectl get pods -n c').namespace?.value, 'c');
    assert.equal(one(`bash -c 'kubectl get pods -n d'`).namespace?.value, 'd');
    assert.equal(one('if kubectl get ns e; then echo ok; fi').program, 'kubectl');
  });

  it('knows commands that act outside namespaces, past flags with values', () => {
    const scoped = (text: string) => one(text).clusterScoped;
    assert.equal(scoped('kubectl get nodes'), true);
    assert.equal(scoped('kubectl get -o wide --sort-by=.metadata.name no'), true);
    assert.equal(scoped('kubectl describe node/worker-1'), true);
    assert.equal(scoped('kubectl get nodes,namespaces'), true);
    assert.equal(scoped('kubectl drain worker-1 --ignore-daemonsets'), true);
    assert.equal(scoped('oc get clusteroperators'), true);
    assert.equal(scoped('kubectl get nodes,pods'), false);
    assert.equal(scoped('kubectl top pods --sort-by=cpu'), false);
    assert.equal(scoped('kubectl -o yaml get deployment api'), false);
    assert.equal(scoped('helm list'), false);
  });

  it('notes flags that aim past the context', () => {
    assert.equal(one('kubectl --server https://10.0.0.1 get pods').bypass, '--server');
  });

  it('skips comments and heredoc bodies', () => {
    const text = '# kubectl --context wrong get pods\ncat <<EOF | kubectl apply -n app -f -\nkubectl --context wrong delete ns x\nEOF\necho done';
    const found = findClusterInvocations(text);
    assert.equal(found.length, 1);
    assert.equal(found[0]!.namespace?.value, 'app');
  });

  it("reads the user's investigation script: every kubectl with its namespace", () => {
    const script = [
      'kubectl get nodes',
      'kubectl get pods --all-namespaces | grep -v Running',
      'kubectl rollout history deployment/smartcloudops-api -n smartcloudops | tail -5',
      'kubectl top pods -n smartcloudops --sort-by=cpu',
      'kubectl exec -it deployment/smartcloudops-api -n smartcloudops -- python -c "\ntry:\n    pass\nexcept Exception as e:\n    print(f\'x {e}\')\n"',
    ].join('\n');
    const found = findClusterInvocations(script);
    assert.deepEqual(
      found.map((invocation) => (invocation.allNamespaces ? '*' : invocation.namespace?.value)),
      [undefined, '*', 'smartcloudops', 'smartcloudops', 'smartcloudops'],
    );
  });

  it('never throws and only reports cluster programs, whatever the text', () => {
    const names = new Set([...clusterPrograms.map((program) => program.name), 'export', 'unset']);
    const pieces = fc.constantFrom(
      'kubectl',
      'helm',
      ' ',
      '-n',
      '--context',
      '=',
      "'",
      '"',
      '$(',
      ')',
      '`',
      '\\',
      '\n',
      '<<',
      'EOF',
      '|',
      ';',
      '&',
      '#',
      '$X',
      '$k',
      'eval',
      'bash',
      'xargs',
      'sudo',
      '<(',
      '${',
      '}',
      'KUBECONFIG=',
      'x',
    );
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.array(pieces).map((parts) => parts.join('')),
        ),
        (text) => {
          const reading = readClusterUse(text);
          for (const invocation of reading.invocations) assert.ok(names.has(invocation.program) || findClusterProgram(invocation.program), invocation.program);
          // Every finding names a line of the text.
          const lines = text.split('\n').length;
          for (const found of [...reading.invocations, ...reading.unreadable])
            assert.ok(found.line >= 1 && found.line <= lines, `line ${found.line} of ${lines}`);
          for (const use of reading.unreadable) assert.ok(use.reason.length > 0);
        },
      ),
      { numRuns: 3000 },
    );
  });
});
