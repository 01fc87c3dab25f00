import * as incidents from '../../../incident/index.ts';
import { ExitCode } from '../../command.ts';
import { requireIncident } from '../../incident-context.ts';
import type { Invocation } from './flags.ts';
import { noArguments, printJson } from './output.ts';

export async function verify({ context, flags, args, format }: Invocation): Promise<number> {
  const [id, ...extra] = args;
  noArguments('verify', extra);
  const { location, state } = await requireIncident(context, id ?? flags.incident, { orLatest: true });
  const result = await incidents.verifyJournal(state.id, location);
  if (format === 'json') {
    printJson(context, result);
    return result.intact ? ExitCode.ok : ExitCode.failed;
  }
  for (const message of result.messages) {
    if (message !== result.firstProblem) context.stdout.write(`  ${message.reason}\n`);
  }
  if (result.firstProblem) {
    context.stdout.write(`${state.id}: journal broken at ${result.firstProblem.reason}\n`);
    return ExitCode.failed;
  }
  context.stdout.write(`${state.id}: journal intact (${result.events} events)\n`);
  return ExitCode.ok;
}
