import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { lintMarkdown, parseRunbook } from 'runbook-core';
import { requireMaterial, userRunbookPath } from '../../../../test/support/external-material.ts';
import type { Runbook, Step } from '../../src/model.ts';
import { findAlternatives, riskyCommandCount, textAboveBlock, type AlternativesClues } from '../../src/run/alternatives.ts';

const fixture = new URL('../fixtures/run/alternatives.md', import.meta.url).pathname;

/** The clues the runners give: the section's title and the prose above the fence. */
function clues(runbook: Runbook, source: string, step: Step): AlternativesClues {
  const lines = source.split('\n');
  const section = runbook.sections.find((candidate) => candidate.slug === step.section);
  return {
    ...(section === undefined ? {} : { sectionTitle: section.title }),
    textAbove: textAboveBlock((line) => lines[line - 1] ?? '', step.position.start.line),
  };
}

function load(path: string): { runbook: Runbook; source: string; step: (name: string) => Step } {
  const source = readFileSync(path, 'utf8');
  const runbook = parseRunbook(source, { path });
  return {
    runbook,
    source,
    step(name) {
      const found = runbook.steps.find((candidate) => candidate.name === name);
      assert.ok(found, `no step ${name}`);
      return found;
    },
  };
}

describe('findAlternatives', () => {
  const { runbook, source, step } = load(fixture);
  const found = (name: string) => findAlternatives(step(name), clues(runbook, source, step(name)));

  it('finds a menu by its section title, numbering the commands as --command takes them', () => {
    assert.deepEqual(found('menu-by-section'), [
      { label: '1. Restart', commands: [1], risk: 'mutate' },
      { label: '2. Roll back', commands: [2, 3], risk: 'destroy' },
      { label: '3. Look first', commands: [4], risk: 'read' },
    ]);
    assert.equal(riskyCommandCount(step('menu-by-section'), found('menu-by-section')), 3);
  });

  it('finds a menu by the prose above it, and by a heading that says "Or"', () => {
    assert.deepEqual(
      found('menu-by-prose').map((alternative) => alternative.commands),
      [[1], [2]],
    );
    assert.deepEqual(
      found('menu-by-heading').map((alternative) => alternative.label),
      ['Restart the API', 'Or roll it back'],
    );
  });

  it('leaves alone a procedure, a script, a block with one risky heading and one with a command before the first heading', () => {
    for (const name of ['procedure', 'script', 'one-risky', 'unheaded-first']) assert.deepEqual(found(name), [], name);
  });

  it('without clues judges by the section slug: the prose above is not known', () => {
    assert.equal(findAlternatives(step('menu-by-section')).length, 3);
    assert.deepEqual(findAlternatives(step('menu-by-prose')), []);
  });

  it('is the judgement of the mixed-alternatives lint rule, block for block', async () => {
    const { messages } = await lintMarkdown(source, { path: fixture, config: { rules: { shellcheck: 'off' } } });
    const linted = messages.filter((message) => message.ruleId === 'mixed-alternatives').map((message) => message.position.start.line);
    const judged = runbook.steps.filter((candidate) => findAlternatives(candidate, clues(runbook, source, candidate)).length > 0);
    assert.deepEqual(
      linted,
      judged.map((candidate) => candidate.position.start.line),
    );
    assert.deepEqual(
      judged.map((candidate) => candidate.name),
      ['menu-by-section', 'menu-by-prose', 'menu-by-heading'],
    );
  });

  it("finds the six alternatives of the user's mitigation block, rollback being two commands", function () {
    const user = load(requireMaterial(this, userRunbookPath(), 'user runbook'));
    const mitigation = user.runbook.steps.find((candidate) => candidate.code.includes('aws rds failover-db-cluster'));
    assert.ok(mitigation);
    const alternatives = findAlternatives(mitigation, clues(user.runbook, user.source, mitigation));
    assert.deepEqual(
      alternatives.map((alternative) => [alternative.label, alternative.commands, alternative.risk]),
      [
        ['1. Service Restart', [1], 'mutate'],
        ['2. Scale Up Resources', [2], 'mutate'],
        ['3. Traffic Routing (Emergency Maintenance Page)', [3], 'mutate'],
        ['4. Database Failover', [4], 'destroy'],
        ['5. Rollback Deployment', [5, 6], 'destroy'],
        ['6. Circuit Breaker Activation', [7], 'mutate'],
      ],
    );
    // Each number is the command under that heading.
    for (const alternative of alternatives) {
      for (const number of alternative.commands) assert.equal(mitigation.commands.find((command) => command.index === number - 1)?.heading, alternative.label);
    }
    assert.equal(riskyCommandCount(mitigation, alternatives), 7);
  });
});
