import { UsageError } from './command.ts';

/**
 * Bad values caught by the library (an unknown severity, a bad month, an
 * incident id that cannot be one) are usage errors: exit 2 with the message.
 */
export async function withUsageErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    // By name: the incident area's IncidentInputError, without loading that area for every command.
    if (error instanceof Error && error.name === 'IncidentInputError') throw new UsageError(error.message);
    throw error;
  }
}
