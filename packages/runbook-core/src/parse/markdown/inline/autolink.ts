import { AT, COLON, DASH, DOT, GREATER_THAN, isAsciiAlpha, isAsciiAlphanumeric, isAsciiControl, LESS_THAN, PLUS, SPACE } from '../character-codes.ts';

function isSchemeCharacter(code: number): boolean {
  return code === PLUS || code === DASH || code === DOT || isAsciiAlphanumeric(code);
}

// `#`–`'`, `*`, `+`, `-`–`9`, `=`, `?`, `A`–`Z`, `^`–`~`: what an email's local part may hold.
function isEmailAtext(code: number): boolean {
  return (
    (code >= 35 && code <= 39) ||
    code === 42 ||
    code === 43 ||
    (code >= 45 && code <= 57) ||
    code === 61 ||
    code === 63 ||
    (code >= 65 && code <= 90) ||
    (code >= 94 && code <= 126)
  );
}

/**
 * End (after the `>`) of the autolink `<scheme:…>` or `<local@domain>` whose
 * `<` is at `at`, or -1. A URL autolink always holds a `:`, an email one never.
 */
export function autolinkEnd(input: string, at: number): number {
  const index = at + 1;
  const first = input.charCodeAt(index);
  if (isAsciiAlpha(first)) {
    // A scheme: 2 to 32 characters, then `:`.
    let end = index + 1;
    while (end - index < 32 && isSchemeCharacter(input.charCodeAt(end))) end++;
    if (end - index >= 2 && input.charCodeAt(end) === COLON) return urlEnd(input, end + 1);
  } else if (first === AT) {
    return -1;
  }
  return emailEnd(input, index);
}

function urlEnd(input: string, from: number): number {
  for (let index = from; index < input.length; index++) {
    const code = input.charCodeAt(index);
    if (code === GREATER_THAN) return index + 1;
    if (code === SPACE || code === LESS_THAN || isAsciiControl(code)) return -1;
  }
  return -1;
}

function emailEnd(input: string, from: number): number {
  let index = from;
  while (isEmailAtext(input.charCodeAt(index))) index++;
  if (index === from || input.charCodeAt(index) !== AT) return -1;
  index++;
  // Domain labels: alphanumeric at both ends, `-` inside, at most 63 long.
  for (;;) {
    const labelStart = index;
    if (!isAsciiAlphanumeric(input.charCodeAt(index))) return -1;
    while (index - labelStart < 63 && (isAsciiAlphanumeric(input.charCodeAt(index)) || input.charCodeAt(index) === DASH)) index++;
    if (input.charCodeAt(index - 1) === DASH) return -1;
    const code = input.charCodeAt(index);
    if (code === GREATER_THAN) return index + 1;
    if (code !== DOT) return -1;
    index++;
  }
}
