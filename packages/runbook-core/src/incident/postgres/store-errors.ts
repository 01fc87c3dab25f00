import { IncidentInputError } from '../incident-input-error.ts';
import { errorCode, JournalStorageError } from '../journal-storage-error.ts';

/** The code of a `JournalStorageError` that means the database could not be reached (the offline store's cue). */
export const unreachableCode = 'UNREACHABLE';

// Socket errors, and SQLSTATE classes 08 (connection) and 57P (the server shutting down or starting).
const socketCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE', 'ECONNABORTED']);
const unreachableMessages =
  /Connection terminated|timeout exceeded when trying to connect|Query read timeout|Connection ended|not queryable|Client has encountered a connection error/i;

// Node's certificate checks (tls), and the server's name not on its certificate.
const untrustedCodes = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_REVOKED',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'CERT_SIGNATURE_FAILURE',
  'INVALID_CA',
]);
const wrongNameCodes = new Set(['ERR_TLS_CERT_ALTNAME_INVALID', 'HOSTNAME_MISMATCH']);

/** The code of a `JournalStorageError` that means TLS to the database failed: a setting to fix, not an outage to wait out. */
export const tlsCode = 'TLS';

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
  const tls = tlsFailure(error);
  if (tls !== undefined) return new JournalStorageError(location, tlsCode, tls, 'use');
  if (isUnreachable(error)) {
    const detail = error instanceof Error && error.message !== '' ? error.message : String(errorCode(error) ?? error);
    return new JournalStorageError(location, unreachableCode, `the database cannot be reached (${detail})`, 'use');
  }
  const code = errorCode(error);
  if (code === '23503' && incidentId !== undefined) return new IncidentInputError('incident', incidentId, `does not exist in ${location}`);
  if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) {
    const message = error instanceof Error ? error.message : code;
    // pg_hba.conf has no line for a plain connection: say which setting asks for TLS.
    const hint =
      code === '28000' && /no encryption$/.test(message) ? ' (the server accepts only TLS: set store.sslmode to require, verify-ca or verify-full)' : '';
    return new JournalStorageError(location, code, `${message}${hint}`, 'use');
  }
  return error;
}

/** What went wrong with TLS, in words that name the setting to look at; undefined when `error` is not about TLS. */
function tlsFailure(error: unknown): string | undefined {
  const code = errorCode(error);
  const message = error instanceof Error ? error.message : String(error);
  if (typeof code === 'string' && untrustedCodes.has(code)) {
    return `the server's certificate is not trusted (${message}); check that store.ca names the CA that signed it`;
  }
  if (typeof code === 'string' && wrongNameCodes.has(code)) {
    return `the server's certificate is not for this host (${message}); connect by a name on the certificate, or set store.sslmode to verify-ca`;
  }
  if (message === 'The server does not support SSL connections') {
    return "the server does not accept TLS; turn ssl on at the server, or set store.sslmode to 'disable'";
  }
  if (typeof code === 'string' && code.startsWith('ERR_SSL_')) return `TLS to the server failed (${message})`;
  return undefined;
}
