export type KubernetesFailureCode = 'unreachable' | 'timeout' | 'canceled' | 'unauthorized' | 'forbidden' | 'not-found' | 'conflict' | 'invalid' | 'api-error';

/** Why a call to the API server failed, as data with one readable sentence. */
export interface KubernetesFailure {
  code: KubernetesFailureCode;
  /** HTTP status when the server answered. */
  status?: number;
  reason: string;
}

const byStatus: Record<number, KubernetesFailureCode> = { 401: 'unauthorized', 403: 'forbidden', 404: 'not-found', 409: 'conflict', 422: 'invalid' };

/**
 * Turns what the client throws (an `ApiException`, a `FetchError`, an abort)
 * into a failure naming what was attempted: `action` reads like
 * "list pods in smartcloudops".
 */
export function describeKubernetesFailure(error: unknown, action: string, server?: string): KubernetesFailure {
  const where = server === undefined ? 'the API server' : `the API server ${server}`;
  if (isApiException(error)) return failureFromStatus(error.code, error.body, action, server);
  const name = (error as { name?: string } | undefined)?.name;
  if (name === 'AbortError' || name === 'TimeoutError') {
    const timedOut = name === 'TimeoutError' || /timeout|timed out/i.test(String((error as Error).message));
    return timedOut
      ? { code: 'timeout', reason: `cannot ${action}: ${where} did not answer in time` }
      : { code: 'canceled', reason: `canceled while trying to ${action}` };
  }
  const errno = (error as { code?: unknown } | undefined)?.code;
  if (typeof errno === 'string' && /^E[A-Z]+$/.test(errno)) {
    return { code: 'unreachable', reason: `cannot ${action}: cannot reach ${where} (${networkReason(errno)})` };
  }
  return { code: 'api-error', reason: `cannot ${action}: ${error instanceof Error ? error.message : String(error)}` };
}

/** The failure for an HTTP answer other than 2xx; `body` is the server's `Status`, as text or object. */
export function failureFromStatus(status: number, body: unknown, action: string, server?: string): KubernetesFailure {
  const where = server === undefined ? 'the API server' : `the API server ${server}`;
  const code = byStatus[status] ?? 'api-error';
  const message = statusMessage(body);
  if (code === 'unauthorized')
    return { code, status, reason: `cannot ${action}: ${where} rejected the credentials (HTTP 401)${message ? `: ${message}` : ''}` };
  return { code, status, reason: `cannot ${action}: ${message ?? `${where} answered HTTP ${status}`}` };
}

/** The failure as an Error, for callers that throw. */
export class KubernetesFailureError extends Error {
  override name = 'KubernetesFailureError';
  constructor(readonly failure: KubernetesFailure) {
    super(failure.reason);
  }
}

function isApiException(error: unknown): error is { code: number; body: unknown } {
  return error instanceof Error && error.constructor.name === 'ApiException' && typeof (error as { code?: unknown }).code === 'number';
}

/** The `message` of a Kubernetes `Status` body, which the client hands over as text or object. */
function statusMessage(body: unknown): string | undefined {
  let status = body;
  if (typeof body === 'string') {
    try {
      status = JSON.parse(body);
    } catch {
      return body.trim() === '' ? undefined : body.trim().slice(0, 300);
    }
  }
  const message = (status as { message?: unknown } | null)?.message;
  return typeof message === 'string' && message !== '' ? message : undefined;
}

function networkReason(errno: string): string {
  switch (errno) {
    case 'ECONNREFUSED':
      return 'connection refused';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'host name not found';
    case 'ETIMEDOUT':
      return 'connection timed out';
    case 'ECONNRESET':
      return 'connection reset';
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return 'no route to host';
    default:
      return errno;
  }
}
