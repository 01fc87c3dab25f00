/**
 * Values every step of an incident session receives in its environment.
 * The runner and the editor provide them; lint treats them as declared.
 */
export const incidentVariables: readonly string[] = ['INCIDENT_ID', 'INCIDENT_TITLE', 'INCIDENT_SEVERITY', 'INCIDENT_STARTED_AT'];

/** Values a template is rendered with (the status update): the incident's, plus these. */
export const templateVariables: readonly string[] = [...incidentVariables, 'SEVERITY', 'SEVERITY_LABEL', 'STATUS', 'START_TIME', 'NEXT_UPDATE', 'DURATION'];
