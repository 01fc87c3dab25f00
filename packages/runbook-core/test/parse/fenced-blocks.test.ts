import assert from 'node:assert/strict';
import { parseRunbook } from '../../src/parse/index.ts';
import { readFixture, textAt, useShellGrammar } from './parser-fixtures.ts';

describe('fenced blocks', () => {
  useShellGrammar();

  it('takes backtick and tilde fences of any length; a fence line with text does not close; indented code is no step', () => {
    const source = '``````bash\necho six\n``````\n\n~~~~ sh\necho tilde\n~~~~\n\n    echo indented\n\n```\n```inner\n```\n';
    const { steps } = parseRunbook(source);
    assert.deepEqual(
      steps.map((step) => [step.lang, step.code]),
      [
        ['bash', 'echo six'],
        ['sh', 'echo tilde'],
        ['', '```inner'],
      ],
    );
    const empty = parseRunbook('```bash\n```\n').steps[0];
    assert.equal(empty?.code, '');
    assert.equal(empty?.commands.length, 0);
    assert.equal(empty?.risk, 'read');
  });

  it('reports a fence that is never closed; the block runs to the end of the file', () => {
    const source = '# Run\n\n```bash\nkubectl get pods\n\n## Not a heading\n';
    const runbook = parseRunbook(source);
    assert.equal(runbook.steps.length, 1);
    assert.equal(runbook.steps[0]?.code, 'kubectl get pods\n\n## Not a heading');
    assert.equal(runbook.steps[0]?.position.end.offset, source.length);
    assert.deepEqual(
      runbook.sections.map((section) => section.slug),
      ['run'],
    );
    assert.deepEqual(
      runbook.messages.map((message) => [message.ruleId, message.severity, textAt(source, message.position)]),
      [['unclosed-fence', 'error', '```']],
    );
    assert.match(runbook.messages[0]?.reason ?? '', /end of the file/);
  });

  it('reports a fence left open at the end of its list item', () => {
    const source = '- step:\n  ```bash\n  ls\n\nafter\n';
    const runbook = parseRunbook(source);
    assert.equal(runbook.steps[0]?.code, 'ls');
    assert.deepEqual(
      runbook.messages.map((message) => message.ruleId),
      ['unclosed-fence'],
    );
    assert.match(runbook.messages[0]?.reason ?? '', /end of its container/);
  });

  it('maps commands through list indentation, blockquote markers and tabs', () => {
    const source = '- item\n\n  ```bash\n  echo one\n  \techo two\n  ```\n\n> ```sh\n> echo three\n>\n> echo four\n> ```\n';
    const { steps } = parseRunbook(source);
    const commands = steps.flatMap((step) => step.commands);
    assert.deepEqual(
      commands.map((command) => [command.text, textAt(source, command.position), command.position.start.line]),
      [
        ['echo one', 'echo one', 4],
        ['echo two', 'echo two', 5],
        ['echo three', 'echo three', 9],
        ['echo four', 'echo four', 11],
      ],
    );
    assert.equal(steps[0]?.code, 'echo one\n\techo two');
  });

  it('keeps positions right in a CRLF file and gives the same ids as with LF', () => {
    const lf = readFixture('restart-api.md');
    const crlf = lf.replace(/\n/g, '\r\n');
    const a = parseRunbook(lf);
    const b = parseRunbook(crlf);
    assert.deepEqual(
      b.steps.map((step) => step.id),
      a.steps.map((step) => step.id),
    );
    assert.deepEqual(
      b.checklistItems.map((item) => item.id),
      a.checklistItems.map((item) => item.id),
    );
    for (const step of b.steps) {
      for (const command of step.commands) assert.equal(textAt(crlf, command.position), command.text);
      assert.equal(step.position.start.line, a.steps[step.index]?.position.start.line);
    }
    for (const item of b.checklistItems) assert.match(crlf.slice(item.boxOffset - 1, item.boxOffset + 2), /^\[[ x]\]$/);
  });

  it('places an empty block at the line after its opening fence', () => {
    const source = 'text\n\n```bash\n```\n';
    const [step] = parseRunbook(source).steps;
    assert.deepEqual(step?.codePosition, {
      start: { line: 4, column: 1, offset: 14 },
      end: { line: 4, column: 1, offset: 14 },
    });
  });

  it('reports shell syntax errors at their place in the Markdown', () => {
    const source = '# Ops\n\n- fix:\n\n  ```bash\n  echo ok\n  if then fi (\n  ```\n';
    const runbook = parseRunbook(source);
    const syntax = runbook.messages.filter((message) => message.ruleId === 'shell-syntax');
    assert.ok(syntax.length > 0);
    for (const message of syntax) {
      assert.equal(message.severity, 'warning');
      assert.ok(message.position.start.line >= 6 && message.position.end.line <= 7, JSON.stringify(message.position));
      assert.ok(message.position.start.column >= 3);
    }
  });
});
