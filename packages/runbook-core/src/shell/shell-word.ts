import type { SyntaxNode } from './syntax-node.ts';
import { ownValue } from './own-value.ts';

/** One word of a command as the shell would see it. */
export interface ShellWord {
  /** The word after quote removal, or undefined when it holds an expansion (`$X`, `$(…)`). */
  value: string | undefined;
  /** The word as written. */
  raw: string;
  /**
   * The word's text to re-parse as a script (`bash -c '…'`): quotes removed,
   * expansions kept as written so they stay visible to the analysis.
   */
  script: string;
}

/** A word with a known value, for words that come from data rather than code. */
export function literalWord(value: string): ShellWord {
  return { value, raw: value, script: value };
}

export function shellWord(node: SyntaxNode, code: string): ShellWord {
  const raw = code.slice(node.start, node.end);
  return { value: staticValue(node, code), raw, script: scriptText(node, code, raw) };
}

function staticValue(node: SyntaxNode, code: string): string | undefined {
  switch (node.type) {
    case 'word':
    case 'number':
      return unescapeUnquoted(code.slice(node.start, node.end));
    case 'raw_string':
      return code.slice(node.start + 1, node.end - 1);
    case 'ansi_c_string':
      return unescapeAnsiC(code.slice(node.start + 2, node.end - 1));
    case 'string':
    case 'translated_string': {
      let value = '';
      for (const child of node.children) {
        if (child.type === 'string_content') value += unescapeDoubleQuoted(code.slice(child.start, child.end));
        else if (child.named) return undefined;
      }
      return value;
    }
    case 'concatenation': {
      let value = '';
      for (const child of node.children) {
        const part = staticValue(child, code);
        if (part === undefined) return undefined;
        value += part;
      }
      return value;
    }
    case 'command_name': {
      const [only] = node.children;
      return only ? staticValue(only, code) : undefined;
    }
    default:
      return undefined;
  }
}

function scriptText(node: SyntaxNode, code: string, raw: string): string {
  const value = staticValue(node, code);
  if (value !== undefined) return value;
  if (node.type === 'string' && raw.startsWith('"') && raw.endsWith('"') && raw.length >= 2) return raw.slice(1, -1);
  return raw;
}

function unescapeUnquoted(text: string): string {
  return text.includes('\\') ? text.replace(/\\\r?\n/g, '').replace(/\\(.)/gs, '$1') : text;
}

function unescapeDoubleQuoted(text: string): string {
  return text.includes('\\') ? text.replace(/\\\r?\n/g, '').replace(/\\([$`"\\])/g, '$1') : text;
}

const ansiEscapes: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', e: '\x1b', f: '\f', v: '\v' };

function unescapeAnsiC(text: string): string {
  return text.replace(/\\(.)/gs, (whole, char: string) => ownValue(ansiEscapes, char) ?? whole);
}
