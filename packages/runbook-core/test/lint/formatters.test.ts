import assert from 'node:assert/strict';
import fc from 'fast-check';
import { builtinRules, formatLintResults, type LintFileResult, type LintMessage } from 'runbook-core';
import { escapeData, escapeProperty } from '../../src/lint/formatters/github-format.ts';

const at = (line: number, column: number, offset: number) => ({ line, column, offset });

const error: LintMessage = {
  ruleId: 'unconfirmed-destructive',
  severity: 'error',
  reason: 'Step destroys or replaces things (kubectl rollout undo): 100% sure, add `confirm=true`',
  position: { start: at(12, 3, 140), end: at(12, 40, 177) },
  url: 'https://github.com/runbook-dev/runbook/blob/main/docs/rules/unconfirmed-destructive.md',
  fix: { range: { start: at(10, 8, 120), end: at(10, 8, 120) }, insertText: ' {confirm=true}', title: 'Ask before running: add confirm=true' },
};
const warning: LintMessage = {
  ruleId: 'shellcheck/SC2086',
  severity: 'warning',
  reason: 'SC2086: Double quote to prevent globbing,\nand word splitting.',
  position: { start: at(20, 5, 300), end: at(21, 2, 330) },
  url: 'https://www.shellcheck.net/wiki/SC2086',
};
const info: LintMessage = {
  ruleId: 'shellcheck',
  severity: 'info',
  reason: 'shellcheck is not installed',
  position: { start: at(1, 1, 0), end: at(1, 1, 0) },
  url: 'https://example.com',
};

const results: LintFileResult[] = [
  { path: 'runbooks/pay ments.md', messages: [error, warning] },
  { path: 'runbooks/clean.md', messages: [] },
  { path: 'runbooks/db:main,eu.md', messages: [info] },
];
const context = { rules: builtinRules, color: false, version: '1.2.3' };

describe('lint formatters', () => {
  it('text: file:line:col severity reason rule-id, a blank line between files, and a summary', () => {
    assert.equal(
      formatLintResults(results, 'text', context),
      [
        `runbooks/pay ments.md:12:3 error ${error.reason} unconfirmed-destructive`,
        `runbooks/pay ments.md:20:5 warning ${warning.reason} shellcheck/SC2086`,
        '',
        'runbooks/db:main,eu.md:1:1 info shellcheck is not installed shellcheck',
        '',
        '3 problems (1 error, 1 warning, 1 info) in 2 of 3 files; 1 fixable with --fix.',
        '',
      ].join('\n'),
    );
    assert.equal(formatLintResults([{ path: 'a.md', messages: [] }], 'text', context), 'No problems in 1 file.\n');
  });

  it('text: colours only when asked', () => {
    assert.doesNotMatch(formatLintResults(results, 'text', context), /\u001B\[/);
    assert.match(formatLintResults(results, 'text', { ...context, color: true }), /\u001B\[31merror\u001B\[39m/);
  });

  it('json: the message records, flat, each with its path', () => {
    const records = JSON.parse(formatLintResults(results, 'json', context)) as Array<Record<string, unknown>>;
    assert.deepEqual(records, [
      { path: 'runbooks/pay ments.md', ...error },
      { path: 'runbooks/pay ments.md', ...warning },
      { path: 'runbooks/db:main,eu.md', ...info },
    ]);
  });

  it('github: one workflow command per message with escaped properties and data', () => {
    const lines = formatLintResults(results, 'github', context).trimEnd().split('\n');
    assert.deepEqual(lines, [
      '::error file=runbooks/pay ments.md,line=12,col=3,endLine=12,endColumn=40,title=unconfirmed-destructive::Step destroys or replaces things (kubectl rollout undo): 100%25 sure, add `confirm=true`',
      '::warning file=runbooks/pay ments.md,line=20,col=5,endLine=21,endColumn=2,title=shellcheck/SC2086::SC2086: Double quote to prevent globbing,%0Aand word splitting.',
      '::notice file=runbooks/db%3Amain%2Ceu.md,line=1,col=1,endLine=1,endColumn=1,title=shellcheck::shellcheck is not installed',
      '3 problems (1 error, 1 warning, 1 info) in 2 of 3 files; 1 fixable with --fix.',
    ]);
  });

  it("github: escaping is undone exactly by the runner's decoding, for any text", () => {
    const decodeData = (text: string) => text.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
    const decodeProperty = (text: string) => decodeData(text.replace(/%3A/g, ':').replace(/%2C/g, ','));
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        assert.equal(decodeData(escapeData(text)), text);
        assert.equal(decodeProperty(escapeProperty(text)), text);
        assert.doesNotMatch(escapeProperty(text), /[\r\n:,]/);
        assert.doesNotMatch(escapeData(text), /[\r\n]/);
      }),
      { numRuns: 2000 },
    );
  });

  it('sarif: a SARIF 2.1.0 log with every rule, relative URIs, 1-based regions and fixes', () => {
    const log = JSON.parse(formatLintResults(results, 'sarif', context));
    assert.equal(log.version, '2.1.0');
    assert.equal(log.$schema, 'https://json.schemastore.org/sarif-2.1.0.json');
    const [run] = log.runs;
    assert.equal(run.tool.driver.name, 'runbook');
    assert.equal(run.tool.driver.version, '1.2.3');
    const ruleIds = run.tool.driver.rules.map((rule: { id: string }) => rule.id);
    for (const rule of builtinRules) assert.ok(ruleIds.includes(rule.id), rule.id);
    assert.ok(ruleIds.includes('shellcheck/SC2086'), 'a reported sub-rule gets its own entry');
    for (const rule of run.tool.driver.rules) {
      assert.equal(typeof rule.shortDescription.text, 'string');
      assert.match(rule.helpUri, /^https:\/\//);
    }
    assert.equal(run.results.length, 3);
    const [first, second, third] = run.results;
    assert.equal(first.ruleId, 'unconfirmed-destructive');
    assert.equal(run.tool.driver.rules[first.ruleIndex].id, 'unconfirmed-destructive');
    assert.equal(first.level, 'error');
    assert.equal(second.level, 'warning');
    assert.equal(third.level, 'note');
    assert.equal(first.message.text, error.reason);
    const location = first.locations[0].physicalLocation;
    assert.deepEqual(location.artifactLocation, { uri: 'runbooks/pay%20ments.md', uriBaseId: '%SRCROOT%' });
    assert.deepEqual(location.region, { startLine: 12, startColumn: 3, endLine: 12, endColumn: 40 });
    assert.equal(third.locations[0].physicalLocation.artifactLocation.uri, 'runbooks/db%3Amain%2Ceu.md');
    const [replacement] = first.fixes[0].artifactChanges[0].replacements;
    assert.deepEqual(replacement, {
      deletedRegion: { startLine: 10, startColumn: 8, endLine: 10, endColumn: 8 },
      insertedContent: { text: ' {confirm=true}' },
    });
    assert.equal(second.fixes, undefined);
  });

  it('refuses an unknown format, naming it', () => {
    assert.throws(() => formatLintResults(results, 'xml' as 'text', context), /format must be one of text, json, sarif, github, got 'xml'/);
  });
});
