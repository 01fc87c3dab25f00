/**
 * The ways a secret may be written, computed here independently of the
 * redactor's own list: the value, base64 (standard and URL-safe) of the value
 * and of its usual framings, hex, URL encoding.
 */
export function encodingsOf(secret: string): string[] {
  const base64 = (text: string): string[] => {
    const standard = Buffer.from(text, 'utf8').toString('base64');
    return [standard, standard.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')];
  };
  const hex = Buffer.from(secret, 'utf8').toString('hex');
  return [
    secret,
    ...base64(secret),
    ...base64(`user:${secret}`),
    ...base64(`${secret}\n`),
    ...base64(`{"token":"${secret}"}`),
    hex,
    hex.toUpperCase(),
    encodeURIComponent(secret),
  ];
}

/** The first encoding of a secret found whole in the text, if any. */
export function leakedForm(text: string, secret: string): string | undefined {
  return encodingsOf(secret).find((form) => text.includes(form));
}
