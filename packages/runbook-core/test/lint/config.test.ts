import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { builtinRules, ConfigFinder, LintConfigError, readConfigFile, validateConfig } from 'runbook-core';

function configError(run: () => unknown): LintConfigError {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof LintConfigError, `expected LintConfigError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected a LintConfigError');
}

describe('lint config', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'runbook-lint-config-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('accepts severities, [severity, options], sub-rule ids and ignores', () => {
    const config = {
      rules: {
        'fence-language': 'off',
        'undeclared-variable': ['error', { allow: ['AWS_PROFILE'] }],
        'shellcheck/SC2086': 'warn',
        'secret-literal': ['info'],
      },
      ignores: ['drafts/**'],
    };
    assert.deepEqual(validateConfig(config, builtinRules, 'runbook.config.json'), config);
  });

  it('names the file and the key of each mistake', () => {
    const cases: Array<[unknown, string, RegExp]> = [
      [[], '', /must be a JSON object, got an array/],
      [{ rule: {} }, 'rule', /unknown key; expected 'rules' or 'ignores'/],
      [{ rules: { 'fence-languag': 'warn' } }, 'rules.fence-languag', /unknown rule id \(did you mean 'fence-language'\?\)/],
      [{ rules: { 'fence-language': 'warning!' } }, 'rules.fence-language', /severity must be off, info, warn or error, got 'warning!'/],
      [{ rules: { 'fence-language': ['fatal'] } }, 'rules.fence-language[0]', /got 'fatal'/],
      [
        { rules: { 'undeclared-variable': ['warn', { allowed: [] }] } },
        'rules.undeclared-variable[1].allowed',
        /unknown option; 'undeclared-variable' takes allow/,
      ],
      [{ rules: { 'undeclared-variable': ['warn', { allow: 'HOME' }] } }, 'rules.undeclared-variable[1].allow', /must be an array of strings, got 'HOME'/],
      [{ rules: { 'fence-language/x': 'warn' } }, 'rules.fence-language/x', /unknown rule id/],
      [{ rules: { 'shellcheck/SC2086': ['warn', { exclude: [] }] } }, 'rules.shellcheck/SC2086[1]', /a sub-rule takes no options/],
      [{ ignores: 'drafts' }, 'ignores', /must be an array of glob strings/],
    ];
    for (const [value, key, problem] of cases) {
      const error = configError(() => validateConfig(value, builtinRules, 'team/runbook.config.json'));
      assert.equal(error.key, key);
      assert.equal(error.file, 'team/runbook.config.json');
      assert.match(error.message, problem);
      assert.ok(error.message.startsWith(`team/runbook.config.json${key ? `: ${key}` : ''}: `), error.message);
    }
  });

  it('reports bad JSON with its line and column', () => {
    const file = join(dir, 'runbook.config.json');
    writeFileSync(file, '{\n  "rules": {\n    "fence-language": "off",\n  }\n}\n');
    const error = configError(() => readConfigFile(file, builtinRules));
    assert.equal(error.file, file);
    assert.match(error.message, /invalid JSON at line 4, column 3/);
  });

  it('reads the "runbook" key of package.json, and nothing from a package.json without one', () => {
    const file = join(dir, 'package.json');
    writeFileSync(file, JSON.stringify({ name: 'team-runbooks', runbook: { rules: { 'fence-language': 'error' } } }));
    assert.deepEqual(readConfigFile(file, builtinRules), { rules: { 'fence-language': 'error' } });
    writeFileSync(file, JSON.stringify({ name: 'team-runbooks' }));
    assert.equal(readConfigFile(file, builtinRules), undefined);
    writeFileSync(file, JSON.stringify({ runbook: { rules: { nope: 'off' } } }));
    assert.match(configError(() => readConfigFile(file, builtinRules)).message, /package\.json \(key 'runbook'\): rules\.nope: unknown rule id/);
  });

  it('finds the nearest config upward, runbook.config.json before package.json', () => {
    mkdirSync(join(dir, 'team', 'payments', 'db'), { recursive: true });
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ runbook: { rules: { 'fence-language': 'off' } } }));
    writeFileSync(join(dir, 'team', 'runbook.config.json'), JSON.stringify({ rules: { 'fence-language': 'error' } }));
    writeFileSync(join(dir, 'team', 'package.json'), JSON.stringify({ runbook: { rules: { 'fence-language': 'info' } } }));
    const finder = new ConfigFinder(builtinRules);
    assert.equal(finder.forFile(join(dir, 'team', 'payments', 'db', 'restore.md'))?.file, join(dir, 'team', 'runbook.config.json'));
    assert.equal(finder.forFile(join(dir, 'root.md'))?.file, join(dir, 'package.json'));
    assert.deepEqual(finder.forFile(join(dir, 'team', 'payments', 'db', 'restore.md'))?.config, { rules: { 'fence-language': 'error' } });
  });
});
