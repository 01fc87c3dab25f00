import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { applyFixes } from '../../src/lint/apply-fixes.ts';
import { lintMarkdown } from '../../src/lint/lint-markdown.ts';
import { parseRunbook } from '../../src/parse/index.ts';
import { requireMaterial, userRunbookPath } from '../../../../test/support/external-material.ts';

const noShellcheck = { config: { rules: { shellcheck: 'off' as const } } };

describe('undeclared-variable: "Declare VAR in the frontmatter"', () => {
  it('points at the variable itself and declares it, creating the frontmatter, as a credential when it reads like one', async () => {
    const source = '# Page\n\n```bash\ncurl -H "Authorization: Bearer $PAGER_TOKEN" "https://pager.example/${TEAM}"\n```\n';
    const { messages } = await lintMarkdown(source, noShellcheck);
    const undeclared = messages.filter((message) => message.ruleId === 'undeclared-variable');
    assert.deepEqual(
      undeclared.map((message) => source.slice(message.position.start.offset, message.position.end.offset)),
      ['$PAGER_TOKEN', '${TEAM}'],
    );
    assert.deepEqual(
      undeclared.map((message) => message.fix?.title),
      ['Declare PAGER_TOKEN in the frontmatter', 'Declare TEAM in the frontmatter'],
    );
    // One quick fix, as the editor applies it.
    const { output } = applyFixes(source, [undeclared[0]!]);
    assert.equal(output, `---\nvariables:\n  PAGER_TOKEN: { description: "Read by the step on line 3", secret: true }\n---\n\n${source}`);
    const again = await lintMarkdown(output, noShellcheck);
    assert.deepEqual(
      again.messages.filter((message) => message.ruleId === 'undeclared-variable').map((message) => message.reason.split(' ')[0]),
      ['$TEAM'],
    );
  });

  it('offers no declaration for a likely typo: the fix there is the name', async () => {
    const source = '---\nvariables:\n  REGION: Cloud region\n---\n\n```bash\necho "$REGOIN"\n```\n';
    const { messages } = await lintMarkdown(source, noShellcheck);
    const typo = messages.find((message) => message.ruleId === 'undeclared-variable');
    assert.match(typo?.reason ?? '', /did you mean \$REGION/);
    assert.equal(typo?.fix, undefined);
  });

  it("declares every variable of the user's runbook with --fix rounds, and lint then finds none undeclared", async function () {
    const path = requireMaterial(this, userRunbookPath(), 'user runbook');
    const source = readFileSync(path, 'utf8');
    const { fixedSource } = await lintMarkdown(source, { ...noShellcheck, path, fixRounds: 5 });
    assert.ok(fixedSource);
    const { meta } = parseRunbook(fixedSource);
    assert.deepEqual(
      Object.values(meta.variables).map((variable) => `${variable.name}${variable.secret ? ' (secret)' : ''}`),
      ['PAGERDUTY_API_KEY (secret)', 'SLACK_BOT_TOKEN (secret)', 'INCIDENT_TEAM_MEMBERS', 'INCIDENT_TRACKING_URL'],
    );
    const after = await lintMarkdown(fixedSource, { ...noShellcheck, path });
    assert.deepEqual(
      after.messages.filter((message) => message.ruleId === 'undeclared-variable'),
      [],
    );
    // A new frontmatter, then the procedure with as many lines as before.
    const end = fixedSource.indexOf('\n---\n\n') + '\n---\n\n'.length;
    const frontmatter = fixedSource.slice(0, end);
    const procedure = fixedSource.slice(end);
    assert.equal(frontmatter?.split('\n').length, 9);
    assert.equal(procedure?.split('\n').length, source.split('\n').length);
    assert.equal(procedure?.split('\n')[0], source.split('\n')[0]);
  });
});
