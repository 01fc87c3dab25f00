import { existsSync, readFileSync } from 'node:fs';
import { IncidentInputError } from './incident-input-error.ts';

/**
 * The workspace's `runbook.config.json` as one JSON object (a byte order mark
 * allowed), `{}` when there is none; every incident setting (store, people,
 * slack) is read through here, so each says the same about a broken file.
 */
export function readWorkspaceConfig(file: string): Record<string, unknown> {
  if (!existsSync(file)) return {};
  let value: unknown;
  try {
    const text = readFileSync(file, 'utf8');
    value = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    throw new IncidentInputError(file, '', `cannot be read as JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new IncidentInputError(file, '', 'must be a JSON object');
  return value as Record<string, unknown>;
}
