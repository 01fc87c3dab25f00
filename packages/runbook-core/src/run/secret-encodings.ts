/** Encoded forms shorter than this are not looked for: they would match by chance. */
export const MIN_ENCODED_LENGTH = 6;

/**
 * A secret and the encodings of it a step is likely to print or pass on:
 * hex (lower and upper case), URL encoding (`encodeURIComponent`), and
 * base64, standard and URL-safe, at each of the three alignments. Only the
 * base64 characters made of the secret's bits alone are kept, so the form is
 * found inside any framing: `user:secret` (basic auth), `secret\n` (`echo |
 * base64`), a JSON document. Forms shorter than `MIN_ENCODED_LENGTH` are left
 * out, except the secret itself.
 */
export function secretForms(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  const hex = bytes.toString('hex');
  const forms = new Set([secret, hex, hex.toUpperCase(), encodeURIComponent(secret)]);
  for (let offset = 0; offset < 3; offset++) {
    const encoded = Buffer.concat([Buffer.alloc(offset), bytes]).toString('base64');
    // The characters before and after depend on the neighbours, not on the secret.
    const core = encoded.slice(Math.ceil((8 * offset) / 6), Math.floor((8 * (offset + bytes.length)) / 6));
    forms.add(core);
    forms.add(core.replace(/\+/g, '-').replace(/\//g, '_'));
  }
  return [...forms].filter((form) => form.length >= MIN_ENCODED_LENGTH || form === secret);
}
