/** A config file or config object that cannot be used; names the file and the key. */
export class LintConfigError extends Error {
  override name = 'LintConfigError';
  /** The config file, or `undefined` for a config given as an object. */
  readonly file: string | undefined;
  /** Dotted path of the offending key, e.g. `rules.fence-language`. */
  readonly key: string;

  constructor(file: string | undefined, key: string, problem: string) {
    super(`${file ?? 'config'}${key ? `: ${key}` : ''}: ${problem}`);
    this.file = file;
    this.key = key;
  }
}
