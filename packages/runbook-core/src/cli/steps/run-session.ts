import type { Step } from '../../model.ts';
import type { CommandSelector } from '../../run/index.ts';
import { openRunSession as openSession, type RunSession } from '../../session/index.ts';
import { UsageError, type CliContext } from '../command.ts';
import { findIncident } from '../incident-context.ts';
import { loadRunbook } from '../load-runbook.ts';
import { commandSelectors } from './command-flags.ts';
import type { RunFlags } from './run-flags.ts';
import { selectSteps } from './select-steps.ts';

/** A run session opened from the command line, with the steps and commands the flags chose. */
export interface CliRunSession {
  session: RunSession;
  steps: Step[];
  /** `--command` as selectors of the one `--step`; absent: whole blocks. */
  commands?: CommandSelector[];
  flags: RunFlags;
}

/** Opens the session the flags describe; what stops it (a frontmatter that does not parse) is a usage error, exit 2. */
export async function openRunSession(context: CliContext, flags: RunFlags): Promise<CliRunSession> {
  const loaded = await loadRunbook(flags.file, context.cwd);
  const target = await findIncident(context, flags.incident);
  const opened = await openSession({
    runbook: { runbook: loaded.runbook, dir: loaded.dir, source: loaded.source },
    ...(target.id === undefined ? {} : { incident: { ...target.location, id: target.id } }),
    values: flags.vars,
    env: context.env,
    yes: flags.yes,
    purpose: flags.dryRun ? 'plan' : 'run',
    ...(flags.contextOverride === undefined ? {} : { contextOverride: flags.contextOverride }),
    ...(flags.timeoutMs === undefined ? {} : { timeoutMs: flags.timeoutMs }),
    ...(flags.logLimit === undefined ? {} : { logLimit: flags.logLimit }),
  });
  if (!opened.ok) throw new UsageError(opened.message);
  const steps = selectSteps(loaded.runbook, { wanted: flags.steps, all: flags.all, dryRun: flags.dryRun });
  const commands = flags.commands.length === 0 ? undefined : commandSelectors(steps[0]!, flags.commands);
  return { session: opened.session, steps, flags, ...(commands === undefined ? {} : { commands }) };
}
