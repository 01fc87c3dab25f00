import type { RunbookMeta } from '../model.ts';

// Undeclared names that read as credentials (`PAGERDUTY_API_KEY`, `SLACK_BOT_TOKEN`, `DB_PASSWORD`).
const credentialLike = /(?:^|_)(?:API_?KEY|ACCESS_?KEY|PRIVATE_?KEY|KEY|TOKEN|AUTH|PASS|PWD)$|PASSW(?:OR)?D|SECRET|CREDENTIAL/i;
// The shell's own working-directory variable, not a password.
const notCredentials = new Set(['PWD']);

/**
 * A secret is never written to disk and is redacted wherever output goes: a
 * variable the runbook declares `secret: true`, or an undeclared one named like
 * a credential. A declaration's `secret: false` is believed.
 */
export function isSecretVariable(meta: Pick<RunbookMeta, 'variables'>, name: string): boolean {
  const declared = Object.hasOwn(meta.variables, name) ? meta.variables[name] : undefined;
  return declared === undefined ? credentialLike.test(name) && !notCredentials.has(name) : declared.secret;
}
