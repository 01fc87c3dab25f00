import { usableSecrets } from './stream-redactor.ts';

/** Encoded forms shorter than this are not looked for: they would match by chance. */
const minimumFormLength = 6;

/**
 * Names of exported values that hold a secret, as written or encoded the way
 * a step passes one on: base64 (standard or URL-safe, at any alignment, so a
 * token inside `user:token` is found), hex, or URL encoding.
 */
export function secretExportNames(exported: Readonly<Record<string, string>>, secrets: Iterable<string>): string[] {
  const values = usableSecrets(secrets);
  if (values.length === 0) return [];
  const forms = [...new Set(values.flatMap(secretForms))];
  return Object.entries(exported)
    .filter(([, value]) => forms.some((form) => value.includes(form)))
    .map(([name]) => name);
}

/** A secret and the encodings of it worth looking for. */
export function secretForms(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  const hex = bytes.toString('hex');
  const forms = [secret, hex, hex.toUpperCase(), encodeURIComponent(secret)];
  for (let offset = 0; offset < 3; offset++) {
    const encoded = Buffer.concat([Buffer.alloc(offset), bytes]).toString('base64');
    // Only the characters made of the secret's bits alone: the neighbours change the others.
    const core = encoded.slice(Math.ceil((8 * offset) / 6), Math.floor((8 * (offset + bytes.length)) / 6));
    forms.push(core, core.replace(/\+/g, '-').replace(/\//g, '_'));
  }
  return forms.filter((form) => form.length >= minimumFormLength || form === secret);
}
