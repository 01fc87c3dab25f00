// Text from a runbook, a journal or a kubeconfig is anyone's: shown raw, an
// escape sequence in it could retitle the terminal, clear the screen or hide
// the line above, and a bidirectional override could reorder what is read.

/** C0 and C1 controls (newline and tab included: a one-line field stays one line) and DEL. */
const controls = /[\u0000-\u001f\u007f-\u009f]/g;
/** Bidirectional embeddings, overrides and isolates. */
const bidiControls = /[\u202a-\u202e\u2066-\u2069]/g;

/** One line of untrusted text, safe to print: controls shown as `\xNN`, bidi controls as `\u{NNNN}`, a tab as a space. */
export function printable(text: string): string {
  return text
    .replace(/\t/g, ' ')
    .replace(controls, (char) => `\\x${char.charCodeAt(0).toString(16).padStart(2, '0')}`)
    .replace(bidiControls, (char) => `\\u{${char.charCodeAt(0).toString(16)}}`);
}

/** Several lines of untrusted text: each line made printable, the line breaks kept. */
export function printableLines(text: string): string {
  return text.split(/\r?\n/).map(printable).join('\n');
}
