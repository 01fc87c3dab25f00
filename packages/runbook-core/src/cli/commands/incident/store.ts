import { initSharedStore } from '../../../incident/postgres/init-shared-store.ts';
import { UsageError } from '../../command.ts';
import { findWorkspace } from '../../workspace.ts';
import type { Invocation } from './flags.ts';
import { show } from './output.ts';

/** `runbook incident store init [role…]`: what the database's owner runs once, and after each upgrade. */
export async function store({ context, args, format }: Invocation): Promise<number> {
  const [action, ...roles] = args;
  if (action !== 'init') throw new UsageError(`store takes 'init' (got ${action === undefined ? 'nothing' : `'${action}'`})`);
  const result = await initSharedStore(findWorkspace(context.cwd, context.env), roles, context.env);
  return show(context, format, result, () => {
    const schema =
      result.applied.length === 0
        ? `schema at version ${result.to}, nothing to migrate`
        : `schema migrated from version ${result.from} to ${result.to} (${result.applied.map((step) => step.name).join('; ')})`;
    const granted = result.granted.length === 0 ? '' : `; ${result.granted.join(', ')} may now add and read incidents (not change or delete them)`;
    return `${result.url}: ${schema}${granted}; ${result.people} display names from runbook.config.json.\n`;
  });
}
