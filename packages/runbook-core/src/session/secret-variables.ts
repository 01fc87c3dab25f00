import type { RunbookMeta } from '../model.ts';
import { isCredentialName } from './secret-names.ts';

/**
 * A secret is never written to disk and is redacted wherever output goes: a
 * variable the runbook declares `secret: true`, or an undeclared one named like
 * a credential (`credentialNames`). A declaration's `secret: false` is believed.
 */
export function isSecretVariable(meta: Pick<RunbookMeta, 'variables'>, name: string): boolean {
  const declared = Object.hasOwn(meta.variables, name) ? meta.variables[name] : undefined;
  return declared === undefined ? isCredentialName(name) : declared.secret;
}
