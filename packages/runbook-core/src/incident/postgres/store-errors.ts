import { IncidentInputError } from '../incident-input-error.ts';
import { errorCode, JournalStorageError } from '../journal-storage-error.ts';

/** The code of a `JournalStorageError` that means the database could not be reached (the offline store's cue). */
export const unreachableCode = 'UNREACHABLE';

// Socket errors, and SQLSTATE classes 08 (connection) and 57P (the server shutting down or starting).
const socketCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE', 'ECONNABORTED']);
const unreachableMessages =
  /Connection terminated|timeout exceeded when trying to connect|Query read timeout|Connection ended|not queryable|Client has encountered a connection error/i;

/** Whether `error` says the server cannot be reached now (as opposed to refusing what was asked). */
export function isUnreachable(error: unknown): boolean {
  if (error instanceof JournalStorageError) return error.code === unreachableCode;
  const code = errorCode(error);
  if (typeof code === 'string' && (socketCodes.has(code) || code.startsWith('08') || code.startsWith('57P'))) return true;
  if (error instanceof AggregateError) return error.errors.some(isUnreachable);
  return error instanceof Error && unreachableMessages.test(error.message);
}

/** A database error as the store reports it: unreachable, unknown incident, or a storage error with the server's words. */
export function storeError(error: unknown, location: string, incidentId?: string): unknown {
  if (error instanceof JournalStorageError || error instanceof IncidentInputError) return error;
  if (isUnreachable(error)) {
    const detail = error instanceof Error && error.message !== '' ? error.message : String(errorCode(error) ?? error);
    return new JournalStorageError(location, unreachableCode, `the database cannot be reached (${detail})`, 'use');
  }
  const code = errorCode(error);
  if (code === '23503' && incidentId !== undefined) return new IncidentInputError('incident', incidentId, `does not exist in ${location}`);
  if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) {
    return new JournalStorageError(location, code, error instanceof Error ? error.message : code, 'use');
  }
  return error;
}
