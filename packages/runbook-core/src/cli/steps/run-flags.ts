import { UsageError, type CliContext } from '../command.ts';
import { parseByteSize } from '../../run/log-limit.ts';
import { parseDurationFlag } from '../duration-flag.ts';
import { parseFormatFlag, type OutputFormat } from '../format-flag.ts';
import { parseFlags } from '../parse-flags.ts';
import { parseVarFlags } from '../var-flags.ts';
import { readVarFile } from '../var-file.ts';

/** The flags `runbook run` and `runbook plan` share, checked. */
export interface RunFlags {
  file: string;
  steps: string[];
  all: boolean;
  commands: string[];
  /** `--var-file` values, then `--var` over them. */
  vars: Record<string, string>;
  /** Names given with `--var` on the command line, where other local users can read them. */
  argvVars: string[];
  /** `--var-stdin NAME`: the value comes from stdin (see `readVarStdin`), over `--var-file` and under `--var`. */
  varStdin?: string;
  incident?: string;
  yes: boolean;
  dryRun: boolean;
  timeoutMs?: number;
  /** `--log-limit`, else `RUNBOOK_LOG_LIMIT`: bytes a step's log holds at most. */
  logLimit?: number;
  contextOverride?: string;
  format: OutputFormat;
}

export function readRunFlags(context: CliContext, command: 'run' | 'plan'): RunFlags {
  const { values, positionals } = parseFlags(context.argv, {
    step: { type: 'string', short: 's', multiple: true },
    all: { type: 'boolean' },
    command: { type: 'string', short: 'c', multiple: true },
    heading: { type: 'string', multiple: true },
    var: { type: 'string', multiple: true },
    'var-file': { type: 'string', multiple: true },
    'var-stdin': { type: 'string' },
    incident: { type: 'string' },
    yes: { type: 'boolean', short: 'y' },
    'dry-run': { type: 'boolean' },
    timeout: { type: 'string' },
    'log-limit': { type: 'string' },
    context: { type: 'string' },
    format: { type: 'string' },
  });
  const [file, ...extra] = positionals;
  if (file === undefined) throw new UsageError('missing the runbook file');
  if (extra.length > 0) throw new UsageError(`unexpected argument '${extra[0]}' (choose steps with --step)`);
  if (values.context === '') throw new UsageError('--context needs a context name');
  const flags: RunFlags = {
    file,
    steps: values.step ?? [],
    all: values.all === true,
    // `--heading X` is `--command '#X'`: a heading is never chosen by a bare number.
    commands: [...(values.command ?? []), ...(values.heading ?? []).map((heading) => `#${heading}`)],
    vars: {},
    argvVars: [],
    yes: values.yes === true,
    dryRun: command === 'plan' || values['dry-run'] === true,
    format: parseFormatFlag(values.format),
  };
  const argvVars = parseVarFlags(values.var);
  const fileVars = Object.assign({}, ...(values['var-file'] ?? []).map((file) => readVarFile(file, context.cwd))) as Record<string, string>;
  flags.vars = { ...fileVars, ...argvVars };
  flags.argvVars = Object.keys(argvVars);
  const stdinName = values['var-stdin'];
  if (stdinName !== undefined) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(stdinName)) throw new UsageError(`--var-stdin needs a shell variable name, got '${stdinName}'`);
    if (command === 'plan') throw new UsageError("--var-stdin is for 'runbook run'; plan with --var-file, or without the value");
    flags.varStdin = stdinName;
  }
  if (values.incident !== undefined) flags.incident = values.incident;
  if (values.timeout !== undefined) flags.timeoutMs = parseDurationFlag('--timeout', values.timeout);
  if (values.context !== undefined) flags.contextOverride = values.context;
  const logLimit = readLogLimit(values['log-limit'], context.env.RUNBOOK_LOG_LIMIT);
  if (logLimit !== undefined) flags.logLimit = logLimit;
  if (flags.commands.length > 0 && flags.steps.length !== 1) throw new UsageError('--command needs exactly one --step: the step whose commands to choose');
  return flags;
}

/** The flag wins over the environment; either, when it is not a size, is bad usage. */
function readLogLimit(flag: string | undefined, env: string | undefined): number | undefined {
  const [source, text] = flag !== undefined ? ['--log-limit', flag] : env !== undefined && env !== '' ? ['RUNBOOK_LOG_LIMIT', env] : [];
  if (source === undefined || text === undefined) return undefined;
  const bytes = parseByteSize(text);
  if (bytes === undefined) throw new UsageError(`${source} needs a size in bytes like 1048576, 64k, 100MiB or 1G, got '${text}'`);
  return bytes;
}
