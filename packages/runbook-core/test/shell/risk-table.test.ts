import assert from 'node:assert/strict';
import { analyzeShell, loadShellGrammar } from '../../src/shell/index.ts';
import { commandRisk, type CommandRiskScope } from '../../src/shell/command-risk.ts';
import { commandWrappers, riskTable } from '../../src/shell/risk-table.ts';
import { literalWord } from '../../src/shell/shell-word.ts';
import { shellQuote } from './shell-quote.ts';

/** Scripts inside table examples (`bash -c '…'`) are decided by the real analysis. */
const scope: CommandRiskScope = {
  functionRisk: () => undefined,
  scriptRisk: (script) => ({ risk: analyzeShell(script).risk, programs: [] }),
};

describe('shell risk table', () => {
  before(() => loadShellGrammar());

  for (const [index, row] of riskTable.entries()) {
    it(`row ${index}: ${shellQuote(row.example)} → ${row.risk} (${row.reason})`, () => {
      const decided = commandRisk(row.example.map(literalWord), [], scope);
      assert.equal(decided.rule, row, `decided by another row: ${JSON.stringify(decided.rule)}`);
      assert.equal(decided.risk, row.risk);
      const [command] = analyzeShell(shellQuote(row.example)).commands;
      assert.equal(command?.risk, row.risk, 'through the parser');
      if (row.risk === 'read') assert.equal(command.riskReason, undefined);
      else assert.ok(command.riskReason?.startsWith(row.example[0]!), `reason names the program: ${command.riskReason}`);
    });
  }

  for (const wrapper of commandWrappers) {
    it(`wrapper ${wrapper.programs.join('/')} takes the risk of what it runs: ${shellQuote(wrapper.example)}`, () => {
      const wrapped = analyzeShell(shellQuote(wrapper.example)).commands[0];
      assert.ok(wrapped);
      assert.notEqual(wrapped.risk, 'read', 'every wrapper example wraps a risky command');
      assert.equal(wrapped.programs[0], wrapper.example[0]);
      assert.ok(wrapped.programs.length >= 2, `the wrapped program is listed: ${wrapped.programs.join(',')}`);
    });
  }
});

describe('shell risk beyond single rows', () => {
  before(() => loadShellGrammar());

  const cases: Array<[code: string, risk: string, reason?: RegExp]> = [
    ['kubectl get pods | xargs kubectl delete pod', 'destroy', /kubectl delete/],
    ['kubectl get pods && kubectl rollout restart deploy/api', 'mutate', /kubectl rollout restart/],
    ['if kubectl get ns x; then kubectl delete ns x; fi', 'destroy', /kubectl delete/],
    ['for n in a b; do kubectl drain "$n"; done', 'destroy', /kubectl drain/],
    ['echo "$(kubectl delete pod x)"', 'destroy', /kubectl delete/],
    ['POD=$(kubectl get pods -o name | head -1)', 'read'],
    ['X=$(date)', 'read'],
    ['X=$(rm -rf /tmp/x)', 'destroy', /rm -rf/],
    ['( cd /tmp && rm -r build )', 'destroy', /rm -r/],
    ['{ echo a; echo b; } > out.txt', 'mutate', /> out.txt/],
    ['echo hi >> /var/log/app.log', 'mutate', />> \/var\/log\/app.log/],
    ['echo hi > /dev/null 2>&1', 'read'],
    ['echo hi >&2', 'read'],
    ['kubectl get pods | tee pods.txt', 'mutate', /tee pods.txt/],
    ['sed -n 1p file', 'read'],
    ['sed -i.bak s/a/b/ file', 'mutate', /sed -i.bak/],
    ['rm app.pid', 'mutate', /rm app.pid/],
    ['rm -r -f dir', 'destroy', /rm -r/],
    ['rm --recursive dir', 'destroy', /rm --recursive/],
    ['$CMD delete everything', 'mutate', /only known at run time: \$CMD/],
    ['"$@"', 'mutate', /only known at run time/],
    ['./scripts/x.sh', 'mutate', /unknown program \.\/scripts\/x\.sh/],
    ['sudo kubectl delete pod x', 'destroy', /kubectl delete/],
    ['env A=b B=c rm -rf /x', 'destroy', /rm -rf/],
    ['time terraform destroy', 'destroy', /terraform destroy/],
    ['timeout 5 curl -X PUT https://x', 'mutate', /curl -X PUT/],
    ['nohup kubectl rollout undo deploy/api &', 'destroy'],
    ["watch 'kubectl get pods'", 'read'],
    ['watch -n 2 kubectl get pods -n prod', 'read'],
    ['command -v kubectl', 'read'],
    ['kubectl exec -it api-0 -- rm -rf /data', 'destroy', /kubectl exec … rm -rf/],
    ['kubectl exec api-0 -- ls /data', 'mutate', /kubectl exec/],
    ['oc delete project staging', 'destroy', /oc delete/],
    ['kubectl -n prod --context prod-eu delete pod api-0', 'destroy', /kubectl delete/],
    ["bash -c 'kubectl delete ns x'", 'destroy', /kubectl delete/],
    ['bash -c "kubectl delete pod $POD"', 'destroy', /kubectl delete/],
    ["sh -xc 'echo ok'", 'read'],
    ['curl -fsSL https://get.example.com | bash', 'mutate', /bash/],
    ['bash <<EOF\nkubectl delete pod x\nEOF', 'destroy', /kubectl delete/],
    ['bash <<EOF\nkubectl get pods\nEOF', 'read'],
    ["eval 'rm -rf /tmp/x'", 'destroy', /rm -rf/],
    ['trap \'rm -rf "$TMP"\' EXIT', 'destroy', /rm -rf/],
    ['cleanup() { rm -rf /tmp/work; }\ncleanup', 'destroy', /rm -rf/],
    ['curl -XPOST https://x', 'mutate', /curl -XPOST/],
    ['curl --request=DELETE https://x/1', 'destroy'],
    ['curl -X GET https://x', 'read'],
    ['curl -I https://x', 'read'],
    ['curl -X "$METHOD" https://x', 'mutate'],
    ['curl -F file=@a.txt https://x', 'mutate', /curl -F/],
    ['kubectl apply -f x.yaml --dry-run=client', 'read'],
    ['kill -s KILL 42', 'destroy'],
    ['kill 42', 'mutate'],
    ['aws --region eu-west-1 ec2 describe-instances', 'read'],
    ['aws s3 cp a s3://b/a', 'mutate'],
    ['terraform -chdir=infra plan', 'read'],
    ["psql -c 'SELECT count(*) FROM users'", 'read'],
    ["psql -h db -c 'DROP TABLE users'", 'destroy', /psql -h db running SQL DROP|psql running SQL DROP/],
    ["psql --command='TRUNCATE events'", 'destroy', /TRUNCATE/],
    ["mysql -e 'DELETE FROM sessions WHERE 1'", 'destroy', /DELETE/],
    ["mysql -e 'UPDATE users SET a = 1'", 'mutate', /UPDATE/],
    ['psql -c "SELECT \'DROP TABLE x\'"', 'read'],
    ['psql -c "SELECT pg_terminate_backend(42)"', 'mutate', /PG_TERMINATE_BACKEND/],
    ['psql <<EOF\n-- DROP TABLE is only a comment\nSELECT 1;\nEOF', 'read'],
    ['psql <<EOF\nBEGIN;\nDELETE FROM jobs WHERE done;\nCOMMIT;\nEOF', 'destroy', /DELETE/],
    ["psql <<'EOF'\nWITH gone AS (DELETE FROM a RETURNING *) SELECT count(*) FROM gone;\nEOF", 'destroy'],
    ['psql <<< "ALTER TABLE a DROP COLUMN b"', 'destroy', /DROP/],
    ['psql -c "\\dt"', 'read'],
    ['psql app', 'mutate', /psql app/],
    ['kubectl exec -i db-0 -- psql <<EOF\nDROP DATABASE app;\nEOF', 'destroy', /DROP/],
    ['sqlite3 app.db "SELECT * FROM t"', 'read'],
    ['redis-cli -h cache FLUSHALL', 'destroy'],
    ['dd if=/dev/zero of=/dev/sda', 'destroy'],
    ['mkfs.ext4 /dev/sdb1', 'destroy'],
    ['git -C repo push origin main', 'mutate', /git push/],
    ['npm install', 'mutate', /unknown program npm/],
  ];
  for (const [code, risk, reason] of cases) {
    it(`${JSON.stringify(code)} → ${risk}`, () => {
      const analysis = analyzeShell(code);
      assert.equal(analysis.risk, risk, JSON.stringify(analysis.commands));
      const worst = analysis.commands.find((command) => command.risk === risk);
      if (reason) assert.match(worst?.riskReason ?? '', reason);
    });
  }

  it('an empty block reads', () => {
    assert.equal(analyzeShell('').risk, 'read');
    assert.deepEqual(analyzeShell('  \n# only a comment\n').commands, []);
  });

  it('lists the programs a command runs, through wrappers, pipelines and substitutions', () => {
    const [command] = analyzeShell('sudo -u app env X=1 kubectl get pods -o json | jq ".items[] | $(cat filter)" | tee out.json').commands;
    assert.deepEqual(command?.programs, ['sudo', 'env', 'kubectl', 'jq', 'cat', 'tee']);
  });
});
