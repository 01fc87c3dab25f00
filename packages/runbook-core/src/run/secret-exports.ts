import { secretForms } from './secret-encodings.ts';
import { usableSecrets } from './stream-redactor.ts';

export { secretForms } from './secret-encodings.ts';

/**
 * Names of exported values that hold a secret, as written or encoded the way
 * a step passes one on (see `secretForms`): base64 at any alignment, so a
 * token inside `user:token` is found, also wrapped over lines as `base64`
 * prints it; hex; URL encoding.
 */
export function secretExportNames(exported: Readonly<Record<string, string>>, secrets: Iterable<string>): string[] {
  const holdsSecret = secretDetector(secrets);
  return Object.entries(exported)
    .filter(([, value]) => holdsSecret(value))
    .map(([name]) => name);
}

/** A test for values holding one of the secrets or an encoded form of one. */
export function secretDetector(secrets: Iterable<string>): (value: string) => boolean {
  const forms = [...new Set(usableSecrets(secrets).flatMap(secretForms))];
  if (forms.length === 0) return () => false;
  return (value) => {
    const unwrapped = value.replace(/\s+/g, '');
    return forms.some((form) => value.includes(form) || unwrapped.includes(form));
  };
}
