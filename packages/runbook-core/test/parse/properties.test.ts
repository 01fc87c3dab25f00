import fc from 'fast-check';
import { parseRunbook } from '../../src/parse/index.ts';
import { anyText, markdownish } from './markdown-arbitraries.ts';
import { assertModelInvariants } from './model-invariants.ts';
import { useShellGrammar } from './parser-fixtures.ts';

describe('parseRunbook on any input (properties)', () => {
  useShellGrammar();

  it('never throws on Markdown-ish text, and every position lies inside it, in order', () => {
    fc.assert(
      fc.property(markdownish, (source) => assertModelInvariants(source, parseRunbook(source))),
      { numRuns: 4000 },
    );
  });

  it('never throws on arbitrary strings (binary, lone surrogates, BOM)', () => {
    fc.assert(
      fc.property(anyText, fc.constantFrom('', '\ufeff', '---\n'), (text, prefix) => {
        const source = prefix + text;
        assertModelInvariants(source, parseRunbook(source));
      }),
      { numRuns: 3000 },
    );
  });
});
