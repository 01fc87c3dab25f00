import type { IncidentState, Runbook } from 'runbook-core';

export interface StepValues {
  variables: Record<string, string>;
  incident: Record<string, string>;
  /** Values to redact: every secret variable's value. */
  secrets: string[];
}

/**
 * The values the editor shows for `${VAR}` (hovers, inlay hints, copied
 * templates): declared variables in the run session's order — what earlier
 * steps of the incident exported, else the environment, else the declared
 * default — and the incident's own. Runs never use this: they go through
 * core's run session.
 */
export function stepValues(runbook: Runbook, incident: IncidentState | undefined, env: NodeJS.ProcessEnv): StepValues {
  const variables: Record<string, string> = {};
  const secrets: string[] = [];
  for (const [name, declaration] of Object.entries(runbook.meta.variables)) {
    const value = incident?.variables.get(name)?.value ?? env[name] ?? declaration.default;
    if (value === undefined) continue;
    variables[name] = value;
    if (declaration.secret) secrets.push(value);
  }
  return { variables, incident: incident ? incidentValues(incident) : {}, secrets };
}

/** The names under which steps and templates see the incident. */
export const INCIDENT_VARIABLES = ['INCIDENT_ID', 'INCIDENT_TITLE', 'INCIDENT_SEVERITY', 'INCIDENT_STARTED_AT'] as const;

/** The incident's values, as steps and templates see them. */
export function incidentValues(incident: IncidentState): Record<string, string> {
  const values: Record<string, string> = { INCIDENT_ID: incident.id };
  if (incident.title !== undefined) values.INCIDENT_TITLE = incident.title;
  if (incident.severity !== undefined) values.INCIDENT_SEVERITY = incident.severity;
  if (incident.startedAt !== undefined) values.INCIDENT_STARTED_AT = incident.startedAt;
  return values;
}
