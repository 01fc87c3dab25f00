import assert from 'node:assert/strict';
import { parseRunbook } from '../../src/parse/index.ts';
import { approvalDigest, approvalRule, DEFAULT_APPROVAL_EXPIRY_MS, readApprovalPolicy } from '../../src/session/index.ts';

const fence = '```';

function runbook(frontmatter: string[], attributes = '') {
  return parseRunbook(['---', 'title: Policy', ...frontmatter, '---', '', `${fence}bash {name=step ${attributes}}`, 'echo hi', fence, ''].join('\n'));
}

describe('approval policy: frontmatter approvals and the approve attribute', () => {
  it('reads counts by risk, the expiry and the store; none when absent', () => {
    assert.deepEqual(readApprovalPolicy(runbook([]).meta), { byRisk: {}, expiresMs: DEFAULT_APPROVAL_EXPIRY_MS, store: 'shared', problems: [] });
    const policy = readApprovalPolicy(runbook(['approvals:', '  destroy: 2', '  mutate: 1', '  expires: 5m', '  store: any']).meta);
    assert.deepEqual(policy, { byRisk: { destroy: 2, mutate: 1 }, expiresMs: 300_000, store: 'any', problems: [] });
  });

  it('names every bad entry', () => {
    const policy = readApprovalPolicy(runbook(['approvals:', '  destroy: 0', '  expires: soon', '  store: files', '  who: ana']).meta);
    assert.deepEqual(policy.problems, [
      'approvals.destroy must be how many other responders approve, 1 to 9 (got 0)',
      'approvals.expires must be a duration like 15m or 1h (got "soon")',
      "approvals.store must be 'shared' or 'any' (got \"files\")",
      'approvals.who is not known: use destroy, mutate, read, expires or store',
    ]);
    assert.deepEqual(readApprovalPolicy(runbook(['approvals: yes']).meta).problems, ['approvals must be a mapping like { destroy: 1, expires: 15m }']);
  });

  it('a step needs the larger of its risk count and its approve=<n>; never fewer', () => {
    const policy = readApprovalPolicy(runbook(['approvals:', '  destroy: 2']).meta);
    const step = (attributes: string) => runbook([], attributes).steps[0]!;
    assert.equal(approvalRule(policy, step(''), 'read'), undefined);
    assert.deepEqual(approvalRule(policy, step(''), 'destroy'), {
      required: 2,
      expiresMs: DEFAULT_APPROVAL_EXPIRY_MS,
      store: 'shared',
      source: 'approvals.destroy',
    });
    assert.equal(approvalRule(policy, step('approve=1'), 'destroy')?.required, 2);
    assert.deepEqual(approvalRule(policy, step('approve=3'), 'read'), {
      required: 3,
      expiresMs: DEFAULT_APPROVAL_EXPIRY_MS,
      store: 'shared',
      source: 'approve=3',
    });
  });

  it('fails closed: an unreadable rule is a problem, never "no approval needed"', () => {
    const bad = runbook([], 'approve=many');
    assert.match(bad.messages.map((message) => message.reason).join('\n'), /attribute 'approve': 'many' must be how many other responders approve, 1 to 9/);
    assert.equal(approvalRule(readApprovalPolicy(bad.meta), bad.steps[0]!, 'read')?.problem, 'its approve=many is not 1 to 9');
    const broken = readApprovalPolicy(runbook(['approvals:', '  destroy: lots']).meta);
    assert.match(approvalRule(broken, runbook([]).steps[0]!, 'mutate')?.problem ?? '', /the runbook's approvals cannot be read: approvals.destroy/);
    assert.equal(approvalRule(broken, runbook([]).steps[0]!, 'read'), undefined, 'a reading step needs no approval either way');
  });

  it('the digest changes with the code, a value, the context or the namespace, and only with them', () => {
    const base = { stepId: 's', code: 'kubectl delete pod x', values: ['NS=shop'], context: 'prod', namespace: 'shop' };
    const digest = approvalDigest(base);
    assert.match(digest, /^[0-9a-f]{64}$/);
    assert.equal(approvalDigest({ ...base }), digest);
    for (const changed of [{ code: 'kubectl delete pod y' }, { values: ['NS=cart'] }, { context: 'staging' }, { namespace: 'cart' }, { stepId: 't' }]) {
      assert.notEqual(approvalDigest({ ...base, ...changed }), digest, JSON.stringify(changed));
    }
  });
});
