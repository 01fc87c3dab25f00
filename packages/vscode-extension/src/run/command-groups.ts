import type { ShellCommand, Step } from 'runbook-core';

/** Commands of a block that can run alone: one group per heading comment, or per command when none has one. */
export interface CommandGroup {
  heading?: string;
  commands: ShellCommand[];
}

export function commandGroups(step: Pick<Step, 'commands'>): CommandGroup[] {
  if (step.commands.length < 2) return [];
  if (!step.commands.some((command) => command.heading !== undefined)) {
    return step.commands.map((command) => ({ commands: [command] }));
  }
  const groups: CommandGroup[] = [];
  for (const command of step.commands) {
    if (command.heading === undefined) continue;
    const last = groups.at(-1);
    const lastCommand = last?.commands.at(-1);
    if (last && last.heading === command.heading && lastCommand?.index === command.index - 1) last.commands.push(command);
    else groups.push({ heading: command.heading, commands: [command] });
  }
  return groups;
}
