import type { CliCommand } from './command.ts';

/**
 * Commands by name, loaded only when used so `runbook --version` stays fast.
 * Add one line per command; its module default-exports a CliCommand.
 */
export const commands: Record<string, { summary: string; load: () => Promise<{ default: CliCommand }> }> = {
};
