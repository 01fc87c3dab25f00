import assert from 'node:assert/strict';
import { parseRunbook } from '../../src/parse/index.ts';
import { textAt, useShellGrammar } from './parser-fixtures.ts';

describe('frontmatter', () => {
  useShellGrammar();

  it('reports malformed YAML at its place in the file, and parses the rest', () => {
    const source = '---\ntitle: Restart\nvariables:\n  A: [1\nowner: : x\n---\n\n# Restart\n\n- [ ] Page\n\n```bash\nls\n```\n';
    const runbook = parseRunbook(source);
    const yaml = runbook.messages.filter((message) => message.ruleId === 'frontmatter-yaml');
    assert.ok(yaml.length > 0);
    for (const message of yaml) {
      assert.equal(message.severity, 'error');
      assert.ok(message.position.start.line >= 4 && message.position.start.line <= 5, JSON.stringify(message.position));
      assert.match(message.reason, /^invalid YAML frontmatter: /);
      assert.doesNotMatch(message.reason, /\n/);
    }
    assert.deepEqual(runbook.meta.variables, {});
    assert.equal(runbook.meta.title, undefined);
    assert.deepEqual(
      runbook.sections.map((section) => section.slug),
      ['restart'],
    );
    assert.equal(runbook.checklistItems.length, 1);
    assert.equal(runbook.steps.length, 1);
  });

  it('names the key of every value of the wrong type, and keeps the valid ones', () => {
    const source = [
      '---',
      'title: [not, a, string]',
      'owner: sre',
      'kubernetes: prod',
      'variables:',
      '  GOOD: { secret: true }',
      '  bad-name: x',
      '  FLAG: { secret: "yes", default: [1] }',
      'severities:',
      '  - { id: P0, response: 15 }',
      '  - { label: nameless }',
      '  - { id: P2, response: soon, updates: 2 hours }',
      '---',
      '',
    ].join('\n');
    const runbook = parseRunbook(source);
    assert.deepEqual(
      runbook.messages.map((message) => [message.ruleId, message.reason, textAt(source, message.position)]),
      [
        ['frontmatter-field', 'title must be a string, got a list', '[not, a, string]'],
        ['frontmatter-field', 'kubernetes must be a mapping, got the string "prod"', 'prod'],
        ['frontmatter-field', "variables: 'bad-name' is not a variable name (letters, digits and '_', not starting with a digit)", 'x'],
        ['frontmatter-field', 'variables.FLAG.secret must be true or false, got the string "yes"', '"yes"'],
        ['frontmatter-field', 'variables.FLAG.default must be a single value, got a list', '[1]'],
        ['frontmatter-field', `severities.0.response: '15' is not a duration with a unit, e.g. 15m, 1h or "next business day"`, '15'],
        ['frontmatter-field', 'severities.1 needs an id such as P0', '{ label: nameless }'],
        ['frontmatter-field', `severities.2.response: 'soon' is not a duration with a unit, e.g. 15m, 1h or "next business day"`, 'soon'],
      ],
    );
    assert.equal(runbook.meta.owner, 'sre');
    assert.deepEqual(Object.keys(runbook.meta.variables), ['GOOD', 'FLAG']);
    assert.deepEqual(runbook.meta.severities, [{ id: 'P0' }, { id: 'P2', updateEveryMinutes: 120 }]);
  });

  it('accepts severities keyed by id and a top-level incidentId', () => {
    const source = '---\nincidentId: OPS-{YYYY}-{HH}\nseverities:\n  SEV1: { response: 30 minutes, updates: 1h }\n---\n';
    const { meta, messages } = parseRunbook(source);
    assert.deepEqual(messages, []);
    assert.equal(meta.incidentId, 'OPS-{YYYY}-{HH}');
    assert.deepEqual(meta.severities, [{ id: 'SEV1', responseMinutes: 30, updateEveryMinutes: 60 }]);
  });

  it('reads lists after an opening --- that never closes (a rule, not frontmatter)', () => {
    const runbook = parseRunbook('---\n\n- [ ] Check the pods\n\n> - [x] quoted\n');
    assert.deepEqual(
      runbook.checklistItems.map((item) => item.text),
      ['Check the pods', 'quoted'],
    );
    assert.deepEqual(runbook.meta, { variables: {}, raw: {} });
  });

  it('wants a mapping at the top; a thematic break later is not frontmatter', () => {
    const list = parseRunbook('---\n- a\n- b\n---\n');
    assert.deepEqual(
      list.messages.map((message) => message.reason),
      ['the frontmatter must be a YAML mapping of keys to values'],
    );
    const later = parseRunbook('# Title\n\n---\ntitle: no\n---\n');
    assert.deepEqual(later.meta, { variables: {}, raw: {} });
  });
});
