import type { Risk, ShellCommand } from '../../model.ts';

// Reasons that mean "cannot tell", not "this changes something": an unknown
// program, a script run by an interpreter or sourced, code run inside a
// container. A reason naming what runs inside (`bash -c … kubectl delete`) is known.
const guessed =
  /unknown program|only known at run time|unanalysed|could not be analysed|^(?:(?:kubectl|oc) (?:exec|debug|rsh)|python[23]?|node|ruby|perl|php|deno|bun|source|\.|bash|sh|zsh|dash|ksh)(?=\s|$)(?!.*…)/;

/**
 * A command's risk as far as the risk table knows it. The analysis rates an
 * unknown program, a script or code run inside a container `mutate` so the
 * runner asks first; lint reports only what it can name, so such a guess
 * counts as `read` here.
 */
export function knownRisk(command: ShellCommand): Risk {
  if (command.risk === 'read' || guessed.test(command.riskReason ?? '')) return 'read';
  return command.risk;
}
