import assert from 'node:assert/strict';
import fc from 'fast-check';
import { applyFixes, lintMarkdown } from 'runbook-core';

// Pieces that exercise every rule, glued together at random with random text.
const pieces = [
  '```bash\n',
  '```\n',
  '~~~sh {name=x confirm=true}\n',
  '```text {required=true}\n',
  '```bash {name=x\n',
  '---\ntitle: [\n---\n',
  '1. Primary On-Call (0-15 minutes)\n',
  '$ kubectl get pods\n',
  'kubectl exec -it p -- bash\n',
  'read -r X\n',
  'kubectl delete pod <pod-name>\n',
  'echo "$UNDECLARED ${INCIDENT_ID} ${A:-b}"\n',
  'export TOKEN=ghp_q8Wm2ZkR4tYx7Lp1Nc5Vb9Hd3Fg6Js0Ae2Ku\n',
  'Authorization: Bearer abcdefghijklmnop1234\n',
  '# Heading\n',
  '## Options 👥\n',
  '[toc](#heading) [x](#nope) [f](./missing.md)\n',
  'Updated $(date) ${X}\n',
  '`$(code)`\n',
  '<!-- runbook-disable -->\n',
  '<!-- runbook-disable-next-line fence-language -->\n',
  '<!-- runbook-enable prose-in-shell -->\n',
  '> ```bash\n> echo $Y\n',
  '- [ ] task\n',
  '- [\n  ] split\n',
  '\t',
  '\r\n',
  '\u0000',
  '\uD800',
  '🚨',
  '\\',
  "'",
  '"',
  '<<EOF\n',
  'EOF\n',
];

describe('lint on any input', () => {
  it('never throws, and every position and fix lies inside the text, in order', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof(fc.constantFrom(...pieces), fc.string({ maxLength: 12 })), { maxLength: 30 }), async (parts) => {
        const source = parts.join('');
        const { messages } = await lintMarkdown(source, { config: { rules: { shellcheck: 'off' } } });
        let previous = 0;
        for (const message of messages) {
          const { start, end } = message.position;
          assert.ok(start.offset >= previous, 'sorted by position');
          previous = start.offset;
          assert.ok(start.offset <= end.offset && end.offset <= source.length, `${message.ruleId} inside the text`);
          assert.ok(start.line >= 1 && start.column >= 1 && message.reason !== '');
          assert.doesNotMatch(message.reason, /failed on this file/, 'no rule crashed');
          if (message.fix) assert.ok(message.fix.range.start.offset <= message.fix.range.end.offset && message.fix.range.end.offset <= source.length);
        }
        // Fixing never breaks what is left: it lints again without a throw.
        const fixed = applyFixes(source, messages).output;
        const again = await lintMarkdown(fixed, { config: { rules: { shellcheck: 'off' } } });
        assert.ok(
          again.messages.every((message) => !/failed on this file/.test(message.reason)),
          'no rule crashed on the fixed text',
        );
      }),
      { numRuns: 300 },
    );
  });
});
