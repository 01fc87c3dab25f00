import assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyzeShell, loadShellGrammar, type ShellAnalysis } from '../../src/shell/index.ts';

const riskRank = { read: 0, mutate: 1, destroy: 2 } as const;

function assertWellFormed(code: string, analysis: ShellAnalysis): void {
  let previousEnd = 0;
  for (const [index, command] of analysis.commands.entries()) {
    assert.equal(command.index, index);
    assert.ok(command.start >= previousEnd && command.start <= command.end && command.end <= code.length, `command range ${command.start}-${command.end}`);
    assert.equal(command.text, code.slice(command.start, command.end));
    previousEnd = command.end;
  }
  let previousStart = 0;
  for (const error of analysis.syntaxErrors) {
    assert.ok(error.start >= previousStart && error.start <= error.end && error.end <= code.length, `error range ${error.start}-${error.end}`);
    assert.ok(error.reason.length > 0);
    previousStart = error.start;
  }
  const worst = analysis.commands.reduce((risk, command) => Math.max(risk, riskRank[command.risk]), 0);
  assert.equal(riskRank[analysis.risk], worst);
  for (const name of [...analysis.reads, ...analysis.writes, ...analysis.exports]) assert.match(name, /^[A-Za-z_][A-Za-z0-9_]*$/);
}

/** Pieces of shell that reach the parser's harder states when strung together at random. */
const shellPieces = [
  'kubectl ',
  'delete ',
  'get pods',
  ' -n prod',
  'rm -rf ',
  'curl -X POST ',
  'psql -c ',
  '"DROP TABLE x"',
  'bash -c ',
  'sudo ',
  'xargs ',
  '$X',
  '${Y:-z}',
  '$(',
  ')',
  '`',
  '"',
  "'",
  '$((',
  '))',
  '<<EOF\n',
  "<<'EOF'\n",
  '\nEOF\n',
  '<<<',
  '> out',
  '2>&1',
  '|',
  '||',
  '&&',
  ';',
  '&',
  '\n',
  '\r\n',
  '\\\n',
  '# 1. Heading\n',
  '#!/bin/bash\n',
  ' ',
  '\t',
  'if ',
  'then ',
  'fi',
  'for i in ',
  'do ',
  'done',
  'case ',
  'esac',
  '{',
  '}',
  '(',
  'f() ',
  'export A=',
  'read B',
  'declare -x C',
  'toString ',
  '__proto__ ',
  'constructor',
  'psql -c "valueOf"',
  '🚨',
  'é',
  '\u0000',
  '\ud800',
  '\udc00',
  '\\',
];
const shellLike = fc.array(fc.constantFrom(...shellPieces), { maxLength: 60 }).map((pieces) => pieces.join(''));
const loneSurrogates = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)), maxLength: 200 });
const anyText = fc.oneof(shellLike, loneSurrogates, fc.string({ unit: 'binary', maxLength: 300 }), fc.string({ maxLength: 300 }));

describe('shell analysis on any input', () => {
  before(() => loadShellGrammar());

  it('never throws, and every range lies inside the code, in order (property)', () => {
    fc.assert(
      fc.property(anyText, (code) => assertWellFormed(code, analyzeShell(code))),
      { numRuns: 2000 },
    );
  });

  it('takes no meaning from Object.prototype names', () => {
    for (const code of [
      'toString',
      '__proto__ x',
      'constructor -c hasOwnProperty',
      'psql -c "valueOf; toString"',
      "echo $'\\__proto__'",
      'echo "$(hasOwnProperty"',
    ]) {
      const analysis = analyzeShell(code);
      assertWellFormed(code, analysis);
    }
    assert.equal(analyzeShell('toString').commands[0]?.riskReason, 'unknown program toString');
  });

  it('handles a megabyte of binary noise', () => {
    let code = '';
    let seed = 7;
    while (code.length < 1 << 20) {
      seed = (seed * 1103515245 + 12345) >>> 0;
      code += String.fromCharCode(seed >>> 16);
    }
    const analysis = analyzeShell(code);
    assertWellFormed(code, analysis);
    assert.ok(analysis.syntaxErrors.length > 0);
  });

  it('handles deep nesting without exhausting the stack', () => {
    for (const code of [`${'$('.repeat(5000)}rm -rf x${')'.repeat(5000)}`, '('.repeat(20000), '{ '.repeat(20000), '"$(echo '.repeat(3000)]) {
      assertWellFormed(code, analyzeShell(code));
    }
    const calls = `${Array.from({ length: 2000 }, (_, index) => `f${index}() { f${index + 1}; }`).join('\n')}\nf2000() { rm -rf /x; }\nf0\n`;
    assert.equal(analyzeShell(calls).commands.at(-1)?.risk, 'mutate', 'a call chain too deep to follow counts as unknown');
  });

  it('reports unterminated quotes, heredocs and compounds', () => {
    for (const code of ['echo "abc', "echo 'abc", 'cat <<EOF\nabc', 'if true; then echo', 'for x in 1; do', 'echo $(date', 'case a in']) {
      const analysis = analyzeShell(code);
      assertWellFormed(code, analysis);
      assert.ok(analysis.syntaxErrors.length > 0, code);
    }
  });
});
