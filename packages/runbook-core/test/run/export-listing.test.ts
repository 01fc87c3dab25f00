import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { parseExportListing } from '../../src/run/export-listing.ts';

/** `export -p` of a real shell started with exactly `env`. */
function listing(shell: string[], env: Record<string, string>): Buffer {
  return execFileSync(shell[0] ?? 'bash', [...shell.slice(1), '-c', 'export -p'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
}

// zsh where installed: its listing has its own escapes (`\M-`, `\C-`) and tied arrays.
const hasZsh = spawnSync('zsh', ['-c', 'exit 0']).status === 0;
const shells = [['bash'], ['bash', '--posix'], ['sh'], ...(hasZsh ? [['zsh']] : [])];

describe('parseExportListing', () => {
  for (const shell of shells) {
    it(`reads quotes, newlines, control bytes and non-ASCII as printed by ${shell.join(' ')}`, () => {
      const env = {
        QUOTES: `he said "hi" $HOME \`x\` it's \\n`,
        TEXT_LINES: 'one\ntwo\n',
        CONTROL: 'tab\there\u0001bell\u0007',
        UNICODE: 'ünï €',
        EMPTY: '',
        LC_ALL: 'C',
      };
      const parsed = parseExportListing(listing(shell, env));
      for (const [name, value] of Object.entries(env)) assert.equal(parsed.get(name), value, name);
    });
  }

  it("reads zsh's PATH, printed as an array tied to it", () => {
    const listing = Buffer.from("export -T PATH path=( /usr/bin '/opt/with space' /bin )\nexport -i10 SHLVL=2\n");
    assert.deepEqual(
      [...parseExportListing(listing)],
      [
        ['PATH', '/usr/bin:/opt/with space:/bin'],
        ['SHLVL', '2'],
      ],
    );
  });

  it('leaves out names exported without a value, and arrays', () => {
    const output = execFileSync('bash', ['-c', 'export UNSET_BUT_EXPORTED; declare -ax ARR=(1 2); export -p'], {
      env: { KEPT: 'yes' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const parsed = parseExportListing(output);
    assert.equal(parsed.get('KEPT'), 'yes');
    assert.equal(parsed.has('UNSET_BUT_EXPORTED'), false);
    assert.equal(parsed.has('ARR'), false);
  });

  it('reads back any value a real shell exports, whatever the locale', () => {
    const anyCharacter = fc
      .integer({ min: 1, max: 0x10ffff })
      .filter((code) => code < 0xd800 || code > 0xdfff)
      .map((code) => String.fromCodePoint(code));
    const tricky = fc.constantFrom('\n', '\t', "'", '"', '\\', '$', '`', ' ', '\u0001', '\u007f', 'é', '😀');
    const value = fc.string({ unit: fc.oneof(tricky, anyCharacter), maxLength: 30 });
    fc.assert(
      fc.property(value, fc.constantFrom(...shells), fc.constantFrom('C', 'C.UTF-8'), (text, shell, locale) => {
        const parsed = parseExportListing(listing(shell, { VALUE: text, LC_ALL: locale }));
        assert.equal(parsed.get('VALUE'), text);
      }),
      { numRuns: 60 },
    );
  });
});
