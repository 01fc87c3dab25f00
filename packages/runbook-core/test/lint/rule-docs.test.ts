import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { builtinRules, ruleDocsUrl } from 'runbook-core';

const docs = new URL('../../../../docs/rules/', import.meta.url).pathname;

describe('lint rule documentation', () => {
  const index = readFileSync(`${docs}README.md`, 'utf8');

  for (const rule of builtinRules) {
    it(`${rule.id}: has its page, linked from the rule and listed in the index`, () => {
      assert.equal(rule.url, ruleDocsUrl(rule.id));
      assert.ok(rule.url.endsWith(`/docs/rules/${rule.id}.md`));
      const page = `${docs}${rule.id}.md`;
      assert.ok(existsSync(page), `docs/rules/${rule.id}.md`);
      const text = readFileSync(page, 'utf8');
      assert.ok(text.startsWith(`# ${rule.id}\n`));
      assert.match(text, new RegExp(`Default severity: [^.]*${rule.defaultSeverity}`));
      assert.match(text, rule.fixable ? /Fixable: yes\./ : /Fixable: no\./);
      const row = index.split('\n').find((line) => line.startsWith(`| [${rule.id}](${rule.id}.md) |`));
      assert.ok(row, `the index lists ${rule.id}`);
      assert.equal(row.split('|')[3]!.trim() === 'yes', rule.fixable, `the index says whether ${rule.id} is fixable`);
      for (const option of Object.keys(rule.options ?? {})) assert.match(text, new RegExp(`\`${option}\``), `documents option ${option}`);
    });
  }
});
