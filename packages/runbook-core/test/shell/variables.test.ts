import assert from 'node:assert/strict';
import { analyzeShell, loadShellGrammar } from '../../src/shell/index.ts';

const variables = (code: string) => {
  const { reads, writes, exports } = analyzeShell(code);
  return { reads, writes, exports };
};

describe('shell variables', () => {
  before(() => loadShellGrammar());

  it('reads every expansion form, in first-use order, once', () => {
    const code = 'echo $A ${B} ${C:-$D} ${#E} "${F[0]}" ${G[$H]} ${!I} $A `echo $J` $(echo $K) $((L + 1))';
    assert.deepEqual(variables(code).reads, ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J', 'K', 'L']);
  });

  it('reads nothing inside single quotes or quoted heredocs, but reads unquoted heredocs', () => {
    assert.deepEqual(variables('echo \'$A\' "$B"').reads, ['B']);
    assert.deepEqual(variables('cat <<\'EOF\'\n$A\nEOF\ncat <<"EOF"\n$B\nEOF\ncat <<EOF\n$C ${D}\nEOF\n').reads, ['C', 'D']);
  });

  it('skips special parameters', () => {
    assert.deepEqual(variables('echo $1 $@ $? $$ $# $! $- $0 $* ${10} ${#} $_').reads, []);
  });

  it('counts a name read after its assignment as read too', () => {
    assert.deepEqual(variables('X=1; echo $X'), { reads: ['X'], writes: ['X'], exports: [] });
  });

  it('finds every way of assigning', () => {
    const code = [
      'A=1',
      'export B=2',
      'declare C=3',
      'local D',
      'readonly E=5',
      'read -r F G',
      'read -a H -p "prompt: "',
      'read',
      'for I in 1 2; do :; done',
      'mapfile -t J < f',
      'readarray',
      'printf -v K "%s" x',
      'getopts "ab" L',
      ': ${M:=default}',
      'N[0]=x',
      '((O++))',
      'for ((P = 0; P < 3; P++)); do :; done',
      'Q=1 cmd',
    ].join('\n');
    assert.deepEqual(variables(code).writes, ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'REPLY', 'I', 'J', 'MAPFILE', 'K', 'L', 'M', 'N', 'O', 'P', 'Q']);
  });

  it('finds exports, and export alone assigns nothing', () => {
    assert.deepEqual(variables('export A=1 B\ndeclare -x C=2\ndeclare -gx D\ntypeset E=1\nexport -n F\nexport -f g'), {
      reads: [],
      writes: ['A', 'C', 'D', 'E'],
      exports: ['A', 'B', 'C', 'D'],
    });
  });

  it('reads inside arithmetic, tests and loop headers', () => {
    assert.deepEqual(variables('for ((i = 0; i < N; i++)); do :; done; [[ $A == b ]]; [ "$B" = c ]; (( C > 1 ))').reads, ['i', 'N', 'A', 'B', 'C']);
  });
});
