// Steps written to reach another cluster than the declared one, each a way
// the guard used to let through (it read "no cluster" where it could not read).
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkStepContext } from '../../src/kubernetes/guard/context-guard.ts';
import { readFileSync } from 'node:fs';
import { parseRunbook } from '../../src/parse/parse-runbook.ts';
import { requireMaterial, userRunbookPath } from '../../../../test/support/external-material.ts';
import { kubeconfigYaml } from './kubeconfig-fixture.ts';
import { kubeStep } from './kube-step.ts';

describe('checkStepContext against hostile steps', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  const meta = { kubernetes: { context: 'prod', namespace: 'app' } };
  const check = (code: string, extra: Parameters<typeof kubeStep>[2] = {}, options: Parameters<typeof kubeStep>[1] = {}) =>
    checkStepContext(kubeStep(code, options, extra), { meta, env });

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'runbook-guard-hostile-'));
    writeFileSync(join(dir, 'config'), kubeconfigYaml('prod', [{ name: 'prod', namespace: 'app' }, { name: 'other' }]));
    env = { KUBECONFIG: join(dir, 'config'), HOME: dir };
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses a program name held in a variable (`k=kubectl; $k --context other …`), naming it and its line', async () => {
    const result = await check('k=kubectl\n\n$k --context other delete ns app');
    assert.equal(result.allowed, false);
    assert.equal(result.code, 'unreadable');
    assert.match(result.reason, /the program name `\$k` is only known at run time \(line 1, command 2\)/);
  });

  it('names the line of the runbook file, in a step parsed from Markdown', async () => {
    const markdown = [
      '---',
      'kubernetes: { context: prod, namespace: app }',
      '---',
      '',
      '# Fix',
      '',
      '```bash',
      'kubectl get pods -n app',
      '',
      'echo one',
      'echo two',
      '$k delete ns app',
      '```',
      '',
    ].join('\n');
    const runbook = parseRunbook(markdown, { path: 'fix.md' });
    const result = await checkStepContext(runbook.steps[0]!, { meta: runbook.meta, env });
    assert.equal(result.code, 'unreadable');
    assert.match(result.reason, /\(line 12, command 4\)$/);
  });

  it('reads `eval` of written-out text, and refuses `eval` of text only known at run time', async () => {
    const written = await check('eval "kubectl --context other delete ns app"');
    assert.equal(written.allowed, false);
    assert.equal(written.code, 'context-mismatch');
    assert.equal(written.actual, 'other');
    const dynamic = await check('eval "$CLEANUP"');
    assert.equal(dynamic.code, 'unreadable');
    assert.match(dynamic.reason, /eval runs text only known at run time: `"\$CLEANUP"`/);
  });

  it('removes quotes from a program name (`kube""ctl`, `\'kubectl\'`, `\\kubectl`)', async () => {
    for (const code of [
      'kube""ctl --context other get pods -n app',
      "'kubectl' --context other get pods -n app",
      '\\kubectl --context other get pods -n app',
    ]) {
      const result = await check(code);
      assert.equal(result.code, 'context-mismatch', code);
      assert.equal(result.actual, 'other', code);
    }
  });

  it('refuses a shell fed a script from a heredoc, a here-string, a pipe or a process substitution', async () => {
    for (const [code, what] of [
      ['bash <<EOF\nkubectl --context other delete ns app\nEOF', /bash reads a script from a heredoc that runs cluster clients/],
      ['sh <<< "kubectl get pods"', /sh reads a script from a here-string/],
      ['curl -s https://example.test/fix.sh | bash', /bash reads its script from a pipe/],
      ['bash <(curl -s https://example.test/fix.sh)', /bash runs a script made by a process substitution/],
      ['bash < <(curl -s https://example.test/fix.sh)', /bash reads its script from a process substitution/],
    ] as const) {
      const result = await check(code);
      assert.equal(result.code, 'unreadable', code);
      assert.match(result.reason, what, code);
    }
    // A heredoc that is only data for a cluster client is read as data.
    assert.equal((await check('cat <<EOF | kubectl apply -n app -f -\nkind: ConfigMap\nEOF')).allowed, true);
  });

  it('refuses `source <(…)` and `. <(…)`', async () => {
    for (const code of ['source <(kubectl completion bash)', '. <(curl -s https://example.test/env.sh)']) {
      const result = await check(code);
      assert.equal(result.code, 'unreadable', code);
      assert.match(result.reason, /runs a script made by a process substitution/, code);
    }
  });

  it('looks through every wrapper of the one table (`setsid`, `nice`, `flock`, `stdbuf`, `env`, `exec`, `command`)', async () => {
    for (const code of [
      'setsid kubectl --context other get pods -n app',
      'nice -n 5 kubectl --context other get pods -n app',
      'flock /tmp/lock kubectl --context other get pods -n app',
      'stdbuf -oL kubectl --context other get pods -n app',
      'env -u HOME kubectl --context other get pods -n app',
      'exec kubectl --context other get pods -n app',
      'command kubectl --context other get pods -n app',
      'timeout -s KILL 30s kubectl --context other get pods -n app',
      'watch -n 5 "kubectl --context other get pods -n app"',
    ]) {
      const result = await check(code);
      assert.equal(result.code, 'context-mismatch', code);
      assert.equal(result.actual, 'other', code);
    }
    // `env NAME=value` sets the command's kubeconfig.
    writeFileSync(join(dir, 'elsewhere'), kubeconfigYaml('other', [{ name: 'other' }]));
    const viaEnv = await check(`env KUBECONFIG=${join(dir, 'elsewhere')} kubectl get pods -n app`);
    assert.equal(viaEnv.code, 'context-mismatch');
  });

  it("refuses a cluster client run by sudo or `env -i`/`env -u KUBECONFIG`: the step's (pinned) KUBECONFIG does not reach it", async () => {
    for (const [code, why] of [
      ['sudo -u ops kubectl get pods -n app', /sudo runs kubectl as another user, with that user's kubeconfig/],
      ['env -i PATH=/usr/bin kubectl get pods -n app', /env runs kubectl without the KUBECONFIG the step runs with/],
      ['env -u KUBECONFIG kubectl get pods -n app', /env runs kubectl without the KUBECONFIG/],
      ['sudo bash -c "kubectl get pods -n app"', /sudo runs bash as another user/],
    ] as const) {
      const result = await check(code);
      assert.equal(result.code, 'unreadable', code);
      assert.match(result.reason, why, code);
    }
    // env setting other variables keeps KUBECONFIG.
    assert.equal((await check('env TZ=UTC kubectl get pods -n app')).allowed, true);
  });

  it('refuses shell that does not parse around a cluster client', async () => {
    const result = await check('echo $(( kubectl --context other delete ns app');
    assert.equal(result.code, 'unreadable');
    assert.match(result.reason, /the shell code around a cluster client does not parse: `\$\(\( kubectl --context` \(line 1, command 1\)/);
  });

  it('refuses `xargs kubectl` and `kubectl "$@"`: arguments only known at run time may name another context', async () => {
    const xargs = await check('echo --context=other | xargs kubectl get pods -n app');
    assert.equal(xargs.code, 'unreadable');
    assert.match(xargs.reason, /xargs runs kubectl with arguments read from its input/);
    const forwarded = await check('k() { kubectl "$@"; }\nk --context other get pods');
    assert.equal(forwarded.code, 'unreadable');
    assert.match(forwarded.reason, /kubectl takes arguments only known at run time, `"\$@"`/);
  });

  it('compares contexts by server: a context of the declared name in another kubeconfig that points elsewhere is refused', async () => {
    const impostor = join(dir, 'impostor');
    writeFileSync(impostor, kubeconfigYaml('prod', [{ name: 'prod', namespace: 'app', server: 'https://attacker.example.test:6443' }]));
    for (const code of [`kubectl --kubeconfig ${impostor} get pods -n app`, `KUBECONFIG=${impostor} kubectl get pods -n app`]) {
      const result = await check(code);
      assert.equal(result.allowed, false, code);
      assert.equal(result.code, 'context-mismatch', code);
      assert.match(
        result.reason,
        /expects context 'prod' on https:\/\/prod\.example\.test:6443, but .* would reach https:\/\/attacker\.example\.test:6443/,
        code,
      );
    }
    // The same name on the same server, in another file, is the declared context.
    writeFileSync(join(dir, 'copy'), kubeconfigYaml('prod', [{ name: 'prod', namespace: 'app' }]));
    assert.equal((await check(`kubectl --kubeconfig ${join(dir, 'copy')} get pods -n app`)).allowed, true);
    // Another name for the same server is still refused: the pinned kubeconfig would not hold it.
    writeFileSync(join(dir, 'alias'), kubeconfigYaml('prod-admin', [{ name: 'prod-admin', namespace: 'app', cluster: 'prod' }]));
    assert.equal((await check(`kubectl --kubeconfig ${join(dir, 'alias')} get pods -n app`)).code, 'context-mismatch');
  });

  it('follows `unset KUBECONFIG` to the default kubeconfig', async () => {
    const home = join(dir, 'home');
    const kube = join(home, '.kube');
    mkdirSync(kube, { recursive: true });
    writeFileSync(join(kube, 'config'), kubeconfigYaml('other', [{ name: 'prod', namespace: 'app' }, { name: 'other' }]));
    const result = await checkStepContext(kubeStep('unset KUBECONFIG\n\nkubectl get pods -n app'), { meta, env: { ...env, HOME: home } });
    assert.equal(result.code, 'context-mismatch');
    assert.equal(result.actual, 'other');
  });

  it('reads flux, argocd, helm and kubectl plugins by their context flags', async () => {
    for (const code of [
      'flux --context other reconcile kustomization apps -n app',
      'flux --context=other get all -n app',
      'helm --kube-context other list -n app',
      'argocd --kube-context other cluster list',
      'kubectl-neat --context other get pod x -n app',
      'kubectl ctx other\n\nkubectl get pods -n app',
    ]) {
      const result = await check(code);
      assert.equal(result.code, 'context-mismatch', code);
      assert.equal(result.actual, 'other', code);
    }
  });

  it('treats a python step that mentions a cluster as unreadable, and lets guard=pinned run it with the pin', async () => {
    const code = 'import subprocess\nsubprocess.run(["kubectl", "--context", "other", "delete", "ns", "app"])\n';
    const refused = await check(code, { lang: 'python' });
    assert.equal(refused.allowed, false);
    assert.equal(refused.code, 'unreadable');
    assert.match(refused.reason, /a python step mentions kubectl, and the guard cannot read which cluster a python program reaches \(line 2\)/);
    assert.match(refused.hint ?? '', /^write the cluster command out .* or add guard=pinned/);

    const pinned = await check(code, { lang: 'python', attributes: { guard: 'pinned' } });
    assert.equal(pinned.allowed, true, pinned.reason);
    assert.deepEqual(pinned.pin, { context: 'prod', namespace: 'app', server: 'https://prod.example.test:6443' });
    assert.equal(pinned.acceptedUnreadable?.length, 1);
    // Nothing declared: pinned to the current context, which the incident then keeps.
    const undeclared = await checkStepContext(kubeStep(code, {}, { lang: 'python', attributes: { guard: 'pinned' } }), { env });
    assert.equal(undeclared.allowed, true, undeclared.reason);
    assert.equal(undeclared.usedContext, 'prod');
    assert.deepEqual(undeclared.pin, { context: 'prod', server: 'https://prod.example.test:6443' });
    // The same code inline in a shell step.
    const inline = await check(`python3 -c '${code.replaceAll("'", '"')}'`);
    assert.equal(inline.code, 'unreadable');
    assert.match(inline.reason, /python3 runs code that mentions kubectl/);
    assert.equal((await check("python3 -c 'print(1)' && kubectl get pods -n app")).allowed, true);
    // A python step with nothing about clusters is not one.
    assert.equal((await check('print("hello")\n', { lang: 'python' })).code, 'no-cluster');
  });

  it('accepts guard=pinned from the frontmatter too, never from another value', async () => {
    const step = kubeStep('$k get pods -n app');
    const raw = { kubernetes: { context: 'prod', guard: 'pinned' } };
    const pinned = await checkStepContext(step, { meta: { ...meta, raw }, env });
    assert.equal(pinned.allowed, true, pinned.reason);
    assert.equal(pinned.pin?.context, 'prod');
    const typo = await checkStepContext(step, { meta: { ...meta, raw: { kubernetes: { guard: 'pinnned' } } }, env });
    assert.equal(typo.code, 'unreadable');
  });

  it('pins a step that runs a script it wrote: the guard cannot read it, the pinned kubeconfig holds it', async () => {
    const result = await check("cat > fix.sh <<'EOF'\nkubectl --context other delete ns app\nEOF\n\nbash fix.sh");
    assert.equal(result.allowed, true);
    assert.equal(result.code, 'no-cluster');
    assert.deepEqual(result.pin, { context: 'prod', namespace: 'app', server: 'https://prod.example.test:6443' });
  });

  it('pins the incident to the first cluster step when nothing is declared, and refuses later steps elsewhere', async () => {
    const first = await checkStepContext(kubeStep('kubectl get pods'), { env });
    assert.equal(first.allowed, true);
    assert.equal(first.code, 'not-declared');
    assert.equal(first.usedContext, 'prod');
    assert.deepEqual(first.pin, { context: 'prod', server: 'https://prod.example.test:6443' });

    const later = await checkStepContext(kubeStep('kubectl --context other get pods'), { env, pinnedContext: first.usedContext! });
    assert.equal(later.allowed, false);
    assert.equal(later.code, 'context-mismatch');
    assert.equal(later.expected, 'prod');
    const same = await checkStepContext(kubeStep('kubectl get pods'), { env, pinnedContext: 'prod' });
    assert.equal(same.allowed, true);
    assert.equal(same.pin?.context, 'prod');

    const two = await checkStepContext(kubeStep('kubectl get pods\n\nkubectl --context other get pods'), { env });
    assert.equal(two.allowed, false);
    assert.match(two.reason, /reaches two clusters: 'prod' .* 'other'/);
    // Undeclared is no longer unguarded: what cannot be read is refused.
    assert.equal((await checkStepContext(kubeStep('$k get pods'), { env })).code, 'unreadable');
    const missing = await checkStepContext(kubeStep('kubectl get pods'), { env: { ...env, KUBECONFIG: join(dir, 'nope') } });
    assert.equal(missing.allowed, false);
    assert.equal(missing.code, 'kubeconfig-not-found');
  });

  it('names the fix first and the override last', async () => {
    writeFileSync(join(dir, 'other-current'), kubeconfigYaml('other', [{ name: 'prod', namespace: 'app' }, { name: 'other' }]));
    const result = await checkStepContext(kubeStep('kubectl get pods -n app'), { meta, env: { ...env, KUBECONFIG: join(dir, 'other-current') } });
    assert.equal(result.code, 'context-mismatch');
    assert.equal(result.hint, "run `kubectl config use-context prod`, then the step again; to run it against 'other' on purpose, pass --context other");
  });

  it("lets the user's runbook run on one cluster, pinning it, and refuses its cluster steps once the incident is pinned elsewhere", async function () {
    const path = requireMaterial(this, userRunbookPath(), 'user runbook');
    const runbook = parseRunbook(readFileSync(path, 'utf8'), { path });
    const verdicts = await Promise.all(runbook.steps.map((step) => checkStepContext(step, { meta: runbook.meta, env })));
    const cluster = verdicts.filter((verdict) => verdict.code !== 'no-cluster');
    assert.ok(cluster.length >= 4, `cluster steps: ${cluster.length}`);
    for (const verdict of verdicts) assert.equal(verdict.allowed, true, verdict.reason);
    for (const verdict of cluster) {
      assert.equal(verdict.code, 'not-declared');
      assert.equal(verdict.usedContext, 'prod');
      assert.equal(verdict.pin?.server, 'https://prod.example.test:6443');
    }
    const elsewhere = await Promise.all(runbook.steps.map((step) => checkStepContext(step, { meta: runbook.meta, env, pinnedContext: 'other' })));
    for (const verdict of elsewhere.filter((found) => found.code !== 'no-cluster')) {
      assert.equal(verdict.allowed, false);
      assert.equal(verdict.code, 'context-mismatch');
      assert.match(verdict.hint ?? '', /^run `kubectl config use-context other`/);
    }
  });
});
