import assert from 'node:assert/strict';
import { declareVariable, declareVariableEdit, RunbookEditError } from '../../src/edit/index.ts';
import { parseRunbook } from '../../src/parse/index.ts';
import { useShellGrammar } from '../parse/parser-fixtures.ts';

const body = '# Restart\n\n```bash\ncurl -H "Authorization: $API_TOKEN" https://x\n```\n';
const described = { description: 'Read by the step on line 4' };

function declared(source: string): Record<string, { description?: string; secret: boolean }> {
  const { meta, messages } = parseRunbook(source);
  assert.deepEqual(
    messages.filter((message) => message.ruleId.startsWith('frontmatter')),
    [],
    source,
  );
  return meta.variables;
}

describe('declareVariable', () => {
  useShellGrammar();

  it('creates the frontmatter at the top when there is none, and leaves the body as it was', () => {
    const fixed = declareVariable(body, 'API_TOKEN', { ...described, secret: true });
    assert.equal(fixed, `---\nvariables:\n  API_TOKEN: { description: "Read by the step on line 4", secret: true }\n---\n\n${body}`);
    assert.deepEqual(declared(fixed).API_TOKEN, { name: 'API_TOKEN', description: 'Read by the step on line 4', secret: true, required: true });
  });

  it('adds a variables key at the end of a frontmatter that has none', () => {
    const source = `---\ntitle: Restart\n---\n${body}`;
    const fixed = declareVariable(source, 'REGION', described);
    assert.equal(fixed, `---\ntitle: Restart\nvariables:\n  REGION: { description: "Read by the step on line 4" }\n---\n${body}`);
    assert.equal(declared(fixed).REGION?.secret, false);
  });

  it('appends after the last declaration of a block map, at its indentation, even when the last one spans lines', () => {
    const source = `---\nvariables:\n    GREETING:\n      description: What to say\n      default: hello\ntitle: Restart\n---\n${body}`;
    const fixed = declareVariable(source, 'REGION', described);
    assert.equal(
      fixed,
      `---\nvariables:\n    GREETING:\n      description: What to say\n      default: hello\n    REGION: { description: "Read by the step on line 4" }\ntitle: Restart\n---\n${body}`,
    );
    assert.deepEqual(Object.keys(declared(fixed)), ['GREETING', 'REGION']);
  });

  it('fills an empty variables key and a flow map', () => {
    const empty = declareVariable(`---\nvariables:\n---\n${body}`, 'REGION', described);
    assert.deepEqual(Object.keys(declared(empty)), ['REGION']);
    const flow = declareVariable(`---\nvariables: { A: first }\n---\n${body}`, 'REGION', described);
    assert.equal(flow.split('\n')[1], 'variables: { A: first, REGION: { description: "Read by the step on line 4" } }');
    assert.deepEqual(Object.keys(declared(flow)), ['A', 'REGION']);
    const emptyFlow = declareVariable(`---\nvariables: {}\n---\n${body}`, 'REGION', described);
    assert.deepEqual(Object.keys(declared(emptyFlow)), ['REGION']);
  });

  it('keeps CRLF line endings and a byte order mark', () => {
    const source = `\uFEFF---\r\ntitle: Restart\r\n---\r\n${body.replaceAll('\n', '\r\n')}`;
    const fixed = declareVariable(source, 'REGION', described);
    assert.ok(fixed.startsWith('\uFEFF---\r\n'));
    assert.ok(!/[^\r]\n/.test(fixed), 'a bare LF was written');
    assert.deepEqual(Object.keys(declared(fixed)), ['REGION']);
  });

  it('has no edit when the name is declared already or the frontmatter cannot be extended safely', () => {
    assert.equal(declareVariableEdit(`---\nvariables:\n  REGION: x\n---\n`, 'REGION', described), undefined);
    assert.equal(declareVariableEdit(`---\nvariables: [A, B]\n---\n`, 'REGION', described), undefined);
    assert.equal(declareVariableEdit(`---\ntitle: [unclosed\n---\n`, 'REGION', described), undefined);
  });

  it('refuses a name that is not a variable name, naming the option', () => {
    assert.throws(
      () => declareVariableEdit(body, 'not a name', described),
      (error: unknown) => error instanceof RunbookEditError && error.option === 'name',
    );
  });
});
