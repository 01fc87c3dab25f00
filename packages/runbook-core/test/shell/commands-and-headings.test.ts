import assert from 'node:assert/strict';
import { analyzeShell, loadShellGrammar } from '../../src/shell/index.ts';

const summary = (code: string) => analyzeShell(code).commands.map((command) => [command.text, command.heading ?? null]);

describe('shell top-level commands and headings', () => {
  before(() => loadShellGrammar());

  it('gives each top-level statement its exact range and text', () => {
    const code = 'a && b || c\nx | y\nif t; then u; fi\nfor i in 1; do v; done\ncase $k in a) w;; esac\nf() { z; }\n( s )\n{ g; }\n';
    const { commands } = analyzeShell(code);
    assert.deepEqual(
      commands.map((command) => command.text),
      ['a && b || c', 'x | y', 'if t; then u; fi', 'for i in 1; do v; done', 'case $k in a) w;; esac', 'f() { z; }', '( s )', '{ g; }'],
    );
    for (const command of commands) assert.equal(code.slice(command.start, command.end), command.text);
    assert.deepEqual(
      commands.map((command) => command.index),
      [0, 1, 2, 3, 4, 5, 6, 7],
    );
  });

  it('counts statements on one line separately', () => {
    assert.deepEqual(summary('a; b & c'), [
      ['a', null],
      ['b', null],
      ['c', null],
    ]);
  });

  it('takes the contiguous comment lines directly above, without #', () => {
    assert.deepEqual(summary('# one\n## two  \na\n'), [['a', 'one\ntwo']]);
  });

  it('lets a blank line break the comment from the command', () => {
    assert.deepEqual(summary('# about the script\n\na\nb\n'), [
      ['a', null],
      ['b', null],
    ]);
  });

  it('lets the following lines share a heading until a blank line', () => {
    assert.deepEqual(summary('# 1. First\na\nb\n\nc\n# 2. Second\nd\n'), [
      ['a', '1. First'],
      ['b', '1. First'],
      ['c', null],
      ['d', '2. Second'],
    ]);
  });

  it('never takes a shebang or a trailing comment as a heading', () => {
    assert.deepEqual(summary('#!/bin/bash\na\n'), [['a', null]]);
    assert.deepEqual(summary('a # note\nb\n'), [
      ['a', null],
      ['b', null],
    ]);
    assert.deepEqual(summary('# h\na # note\nb\n'), [
      ['a', 'h'],
      ['b', 'h'],
    ]);
  });

  it('reads CRLF code the same way', () => {
    const code = '# 1. Restart\r\nkubectl rollout restart deploy/api\r\nkubectl get pods\r\n\r\n# 2. Undo\r\nkubectl rollout undo deploy/api\r\n';
    assert.deepEqual(summary(code), [
      ['kubectl rollout restart deploy/api', '1. Restart'],
      ['kubectl get pods', '1. Restart'],
      ['kubectl rollout undo deploy/api', '2. Undo'],
    ]);
  });

  it('keeps a heredoc and a line continuation inside their command', () => {
    const code = 'cat <<EOF | kubectl apply -f -\nkind: ConfigMap\nEOF\nkubectl get cm \\\n  -n prod\n';
    assert.deepEqual(
      analyzeShell(code).commands.map((command) => command.text),
      ['cat <<EOF | kubectl apply -f -\nkind: ConfigMap\nEOF', 'kubectl get cm \\\n  -n prod'],
    );
  });

  it('reports syntax errors with ranges and still returns commands', () => {
    const unclosed = analyzeShell('echo "abc\nkubectl delete pod x\n');
    assert.equal(unclosed.commands.length, 1);
    assert.equal(unclosed.commands[0]!.risk, 'read', 'nothing inside an unterminated string runs');
    assert.deepEqual(
      unclosed.syntaxErrors.map((error) => error.reason),
      ['""" is never closed by """'],
    );

    const noFi = analyzeShell('if true; then\n  kubectl delete pod x\n');
    assert.equal(noFi.risk, 'destroy', 'the commands tree-sitter recovers still count');
    assert.deepEqual(
      noFi.syntaxErrors.map((error) => error.reason),
      ['missing "fi"'],
    );

    const stray = analyzeShell('echo a; fi\n');
    assert.deepEqual(stray.syntaxErrors, [{ start: 8, end: 10, reason: 'unexpected "fi"' }]);

    for (const code of ['cat <<EOF\nnever ends', 'cat <<EOF\nnever ends $X\n']) {
      assert.deepEqual(
        analyzeShell(code).syntaxErrors.map((error) => error.reason),
        ['heredoc "EOF" is never closed'],
        code,
      );
    }
  });

  it('counts offsets in UTF-16 code units', () => {
    const code = 'echo "🚨 é"\nkubectl get pods\n';
    const [, second] = analyzeShell(code).commands;
    assert.equal(second?.start, code.indexOf('kubectl'));
    assert.equal(second?.text, 'kubectl get pods');
  });
});
