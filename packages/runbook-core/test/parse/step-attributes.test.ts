import assert from 'node:assert/strict';
import { parseInfoString } from '../../src/parse/info-string.ts';
import { parseRunbook } from '../../src/parse/index.ts';
import { textAt, useShellGrammar } from './parser-fixtures.ts';

describe('info-string attributes (Runme syntaxes)', () => {
  useShellGrammar();

  it('reads key=value attributes, bare keys as empty strings and quoted values', () => {
    const info = parseInfoString('bash { name=restart confirm=true empty }');
    assert.equal(info.lang, 'bash');
    assert.deepEqual(info.attributes, { name: 'restart', confirm: 'true', empty: '' });
    assert.deepEqual(info.problems, []);
    assert.deepEqual(parseInfoString('sh {name="a b" cwd=\'/tmp/x y\' note="say \\"hi\\""}').attributes, {
      name: 'a b',
      cwd: '/tmp/x y',
      note: 'say "hi"',
    });
    assert.deepEqual(parseInfoString('bash{name=glued}').attributes, { name: 'glued' });
    assert.equal(parseInfoString('bash{name=glued}').lang, 'bash');
  });

  it('reads JSON attributes, nested values as their JSON text', () => {
    const info = parseInfoString('bash {"name":"restart","confirm":true,"env":{"A":1},"tags":["a","b"]}');
    assert.deepEqual(info.attributes, { name: 'restart', confirm: 'true', env: '{"A":1}', tags: '["a","b"]' });
    assert.deepEqual(info.attributeSpans.get('confirm'), { start: 23, end: 32 });
  });

  it('ignores text outside braces and reports broken attribute blocks', () => {
    assert.deepEqual(parseInfoString('bash script.sh').attributes, {});
    assert.deepEqual(
      parseInfoString('bash { name=x').problems.map((problem) => problem.reason),
      ["the attribute block has no closing '}'"],
    );
    assert.match(parseInfoString('bash {"name": }').problems[0]?.reason ?? '', /not valid JSON/);
    assert.deepEqual(
      parseInfoString('bash {name="open}').problems.map((problem) => problem.reason),
      ["the quoted value of 'name' is not closed", "the attribute block has no closing '}'"],
    );
  });

  it('keeps a __proto__ attribute as plain data', () => {
    const info = parseInfoString('bash { __proto__=x }');
    assert.equal(Object.getPrototypeOf(info.attributes), Object.prototype);
    assert.equal(Object.getOwnPropertyDescriptor(info.attributes, '__proto__')?.value, 'x');
    const json = parseInfoString('bash {"__proto__":{"polluted":true}}');
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.equal(Object.getOwnPropertyDescriptor(json.attributes, '__proto__')?.value, '{"polluted":true}');
  });

  it('types the known attributes of a step', () => {
    const source = [
      '```bash { name=drain confirm=false timeout=1h30m cwd=./ops shell=zsh interpreter=/bin/zsh interactive skip=false tags=" a, b ,," context=prod-eu namespace=payments runsOn=job }',
      'echo hi',
      '```',
    ].join('\n');
    const [step] = parseRunbook(source).steps;
    assert.deepEqual(step?.options, {
      name: 'drain',
      confirm: false,
      timeoutMs: 5_400_000,
      cwd: './ops',
      shell: 'zsh',
      interpreter: '/bin/zsh',
      interactive: true,
      skip: false,
      tags: ['a', 'b'],
      context: 'prod-eu',
      namespace: 'payments',
      runsOn: 'job',
    });
  });

  it('reports unknown and invalid attributes at their place in the info string, never throwing', () => {
    const source = '# Ops\n\n```bash { name=x timeout=30 confirm=maybe colour=red namespace=Bad_NS runsOn=cloud excludeFromRunAll=true }\nls\n```\n';
    const runbook = parseRunbook(source);
    assert.deepEqual(
      runbook.messages.map((message) => [message.severity, message.reason, textAt(source, message.position), message.position.start.line]),
      [
        ['error', "attribute 'timeout': '30' is not a duration with a unit, e.g. 30s, 5m or 1h30m", 'timeout=30', 3],
        ['error', "attribute 'confirm': 'maybe' must be true or false", 'confirm=maybe', 3],
        ['warning', "unknown attribute 'colour'", 'colour=red', 3],
        ['error', "attribute 'namespace': 'Bad_NS' is not a Kubernetes namespace name (lower-case letters, digits and '-', at most 63)", 'namespace=Bad_NS', 3],
        ['error', "attribute 'runsOn': 'cloud' must be 'local' or 'job'", 'runsOn=cloud', 3],
      ],
    );
    assert.ok(runbook.messages.every((message) => message.ruleId === 'invalid-attribute'));
    assert.deepEqual(runbook.steps[0]?.options, { name: 'x' });
    assert.equal(runbook.steps[0]?.attributes.excludeFromRunAll, 'true');
  });
});
