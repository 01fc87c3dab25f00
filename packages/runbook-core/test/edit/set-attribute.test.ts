import assert from 'node:assert/strict';
import { removeAttribute, RunbookEditError, setAttribute } from '../../src/edit/index.ts';
import { parseRunbook } from '../../src/parse/index.ts';
import { useShellGrammar } from '../parse/parser-fixtures.ts';

// Only the fence line may change: every other line must come back byte for byte.
function assertOnlyLineChanged(before: string, after: string, line: number): void {
  const a = before.split('\n');
  const b = after.split('\n');
  assert.equal(b.length, a.length);
  a.forEach((text, index) => {
    if (index !== line - 1) assert.equal(b[index], text);
  });
}

describe('setAttribute and removeAttribute', () => {
  useShellGrammar();

  it('edits key=value attributes in place, quoting when it must', () => {
    const source = '# Ops\n\n```bash { name=restart confirm=false }\nkubectl rollout restart deploy/api\n```\n';
    const confirmed = setAttribute(source, 'restart', 'confirm', 'true');
    assert.equal(confirmed.split('\n')[2], '```bash { name=restart confirm=true }');
    const timed = setAttribute(confirmed, 'restart', 'timeout', '5m');
    assert.equal(timed.split('\n')[2], '```bash { name=restart confirm=true timeout=5m }');
    const described = setAttribute(timed, 'restart', 'cwd', 'ops dir/"x"');
    assert.equal(described.split('\n')[2], '```bash { name=restart confirm=true timeout=5m cwd="ops dir/\\"x\\"" }');
    assert.equal(parseRunbook(described).steps[0]?.attributes.cwd, 'ops dir/"x"');
    const removed = removeAttribute(described, 'restart', 'confirm');
    assert.equal(removed.split('\n')[2], '```bash { name=restart timeout=5m cwd="ops dir/\\"x\\"" }');
    assertOnlyLineChanged(source, removed, 3);
  });

  it('adds an attribute block to a fence without one, and to an empty one', () => {
    const source = '```sh\nls\n```\n\n~~~bash {}\npwd\n~~~\n';
    const [first, second] = parseRunbook(source).steps;
    const named = setAttribute(source, first?.id ?? '', 'name', 'list');
    assert.equal(named.split('\n')[0], '```sh { name=list }');
    const tagged = setAttribute(named, second?.id ?? '', 'tags', 'a,b');
    assert.equal(tagged.split('\n')[4], '~~~bash {tags=a,b}');
    assert.deepEqual(
      parseRunbook(tagged).steps.map((step) => step.options),
      [{ name: 'list' }, { tags: ['a', 'b'] }],
    );
  });

  it('edits JSON attributes member by member', () => {
    const source = '```bash {"name":"drain", "confirm": false, "env": {"A": 1}}\nkubectl drain node-1\n```\n';
    const set = setAttribute(source, 'drain', 'confirm', 'true');
    assert.equal(set.split('\n')[0], '```bash {"name":"drain", "confirm": "true", "env": {"A": 1}}');
    const added = setAttribute(set, 'drain', 'timeout', '10m');
    assert.equal(added.split('\n')[0], '```bash {"name":"drain", "confirm": "true", "env": {"A": 1},"timeout":"10m"}');
    const removed = removeAttribute(removeAttribute(added, 'drain', 'env'), 'drain', 'confirm');
    assert.equal(removed.split('\n')[0], '```bash {"name":"drain", "timeout":"10m"}');
    assert.deepEqual(parseRunbook(removed).steps[0]?.options, { name: 'drain', timeoutMs: 600_000 });
  });

  it('leaves the text alone when removing an attribute that is not there', () => {
    const source = '```bash {name=a}\nls\n```\n';
    assert.equal(removeAttribute(source, 'a', 'confirm'), source);
  });

  it('refuses what an info string cannot hold, naming the argument', () => {
    const source = '```bash {name=a}\nls\n```\n';
    const refuses = (run: () => unknown, option: string) =>
      assert.throws(run, (error: unknown) => error instanceof RunbookEditError && error.option === option);
    refuses(() => setAttribute(source, 'nope', 'confirm', 'true'), 'stepId');
    refuses(() => setAttribute(source, 'a', 'bad key', 'x'), 'key');
    refuses(() => setAttribute(source, 'a', 'cwd', 'a\nb'), 'value');
    refuses(() => setAttribute(source, 'a', 'cwd', 'a`b'), 'value');
    assert.equal(setAttribute('~~~bash {name=a}\nls\n~~~\n', 'a', 'cwd', 'a`b').split('\n')[0], '~~~bash {name=a cwd=a`b}');
  });
});
