/** Written by the harness beside the bundled in-host tests; read by `run()` in the host. */
export interface HostConfig {
  /** The repository's mocha package folder. */
  mocha: string;
  specs: { source: string; built: string }[];
  /** Where `run()` writes the results. */
  results: string;
}

export interface HostTestResult {
  /** Source file name of the spec, e.g. `codelens.host.ts`. */
  spec: string;
  title: string;
  state: 'passed' | 'failed';
  error?: string;
}
