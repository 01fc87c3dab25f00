/**
 * What a step may hand to later steps through `export`: data, not
 * configuration. A name that changes how a shell, the dynamic loader or a
 * language runtime starts would run code in, or reroute, every later step of
 * the incident, so it is never carried; nor is a value too large for the
 * next process's environment (`E2BIG`).
 */

/** Why an exported variable was not carried to later steps. */
export interface DroppedExport {
  name: string;
  reason: string;
}

/**
 * Names never carried, by what they change. One table: the docs and the
 * journal show the reason given here.
 */
export const startupVariables: ReadonlyMap<string, string> = new Map(
  (
    [
      ['runs code when a shell starts', 'BASH_ENV ENV ZDOTDIR PROMPT_COMMAND PS0 PS1 PS2 PS4 SHELLOPTS BASHOPTS HISTFILE INPUTRC'],
      ['changes how a shell splits words and finds programs', 'IFS PATH CDPATH GLOBIGNORE FPATH BASH_LOADABLES_PATH'],
      ['loads code into every program started', 'LD_PRELOAD LD_LIBRARY_PATH LD_AUDIT LD_BIND_NOW LD_DEBUG LD_PROFILE GCONV_PATH MALLOC_CONF'],
      [
        'changes what a language runtime loads at start',
        'NODE_OPTIONS NODE_PATH PYTHONSTARTUP PYTHONPATH PYTHONHOME PYTHONINSPECT PERL5OPT PERL5LIB PERLLIB RUBYOPT RUBYLIB JAVA_TOOL_OPTIONS _JAVA_OPTIONS JDK_JAVA_OPTIONS',
      ],
      [
        'changes which program or credentials a tool uses',
        'GIT_SSH GIT_SSH_COMMAND GIT_EXEC_PATH GIT_CONFIG_GLOBAL GIT_CONFIG_SYSTEM SSH_ASKPASS SUDO_ASKPASS EDITOR VISUAL PAGER KUBECONFIG KUBECTL_EXTERNAL_DIFF HELM_PLUGINS AWS_CONFIG_FILE AWS_SHARED_CREDENTIALS_FILE DOCKER_HOST DOCKER_CONFIG HOME TMPDIR SHELL',
      ],
    ] as const
  ).flatMap(([reason, names]) => names.split(' ').map((name) => [name, reason] as const)),
);

/** Families matched by prefix: the loader's and bash's exported functions. */
const startupPrefixes: ReadonlyArray<readonly [string, string]> = [
  ['LD_', 'loads code into every program started'],
  ['DYLD_', 'loads code into every program started'],
  ['BASH_FUNC_', 'defines a shell function in every later bash'],
  ['GIT_CONFIG_', 'changes which program or credentials a tool uses'],
];

/** Bytes of one exported value carried to later steps (Linux refuses one argument or variable over 128 KiB). */
export const maxExportBytes = 64 * 1024;
/** Bytes of all exported values of one step carried to later steps. */
export const maxExportsTotalBytes = 256 * 1024;

/** Why `name` is never carried, or `undefined` when it may be. */
export function startupVariableReason(name: string): string | undefined {
  const exact = startupVariables.get(name);
  if (exact !== undefined) return exact;
  return startupPrefixes.find(([prefix]) => name.startsWith(prefix))?.[1];
}

/**
 * Splits a step's exports into those carried and those dropped (with the
 * reason each one's entry in the journal shows). Values are never put in a
 * reason: they may be secret.
 */
export function carryExports(exported: Readonly<Record<string, string>>): { carried: Record<string, string>; dropped: DroppedExport[] } {
  const carried: Record<string, string> = {};
  const dropped: DroppedExport[] = [];
  let total = 0;
  for (const [name, value] of Object.entries(exported)) {
    const startup = startupVariableReason(name);
    if (startup !== undefined) {
      dropped.push({ name, reason: `not carried to later steps: ${name} ${startup}` });
      continue;
    }
    const bytes = Buffer.byteLength(value, 'utf8');
    if (bytes > maxExportBytes) {
      dropped.push({ name, reason: `not carried to later steps: its value is ${bytes} bytes, over the limit of ${maxExportBytes} for one exported value` });
      continue;
    }
    if (total + bytes > maxExportsTotalBytes) {
      dropped.push({ name, reason: `not carried to later steps: the step's exported values pass the limit of ${maxExportsTotalBytes} bytes in all` });
      continue;
    }
    total += bytes;
    carried[name] = value;
  }
  return { carried, dropped };
}
