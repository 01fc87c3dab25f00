import type { IncidentState, Runbook } from 'runbook-core';
import { stepValues } from './run/step-values.ts';

/** `${VAR}` values in the editor: declared variables, then the incident's; secret names to mask. */
export function templateValues(runbook: Runbook, incident: IncidentState | undefined): { values: Record<string, string>; secretNames: string[] } {
  const { variables, incident: incidentVariables } = stepValues(runbook, incident, process.env);
  const secretNames = Object.entries(runbook.meta.variables)
    .filter(([, declaration]) => declaration.secret)
    .map(([name]) => name);
  return { values: { ...variables, ...incidentVariables }, secretNames };
}
