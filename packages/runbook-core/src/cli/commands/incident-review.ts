import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { ExitCode, UsageError, type CliContext } from '../command.ts';
import { requireIncident } from '../incident-context.ts';
import { loadRunbook } from '../load-runbook.ts';

/** What `runbook incident review` reads of the incident command's parsed flags. */
export interface ReviewInvocation {
  context: CliContext;
  flags: { incident?: string | undefined; output?: string | undefined; runbook?: string | undefined };
  args: string[];
  format: string;
}

export const reviewHelp = `  review [id]           the post-incident review as Markdown, from the
                        runbook's review template (else a built-in layout)
                        and the journal   [--output <file>] [--runbook <file>]`;

/**
 * `runbook incident review [id] [--output file] [--runbook file]`: the review
 * of the given, current or latest incident. The template is the runbook's
 * `post-incident-review` (the incident's own runbook unless --runbook names
 * one); without one, the built-in layout. What the journal does not say is
 * listed on stderr.
 */
export async function reviewIncident({ context, flags, args, format }: ReviewInvocation): Promise<number> {
  const [id, ...extra] = args;
  if (extra.length > 0) throw new UsageError(`review: unexpected argument '${extra[0]}'`);
  if (id !== undefined && flags.incident !== undefined && id !== flags.incident)
    throw new UsageError(`review: '${id}' and --incident ${flags.incident} name two incidents`);
  const { location, state } = await requireIncident(context, id ?? flags.incident, { orLatest: true });
  const runbook = await reviewRunbook(context, flags.runbook, state.runbook, location.workspace);
  const { reviewWithRunbook } = await import('../../incident/review-with-runbook.ts');
  const review = reviewWithRunbook(state, runbook);
  if (flags.output !== undefined) {
    const file = resolve(context.cwd, flags.output);
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, review.text);
  }
  if (format === 'json') {
    context.stdout.write(
      `${JSON.stringify({ incident: state.id, template: review.templateId ?? null, missing: review.missing, text: review.text }, null, 2)}\n`,
    );
    return ExitCode.ok;
  }
  if (flags.output === undefined) context.stdout.write(review.text);
  else context.stderr.write(`Wrote the review of ${state.id} to ${flags.output}.\n`);
  if (review.templateId === undefined) context.stderr.write('No post-incident-review template in the runbook; used the built-in layout.\n');
  if (review.missing.length > 0) {
    context.stderr.write(
      `Not recorded in the journal: ${review.missing.join(', ')} (runbook incident note "Root cause: …", "Impact: …"; resolve --summary).\n`,
    );
  }
  return ExitCode.ok;
}

/** The runbook whose review template is used: --runbook, else the incident's own runbook when it is still there. */
async function reviewRunbook(context: CliContext, flag: string | undefined, recorded: string | undefined, workspace: string) {
  const path = flag ?? (recorded === undefined ? undefined : resolve(workspace, recorded));
  if (path === undefined) return undefined;
  try {
    return await loadRunbook(path, context.cwd);
  } catch (error) {
    if (flag !== undefined) throw error;
    context.stderr.write(`runbook incident review: the incident's runbook ${recorded} cannot be read; using the built-in layout.\n`);
    return undefined;
  }
}
