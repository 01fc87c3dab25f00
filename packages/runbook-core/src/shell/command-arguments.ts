import type { ShellWord } from './shell-word.ts';

/** How a program reads its options, enough to tell options from operands. */
export interface ArgumentSyntax {
  /** Options whose value may be the next word (`-n ns`, `--namespace ns`). */
  optionsWithValue?: readonly string[];
  /** Options are whole words with one dash (`-auto-approve`, `-KILL`), never clusters like `-rf`. */
  singleDashLong?: boolean;
  /** Go's pflag (kubectl, helm): `-n=app` means `-n app`. */
  pflag?: boolean;
}

export interface CommandOption {
  /** `-r`, `--request`, `-auto-approve`. */
  name: string;
  /** Undefined when absent or only known at run time. */
  value: string | undefined;
  /** Whether the option has a value (known or not). */
  hasValue: boolean;
  /** The words as written, for explanations. */
  raw: string;
  /** The value as written (quotes and `$` kept), when it has one. */
  valueRaw?: string;
}

export interface CommandArguments {
  operands: ShellWord[];
  options: CommandOption[];
  /** Words after `--`, when present. */
  afterDoubleDash: ShellWord[] | undefined;
}

/** Splits a command's arguments the way getopt_long would (options may follow operands). */
export function parseCommandArguments(words: readonly ShellWord[], syntax: ArgumentSyntax): CommandArguments {
  const withValue = optionsWithValue(syntax);
  const result: CommandArguments = { operands: [], options: [], afterDoubleDash: undefined };
  for (let index = 0; index < words.length; index++) {
    const word = words[index]!;
    const text = word.value;
    if (text === undefined || text.length < 2 || text[0] !== '-') {
      result.operands.push(word);
      continue;
    }
    if (text === '--') {
      result.afterDoubleDash = words.slice(index + 1);
      break;
    }
    const next = words[index + 1];
    const takeNext = (name: string): void => {
      const option: CommandOption = { name, value: next?.value, hasValue: next !== undefined, raw: next ? `${word.raw} ${next.raw}` : word.raw };
      if (next) option.valueRaw = next.raw;
      result.options.push(option);
      index++;
    };
    if (text.startsWith('--') || syntax.singleDashLong) {
      const equals = text.indexOf('=');
      if (equals > 0) {
        result.options.push({
          name: text.slice(0, equals),
          value: text.slice(equals + 1),
          hasValue: true,
          raw: word.raw,
          valueRaw: rawAfter(word.raw, text.slice(0, equals + 1)),
        });
      } else if (withValue.has(text) && next !== undefined) {
        takeNext(text);
      } else {
        result.options.push({ name: text, value: undefined, hasValue: false, raw: word.raw });
      }
      continue;
    }
    // A cluster of short options: `-rf`, `-XPOST`, `-sSL`, `-n5`.
    for (let at = 1; at < text.length; at++) {
      const name = `-${text[at]}`;
      if (!withValue.has(name)) {
        result.options.push({ name, value: undefined, hasValue: false, raw: word.raw });
        continue;
      }
      let attached = text.slice(at + 1);
      if (syntax.pflag && at === 1 && attached.startsWith('=')) attached = attached.slice(1);
      if (attached !== '')
        result.options.push({
          name,
          value: attached,
          hasValue: true,
          raw: word.raw,
          valueRaw: rawAfter(word.raw, text.slice(0, text.length - attached.length)),
        });
      else if (next !== undefined) takeNext(name);
      else result.options.push({ name, value: undefined, hasValue: false, raw: word.raw });
      break;
    }
  }
  return result;
}

/** The raw text of a word after its option part (`--context=` in `--context="$X"`), as far as it was written plainly. */
function rawAfter(raw: string, prefix: string): string {
  return raw.startsWith(prefix) ? raw.slice(prefix.length) : raw;
}

const valueSets = new WeakMap<ArgumentSyntax, ReadonlySet<string>>();

function optionsWithValue(syntax: ArgumentSyntax): ReadonlySet<string> {
  let set = valueSets.get(syntax);
  if (!set) {
    set = new Set(syntax.optionsWithValue ?? []);
    valueSets.set(syntax, set);
  }
  return set;
}
