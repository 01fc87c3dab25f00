import assert from 'node:assert/strict';
import { parseRunbook } from '../../src/parse/index.ts';
import { useShellGrammar } from './parser-fixtures.ts';
import { runbookFromRemark } from './remark-oracle/runbook-from-remark.ts';

// A fence's language is CommonMark's (escapes and references decoded, spec
// examples 24 and 34); its attributes are Runme's, read as written.

function onlyStep(source: string) {
  const runbook = parseRunbook(source);
  assert.deepEqual(runbook, runbookFromRemark(source), JSON.stringify(source));
  assert.equal(runbook.steps.length, 1, JSON.stringify(source));
  return { step: runbook.steps[0]!, messages: runbook.messages };
}

describe('the language of a fence', () => {
  useShellGrammar();

  it('decodes backslash escapes and character references (spec examples 24 and 34)', () => {
    assert.equal(onlyStep('``` foo\\+bar\nfoo\n```\n').step.lang, 'foo+bar');
    assert.equal(onlyStep('``` f&ouml;&ouml;\nfoo\n```\n').step.lang, 'föö');
    assert.equal(onlyStep('~~~ &#x62;ash\nls\n~~~\n').step.lang, 'bash');
    // Not an escape or a reference: kept as written.
    assert.equal(onlyStep('``` a\\b&nope;\nx\n```\n').step.lang, 'a\\b&nope;');
  });

  it('sees a shell step behind an encoded language name, and analyses it', () => {
    const { step } = onlyStep('```b&#97;sh\nrm -rf /var/lib/app\n```\n');
    assert.equal(step.lang, 'bash');
    assert.equal(step.isShell, true);
    assert.equal(step.risk, 'destroy');
    const escaped = onlyStep('```\\m\\e\\r\\m\\a\\i\\d\ngraph TD\n```\n');
    assert.equal(escaped.step.lang, '\\m\\e\\r\\m\\a\\i\\d', 'letters cannot be escaped');
  });

  it('still reads Runme attributes as written, quotes and escapes included', () => {
    const cases: [string, Record<string, string>][] = [
      ['bash {name="a\\"b"}', { name: 'a"b' }],
      ['bash {"name":"a\\"b"}', { name: 'a"b' }],
      ['bash {name=a\\+b}', { name: 'a\\+b' }],
      ['bash {name=f&ouml;o}', { name: 'f&ouml;o' }],
      ['b&#97;sh { name=x confirm }', { name: 'x', confirm: '' }],
      ['bash\\+x{name=glued}', { name: 'glued' }],
    ];
    for (const [info, attributes] of cases) {
      const { step, messages } = onlyStep(`\`\`\`${info}\necho hi\n\`\`\`\n`);
      assert.deepEqual(step.attributes, attributes, info);
      assert.deepEqual(messages, [], info);
    }
    assert.equal(onlyStep('```bash\\+x{name=glued}\necho\n```\n').step.lang, 'bash+x');
    assert.equal(onlyStep('```bash {name="a\\"b"}\necho\n```\n').step.name, 'a"b');
  });

  it('points attribute messages at the attribute as written, past a decoded language', () => {
    const source = '```b&#97;sh {timeout=soon}\necho\n```\n';
    const { messages } = onlyStep(source);
    assert.equal(messages.length, 1);
    const [message] = messages;
    assert.equal(source.slice(message!.position.start.offset, message!.position.end.offset), 'timeout=soon');
  });
});
