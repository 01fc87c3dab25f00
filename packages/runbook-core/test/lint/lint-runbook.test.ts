import assert from 'node:assert/strict';
import { builtinRules, lintRunbook, LintConfigError, parseRunbook, ruleDocsUrl, type LintRule } from 'runbook-core';
import * as lint from '../../src/lint/index.ts';
import { requireShellcheck } from '../../../../test/support/system-tools.ts';

const source = [
  '# Payments', //                                              1
  '', //                                                        2
  '```', //                                                     3 fence-language
  'plain', //                                                   4
  '```', //                                                     5
  '', //                                                        6
  'Checked on $(date).', //                                     7 unrendered-substitution
  '', //                                                        8
  '<!-- runbook-disable-next-line fence-language -->', //       9
  '```', //                                                    10 (disabled)
  'plain', //                                                  11
  '```', //                                                    12
  '', //                                                       13
  '<!-- runbook-disable unrendered-substitution -->', //       14
  'Checked on $(date).', //                                    15 (disabled)
  '<!-- runbook-enable unrendered-substitution -->', //        16
  'Checked on $(date). <!-- runbook-disable-line -->', //      17 (disabled)
  'Checked on $(date).', //                                    18 unrendered-substitution
  '', //                                                       19
  '<!-- runbook-disable-next-line interactive-command -->', // 20
  '```bash', //                                                21 (whole block disabled)
  'echo one', //                                               22
  'kubectl exec -it api-0 -- bash', //                         23
  '```', //                                                    24
].join('\n');

/** A rule of our own for the engine's tests; sub-rule ids allowed. */
function testRule(id: string, check: LintRule['check']): LintRule {
  return { id, description: `test rule ${id}`, url: ruleDocsUrl(id), defaultSeverity: 'warning', fixable: false, tags: [], hasSubRules: true, check };
}

const lines = (messages: Array<{ position: { start: { line: number } }; ruleId: string }>) =>
  messages.map((message) => `${message.position.start.line} ${message.ruleId}`);

describe('lintRunbook', () => {
  it('exports a stable public API', () => {
    assert.deepEqual(Object.keys(lint).sort(), [
      'ConfigFinder',
      'LintConfigError',
      'applyFixes',
      'builtinRules',
      'compareMessages',
      'configFileName',
      'formatLintResults',
      'incidentVariables',
      'lintFiles',
      'lintFormats',
      'lintMarkdown',
      'lintRunbook',
      'readConfigFile',
      'ruleDocsUrl',
      'templateVariables',
      'validateConfig',
    ]);
  });

  it('returns flat records sorted by position, minus what inline comments switch off', async function () {
    requireShellcheck(this);
    const messages = await lintRunbook(parseRunbook(source), { source });
    assert.deepEqual(lines(messages), ['3 fence-language', '7 unrendered-substitution', '18 unrendered-substitution']);
    const [first] = messages;
    assert.deepEqual(Object.keys(first!).sort(), ['position', 'reason', 'ruleId', 'severity', 'url']);
    assert.equal(first!.url, ruleDocsUrl('fence-language'));
    assert.deepEqual(first!.position, { start: { line: 3, column: 1, offset: 12 }, end: { line: 3, column: 4, offset: 15 } });
    assert.deepEqual(JSON.parse(JSON.stringify(messages)), messages, 'plain, serialisable data');
  });

  it('takes severities and "off" from the config, and keeps the rule default otherwise', async function () {
    requireShellcheck(this);
    const messages = await lintRunbook(parseRunbook(source), {
      source,
      config: { rules: { 'fence-language': 'error', 'unrendered-substitution': 'off' } },
    });
    assert.deepEqual(
      messages.map((message) => `${message.ruleId} ${message.severity}`),
      ['fence-language error'],
    );
  });

  it('throws LintConfigError naming the key for an unknown rule or a bad severity', async () => {
    const runbook = parseRunbook(source);
    await assert.rejects(lintRunbook(runbook, { source, config: { rules: { 'fence-languag': 'warn' } } }), (error: unknown) => {
      assert.ok(error instanceof LintConfigError);
      assert.equal(error.key, 'rules.fence-languag');
      assert.match(error.message, /did you mean 'fence-language'/);
      return true;
    });
    await assert.rejects(
      lintRunbook(runbook, { source, config: { rules: { 'fence-language': 'fatal' as 'warn' } } }),
      /rules\.fence-language: severity must be off, info, warn or error, got 'fatal'/,
    );
  });

  it('needs the source, and says so naming the option', async () => {
    await assert.rejects(lintRunbook(parseRunbook(source), undefined as never), /options\.source must be the Markdown string/);
  });

  it('reports a rule that throws as an error finding of that rule, and still runs the others', async () => {
    const broken = testRule('broken', () => {
      throw new Error('boom');
    });
    const fence = builtinRules.find((rule) => rule.id === 'fence-language')!;
    const messages = await lintRunbook(parseRunbook(source), { source, rules: [broken, fence] });
    assert.deepEqual(lines(messages), ['1 broken', '3 fence-language']);
    assert.match(messages[0]!.reason, /rule 'broken' failed on this file: boom/);
    assert.equal(messages[0]!.severity, 'error');
  });

  it('lets a sub-rule id be set or switched off on its own, and an inline id cover its sub-rules', async () => {
    const rule = testRule('tool', ({ lines: index, report }) => {
      report({ ruleId: 'tool/A1', reason: 'first code', position: index.linePosition(7) });
      report({ ruleId: 'tool/B2', reason: 'second code', position: index.linePosition(18) });
      report({ ruleId: 'tool/B2', reason: 'second code again', position: index.linePosition(17) });
    });
    const messages = await lintRunbook(parseRunbook(source), { source, rules: [rule], config: { rules: { 'tool/A1': 'off', 'tool/B2': 'error' } } });
    assert.deepEqual(
      messages.map((message) => `${message.position.start.line} ${message.ruleId} ${message.severity}`),
      ['18 tool/B2 error'],
    );

    const small = ['# Tool', '', 'first', '<!-- runbook-disable-next-line tool -->', 'second', 'third'].join('\n');
    const located = testRule('tool', ({ lines: index, report }) => {
      for (const line of [3, 5, 6]) report({ ruleId: 'tool/B2', reason: `code on line ${line}`, position: index.linePosition(line) });
    });
    assert.deepEqual(lines(await lintRunbook(parseRunbook(small), { source: small, rules: [located] })), ['3 tool/B2', '6 tool/B2']);
  });
});
