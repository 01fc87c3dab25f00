import { isCredentialName } from '../../session/secret-names.ts';

/** A credential format recognisable on its own, wherever it is written. */
export interface SecretShape {
  /** With its article, as it starts a sentence's subject: `an AWS access key id`. */
  kind: string;
  pattern: RegExp;
}

export const secretShapes: readonly SecretShape[] = [
  { kind: 'an AWS access key id', pattern: /\b(?:AKIA|ASIA|ABIA|ACCA)[0-9A-Z]{16}\b/g },
  { kind: 'a GitHub token', pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{22,255})\b/g },
  { kind: 'a GitLab token', pattern: /\bglpat-[A-Za-z0-9_-]{20,}\b/g },
  { kind: 'a Slack token', pattern: /\bxox[baprse]-[A-Za-z0-9-]{10,}\b/g },
  { kind: 'a Slack webhook URL', pattern: /https:\/\/hooks\.slack\.com\/services\/T[A-Z0-9]{6,}\/B[A-Z0-9]{6,}\/[A-Za-z0-9]{16,}/g },
  { kind: 'a Stripe live key', pattern: /\b[rs]k_live_[0-9A-Za-z]{20,}\b/g },
  { kind: 'a Google API key', pattern: /\bAIza[0-9A-Za-z_-]{35}\b/g },
  { kind: 'an OpenAI API key', pattern: /\bsk-(?:proj-)?[A-Za-z0-9_-]{20,}T3BlbkFJ[A-Za-z0-9_-]{20,}\b/g },
  { kind: 'an npm token', pattern: /\bnpm_[A-Za-z0-9]{36}\b/g },
  { kind: 'a JSON Web Token', pattern: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{16,}/g },
  // A key block counts only with a body: `-----BEGIN … KEY-----\n...` is an example.
  { kind: 'a private key', pattern: /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----[^\n]*\n(?:[^\n]*\n){0,5}?[ \t>]*[A-Za-z0-9+/=]{40,}/g },
];

/**
 * Names whose value is a credential, by the one table every front-end uses
 * (`credentialNames`), written in any style a runbook holds: `DB_PASSWORD`,
 * `apiKey`, `api-key`, `client.secret`.
 */
export const credentialName = {
  test: (name: string): boolean => !fieldNames.has(name) && isCredentialName(asVariableName(name)),
};

/** Field names of structured text that the table would take for credentials: `key:` of a label or a taint. */
const fieldNames = new Set(['key', 'Key']);

/** `apiKey`, `api-key` and `api.key` as the table reads them: `api_Key`, `api_key`. */
function asVariableName(name: string): string {
  return name.replace(/([a-z])([A-Z])/g, '$1_$2').replace(/[-.\s]+/g, '_');
}

const placeholder =
  /^(?:<.*>|\[.*\]|\{.*\}|\(.*\)|[xX*._#-]+|.*(?:example|xxxx|dummy|fake|sample|placeholder|changeme|change[-_]me|redacted|your[-_]|my[-_]?(?:secret|token|password)|replace|insert|todo|\.\.\.|…).*|password\d*|secret|token|test|none|null|true|false|undefined|string|value)$/i;

/** Whether a written value is a stand-in rather than a credential. */
export function isPlaceholderValue(value: string): boolean {
  return (
    placeholder.test(value) ||
    isResourceName(value) ||
    /\$[({A-Za-z_]|\{\{|%[A-Z_]+%/.test(value) ||
    value.startsWith('/') ||
    value.startsWith('./') ||
    value.startsWith('~/')
  );
}

/**
 * A Kubernetes-style name (`prometheus-k8s-dockercfg-6wl6b`): lower-case
 * words joined by `-` or `.`. Secrets are referred to by such names; the
 * credentials themselves are not written that way.
 */
function isResourceName(value: string): boolean {
  return /^[a-z0-9]+(?:[-.][a-z0-9]+)+$/.test(value) && !/^[a-z]+-[A-Za-z0-9]{20,}$/.test(value);
}

/** Bits per character: random keys score above 3.5, words and ids below. */
export function shannonEntropy(text: string): number {
  const counts = new Map<string, number>();
  for (const char of text) counts.set(char, (counts.get(char) ?? 0) + 1);
  let entropy = 0;
  for (const count of counts.values()) {
    const p = count / text.length;
    entropy -= p * Math.log2(p);
  }
  return entropy;
}

/**
 * A literal that reads as a generated credential: long enough, mixed
 * character classes, high entropy. Passwords chosen by people are caught by
 * name instead (`looksLikePassword`).
 */
export function looksGenerated(value: string): boolean {
  if (value.length < 16) return false;
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((pattern) => pattern.test(value)).length;
  return classes >= 2 && shannonEntropy(value) >= 3.5;
}

/** A password-named value that is a real word or phrase, not a stand-in. */
export function looksLikePassword(value: string): boolean {
  return (value.length >= 6 && !/^[a-z]+(?:[-_][a-z]+)*$/.test(value)) || looksGenerated(value);
}
