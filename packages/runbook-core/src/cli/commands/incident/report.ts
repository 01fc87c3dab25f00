import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import * as incidents from '../../../incident/index.ts';
import { ExitCode } from '../../command.ts';
import { formatMetrics, metricsCsv } from '../../format-incident-metrics.ts';
import { incidentLocation } from '../../incident-store-choice.ts';
import type { Invocation } from './flags.ts';
import { noArguments, printJson } from './output.ts';

export async function report({ context, flags, args, format }: Invocation): Promise<number> {
  noArguments('report', args);
  const metrics = incidents.incidentMetrics(await incidents.loadIncidents(await incidentLocation(context)), {
    ...(flags.month === undefined ? {} : { month: flags.month }),
    ...(flags.from === undefined ? {} : { from: flags.from }),
    ...(flags.to === undefined ? {} : { to: flags.to }),
  });
  const csv = format === 'csv' || flags.output?.endsWith('.csv') === true;
  if (flags.output !== undefined) {
    const file = resolve(context.cwd, flags.output);
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, csv ? metricsCsv(metrics) : `${JSON.stringify(metrics, null, 2)}\n`);
  }
  if (format === 'json') return printJson(context, metrics);
  if (format === 'csv') {
    context.stdout.write(metricsCsv(metrics));
    return ExitCode.ok;
  }
  context.stdout.write(formatMetrics(metrics));
  if (flags.output !== undefined) context.stdout.write(`Wrote ${flags.output}\n`);
  return ExitCode.ok;
}
