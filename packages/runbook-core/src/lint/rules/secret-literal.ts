import type { LintRule, RuleContext } from '../rule.ts';
import { ruleDocsUrl } from '../rule.ts';
import { credentialName, isPlaceholderValue, looksGenerated, looksLikePassword, secretShapes } from '../source/secret-shapes.ts';

const authorizationHeader = /\bAuthorization\s*:\s*(Bearer|Token|Basic)\s+(?:token=)?([^\s"'\\`]+)/gi;
// NAME=value, NAME: value, "name": "value", --name=value; the value may be quoted.
const assignment = /(?<![\w$])(?:--)?["']?([A-Za-z_][A-Za-z0-9_.-]*)["']?[ \t]*(?:=|:(?!\/\/))[ \t]*(["']?)([^\s"'`;,)}\]]+)\2/g;

/**
 * Credentials written out in a runbook end up in every clone, fork and
 * journal. Provider key shapes are found anywhere; `Authorization` headers
 * and credential-named assignments only with a literal value (never
 * `${VAR}`, `$(…)` or a `<placeholder>`). Messages never repeat the secret.
 */
export const secretLiteral: LintRule = {
  id: 'secret-literal',
  description: 'No tokens, keys or passwords are written literally',
  url: ruleDocsUrl('secret-literal'),
  defaultSeverity: 'error',
  fixable: false,
  tags: ['safety', 'secrets'],
  check(context) {
    const { source } = context.lines;
    const reported = new Set<number>();
    const found = (start: number, end: number, what: string): void => {
      if (reported.has(start)) return;
      reported.add(start);
      report(context, start, end, what);
    };
    for (const shape of secretShapes) {
      for (const match of source.matchAll(shape.pattern)) {
        if (!isPlaceholderValue(match[0])) found(match.index, match.index + match[0].length, shape.kind);
      }
    }
    for (const match of source.matchAll(authorizationHeader)) {
      const value = match[2]!;
      if (isPlaceholderValue(value) || (!looksGenerated(value) && value.length < 12)) continue;
      const start = match.index + match[0].length - value.length;
      found(start, start + value.length, `an Authorization ${match[1]} credential`);
    }
    for (const match of source.matchAll(assignment)) {
      const [whole, name, , value] = match as unknown as [string, string, string, string];
      if (!credentialName.test(name) || isPlaceholderValue(value)) continue;
      const isPassword = /passw(?:or)?d|pwd$/i.test(name);
      if (!(isPassword ? looksLikePassword(value) : looksGenerated(value))) continue;
      const start = match.index + whole.lastIndexOf(value);
      found(start, start + value.length, `a literal value for '${name}'`);
    }
  },
};

function report(context: RuleContext<Record<string, never>>, start: number, end: number, what: string): void {
  context.report({
    reason: `${what.charAt(0).toUpperCase()}${what.slice(1)} is written in the runbook; reference a secret variable instead (declare it with \`secret: true\` in the frontmatter and use \`\${NAME}\`), and rotate the exposed value`,
    position: context.lines.position(start, end),
  });
}
