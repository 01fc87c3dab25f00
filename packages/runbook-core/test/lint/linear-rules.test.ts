import assert from 'node:assert/strict';
import fc from 'fast-check';
import { builtinRules, lintRunbook, parseRunbook } from 'runbook-core';

// A runbook from anyone's pull request must not stall CI: lint grows linearly.
// Measured as a growth ratio between two sizes of the same input (machine
// speed cancels out): linear work gives about ×4 for 4× the input, quadratic
// about ×16. The smallest of three runs keeps a noisy neighbour out.
const small = 24 * 1024;
const growth = 4;
const linearBound = 9;

const tokens = [
  '`',
  '``',
  '```',
  '[',
  ']',
  '(',
  ')',
  '*',
  '_',
  '<a ',
  '<!-- ',
  '-->',
  '${A ',
  '$(',
  '[A ',
  '](#b ',
  '&#',
  '\\',
  '\n',
  ' ',
  'x',
  '- [ ] ',
  '> ',
  '#',
];

function repeatTo(unit: string, size: number): string {
  return unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
}

async function lintMilliseconds(source: string): Promise<number> {
  let best = Number.POSITIVE_INFINITY;
  for (let run = 0; run < 3; run++) {
    // A fresh model each time: what a rule caches on one must not hide its cost.
    const runbook = parseRunbook(source);
    const started = performance.now();
    await lintRunbook(runbook, { source, rules: builtinRules, env: { PATH: '' } });
    best = Math.min(best, performance.now() - started);
  }
  return best;
}

async function growthRatio(unit: string): Promise<number> {
  const base = await lintMilliseconds(repeatTo(unit, small));
  const large = await lintMilliseconds(repeatTo(unit, small * growth));
  return ratioOf(large, base);
}

/** Below 10 ms the fixed cost dominates and a ratio says nothing about growth. */
function ratioOf(large: number, base: number): number {
  return large / Math.max(base, 10);
}

describe('lint: linear in its input', () => {
  const pathological: Record<string, string> = {
    'unclosed HTML anchors': '<a ',
    'unclosed HTML comments': '<!-- ',
    'backtick runs': '`` ` ``` x ',
    'nested brackets': '[[[ ]]',
    'emphasis runs': '*a _b ',
    'substitutions in prose': '$(a ${B ',
    'in-page links': '[a](#b ',
    'one long line': 'a',
  };
  for (const [name, unit] of Object.entries(pathological)) {
    it(`${name}: ×${growth} the input costs less than ×${linearBound}`, async () => {
      const ratio = await growthRatio(unit);
      assert.ok(ratio < linearBound, `×${ratio.toFixed(1)} for ×${growth} the input`);
    });
  }

  it('a shell block of unclosed substitutions', async () => {
    const unit = 'echo "$(';
    const block = (size: number) => `\`\`\`bash\n${repeatTo(unit, size)}\n\`\`\`\n`;
    const base = await lintMilliseconds(block(small));
    const large = await lintMilliseconds(block(small * growth));
    assert.ok(ratioOf(large, base) < linearBound, `×${ratioOf(large, base).toFixed(1)} for ×${growth} the input`);
  });

  it('a file with more code spans than a call has room for arguments', async () => {
    const source = '`a` <!-- c --> '.repeat(150_000);
    const messages = await lintRunbook(parseRunbook(source), { source, rules: builtinRules, env: { PATH: '' } });
    assert.ok(Array.isArray(messages));
  });

  it('random mixtures of Markdown punctuation', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom(...tokens), { minLength: 2, maxLength: 12 }), async (parts) => {
        const ratio = await growthRatio(parts.join(''));
        assert.ok(ratio < linearBound, `×${ratio.toFixed(1)} for ${JSON.stringify(parts.join(''))}`);
      }),
      { numRuns: 6 },
    );
  });
});
