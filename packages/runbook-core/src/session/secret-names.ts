/**
 * Names that read as credentials: a variable so named is secret without
 * being declared (`secret: false` in the frontmatter says otherwise). The one
 * table of the CLI, the editor and library users, through the run session.
 * Matched case-insensitively.
 */
export const credentialNames = {
  /** The name is one of these, or ends with `_` and one of these: `SLACK_BOT_TOKEN`, `GITHUB_PAT`, `SENTRY_DSN`. */
  suffixes: [
    'KEY',
    'APIKEY',
    'ACCESSKEY',
    'PRIVATEKEY',
    'TOKEN',
    'AUTH',
    'PASS',
    'PWD',
    'PAT',
    'WEBHOOK',
    'WEBHOOK_URL',
    'DSN',
    'CONNECTION_STRING',
    'CONN_STRING',
    'COOKIE',
  ],
  /** The name holds one of these anywhere: `DB_PASSWORD`, `CLIENT_SECRET`, `AWS_CREDENTIALS`. */
  fragments: ['PASSWORD', 'PASSWD', 'SECRET', 'CREDENTIAL'],
  /** Not credentials though the table matches them: the shell's working directory. */
  exceptions: ['PWD'],
} as const;

const suffixPattern = new RegExp(`(?:^|_)(?:${credentialNames.suffixes.join('|')})$`, 'i');
const fragmentPattern = new RegExp(credentialNames.fragments.join('|'), 'i');
const exceptions = new Set<string>(credentialNames.exceptions);

/** Whether a variable name reads as a credential (see `credentialNames`). */
export function isCredentialName(name: string): boolean {
  if (exceptions.has(name.toUpperCase())) return false;
  return suffixPattern.test(name) || fragmentPattern.test(name);
}

// `scheme://user:password@`: the user part may be empty (`redis://:password@host`).
const urlCredentials = /[A-Za-z][A-Za-z0-9+.-]*:\/\/[^\s:@/?#]*:([^\s@/?#]+)@/g;

/**
 * The passwords written inside URLs in a value (`postgres://app:s3cret@db/x`
 * gives `s3cret`), also percent-decoded when that differs. The rest of the
 * URL is not secret: `DATABASE_URL` is shown with the password masked.
 */
export function urlPasswords(value: string): string[] {
  if (!value.includes('://')) return [];
  const found = new Set<string>();
  for (const match of value.matchAll(urlCredentials)) {
    const password = match[1] as string;
    found.add(password);
    try {
      found.add(decodeURIComponent(password));
    } catch {
      // Not valid percent-encoding: the written form is all there is.
    }
  }
  return [...found];
}
