import assert from 'node:assert/strict';
import { parseProcessStatus } from '../../src/run/process-tree.ts';
import { resolveInterpreter } from '../../src/run/resolve-interpreter.ts';
import { makeStep } from './make-step.ts';

const pick = (lang: string, options: Parameters<typeof makeStep>[0]['options'] = {}, runbookShell?: string): string => {
  const interpreter = resolveInterpreter(makeStep({ lang, code: '', options }), runbookShell);
  return interpreter
    ? `${[interpreter.program, ...interpreter.args].join(' ')} (${interpreter.family}, ${interpreter.source}, '${interpreter.extension}')`
    : 'none';
};

describe('resolveInterpreter', () => {
  it('follows the language', () => {
    assert.equal(pick('bash'), "bash (shell, language, '.sh')");
    assert.equal(pick('sh'), "sh (shell, language, '.sh')");
    assert.equal(pick('zsh'), "zsh (shell, language, '.sh')");
    assert.equal(pick('shell'), "bash (shell, language, '.sh')");
    assert.equal(pick('Python'), "python3 (python, language, '.py')");
    assert.equal(pick('js'), "node (node, language, '.js')");
    assert.equal(pick('mjs'), "node (node, language, '.mjs')");
    assert.equal(pick('yaml'), 'none');
    assert.equal(pick(''), 'none');
  });

  it('gives generic shell blocks the runbook default, but keeps an explicit bash or zsh', () => {
    assert.equal(pick('sh', {}, 'zsh'), "zsh (shell, runbook-default, '.sh')");
    assert.equal(pick('shell', {}, 'bash'), "bash (shell, runbook-default, '.sh')");
    assert.equal(pick('bash', {}, 'zsh'), "bash (shell, language, '.sh')");
  });

  it("lets the step's shell attribute choose the shell, and its interpreter attribute anything", () => {
    assert.equal(pick('bash', { shell: '/bin/dash' }), "/bin/dash (shell, shell-attribute, '.sh')");
    assert.equal(pick('python', { shell: 'zsh' }), "python3 (python, language, '.py')");
    assert.equal(pick('python', { interpreter: 'python3.12 -X dev' }), "python3.12 -X dev (python, interpreter-attribute, '.py')");
    assert.equal(pick('ruby', { interpreter: 'ruby' }), "ruby (other, interpreter-attribute, '')");
  });
});

describe('parseProcessStatus', () => {
  it('reads pid, program, parent and group even when the program name holds spaces and parentheses', () => {
    assert.deepEqual(parseProcessStatus('4242 (my (odd) prog) S 17 4242 4242 0 -1 4194560'), {
      pid: 4242,
      comm: 'my (odd) prog',
      ppid: 17,
      pgrp: 4242,
      state: 'S',
    });
    assert.equal(parseProcessStatus('garbage'), undefined);
  });
});
